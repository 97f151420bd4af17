import type { Db } from '../sqlite';
import { openDb } from '../db';
import { tempCache } from '../testSupport';

/** An encrypted database in a temp folder, migrated up to `version`; closed and removed by `done()`. */
export function migratedTo(version: number): { db: Db; done(): void } {
  const t = tempCache();
  const db = openDb({ path: t.path, key: t.key, migrateTo: version });
  return {
    db,
    done() {
      if (db.open) db.close();
      t.cleanup();
    },
  };
}

export function objects(db: Db): Record<string, string[]> {
  const rows = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ type: string; name: string }>;
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.type] ??= []).push(r.name);
  return out;
}

export function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}
