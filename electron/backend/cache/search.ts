import { AppError } from '../../../shared/ipc/result';
import type { MessageKey, SearchHit, SearchPage, SearchQuery, Snippet } from './api';
import type { Ctx } from './context';
import { matchingNames } from './ftsIndex';
import { hydrate, MESSAGE_COLUMNS, MESSAGE_JOINS, ridOfId, type MessageRow } from './messageRows';
import { conversationToken, personToken } from './scopeTokens';
import { parseSearchText, phrase, quote, type Term } from './searchQuery';
import { firstKey, lastKey } from './timeKey';

/**
 * Search over the FTS5 index (migration 0003). Newest first is index order (the
 * rowid is the time key), so a page costs about the same for a rare word and
 * for one in every message. 'best' ranks with bm25, but only the newest
 * BEST_WINDOW matches: ranking every match of a common word costs about a
 * second at a million messages.
 */
export const BEST_WINDOW = 2000;
export const MAX_HITS = 100;
/** A word matching more names and titles than this searches message text only. */
export const MAX_NAME_MATCHES = 64;
/** A network filter is applied to at most this many matches per page (see networkPage). */
export const NETWORK_SCAN = 4000;
const SNIPPET_TOKENS = 24;
// Control characters as highlight markers: the snippet is split on them into runs, never parsed as markup.
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** bm25 column weights: text, then scope (a sender or title match). */
const WEIGHTS = '10.0, 3.0';

interface HitRow extends MessageRow {
  conversation_title: string;
  snip: string | null;
}

/**
 * The scope tokens of the people and conversations whose name or title matches
 * a term; null when there are too many to be useful.
 */
function nameTokens(ctx: Ctx, term: Term): string[] {
  const rows = matchingNames(ctx, phrase(term), MAX_NAME_MATCHES + 1);
  if (rows.length > MAX_NAME_MATCHES) return [];
  return rows.map((row) => (row % 2 === 0 ? personToken(row / 2) : conversationToken((row - 1) / 2)));
}

/** The MATCH expression for a query; null when there is nothing to search. */
export function matchFor(ctx: Ctx, q: Pick<SearchQuery, 'text' | 'conversationId'>): string | null {
  const terms = parseSearchText(q.text);
  if (terms.length === 0) return null;
  const parts = terms.map((t) => {
    const inText = `text : ${phrase(t)}`;
    const names = nameTokens(ctx, t);
    return names.length === 0 ? inText : `(${inText} OR scope : (${names.map(quote).join(' OR ')}))`;
  });
  if (q.conversationId !== undefined) {
    const cid = ctx.refs.findCid(q.conversationId);
    if (cid === undefined) return null;
    parts.push(`scope : ${quote(conversationToken(cid))}`);
  }
  return parts.join(' AND ');
}

export function toSnippet(marked: string | null): Snippet {
  if (!marked) return [];
  const runs: Snippet = [];
  let hit = false;
  let from = 0;
  for (;;) {
    const at = marked.indexOf(hit ? CLOSE : OPEN, from);
    const text = marked.slice(from, at < 0 ? undefined : at);
    if (text) runs.push({ text, hit });
    if (at < 0) return runs;
    from = at + 1;
    hit = !hit;
  }
}

const HIT_COLUMNS = `${MESSAGE_COLUMNS}, c.title AS conversation_title, snippet(message_search, 0, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip`;
const HIT_FROM = `message_search JOIN messages m ON m.rid = message_search.rowid ${MESSAGE_JOINS}`;

// Rowids go to FTS5 as BigInt: it mishandles a rowid compared with a double (an equality is ignored).
export function search(ctx: Ctx, q: SearchQuery): SearchPage {
  const limit = Math.max(1, Math.min(MAX_HITS, Math.floor(q.limit)));
  const match = matchFor(ctx, q);
  if (match === null) return { hits: [], next: null };
  try {
    const network = q.conversationId === undefined ? q.network : undefined;
    if (q.order === 'best') return best(ctx, match, limit, network);
    const below = BigInt(q.before ? ridBefore(ctx, q.before) : Number.MAX_SAFE_INTEGER);
    if (network !== undefined) return networkPage(ctx, match, below, limit, network);
    const rows = ctx
      .sql(`SELECT ${HIT_COLUMNS} FROM ${HIT_FROM} WHERE message_search MATCH ? AND message_search.rowid < ? ORDER BY message_search.rowid DESC LIMIT ?`)
      .all(match, below, limit + 1) as HitRow[];
    const hits = toHits(ctx, rows.slice(0, limit));
    return { hits, next: rows.length > limit ? keyOf(hits[hits.length - 1]!) : null };
  } catch (err) {
    throw queryError(err);
  }
}

const keyOf = (hit: SearchHit): MessageKey => ({ time: hit.message.time, id: hit.message.id });

function hitsFor(ctx: Ctx, match: string, rids: readonly number[]): SearchHit[] {
  const one = ctx.sql(`SELECT ${HIT_COLUMNS} FROM ${HIT_FROM} WHERE message_search MATCH ? AND message_search.rowid = ?`);
  const rows = rids.map((rid) => one.get(match, BigInt(rid)) as HitRow | undefined).filter((r): r is HitRow => r !== undefined);
  return toHits(ctx, rows);
}

/** Rids among `rids` whose conversation is on `network`, in the given order. */
function onNetwork(ctx: Ctx, rids: readonly number[], network: string): number[] {
  const keep = new Set(
    ctx
      .sql('SELECT m.rid FROM messages m JOIN conversations c ON c.cid = m.conv WHERE m.rid IN (SELECT value FROM json_each(?)) AND c.network = ?')
      .pluck()
      .all(JSON.stringify(rids), network) as number[],
  );
  return rids.filter((rid) => keep.has(rid));
}

/**
 * Newest first on one network. The network is not in the index, so matches are
 * filtered as they come, at most NETWORK_SCAN per page: a page may then hold
 * fewer than `limit` hits, with `next` continuing after the last match looked at.
 */
function networkPage(ctx: Ctx, match: string, below: bigint, limit: number, network: string): SearchPage {
  const scan = ctx.sql('SELECT rowid FROM message_search WHERE message_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').pluck();
  const kept: number[] = [];
  let edge = below;
  let scanned = 0;
  let exhausted = false;
  while (kept.length <= limit && scanned < NETWORK_SCAN) {
    const chunk = scan.all(match, edge, 500) as number[];
    scanned += chunk.length;
    if (chunk.length < 500) exhausted = true;
    for (const rid of onNetwork(ctx, chunk, network)) kept.push(rid);
    if (chunk.length === 0 || exhausted) break;
    edge = BigInt(chunk[chunk.length - 1]!);
  }
  const hits = hitsFor(ctx, match, kept.slice(0, limit));
  if (kept.length > limit) return { hits, next: keyOf(hits[hits.length - 1]!) };
  if (exhausted) return { hits, next: null };
  // Stopped looking before the end: continue from the last match looked at.
  const [last] = ctx.sql('SELECT time, id FROM messages WHERE rid = ?').all(Number(edge)) as Array<MessageKey>;
  return { hits, next: last ?? null };
}

/** bm25 over the newest BEST_WINDOW matches; one page, no continuation. */
function best(ctx: Ctx, match: string, limit: number, network: string | undefined): SearchPage {
  const ranked = ctx
    .sql(
      `SELECT rid FROM (SELECT rowid AS rid, bm25(message_search, ${WEIGHTS}) AS score FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ${BEST_WINDOW})
       ORDER BY score, rid DESC`,
    )
    .pluck()
    .all(match) as number[];
  const chosen = (network === undefined ? ranked : onNetwork(ctx, ranked, network)).slice(0, limit);
  return { hits: hitsFor(ctx, match, chosen), next: null };
}

function toHits(ctx: Ctx, rows: HitRow[]): SearchHit[] {
  const messages = hydrate(ctx, rows);
  return rows.map((r, i) => ({ message: messages[i]!, conversationTitle: r.conversation_title, snippet: toSnippet(r.snip) }));
}

function ridBefore(ctx: Ctx, key: MessageKey): number {
  // A key whose message went away: continue from its millisecond (the same ms may repeat, never skip).
  return ridOfId(ctx, key.id) ?? (Number.isFinite(key.time) ? lastKey(key.time) + 1 : firstKey(0));
}

function queryError(err: unknown): unknown {
  // The expression is built from quoted words only, so this is not expected; still, a search must
  // never take the cache down.
  if (err instanceof Error && /fts5|MATCH/i.test(err.message)) return new AppError('invalid_input', 'That search could not be understood.', { field: 'text', cause: err });
  return err;
}
