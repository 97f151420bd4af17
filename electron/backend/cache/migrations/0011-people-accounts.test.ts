import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './index';
import { columns, migratedTo } from './testSupport';

describe('0011 people-accounts', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the account to people, empty for the rows already there', () => {
    env = migratedTo(10);
    expect(columns(env.db, 'people')).not.toContain('account_id');
    env.db.prepare("INSERT INTO people (pid, id, source, name, is_self) VALUES (1, 'u:ana', 'unipile', 'Ana', 0)").run();
    expect(migrate(env.db, 11)).toBe(11);
    expect(columns(env.db, 'people')).toContain('account_id');
    expect(env.db.prepare('SELECT name, account_id FROM people').get()).toEqual({ name: 'Ana', account_id: null });
  });
});
