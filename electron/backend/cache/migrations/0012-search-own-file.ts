import type { Migration } from './index';

/**
 * The message search index moves to a database file of its own (../searchFile.ts), written by a
 * thread of its own: on a 2-core machine a backfill's search-index work (about 40% of it) then runs
 * beside the messages' instead of after them. What stays here is the queue that says what to index:
 * a row per write that touched searchable messages, in the write's own transaction, so a crash
 * between the two files loses nothing (the indexer replays the rows it has not applied). The view
 * the indexer reads gains each message's arrival order, so a backfill's new rows are named by a
 * range instead of a list.
 *
 * The index's old pages become free pages of this file; the new file is built from the messages
 * when the cache is next opened.
 */
export const migration: Migration = {
  version: 12,
  name: 'search-own-file',
  up(db) {
    db.exec(`
      DROP TABLE message_search;
      DROP VIEW message_search_source;

      -- As in 0006, plus the arrival order (the messages table's rowid).
      CREATE VIEW message_search_source AS
        SELECT rowid AS arrival,
               rid,
               ifnull(text, '') AS text,
               CASE WHEN conv < 65534 THEN char(983040 + conv) ELSE char(983040 + conv / 65534) || char(983040 + conv % 65534) END
                 || CASE WHEN sender IS NULL THEN ''
                         WHEN sender < 65534 THEN ' ' || char(1048576 + sender)
                         ELSE ' ' || char(1048576 + sender / 65534) || char(1048576 + sender % 65534) END
                 AS scope
        FROM messages
        WHERE (flags & 4) = 0;

      -- What to (re)index: the messages of arrival order lo..hi, and the rids in the JSON array
      -- rids (changed or removed ones). AUTOINCREMENT: applied entries are deleted, and a seq must
      -- never come round again below what the index has applied.
      CREATE TABLE search_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        lo INTEGER,
        hi INTEGER,
        rids TEXT
      );

      -- generation: names this cache to its search file, which keeps the same value (a search file
      -- that names another is rebuilt).
      CREATE TABLE search_meta (
        k TEXT PRIMARY KEY,
        v
      ) WITHOUT ROWID;
    `);
  },
};
