import type { Ctx } from './context';

/**
 * Keeping the external-content search index equal to its source view.
 *
 * FTS5 removes a row from an external-content index by re-tokenizing the values
 * it was indexed with, so the one rule is: what the view reads for a message
 * (text, conversation, sender, deleted flag) changes only between `remove`
 * (reading the old values) and `add` (reading the new ones). Going through the
 * view for both keeps the two sides identical by construction, and makes both
 * no-ops for deleted messages, which the view leaves out.
 *
 * Additions wait for the end of the outermost write (ctx.write) and go in as one
 * statement, in rowid order. FTS5 writes its pending terms out as a new segment
 * whenever a rowid comes lower than the previous one and at every savepoint (the
 * worker runs each grouped upsert in one), so adding each batch as it is written
 * made a segment per batch, hundreds per commit, each later merged again; this
 * makes one per commit. A message removed before its addition was flushed is
 * simply dropped from the queue: it is not in the index yet.
 */

export function addToIndex(ctx: Ctx, rids: readonly number[]): void {
  if (rids.length === 0) return;
  if (ctx.pending.active) {
    for (const rid of rids) ctx.pending.add(rid);
    return;
  }
  insertRows(ctx, [...rids].sort((a, b) => a - b));
}

export function removeFromIndex(ctx: Ctx, rids: readonly number[]): void {
  const indexed = ctx.pending.active ? rids.filter((rid) => !ctx.pending.take(rid)) : rids;
  if (indexed.length === 0) return;
  ctx
    .sql("INSERT INTO message_search (message_search, rowid, text, scope) SELECT 'delete', rid, text, scope FROM message_search_source WHERE rid IN (SELECT value FROM json_each(?))")
    .run(JSON.stringify(indexed));
}

/** Adds the queued messages to the index (ctx.write calls it last thing in the outermost transaction). */
export function flushIndex(ctx: Ctx): void {
  const rids = ctx.pending.drain();
  if (rids.length > 0) insertRows(ctx, rids);
}

function insertRows(ctx: Ctx, sorted: readonly number[]): void {
  // CROSS JOIN keeps json_each outermost: rows reach FTS5 in the array's (ascending) order.
  ctx
    .sql('INSERT INTO message_search (rowid, text, scope) SELECT s.rid, s.text, s.scope FROM json_each(?) j CROSS JOIN message_search_source s ON s.rid = j.value')
    .run(JSON.stringify(sorted));
}

/**
 * Rids to add to the search index when the outermost write ends, with a log of
 * changes so a rolled-back savepoint (one failed upsert of a group) can take
 * back exactly its own.
 */
export class PendingIndex {
  /** True inside ctx.write. */
  active = false;
  private readonly rids = new Set<number>();
  /** Pairs: rid, then 1 (queued) or 0 (taken back). */
  private readonly log: number[] = [];

  add(rid: number): void {
    if (this.rids.has(rid)) return;
    this.rids.add(rid);
    this.log.push(rid, 1);
  }

  /** Takes `rid` off the queue; false when it was not queued (it may be in the index). */
  take(rid: number): boolean {
    if (!this.rids.delete(rid)) return false;
    this.log.push(rid, 0);
    return true;
  }

  mark(): number {
    return this.log.length;
  }

  /** Reverts what was queued and taken since `mark`. */
  undo(mark: number): void {
    for (let i = this.log.length - 2; i >= mark; i -= 2) {
      const rid = this.log[i]!;
      if (this.log[i + 1] === 1) this.rids.delete(rid);
      else this.rids.add(rid);
    }
    this.log.length = mark;
  }

  /** The queued rids, ascending; the queue is left empty. */
  drain(): number[] {
    const out = [...this.rids].sort((a, b) => a - b);
    this.rids.clear();
    this.log.length = 0;
    return out;
  }

  reset(): void {
    this.active = false;
    this.rids.clear();
    this.log.length = 0;
  }
}

/** Names and titles: rowid pid * 2 for a person, cid * 2 + 1 for a conversation. */
export const personNameRow = (pid: number) => pid * 2;
export const conversationTitleRow = (cid: number) => cid * 2 + 1;

/**
 * Rows of name_search matching a phrase, remembered until a name changes: every
 * search word looks its names up, and names change rarely.
 */
const nameMatches = new WeakMap<Ctx, Map<string, number[]>>();

export function matchingNames(ctx: Ctx, phrase: string, limit: number): number[] {
  let cache = nameMatches.get(ctx);
  if (!cache) nameMatches.set(ctx, (cache = new Map()));
  let rows = cache.get(phrase);
  if (!rows) {
    rows = ctx.sql('SELECT rowid FROM name_search WHERE name_search MATCH ? LIMIT ?').pluck().all(phrase, limit) as number[];
    if (cache.size >= 1000) cache.clear();
    cache.set(phrase, rows);
  }
  return rows;
}

export function forgetNames(ctx: Ctx): void {
  nameMatches.delete(ctx);
}

export function setName(ctx: Ctx, row: number, name: string | null): void {
  forgetNames(ctx);
  // BigInt: FTS5 mishandles a rowid bound as a double (an equality on it is ignored).
  ctx.sql('DELETE FROM name_search WHERE rowid = ?').run(BigInt(row));
  if (name) ctx.sql('INSERT INTO name_search (rowid, name) VALUES (?, ?)').run(BigInt(row), name);
}
