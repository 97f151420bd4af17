import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { leafSize } from './migrations/0007-search-leaf-size';
import { prepared, type Db } from './sqlite';

/**
 * The message search index, in a database file of its own beside the cache
 * (`<cache>-search`, same cipher and key), attached to every connection as
 * schema `search`: SQL that names `message_search` finds it there unqualified.
 *
 * Why a second file: SQLite writes a file from one connection at a time, and
 * on a backfill the search index is some 40% of the work. With its own file it
 * is written by a thread of its own (indexer.ts) while the worker writes the
 * next messages, so both cores work. The cost: the indexed text is kept a
 * second time (the index's content table must live in the index's file), and
 * search trails the newest messages by a pass of the indexer (search requests
 * wait for it: see worker.ts).
 *
 * The contract between the two files is the queue in the cache (migration
 * 0012): every write that adds, changes or removes searchable messages adds one
 * row in its own transaction, and the index records the last row it applied.
 * Applying a row "refreshes" its messages: whatever the index holds for them
 * goes, and what the cache holds now (if anything, and not deleted) comes in.
 * That is idempotent, so a row applied twice, a range naming a message written
 * later, or a crash between the files' commits all end in the same index.
 *
 * The index is derived data: a search file that is missing, undecryptable,
 * damaged, of another schema or of another cache is rebuilt from the messages.
 */

export const SEARCH_FILE_SUFFIX = '-search';
/** The search file's own schema version (its user_version); another one is rebuilt. */
export const SEARCH_SCHEMA_VERSION = 1;
/** Messages one queue row names at most when the whole cache is queued (a rebuild). */
export const REBUILD_ENTRY = 32_000;

export const searchFilePath = (path: string): string => (path === ':memory:' ? ':memory:' : path + SEARCH_FILE_SUFFIX);

export function deleteSearchFiles(path: string): void {
  if (path === ':memory:') return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(searchFilePath(path) + suffix, { force: true });
}

/**
 * Attaches the search file as `search`, creating or rebuilding it as needed.
 * The cache must be at the latest schema (the queue exists).
 */
export function attachSearch(db: Db, path: string, key: string): void {
  try {
    attach(db, path, key);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw err;
    // Not readable with this key, or damaged: it holds nothing the cache does not, so it starts again.
    detach(db);
    deleteSearchFiles(path);
    attach(db, path, key);
  }
  const version = db.pragma('search.user_version', { simple: true }) as number;
  if (version !== SEARCH_SCHEMA_VERSION) {
    if (version !== 0) {
      detach(db);
      deleteSearchFiles(path);
      attach(db, path, key);
    }
    createSchema(db, path === ':memory:');
  }
  adopt(db);
}

function attach(db: Db, path: string, key: string): void {
  const file = searchFilePath(path);
  // Created before SQLite sees it, so it is never readable by others (as the cache file, db.ts).
  if (file !== ':memory:' && !existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  // The key is validated hex (db.ts), the same raw key as the cache's; the cipher is the connection's.
  db.prepare('ATTACH DATABASE ? AS search KEY ?').run(file, `x'${key.toLowerCase()}'`);
  // The first read is where a wrong key or damage shows.
  db.prepare('SELECT count(*) FROM search.sqlite_master').get();
}

function detach(db: Db): void {
  try {
    db.exec('DETACH DATABASE search');
  } catch {
    // Was not attached.
  }
}

function createSchema(db: Db, memory: boolean): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`search.page_size = ${pageSize}`);
  if (!memory) {
    // As the cache (db.ts): a clear gives the pages back.
    db.pragma('search.auto_vacuum = INCREMENTAL');
    db.pragma('search.journal_mode = WAL');
  }
  db.transaction(() => {
    db.exec(`
      -- The index's content: what it was built from, so a message is taken out with exactly the
      -- values it went in with (FTS5 re-tokenizes them), and snippets have their text. Rows are kept
      -- in arrival order (appends, as the messages table: 0006), never reusing a number (a pass takes
      -- the rows after the last it saw); rid is the index's rowid.
      CREATE TABLE search.message_search_docs (
        arrival INTEGER PRIMARY KEY AUTOINCREMENT,
        rid INTEGER NOT NULL UNIQUE,
        text TEXT NOT NULL,
        scope TEXT NOT NULL
      );
      -- As in 0003 and 0007 of the cache.
      CREATE VIRTUAL TABLE search.message_search USING fts5(
        text, scope,
        content = 'message_search_docs',
        content_rowid = 'rid',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      INSERT INTO search.message_search (message_search, rank) VALUES ('hashsize', 33554432);
      -- applied: the last queue row applied; generation: the cache this file was built from.
      CREATE TABLE search.search_meta (
        k TEXT PRIMARY KEY,
        v
      ) WITHOUT ROWID;
    `);
    db.prepare("INSERT INTO search.message_search (message_search, rank) VALUES ('pgsz', ?)").run(BigInt(leafSize(pageSize)));
    db.pragma(`search.user_version = ${SEARCH_SCHEMA_VERSION}`);
  })();
}

/**
 * Makes sure the search file is this cache's. When it is not (new, or another
 * cache's), it is emptied and every message is queued: the index is rebuilt.
 */
function adopt(db: Db): void {
  const meta = (schema: string, k: string) => prepared(db, `SELECT v FROM ${schema}.search_meta WHERE k = ?`).pluck().get(k) as string | number | undefined;
  let generation = meta('main', 'generation');
  if (generation !== undefined && meta('search', 'generation') === generation) return;
  db.transaction(() => {
    if (generation === undefined) {
      generation = randomBytes(16).toString('hex');
      prepared(db, "INSERT INTO main.search_meta (k, v) VALUES ('generation', ?)").run(generation);
    }
    emptyIndex(db);
    prepared(db, "INSERT OR REPLACE INTO search.search_meta (k, v) VALUES ('generation', ?)").run(generation);
    queueEverything(db);
  })();
}

/**
 * Empties the index, its mark moved to the newest queue row: what is queued so far is moot (the caller
 * queues what the index should hold). The mark never moves back, so a report of the indexer thread
 * from before this is never ahead of it.
 */
export function emptyIndex(db: Db): void {
  db.exec("INSERT INTO search.message_search (message_search) VALUES ('delete-all')");
  db.exec('DELETE FROM search.message_search_docs');
  setApplied(db, queuedSeq(db));
}

/** Queues every cached message, in rows of REBUILD_ENTRY, after whatever is queued already. */
function queueEverything(db: Db): void {
  const { lo, hi } = prepared(db, 'SELECT min(rowid) AS lo, max(rowid) AS hi FROM main.messages').get() as { lo: number | null; hi: number | null };
  if (lo === null || hi === null) return;
  const insert = prepared(db, 'INSERT INTO main.search_queue (lo, hi) VALUES (?, ?)');
  for (let from = lo; from <= hi; from += REBUILD_ENTRY) insert.run(from, Math.min(hi, from + REBUILD_ENTRY - 1));
}

export function appliedSeq(db: Db): number {
  return (prepared(db, "SELECT v FROM search.search_meta WHERE k = 'applied'").pluck().get() as number | undefined) ?? 0;
}

function setApplied(db: Db, seq: number): void {
  prepared(db, "INSERT OR REPLACE INTO search.search_meta (k, v) VALUES ('applied', ?)").run(seq);
}

/** The newest queue row ever written (0: none), from the AUTOINCREMENT record: applied rows are deleted. */
export function queuedSeq(db: Db): number {
  return (prepared(db, "SELECT seq FROM main.sqlite_sequence WHERE name = 'search_queue'").pluck().get() as number | undefined) ?? 0;
}

/** Adds a queue row (in the caller's transaction); returns its seq. */
export function enqueue(db: Db, range: { lo: number; hi: number } | null, rids: readonly number[]): number {
  const info = prepared(db, 'INSERT INTO main.search_queue (lo, hi, rids) VALUES (?, ?, ?)').run(range?.lo ?? null, range?.hi ?? null, rids.length > 0 ? JSON.stringify(rids) : null);
  return Number(info.lastInsertRowid);
}

/** Deletes the queue rows the index has applied (they are only kept for a crash to replay). */
export function pruneQueue(db: Db, through: number): void {
  prepared(db, 'DELETE FROM main.search_queue WHERE seq <= ?').run(through);
}

interface QueueRow {
  seq: number;
  lo: number | null;
  hi: number | null;
  rids: string | null;
}

/**
 * Applies queue rows after the index's mark until about `budget` messages are
 * done (at least one row), in the caller's transaction. Returns the new mark
 * and whether rows remain. All in SQL: a backfill's million messages pass
 * through here, and a row handled in JavaScript costs as much as its index entry.
 */
export function indexPass(db: Db, budget: number): { applied: number; more: boolean } {
  const from = appliedSeq(db);
  const rows = prepared(db, 'SELECT seq, lo, hi, rids FROM main.search_queue WHERE seq > ? ORDER BY seq LIMIT 256').all(from) as QueueRow[];
  const listed = new Set<number>();
  const ranges: Array<[number, number]> = [];
  let applied = from;
  let taken = 0;
  let size = 0;
  for (const row of rows) {
    if (taken > 0 && size >= budget) break;
    if (row.lo !== null && row.hi !== null) {
      ranges.push([row.lo, row.hi]);
      size += row.hi - row.lo + 1;
    }
    if (row.rids !== null) {
      const rids = JSON.parse(row.rids) as number[];
      for (const rid of rids) listed.add(rid);
      size += rids.length;
    }
    applied = row.seq;
    taken++;
  }
  if (taken === 0) return { applied, more: false };

  // The content table's rows from here on are this pass's: the index takes exactly those.
  const mark = (prepared(db, "SELECT seq FROM search.sqlite_sequence WHERE name = 'message_search_docs'").pluck().get() as number | undefined) ?? 0;
  if (listed.size > 0) {
    const json = JSON.stringify([...listed]);
    // Out with the values they went in with, in with what the cache holds now (if anything).
    const listedRids = 'rid IN (SELECT value FROM json_each(?))';
    prepared(db, `INSERT INTO search.message_search (message_search, rowid, text, scope) SELECT 'delete', rid, text, scope FROM search.message_search_docs WHERE ${listedRids}`).run(json);
    prepared(db, `DELETE FROM search.message_search_docs WHERE ${listedRids}`).run(json);
    prepared(db, `INSERT INTO search.message_search_docs (rid, text, scope) SELECT rid, text, scope FROM main.message_search_source WHERE ${listedRids}`).run(json);
  }
  // Appended messages by a scan of their arrival order. One already in the content table was put
  // there by an earlier pass that read the cache after it was appended (its rid was listed for the
  // message that had it before): what it holds is as new, so it stays (OR IGNORE).
  const appended = prepared(db, 'INSERT OR IGNORE INTO search.message_search_docs (rid, text, scope) SELECT rid, text, scope FROM main.message_search_source WHERE arrival BETWEEN ? AND ?');
  for (const [lo, hi] of ranges) appended.run(lo, hi);
  // In ascending rid order, which FTS5 writes as one segment (a rowid lower than the one before starts
  // another). `+rid`: sorted here, not read in the order of the rid index (all of it).
  prepared(db, 'INSERT INTO search.message_search (rowid, text, scope) SELECT rid, text, scope FROM search.message_search_docs WHERE arrival > ? ORDER BY +rid').run(mark);
  setApplied(db, applied);
  return { applied, more: taken < rows.length || rows.length === 256 };
}
