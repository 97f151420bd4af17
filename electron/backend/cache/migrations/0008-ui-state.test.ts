import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, objects } from './testSupport';

describe('0008 ui-state', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the key/value table for the window state', () => {
    env = migratedTo(7);
    expect(objects(env.db).table).not.toContain('ui_state');
    env.done();
    env = migratedTo(8);
    expect(objects(env.db).table).toContain('ui_state');
    const put = env.db.prepare('INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, ?)');
    put.run('boot', '{}', 1);
    // One value per key: a second snapshot replaces the first, never sits beside it.
    expect(() => put.run('boot', '{}', 2)).toThrow(/UNIQUE|PRIMARY/);
  });
});
