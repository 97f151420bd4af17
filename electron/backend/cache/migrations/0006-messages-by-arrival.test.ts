import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './index';
import { columns, migratedTo, objects } from './testSupport';

describe('0006 messages-by-arrival', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  /** Two conversations, three messages (one deleted), a reaction, an attachment with bytes, all indexed. */
  function seedAt5() {
    env = migratedTo(5);
    const { db } = env;
    db.prepare("INSERT INTO conversations (cid, id, source) VALUES (1, 'g:room:r', 'genesys'), (2, 'u:chat-1', 'unipile')").run();
    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, text, flags, delivery, fp, thread_root) VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 7, ?)");
    insert.run(3 * 1024, 'g:c', 30, 1, 3, 'third réunion', 0, 'g:a');
    insert.run(1 * 1024, 'g:a', 10, 1, 1, 'first réunion', 0, null);
    insert.run(2 * 1024, 'u:b', 20, 2, 2, 'second reunion deleted', 4, null);
    db.prepare("INSERT INTO reactions (rid, ord, emoji, count, mine, person_ids) VALUES (1024, 0, '👍', 2, 1, '[]')").run();
    db.prepare("INSERT INTO attachments (rid, ord, attachment_id, kind, name) VALUES (3072, 0, 'att', 'file', 'a.pdf')").run();
    db.prepare("INSERT INTO attachment_bytes (message_id, attachment_id, mime_type, size, last_used, bytes) VALUES ('g:c', 'att', 'application/pdf', 3, 1, x'010203')").run();
    db.exec("INSERT INTO message_search (message_search) VALUES ('rebuild')");
    return db;
  }

  it('keeps every row, the time keys and the search index, and stores rows by arrival with rid unique', () => {
    const db = seedAt5();
    const before = db.prepare('SELECT rid, id, idh, conv, time, text, flags, fp, thread_root FROM messages ORDER BY rid').all();
    // To 6 only: 0012 moves the search index to a file of its own.
    expect(migrate(db, 6)).toBe(6);
    expect(db.prepare('SELECT rid, id, idh, conv, time, text, flags, fp, thread_root FROM messages ORDER BY rid').all()).toEqual(before);
    expect(columns(db, 'messages')).toEqual(['rid', 'id', 'idh', 'conv', 'time', 'sender', 'sender_name', 'text', 'flags', 'edited_at', 'delivery', 'thread_root', 'thread_reply_count', 'extra', 'fp']);
    // The rowid is no longer the time key: rows were copied a conversation at a time.
    expect(db.prepare('SELECT rid FROM messages ORDER BY rowid').pluck().all()).toEqual([1024, 3072, 2048]);
    expect(objects(db).index).toEqual(expect.arrayContaining(['messages_conv', 'messages_thread', 'messages_id_collided']));
    expect(objects(db).trigger).toEqual(['messages_drop_bytes']);
    expect(objects(db).view).toEqual(['message_search_source']);
    expect(db.prepare('SELECT emoji, count FROM reactions WHERE rid = 1024').all()).toEqual([{ emoji: '👍', count: 2 }]);
    expect(db.prepare('SELECT name FROM attachments WHERE rid = 3072').pluck().all()).toEqual(['a.pdf']);

    // The search index still matches its source, and its rowids still find the messages.
    db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
    const hits = db.prepare("SELECT m.id FROM message_search JOIN messages m ON m.rid = message_search.rowid WHERE message_search MATCH 'reunion' ORDER BY message_search.rowid DESC").pluck().all();
    expect(hits).toEqual(['g:c', 'g:a']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, flags, delivery, fp) VALUES (?, ?, ?, 1, 9, 0, 'sent', 0)");
    expect(() => insert.run(1024, 'g:dup-rid', 99)).toThrow(/UNIQUE/);
    expect(() => insert.run(9 * 1024, 'g:dup-hash', 10)).toThrow(/UNIQUE/);
  });

  it('keeps the cascades and the trigger: a message takes its reactions, attachments and bytes with it', () => {
    const db = seedAt5();
    migrate(db);
    expect(() => db.prepare("INSERT INTO reactions (rid, ord, emoji, count, mine, person_ids) VALUES (5, 0, 'x', 1, 0, '[]')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO reactions (rid, ord, emoji, count, mine, person_ids) VALUES (3072, 0, '🎉', 1, 0, '[]')").run();
    db.prepare('DELETE FROM messages WHERE rid = 3072').run();
    expect(db.prepare('SELECT count(*) FROM reactions WHERE rid = 3072').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachment_bytes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM reactions').pluck().get()).toBe(1);
  });

  it('finds messages by time key and pages a conversation from its index, without sorting', () => {
    env = migratedTo(6);
    const plan = (sql: string) => (env.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    const page = plan('SELECT * FROM messages WHERE conv = 1 AND rid < 5 ORDER BY rid DESC LIMIT 50');
    expect(page).toMatch(/messages_conv/);
    expect(page).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT text FROM messages WHERE rid = 5')).toMatch(/USING INDEX sqlite_autoindex_messages_1 \(rid=\?\)/);
    expect(plan('SELECT rid FROM messages WHERE idh = 5')).toMatch(/sqlite_autoindex_messages_2 \(idh=\?\)/);
  });
});
