import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import type { CacheStore } from './store';
import { CHAT, conversation, DM, message, person, ROOM, tempCache, texts } from './testSupport';

let t: ReturnType<typeof tempCache>;
let cache: CacheStore;
beforeEach(() => {
  t = tempCache();
  cache = t.open();
  cache.upsertConversations([conversation(ROOM), conversation(DM), conversation(CHAT)]);
});
afterEach(() => t.cleanup());

const T0 = Date.UTC(2026, 0, 1);
const ids = (messages: Array<Pick<Message, 'id'>>) => messages.map((m) => m.id);

/** `n` messages one second apart, oldest first. */
function series(n: number, conversationId = ROOM, start = T0): Message[] {
  return Array.from({ length: n }, (_, i) => message(conversationId, start + i * 1000, `message ${i}`));
}

describe('upsertMessages', () => {
  it('stores messages exactly as given and reports them as changed', () => {
    const rich = message(ROOM, T0, 'hello', {
      senderName: 'Ana',
      isOwn: true,
      edited: true,
      editedAt: T0 + 5,
      reactions: [{ emoji: '👍', count: 2, mine: true, personIds: ['g:user-1' as PersonId, 'g:user-2' as PersonId] }],
      attachments: [{ id: 'att-1', kind: 'image', name: 'a.png', mimeType: 'image/png', size: 10, width: 2, height: 3, unavailable: false }],
      quote: { messageId: 'g:m-quoted' as MessageId, senderId: 'g:user-2' as PersonId, text: 'quoted' },
      threadRootId: 'g:root' as MessageId,
      threadReplyCount: 3,
      mentions: ['g:user-3' as PersonId],
      delivery: 'seen',
      isEvent: true,
    });
    const plain = message(CHAT, T0 + 1, null, { senderId: null, editedAt: null });
    expect(cache.upsertMessages([rich, plain]).changed).toEqual([rich.id, plain.id]);
    expect(cache.getMessages([plain.id, rich.id])).toEqual([plain, rich]);
  });

  it('reports nothing when the same messages come again', () => {
    const batch = series(5);
    cache.upsertMessages(batch);
    expect(cache.upsertMessages(batch.map((m) => ({ ...m }))).changed).toEqual([]);
  });

  it('reconciles edits, deletes, reactions and attachments, reporting only what changed', () => {
    const [a, b, c, d] = series(4);
    cache.upsertMessages([a!, b!, c!, d!]);
    const edited = { ...a!, text: 'message 0 (fixed)', edited: true, editedAt: T0 + 60_000 };
    const deleted = { ...b!, deleted: true, text: null };
    const reacted = { ...c!, reactions: [{ emoji: '🎉', count: 1, mine: false, personIds: [] }] };
    expect(cache.upsertMessages([edited, deleted, reacted, d!]).changed).toEqual([edited.id, deleted.id, reacted.id]);
    expect(cache.getMessages([a!.id, b!.id, c!.id])).toEqual([edited, deleted, reacted]);
    // And back: the reaction removed, an attachment added.
    const withFile = { ...reacted, reactions: [], attachments: [{ id: 'f', kind: 'file' as const }] };
    expect(cache.upsertMessages([withFile]).changed).toEqual([withFile.id]);
    expect(cache.getMessages([c!.id])).toEqual([withFile]);
  });

  it('keeps the last copy when a batch names a message twice', () => {
    const m = message(ROOM, T0, 'first');
    cache.upsertMessages([m, { ...m, text: 'second' }]);
    expect(texts(cache.getMessages([m.id]))).toEqual(['second']);
    expect(cache.integrityCheck()).toBe('ok');
  });

  it('stores messages of the same millisecond side by side, in arrival order', () => {
    const same = [message(ROOM, T0, 'one'), message(ROOM, T0, 'two'), message(ROOM, T0, 'three')];
    cache.upsertMessages([same[0]!]);
    cache.upsertMessages([same[1]!, same[2]!]);
    expect(texts(cache.messagesPage({ conversationId: ROOM, limit: 10 }).messages)).toEqual(['one', 'two', 'three']);
    // A re-fetch of all three changes nothing and duplicates nothing.
    expect(cache.upsertMessages(same).changed).toEqual([]);
    expect(cache.stats().messages).toBe(3);
  });

  it('moves a message whose time or conversation changed', () => {
    const [a, b] = series(2);
    cache.upsertMessages([a!, b!]);
    const moved = { ...a!, time: T0 + 10_000 };
    expect(cache.upsertMessages([moved]).changed).toEqual([a!.id]);
    expect(ids(cache.messagesPage({ conversationId: ROOM, limit: 10 }).messages)).toEqual([b!.id, a!.id]);
    const elsewhere = { ...moved, conversationId: DM };
    cache.upsertMessages([elsewhere]);
    expect(ids(cache.messagesPage({ conversationId: ROOM, limit: 10 }).messages)).toEqual([b!.id]);
    expect(cache.getMessages([a!.id])).toEqual([elsewhere]);
    expect(cache.stats().messages).toBe(2);
  });

  it('accepts messages of conversations and senders it has not seen yet', () => {
    const m = message('u:new-chat' as never, T0, 'early bird', { senderId: 'u:stranger' as PersonId });
    cache.upsertMessages([m]);
    expect(cache.getMessages([m.id])).toEqual([m]);
    // Neither is listed until described.
    expect(cache.getConversation('u:new-chat' as never)).toBeNull();
    expect(cache.getPeople(['u:stranger' as PersonId])).toEqual([]);
  });

  it('names a sender the message does not name from the people it knows (offline the window cannot ask who is in a room)', () => {
    const unnamed = message(ROOM, T0, 'from Ana', { senderId: 'g:ana' as PersonId });
    const named = message(ROOM, T0 + 1, 'named on the message', { senderId: 'g:bo' as PersonId, senderName: 'Bo on the message' });
    const stranger = message(ROOM, T0 + 2, 'from a stub', { senderId: 'g:stub' as PersonId });
    cache.upsertMessages([unnamed, named, stranger]);
    expect(cache.getMessages([unnamed.id])[0]!.senderName).toBeUndefined();
    cache.upsertPeople([person('g:ana', 'Ana Lima'), person('g:bo', 'Bo Chen')]);
    const [a, b, c] = cache.getMessages([unnamed.id, named.id, stranger.id]);
    expect(a!.senderName).toBe('Ana Lima');
    expect(b!.senderName).toBe('Bo on the message');
    expect(c!.senderName).toBeUndefined();
    // As the timeline reads them too; nothing of it is written back (the same batch again changes nothing).
    expect(cache.messagesPage({ conversationId: ROOM, limit: 5 }).messages.find((m) => m.id === unnamed.id)!.senderName).toBe('Ana Lima');
    expect(cache.upsertMessages([unnamed]).changed).toEqual([]);
  });

  it('commits the cursor with the data, and neither when the transaction fails', () => {
    const batch = series(3);
    cache.upsertMessages(batch, { key: 'room:abc', value: 'page-1' });
    expect(cache.getCursor('room:abc')).toBe('page-1');

    const next = series(3, ROOM, T0 + 100_000);
    // The cursor is written last, inside the transaction: a bad one fails after the messages went in.
    expect(() => cache.upsertMessages(next, { key: 'room:abc', value: 42 as unknown as string })).toThrow();
    expect(cache.getMessages(next.map((m) => m.id))).toEqual([]);
    expect(cache.getCursor('room:abc')).toBe('page-1');
    expect(cache.stats().messages).toBe(3);
    expect(cache.integrityCheck()).toBe('ok');
  });

  it('rejects malformed messages before writing anything', () => {
    const good = message(ROOM, T0, 'good');
    for (const bad of [{ ...good, id: 'nope' }, { ...good, conversationId: 'x' }, { ...good, time: Number.NaN }, { ...good, reactions: undefined }]) {
      expect(() => cache.upsertMessages([good, bad as unknown as Message])).toThrow(/message|conversation|time|incomplete/i);
    }
    expect(cache.getMessages([good.id])).toEqual([]);
  });

  it('advances the conversation activity and preview from the newest message', () => {
    cache.upsertMessages(series(3));
    const c = cache.getConversation(ROOM)!;
    expect(c.lastActivity).toBe(T0 + 2000);
    expect(c.lastMessagePreview).toBe('message 2');
    // Backfill of older history does not move it back.
    cache.upsertMessages([message(ROOM, T0 - 50_000, 'ancient')]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('message 2');
  });

  it('says when the newest message is a reply in a thread, which the room\'s timeline does not show in its flow', () => {
    const root = message(ROOM, T0, 'the plan for friday');
    cache.upsertMessages([{ ...root, threadRootId: root.id }]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('the plan for friday');
    cache.upsertMessages([{ ...message(ROOM, T0 + 1000, 'count me in'), threadRootId: root.id }]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('In a thread: count me in');
  });
});

describe('deleteMessages', () => {
  it('removes messages, their search entries and their bytes', () => {
    const [a, b] = series(2);
    cache.upsertMessages([{ ...a!, attachments: [{ id: 'f', kind: 'file' }] }, b!]);
    cache.putAttachmentBytes(a!.id, { id: 'f', mimeType: 'text/plain' }, new Uint8Array([1, 2, 3]));
    cache.deleteMessages([a!.id, 'g:unknown' as MessageId]);
    expect(ids(cache.getMessages([a!.id, b!.id]))).toEqual([b!.id]);
    expect(cache.search({ text: 'message 0', limit: 10 }).hits).toEqual([]);
    expect(cache.getAttachmentBytes(a!.id, 'f')).toBeNull();
    expect(cache.integrityCheck()).toBe('ok');
  });

  it('a gone newest message leaves the preview to the newest one that remains, never "Message deleted"', () => {
    const [a, b, c] = series(3);
    cache.upsertMessages([a!, b!, c!]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('message 2');
    // Deleted at the provider (a tombstone comes back in the next fetch).
    cache.upsertMessages([{ ...c!, deleted: true, text: null }]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('message 1');
    expect(cache.getConversation(ROOM)!.lastActivity).toBe(T0 + 2000);
    // Gone from the provider's history altogether.
    cache.deleteMessages([b!.id]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('message 0');
    // An older message going leaves the preview alone.
    const d = message(ROOM, T0 + 3000, 'message 3');
    cache.upsertMessages([d]);
    cache.deleteMessages([a!.id]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBe('message 3');
    // Nothing left: no preview.
    cache.upsertMessages([{ ...d, deleted: true, text: null }]);
    expect(cache.getConversation(ROOM)!.lastMessagePreview).toBeUndefined();
  });
});

describe('messagesPage', () => {
  let all: Message[];
  beforeEach(() => {
    all = series(25);
    // Stored newest first, as history backfill brings them.
    for (let i = all.length; i > 0; i -= 10) cache.upsertMessages(all.slice(Math.max(0, i - 10), i));
    cache.upsertMessages(series(5, DM));
  });

  it('returns the newest page oldest first', () => {
    const page = cache.messagesPage({ conversationId: ROOM, limit: 10 });
    expect(ids(page.messages)).toEqual(ids(all.slice(15)));
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('walks back with keyset paging, with no gap and no duplicate', () => {
    const seen: MessageId[] = [];
    let page = cache.messagesPage({ conversationId: ROOM, limit: 7 });
    seen.unshift(...ids(page.messages));
    while (page.hasOlder) {
      const first = page.messages[0]!;
      page = cache.messagesPage({ conversationId: ROOM, limit: 7, before: { time: first.time, id: first.id } });
      expect(page.hasNewer).toBe(true);
      seen.unshift(...ids(page.messages));
    }
    expect(seen).toEqual(ids(all));
  });

  it('walks forward after a jump', () => {
    const page = cache.messagesPage({ conversationId: ROOM, limit: 10, after: { time: all[4]!.time, id: all[4]!.id } });
    expect(ids(page.messages)).toEqual(ids(all.slice(5, 15)));
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
    const last = cache.messagesPage({ conversationId: ROOM, limit: 10, after: { time: all[19]!.time, id: all[19]!.id } });
    expect(ids(last.messages)).toEqual(ids(all.slice(20)));
    expect(last).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('centres a page on a message', () => {
    const page = cache.messagesPage({ conversationId: ROOM, limit: 6, around: all[10]!.id });
    expect(ids(page.messages)).toEqual(ids(all.slice(7, 13)));
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
    // Near the start, the newer side fills the page.
    const start = cache.messagesPage({ conversationId: ROOM, limit: 6, around: all[1]!.id });
    expect(ids(start.messages)).toEqual(ids(all.slice(0, 6)));
    expect(start.hasOlder).toBe(false);
    expect(() => cache.messagesPage({ conversationId: ROOM, limit: 6, around: 'g:nowhere' as MessageId })).toThrow(/not in the cache/);
  });

  it('continues from a key whose message was deleted meanwhile', () => {
    cache.deleteMessages([all[10]!.id]);
    const page = cache.messagesPage({ conversationId: ROOM, limit: 3, before: { time: all[10]!.time, id: all[10]!.id } });
    expect(ids(page.messages)).toEqual(ids(all.slice(7, 10)));
  });

  it('shows a thread: its root and replies only', () => {
    const root = all[3]!;
    const replies = [message(ROOM, T0 + 30_000, 'reply 1', { threadRootId: root.id }), message(ROOM, T0 + 31_000, 'reply 2', { threadRootId: root.id })];
    cache.upsertMessages(replies);
    const thread = cache.messagesPage({ conversationId: ROOM, limit: 10, threadRootId: root.id });
    expect(ids(thread.messages)).toEqual([root.id, ...ids(replies)]);
    expect(thread).toMatchObject({ hasOlder: false, hasNewer: false });
    const older = cache.messagesPage({ conversationId: ROOM, limit: 1, threadRootId: root.id, before: { time: replies[0]!.time, id: replies[0]!.id } });
    expect(ids(older.messages)).toEqual([root.id]);
  });

  it('answers an unknown conversation with an empty page', () => {
    expect(cache.messagesPage({ conversationId: 'u:nothing' as never, limit: 10 })).toEqual({ messages: [], hasOlder: false, hasNewer: false });
  });

  it('appends the conversation\'s unsent sends at the live end only', () => {
    cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'on its way' }, 'client-1', T0 + 100_000);
    cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'refused' }, 'client-2', T0 + 100_001);
    cache.enqueue({ kind: 'send', conversationId: DM, text: 'elsewhere' }, 'client-3', T0 + 100_002);
    cache.enqueue({ kind: 'edit', conversationId: ROOM, messageId: all[0]!.id, text: 'x' }, 'client-4', T0 + 100_003);
    const failed = cache.listOutbox().find((e) => e.clientId === 'client-2')!;
    cache.updateOutbox(failed.seq, { state: 'failed', lastError: { code: 'forbidden', message: 'no' } });
    const live = cache.messagesPage({ conversationId: ROOM, limit: 5 }).messages;
    expect(live.slice(-2)).toEqual([
      expect.objectContaining({ id: 'g:pending-client-1', text: 'on its way', delivery: 'pending', isOwn: true, conversationId: ROOM }),
      expect.objectContaining({ id: 'g:pending-client-2', text: 'refused', delivery: 'failed' }),
    ]);
    const older = cache.messagesPage({ conversationId: ROOM, limit: 5, before: { time: all[10]!.time, id: all[10]!.id } }).messages;
    expect(older.some((m) => m.delivery === 'pending' || m.delivery === 'failed')).toBe(false);
  });
});

describe('newest and oldest message, pins', () => {
  it('names the edges of a conversation', () => {
    expect(cache.newestMessage(ROOM)).toBeNull();
    const batch = series(4);
    cache.upsertMessages([batch[2]!, batch[0]!, batch[3]!, batch[1]!]);
    expect(cache.newestMessage(ROOM)).toEqual({ time: batch[3]!.time, id: batch[3]!.id });
    expect(cache.oldestMessage(ROOM)).toEqual({ time: batch[0]!.time, id: batch[0]!.id });
    expect(cache.oldestMessage('u:nothing' as never)).toBeNull();
  });

  it('replaces pins as a set, in order, for messages cached or not', () => {
    cache.setPins(ROOM, ['g:a' as MessageId, 'g:b' as MessageId, 'g:a' as MessageId]);
    expect(cache.getPins(ROOM)).toEqual([
      { conversationId: ROOM, messageId: 'g:a' },
      { conversationId: ROOM, messageId: 'g:b' },
    ]);
    cache.setPins(ROOM, ['g:c' as MessageId]);
    expect(cache.getPins(ROOM).map((p) => p.messageId)).toEqual(['g:c']);
    cache.setPins(ROOM, []);
    expect(cache.getPins(ROOM)).toEqual([]);
    expect(cache.getPins('u:nothing' as never)).toEqual([]);
  });
});
