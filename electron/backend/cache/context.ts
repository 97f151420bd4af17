import type { Source } from '../../../shared/domain/ids';
import { flushIndex, PendingIndex, type IndexState } from './ftsIndex';
import { appliedSeq, queuedSeq } from './searchFile';
import { prepared, type Db, type Statement } from './sqlite';

export type { Statement } from './sqlite';

/**
 * What every repository of the cache shares: the connection, a cache of
 * prepared statements (each SQL text is compiled once per connection) and the
 * text-id ↔ integer-key maps of conversations and people.
 */
export interface Ctx {
  db: Db;
  sql(text: string): Statement;
  refs: Refs;
  /**
   * Runs `fn` in one transaction, or in a savepoint inside the current one (the worker groups
   * consecutive writes into one commit); on failure the in-memory maps are dropped with it.
   * The messages it named for the search index become one queue row just before the outermost one ends.
   * `nested: 'inline'` (outermost call only): writes inside run without savepoints of their own, so
   * the first that fails takes the whole transaction with it (see CacheStore.batch).
   */
  write<T>(fn: () => T, options?: { nested?: 'savepoint' | 'inline' }): T;
  /** Messages for the search index, waiting for the end of the outermost write (ftsIndex.ts). */
  pending: PendingIndex;
  index: IndexState;
}

export function createCtx(db: Db, index: IndexState = { mode: 'inline', queued: 0, applied: 0, pruned: 0 }): Ctx {
  const sql = (text: string): Statement => prepared(db, text);
  const refs = new Refs(sql);
  const pending = new PendingIndex();
  let inline = false;
  const write = <T>(fn: () => T, options?: { nested?: 'savepoint' | 'inline' }): T => {
    const outer = !pending.active;
    // The caller gave up per-write isolation: an error here aborts the outermost write anyway.
    if (!outer && inline) return fn();
    try {
      if (!outer) return db.transaction(fn)();
      pending.active = true;
      inline = options?.nested === 'inline';
      return db.transaction(() => {
        const out = fn();
        flushIndex(ctx);
        return out;
      })();
    } catch (err) {
      // (What a rolled-back savepoint named for the index stays named: a refresh that finds nothing
      // changed costs a little and is never wrong.)
      // A rolled-back transaction may have taken stub rows with it that the maps still name, and a
      // queue row and the index's mark with it.
      refs.forget();
      if (outer) {
        index.queued = queuedSeq(db);
        if (index.mode === 'inline') index.applied = appliedSeq(db);
        index.pruned = 0;
      }
      throw err;
    } finally {
      if (outer) {
        pending.reset();
        inline = false;
      }
    }
  };
  const ctx: Ctx = { db, sql, refs, write, pending, index };
  return ctx;
}

export const sourceOf = (id: string): Source => (id.startsWith('g:') ? 'genesys' : 'unipile');

/**
 * Integer keys of conversations (`cid`) and people (`pid`), created as stubs on
 * first mention. Memoised: a batch of a thousand messages names a handful of
 * conversations and senders, and each lookup would otherwise be a query.
 */
export class Refs {
  private readonly cids = new Map<string, number>();
  private readonly pids = new Map<string, number>();

  constructor(private readonly sql: (text: string) => Statement) {}

  /** The conversation's key, creating a stub row when the cache has not seen it. */
  cid(id: string): number {
    const known = this.cids.get(id);
    if (known !== undefined) return known;
    const source = sourceOf(id);
    this.sql('INSERT INTO conversations (id, source, network) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, source, source === 'genesys' ? 'genesys' : null);
    const cid = (this.sql('SELECT cid FROM conversations WHERE id = ?').get(id) as { cid: number }).cid;
    this.cids.set(id, cid);
    return cid;
  }

  /** The conversation's key if the cache knows it (stub or not). */
  findCid(id: string): number | undefined {
    const known = this.cids.get(id);
    if (known !== undefined) return known;
    const row = this.sql('SELECT cid FROM conversations WHERE id = ?').get(id) as { cid: number } | undefined;
    if (row) this.cids.set(id, row.cid);
    return row?.cid;
  }

  pid(id: string): number {
    const known = this.pids.get(id);
    if (known !== undefined) return known;
    this.sql('INSERT INTO people (id, source) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, sourceOf(id));
    const pid = (this.sql('SELECT pid FROM people WHERE id = ?').get(id) as { pid: number }).pid;
    this.pids.set(id, pid);
    return pid;
  }

  findPid(id: string): number | undefined {
    const known = this.pids.get(id);
    if (known !== undefined) return known;
    const row = this.sql('SELECT pid FROM people WHERE id = ?').get(id) as { pid: number } | undefined;
    if (row) this.pids.set(id, row.pid);
    return row?.pid;
  }

  forget(): void {
    this.cids.clear();
    this.pids.clear();
  }
}
