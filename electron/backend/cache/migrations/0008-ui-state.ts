import type { Migration } from './index';

/**
 * What the window keeps of itself between starts, by key: today only the boot snapshot (the inbox as
 * last drawn, served inside the page so it shows before the bundle runs; see app/bootPage.ts). It
 * lives here, not in a file beside the cache, because it holds conversation titles and previews: it
 * is encrypted with them and goes when the cache is cleared.
 */
export const migration: Migration = {
  version: 8,
  name: 'ui-state',
  up(db) {
    db.exec(`
      CREATE TABLE ui_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
