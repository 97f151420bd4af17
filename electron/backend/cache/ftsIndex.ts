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
 */

export function addToIndex(ctx: Ctx, rids: readonly number[]): void {
  if (rids.length === 0) return;
  ctx.sql('INSERT INTO message_search (rowid, text, scope) SELECT rid, text, scope FROM message_search_source WHERE rid IN (SELECT value FROM json_each(?))').run(JSON.stringify(rids));
}

export function removeFromIndex(ctx: Ctx, rids: readonly number[]): void {
  if (rids.length === 0) return;
  ctx
    .sql("INSERT INTO message_search (message_search, rowid, text, scope) SELECT 'delete', rid, text, scope FROM message_search_source WHERE rid IN (SELECT value FROM json_each(?))")
    .run(JSON.stringify(rids));
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
