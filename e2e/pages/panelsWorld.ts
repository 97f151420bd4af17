import type { DemoEmulator } from '../fixtures';

/**
 * The demo workspace the panels, rooms, chats and settings specs run against: the seeded demo plus
 * a few conversations made for them (in the emulator, before the app first reads it), so each spec
 * knows names and ids without depending on what the seed happens to put on top of the inbox.
 */
export interface PanelsWorld {
  me: { userId: string; jid: string; name: string };
  people: Array<{ id: string; name: string; jid: string }>;
  /** Genesys room the user owns, with six fresh messages to pin. */
  pinsRoom: { jid: string; subject: string };
  /** Genesys room the user owns with a thread: root text and reply texts. */
  threadRoom: { jid: string; subject: string; root: string; replies: string[] };
  /** Genesys room someone else owns; the user is a member (not an owner). */
  memberRoom: { jid: string; subject: string };
  /** Genesys room the user is not in (join it by JID). */
  closedRoom: { jid: string; subject: string };
  /** A WhatsApp group (every chat action is supported there). */
  whatsappGroup: { id: string; name: string };
  /** A Slack channel with a thread (root text, reply text). */
  slackChannel: { id: string; name: string; root: string; reply: string };
  /** A LinkedIn 1:1 (mute is supported, archive is not). */
  linkedinChat: { id: string; name: string };
  /** A Telegram group (people can be added and removed). */
  telegramGroup: { id: string; name: string };
  /** Someone in the WhatsApp group (not the user): name and provider id. */
  whatsappContact: { id: string; name: string; providerId: string };
  accounts: Array<{ id: string; type: string; name: string }>;
}

type UnipileChat = { id: string; name: string; account_id: string; account_type: string; type: number; kind: string; read_only: boolean; attendees: number };

export function preparePanelsWorld(into: { world?: PanelsWorld }) {
  return (emu: DemoEmulator): void => {
    const g = (action: string, params?: Record<string, unknown>) => emu.control.act('genesys', action, params);
    const u = (action: string, params?: Record<string, unknown>) => emu.control.act('unipile', action, params);
    const me = g('me') as PanelsWorld['me'];
    const people = (g('people') as PanelsWorld['people']).filter((p) => p.id !== me.userId);
    const [a, b, c, d] = people as [PanelsWorld['people'][number], PanelsWorld['people'][number], PanelsWorld['people'][number], PanelsWorld['people'][number]];

    const room = (subject: string, owner: string, userIds: string[], description?: string) => (g('createRoom', { subject, fromUserId: owner, userIds, ...(description ? { description } : {}) }) as { jid: string }).jid;

    const closedRoom = { jid: room('Closed planning room', a.id, [a.id, b.id], 'Not for everyone'), subject: 'Closed planning room' };
    const memberRoom = { jid: room('Member-only room', a.id, [a.id, me.userId, b.id], 'Owned by someone else'), subject: 'Member-only room' };
    g('post', { roomJid: memberRoom.jid, text: 'Welcome to the member-only room', fromUserId: a.id });

    const threadJid = room('Thread lab', me.userId, [me.userId, a.id, b.id], 'Threads are discussed here');
    const root = 'Should we ship the thread panel today?';
    const rootId = (g('post', { roomJid: threadJid, text: root, fromUserId: a.id }) as { id: string }).id;
    const replies = ['Yes, the specs are green.', 'Ship it after the screenshots.'];
    g('post', { roomJid: threadJid, text: replies[0], fromUserId: b.id, threadId: rootId });
    g('post', { roomJid: threadJid, text: replies[1], fromUserId: a.id, threadId: rootId });

    const pinsJid = room('Pins lab', me.userId, [me.userId, a.id, b.id, c.id, d.id], 'Pinned messages are tried here');
    for (let i = 1; i <= 6; i++) g('post', { roomJid: pinsJid, text: `Pin candidate ${i}`, fromUserId: i % 2 ? a.id : b.id });

    const chats = u('chats') as UnipileChat[];
    const pick = (type: string, kind: string) => {
      const chat = chats.find((x) => x.account_type === type && x.kind === kind && !x.read_only);
      if (!chat) throw new Error(`the demo seed has no writable ${type} ${kind}`);
      return chat;
    };
    const wa = pick('WHATSAPP', 'group');
    const slack = chats.find((x) => x.account_type === 'SLACK' && x.kind !== 'dm' && !x.read_only)!;
    const li = pick('LINKEDIN', 'dm');
    const tg = pick('TELEGRAM', 'group');
    const waPeople = u('attendees', { chatId: wa.id }) as Array<{ id: string; provider_id: string; name: string; is_self: boolean }>;
    const contact = waPeople.find((p) => !p.is_self)!;
    const slackRoot = 'Thread in Slack: who reviews the panel?';
    const slackRootId = (u('post', { chatId: slack.id, text: slackRoot }) as { message_id: string }).message_id;
    const slackReply = 'I will, after lunch.';
    u('post', { chatId: slack.id, text: slackReply, threadId: slackRootId });
    // The newest activity puts these at the top of the inbox.
    u('post', { chatId: li.id, text: 'Are you free for a call this week?' });
    u('post', { chatId: tg.id, text: 'Telegram group check-in' });
    u('post', { chatId: wa.id, text: 'Family dinner on Sunday?' });

    into.world = {
      me,
      people,
      pinsRoom: { jid: pinsJid, subject: 'Pins lab' },
      threadRoom: { jid: threadJid, subject: 'Thread lab', root, replies },
      memberRoom,
      closedRoom,
      whatsappGroup: { id: wa.id, name: wa.name },
      slackChannel: { id: slack.id, name: slack.name, root: slackRoot, reply: slackReply },
      linkedinChat: { id: li.id, name: li.name },
      telegramGroup: { id: tg.id, name: tg.name },
      whatsappContact: { id: contact.id, name: contact.name, providerId: contact.provider_id },
      accounts: (u('accounts') as PanelsWorld['accounts']).map((x) => ({ id: x.id, type: x.type, name: x.name })),
    };
  };
}
