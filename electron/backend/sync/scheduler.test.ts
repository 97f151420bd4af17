import { describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/domain/ids';
import { errorFor } from '../pinkfish/errors';
import type { BudgetSnapshot } from '../pinkfish/budget';
import { ManualClock } from './clock';
import { activityFactor, budgetFactor, DEFAULT_POLICY, genesysInterval, pickDue } from './policy';
import { Scheduler, type SyncWork } from './scheduler';
import { driveUntil } from './testing/drive';

const MIN = 60_000;
const H = 60 * MIN;

function fakeBudget(over: Partial<BudgetSnapshot> = {}) {
  const snap: BudgetSnapshot = { perHour: 4500, perDay: 45000, usedLastHour: 0, usedLastDay: 0, remainingHour: 4500, remainingDay: 45000, pausedUntil: null, waiting: 0, ...over };
  return { snap, snapshot: () => ({ ...snap }) };
}

interface Log {
  initial: number;
  open: Array<{ id: ConversationId; at: number }>;
  cycles: Array<{ at: number; withChats: boolean }>;
  genesys: Array<{ id: ConversationId; at: number }>;
}

function fakeWork(clock: ManualClock, directory: Array<{ id: ConversationId; lastActivity: number | null; lastPolled: number | null; busy?: boolean }> = [], fail?: () => unknown): { work: SyncWork; log: Log } {
  const log: Log = { initial: 0, open: [], cycles: [], genesys: [] };
  const maybeFail = async () => {
    const err = fail?.();
    if (err) throw err;
  };
  const work: SyncWork = {
    async initial(report) {
      log.initial++;
      await maybeFail();
      report({ phase: 'inbox', done: 1, total: 1 });
    },
    async pollOpen(id) {
      await maybeFail();
      log.open.push({ id, at: clock.now() });
    },
    async unipileCycle(withChats) {
      await maybeFail();
      log.cycles.push({ at: clock.now(), withChats });
    },
    async genesysCandidates() {
      return directory.map(({ id, lastActivity, lastPolled }) => ({ id, lastActivity, lastPolled }));
    },
    async pollGenesys(id) {
      await maybeFail();
      log.genesys.push({ id, at: clock.now() });
      const d = directory.find((x) => x.id === id)!;
      d.lastPolled = clock.now();
      // A conversation marked "busy" keeps having news, so it stays in the fastest tier.
      if (d.busy) d.lastActivity = clock.now();
    },
  };
  return { work, log };
}

const room = (n: number) => `g:room:r${n}@conference.demo-org.orgspan.com` as ConversationId;

describe('policy', () => {
  it('slows down when hidden or idle, most when both', () => {
    const p = DEFAULT_POLICY;
    expect(activityFactor(p, { visible: true, idle: false })).toBe(1);
    expect(activityFactor(p, { visible: false, idle: false })).toBe(p.hiddenFactor);
    expect(activityFactor(p, { visible: true, idle: true })).toBe(p.idleFactor);
    expect(activityFactor(p, { visible: false, idle: true })).toBe(p.hiddenIdleFactor);
  });

  it('stretches intervals as the day and hour windows fill, and not before', () => {
    const base = { perHour: 4500, perDay: 45000, usedLastHour: 0 };
    expect(budgetFactor({ ...base, usedLastDay: 0 })).toBe(1);
    expect(budgetFactor({ ...base, usedLastDay: 22500 })).toBe(1);
    expect(budgetFactor({ ...base, usedLastDay: 33750 })).toBeCloseTo(2);
    expect(budgetFactor({ ...base, usedLastDay: 40500 })).toBeCloseTo(5);
    expect(budgetFactor({ ...base, usedLastDay: 45000 })).toBe(20);
    expect(budgetFactor({ ...base, usedLastDay: 0, usedLastHour: 4050 })).toBeCloseTo(4);
  });

  it('polls recently active Genesys conversations more often and never-polled ones first', () => {
    const now = 10 * 24 * H;
    expect(genesysInterval(DEFAULT_POLICY, now - 5 * MIN, now)).toBe(30_000);
    expect(genesysInterval(DEFAULT_POLICY, now - 3 * H, now)).toBe(5 * MIN);
    expect(genesysInterval(DEFAULT_POLICY, null, now)).toBe(DEFAULT_POLICY.genesysDefaultEveryMs);
    const picked = pickDue(
      DEFAULT_POLICY,
      [
        { id: 'old', lastActivity: now - 9 * 24 * H, lastPolled: now - 10 * MIN },
        { id: 'hot', lastActivity: now - MIN, lastPolled: now - 2 * MIN },
        { id: 'new', lastActivity: null, lastPolled: null },
        { id: 'warm', lastActivity: now - H, lastPolled: now - 3 * MIN },
      ],
      now,
      1,
      3,
    );
    expect(picked).toEqual(['new', 'hot', 'warm']);
  });
});

describe('Scheduler', () => {
  it('runs the initial sync first, then cycles; the open conversation is polled once it stayed open, then every few seconds', async () => {
    const clock = new ManualClock();
    const { work, log } = fakeWork(clock);
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    s.setOpen('u:chat1' as ConversationId);
    const t0 = clock.now();
    await driveUntil(clock, t0 + 60_000, [s]);
    s.stop();
    expect(log.initial).toBe(1);
    expect(log.cycles[0]!.at).toBe(t0);
    // 15 s cycles: t0, 15, 30, 45, 60 s.
    expect(log.cycles.map((c) => c.at - t0)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    // list_all_chats rides every 4th cycle.
    expect(log.cycles.map((c) => c.withChats)).toEqual([false, false, false, true, false]);
    // 0.4 s after it opened, then every 4 s: 0.4, 4.4, … 56.4 s.
    expect(log.open.map((o) => o.at - t0)).toEqual(Array.from({ length: 15 }, (_, i) => DEFAULT_POLICY.openSettleMs + i * 4_000));
    expect(s.status()).toMatchObject({ online: true, progress: { phase: 'live' } });
  });

  it('slows every periodic lane when the window is hidden or the user idle, and speeds up on return', async () => {
    const counts: Record<string, { open: number; cycles: number }> = {};
    for (const [name, activity] of [
      ['visible', { visible: true, idle: false }],
      ['hidden', { visible: false, idle: false }],
      ['idle', { visible: true, idle: true }],
      ['hidden+idle', { visible: false, idle: true }],
    ] as const) {
      const clock = new ManualClock();
      const { work, log } = fakeWork(clock);
      const s = new Scheduler({ clock, budget: fakeBudget(), work });
      s.start();
      s.setOpen('u:chat1' as ConversationId);
      s.setActivity(activity);
      await driveUntil(clock, clock.now() + H, [s]);
      s.stop();
      counts[name] = { open: log.open.length, cycles: log.cycles.length };
    }
    expect(counts['visible']).toEqual({ open: 900, cycles: 241 });
    expect(counts['hidden']!.open).toBeLessThanOrEqual(Math.ceil(900 / 4) + 1);
    expect(counts['idle']!.cycles).toBeLessThanOrEqual(Math.ceil(241 / 8) + 1);
    expect(counts['hidden+idle']!.open).toBeLessThanOrEqual(Math.ceil(900 / 16) + 1);

    // Back from idle: the next poll is re-timed at the active pace from the last one.
    const clock = new ManualClock();
    const { work, log } = fakeWork(clock);
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    s.setOpen('u:chat1' as ConversationId);
    s.setActivity({ idle: true });
    await driveUntil(clock, clock.now() + 10_000, [s]);
    const before = log.open.length;
    s.setActivity({ idle: false });
    await driveUntil(clock, clock.now() + 4_000, [s]);
    s.stop();
    expect(log.open.length).toBeGreaterThan(before);
  });

  it('spends no call on conversations flipped past, and polls one opened during a poll without waiting an interval', async () => {
    const clock = new ManualClock();
    const { work, log } = fakeWork(clock);
    let duringPoll: (() => void) | null = null;
    const pollOpen = work.pollOpen.bind(work);
    work.pollOpen = async (id, n) => {
      const hook = duringPoll;
      duringPoll = null;
      hook?.();
      await pollOpen(id, n);
    };
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    // Alt+↓ five times, 150 ms apart: only the one the user stops on is polled, once it stayed open.
    for (let i = 1; i <= 5; i++) {
      s.setOpen(`u:chat${i}` as ConversationId);
      await driveUntil(clock, clock.now() + 150, [s]);
    }
    const stopped = clock.now() - 150;
    await driveUntil(clock, stopped + 3_000, [s]);
    expect(log.open).toEqual([{ id: 'u:chat5', at: stopped + DEFAULT_POLICY.openSettleMs }]);
    // chat6 opened while chat5's next poll runs (it takes 100 ms): polled once it stayed open, not 4 s
    // after that poll ended.
    let opened = 0;
    duringPoll = () => {
      s.setOpen('u:chat6' as ConversationId);
      opened = clock.now();
      clock.advanceTo(opened + 100);
    };
    await driveUntil(clock, stopped + 6_000, [s]);
    s.stop();
    expect(log.open.map((o) => o.id)).toEqual(['u:chat5', 'u:chat5', 'u:chat6']);
    expect(log.open.at(-1)!.at).toBe(opened + DEFAULT_POLICY.openSettleMs);
  });

  it('starts nothing while the budget is paused (Retry-After) and resumes when the pause ends', async () => {
    const clock = new ManualClock();
    const budget = fakeBudget();
    const { work, log } = fakeWork(clock);
    const s = new Scheduler({ clock, budget, work });
    s.start();
    s.setOpen('u:chat1' as ConversationId);
    const t0 = clock.now();
    await driveUntil(clock, t0 + 10_000, [s]);
    const opens = log.open.length;
    const cycles = log.cycles.length;
    budget.snap.pausedUntil = t0 + 70_000;
    await driveUntil(clock, t0 + 69_999, [s]);
    expect(log.open.length).toBe(opens);
    expect(log.cycles.length).toBe(cycles);
    expect(s.nextDueAt()).toBe(t0 + 70_000);
    budget.snap.pausedUntil = null;
    await driveUntil(clock, t0 + 70_000, [s]);
    s.stop();
    expect(log.open.at(-1)!.at).toBe(t0 + 70_000);
    expect(log.cycles.at(-1)!.at).toBe(t0 + 70_000);
  });

  it('weights the Genesys round-robin by recent activity, at most N per cycle, skipping the open one', async () => {
    const clock = new ManualClock();
    const now = clock.now();
    const directory = [
      { id: room(1), lastActivity: now - MIN, lastPolled: now, busy: true }, // hot: every 30 s
      { id: room(2), lastActivity: now - 20 * MIN, lastPolled: now }, // warm: every minute (for its first 2 h)
      { id: room(3), lastActivity: now - 3 * 24 * H, lastPolled: now }, // cold: every 10 min
      { id: room(4), lastActivity: now - MIN, lastPolled: now }, // open: its own lane
    ];
    const { work, log } = fakeWork(clock, directory);
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    s.setOpen(room(4));
    await driveUntil(clock, now + H, [s]);
    s.stop();
    const count = (id: ConversationId) => log.genesys.filter((g) => g.id === id).length;
    expect(count(room(4))).toBe(0);
    expect(count(room(1))).toBeGreaterThanOrEqual(110);
    expect(count(room(1))).toBeLessThanOrEqual(121);
    expect(count(room(2))).toBeGreaterThanOrEqual(55);
    expect(count(room(2))).toBeLessThanOrEqual(61);
    expect(count(room(3))).toBe(6);
    const perCycle = new Map<number, number>();
    for (const g of log.genesys) perCycle.set(g.at, (perCycle.get(g.at) ?? 0) + 1);
    expect(Math.max(...perCycle.values())).toBeLessThanOrEqual(DEFAULT_POLICY.genesysPerCycle);
  });

  it('backs off while Pinkfish is unreachable, says offline, and recovers', async () => {
    const clock = new ManualClock();
    let down = true;
    const { work, log } = fakeWork(clock, [], () => (down ? errorFor('network') : undefined));
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    const t0 = clock.now();
    await driveUntil(clock, t0 + 10 * MIN, [s]);
    expect(s.status().online).toBe(false);
    // 2, 4, 8, 16, 32, then 60 s apart: far fewer than one attempt per cycle.
    expect(log.initial).toBeLessThanOrEqual(15);
    down = false;
    await driveUntil(clock, clock.now() + 2 * MIN, [s]);
    s.stop();
    expect(s.status().online).toBe(true);
    expect(log.cycles.length).toBeGreaterThan(0);
  });

  it('runs one-off jobs when due and retries unreachable ones later', async () => {
    const clock = new ManualClock();
    const { work } = fakeWork(clock);
    const s = new Scheduler({ clock, budget: fakeBudget(), work });
    s.start();
    const ran: number[] = [];
    let fails = 1;
    s.addJob('later', async () => void ran.push(clock.now()), clock.now() + 5000);
    s.addJob('flaky', async () => {
      if (fails-- > 0) throw errorFor('timeout');
      ran.push(-clock.now());
    });
    await driveUntil(clock, clock.now() + 20_000, [s]);
    s.stop();
    expect(ran.filter((t) => t > 0)).toHaveLength(1);
    expect(ran.filter((t) => t < 0)).toHaveLength(1);
    expect(s.pendingJobs()).toBe(0);
  });
});
