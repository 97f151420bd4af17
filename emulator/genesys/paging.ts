import type { GenesysErrors } from './errors';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export interface HistoryQuery {
  limit: number;
  /** Exclusive bounds, ms since epoch. */
  before?: number;
  after?: number;
  excludeMetadata: boolean;
}

/** A time-ordered list of messages (global indices), deleted ones included. */
export interface Sequence {
  length: number;
  at(i: number): number;
}

export interface SequenceReader {
  tsOf(n: number): number;
  isDeleted(n: number): boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO-8601 date or date-time to epoch ms; a time without a zone is UTC, never the host's local time. */
function parseIso(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0${frac || '.0'}`) * 1000));
  const probe = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real calendar date must survive the round trip.
  if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return Number.NaN;
  if (zone.toUpperCase() === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

export function parseDate(param: string, raw: unknown, errors: GenesysErrors): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(raw).trim();
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : parseIso(text);
  if (!Number.isFinite(ms)) {
    throw errors.error(400, 'invalid.date', 'Invalid date for query parameter {param}: "{value}". Use an ISO-8601 date-time such as 2025-06-02T14:03:11.512Z.', { param, value: text }, [
      { errorCode: 'invalid.date', fieldName: param },
    ]);
  }
  return ms;
}

export function parseLimit(raw: unknown, errors: GenesysErrors): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_LIMIT;
  const text = String(raw).trim();
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1)) {
    throw errors.error(400, 'invalid.query.param.value', 'Invalid value for query parameter limit: "{value}". It must be a whole number from 1 to {max}.', { value: text, max: String(MAX_LIMIT) }, [
      { errorCode: 'invalid.query.param.value', fieldName: 'limit' },
    ]);
  }
  return Math.min(value, MAX_LIMIT);
}

export function parseHistoryQuery(args: Record<string, unknown>, errors: GenesysErrors): HistoryQuery {
  return {
    limit: parseLimit(args.limit, errors),
    before: parseDate('before', args.before, errors),
    after: parseDate('after', args.after, errors),
    excludeMetadata: args.excludeMetadata === true,
  };
}

/** First index whose timestamp is strictly greater (`strict`) or greater-or-equal than `t`. */
function lowerBound(seq: Sequence, reader: SequenceReader, t: number, strict: boolean): number {
  let lo = 0;
  let hi = seq.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const ts = reader.tsOf(seq.at(mid));
    if (strict ? ts <= t : ts < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of history, oldest first. With only `after`, the page is the oldest
 * `limit` messages after it (so walking forward never skips any); otherwise it is
 * the newest `limit` messages before `before` (or now) and after `after`.
 */
export function pageOf(seq: Sequence, reader: SequenceReader, q: HistoryQuery): number[] {
  const start = q.after === undefined ? 0 : lowerBound(seq, reader, q.after, true);
  const end = q.before === undefined ? seq.length : lowerBound(seq, reader, q.before, false);
  const out: number[] = [];
  if (q.after !== undefined && q.before === undefined) {
    for (let i = start; i < end && out.length < q.limit; i++) {
      const n = seq.at(i);
      if (!reader.isDeleted(n)) out.push(n);
    }
    return out;
  }
  for (let i = end - 1; i >= start && out.length < q.limit; i--) {
    const n = seq.at(i);
    if (!reader.isDeleted(n)) out.push(n);
  }
  return out.reverse();
}
