import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../db';
import { tempCache } from '../testSupport';
import { LATEST_VERSION, migrate, MIGRATIONS } from './index';

describe('the migration chain', () => {
  let t: ReturnType<typeof tempCache>;
  afterEach(() => t?.cleanup());

  it('has one numbered file per migration, each with a test, in order', () => {
    const files = readdirSync(__dirname).filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files).toHaveLength(MIGRATIONS.length);
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      const file = `${String(m.version).padStart(4, '0')}-${m.name}.ts`;
      expect(files).toContain(file);
      expect(readdirSync(__dirname)).toContain(file.replace(/\.ts$/, '.test.ts'));
    });
  });

  it('runs from empty to the latest, then is a no-op on every later open', () => {
    t = tempCache();
    const db = openDb({ path: t.path, key: t.key });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    db.close();
    const again = openDb({ path: t.path, key: t.key });
    expect(again.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('continues from any version to the latest, ending with the same schema as a fresh database', () => {
    t = tempCache();
    const fresh = openDb({ path: join(t.dir, 'fresh.db'), key: t.key });
    const expected = fresh.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    fresh.close();
    for (let from = 1; from < LATEST_VERSION; from++) {
      const path = join(t.dir, `from-${from}.db`);
      openDb({ path, key: t.key, migrateTo: from }).close();
      const db = openDb({ path, key: t.key });
      expect(db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(), `from ${from}`).toEqual(expected);
      db.close();
    }
  });

  it('leaves the database at the last completed migration when one fails', () => {
    t = tempCache();
    const db = openDb({ path: t.path, key: t.key, migrateTo: 2 });
    const real = MIGRATIONS[2]!.up;
    (MIGRATIONS[2] as { up: typeof real }).up = (d) => {
      real(d);
      throw new Error('power cut');
    };
    try {
      expect(() => migrate(db)).toThrow('power cut');
    } finally {
      (MIGRATIONS[2] as { up: typeof real }).up = real;
    }
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'message_search'").pluck().get()).toBe(0);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
