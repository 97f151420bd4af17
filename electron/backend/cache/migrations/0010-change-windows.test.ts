import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './index';
import { columns, migratedTo } from './testSupport';

describe('0010 change-windows', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  it('adds the edit and delete windows to conversations, empty for the rows already there', () => {
    env = migratedTo(9);
    expect(columns(env.db, 'conversations')).not.toContain('edit_window_ms');
    env.db.prepare("INSERT INTO conversations (cid, id, source, present, title) VALUES (1, 'u:chat-1', 'unipile', 1, 'Grace')").run();
    expect(migrate(env.db, 10)).toBe(10);
    expect(columns(env.db, 'conversations')).toEqual(expect.arrayContaining(['edit_window_ms', 'delete_window_ms']));
    expect(env.db.prepare('SELECT edit_window_ms, delete_window_ms FROM conversations').get()).toEqual({ edit_window_ms: null, delete_window_ms: null });
  });
});
