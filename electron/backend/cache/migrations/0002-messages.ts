import type { Migration } from './index';

/**
 * Messages with their reactions, attachment metadata and pins.
 *
 * A message id is unique by way of its hash (`idh`) rather than by an index on
 * the id itself.
 *
 * `rid` (the rowid) is derived from the message time: time_ms * 1024 + a
 * counter for messages of the same millisecond (see ../timeKey.ts). Rowid order
 * is therefore time order, whatever order messages arrive in (backfill inserts
 * old messages late), and the search index, which shares the rowid, answers
 * "newest first" in index order without sorting.
 */
export const migration: Migration = {
  version: 2,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        -- 53-bit hash of id, unique: looked up instead of id, whose random forty-character keys make
        -- the largest and slowest index to grow. The second of two ids with one hash (about one chance
        -- in ten thousand at a million messages) is stored with NULL here and found by id.
        idh INTEGER UNIQUE,
        conv INTEGER NOT NULL REFERENCES conversations(cid),
        time INTEGER NOT NULL,
        sender INTEGER REFERENCES people(pid),
        -- Message.senderName, when the provider named the sender on the message itself
        sender_name TEXT,
        text TEXT,
        -- bit 0 own, 1 edited, 2 deleted, 3 provider event, 4 has reactions, 5 has attachments,
        -- 6 editedAt given (edited_at NULL: given as null)
        flags INTEGER NOT NULL,
        edited_at INTEGER,
        delivery TEXT NOT NULL,
        thread_root TEXT,
        thread_reply_count INTEGER,
        -- rarely present, never queried: {"q": quote, "m": mentions}
        extra TEXT,
        -- hash of the message as last upserted: an unchanged re-fetch writes nothing
        fp INTEGER NOT NULL
      );
      CREATE INDEX messages_id_collided ON messages(id) WHERE idh IS NULL;
      CREATE INDEX messages_conv ON messages(conv, rid);
      CREATE INDEX messages_thread ON messages(thread_root, rid) WHERE thread_root IS NOT NULL;

      CREATE TABLE reactions (
        rid INTEGER NOT NULL REFERENCES messages(rid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        emoji TEXT NOT NULL,
        count INTEGER NOT NULL,
        mine INTEGER NOT NULL,
        person_ids TEXT NOT NULL,
        PRIMARY KEY (rid, ord)
      ) WITHOUT ROWID;

      CREATE TABLE attachments (
        rid INTEGER NOT NULL REFERENCES messages(rid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        attachment_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        mime_type TEXT,
        size INTEGER,
        width INTEGER,
        height INTEGER,
        unavailable INTEGER,
        PRIMARY KEY (rid, ord)
      ) WITHOUT ROWID;

      -- By message id, not rid: a pinned message need not be cached.
      CREATE TABLE pins (
        conv INTEGER NOT NULL REFERENCES conversations(cid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        PRIMARY KEY (conv, ord)
      ) WITHOUT ROWID;
    `);
  },
};
