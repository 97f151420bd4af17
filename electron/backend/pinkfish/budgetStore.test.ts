import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { openCache, type CacheClient } from '../cache/client';
import { tempCache } from '../cache/testSupport';
import { bindServer } from '../providers/common/caller';
import { RequestBudget } from './budget';
import { persistBudget, type BudgetStorage } from './budgetStore';
import { listConnections, pickConnections } from './connections';
import { McpClient } from './mcpClient';
import { TokenManager } from './tokens';

/**
 * The budget kept across a restart: the real stack against the emulator over HTTP, the budget saved in a
 * real (encrypted) cache file, and a "restart" that builds everything again over the same file.
 */

const KEY = 'request-budget';
const ROOM_TOOL = 'genesys_chat_get_chats_settings';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function storageOf(cache: CacheClient): BudgetStorage {
  return { load: () => cache.getUiState(KEY), save: (v) => cache.setUiState(KEY, v, Date.now()) };
}

/** One "run" of the app: a cache over the file, a budget restored from it, a client spending it. */
async function run(emu: RunningEmulator, file: { path: string; key: string }, logs: string[] = []) {
  const cache = await openCache({ path: file.path, key: file.key });
  const budget = new RequestBudget();
  const store = await persistBudget(budget, storageOf(cache), { log: (m, e) => logs.push(`${m}: ${String(e)}`) });
  const tokens = new TokenManager({ credentials: { kind: 'oauth', ...emu.credentials }, authBase: emu.url });
  const client = new McpClient({ tokens, budget, mcpBase: emu.url });
  const pcid = pickConnections(await listConnections({ tokens, proxyBase: emu.url, statuses: ['connected'] })).genesys[0]!.id;
  const genesys = bindServer(client, 'genesys-chat', () => pcid);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await store.close();
    budget.close();
    await cache.close();
  };
  cleanups.push(close);
  return { cache, budget, store, genesys, close };
}

/** Tool calls the emulator counted in its trailing hour, all users. */
function serverHour(emu: RunningEmulator): number {
  return Object.values(emu.control.counters().rateLimit).reduce((n, u) => n + u.hour, 0);
}

describe('the request budget kept in the cache', () => {
  it('carries the calls spent and a Retry-After pause over a restart, and agrees with the server', async () => {
    const emu = await startEmulator({ scale: 'tiny', seed: 1, enableControl: true });
    cleanups.push(() => emu.stop());
    const t = tempCache();
    cleanups.push(() => t.cleanup());

    const first = await run(emu, t);
    expect(first.store.restore).toEqual({ restored: false, reason: 'none' });
    for (let i = 0; i < 25; i++) await first.genesys(ROOM_TOOL, {});
    // A 429 asking for ten minutes: more than the client waits out by itself.
    emu.control.setFaults({ burst429: 1, burstRetryAfterSeconds: 600 });
    await expect(first.genesys(ROOM_TOOL, {})).rejects.toMatchObject({ code: 'rate_limited' });
    const pausedUntil = first.budget.snapshot().pausedUntil;
    expect(pausedUntil).toBeGreaterThan(Date.now() + 590_000);
    expect(first.budget.snapshot().usedLastHour).toBe(26);
    expect(serverHour(emu)).toBe(26);
    await first.close();

    const second = await run(emu, t);
    expect(second.store.restore).toMatchObject({ restored: true, calls: 26, pausedUntil });
    expect(second.budget.snapshot()).toMatchObject({ usedLastHour: 26, remainingHour: 4500 - 26, usedLastDay: 26, pausedUntil });
    // The pause holds in the new run: nothing reaches the server, user actions included.
    const ac = new AbortController();
    const waiting = second.genesys(ROOM_TOOL, {}, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 300));
    expect(serverHour(emu)).toBe(26);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('ignores a malformed stored value, starts afresh and writes a good one over it', async () => {
    const t = tempCache();
    cleanups.push(() => t.cleanup());
    const bad = ['not json {', JSON.stringify({ v: 1, savedAt: 'then', minutes: [] }), JSON.stringify({ v: 1, savedAt: Date.now(), pausedUntil: null, minutes: [[1, 'x']] }), 'x'.repeat(300_000), '[]', 'null'];
    for (const value of bad) {
      const cache = await openCache({ path: t.path, key: t.key });
      await cache.setUiState(KEY, value, Date.now());
      const logs: string[] = [];
      const budget = new RequestBudget();
      const store = await persistBudget(budget, storageOf(cache), { log: (m, e) => logs.push(`${m}: ${String(e)}`) });
      expect(store.restore, value.slice(0, 40)).toEqual({ restored: false, reason: 'malformed' });
      expect(logs).toEqual(['budget: ignored the saved request budget: not a budget record']);
      expect(budget.snapshot()).toMatchObject({ usedLastDay: 0, pausedUntil: null });
      await budget.acquire('user');
      await store.close();
      budget.close();
      const saved = JSON.parse((await cache.getUiState(KEY))!) as { v: number; minutes: Array<[number, number]> };
      expect(saved).toMatchObject({ v: 1, pausedUntil: null, minutes: [[expect.any(Number), 1]] });
      await cache.close();
    }
  });

  it('ignores a record from a clock ahead of this one', async () => {
    const t = tempCache();
    cleanups.push(() => t.cleanup());
    const cache = await openCache({ path: t.path, key: t.key });
    cleanups.push(() => cache.close());
    const later = Date.now() + 3_600_000;
    await cache.setUiState(KEY, JSON.stringify({ v: 1, savedAt: later, pausedUntil: later + 60_000, minutes: [[Math.ceil(later / 60_000), 40]] }), Date.now());
    const budget = new RequestBudget();
    const store = await persistBudget(budget, storageOf(cache));
    expect(store.restore).toEqual({ restored: false, reason: 'future' });
    expect(budget.snapshot()).toMatchObject({ usedLastDay: 0, pausedUntil: null });
    await store.close();
    budget.close();
  });
});

describe('persistBudget', () => {
  /** Timers that fire only when told. */
  function manualTimers() {
    const pending: Array<{ ms: number; fn: () => void; live: boolean }> = [];
    return {
      pending,
      setTimer: (fn: () => void, ms: number) => {
        const t = { ms, fn, live: true };
        pending.push(t);
        return { cancel: () => (t.live = false) };
      },
      live: () => pending.filter((t) => t.live),
      async fire() {
        for (const t of pending.splice(0)) if (t.live) t.fn();
        await new Promise((r) => setTimeout(r, 0));
      },
    };
  }
  function memoryStorage(initial: string | null = null) {
    const s = { value: initial, saves: 0, failLoad: false, failSave: false };
    const storage: BudgetStorage = {
      load: async () => {
        if (s.failLoad) throw new Error('disk on fire');
        return s.value;
      },
      save: async (v) => {
        if (s.failSave) throw new Error('disk full');
        s.saves++;
        s.value = v;
      },
    };
    return { s, storage };
  }

  it('writes once per interval however many calls, at once on a new pause, and on close', async () => {
    const timers = manualTimers();
    const { s, storage } = memoryStorage();
    const budget = new RequestBudget();
    const store = await persistBudget(budget, storage, { intervalMs: 5000, setTimer: timers.setTimer });
    for (let i = 0; i < 200; i++) await budget.acquire('background');
    expect(s.saves).toBe(0);
    expect(timers.live().map((t) => t.ms)).toEqual([5000]);
    await timers.fire();
    expect(s.saves).toBe(1);
    expect(JSON.parse(s.value!).minutes.reduce((n: number, [, c]: [number, number]) => n + c, 0)).toBe(200);

    budget.pause(60);
    expect(timers.live().map((t) => t.ms)).toEqual([0]);
    await timers.fire();
    expect(s.saves).toBe(2);
    expect(JSON.parse(s.value!).pausedUntil).toBe(budget.snapshot().pausedUntil);

    // Nothing changed: nothing to write.
    await store.flush();
    expect(s.saves).toBe(2);
    budget.pause(0); // not a longer pause: waits for the interval like any change
    expect(timers.live().map((t) => t.ms)).toEqual([5000]);
    await store.close();
    expect(s.saves).toBe(3);
    expect(timers.live()).toEqual([]);
    // Closed: later changes are not followed.
    budget.pause(120);
    expect(timers.live()).toEqual([]);
    budget.close();
  });

  it('never throws when the storage cannot be read or written', async () => {
    const timers = manualTimers();
    const logs: string[] = [];
    const { s, storage } = memoryStorage('{"v":1}');
    s.failLoad = true;
    const budget = new RequestBudget();
    const store = await persistBudget(budget, storage, { setTimer: timers.setTimer, log: (m) => logs.push(m) });
    expect(store.restore).toEqual({ restored: false, reason: 'unreadable' });
    s.failSave = true;
    await budget.acquire('user');
    await timers.fire();
    expect(logs).toEqual(['budget: the saved request budget could not be read', 'budget: the request budget could not be saved']);
    s.failSave = false;
    // The failed write is tried again on close.
    await store.close();
    expect(s.saves).toBe(1);
    expect(JSON.parse(s.value!).minutes).toHaveLength(1);
    budget.close();
  });
});
