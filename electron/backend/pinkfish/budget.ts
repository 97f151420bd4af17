import { AppError } from '../../../shared/ipc/result';

/**
 * The request budget shared by every platform call. Pinkfish allows 5,000 MCP
 * calls per hour and 50,000 per day per user over *sliding* windows; a classic
 * refilling token bucket can spend up to twice its capacity within one window,
 * so the buckets here count calls in the trailing hour and day instead, which
 * can never exceed the limits they are given (defaults 4,500 and 45,000, under
 * the platform's).
 *
 * Priorities: a user action waits only for the limits; the open conversation
 * leaves a small reserve for user actions; background sync leaves a larger one,
 * so sync can never starve what the user is doing. A 429's Retry-After pauses
 * everything.
 *
 * The platform counts across restarts, so the budget must too: `toRecord()`
 * is what the app keeps between starts (calls of the trailing day by minute,
 * a pause in force; nothing secret) and `restore()` puts it back (see
 * budgetStore.ts for when it is saved).
 */

export type Priority = 'user' | 'open' | 'background';
const ORDER: Record<Priority, number> = { user: 0, open: 1, background: 2 };

export interface BudgetOptions {
  perHour?: number;
  perDay?: number;
  /** Share of each window kept free for higher priorities. */
  reserve?: { open: number; background: number };
  now?: () => number;
  /** Injectable for tests that drive a fake clock. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface BudgetSnapshot {
  perHour: number;
  perDay: number;
  usedLastHour: number;
  usedLastDay: number;
  remainingHour: number;
  remainingDay: number;
  pausedUntil: number | null;
  waiting: number;
}

/**
 * What survives a restart. Calls are kept per minute, each counted at the end
 * of its minute: a restored call may leave the windows up to a minute late,
 * never early, and a day of calls is one pair per minute at most however busy
 * it was (about 25 kB).
 */
export interface BudgetRecord {
  v: 1;
  /** When it was written (epoch ms): no call in it is later. */
  savedAt: number;
  /** A Retry-After pause in force when it was written (epoch ms). */
  pausedUntil: number | null;
  /** [minute (epoch ms / 60,000, rounded up), calls], oldest first, within the trailing day. */
  minutes: Array<[number, number]>;
}

export type RestoreResult =
  | { restored: true; calls: number; pausedUntil: number | null }
  | { restored: false; reason: 'malformed' | 'future' | 'stale' | 'again' };

interface Waiter {
  priority: Priority;
  seq: number;
  resolve: () => void;
  reject: (err: unknown) => void;
  cleanup?: () => void;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * A record written at most this far ahead of the clock is still believed (its times are brought back to
 * now): a clock stepped back a little across a restart must not forget the calls. Further ahead, the
 * record is from a clock that was wrong and none of it can be trusted.
 */
const CLOCK_SLACK = MINUTE;
/** Longest Retry-After pause a record may hold: the platform's longest window. */
const MAX_PAUSE = DAY;

/** A ring of call times: O(1) append, drop-from-front as they age out of the day window. */
class TimeLog {
  private times: number[] = [];
  private head = 0;
  push(t: number) {
    this.times.push(t);
  }
  prune(before: number) {
    while (this.head < this.times.length && this.times[this.head]! <= before) this.head++;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
  get size() {
    return this.times.length - this.head;
  }
  /** Calls after `t`; the log is sorted, so binary search. */
  countAfter(t: number): number {
    let lo = this.head;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.times.length - lo;
  }
  /** Time of the n-th (0-based, oldest first) call after `t`. */
  nthAfter(t: number, n: number): number | undefined {
    return this.times[this.times.length - this.countAfter(t) + n];
  }
  /** Every call after `t`, oldest first. */
  after(t: number): number[] {
    return this.times.slice(this.times.length - this.countAfter(t));
  }
  /** Adds calls made before some of those already here (a restored record); keeps the log sorted. */
  merge(sorted: number[]) {
    const live = this.times.slice(this.head);
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < live.length || j < sorted.length) {
      if (j >= sorted.length || (i < live.length && live[i]! <= sorted[j]!)) out.push(live[i++]!);
      else out.push(sorted[j++]!);
    }
    this.times = out;
    this.head = 0;
  }
}

export class RequestBudget {
  readonly perHour: number;
  readonly perDay: number;
  private readonly reserve: { open: number; background: number };
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => { cancel(): void };
  private readonly log = new TimeLog();
  private readonly queue: Waiter[] = [];
  private seq = 0;
  private pausedUntil = 0;
  private timer: { cancel(): void } | null = null;
  private timerAt = 0;
  private restored = false;
  private readonly listeners = new Set<(s: BudgetSnapshot) => void>();

  constructor(options: BudgetOptions = {}) {
    this.perHour = options.perHour ?? 4500;
    this.perDay = options.perDay ?? 45_000;
    this.reserve = options.reserve ?? { open: 0.05, background: 0.2 };
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return { cancel: () => clearTimeout(t) };
      });
  }

  /** Resolves when a call of this priority may go out, and records it. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'The request was cancelled.'));
    if (this.queue.length === 0 && this.delayFor(priority) === 0) {
      this.record();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq: this.seq++, resolve, reject };
      if (signal) {
        const onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AppError('cancelled', 'The request was cancelled.'));
          this.pump();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(waiter);
      this.queue.sort((a, b) => ORDER[a.priority] - ORDER[b.priority] || a.seq - b.seq);
      this.pump();
    });
  }

  /** A 429 said wait: nothing of any priority goes out before then. */
  pause(seconds: number): void {
    const until = this.now() + Math.max(0, seconds) * 1000;
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.pump();
    this.notify();
  }

  snapshot(): BudgetSnapshot {
    const now = this.now();
    this.log.prune(now - DAY);
    const usedLastHour = this.log.countAfter(now - HOUR);
    const usedLastDay = this.log.size;
    return {
      perHour: this.perHour,
      perDay: this.perDay,
      usedLastHour,
      usedLastDay,
      remainingHour: Math.max(0, this.perHour - usedLastHour),
      remainingDay: Math.max(0, this.perDay - usedLastDay),
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : null,
      waiting: this.queue.length,
    };
  }

  /** What to keep between starts: the calls of the trailing day by minute and a pause in force. */
  toRecord(): BudgetRecord {
    const now = this.now();
    const minutes: Array<[number, number]> = [];
    for (const t of this.log.after(now - DAY)) {
      const m = Math.ceil(t / MINUTE);
      const last = minutes[minutes.length - 1];
      if (last && last[0] === m) last[1]++;
      else minutes.push([m, 1]);
    }
    return { v: 1, savedAt: now, pausedUntil: this.pausedUntil > now ? this.pausedUntil : null, minutes };
  }

  /**
   * Puts back what an earlier run spent (`toRecord()` of a budget for the same account), added to what
   * this one has spent already. A record that is not one, or that was written by a clock ahead of this
   * one, is ignored whole: an unreadable record must never stop the app, and a budget built on
   * nonsense could block it for a day. Only the first call counts: a budget attached again to a cache
   * (the cache cleared and reopened under the same workspace) already holds everything it saved there.
   */
  restore(value: unknown): RestoreResult {
    if (this.restored) return { restored: false, reason: 'again' };
    const now = this.now();
    const rec = parseRecord(value);
    if (!rec) return { restored: false, reason: 'malformed' };
    if (rec.savedAt > now + CLOCK_SLACK) return { restored: false, reason: 'future' };
    this.restored = true;
    const pausedUntil = rec.pausedUntil !== null && rec.pausedUntil > now ? rec.pausedUntil : null;
    // Newest first, so a record holding more than the day allows (the limits were lowered since) keeps the
    // calls that matter longest; more than a day's limit can only block as much as the limit does.
    const times: number[] = [];
    for (let i = rec.minutes.length - 1; i >= 0 && times.length < this.perDay; i--) {
      const [m, n] = rec.minutes[i]!;
      // A call happened before the end of its minute and before the record was written (and cannot be
      // later than now, or the log would stop being sorted).
      const t = Math.min(m * MINUTE, rec.savedAt, now);
      if (t <= now - DAY) break;
      for (let k = 0; k < n && times.length < this.perDay; k++) times.push(t);
    }
    if (times.length === 0 && pausedUntil === null) return { restored: false, reason: 'stale' };
    times.reverse();
    this.log.merge(times);
    if (pausedUntil !== null && pausedUntil > this.pausedUntil) this.pausedUntil = pausedUntil;
    this.pump();
    this.notify();
    return { restored: true, calls: times.length, pausedUntil };
  }

  onChange(listener: (s: BudgetSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rejects every waiter (shutdown). */
  close(): void {
    this.timer?.cancel();
    this.timer = null;
    for (const w of this.queue.splice(0)) {
      w.cleanup?.();
      w.reject(new AppError('cancelled', 'Switchboard is shutting down.'));
    }
  }

  /** Milliseconds until a call of this priority may go out (0 = now). */
  private delayFor(priority: Priority): number {
    const now = this.now();
    if (this.pausedUntil > now) return this.pausedUntil - now;
    this.log.prune(now - DAY);
    const share = priority === 'user' ? 0 : this.reserve[priority];
    const hourCap = Math.max(1, Math.floor(this.perHour * (1 - share)));
    const dayCap = Math.max(1, Math.floor(this.perDay * (1 - share)));
    let wait = 0;
    const inHour = this.log.countAfter(now - HOUR);
    if (inHour >= hourCap) {
      // Wait until enough calls age out: the (inHour - hourCap + 1)-th oldest in the window.
      wait = Math.max(wait, this.expiryOfNth(now - HOUR, inHour - hourCap) + HOUR - now);
    }
    const inDay = this.log.size;
    if (inDay >= dayCap) wait = Math.max(wait, this.expiryOfNth(now - DAY, inDay - dayCap) + DAY - now);
    return Math.max(0, wait);
  }

  /** When the n-th oldest call of the window was made (it leaves the window one window-length later). */
  private expiryOfNth(windowStart: number, n: number): number {
    return this.log.nthAfter(windowStart, n) ?? windowStart;
  }

  private record() {
    this.log.push(this.now());
    this.notify();
  }

  private pump() {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const delay = this.delayFor(head.priority);
      if (delay > 0) {
        // A lower priority blocked by its reserve must not block a user action behind it (queue is sorted,
        // so the head is always the highest priority: nothing else could go first).
        this.schedule(delay);
        return;
      }
      this.queue.shift();
      head.cleanup?.();
      this.record();
      head.resolve();
    }
  }

  private schedule(delay: number) {
    const at = this.now() + delay;
    if (this.timer && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.pump();
    }, Math.max(1, delay));
  }

  private notify() {
    if (this.listeners.size === 0) return;
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}

/** A BudgetRecord, or null when the value is not exactly one. */
function parseRecord(value: unknown): BudgetRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (r.v !== 1 || !isTime(r.savedAt)) return null;
  const savedAt = r.savedAt as number;
  const pausedUntil = r.pausedUntil ?? null;
  if (pausedUntil !== null && !(isTime(pausedUntil) && (pausedUntil as number) <= savedAt + MAX_PAUSE)) return null;
  // One pair per minute of a day at most (plus the partial minute at each end).
  if (!Array.isArray(r.minutes) || r.minutes.length > DAY / MINUTE + 2) return null;
  const lastMinute = Math.ceil(savedAt / MINUTE);
  let prev = 0;
  for (const pair of r.minutes as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [m, n] = pair as unknown[];
    if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || (n as number) < 1) return null;
    // Oldest first, no minute twice, none after the record was written.
    if ((m as number) <= prev || (m as number) > lastMinute) return null;
    prev = m as number;
  }
  return { v: 1, savedAt, pausedUntil: pausedUntil as number | null, minutes: r.minutes as Array<[number, number]> };
}

function isTime(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}
