import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, objects } from './testSupport';

describe('0003 search', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the message index, its source view and the name index', () => {
    env = migratedTo(2);
    expect(objects(env.db).table ?? []).not.toContain('message_search');
    env.done();
    env = migratedTo(3);
    expect(objects(env.db).table).toEqual(expect.arrayContaining(['message_search', 'name_search']));
    expect(objects(env.db).view).toEqual(['message_search_source']);
    const ddl = env.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'message_search'").pluck().get() as string;
    expect(ddl).toMatch(/prefix = '2 3'/);
    expect(ddl).toMatch(/remove_diacritics 2/);
  });

  it('indexes through the view: case and diacritics folded, prefixes, deleted messages left out', () => {
    env = migratedTo(3);
    const { db } = env;
    db.prepare("INSERT INTO conversations (cid, id, source) VALUES (7, 'g:room:r', 'genesys')").run();
    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, sender, text, flags, delivery, fp) VALUES (?, ?, ?, 7, 1, NULL, ?, ?, 'sent', 0)");
    insert.run(1, 'g:a', 1, 'Réunion à Zürich', 0);
    insert.run(2, 'g:b', 2, 'deleted words zürich', 4);
    db.exec("INSERT INTO message_search (message_search) VALUES ('rebuild')");
    const match = (q: string) => db.prepare('SELECT rowid FROM message_search WHERE message_search MATCH ?').pluck().all(q);
    expect(match('zurich')).toEqual([1]);
    expect(match('REUNION')).toEqual([1]);
    expect(match('zu*')).toEqual([1]);
    expect(match('deleted')).toEqual([]);
    // The scope token of conversation 7: one private-use character.
    expect(match(`scope : "${String.fromCodePoint(0xf0000 + 7)}"`)).toEqual([1]);
    db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
  });

  it('lets names be removed by rowid alone', () => {
    env = migratedTo(3);
    const { db } = env;
    db.prepare('INSERT INTO name_search (rowid, name) VALUES (?, ?)').run(4n, 'Jürgen Müller');
    expect(db.prepare("SELECT rowid FROM name_search WHERE name_search MATCH 'muller'").pluck().all()).toEqual([4]);
    db.prepare('DELETE FROM name_search WHERE rowid = ?').run(4n);
    expect(db.prepare("SELECT rowid FROM name_search WHERE name_search MATCH 'muller'").pluck().all()).toEqual([]);
  });
});
