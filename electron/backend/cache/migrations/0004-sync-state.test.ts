import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, objects } from './testSupport';

describe('0004 sync-state', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the directory, drafts, outbox and cursors', () => {
    env = migratedTo(3);
    expect(objects(env.db).table).not.toContain('outbox');
    env.done();
    env = migratedTo(4);
    expect(objects(env.db).table).toEqual(expect.arrayContaining(['directory', 'drafts', 'outbox', 'cursors']));
    expect(objects(env.db).index).toContain('outbox_conversation');
  });

  it('never reuses an outbox seq, even after the newest entry is removed', () => {
    env = migratedTo(4);
    const { db } = env;
    const add = db.prepare("INSERT INTO outbox (client_id, conversation_id, kind, op, state, not_before, created_at) VALUES (?, 'u:c', 'send', '{}', 'pending', 0, 0)");
    const first = Number(add.run('a').lastInsertRowid);
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(first);
    const second = Number(add.run('b').lastInsertRowid);
    expect(second).toBeGreaterThan(first);
    expect(() => add.run('b')).toThrow(/UNIQUE/);
  });
});
