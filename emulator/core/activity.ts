import { createRng } from './rng';
import type { Rng, ServiceModule } from './types';

/**
 * The "world" timer: at `perMinute` events a minute, one service (picked from a
 * seeded stream) lets someone else act. The timer is unref'd so an idle world
 * never keeps a process alive.
 */
export class Activity {
  private timer: NodeJS.Timeout | undefined;
  private readonly rng: Rng;
  private rate = 0;
  errors = 0;
  lastError: string | undefined;

  constructor(
    private readonly services: ServiceModule[],
    seed: number,
  ) {
    this.rng = createRng((seed ^ 0xac7171) >>> 0);
  }

  get perMinute(): number {
    return this.rate;
  }

  set(perMinute: number): void {
    if (typeof perMinute !== 'number' || !Number.isFinite(perMinute) || perMinute < 0) throw new RangeError('perMinute must be a non-negative number');
    this.stop();
    this.rate = perMinute;
    if (perMinute === 0 || this.services.length === 0) return;
    this.timer = setInterval(() => this.tick(), Math.max(10, 60_000 / perMinute));
    this.timer.unref();
  }

  /** One world event now (also used by tests, which should not wait for the timer). */
  tick(): void {
    if (this.services.length === 0) return;
    const service = this.rng.pick(this.services);
    try {
      service.simulateActivity(this.rng);
    } catch (err) {
      // A failing world event must not take the server down; it is visible in counters.
      this.errors++;
      this.lastError = err instanceof Error ? err.message : String(err);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
