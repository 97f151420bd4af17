import type { Clock } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface RateLimitSettings {
  /** Calls allowed in any sliding hour; 0 = unlimited. */
  perHour: number;
  /** Calls allowed in any sliding day; 0 = unlimited. */
  perDay: number;
}

export type RateDecision = { ok: true } | { ok: false; window: 'hour' | 'day'; limit: number; retryAfterSeconds: number };

/**
 * An exact sliding-window log: the timestamps of accepted calls, oldest first.
 * Memory is bounded by the limit (a window never holds more accepted calls than
 * that), and expired entries leave from the head in amortised O(1).
 */
class Window {
  private stamps: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  count(now: number): number {
    const cutoff = now - this.spanMs;
    while (this.head < this.stamps.length && this.stamps[this.head]! <= cutoff) this.head++;
    if (this.head > 4096 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  /** When the call at position `index` of the live window (0 = oldest) leaves it. */
  leavesAt(index: number): number {
    return this.stamps[this.head + index]! + this.spanMs;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

interface UserWindows {
  hour: Window;
  day: Window;
}

export class RateLimiter {
  private readonly users = new Map<string, UserWindows>();

  constructor(
    private readonly clock: Clock,
    public settings: RateLimitSettings,
  ) {}

  /** Decide and, when allowed, record one call for `user`. */
  take(user: string): RateDecision {
    const { perHour, perDay } = this.settings;
    if (perHour <= 0 && perDay <= 0) return { ok: true };
    const now = this.clock.now();
    const w = this.windows(user);
    const denied = this.deny(w.hour, perHour, now, 'hour') ?? this.deny(w.day, perDay, now, 'day');
    if (denied) return denied;
    if (perHour > 0) w.hour.add(now);
    if (perDay > 0) w.day.add(now);
    return { ok: true };
  }

  usage(): Record<string, { hour: number; day: number; perHour: number; perDay: number }> {
    const now = this.clock.now();
    const out: Record<string, { hour: number; day: number; perHour: number; perDay: number }> = {};
    for (const [user, w] of this.users) {
      out[user] = { hour: w.hour.count(now), day: w.day.count(now), perHour: this.settings.perHour, perDay: this.settings.perDay };
    }
    return out;
  }

  reset(): void {
    this.users.clear();
  }

  private deny(w: Window, limit: number, now: number, window: 'hour' | 'day'): RateDecision | undefined {
    if (limit <= 0) return undefined;
    const used = w.count(now);
    if (used < limit) return undefined;
    // The call that frees a slot is the one `limit` places from the newest.
    const freesAt = w.leavesAt(used - limit);
    return { ok: false, window, limit, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now) / 1000)) };
  }

  private windows(user: string): UserWindows {
    let w = this.users.get(user);
    if (!w) {
      w = { hour: new Window(HOUR_MS), day: new Window(DAY_MS) };
      this.users.set(user, w);
    }
    return w;
  }
}
