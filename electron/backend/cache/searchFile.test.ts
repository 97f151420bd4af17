import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageId } from '../../../shared/domain/ids';
import { openCache, type CacheClient } from './client';
import { deleteCacheFiles, openDb } from './db';
import { appliedSeq, indexPass, queuedSeq, searchFilePath } from './searchFile';
import { CHAT, conversation, message, ROOM, tempCache, texts } from './testSupport';

let t: ReturnType<typeof tempCache>;
const clients: CacheClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  t?.cleanup();
});

const found = (hits: { hits: Array<{ message: { text: string | null } }> }) => hits.hits.map((h) => h.message.text);

describe('the search file, applied by each write (inline)', () => {
  it('takes edits, deletions, moves and a reused time key, and keeps the queue empty behind it', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM), conversation(CHAT)]);
    const a = message(ROOM, 1000, 'orange marmalade');
    const b = message(ROOM, 2000, 'lemon curd');
    cache.upsertMessages([a, b]);
    expect(found(cache.search({ text: 'marmalade', limit: 10 }))).toEqual(['orange marmalade']);

    // An edit: the old words leave the index, the new ones come in.
    cache.upsertMessages([{ ...a, text: 'apricot jam', edited: true }]);
    expect(found(cache.search({ text: 'marmalade', limit: 10 }))).toEqual([]);
    expect(found(cache.search({ text: 'apricot', limit: 10 }))).toEqual(['apricot jam']);

    // Moved to another conversation (stored afresh under its new key) and deleted.
    cache.upsertMessages([{ ...b, conversationId: CHAT }]);
    expect(cache.search({ text: 'lemon', limit: 10 }).hits.map((h) => h.message.conversationId)).toEqual([CHAT]);
    cache.deleteMessages([a.id]);
    expect(found(cache.search({ text: 'apricot', limit: 10 }))).toEqual([]);

    // Gone in one write, its millisecond's first key taken by another message in the same write.
    const c = message(ROOM, 3000, 'first at three');
    cache.upsertMessages([c]);
    cache.batch(() => {
      cache.deleteMessages([c.id]);
      cache.upsertMessages([message(ROOM, 3000, 'second at three')]);
    });
    expect(found(cache.search({ text: 'three', limit: 10 }))).toEqual(['second at three']);
    expect(cache.integrityCheck()).toBe('ok');

    const db = openDb({ path: t.path, key: t.key });
    try {
      expect(appliedSeq(db)).toBe(queuedSeq(db));
      expect(db.prepare('SELECT count(*) FROM search_queue').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('applies a queue row twice to the same index: a crash between the two files replays, never doubles', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 1000, 'once only'), message(ROOM, 2000, 'twice over')]);
    cache.close();
    const db = openDb({ path: t.path, key: t.key });
    try {
      // The index forgets it applied the write (as if its commit were lost), and the row is queued again.
      db.transaction(() => {
        db.prepare('INSERT INTO search_queue (lo, hi) SELECT min(rowid), max(rowid) FROM messages').run();
        db.prepare("UPDATE search.search_meta SET v = 0 WHERE k = 'applied'").run();
        indexPass(db, Infinity);
      })();
      expect(db.prepare("SELECT rowid FROM message_search WHERE message_search MATCH 'once OR twice'").pluck().all()).toHaveLength(2);
      expect(db.prepare('SELECT count(*) FROM search.message_search_docs').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
    expect(t.open().integrityCheck()).toBe('ok');
  });

  it('rebuilds a search file that is missing, unreadable with the key, or of another cache', () => {
    t = tempCache();
    let cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 1000, 'still findable')]);
    cache.close();
    const file = searchFilePath(t.path);

    for (const damage of [() => writeFileSync(file, 'not a database at all, not even encrypted'), () => writeFileSync(file, '')]) {
      damage();
      cache = t.open();
      expect(found(cache.search({ text: 'findable', limit: 10 }))).toEqual(['still findable']);
      cache.close();
    }

    // Another cache's search file (its own messages) is not taken for this one's.
    const other = tempCache();
    try {
      const o = other.open();
      o.upsertConversations([conversation(ROOM)]);
      o.upsertMessages([message(ROOM, 5000, 'from the other cache')]);
      o.close();
      // Copied over whole: the same key, a valid file, but made for another cache.
      writeFileSync(file, readFileSync(searchFilePath(other.path)));
      cache = t.open();
      expect(found(cache.search({ text: 'cache', limit: 10 }))).toEqual([]);
      expect(found(cache.search({ text: 'findable', limit: 10 }))).toEqual(['still findable']);
      expect(cache.integrityCheck()).toBe('ok');
    } finally {
      other.cleanup();
    }
  });

  it('empties with the cache on clear, and goes with its files', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 1000, 'to be cleared')]);
    cache.clear();
    expect(found(cache.search({ text: 'cleared', limit: 10 }))).toEqual([]);
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 2000, 'written after the clear')]);
    expect(found(cache.search({ text: 'clear', limit: 10 }))).toEqual(['written after the clear']);
    expect(cache.integrityCheck()).toBe('ok');
    cache.close();
    expect(existsSync(searchFilePath(t.path))).toBe(true);
    deleteCacheFiles(t.path);
    expect(['', '-wal', '-shm'].filter((s) => existsSync(searchFilePath(t.path) + s))).toEqual([]);
  });
});

describe('the search file, applied by the indexer thread (the worker)', () => {
  it('answers a search sent right after a write with that write: the search waits for the index', async () => {
    t = tempCache();
    const c = await openCache({ path: t.path, key: t.key });
    clients.push(c);
    await c.upsertConversations([conversation(ROOM)]);
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 500 }, (_, i) => message(ROOM, 10_000 + b * 1000 + i, `batch ${b} item ${i} kumquat`)));
    const writes = batches.map((batch) => c.upsertMessages(batch));
    const last = message(ROOM, 99_000, 'the very last quince');
    writes.push(c.upsertMessages([last]));
    // Written (committed to the cache file), then searched at once: the indexer has had no time.
    await Promise.all(writes);
    const [search, all] = await Promise.all([c.search({ text: 'quince', limit: 5 }), c.search({ text: 'kumquat', limit: 100 })]);
    expect(found(search)).toEqual(['the very last quince']);
    expect(all.hits).toHaveLength(100);
    expect((await c.stats()).messages).toBe(3001);
    expect(await c.integrityCheck()).toBe('ok');
  });

  it('checks the index whole: the integrity check waits for the indexer, not on its lock', async () => {
    t = tempCache();
    const c = await openCache({ path: t.path, key: t.key });
    clients.push(c);
    await c.upsertConversations([conversation(ROOM)]);
    // Another connection holds the search file's write lock, as a long pass of the indexer would on a
    // busy machine: the indexer cannot apply the next write while it does.
    const holder = openDb({ path: t.path, key: t.key });
    holder.exec('BEGIN');
    holder.prepare("UPDATE search.search_meta SET v = v WHERE k = 'applied'").run();
    try {
      await c.upsertMessages([message(ROOM, 1000, 'written while the index was held')]);
      let answered = false;
      const check = c.integrityCheck().finally(() => (answered = true));
      // Longer than the connection's 5 s busy timeout: a check that took the lock itself would have
      // given up by now with "database is locked".
      await Promise.race([check, new Promise((r) => setTimeout(r, 5_500))]);
      expect(answered).toBe(false);
      holder.exec('COMMIT');
      expect(await check).toBe('ok');
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
    expect(found(await c.search({ text: 'held', limit: 5 }))).toEqual(['written while the index was held']);
  });

  it('applies on reopen what was queued but not indexed when the worker stopped', async () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    const m = message(ROOM, 1000, 'queued before the stop');
    cache.upsertMessages([m]);
    cache.close();
    // The index loses its last pass (as a process killed between the two files' commits would).
    const db = openDb({ path: t.path, key: t.key });
    db.transaction(() => {
      db.prepare("INSERT INTO message_search (message_search) VALUES ('delete-all')").run();
      db.prepare('DELETE FROM search.message_search_docs').run();
      db.prepare("UPDATE search.search_meta SET v = 0 WHERE k = 'applied'").run();
      db.prepare('INSERT INTO search_queue (lo, hi) SELECT min(rowid), max(rowid) FROM messages').run();
    })();
    db.close();
    const c = await openCache({ path: t.path, key: t.key });
    clients.push(c);
    // The indexer goes to work on its own at open, before anyone searches (seen from a second connection).
    const reader = openDb({ path: t.path, key: t.key });
    try {
      const deadline = Date.now() + 20_000;
      while (appliedSeq(reader) < queuedSeq(reader) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(appliedSeq(reader)).toBe(queuedSeq(reader));
    } finally {
      reader.close();
    }
    expect((await c.search({ text: 'stop', limit: 5 })).hits.map((h) => h.message.id)).toEqual([m.id as MessageId]);
    expect(texts((await c.messagesPage({ conversationId: ROOM, limit: 5 })).messages)).toEqual(['queued before the stop']);
    expect(existsSync(searchFilePath(t.path))).toBe(true);
  });
});
