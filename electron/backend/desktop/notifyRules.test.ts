import { describe, expect, it } from 'vitest';
import { clean, isMutedNow, messageNotificationText, reactionNotificationText, shouldNotify, type NotifyFacts, type NotifySkip } from './notifyRules';

const NOW = 1_700_000_000_000;
const ME = 'g:me-user';

type Patch = {
  kind?: NotifyFacts['kind'];
  app?: boolean;
  genesys?: Partial<NotifyFacts['genesys']>;
  // Plain strings for ids: the table reads better without brands.
  conversation?: { id?: string; source?: 'genesys' | 'unipile'; kind?: NotifyFacts['conversation']['kind']; muted?: boolean; mutedUntil?: number | null };
  message?: { isOwn?: boolean; isEvent?: boolean; deleted?: boolean; mentions?: string[]; time?: number };
  reactorIsSelf?: boolean;
  inView?: string | null;
  notBefore?: number;
};

function facts(p: Patch = {}): NotifyFacts {
  return {
    kind: p.kind ?? 'message',
    appNotifications: p.app ?? true,
    genesys: { muted: false, mentionsOnly: false, notifyOnReactions: true, ...p.genesys },
    conversation: { id: 'g:room:r@conference.x', source: 'genesys', kind: 'room', muted: false, mutedUntil: null, ...p.conversation } as NotifyFacts['conversation'],
    message: { isOwn: false, isEvent: false, deleted: false, mentions: [], time: NOW - 1000, ...p.message } as NotifyFacts['message'],
    ...(p.reactorIsSelf !== undefined ? { reactorIsSelf: p.reactorIsSelf } : {}),
    selfPersonIds: new Set([ME]),
    inView: p.inView === undefined ? null : p.inView,
    notBefore: p.notBefore ?? NOW - 60_000,
    now: NOW,
  };
}

const unipileChat = { id: 'u:chat1', source: 'unipile', kind: 'dm' } as const;
const genesysDm = { id: 'g:dm:other', source: 'genesys', kind: 'dm' } as const;

// [name, facts, expected]: true = notify, otherwise the reason it is skipped.
const table: Array<[string, Patch, true | NotifySkip]> = [
  // The plain cases.
  ['a Genesys room message from someone else', {}, true],
  ['a Genesys 1:1 message', { conversation: genesysDm }, true],
  ['a Unipile message', { conversation: unipileChat }, true],
  ['a message in a Unipile group', { conversation: { ...unipileChat, kind: 'group' } }, true],

  // The app setting wins over everything.
  ['app notifications off', { app: false }, 'app-off'],
  ['app notifications off, even for a mention', { app: false, message: { mentions: [ME] } }, 'app-off'],

  // Never the user's own messages or things that are not messages.
  ['your own message', { message: { isOwn: true } }, 'own'],
  ['your own message on Unipile', { conversation: unipileChat, message: { isOwn: true } }, 'own'],
  ['a room event (joined, subject changed)', { message: { isEvent: true } }, 'not-a-message'],
  ['a deleted message', { message: { deleted: true } }, 'not-a-message'],

  // History arriving late is not news.
  ['a message older than the session', { message: { time: NOW - 120_000 } }, 'old'],
  ['a message exactly at the threshold', { message: { time: NOW - 60_000 } }, true],

  // The conversation in front of the user.
  ['the conversation in view', { inView: 'g:room:r@conference.x' }, 'in-view'],
  ['another conversation is in view', { inView: 'u:elsewhere' }, true],

  // Muted conversations, with and without an end.
  ['a muted conversation', { conversation: { muted: true, mutedUntil: null } }, 'conversation-muted'],
  ['a conversation muted until later', { conversation: { muted: true, mutedUntil: NOW + 60_000 } }, 'conversation-muted'],
  ['a conversation whose mute has ended', { conversation: { muted: true, mutedUntil: NOW - 1 } }, true],
  ['a muted Unipile chat', { conversation: { ...unipileChat, muted: true } }, 'conversation-muted'],
  ['a muted conversation even when mentioned', { conversation: { muted: true }, message: { mentions: [ME] } }, 'conversation-muted'],

  // Genesys: muted.
  ['Genesys notifications muted', { genesys: { muted: true } }, 'genesys-muted'],
  ['Genesys muted, in a 1:1', { genesys: { muted: true }, conversation: genesysDm }, 'genesys-muted'],
  ['Genesys muted does not touch Unipile', { genesys: { muted: true }, conversation: unipileChat }, true],

  // Genesys: mentions only.
  ['mentions only, not mentioned', { genesys: { mentionsOnly: true } }, 'not-mentioned'],
  ['mentions only, someone else mentioned', { genesys: { mentionsOnly: true }, message: { mentions: ['g:someone'] } }, 'not-mentioned'],
  ['mentions only, mentioned', { genesys: { mentionsOnly: true }, message: { mentions: ['g:someone', ME] } }, true],
  ['mentions only, in a 1:1 (addressed to you)', { genesys: { mentionsOnly: true }, conversation: genesysDm }, true],
  ['mentions only does not touch Unipile', { genesys: { mentionsOnly: true }, conversation: { ...unipileChat, kind: 'group' } }, true],

  // Reactions to your own messages.
  ['a reaction on your Genesys message', { kind: 'reaction', message: { isOwn: true } }, true],
  ['a reaction, notify-on-reactions off', { kind: 'reaction', genesys: { notifyOnReactions: false }, message: { isOwn: true } }, 'reactions-off'],
  ['a reaction, Genesys muted', { kind: 'reaction', genesys: { muted: true }, message: { isOwn: true } }, 'genesys-muted'],
  ['a reaction, mentions only (reactions are their own setting)', { kind: 'reaction', genesys: { mentionsOnly: true }, message: { isOwn: true } }, true],
  ["a reaction on someone else's message", { kind: 'reaction', message: { isOwn: false } }, 'own'],
  ['your own reaction from another device', { kind: 'reaction', reactorIsSelf: true, message: { isOwn: true } }, 'own'],
  ['a reaction on an old message of yours', { kind: 'reaction', message: { isOwn: true, time: NOW - 86_400_000 } }, true],
  ['a reaction in the conversation in view', { kind: 'reaction', message: { isOwn: true }, inView: 'g:room:r@conference.x' }, 'in-view'],
  ['a reaction in a muted conversation', { kind: 'reaction', message: { isOwn: true }, conversation: { muted: true } }, 'conversation-muted'],
  ['a reaction on Unipile (no setting for it)', { kind: 'reaction', message: { isOwn: true }, conversation: unipileChat }, 'reactions-off'],
  ['a reaction with app notifications off', { kind: 'reaction', app: false, message: { isOwn: true } }, 'app-off'],
];

describe('shouldNotify', () => {
  it.each(table)('%s', (_name, patch, expected) => {
    expect(shouldNotify(facts(patch))).toEqual(expected === true ? { notify: true } : { notify: false, reason: expected });
  });
});

describe('isMutedNow', () => {
  it.each([
    [{ muted: false, mutedUntil: null }, false],
    [{ muted: true, mutedUntil: null }, true],
    [{ muted: true, mutedUntil: undefined }, true],
    [{ muted: true, mutedUntil: NOW + 1 }, true],
    [{ muted: true, mutedUntil: NOW }, false],
    [{ muted: false, mutedUntil: NOW + 1 }, false],
  ])('%o → %s', (c, expected) => expect(isMutedNow(c, NOW)).toBe(expected));
});

describe('notification text', () => {
  const room = { title: 'Release train', kind: 'room' as const };
  const dm = { title: 'Ana Lima', kind: 'dm' as const };
  const msg = (text: string | null, attachments: Array<{ kind: 'image' | 'file' }> = []) =>
    ({ senderName: 'Ana Lima', text, attachments: attachments.map((a, i) => ({ id: String(i), ...a })) }) as never;

  it('says who wrote where, and the text when previews are on', () => {
    expect(messageNotificationText({ conversation: room, message: msg('Deploy finished'), count: 1, preview: true })).toEqual({ title: 'Ana Lima in Release train', body: 'Deploy finished' });
    expect(messageNotificationText({ conversation: dm, message: msg('Hi'), count: 1, preview: true })).toEqual({ title: 'Ana Lima', body: 'Hi' });
  });

  it('hides the text when previews are off', () => {
    expect(messageNotificationText({ conversation: room, message: msg('secret plans'), count: 1, preview: false })).toEqual({ title: 'Ana Lima in Release train', body: 'New message' });
    expect(messageNotificationText({ conversation: room, message: msg('secret plans'), count: 3, preview: false }).body).toBe('3 new messages');
  });

  it('counts a burst and describes attachments', () => {
    expect(messageNotificationText({ conversation: room, message: msg('latest'), count: 3, preview: true }).body).toBe('latest (+2 more)');
    expect(messageNotificationText({ conversation: room, message: msg(null, [{ kind: 'image' }]), count: 1, preview: true }).body).toBe('Sent a photo');
    expect(messageNotificationText({ conversation: room, message: msg('', [{ kind: 'file' }, { kind: 'file' }]), count: 1, preview: true }).body).toBe('Sent 2 attachments');
    expect(messageNotificationText({ conversation: room, message: msg(null), count: 1, preview: true }).body).toBe('New message');
  });

  it('flattens control characters and bounds the length', () => {
    const t = messageNotificationText({ conversation: { title: 'A\u0000B\nC', kind: 'room' }, message: msg(`line1\r\nline2\u2028${'x'.repeat(1000)}`), count: 1, preview: true });
    expect(t.title).toBe('Ana Lima in A B C');
    expect(t.body.startsWith('line1 line2 x')).toBe(true);
    expect(t.body.length).toBeLessThanOrEqual(240);
    expect(t.body.endsWith('…')).toBe(true);
    expect(clean('  a \t b  ', 10)).toBe('a b');
  });

  it('names someone unknown and a reaction', () => {
    expect(messageNotificationText({ conversation: room, message: { text: 'x', attachments: [] } as never, count: 1, preview: true }).title).toBe('Someone in Release train');
    expect(reactionNotificationText({ conversation: room, reactor: 'Bo', emoji: '👍', message: msg('Ship it'), preview: true })).toEqual({ title: 'Bo reacted 👍 in Release train', body: 'To: Ship it' });
    expect(reactionNotificationText({ conversation: room, reactor: null, emoji: '🎉', message: msg('Ship it'), preview: false })).toEqual({ title: 'Someone reacted 🎉 in Release train', body: 'To your message' });
  });
});
