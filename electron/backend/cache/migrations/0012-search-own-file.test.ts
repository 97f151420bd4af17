import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCache } from '../testSupport';
import { openDb } from '../db';
import { openCacheInThread } from '../store';
import { searchFilePath } from '../searchFile';
import { migrate } from './index';
import { columns, migratedTo, objects } from './testSupport';

describe('0012 search-own-file', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  function seedAt11() {
    env = migratedTo(11);
    const { db } = env;
    db.prepare("INSERT INTO conversations (cid, id, source, title) VALUES (1, 'g:room:r', 'genesys', 'Room'), (2, 'u:chat-1', 'unipile', 'Chat')").run();
    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, text, flags, delivery, fp) VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 7)");
    insert.run(3 * 1024, 'g:c', 30, 1, 3, 'third réunion', 0);
    insert.run(1 * 1024, 'g:a', 10, 1, 1, 'first réunion', 0);
    insert.run(2 * 1024, 'u:b', 20, 2, 2, 'second reunion deleted', 4);
    db.exec("INSERT INTO message_search (message_search) VALUES ('rebuild')");
    return { db };
  }

  it('drops the index from the cache file and queues nothing yet: the view gains the arrival order', () => {
    const { db } = seedAt11();
    expect(objects(db).table).toContain('message_search');
    expect(migrate(db, 12)).toBe(12);
    expect(objects(db).table).not.toContain('message_search');
    expect(objects(db).table).toEqual(expect.arrayContaining(['search_queue', 'search_meta']));
    expect(columns(db, 'message_search_source')).toEqual(['arrival', 'rid', 'text', 'scope']);
    // The deleted message stays out of what is indexed; the arrival order is the table's rowid.
    expect(db.prepare('SELECT rid FROM message_search_source ORDER BY arrival').pluck().all()).toEqual([3072, 1024]);
    expect(db.prepare('SELECT count(*) FROM search_queue').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('builds the search file from the messages the next time the cache opens, encrypted', () => {
    const t = tempCache();
    try {
      openDb({ path: t.path, key: t.key, migrateTo: 11 }).close();
      const old = openDb({ path: t.path, key: t.key, migrateTo: 11 });
      old.prepare("INSERT INTO conversations (cid, id, source, title) VALUES (1, 'g:room:r', 'genesys', 'Room')").run();
      old.prepare("INSERT INTO messages (rid, id, idh, conv, time, text, flags, delivery, fp) VALUES (1024, 'g:a', 10, 1, 1, 'first réunion', 0, 'sent', 7)").run();
      old.close();
      const cache = openCacheInThread({ path: t.path, key: t.key });
      expect(cache.search({ text: 'reunion', limit: 10 }).hits.map((h) => h.message.id)).toEqual(['g:a']);
      expect(cache.integrityCheck()).toBe('ok');
      cache.close();
      env = { db: openDb({ path: t.path, key: t.key }), done: () => undefined };
      env.db.close();
      const file = searchFilePath(t.path);
      expect(existsSync(file)).toBe(true);
      // Encrypted like the cache: no SQLite header, no text.
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from('réunion'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
