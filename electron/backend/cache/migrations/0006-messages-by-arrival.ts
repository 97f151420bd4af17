import type { Migration } from './index';

/**
 * Messages stored in arrival order, found by time key through an index.
 *
 * Until now the time key `rid` was the messages table's rowid, so the table's
 * pages were in time order. Sync brings history a conversation at a time, and
 * a conversation's messages are spread over the whole time range among every
 * other conversation's: each commit of a backfill touched (re-encrypted and
 * rewrote) a large part of the table, most of the database. Now the table's
 * rowid is the arrival order (new rows append; a conversation's backfill lands
 * together, which is also the order its pages read), and `rid` is a UNIQUE
 * column: its index entries are small, so the pages a commit rewrites at
 * random are an index's, a tenth of the table's.
 *
 * `rid` keeps its meaning everywhere (time key, search rowid, the key of
 * reactions and attachments), so the search index stays as it is. Rows are
 * copied a conversation at a time, the order a fresh sync would store them.
 *
 * The copy is done with foreign keys on (they cannot be switched off inside a
 * transaction), so nothing may still refer to the old table when it is dropped
 * (its implicit DELETE would cascade): reactions and attachments are copied
 * first into tables that refer to the new one, and the view that reads the
 * messages is dropped and made again (a rename checks the views that name it).
 */
export const migration: Migration = {
  version: 6,
  name: 'messages-by-arrival',
  up(db) {
    db.exec(`
      DROP VIEW message_search_source;

      CREATE TABLE messages_new (
        -- the time key (../timeKey.ts): search rowid, key of reactions and attachments
        rid INTEGER NOT NULL UNIQUE,
        id TEXT NOT NULL,
        idh INTEGER UNIQUE,
        conv INTEGER NOT NULL REFERENCES conversations(cid),
        time INTEGER NOT NULL,
        sender INTEGER REFERENCES people(pid),
        sender_name TEXT,
        text TEXT,
        flags INTEGER NOT NULL,
        edited_at INTEGER,
        delivery TEXT NOT NULL,
        thread_root TEXT,
        thread_reply_count INTEGER,
        extra TEXT,
        fp INTEGER NOT NULL
      );
      INSERT INTO messages_new (rid, id, idh, conv, time, sender, sender_name, text, flags, edited_at, delivery, thread_root, thread_reply_count, extra, fp)
        SELECT rid, id, idh, conv, time, sender, sender_name, text, flags, edited_at, delivery, thread_root, thread_reply_count, extra, fp
        FROM messages ORDER BY conv, rid;

      CREATE TABLE reactions_new (
        rid INTEGER NOT NULL REFERENCES messages_new(rid) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        emoji TEXT NOT NULL,
        count INTEGER NOT NULL,
        mine INTEGER NOT NULL,
        person_ids TEXT NOT NULL,
        PRIMARY KEY (rid, ord)
      ) WITHOUT ROWID;
      INSERT INTO reactions_new SELECT rid, ord, emoji, count, mine, person_ids FROM reactions;

      CREATE TABLE attachments_new (
        rid INTEGER NOT NULL REFERENCES messages_new(rid) ON DELETE CASCADE,
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
      INSERT INTO attachments_new SELECT rid, ord, attachment_id, kind, name, mime_type, size, width, height, unavailable FROM attachments;

      DROP TABLE reactions;
      DROP TABLE attachments;
      -- Its indexes and the trigger that drops attachment bytes go with it.
      DROP TABLE messages;
      -- Renaming rewrites the new tables' references to it.
      ALTER TABLE messages_new RENAME TO messages;
      ALTER TABLE reactions_new RENAME TO reactions;
      ALTER TABLE attachments_new RENAME TO attachments;

      CREATE INDEX messages_id_collided ON messages(id) WHERE idh IS NULL;
      CREATE INDEX messages_conv ON messages(conv, rid);
      CREATE INDEX messages_thread ON messages(thread_root, rid) WHERE thread_root IS NOT NULL;

      CREATE TRIGGER messages_drop_bytes AFTER DELETE ON messages BEGIN
        DELETE FROM attachment_bytes WHERE message_id = old.id;
      END;

      -- As in 0003.
      CREATE VIEW message_search_source AS
        SELECT rid,
               ifnull(text, '') AS text,
               CASE WHEN conv < 65534 THEN char(983040 + conv) ELSE char(983040 + conv / 65534) || char(983040 + conv % 65534) END
                 || CASE WHEN sender IS NULL THEN ''
                         WHEN sender < 65534 THEN ' ' || char(1048576 + sender)
                         ELSE ' ' || char(1048576 + sender / 65534) || char(1048576 + sender % 65534) END
                 AS scope
        FROM messages
        WHERE (flags & 4) = 0;
    `);
  },
};
