/**
 * Lists (reference §4): newest first by (timestamp desc, id desc), exclusive
 * before/after, limit 1..250 (default 100), and an opaque base64 cursor that
 * carries the original filters, the limit and the last item's (id, date).
 * With a cursor, the other filters are ignored (they ride inside it); an
 * explicit `limit` is still honoured.
 */
import type { Seq } from './csr';
import { invalidParameters } from './errors';
import type { Chat } from './model';
import type { Store } from './store';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 250;

// The spec's own pattern (its unescaped '.' is kept: Date.parse rejects what it lets through).
const DATE_PATTERN = /^[1-2]\d{3}-[0-1]\d-[0-3]\dT\d{2}:\d{2}:\d{2}.\d{3}Z$/;

export function parseDate(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && DATE_PATTERN.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw invalidParameters(`${name} must be an ISO 8601 UTC datetime (YYYY-MM-DDTHH:MM:SS.sssZ), got ${JSON.stringify(value)}.`);
  return ms;
}

export function parseLimit(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw invalidParameters(`limit must be an integer between 1 and ${MAX_LIMIT}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export interface Position {
  last_id: string;
  last_date?: string;
}

export interface DecodedCursor {
  limit: number;
  cursor: Position;
  [filter: string]: unknown;
}

export function encodeCursor(filters: Record<string, unknown>, limit: number, position: Position): string {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) clean[k] = v;
  return Buffer.from(JSON.stringify({ ...clean, limit, cursor: position })).toString('base64');
}

export function decodeCursor(value: string): DecodedCursor {
  const bad = () => invalidParameters('cursor is not a valid pagination cursor.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const obj = parsed as Record<string, unknown>;
  const pos = obj.cursor as Record<string, unknown> | undefined;
  if (typeof obj.limit !== 'number' || !Number.isInteger(obj.limit) || obj.limit < 1 || obj.limit > MAX_LIMIT) throw bad();
  if (typeof pos !== 'object' || pos === null || typeof pos.last_id !== 'string') throw bad();
  if (pos.last_date !== undefined && (typeof pos.last_date !== 'string' || Number.isNaN(Date.parse(pos.last_date)))) throw bad();
  return obj as DecodedCursor;
}

/**
 * What every list handler needs: the filters (from the arguments, or from
 * the cursor when there is one), the effective limit and where to resume.
 */
export interface ListRequest {
  source: Record<string, unknown>;
  limit: number;
  position?: Position;
}

export function listRequest(args: Record<string, unknown>): ListRequest {
  const explicitLimit = parseLimit(args.limit);
  if (typeof args.cursor === 'string') {
    const decoded = decodeCursor(args.cursor);
    const { limit, cursor, ...filters } = decoded;
    return { source: filters, limit: explicitLimit ?? limit, position: cursor };
  }
  return { source: args, limit: explicitLimit ?? DEFAULT_LIMIT };
}

export function splitIds(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

export interface Page<T> {
  items: T[];
  more: boolean;
}

export interface MessageWindow {
  limit: number;
  before?: number;
  after?: number;
  position?: Position;
  /** Stop at messages older than this (history not fetched yet). */
  floor?: number;
  filter?: (n: number) => boolean;
}

/**
 * Newest-first merge of ascending message sequences. Binary search finds the
 * resume point in each, so a page costs O(log N + scanned), never a full scan.
 */
export function pageMessages(store: Store, seqs: Seq[], w: MessageWindow): Page<number> {
  const posTs = w.position?.last_date !== undefined ? Date.parse(w.position.last_date) : undefined;
  const posId = w.position?.last_id;
  const below = (n: number): boolean => {
    const ts = store.tsOf(n);
    if (w.before !== undefined && ts >= w.before) return false;
    if (posTs !== undefined) {
      if (ts > posTs) return false;
      if (ts === posTs) return store.messageId(n) < posId!;
    }
    return true;
  };
  const heads = seqs.map((seq) => {
    let lo = 0;
    let hi = seq.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(seq[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  });
  const out: number[] = [];
  while (out.length <= w.limit) {
    let best = -1;
    let bestN = -1;
    for (let k = 0; k < seqs.length; k++) {
      if (heads[k]! < 0) continue;
      const n = seqs[k]![heads[k]!]!;
      if (best < 0 || store.compareKeys(n, bestN) > 0) {
        best = k;
        bestN = n;
      }
    }
    if (best < 0) break;
    heads[best] = heads[best]! - 1;
    const ts = store.tsOf(bestN);
    if (w.after !== undefined && ts <= w.after) break;
    if (w.floor !== undefined && ts < w.floor) break;
    if (!w.filter || w.filter(bestN)) out.push(bestN);
  }
  const more = out.length > w.limit;
  return { items: more ? out.slice(0, w.limit) : out, more };
}

function chatKey(chat: Chat): number {
  return chat.lastTs ?? Number.NEGATIVE_INFINITY;
}

/** Chats already sorted newest first (Store.chatsByRecency); resume strictly after `position`. */
export function pageChats(sorted: Chat[], limit: number, position?: Position): Page<Chat> {
  let start = 0;
  if (position) {
    const ts = position.last_date !== undefined ? Date.parse(position.last_date) : Number.NEGATIVE_INFINITY;
    start = sorted.findIndex((c) => chatKey(c) < ts || (chatKey(c) === ts && c.id < position.last_id));
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  return { items, more: start + limit < sorted.length };
}
