/**
 * Message rowids follow message time: rid = time_ms * 1024 + k, where k tells
 * apart messages of the same millisecond (0 for the first one stored). The
 * search index shares the rowid, so its natural order is time order even though
 * backfill stores old messages after new ones, and "newest first" needs no sort.
 *
 * 1024 slots per millisecond and 2^53 / 1024 ms ≈ year 2248 keep every rid a
 * safe JavaScript integer.
 */
export const SLOTS_PER_MS = 1024;
const MAX_TIME = Math.floor(Number.MAX_SAFE_INTEGER / SLOTS_PER_MS) - 1;

export function clampTime(time: number): number {
  if (!Number.isFinite(time) || time < 0) return 0;
  return Math.min(Math.floor(time), MAX_TIME);
}

/** The first rid of a millisecond. */
export function firstKey(time: number): number {
  return clampTime(time) * SLOTS_PER_MS;
}

/** The last rid of a millisecond. */
export function lastKey(time: number): number {
  return clampTime(time) * SLOTS_PER_MS + SLOTS_PER_MS - 1;
}
