import type { Migration } from './index';

/**
 * Attachment bytes fetched on demand, kept inside the encrypted database (a
 * separate file store would need its own encryption) and capped in size:
 * `last_used` orders eviction, least recently used first. Rowid table: large
 * blobs do not belong in a WITHOUT ROWID b-tree.
 */
export const migration: Migration = {
  version: 5,
  name: 'attachment-store',
  up(db) {
    db.exec(`
      CREATE TABLE attachment_bytes (
        message_id TEXT NOT NULL,
        attachment_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        last_used INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        UNIQUE (message_id, attachment_id)
      );
      CREATE INDEX attachment_bytes_lru ON attachment_bytes(last_used);

      -- Bytes leave with their message, whichever path removes it.
      CREATE TRIGGER messages_drop_bytes AFTER DELETE ON messages BEGIN
        DELETE FROM attachment_bytes WHERE message_id = old.id;
      END;
    `);
  },
};
