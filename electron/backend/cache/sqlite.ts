import { createRequire } from 'node:module';

/**
 * The part of better-sqlite3-multiple-ciphers the cache uses, typed here: the
 * package ships its typings outside its `exports` map, so TypeScript cannot
 * find them under bundler resolution.
 */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as their first column only. */
  pluck(toggle?: boolean): this;
}

export interface Db {
  readonly inTransaction: boolean;
  readonly open: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): this;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  close(): this;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * The connection's statement for `sql`, compiled once per connection and kept: the cache's writes and
 * the search indexer run the same few statements over and over. (A statement's `pluck` setting sticks:
 * an SQL text is used one way only.)
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

type DatabaseConstructor = new (path: string, options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean }) => Db;

let driver: DatabaseConstructor | undefined;

/**
 * Loaded on first use, not on import: the main thread imports client.ts (for
 * openCache) and must not load a native module it never uses.
 */
export function sqliteDriver(): DatabaseConstructor {
  driver ??= createRequire(__filename)('better-sqlite3-multiple-ciphers') as DatabaseConstructor;
  return driver;
}
