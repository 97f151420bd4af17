import { afterEach, describe, expect, it } from 'vitest';
import { columns, migratedTo, objects } from './testSupport';

describe('0002 messages', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('is absent before and present after', () => {
    env = migratedTo(1);
    expect(objects(env.db).table).not.toContain('messages');
    env.done();
    env = migratedTo(2);
    expect(objects(env.db).table).toEqual(expect.arrayContaining(['messages', 'reactions', 'attachments', 'pins']));
    expect(objects(env.db).index).toEqual(expect.arrayContaining(['messages_conv', 'messages_thread', 'messages_id_collided']));
    expect(columns(env.db, 'messages')).toEqual(expect.arrayContaining(['rid', 'id', 'idh', 'conv', 'time', 'flags', 'fp']));
  });

  it('refuses a message of an unknown conversation and cascades reactions and attachments', () => {
    env = migratedTo(2);
    const { db } = env;
    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, flags, delivery, fp) VALUES (?, ?, ?, ?, 1, 0, 'sent', 0)");
    expect(() => insert.run(1024, 'g:m1', 1, 99)).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO conversations (cid, id, source) VALUES (1, 'g:room:r', 'genesys')").run();
    insert.run(1024, 'g:m1', 1, 1);
    expect(() => insert.run(2048, 'g:m2', 1, 1)).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO reactions (rid, ord, emoji, count, mine, person_ids) VALUES (1024, 0, '👍', 1, 0, '[]')").run();
    db.prepare("INSERT INTO attachments (rid, ord, attachment_id, kind) VALUES (1024, 0, 'a', 'file')").run();
    db.prepare('DELETE FROM messages WHERE rid = 1024').run();
    expect(db.prepare('SELECT count(*) FROM reactions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
  });

  it('pages a conversation in rid order from its index, without sorting', () => {
    env = migratedTo(2);
    const plan = env.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conv = 1 AND rid < 5 ORDER BY rid DESC LIMIT 50').all() as Array<{ detail: string }>;
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toMatch(/messages_conv/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });
});
