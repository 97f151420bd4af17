import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/result';
import { CIPHER, CIPHER_ALGORITHM, deleteCacheFiles, LEGACY_CIPHER, openDb } from './db';
import { sqliteDriver } from './sqlite';
import { isCacheUnusable, UNDECRYPTABLE_MESSAGE } from './errors';
import { LATEST_VERSION } from './migrations/index';
import { conversation, message, OTHER_KEY, ROOM, tempCache } from './testSupport';

let t: ReturnType<typeof tempCache>;
afterEach(() => t.cleanup());

const SECRET = 'the-launch-codes-are-zebra-mango-42';

/** The cache's files and its search file's (searchFile.ts), each with its WAL and shared memory, as they exist. */
function filesOf(path: string): string[] {
  return [path, `${path}-search`].flatMap((f) => ['', '-wal', '-shm'].map((s) => f + s)).filter(existsSync);
}

describe('the database file', () => {
  it('holds no plaintext of a message, neither in the database, its search file nor their WALs', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM, { title: 'Zebra project' })]);
    cache.upsertMessages([message(ROOM, 1_700_000_000_000, `${SECRET} in a message`)]);
    cache.setDraft({ conversationId: ROOM, text: `${SECRET} in a draft`, updatedAt: 1 });
    cache.putAttachmentBytes('g:m-x' as never, { id: 'a1', mimeType: 'text/plain' }, new TextEncoder().encode(`${SECRET} in a file`));
    // Both while open (data in the WAL) and after close (checkpointed into the main file).
    const check = () => {
      for (const file of filesOf(t.path)) {
        const bytes = readFileSync(file);
        expect(bytes.includes(SECRET), file).toBe(false);
        expect(bytes.includes('Zebra project'), file).toBe(false);
        expect(bytes.includes('SQLite format 3'), file).toBe(false);
      }
    };
    check();
    expect(existsSync(`${t.path}-wal`)).toBe(true);
    cache.close();
    check();
  });

  it.skipIf(process.platform === 'win32')('is readable by its owner only, with its -wal and -shm files and its search file', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertMessages([message(ROOM, 1, 'hello')]);
    const files = filesOf(t.path);
    expect(files).toHaveLength(6);
    for (const file of files) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    expect(statSync(t.dir).mode & 0o077).toBe(0);
  });

  it('names its cipher and runs WAL with synchronous NORMAL and foreign keys', () => {
    t = tempCache();
    const db = openDb({ path: t.path, key: t.key });
    try {
      expect(CIPHER).toBe('aegis');
      expect(db.pragma('cipher', { simple: true })).toBe('aegis');
      expect(db.pragma('algorithm', { simple: true })).toBe(CIPHER_ALGORITHM);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    } finally {
      db.close();
    }
  });
});

describe('opening', () => {
  it('with the wrong key fails cleanly with an AppError the caller can act on', () => {
    t = tempCache();
    t.open().close();
    let err: unknown;
    try {
      openDb({ path: t.path, key: OTHER_KEY });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    expect((err as AppError).message).toBe(UNDECRYPTABLE_MESSAGE);
    expect(isCacheUnusable(err)).toBe(true);
    // The right key still opens it: nothing was damaged by the attempt.
    const again = t.open();
    expect(again.integrityCheck()).toBe('ok');
  });

  it('after deleting the files, opens a fresh cache with the new key', () => {
    t = tempCache();
    const first = t.open();
    first.upsertMessages([message(ROOM, 1, 'old')]);
    first.close();
    expect(() => openDb({ path: t.path, key: OTHER_KEY })).toThrow(AppError);
    deleteCacheFiles(t.path);
    expect(filesOf(t.path)).toEqual([]);
    const db = openDb({ path: t.path, key: OTHER_KEY });
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    db.close();
  });

  it('opens a cache made with the earlier cipher (ChaCha20-Poly1305) and keeps it', () => {
    t = tempCache();
    const legacy = new (sqliteDriver())(t.path);
    legacy.pragma(`cipher = '${LEGACY_CIPHER}'`);
    legacy.pragma(`key = "x'${t.key}'"`);
    legacy.pragma('journal_mode = WAL');
    legacy.exec("CREATE TABLE before_aegis (x); INSERT INTO before_aegis VALUES ('kept')");
    legacy.close();
    const db = openDb({ path: t.path, key: t.key });
    try {
      expect(db.pragma('cipher', { simple: true })).toBe(LEGACY_CIPHER);
      expect(db.prepare('SELECT x FROM before_aegis').pluck().get()).toBe('kept');
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    } finally {
      db.close();
    }
    // The wrong key reads as neither cipher: the same error as ever.
    expect(() => openDb({ path: t.path, key: OTHER_KEY })).toThrow(UNDECRYPTABLE_MESSAGE);
    const again = openDb({ path: t.path, key: t.key });
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('refuses a key that is not 64 hex characters', () => {
    t = tempCache();
    for (const key of ['', 'abc', 'z'.repeat(64), `${'a'.repeat(63)}'`, `x'${'a'.repeat(62)}`]) {
      expect(() => openDb({ path: t.path, key }), key).toThrow(/64 hexadecimal/);
    }
  });

  it('reports a file that is not a database (or is damaged) as unusable', () => {
    t = tempCache();
    writeFileSync(t.path, Buffer.alloc(8192, 7));
    let err: unknown;
    try {
      openDb({ path: t.path, key: t.key });
    } catch (e) {
      err = e;
    }
    expect(isCacheUnusable(err)).toBe(true);
  });

  it('reports a cache from a newer version as unusable', () => {
    t = tempCache();
    const db = openDb({ path: t.path, key: t.key });
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    let err: unknown;
    try {
      openDb({ path: t.path, key: t.key });
    } catch (e) {
      err = e;
    }
    expect(isCacheUnusable(err)).toBe(true);
    expect((err as AppError).message).toMatch(/newer/);
  });

  it('creates missing folders', () => {
    t = tempCache();
    const path = join(t.dir, 'a', 'b', 'cache.db');
    const cache = t.open({ path });
    expect(cache.integrityCheck()).toBe('ok');
  });
});
