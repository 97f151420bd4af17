import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, objects } from './testSupport';

describe('0005 attachment-store', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the byte store with its LRU index', () => {
    env = migratedTo(4);
    expect(objects(env.db).table).not.toContain('attachment_bytes');
    env.done();
    env = migratedTo(5);
    expect(objects(env.db).table).toContain('attachment_bytes');
    expect(objects(env.db).index).toContain('attachment_bytes_lru');
    expect(objects(env.db).trigger).toEqual(['messages_drop_bytes']);
  });

  it('drops a message\'s bytes when the message goes', () => {
    env = migratedTo(5);
    const { db } = env;
    db.prepare("INSERT INTO conversations (cid, id, source) VALUES (1, 'g:room:r', 'genesys')").run();
    db.prepare("INSERT INTO messages (rid, id, idh, conv, time, flags, delivery, fp) VALUES (1024, 'g:m1', 1, 1, 1, 0, 'sent', 0)").run();
    const put = db.prepare("INSERT INTO attachment_bytes (message_id, attachment_id, mime_type, size, last_used, bytes) VALUES (?, 'a', 'image/png', 3, 1, x'010203')");
    put.run('g:m1');
    put.run('g:other');
    db.prepare('DELETE FROM messages WHERE rid = 1024').run();
    expect(db.prepare('SELECT message_id FROM attachment_bytes').pluck().all()).toEqual(['g:other']);
  });
});
