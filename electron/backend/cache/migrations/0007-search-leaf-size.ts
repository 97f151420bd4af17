import type { Migration } from './index';

/**
 * Search index leaves that fit in a database page.
 *
 * FTS5 stores its index as blobs of about `pgsz` bytes (default 4,050), one row
 * each. With 4 KiB pages less the 32 bytes of every page the cipher keeps (its
 * nonce and tag), at most about 4,029 bytes of a row stay on its page: every
 * default-sized leaf spilled some 30 bytes onto an overflow page of its own, so
 * writing, reading and encrypting a leaf cost two pages. Leaves are now sized to
 * the page (less room for the cipher's bytes and the row's header): segments
 * written from now on (new messages, merges) use it.
 */
export const migration: Migration = {
  version: 7,
  name: 'search-leaf-size',
  up(db) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    // A BigInt binds as an INTEGER, which FTS5 requires of a setting (a JS number binds as a REAL).
    db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('pgsz', ?)").run(BigInt(leafSize(pageSize)));
  },
};

/** The largest FTS5 leaf that stays on one page of `pageSize` bytes, with room to spare. */
export function leafSize(pageSize: number): number {
  return pageSize - 128;
}
