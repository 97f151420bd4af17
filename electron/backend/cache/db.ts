import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { damaged, undecryptable } from './errors';
import { migrate } from './migrations/index';
import { attachSearch, deleteSearchFiles, searchFilePath } from './searchFile';
import { sqliteDriver, type Db } from './sqlite';

export type { Db } from './sqlite';

/**
 * The cipher is named explicitly so a library upgrade that changes its default
 * can never leave a cache unreadable. AEGIS-256 (SQLite3 Multiple Ciphers'
 * `aegis`, variant pinned): an authenticated cipher built on the AES round, so
 * tampering or a wrong key is detected instead of read as garbage, with a fresh
 * random nonce and a tag in every page. It runs on the CPU's AES instructions:
 * encrypting a page costs a fraction of ChaCha20-Poly1305 in software, and
 * every page a commit writes is encrypted, and decrypted and encrypted again by
 * the checkpoint that copies it into the database.
 */
export const CIPHER = 'aegis';
export const CIPHER_ALGORITHM = 'aegis-256';
/** Caches created before AEGIS (ChaCha20-Poly1305) still open, and keep their cipher. */
export const LEGACY_CIPHER = 'chacha20';

/** Removes the database, its WAL/shared-memory companions and its search file (searchFile.ts). */
export function deleteCacheFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  deleteSearchFiles(path);
}

/** Page size of a new database, bytes. */
export const PAGE_SIZE = 8192;

/** WAL size at which a commit checkpoints it into the database. */
export const WAL_CHECKPOINT_BYTES = 128 * 1024 * 1024;

/** Page cache, KiB: the hot index pages of a million messages. */
export const CACHE_KIB = 65536;

export interface OpenDbOptions {
  path: string;
  /** 64 hex characters (the vault's cache key): used as the raw 256-bit key, no passphrase KDF. */
  key: string;
  /** Stop the migrations at this version (the migration tests; the search file is then not attached); default: the latest. */
  migrateTo?: number;
}

/**
 * Opens (creating when missing) the encrypted database, applies the connection
 * settings and runs the migrations. Throws an AppError with field 'cache' when
 * the file cannot be used as it is (wrong key, damage, newer schema).
 */
export function openDb({ path, key, migrateTo }: OpenDbOptions): Db {
  if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new AppError('invalid_input', 'The cache key must be 64 hexadecimal characters.', { field: 'key' });
  const memory = path === ':memory:';
  if (!memory) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created before SQLite sees it so it is never readable by others, even for an instant; SQLite gives
    // the -wal and -shm files the main file's mode.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  }
  let db: Db;
  try {
    db = connect(path, key, CIPHER);
  } catch (err) {
    // A cache from before AEGIS, or the wrong key (which neither cipher can read).
    if ((err as { code?: unknown }).code !== 'SQLITE_NOTADB') throw translateOpenError(err);
    try {
      db = connect(path, key, LEGACY_CIPHER);
    } catch {
      throw translateOpenError(err);
    }
  }
  try {
    if (userVersion(db) === 0) {
      // Both must be chosen before the first table exists. 8 KiB pages: fewer b-tree levels, splits and
      // pages to encrypt per message than 4 KiB (a backfill costs some 8% less CPU), and a search-index
      // leaf of FTS5's default size fits on one. Existing databases keep their page size.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      // Lets evicted attachment bytes give space back.
      if (!memory) db.pragma('auto_vacuum = INCREMENTAL');
    }
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    // Checkpoint every 128 MB of WAL rather than every 4 MB: a page rewritten by several commits in a row
    // (a backfill touches the same index pages again and again) is then copied to the database once.
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / pageSize)}`);
    db.pragma('journal_size_limit = 67108864');
    migrate(db, migrateTo);
    if (migrateTo === undefined) attachSearch(db, path, key);
    if (!memory) restrictFiles(path);
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // Already unusable; the original error is the one worth reporting.
    }
    throw translateOpenError(err);
  }
}

/** A connection with the cipher and key set, past its first read (where a wrong key or cipher shows). */
function connect(path: string, key: string, cipher: string): Db {
  const db = new (sqliteDriver())(path, { timeout: 5000 });
  try {
    db.pragma(`cipher = '${cipher}'`);
    if (cipher === CIPHER) db.pragma(`algorithm = '${CIPHER_ALGORITHM}'`);
    // The key is validated hex above, so it cannot break out of the literal.
    db.pragma(`key = "x'${key.toLowerCase()}'"`);
    // The first read is where a wrong key shows (SQLITE_NOTADB).
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // Already unusable; the original error is the one worth reporting.
    }
    throw err;
  }
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function restrictFiles(path: string): void {
  for (const file of [path, searchFilePath(path)]) {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
    }
  }
}

function translateOpenError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return undecryptable(err);
  if (code === 'SQLITE_CORRUPT') return damaged(err);
  return err;
}
