import type { Migration } from './index';

/**
 * Full-text search over message text, sender names and conversation titles.
 *
 * `message_search` indexes each message's text plus a `scope` column of two
 * synthetic tokens: its conversation and its sender, each one character from a
 * Unicode private-use plane (see ../scopeTokens.ts). Names and titles are not
 * repeated in every message's index entry: `name_search` indexes each person's
 * name and each conversation's title once, and a query word that matches names
 * or titles also matches the scope tokens of those people and conversations.
 * So a new title or a person's name arriving late re-indexes nothing, and
 * "in this conversation" is an index lookup intersected with the query.
 *
 * `message_search` is external-content: the text is stored once (in messages)
 * and read back through `message_search_source` for snippets. Its rowid is the
 * message rid (time key), so ORDER BY rowid DESC is newest first in index order.
 * The view is the single definition of what is indexed: rows are added and
 * removed through it (../ftsIndex.ts) and a 'rebuild' recreates the index from
 * it. Deleted messages are not in it.
 *
 * `name_search` is contentless (rows are removed by rowid alone): rowid
 * pid * 2 for a person, cid * 2 + 1 for a conversation.
 */
export const migration: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(`
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

      CREATE VIRTUAL TABLE message_search USING fts5(
        text, scope,
        content = 'message_search_source',
        content_rowid = 'rid',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      -- One segment per commit rather than one per megabyte of pending terms: fewer segments for
      -- every query to walk, and less merging.
      INSERT INTO message_search (message_search, rank) VALUES ('hashsize', 33554432);

      CREATE VIRTUAL TABLE name_search USING fts5(
        name,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
    `);
  },
};
