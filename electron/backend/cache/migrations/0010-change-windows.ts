import type { Migration } from './index';

/**
 * Each conversation's time limits on changing a sent message (`editWindowMs`, `deleteWindowMs`: LinkedIn
 * 60 minutes, WhatsApp 15 minutes to edit…), which the renderer needs to stop offering an edit the network
 * will refuse. They come from the Unipile mapper with the chat list; rows stored before this migration get
 * theirs at the next read of the chat list (within a minute of sync starting), and until then the network's
 * own refusal stands, as it did before.
 */
export const migration: Migration = {
  version: 10,
  name: 'change-windows',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN edit_window_ms INTEGER;
      ALTER TABLE conversations ADD COLUMN delete_window_ms INTEGER;
    `);
  },
};
