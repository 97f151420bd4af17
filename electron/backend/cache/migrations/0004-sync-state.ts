import type { Migration } from './index';

/**
 * What sync and the composer keep between runs: the Genesys room directory,
 * drafts, the outbox and sync cursors. Keyed by conversation id text, not cid:
 * each may name a conversation the cache has not described yet.
 */
export const migration: Migration = {
  version: 4,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE directory (
        conversation_id TEXT PRIMARY KEY,
        via TEXT NOT NULL,
        last_activity INTEGER,
        last_polled INTEGER
      ) WITHOUT ROWID;

      CREATE TABLE drafts (
        conversation_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        quote_id TEXT,
        thread_root_id TEXT,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- AUTOINCREMENT: a seq is never reused, so a late reply about an old entry cannot hit a new one.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        client_id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        op TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        remote_id TEXT
      );
      CREATE INDEX outbox_conversation ON outbox(conversation_id, seq);

      CREATE TABLE cursors (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
