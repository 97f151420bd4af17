import type { Ctx } from './context';
import { enqueue, indexPass, pruneQueue } from './searchFile';

/**
 * Keeping the message search index (searchFile.ts) equal to the messages.
 *
 * A write names the messages whose searchable values (text, conversation,
 * sender, deleted flag) it changed; when the outermost write (ctx.write) ends,
 * they become one queue row in the same transaction: the rows it appended as a
 * range of arrival order, the others as a list. Naming a message that did not
 * change after all (a savepoint rolled back) costs a refresh, never a wrong
 * index, so nothing is taken back.
 *
 * Inline (tests, tools): the same transaction then applies the queue, so a
 * write is searchable when it returns. Threaded (the app's worker): the indexer
 * thread applies it after the commit (indexer.ts), and this side deletes the
 * rows it reports applied with its next write.
 */

/** Messages changed, about to change or about to go (applying the queue row reads what is left then). */
export function queueForIndex(ctx: Ctx, rids: readonly number[]): void {
  for (const rid of rids) ctx.pending.refresh(rid);
}

/** Writes the queue row (ctx.write calls it last thing in the outermost transaction) and, inline, applies it. */
export function flushIndex(ctx: Ctx): void {
  const p = ctx.pending;
  const range = p.range();
  const rids = p.listed();
  if (range !== null || rids.length > 0) ctx.index.queued = enqueue(ctx.db, range, rids);
  if (ctx.index.mode === 'inline') {
    for (let more = ctx.index.applied < ctx.index.queued; more; ) ({ applied: ctx.index.applied, more } = indexPass(ctx.db, Infinity));
  }
  if (ctx.index.applied > ctx.index.pruned) {
    pruneQueue(ctx.db, ctx.index.applied);
    ctx.index.pruned = ctx.index.applied;
  }
}

/**
 * Messages to queue for the search index when the outermost write ends: rows
 * appended (their arrival-order range) and other rids.
 */
export class PendingIndex {
  /** True inside ctx.write. */
  active = false;
  private readonly rids = new Set<number>();
  private lo = Infinity;
  private hi = -Infinity;

  refresh(rid: number): void {
    this.rids.add(rid);
  }

  /** A row just inserted, by its arrival order (the messages table's rowid). */
  appended(rowid: number): void {
    if (rowid < this.lo) this.lo = rowid;
    if (rowid > this.hi) this.hi = rowid;
  }

  range(): { lo: number; hi: number } | null {
    return this.lo <= this.hi ? { lo: this.lo, hi: this.hi } : null;
  }

  listed(): number[] {
    return [...this.rids];
  }

  reset(): void {
    this.active = false;
    this.rids.clear();
    this.lo = Infinity;
    this.hi = -Infinity;
  }
}

/** Where the search index stands, as this connection knows it. */
export interface IndexState {
  /** inline: writes apply the queue themselves; thread: the indexer thread does. */
  mode: 'inline' | 'thread';
  /** The newest queue row written. */
  queued: number;
  /** The newest row the index has applied (as last reported, in thread mode). */
  applied: number;
  /** Queue rows up to this one are deleted. */
  pruned: number;
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
