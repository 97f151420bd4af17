import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalog from '../../../../shared/catalog/unipile-messaging.tools.json';
import { conversationSchema, messageSchema, personSchema, type PersonId } from '../../../../shared/domain';
import { PinkfishError } from '../../pinkfish/errors';
import { startClientAgainstEmulator, type ClientAgainstEmulator } from '../../testing/emulatorClient';
import type { ToolCaller } from '../common/caller';
import { collectPages, iteratePages } from '../common/paging';
import { toConversation, toMessage, toPerson, type MapContext } from './mappers';
import { allAttendeesPages, allChatsPages, allMessagesPages, chatAttendeesPages, chatMessagesPages, chatsByAttendeePages, messagesByAttendeePages } from './paging';
import type { UnipileChat } from './schemas';
import { createUnipileProvider, readableUnipileText, type UnipileProvider } from './tools';

/**
 * Every provider function against the emulator over real HTTP (tokens, budget,
 * JSON-RPC, decoding): a success case checked on the mapped domain value or on
 * the state read back, and its error path. One emulator, tests in file order;
 * each test that changes state works on messages or chats it creates, or on
 * state no later test reads. The last test checks every tool was exercised both ways.
 */

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type ControlChat = { id: string; account_id: string; account_type: string; kind: string; type: number; read_only: number };
type ControlAccount = { id: string; type: string; self_attendee_id: string; self_provider_id: string };

let env: ClientAgainstEmulator;
let p: UnipileProvider;
const succeeded = new Set<string>();
const failed = new Set<string>();
let controlChats: ControlChat[];
let accounts: ControlAccount[];

/** Records which tools answered and which failed, so the last test can prove coverage. */
function recording(call: ToolCaller): ToolCaller {
  return async (tool, args, options) => {
    try {
      const result = await call(tool, args, options);
      succeeded.add(tool);
      return result;
    } catch (err) {
      failed.add(tool);
      throw err;
    }
  };
}

const act = <T>(action: string, params: Record<string, unknown> = {}) => env.emulator.control.act('unipile', action, params) as T;
const chatOf = (type: string, kind: string) => {
  const c = controlChats.find((x) => x.account_type === type && x.kind === kind);
  if (!c) throw new Error(`the tiny world has no ${type} ${kind}`);
  return c.id;
};
const account = (type: string) => accounts.find((a) => a.type === type)!;

async function failure(promise: Promise<unknown>): Promise<PinkfishError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the call to fail').toBeInstanceOf(PinkfishError);
  return err as PinkfishError;
}

const UNKNOWN_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
  env = await startClientAgainstEmulator({ scale: 'tiny' });
  p = createUnipileProvider(recording(env.unipile));
  controlChats = act<ControlChat[]>('chats');
  accounts = act<ControlAccount[]>('accounts');
});
afterAll(async () => {
  await env?.stop();
});

/** Attendee lookup by (account, provider id), as the cache would provide it. */
async function peopleContext(): Promise<MapContext> {
  const all = await p.listAllAttendees({ limit: 250 });
  const map = new Map(all.items.map((a) => [`${a.account_id}|${a.provider_id}`, `u:${a.id}` as PersonId]));
  return { personIdForProviderId: (acc, pid) => map.get(`${acc}|${pid}`) };
}

describe('chats', () => {
  it('listAllChats maps every chat to a valid conversation', async () => {
    const list = await p.listAllChats({ limit: 250 });
    expect(list.cursor).toBeNull();
    const conversations = list.items.map((c) => conversationSchema.parse(toConversation(c)));
    expect(conversations).toHaveLength(controlChats.length);
    expect(new Set(conversations.map((c) => c.network))).toEqual(new Set(['whatsapp', 'linkedin', 'slack']));
    const group = conversations.find((c) => c.id === `u:${chatOf('WHATSAPP', 'group')}`)!;
    expect(group).toMatchObject({ kind: 'group', network: 'whatsapp', source: 'unipile', accountId: `u:${account('WHATSAPP').id}`, title: 'Laufgruppe' });
    expect(conversations.find((c) => c.id === `u:${chatOf('SLACK', 'channel')}`)).toMatchObject({ kind: 'channel', network: 'slack', disabled: ['delete', 'forward', 'pins'] });
    expect(conversations.find((c) => c.id === `u:${chatOf('LINKEDIN', 'sponsored')}`)).toMatchObject({ readOnly: true });
    // Newest activity first, as Unipile orders chats.
    const times = conversations.map((c) => c.lastActivity ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('listAllChats filters by account type, and rejects limit 0 as invalid_input', async () => {
    const slack = await p.listAllChats({ account_type: 'SLACK' });
    expect(slack.items.map((c) => c.account_type)).toEqual(['SLACK', 'SLACK']);
    const err = await failure(p.listAllChats({ limit: 0 }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/limit/);
    expect((await failure(p.listAllChats({ before: 'yesterday' }))).code).toBe('invalid_input');
  });

  it('getChat returns the chat with its last message as the preview', async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const chat = await p.getChat({ chat_id: id });
    const newest = (await p.listChatMessages({ chat_id: id, limit: 1 })).items[0]!;
    expect(chat.lastMessage?.id).toBe(newest.id);
    const conversation = conversationSchema.parse(toConversation(chat));
    expect(conversation).toMatchObject({ id: `u:${id}`, kind: 'dm', network: 'whatsapp', lastActivity: Date.parse(chat.timestamp!) });
    if (newest.text) expect(conversation.lastMessagePreview).toBe(newest.text.replace(/\s+/g, ' ').trim().slice(0, 140));
  });

  it('getChat: an unknown chat is not_found; a provider id without account_id is invalid_input', async () => {
    const err = await failure(p.getChat({ chat_id: UNKNOWN_ID }));
    expect(err.code).toBe('not_found');
    expect(err.message).toBe('Chat not found.');
    expect((await failure(p.getChat({ chat_id: '120363000000000000@g.us' }))).code).toBe('invalid_input');
  });

  it('getChat accepts a provider id together with account_id', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const chat = await p.getChat({ chat_id: id });
    const again = await p.getChat({ chat_id: chat.provider_id!, account_id: chat.account_id });
    expect(again.id).toBe(id);
  });

  it('listAttendees maps the members to people, self included', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const people = (await p.listAttendees({ chat_id: id })).items.map((a) => personSchema.parse(toPerson(a)));
    const expected = act<Array<{ id: string; provider_id: string; is_self: boolean }>>('attendees', { chatId: id });
    expect(people.map((x) => x.id)).toEqual(expected.map((a) => `u:${a.id}`));
    expect(people.filter((x) => x.isSelf).map((x) => x.handle)).toEqual([account('WHATSAPP').self_provider_id]);
    expect(people.every((x) => x.handle?.endsWith('@s.whatsapp.net'))).toBe(true);
    expect((await failure(p.listAttendees({ chat_id: UNKNOWN_ID }))).code).toBe('not_found');
  });

  it('an unnamed chat is titled from its attendees', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const chat = await p.getChat({ chat_id: id });
    const attendees = (await p.listAttendees({ chat_id: id })).items;
    const c = toConversation({ ...chat, name: null }, { attendees });
    const others = attendees.filter((a) => !a.is_self).map((a) => a.name);
    expect(c.title.startsWith(others[0]!)).toBe(true);
  });

  it('patchChat: mute, archive, pin, label and read status change what getChat reads back', async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const read = async () => toConversation(await p.getChat({ chat_id: id }));
    await p.patchChat({ chat_id: id, action: 'setMuteStatus', value: true });
    expect(await read()).toMatchObject({ muted: true, mutedUntil: null });
    await p.patchChat({ chat_id: id, action: 'setMuteStatus', value: false });
    expect((await read()).muted).toBe(false);
    await p.patchChat({ chat_id: id, action: 'setArchiveStatus', value: true });
    expect((await read()).archived).toBe(true);
    await p.patchChat({ chat_id: id, action: 'setArchiveStatus', value: false });
    await p.patchChat({ chat_id: id, action: 'setPinnedStatus', value: true });
    expect((await read()).pinned).toBe(true);
    await p.patchChat({ chat_id: id, action: 'setLabel', value: 'Follow up' });
    expect((await read()).labels).toContain('Follow up');
    act('post', { chatId: id, text: 'are you there?' });
    expect((await read()).unreadCount).toBeGreaterThan(0);
    await p.patchChat({ chat_id: id, action: 'setReadStatus', value: true });
    expect((await read()).unreadCount).toBe(0);
  });

  it('patchChat: invite links and participants on a WhatsApp group', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const link = await p.patchChat({ chat_id: id, action: 'getInviteLink' });
    expect(link.invite_link).toMatch(/^https:\/\/chat\.whatsapp\.com\/\w+/);
    const newcomer = '33612340099@s.whatsapp.net';
    await p.patchChat({ chat_id: id, action: 'addParticipant', value: newcomer });
    const handles = async () => (await p.listAttendees({ chat_id: id })).items.map((a) => a.provider_id);
    expect(await handles()).toContain(newcomer);
    await p.patchChat({ chat_id: id, action: 'removeParticipant', value: newcomer });
    expect(await handles()).not.toContain(newcomer);
  });

  it('patchChat: an action the network lacks is invalid_input with a clear message; an unknown chat is not_found', async () => {
    const linkedIn = await failure(p.patchChat({ chat_id: chatOf('LINKEDIN', 'dm'), action: 'setArchiveStatus', value: true }));
    expect(linkedIn.code).toBe('invalid_input');
    expect(linkedIn.message).toMatch(/setArchiveStatus is not available for LinkedIn/);
    const slack = await failure(p.patchChat({ chat_id: chatOf('SLACK', 'dm'), action: 'setMuteStatus', value: true }));
    expect(slack).toMatchObject({ code: 'invalid_input' });
    expect(slack.message).toMatch(/Slack/);
    expect((await failure(p.patchChat({ chat_id: UNKNOWN_ID, action: 'setMuteStatus', value: true }))).code).toBe('not_found');
    expect((await failure(p.patchChat({ chat_id: chatOf('WHATSAPP', 'dm'), action: 'setMuteStatus' }))).code).toBe('invalid_input');
  });

  it('startNewChat opens a 1:1 with a new WhatsApp number and sends the first message', async () => {
    const notes = `data:text/plain;name=notes.txt;base64,${Buffer.from('agenda: 1. hello').toString('base64')}`;
    const started = await p.startNewChat({ account_id: account('WHATSAPP').id, attendees_ids: ['33699887766@s.whatsapp.net'], text: 'Hello from Switchboard', attachments: [notes] });
    expect(started.chat_id).toMatch(/\S/);
    const conversation = toConversation(await p.getChat({ chat_id: started.chat_id! }));
    expect(conversation).toMatchObject({ network: 'whatsapp', kind: 'dm', title: '+33699887766' });
    const first = toMessage(await p.getMessage({ message_id: started.message_id! }));
    expect(first).toMatchObject({ conversationId: conversation.id, isOwn: true, text: 'Hello from Switchboard' });
    expect(first.attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'notes.txt', mimeType: 'text/plain', size: 16 })]);
  });

  it('startNewChat: an invalid recipient is invalid_input; an unknown account is not_found', async () => {
    const bad = await failure(p.startNewChat({ account_id: account('WHATSAPP').id, attendees_ids: ['not-a-number'], text: 'hi' }));
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/not a valid WhatsApp recipient/);
    expect((await failure(p.startNewChat({ account_id: UNKNOWN_ID, attendees_ids: ['33699887766@s.whatsapp.net'], text: 'hi' }))).code).toBe('not_found');
  });

  it('deleteChat removes a WhatsApp chat; Slack cannot delete chats; an unknown chat is not_found', async () => {
    const started = await p.startNewChat({ account_id: account('WHATSAPP').id, attendees_ids: ['33611223344@s.whatsapp.net'], text: 'to be deleted' });
    await p.deleteChat({ chat_id: started.chat_id! });
    expect((await failure(p.getChat({ chat_id: started.chat_id! }))).code).toBe('not_found');
    expect((await p.listAllChats({ limit: 250 })).items.map((c) => c.id)).not.toContain(started.chat_id);
    const slack = await failure(p.deleteChat({ chat_id: chatOf('SLACK', 'dm') }));
    expect(slack.code).toBe('invalid_input');
    expect(slack.message).toMatch(/not available for Slack/);
    expect((await failure(p.deleteChat({ chat_id: UNKNOWN_ID }))).code).toBe('not_found');
  });

  it('syncChatHistory steps STARTED → RUNNING → DONE and reveals the older history', async () => {
    // The tiny world's first chat (a WhatsApp 1:1) starts with two messages of history not fetched yet.
    const id = controlChats[0]!.id;
    const count = async () => (await collectPages(chatMessagesPages(p, { chat_id: id, limit: 250 }, { includeHidden: true }))).length;
    const before = await count();
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await p.syncChatHistory({ chat_id: id })).status);
    expect(statuses).toEqual(['SYNC_STARTED', 'SYNC_RUNNING', 'SYNC_DONE']);
    expect(await count()).toBe(before + 2);
    expect((await failure(p.syncChatHistory({ chat_id: UNKNOWN_ID }))).code).toBe('not_found');
  });
});

describe('messages', () => {
  it('listChatMessages maps a chat newest first, every message in that chat', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const list = await p.listChatMessages({ chat_id: id, limit: 250 });
    const messages = list.items.map((m) => messageSchema.parse(toMessage(m)));
    expect(messages.length).toBeGreaterThan(3);
    expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([`u:${id}`]));
    const times = messages.map((m) => m.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(messages.some((m) => m.attachments.length > 0)).toBe(true);
  });

  it('listChatMessages: an unknown chat is not_found; limit 0 is invalid_input', async () => {
    expect((await failure(p.listChatMessages({ chat_id: UNKNOWN_ID }))).code).toBe('not_found');
    expect((await failure(p.listChatMessages({ chat_id: chatOf('WHATSAPP', 'dm'), limit: 0 }))).code).toBe('invalid_input');
  });

  it('listChatMessages filters by sender', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const self = account('WHATSAPP');
    const mine = await p.listChatMessages({ chat_id: id, sender_id: self.self_attendee_id, limit: 250 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((m) => m.is_sender)).toBe(true);
  });

  it('getMessage maps the same message as the list does; an unknown id is not_found', async () => {
    const ctx = await peopleContext();
    const list = await p.listAllMessages({ limit: 250 });
    const quoted = list.items.find((m) => m.quoted?.text)!;
    const single = await p.getMessage({ message_id: quoted.id });
    expect(toMessage(single, ctx)).toEqual(toMessage(quoted, ctx));
    expect(toMessage(single, ctx).quote).toMatchObject({ text: quoted.quoted!.text, senderId: expect.stringMatching(/^u:/) });
    const err = await failure(p.getMessage({ message_id: UNKNOWN_ID }));
    expect(err).toMatchObject({ code: 'not_found', message: 'Message not found.' });
  });

  it('sendMessageInChat sends text, a quote and a PNG (as bytes) that reads back identically', async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const target = (await p.listChatMessages({ chat_id: id, limit: 5 })).items.find((m) => m.text && !m.deleted)!;
    const sent = await p.sendMessageInChat({ chat_id: id, text: 'floor plan attached', quote_id: target.id, attachments: [new Uint8Array(PNG_1X1)] });
    const m = messageSchema.parse(toMessage(await p.getMessage({ message_id: sent.message_id! })));
    expect(m).toMatchObject({ conversationId: `u:${id}`, isOwn: true, text: 'floor plan attached', senderId: `u:${account('WHATSAPP').self_attendee_id}`, quote: { text: target.text } });
    expect(['sent', 'delivered']).toContain(m.delivery);
    expect(m.attachments).toEqual([expect.objectContaining({ kind: 'image', mimeType: 'image/png', size: PNG_1X1.length, width: 1, height: 1 })]);
    const file = await p.getMessageAttachment({ message_id: sent.message_id!, attachment_id: m.attachments[0]!.id });
    expect(file.mimeType).toBe('image/png');
    expect(Buffer.from(file.bytes).equals(PNG_1X1)).toBe(true);
  });

  it('sendMessageInChat: thread_id outside Slack, a read-only chat and an unknown chat fail with typed errors', async () => {
    const thread = await failure(p.sendMessageInChat({ chat_id: chatOf('WHATSAPP', 'dm'), text: 'x', thread_id: UNKNOWN_ID }));
    expect(thread.code).toBe('invalid_input');
    expect(thread.message).toMatch(/thread_id is only supported for Slack/);
    const readOnly = await failure(p.sendMessageInChat({ chat_id: chatOf('LINKEDIN', 'sponsored'), text: 'x' }));
    expect(readOnly.code).toBe('invalid_input');
    expect(readOnly.message).toMatch(/read-only/);
    expect((await failure(p.sendMessageInChat({ chat_id: UNKNOWN_ID, text: 'x' }))).code).toBe('not_found');
  });

  it('sendMessageInChat with thread_id replies in a Slack thread', async () => {
    const id = chatOf('SLACK', 'channel');
    const root = (await p.listChatMessages({ chat_id: id, limit: 250 })).items.find((m) => !m.parent && !m.is_event && !m.deleted)!;
    const sent = await p.sendMessageInChat({ chat_id: id, text: 'in thread', thread_id: root.id });
    expect(toMessage(await p.getMessage({ message_id: sent.message_id! })).threadRootId).toBe(`u:${root.id}`);
    expect(toMessage(await p.getMessage({ message_id: root.id })).threadReplyCount).toBeGreaterThanOrEqual(1);
  });

  it('patchMessage edits inside the window and is refused once the emulator clock passes 15 minutes', async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const sent = await p.sendMessageInChat({ chat_id: id, text: 'tpyo' });
    await p.patchMessage({ message_id: sent.message_id!, text: 'typo' });
    expect(toMessage(await p.getMessage({ message_id: sent.message_id! }))).toMatchObject({ text: 'typo', edited: true });
    env.emulator.control.advanceClock(16 * 60_000);
    const late = await failure(p.patchMessage({ message_id: sent.message_id!, text: 'too late' }));
    expect(late.code).toBe('invalid_input');
    expect(late.message).toBe('Messages can only be edited within 15 minutes of sending on WhatsApp.');
    expect((await p.getMessage({ message_id: sent.message_id! })).text).toBe('typo');
  });

  it('a refusal names the network as people write it and counts in agreement (LinkedIn: 1 hour)', async () => {
    const sent = await p.sendMessageInChat({ chat_id: chatOf('LINKEDIN', 'dm'), text: 'sent an hour ago' });
    env.emulator.control.advanceClock(61 * 60_000);
    expect((await failure(p.patchMessage({ message_id: sent.message_id!, text: 'too late' }))).message).toBe('Messages can only be edited within 1 hour of sending on LinkedIn.');
    expect((await failure(p.deleteMessage({ message_id: sent.message_id! }))).message).toBe('Messages can only be deleted within 1 hour of sending on LinkedIn.');
    // Upstream's own wording, as it may come: "1 hours", account types in capitals.
    expect(readableUnipileText('Messages can only be edited within 1 hours of sending on LINKEDIN.')).toBe('Messages can only be edited within 1 hour of sending on LinkedIn.');
    expect(readableUnipileText('text is limited to 8000 characters on LINKEDIN; TWITTER and WHATSAPPS stay.')).toBe('text is limited to 8000 characters on LinkedIn; X and WHATSAPPS stay.');
  });

  it("patchMessage: someone else's message is forbidden; an unknown message is not_found", async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const { message_id } = act<{ message_id: string }>('post', { chatId: id, text: 'mine, not yours' });
    expect((await failure(p.patchMessage({ message_id, text: 'hijack' }))).code).toBe('forbidden');
    expect((await failure(p.patchMessage({ message_id: UNKNOWN_ID, text: 'x' }))).code).toBe('not_found');
  });

  it('deleteMessage deletes on WhatsApp; Slack cannot delete messages', async () => {
    const sent = await p.sendMessageInChat({ chat_id: chatOf('WHATSAPP', 'dm'), text: 'oops' });
    await p.deleteMessage({ message_id: sent.message_id! });
    expect(toMessage(await p.getMessage({ message_id: sent.message_id! }))).toMatchObject({ deleted: true, text: null, attachments: [] });
    const slackSent = await p.sendMessageInChat({ chat_id: chatOf('SLACK', 'dm'), text: 'stays' });
    const err = await failure(p.deleteMessage({ message_id: slackSent.message_id! }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/not available for Slack/);
  });

  it('forwardMessage copies a WhatsApp message into another chat; Slack cannot forward', async () => {
    const from = chatOf('WHATSAPP', 'dm');
    const to = chatOf('WHATSAPP', 'group');
    const sent = await p.sendMessageInChat({ chat_id: from, text: 'pass this on' });
    const fwd = await p.forwardMessage({ message_id: sent.message_id!, chat_id: to });
    expect(toMessage(await p.getMessage({ message_id: fwd.message_id! }))).toMatchObject({ conversationId: `u:${to}`, text: 'pass this on', isOwn: true });
    const slack = (await p.listChatMessages({ chat_id: chatOf('SLACK', 'dm'), limit: 1 })).items[0]!;
    const err = await failure(p.forwardMessage({ message_id: slack.id, chat_id: chatOf('SLACK', 'channel') }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/only available for WhatsApp/);
  });

  it('addReaction groups by emoji with mine set, WhatsApp keeping one reaction per user', async () => {
    const id = chatOf('WHATSAPP', 'dm');
    const { message_id } = act<{ message_id: string }>('post', { chatId: id, text: 'react to me' });
    act('react', { messageId: message_id, value: '🎉' });
    await p.addReaction({ message_id, reaction: '👍' });
    expect(toMessage(await p.getMessage({ message_id })).reactions).toEqual([
      { emoji: '🎉', count: 1, mine: false, personIds: [] },
      { emoji: '👍', count: 1, mine: true, personIds: [] },
    ]);
    await p.addReaction({ message_id, reaction: '❤️' });
    const ctx = await peopleContext();
    const reactions = toMessage(await p.getMessage({ message_id }), ctx).reactions;
    expect(reactions.map((r) => [r.emoji, r.mine])).toEqual([
      ['🎉', false],
      ['❤️', true],
    ]);
    expect(reactions[1]!.personIds).toEqual([`u:${account('WHATSAPP').self_attendee_id}`]);
  });

  it('addReaction: a chat with reactions disabled is invalid_input; an unknown message is not_found', async () => {
    const inmail = await p.getChat({ chat_id: chatOf('LINKEDIN', 'inmail') });
    expect(toConversation(inmail).disabled).toContain('reactions');
    const target = (await p.listChatMessages({ chat_id: inmail.id, limit: 5 })).items.find((m) => !m.deleted && !m.is_event)!;
    const err = await failure(p.addReaction({ message_id: target.id, reaction: '👍' }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/Reactions are disabled/);
    expect((await failure(p.addReaction({ message_id: UNKNOWN_ID, reaction: '👍' }))).code).toBe('not_found');
  });

  it('listAllMessages(after) returns exactly what arrived since, across chats', async () => {
    env.emulator.control.advanceClock(1_000);
    const after = new Date(env.emulator.control.now()).toISOString();
    env.emulator.control.advanceClock(1_000);
    const a = act<{ message_id: string }>('post', { chatId: chatOf('SLACK', 'channel'), text: 'new in Slack' });
    env.emulator.control.advanceClock(1_000);
    const b = act<{ message_id: string }>('post', { chatId: chatOf('LINKEDIN', 'dm'), text: 'new on LinkedIn' });
    const fresh = await collectPages(allMessagesPages(p, { after, limit: 1 }));
    expect(fresh.map((m) => m.id)).toEqual([`u:${b.message_id}`, `u:${a.message_id}`]);
    expect(fresh.map((m) => m.text)).toEqual(['new on LinkedIn', 'new in Slack']);
    const raw = await p.listAllMessages({ after });
    expect(raw.items.map((m) => m.chat_id)).toEqual([chatOf('LINKEDIN', 'dm'), chatOf('SLACK', 'channel')]);
  });

  it('listAllMessages: a malformed after is invalid_input; an unknown account is not_found', async () => {
    const err = await failure(p.listAllMessages({ after: '2025-01-01' }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/after/);
    expect((await failure(p.listAllMessages({ account_id: UNKNOWN_ID }))).code).toBe('not_found');
  });

  it('getMessageAttachment returns a seeded attachment with its listed size and type; an unknown attachment is not_found', async () => {
    const all = (await p.listAllMessages({ limit: 250 })).items;
    const withFile = all.find((m) => m.attachments.some((a) => a.type === 'file' && !a.unavailable))!;
    const att = withFile.attachments.find((a) => a.type === 'file')!;
    const file = await p.getMessageAttachment({ message_id: withFile.id, attachment_id: att.id });
    expect(file.mimeType).toBe(att.mimetype);
    expect(file.bytes.byteLength).toBe(att.file_size);
    const err = await failure(p.getMessageAttachment({ message_id: withFile.id, attachment_id: 'NOPE' }));
    expect(err.code).toBe('not_found');
  });
});

describe('people', () => {
  it('listAllAttendees pages through every attendee once; limit 251 is invalid_input', async () => {
    const people = await collectPages(allAttendeesPages(p, { limit: 5 }));
    const stats = env.emulator.control.stats().unipile!;
    expect(people).toHaveLength(stats.attendees!);
    expect(new Set(people.map((x) => x.id)).size).toBe(people.length);
    people.forEach((x) => personSchema.parse(x));
    expect(people.filter((x) => x.isSelf)).toHaveLength(accounts.length);
    expect((await failure(p.listAllAttendees({ limit: 251 }))).code).toBe('invalid_input');
  });

  it('getAttendeeById maps a LinkedIn attendee with its occupation as headline; an unknown id is not_found', async () => {
    const members = await p.listAttendees({ chat_id: chatOf('LINKEDIN', 'dm') });
    const other = members.items.find((a) => !a.is_self)!;
    const person = personSchema.parse(toPerson(await p.getAttendeeById({ id: other.id })));
    expect(person).toMatchObject({ id: `u:${other.id}`, isSelf: false, handle: other.provider_id, name: other.name });
    expect(person.handle).toMatch(/^ACo/);
    // The account it was read through: where a new chat with them starts from.
    expect(person.accountId).toBe(`u:${other.account_id}`);
    expect(person.headline).toBe(other.specifics?.occupation);
    expect(person.profileUrl).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
    expect((await failure(p.getAttendeeById({ id: UNKNOWN_ID }))).code).toBe('not_found');
  });

  it('getAttendeeProfilePicture returns a PNG; someone without a picture is not_found', async () => {
    const all = (await p.listAllAttendees({ limit: 250 })).items;
    const withPicture = all.find((a) => a.picture_url)!;
    expect(toPerson(withPicture).hasPicture).toBe(true);
    const picture = await p.getAttendeeProfilePicture({ id: withPicture.id });
    expect(picture.mimeType).toBe('image/png');
    expect([...picture.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const without = all.find((a) => !a.picture_url);
    expect(without, 'the tiny world has someone without a picture').toBeDefined();
    expect(toPerson(without!).hasPicture).toBe(false);
    expect((await failure(p.getAttendeeProfilePicture({ id: without!.id }))).code).toBe('not_found');
  });

  it("getAttendeeProfilePicture takes a group chat's id for the group picture", async () => {
    const picture = await p.getAttendeeProfilePicture({ id: chatOf('WHATSAPP', 'group') });
    expect([...picture.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("listChatsByAttendee finds a person's 1:1 chats; an unknown attendee is not_found", async () => {
    const dm = chatOf('WHATSAPP', 'dm');
    const other = (await p.listAttendees({ chat_id: dm })).items.find((a) => !a.is_self)!;
    const chats = await collectPages(chatsByAttendeePages(p, { attendee_id: other.id }));
    expect(chats.map((c) => c.id)).toContain(`u:${dm}`);
    expect(chats.every((c) => c.kind === 'dm')).toBe(true);
    const byProviderId = await p.listChatsByAttendee({ attendee_id: other.provider_id!, account_id: account('WHATSAPP').id });
    expect(byProviderId.items.map((c) => c.id)).toContain(dm);
    expect((await failure(p.listChatsByAttendee({ attendee_id: UNKNOWN_ID }))).code).toBe('not_found');
  });

  it('listMessagesByAttendee lists what one person wrote; an unknown attendee is not_found', async () => {
    const group = chatOf('WHATSAPP', 'group');
    const sample = (await p.listChatMessages({ chat_id: group, limit: 250 })).items.find((m) => !m.is_sender && !m.is_event)!;
    const messages = await collectPages(messagesByAttendeePages(p, { sender_id: sample.sender_attendee_id!, limit: 3 }));
    expect(messages.map((m) => m.id)).toContain(`u:${sample.id}`);
    expect(new Set(messages.map((m) => m.senderId))).toEqual(new Set([`u:${sample.sender_attendee_id}`]));
    expect((await failure(p.listMessagesByAttendee({ sender_id: UNKNOWN_ID }))).code).toBe('not_found');
  });
});

describe('paging', () => {
  it('walks all chats two at a time, each once, in the same order as one big page', async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of iteratePages(allChatsPages(p, { limit: 2 }))) {
      pages.push(page.items.length);
      seen.push(...page.items.map((c) => c.id));
    }
    const whole = (await p.listAllChats({ limit: 250 })).items.map((c) => `u:${c.id}`);
    expect(pages.length).toBeGreaterThan(3);
    expect(seen).toEqual(whole);
  });

  it('walks one chat three messages at a time, and every message of every chat seven at a time', async () => {
    const id = chatOf('WHATSAPP', 'group');
    const small = await collectPages(chatMessagesPages(p, { chat_id: id, limit: 3 }, { includeHidden: true }));
    const whole = (await p.listChatMessages({ chat_id: id, limit: 250 })).items.map((m) => `u:${m.id}`);
    expect(small.map((m) => m.id)).toEqual(whole);
    const everything = await collectPages(allMessagesPages(p, { limit: 7 }, { includeHidden: true }));
    const wholeAll = (await p.listAllMessages({ limit: 250 })).items.map((m) => `u:${m.id}`);
    expect(everything.map((m) => m.id)).toEqual(wholeAll);
    expect(new Set(wholeAll).size).toBe(wholeAll.length);
  });

  it('a page fetcher resumes from a persisted cursor', async () => {
    const fetcher = allChatsPages(p, { limit: 3 });
    const first = await fetcher(null);
    expect(first.next).toEqual(expect.any(String));
    const rest = await collectPages(fetcher, first.next);
    const whole = await collectPages(allChatsPages(p, { limit: 250 }));
    expect([...first.items, ...rest].map((c) => c.id)).toEqual(whole.map((c) => c.id));
  });

  it('the per-chat attendee list is a single page', async () => {
    const fetcher = chatAttendeesPages(p, chatOf('SLACK', 'channel'));
    const page = await fetcher(null);
    expect(page.next).toBeNull();
    expect(page.items.length).toBeGreaterThan(2);
  });
});

it('exercised all 21 tools, each with a success and a failure', () => {
  const names = catalog.tools.map((t) => t.name).sort();
  expect([...succeeded].sort()).toEqual(names);
  expect([...failed].sort()).toEqual(names);
});

describe('binary forms', () => {
  const binaryDigests: Array<{ key: string; file: string; picture: string }> = [];
  it.each(['base64', 'image', 'url'] as const)('binaryMode %s returns the same picture and attachment bytes', async (binaryMode) => {
    const local = await startClientAgainstEmulator({ scale: 'tiny', binaryMode });
    try {
      const q = createUnipileProvider(local.unipile);
      const messages = (await q.listAllMessages({ limit: 250 })).items;
      const img = messages.find((m) => m.attachments.some((a) => a.type === 'img' && !a.unavailable))!;
      const att = img.attachments.find((a) => a.type === 'img')!;
      const file = await q.getMessageAttachment({ message_id: img.id, attachment_id: att.id });
      const person = (await q.listAllAttendees({ limit: 250 })).items.find((a) => a.picture_url)!;
      const picture = await q.getAttendeeProfilePicture({ id: person.id });
      expect(file.mimeType).toBe('image/png');
      expect(picture.mimeType).toBe('image/png');
      expect([...file.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(file.bytes.byteLength).toBe(att.file_size);
      const key = `${img.id}/${att.id}/${person.id}`;
      const digest = { key, file: Buffer.from(file.bytes).toString('base64'), picture: Buffer.from(picture.bytes).toString('base64') };
      binaryDigests.push(digest);
      expect(binaryDigests.every((d) => d.key === digest.key && d.file === digest.file && d.picture === digest.picture)).toBe(true);
    } finally {
      await local.stop();
    }
  });
});

describe('error forms', () => {
  it.each(['isError', 'structured', 'jsonrpc'] as const)('errorMode %s maps not-found, invalid input and an unsupported action the same way', async (errorMode) => {
    const local = await startClientAgainstEmulator({ scale: 'tiny', errorMode });
    try {
      const q = createUnipileProvider(local.unipile);
      const notFound = await failure(q.getChat({ chat_id: UNKNOWN_ID }));
      expect({ code: notFound.code, message: notFound.message, upstream: notFound.upstreamCode }).toEqual({ code: 'not_found', message: 'Chat not found.', upstream: 'errors/resource_not_found' });
      expect((await failure(q.listAllChats({ limit: 0 }))).code).toBe('invalid_input');
      const slackDm = (await q.listAllChats({ account_type: 'SLACK' })).items.find((c) => c.type === 0)!;
      const unsupported = await failure(q.deleteChat({ chat_id: slackDm.id }));
      expect({ code: unsupported.code, message: unsupported.message }).toEqual({ code: 'invalid_input', message: 'Deleting chats is not available for Slack.' });
    } finally {
      await local.stop();
    }
  });
});

// Mapped chats of a list are the same values as the single-chat mapping, which keeps the inbox and an opened chat consistent.
it('a chat maps identically from the list and from getChat (apart from the preview)', async () => {
  const list = (await p.listAllChats({ limit: 250 })).items;
  for (const chat of list.slice(0, 4) as UnipileChat[]) {
    const single = await p.getChat({ chat_id: chat.id });
    const { lastMessagePreview: _preview, ...fromGet } = toConversation(single);
    expect(fromGet).toEqual(toConversation(chat));
  }
});
