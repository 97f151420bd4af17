import type { ManualClock } from '../clock';

/** Anything that runs work off a ManualClock's timers and can say when it is at rest. */
export interface Settles {
  whenIdle(): Promise<void>;
}

/**
 * Moves the clock timer by timer up to `until`, letting the work each timer
 * starts finish before moving on: hours of scheduling in milliseconds.
 * `afterStep` runs after each settled step (benches inject world events there).
 */
export async function driveUntil(clock: ManualClock, until: number, parts: readonly Settles[], afterStep?: (now: number) => Promise<void> | void): Promise<void> {
  const settle = async () => {
    // Work finishing can start more work (a lane arms the next one at 0 ms): settle until quiet.
    for (let i = 0; i < 1000; i++) {
      for (const p of parts) await p.whenIdle();
      await new Promise((r) => setImmediate(r));
      const due = clock.nextTimerAt();
      if (due === null || due > clock.now()) return;
      clock.advanceTo(clock.now());
    }
  };
  await settle();
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === null || next > until) break;
    clock.advanceTo(next);
    await settle();
    await afterStep?.(clock.now());
  }
  clock.advanceTo(until);
  await settle();
}
