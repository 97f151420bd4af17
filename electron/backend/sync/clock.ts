/**
 * Time for sync, the outbox and the budget, injectable so tests and the bench
 * drive hours of scheduling in seconds without sleeping. The timer shape is the
 * RequestBudget's, so one ManualClock can drive both.
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): Timer;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    // Sync must never keep a process alive on its own (CLI tools, tests).
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Pending[] = [];

  /** `onMove` follows every step forward (an emulator's clock kept in step with this one). */
  constructor(
    start = Date.UTC(2026, 0, 5, 9, 0, 0),
    private readonly onMove?: (deltaMs: number) => void,
  ) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimer = (fn: () => void, ms: number): Timer => {
    const p: Pending = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(p);
    return { cancel: () => void (p.cancelled = true) };
  };

  /** When the earliest live timer fires, or null. */
  nextTimerAt(): number | null {
    this.timers = this.timers.filter((p) => !p.cancelled);
    let min: number | null = null;
    for (const p of this.timers) if (min === null || p.at < min) min = p.at;
    return min;
  }

  /** Moves to `at` (never backwards), firing every timer due on the way, in order. */
  advanceTo(at: number): void {
    for (;;) {
      const due = this.timers.filter((p) => !p.cancelled && p.at <= at).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      due.cancelled = true;
      if (due.at > this.t) this.move(due.at);
      due.fn();
    }
    if (at > this.t) this.move(at);
    this.timers = this.timers.filter((p) => !p.cancelled);
  }

  private move(to: number): void {
    const delta = to - this.t;
    this.t = to;
    this.onMove?.(delta);
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}
