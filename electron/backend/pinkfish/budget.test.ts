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

describe('RequestBudget across a restart (toRecord / restore)', () => {
  const MINUTE = 60_000;

  it('a new budget given the record counts the calls of the old one, and keeps its pause', async () => {
    const t = fakeTime(1_700_000_000_000);
    const before = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    for (let i = 0; i < 30; i++) await before.acquire('user');
    await t.advance(2 * HOUR);
    for (let i = 0; i < 20; i++) await before.acquire('background');
    before.pause(600);
    const saved = JSON.parse(JSON.stringify(before.toRecord()));
    before.close();

    await t.advance(10_000);
    const after = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    expect(after.restore(saved)).toEqual({ restored: true, calls: 50, pausedUntil: before.snapshot().pausedUntil });
    expect(after.snapshot()).toMatchObject({ usedLastHour: 20, usedLastDay: 50, remainingHour: 80, remainingDay: 950, pausedUntil: t.now() + 590_000 });
    let done = false;
    const p = after.acquire('user').then(() => (done = true));
    await t.advance(589_999);
    expect(done).toBe(false);
    await t.advance(1);
    await p;
    expect(after.snapshot().usedLastHour).toBe(21);
  });

  it('never lets a restored call leave a window early, and at most a minute late', async () => {
    const t = fakeTime(1_700_000_000_000 + 17_345);
    const before = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    await before.acquire('user');
    const calledAt = t.now();
    await t.advance(5 * MINUTE);
    const after = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    after.restore(before.toRecord());
    await t.advance(calledAt + HOUR - t.now() - 1);
    expect(after.snapshot().usedLastHour).toBe(1); // the platform still counts it
    await t.advance(MINUTE + 1);
    expect(after.snapshot().usedLastHour).toBe(0);
  });

  it('adds the record to calls made before it was read, in order, and restores only once', async () => {
    const t = fakeTime(1_700_000_000_000);
    const before = new RequestBudget({ perHour: 10, perDay: 100, reserve: { open: 0, background: 0 }, now: t.now, setTimer: t.setTimer });
    for (let i = 0; i < 6; i++) await before.acquire('user');
    const record = before.toRecord();
    await t.advance(MINUTE);
    const after = new RequestBudget({ perHour: 10, perDay: 100, reserve: { open: 0, background: 0 }, now: t.now, setTimer: t.setTimer });
    await after.acquire('user');
    expect(after.restore(record)).toMatchObject({ restored: true, calls: 6 });
    expect(after.restore(record)).toEqual({ restored: false, reason: 'again' });
    expect(after.snapshot().usedLastHour).toBe(7);
    for (let i = 0; i < 3; i++) await after.acquire('user');
    let done = false;
    void after.acquire('user').then(() => (done = true));
    // The restored six leave first (an hour after they were made), then the next call may go.
    await t.advance(HOUR - MINUTE - 1);
    expect(done).toBe(false);
    await t.advance(MINUTE + 1);
    expect(done).toBe(true);
  });

  it('ignores, without throwing, a record that is malformed, from the future or too old to matter', () => {
    const t = fakeTime(1_700_000_000_000);
    const now = t.now();
    const minute = Math.ceil(now / MINUTE);
    const fresh = () => new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    const good = { v: 1, savedAt: now, pausedUntil: null, minutes: [[minute - 2, 3]] };
    expect(fresh().restore(good)).toMatchObject({ restored: true, calls: 3 });
    const malformed: unknown[] = [
      undefined,
      null,
      'text',
      42,
      [],
      {},
      { ...good, v: 2 },
      { ...good, savedAt: 'yesterday' },
      { ...good, savedAt: Number.NaN },
      { ...good, minutes: 'many' },
      { ...good, minutes: [[minute - 2, -1]] },
      { ...good, minutes: [[minute - 2, 1.5]] },
      { ...good, minutes: [[minute - 2]] },
      { ...good, minutes: [[minute - 1, 1], [minute - 2, 1]] }, // not oldest first
      { ...good, minutes: [[minute - 2, 1], [minute - 2, 1]] },
      { ...good, minutes: [[minute + 5, 1]] }, // a call after the record was written
      { ...good, minutes: Array.from({ length: 2000 }, (_, i) => [minute - 2000 + i, 1]) },
      { ...good, pausedUntil: now + 2 * 24 * HOUR }, // no Retry-After is that long
      { ...good, pausedUntil: 'soon' },
    ];
    for (const value of malformed) {
      const b = fresh();
      expect(b.restore(value), JSON.stringify(value)?.slice(0, 80)).toEqual({ restored: false, reason: 'malformed' });
      expect(b.snapshot()).toMatchObject({ usedLastDay: 0, pausedUntil: null });
    }
    const future = fresh();
    expect(future.restore({ ...good, savedAt: now + HOUR, minutes: [[minute + 50, 3]] })).toEqual({ restored: false, reason: 'future' });
    expect(future.snapshot().usedLastDay).toBe(0);
    const old = fresh();
    expect(old.restore({ v: 1, savedAt: now - 25 * HOUR, pausedUntil: now - 24 * HOUR, minutes: [[Math.ceil((now - 25 * HOUR) / MINUTE), 40]] })).toEqual({ restored: false, reason: 'stale' });
    expect(old.snapshot()).toMatchObject({ usedLastDay: 0, pausedUntil: null });
  });

  it('keeps a huge count bounded by the daily limit', () => {
    const t = fakeTime(1_700_000_000_000);
    const b = new RequestBudget({ perHour: 100, perDay: 1000, now: t.now, setTimer: t.setTimer });
    expect(b.restore({ v: 1, savedAt: t.now(), pausedUntil: null, minutes: [[Math.ceil(t.now() / MINUTE) - 1, 1e12]] })).toMatchObject({ restored: true, calls: 1000 });
    expect(b.snapshot()).toMatchObject({ remainingHour: 0, remainingDay: 0 });
  });

  it('writes a day of calls in one pair per minute', async () => {
    const t = fakeTime(1_700_000_000_000);
    const b = new RequestBudget({ perHour: 1e6, perDay: 1e7, now: t.now, setTimer: t.setTimer });
    for (let m = 0; m < 1500; m++) {
      for (let i = 0; i < 30; i++) await b.acquire('user');
      await t.advance(MINUTE);
    }
    const rec = b.toRecord();
    expect(rec.minutes.length).toBeLessThanOrEqual(1441);
    expect(JSON.stringify(rec).length).toBeLessThan(40_000);
  });
});
