import { afterEach, describe, expect, it } from 'vitest';
import { foldText } from '../../../../shared/domain/textFold';
import { migrate } from './index';
import { migratedTo } from './testSupport';

describe('0009 refold-titles', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  /** What the filter matched before: lower case, no diacritics, punctuation as typed. */
  const oldFold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const TITLES = ['O’Brien', 'Café ‘Le Jardin’', 'Q3 – “launch” plan', 'Zoë', 'it’s 9′ high', "O'Neil"];

  function seedAt8() {
    env = migratedTo(8);
    const insert = env.db.prepare("INSERT INTO conversations (cid, id, source, present, title, title_folded) VALUES (?, ?, 'unipile', 1, ?, ?)");
    TITLES.forEach((t, i) => insert.run(i + 1, `u:chat-${i}`, t, oldFold(t)));
    // A stub (known by id only, no title yet).
    env.db.prepare("INSERT INTO conversations (cid, id, source) VALUES (99, 'u:stub', 'unipile')").run();
    return env.db;
  }

  const folded = () => env.db.prepare('SELECT title_folded FROM conversations ORDER BY cid').pluck().all();
  /** The inbox filter's own test (conversations.ts listInbox). */
  const matching = (typed: string) => env.db.prepare('SELECT title FROM conversations WHERE instr(title_folded, ?) > 0 ORDER BY cid').pluck().all(typed);

  /** The filter folds what is typed as the titles are folded (apostrophes dropped). */
  const typed = (s: string) => foldText(s);

  it('folds the stored titles again: apostrophes dropped, look-alike quotes and dashes made plain', () => {
    seedAt8();
    // Before: neither the typed apostrophe nor none at all finds the typographic one.
    expect(matching(typed("o'brien"))).toEqual([]);
    expect(matching('obrien')).toEqual([]);
    expect(migrate(env.db, 9)).toBe(9);
    expect(folded()).toEqual(['obrien', 'cafe le jardin', 'q3 - "launch" plan', 'zoe', 'its 9 high', 'oneil', '']);
    for (const t of ["o'brien", 'obrien', 'O’Brien']) expect(matching(typed(t)), t).toEqual(['O’Brien']);
    expect(matching(typed("'le jardin'"))).toEqual(['Café ‘Le Jardin’']);
    expect(matching(typed('q3 - "launch"'))).toEqual(['Q3 – “launch” plan']);
    expect(matching(typed("o'"))).toEqual(['O’Brien', 'Zoë', "O'Neil"]);
    // The titles themselves are as they were.
    expect(env.db.prepare('SELECT title FROM conversations WHERE cid <= ? ORDER BY cid').pluck().all(TITLES.length)).toEqual(TITLES);
  });

  it('writes only the rows whose fold changed', () => {
    seedAt8();
    const changes = env.db.prepare('SELECT total_changes()').pluck();
    const before = changes.get() as number;
    migrate(env.db, 9);
    // O’Brien, Le Jardin, the launch plan, 9′ and O'Neil (its apostrophe goes); Zoë and the stub were folded right already.
    expect((changes.get() as number) - before).toBe(5);
  });
});
