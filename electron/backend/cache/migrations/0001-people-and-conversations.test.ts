import { afterEach, describe, expect, it } from 'vitest';
import { columns, migratedTo, objects } from './testSupport';

describe('0001 people-and-conversations', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('creates accounts, people and conversations with their integer keys and the inbox index', () => {
    env = migratedTo(1);
    const { db } = env;
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(objects(db).table).toEqual(['accounts', 'conversations', 'people']);
    expect(objects(db).index).toEqual(expect.arrayContaining(['conversations_inbox', 'people_self']));
    expect(columns(db, 'conversations')).toEqual(expect.arrayContaining(['cid', 'id', 'present', 'title', 'title_folded', 'last_activity', 'archived']));
    expect(columns(db, 'people')).toEqual(expect.arrayContaining(['pid', 'id', 'name', 'is_self']));
  });

  it('keeps text ids unique and gives stubs present = 0', () => {
    env = migratedTo(1);
    const { db } = env;
    db.prepare("INSERT INTO conversations (id, source) VALUES ('u:1', 'unipile')").run();
    expect(() => db.prepare("INSERT INTO conversations (id, source) VALUES ('u:1', 'unipile')").run()).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT present, title FROM conversations WHERE id = 'u:1'").get()).toEqual({ present: 0, title: '' });
    db.prepare("INSERT INTO people (id, source) VALUES ('u:p', 'unipile')").run();
    expect(() => db.prepare("INSERT INTO people (id, source) VALUES ('u:p', 'unipile')").run()).toThrow(/UNIQUE/);
  });

  it('answers the inbox order from its index', () => {
    env = migratedTo(1);
    const plan = env.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE present = 1 AND archived = 0 ORDER BY ifnull(last_activity, 0) DESC, id DESC LIMIT 20')
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/conversations_inbox/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
