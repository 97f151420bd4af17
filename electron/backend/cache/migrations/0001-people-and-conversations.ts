import type { Migration } from './index';

/**
 * Accounts, people and conversations. People and conversations get an integer
 * key (`pid`, `cid`) besides their text id: every message refers to both, and an
 * integer costs a few bytes per row and per index entry where the text id costs
 * forty. A row may exist before the provider has described it (a message names
 * its sender and conversation first): such stubs have `present = 0` / `name IS NULL`
 * and are never listed.
 */
export const migration: Migration = {
  version: 1,
  name: 'people-and-conversations',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        network TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        self_person_id TEXT
      ) WITHOUT ROWID;

      CREATE TABLE people (
        pid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        name TEXT,
        is_self INTEGER NOT NULL DEFAULT 0,
        handle TEXT,
        profile_url TEXT,
        headline TEXT,
        has_picture INTEGER
      );
      CREATE INDEX people_self ON people(source) WHERE is_self = 1;

      CREATE TABLE conversations (
        cid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        present INTEGER NOT NULL DEFAULT 0,
        account_id TEXT,
        source TEXT NOT NULL,
        network TEXT,
        kind TEXT,
        title TEXT NOT NULL DEFAULT '',
        -- lower case, no diacritics: type-to-filter matches 'zurich' in 'Zürich'
        title_folded TEXT NOT NULL DEFAULT '',
        subject TEXT,
        description TEXT,
        avatar_person_id TEXT,
        last_activity INTEGER,
        last_message_preview TEXT,
        unread_count INTEGER NOT NULL DEFAULT 0,
        muted INTEGER NOT NULL DEFAULT 0,
        muted_until INTEGER,
        archived INTEGER NOT NULL DEFAULT 0,
        pinned INTEGER NOT NULL DEFAULT 0,
        read_only INTEGER NOT NULL DEFAULT 0,
        labels TEXT,
        disabled TEXT
      );
      -- The inbox order (newest activity first) straight from the index, archived apart.
      CREATE INDEX conversations_inbox ON conversations(archived, ifnull(last_activity, 0) DESC, id DESC) WHERE present = 1;
    `);
  },
};
