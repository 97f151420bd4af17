import type { Migration } from './index';

/**
 * The Unipile account each person was read through (`Person.accountId`: an attendee belongs to one
 * account), so the people the cache suggests can say which network they are on and New chat can put
 * the chosen account's people first. People stored before this migration get theirs the next time
 * sync reads them; until then they are shown as before, without a network.
 */
export const migration: Migration = {
  version: 11,
  name: 'people-accounts',
  up(db) {
    db.exec('ALTER TABLE people ADD COLUMN account_id TEXT;');
  },
};
