import type { Db } from '../sqlite';
import { tooNew } from '../errors';
import { migration as m0001 } from './0001-people-and-conversations';
import { migration as m0002 } from './0002-messages';
import { migration as m0003 } from './0003-search';
import { migration as m0004 } from './0004-sync-state';
import { migration as m0005 } from './0005-attachment-store';
import { migration as m0006 } from './0006-messages-by-arrival';
import { migration as m0007 } from './0007-search-leaf-size';
import { migration as m0008 } from './0008-ui-state';
import { migration as m0009 } from './0009-refold-titles';
import { migration as m0010 } from './0010-change-windows';
import { migration as m0011 } from './0011-people-accounts';
import { migration as m0012 } from './0012-search-own-file';

export interface Migration {
  /** Equals its file number; the database's user_version after it ran. */
  version: number;
  name: string;
  up(db: Db): void;
}

/** In order. A migration is never edited once released: add the next one instead. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012];
export const LATEST_VERSION = MIGRATIONS.length;

/**
 * Brings the schema to `target` (default: the latest), one transaction per
 * migration, so a crash mid-way leaves the database at the last completed one.
 */
export function migrate(db: Db, target = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw tooNew();
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
