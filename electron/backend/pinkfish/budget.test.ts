import { describe, expect, it } from 'vitest';
import { RequestBudget } from './budget';

/** A fake clock with timers, so window arithmetic is tested exactly and without waiting. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
    /** Advance, firing due timers in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        next.live = false;
        next.fn();
        await Promise.resolve();
      }
      now = end;
      await Promise.resolve();
    },
  };
}

const HOUR = 3_600_000;

describe('RequestBudget', () => {
  it('lets calls through immediately while under the limits', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 10, perDay: 100, now: t.now, setTimer: t.setTimer });
    for (let i = 0; i < 10; i++) await b.acquire('user');
    expect(b.snapshot()).toMatchObject({ usedLastHour: 10, remainingHour: 0, remainingDay: 90 });
  });

  it('never exceeds the hourly limit in any sliding window and resumes as calls age out', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 5, perDay: 100, reserve: { open: 0, background: 0 }, now: t.now, setTimer: t.setTimer });
    const granted: number[] = [];
    const all = Array.from({ length: 12 }, (_, i) =>
      b.acquire('user').then(() => {
        granted.push(t.now());
        return i;
      }),
    );
    await t.advance(0);
    expect(granted).toHaveLength(5);
    await t.advance(HOUR - 1);
    expect(granted).toHaveLength(5);
    await t.advance(1);
    expect(granted).toHaveLength(10);
    await t.advance(HOUR);
    await Promise.all(all);
    expect(granted).toHaveLength(12);
    // Sliding-window check over every grant: at most 5 in any hour.
    for (const g of granted) expect(granted.filter((x) => x > g - HOUR && x <= g).length).toBeLessThanOrEqual(5);
  });

  it('serves user actions before waiting background work', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 2, perDay: 100, reserve: { open: 0, background: 0 }, now: t.now, setTimer: t.setTimer });
    await b.acquire('user');
    await b.acquire('user');
    const order: string[] = [];
    const bg = b.acquire('background').then(() => order.push('background'));
    const user = b.acquire('user').then(() => order.push('user'));
    await t.advance(HOUR);
    await t.advance(HOUR);
    await Promise.all([bg, user]);
    expect(order).toEqual(['user', 'background']);
  });

  it('keeps a reserve that background sync cannot spend', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 10, perDay: 100, reserve: { open: 0.1, background: 0.5 }, now: t.now, setTimer: t.setTimer });
    let bgGranted = 0;
    for (let i = 0; i < 8; i++) b.acquire('background').then(() => bgGranted++, () => {});
    await t.advance(0);
    expect(bgGranted).toBe(5);
    await b.acquire('user'); // the reserve is still there for the user
    expect(b.snapshot().usedLastHour).toBe(6);
    b.close();
  });

  it('pauses everything on Retry-After, user actions included', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    b.pause(30);
    expect(b.snapshot().pausedUntil).toBe(t.now() + 30_000);
    let done = false;
    const p = b.acquire('user').then(() => (done = true));
    await t.advance(29_999);
    expect(done).toBe(false);
    await t.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it('enforces the daily limit as well', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 100, perDay: 3, reserve: { open: 0, background: 0 }, now: t.now, setTimer: t.setTimer });
    for (let i = 0; i < 3; i++) await b.acquire('user');
    let done = false;
    void b.acquire('user').then(() => (done = true));
    await t.advance(2 * HOUR);
    expect(done).toBe(false);
    await t.advance(22 * HOUR);
    expect(done).toBe(true);
  });

  it('cancels a waiting call through its signal and on close', async () => {
    const t = fakeTime();
    const b = new RequestBudget({ perHour: 1, perDay: 10, now: t.now, setTimer: t.setTimer });
    await b.acquire('user');
    const ac = new AbortController();
    const waiting = b.acquire('user', ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    const other = b.acquire('user');
    b.close();
    await expect(other).rejects.toMatchObject({ code: 'cancelled' });
    expect(b.snapshot().waiting).toBe(0);
  });
});
