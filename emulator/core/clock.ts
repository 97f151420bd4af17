import type { Clock } from './types';

/**
 * The emulator's one notion of "now". It runs at wall-clock speed from `start`
 * (so demo data stays current) unless frozen, and `advance` jumps it forward so
 * tests can expire tokens, rate-limit windows and download URLs without sleeping.
 */
export interface AdjustableClock extends Clock {
  advance(ms: number): number;
  /** Stop (or restart) the clock at its current reading. */
  setFrozen(frozen: boolean): void;
}

export interface ClockOptions {
  /** Initial reading, ms since epoch (default: the real time). */
  start?: number;
  /** When true the reading only moves through `advance` (fully deterministic). */
  frozen?: boolean;
}

export function createClock(opts: ClockOptions = {}): AdjustableClock {
  let offset = (opts.start ?? Date.now()) - Date.now();
  let frozenAt: number | undefined = opts.frozen ? Date.now() + offset : undefined;
  return {
    now: () => (frozenAt !== undefined ? frozenAt : Date.now() + offset),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance expects a non-negative number of milliseconds');
      if (frozenAt !== undefined) frozenAt += ms;
      else offset += ms;
      return frozenAt ?? Date.now() + offset;
    },
    setFrozen(frozen) {
      if (frozen && frozenAt === undefined) frozenAt = Date.now() + offset;
      if (!frozen && frozenAt !== undefined) {
        offset = frozenAt - Date.now();
        frozenAt = undefined;
      }
    },
  };
}
