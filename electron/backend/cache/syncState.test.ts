import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import { messageIdSchema } from '../../../shared/domain/ids';
import type { CacheStore } from './store';
import { CHAT, conversation, DM, message, ROOM, tempCache } from './testSupport';

let t: ReturnType<typeof tempCache>;
let cache: CacheStore;
beforeEach(() => {
  t = tempCache();
  cache = t.open();
});
afterEach(() => t.cleanup());

describe('the outbox', () => {
  it('hands out the oldest unfinished entry per conversation, in seq order', () => {
    const a1 = cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'a1' }, 'a1', 100);
    const b1 = cache.enqueue({ kind: 'send', conversationId: DM, text: 'b1' }, 'b1', 101);
    const a2 = cache.enqueue({ kind: 'react', conversationId: ROOM, messageId: 'g:x' as MessageId, emoji: '👍', on: true }, 'a2', 102);
    expect(a2.seq).toBeGreaterThan(a1.seq);
    expect(cache.dueOutbox(200, 10).map((e) => e.clientId)).toEqual(['a1', 'b1']);
    expect(cache.dueOutbox(200, 1).map((e) => e.clientId)).toEqual(['a1']);

    // In flight: it holds its conversation's queue and is not handed out again.
    cache.updateOutbox(a1.seq, { state: 'sending', attempts: 1 });
    expect(cache.dueOutbox(200, 10).map((e) => e.clientId)).toEqual(['b1']);
    // Backoff: not before its time.
    cache.updateOutbox(a1.seq, { state: 'pending', notBefore: 500, lastError: { code: 'timeout', message: 'slow' } });
    expect(cache.dueOutbox(200, 10).map((e) => e.clientId)).toEqual(['b1']);
    expect(cache.dueOutbox(500, 10).map((e) => e.clientId)).toEqual(['a1', 'b1']);
    // An ambiguous failure stays at the head and is handed out (to check history first).
    cache.updateOutbox(a1.seq, { state: 'ambiguous' });
    expect(cache.dueOutbox(500, 10)[0]).toMatchObject({ clientId: 'a1', state: 'ambiguous', attempts: 1, lastError: { code: 'timeout', message: 'slow' } });
    // Done: the next one of that conversation becomes due.
    cache.updateOutbox(a1.seq, { state: 'done', remoteId: 'g:real-1' as MessageId, lastError: undefined });
    expect(cache.dueOutbox(500, 10).map((e) => e.clientId)).toEqual(['b1', 'a2']);
    // A permanent failure does not hold the queue either.
    cache.updateOutbox(b1.seq, { state: 'failed' });
    expect(cache.dueOutbox(500, 10).map((e) => e.clientId)).toEqual(['a2']);
    const done = cache.listOutbox(['done'])[0]!;
    expect(done).toMatchObject({ clientId: 'a1', remoteId: 'g:real-1' });
    expect(done.lastError).toBeUndefined();
  });

  it('keeps one entry per client id', () => {
    const first = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'once' }, 'same', 1);
    const again = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'twice' }, 'same', 2);
    expect(again).toEqual(first);
    expect(cache.listOutbox()).toHaveLength(1);
  });

  it('edits the operation, lists by state and removes entries', () => {
    const e = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'typo' }, 'c', 1);
    cache.updateOutbox(e.seq, { op: { kind: 'send', conversationId: CHAT, text: 'fixed' } });
    expect(cache.listOutbox(['pending'])[0]!.op).toEqual({ kind: 'send', conversationId: CHAT, text: 'fixed' });
    expect(cache.listOutbox(['failed'])).toEqual([]);
    expect(cache.stats().outboxPending).toBe(1);
    cache.removeOutbox(e.seq);
    expect(cache.listOutbox()).toEqual([]);
    expect(() => cache.updateOutbox(e.seq, { state: 'done' })).toThrow(/No outbox entry/);
    expect(() => cache.updateOutbox(e.seq, { state: 'bogus' as never })).toThrow(/Unknown outbox state/);
  });

  it('shows sends as messages with valid ids, and a confirmed one under its real id until sync brings it', () => {
    const e = cache.enqueue(
      { kind: 'send', conversationId: CHAT, text: 'photo', attachments: [{ name: 'p.png', mimeType: 'image/png', base64: 'AAAA' }], threadRootId: 'u:root' as MessageId },
      'xyz',
      1000,
    );
    const [pending] = cache.getMessages(['u:pending-xyz' as MessageId]);
    expect(messageIdSchema.safeParse(pending!.id).success).toBe(true);
    expect(pending).toMatchObject({ delivery: 'pending', text: 'photo', time: 1000, threadRootId: 'u:root', attachments: [{ kind: 'image', name: 'p.png', size: 3 }] });
    cache.updateOutbox(e.seq, { state: 'done', remoteId: 'u:real' as MessageId });
    const page = cache.messagesPage({ conversationId: CHAT, limit: 10 }).messages;
    expect(page.map((m) => [m.id, m.delivery])).toEqual([['u:real', 'sent']]);
    // Asked for by the id it shows under (to edit or react to it), it is found as well.
    expect(cache.getMessages(['u:real' as MessageId]).map((m) => [m.id, m.delivery, m.text])).toEqual([['u:real', 'sent', 'photo']]);
    // Once sync brings the message itself, that is what answers.
    cache.upsertConversations([conversation(CHAT)]);
    cache.upsertMessages([{ ...message(CHAT, 1_500, 'photo, as the server has it', { isOwn: true }), id: 'u:real' as MessageId }]);
    expect(cache.getMessages(['u:real' as MessageId]).map((m) => m.text)).toEqual(['photo, as the server has it']);
  });
});

describe('a queued send in the inbox', () => {
  const activity = (id: ConversationId) => {
    const c = cache.getConversation(id)!;
    return [c.lastActivity, c.lastMessagePreview];
  };
  const OTHER = 'u:chat-2' as ConversationId;
  beforeEach(() => {
    cache.upsertConversations([conversation(CHAT), conversation(OTHER)]);
    cache.upsertMessages([message(CHAT, 1_000, 'hello there')]);
  });

  it('leads its conversation at once, and an older send or a repeated client id moves nothing', () => {
    expect(activity(CHAT)).toEqual([1_000, 'hello there']);
    cache.enqueue({ kind: 'send', conversationId: CHAT, text: '  on   my way ' }, 's1', 2_000);
    expect(activity(CHAT)).toEqual([2_000, 'on my way']);
    cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'again' }, 's1', 3_000);
    cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'late clock' }, 's2', 1_500);
    expect(activity(CHAT)).toEqual([2_000, 'on my way']);
    cache.enqueue({ kind: 'send', conversationId: OTHER, text: '', attachments: [{ name: 'p.png', mimeType: 'image/png', base64: 'AAAA' }] }, 's3', 2_500);
    expect(activity(OTHER)).toEqual([2_500, '[image]']);
    // Only sends: a reaction is not news.
    cache.enqueue({ kind: 'react', conversationId: CHAT, messageId: 'u:x' as MessageId, emoji: '👍', on: true }, 'r1', 9_000);
    expect(activity(CHAT)).toEqual([2_000, 'on my way']);
  });

  it('shows a pending reply with the quoted message as cached: its text and who wrote it', () => {
    const quoted = message(CHAT, 1_500, '¿Has visto el partido?');
    cache.upsertMessages([quoted]);
    cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'sí', quoteId: quoted.id }, 'q1', 2_000);
    const pending = cache.messagesPage({ conversationId: CHAT, limit: 10 }).messages.find((m) => m.text === 'sí')!;
    expect(pending.quote).toEqual({ messageId: quoted.id, text: '¿Has visto el partido?', senderId: quoted.senderId });
  });

  it('previews the new text of a send edited before it went, unless something came after it', () => {
    const a = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'tpyo' }, 'a', 2_000);
    cache.updateOutbox(a.seq, { op: { kind: 'send', conversationId: CHAT, text: 'typo fixed' } });
    expect(activity(CHAT)).toEqual([2_000, 'typo fixed']);
    cache.upsertMessages([message(CHAT, 3_000, 'newer news')]);
    cache.updateOutbox(a.seq, { op: { kind: 'send', conversationId: CHAT, text: 'typo fixed twice' } });
    expect(activity(CHAT)).toEqual([3_000, 'newer news']);
  });

  it('gives the lead back when discarded, to the newest message or send that remains', () => {
    const a = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'first' }, 'a', 2_000);
    const b = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'second' }, 'b', 3_000);
    cache.updateOutbox(b.seq, { state: 'failed' });
    cache.removeOutbox(b.seq);
    expect(activity(CHAT)).toEqual([2_000, 'first']);
    cache.removeOutbox(a.seq);
    expect(activity(CHAT)).toEqual([1_000, 'hello there']);
  });

  it('a discarded send in a conversation with nothing else never stays its preview, nor counts as unread', () => {
    // A room created at 1 000, no messages: the user wrote while not a member, the send failed for good.
    cache.upsertConversations([conversation(ROOM, { lastActivity: 1_000 })]);
    const a = cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'Hello after leaving' }, 'a', 2_000);
    expect(activity(ROOM)).toEqual([2_000, 'Hello after leaving']);
    cache.updateOutbox(a.seq, { state: 'failed', lastError: { code: 'forbidden', message: 'You’re not a member of this room.' } });
    // Joining reads the room again (Genesys reports no activity of its own).
    cache.upsertConversations([conversation(ROOM)]);
    cache.removeOutbox(a.seq);
    const row = cache.listInbox({ filter: { kind: 'all' }, limit: 10 }).conversations.find((c) => c.id === ROOM)!;
    expect(row.lastMessagePreview).toBeUndefined();
    expect(row.unreadCount).toBe(0);
    expect(cache.messagesPage({ conversationId: ROOM, limit: 10 }).messages).toEqual([]);
    // Reopened: the file holds no trace of it either.
    cache.close();
    cache = t.open();
    expect(cache.getConversation(ROOM)).toMatchObject({ unreadCount: 0 });
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBeUndefined();
  });

  it('keeps what came after it, and a delivered send keeps the lead as the message it became', () => {
    const a = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'mine' }, 'a', 2_000);
    cache.upsertMessages([message(CHAT, 4_000, 'a reply came in')]);
    cache.removeOutbox(a.seq);
    expect(activity(CHAT)).toEqual([4_000, 'a reply came in']);

    const b = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'delivered' }, 'b', 5_000);
    cache.updateOutbox(b.seq, { state: 'done', remoteId: 'u:real-b' as MessageId });
    cache.removeOutbox(b.seq);
    expect(activity(CHAT)).toEqual([5_000, 'delivered']);
  });

  it('an edit of the latest message shows in the preview, though the send was queued a moment after the provider dated it', () => {
    const a = cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'alpha' }, 'a', 5_000);
    // Confirmed with the provider's time, a little before this computer's.
    const sent = message(CHAT, 4_900, 'alpha', { isOwn: true });
    cache.upsertMessages([sent]);
    cache.updateOutbox(a.seq, { state: 'done', remoteId: sent.id });
    cache.removeOutbox(a.seq);
    expect(activity(CHAT)).toEqual([5_000, 'alpha']);
    cache.upsertMessages([{ ...sent, text: 'beta', edited: true }]);
    expect(activity(CHAT)).toEqual([5_000, 'beta']);
    // An edit of an older message does not take the preview from the latest one.
    const older = message(CHAT, 3_000, 'old news');
    cache.upsertMessages([older]);
    cache.upsertMessages([{ ...older, text: 'old news, edited', edited: true }]);
    expect(activity(CHAT)).toEqual([5_000, 'beta']);
    // Nor while a send of the user's waits after it.
    cache.enqueue({ kind: 'send', conversationId: CHAT, text: 'gamma' }, 'g', 6_000);
    cache.upsertMessages([{ ...sent, text: 'beta, again', edited: true }]);
    expect(activity(CHAT)).toEqual([6_000, 'gamma']);
  });
});

describe('drafts', () => {
  it('are kept per conversation with their reply context, replaced and cleared', () => {
    expect(cache.getDraft(ROOM)).toBeNull();
    cache.setDraft({ conversationId: ROOM, text: 'half a thought', quoteId: 'g:q' as MessageId, updatedAt: 5 });
    cache.setDraft({ conversationId: DM, text: 'other', threadRootId: 'g:r' as MessageId, updatedAt: 6 });
    expect(cache.getDraft(ROOM)).toEqual({ conversationId: ROOM, text: 'half a thought', quoteId: 'g:q', updatedAt: 5 });
    cache.setDraft({ conversationId: ROOM, text: 'a whole thought', updatedAt: 7 });
    expect(cache.getDraft(ROOM)).toEqual({ conversationId: ROOM, text: 'a whole thought', updatedAt: 7 });
    cache.clearDraft(ROOM);
    expect(cache.getDraft(ROOM)).toBeNull();
    expect(cache.getDraft(DM)).toEqual({ conversationId: DM, text: 'other', threadRootId: 'g:r', updatedAt: 6 });
  });

  it('survive a restart', () => {
    cache.setDraft({ conversationId: ROOM, text: 'kept', updatedAt: 1 });
    cache.close();
    expect(t.open().getDraft(ROOM)?.text).toBe('kept');
  });
});

describe('the room directory', () => {
  it('records how a room was learnt, keeping the strongest way and the latest activity', () => {
    const other = 'g:room:other@conference.x' as ConversationId;
    cache.recordDirectory({ conversationId: ROOM, via: 'mentioned', lastActivity: 10 });
    cache.recordDirectory({ conversationId: ROOM, via: 'joined' });
    cache.recordDirectory({ conversationId: ROOM, via: 'seen', lastActivity: 5 });
    cache.recordDirectory({ conversationId: other, via: 'created', lastActivity: 20 });
    cache.markPolled(ROOM, 99);
    cache.markPolled('g:room:unknown' as ConversationId, 1);
    expect(cache.listDirectory()).toEqual([
      { conversationId: other, via: 'created', lastActivity: 20, lastPolled: null },
      { conversationId: ROOM, via: 'joined', lastActivity: 10, lastPolled: 99 },
    ]);
    expect(() => cache.recordDirectory({ conversationId: ROOM, via: 'guessed' as never })).toThrow(/Unknown directory source/);
  });
});

describe('sync cursors', () => {
  it('are stored and replaced', () => {
    expect(cache.getCursor('unipile:all')).toBeNull();
    cache.setCursor('unipile:all', '2026-01-01T00:00:00Z');
    cache.setCursor('unipile:all', '2026-01-02T00:00:00Z');
    expect(cache.getCursor('unipile:all')).toBe('2026-01-02T00:00:00Z');
    expect(() => cache.setCursor('', 'x')).toThrow();
  });
});

describe('window state', () => {
  it('is stored, replaced, removed, kept across a restart and gone with the rest of the cache', () => {
    expect(cache.getUiState('boot')).toBeNull();
    cache.setUiState('boot', 'first', 1);
    cache.setUiState('boot', 'second', 2);
    expect(cache.getUiState('boot')).toBe('second');
    cache.setUiState('boot', null, 3);
    expect(cache.getUiState('boot')).toBeNull();
    expect(() => cache.setUiState('', 'x', 4)).toThrow(/needs a key/);

    cache.setUiState('boot', 'kept', 5);
    cache.close();
    cache = t.open();
    expect(cache.getUiState('boot')).toBe('kept');
    // It holds titles and previews: clearing the cache must not leave them behind.
    cache.clear();
    expect(cache.getUiState('boot')).toBeNull();
  });
});
