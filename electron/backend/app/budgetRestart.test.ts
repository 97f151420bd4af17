import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../../../emulator/index';
import type { Conversation } from '../../../shared/domain/model';
import { singleHostEndpoints } from '../pinkfish/endpoints';
import { Vault } from '../vault/vault';
import { createBackend, type Backend } from './createBackend';
import { BUDGET_KEY, CACHE_FILE } from './offline';
import { caller, memoryKeychain, until, type Caller } from './testSupport';

/**
 * The request budget across restarts of the whole backend: a live workspace against a separately
 * started emulator (real HTTP), its cache in a real data directory, and a "restart" that disposes the
 * backend and creates another over the same directory and keychain. The emulator counts every call
 * as the platform does; the app must not count fewer after a restart, nor forget a Retry-After pause.
 */

type SyncStatus = { budget: { perHour: number; perDay: number; remainingHour: number; remainingDay: number; pausedUntil: number | null } };

let live: RunningEmulator;
let dataDir: string;
const vault = new Vault({ keychain: memoryKeychain() });
const backends: Backend[] = [];

function start(): { b: Backend; c: Caller } {
  const b = createBackend({
    version: '1.0.0',
    host: 'web',
    vault,
    dataDir,
    workspace: 'live',
    liveEndpoints: singleHostEndpoints(live.url),
    log: () => {},
  });
  backends.push(b);
  return { b, c: caller(() => b) };
}

/** Tool calls the emulator (the platform) counted in its trailing hour and day. */
function server(): { hour: number; day: number } {
  const users = Object.values(live.control.counters().rateLimit);
  return { hour: users.reduce((n, u) => n + u.hour, 0), day: users.reduce((n, u) => n + u.day, 0) };
}
/** Calls the app counts as spent (the status bar's "x of y left", turned around). */
async function spent(c: Caller): Promise<{ hour: number; day: number; pausedUntil: number | null }> {
  const { budget } = await c.ok<SyncStatus>('sync:status');
  return { hour: budget.perHour - budget.remainingHour, day: budget.perDay - budget.remainingDay, pausedUntil: budget.pausedUntil };
}

/** The Unipile chats in the inbox, once sync has brought some. */
function unipileChats(c: Caller): Promise<Conversation[]> {
  return until(async () => {
    const list = (await c.ok<{ conversations: Conversation[] }>('inbox:list', { limit: 50 })).conversations.filter((x) => x.source === 'unipile');
    return list.length > 0 && list;
  });
}

beforeAll(async () => {
  live = await startEmulator({ scale: 'tiny', seed: 3, activityPerMinute: 0, enableControl: true });
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-budget-'));
  await vault.setCredentials({ kind: 'oauth', clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, orgId: DEMO_CREDENTIALS.orgId });
});

afterAll(async () => {
  for (const b of backends.splice(0)) await b.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  await live?.stop();
});

describe('the request budget across restarts', () => {
  it('counts the calls of earlier runs: never fewer than the platform counted', async () => {
    let total = 0;
    for (let run = 0; run < 3; run++) {
      const { b, c } = start();
      await b.ready;
      expect(await c.ok('app:info')).toMatchObject({ mode: 'live' });
      // Sync spends calls from the start (the first run's most); the user some more in every run.
      const chats = await unipileChats(c);
      for (let i = 0; i < 10; i++) await c.ok('people:list', { conversationId: chats[i % chats.length]!.id });
      expect(server().hour).toBeGreaterThanOrEqual(total + 10);
      // Read the server first: the app counts a call before it sends it, so it can only be ahead.
      const platform = server();
      const app = await spent(c);
      expect(app.hour).toBeGreaterThanOrEqual(platform.hour);
      expect(app.day).toBeGreaterThanOrEqual(platform.day);
      total = platform.hour;
      await b.dispose();
    }
    // Three runs' worth, so a budget that forgot the earlier runs would be far behind.
    expect(total).toBeGreaterThanOrEqual(30);
  }, 60_000);

  it('keeps a Retry-After pause in force: the next run sends nothing until it ends', async () => {
    const { b, c } = start();
    await b.ready;
    const chats = await unipileChats(c);
    // The platform says: ten minutes, more than the client waits out by itself. Whichever call meets it
    // (this one or sync's) pauses the whole budget.
    live.control.setFaults({ burst429: 1, burstRetryAfterSeconds: 600 });
    const before = server();
    const meets = c.call('people:list', { conversationId: chats[0]!.id });
    const pausedUntil = await until(async () => (await spent(c)).pausedUntil);
    expect(pausedUntil).toBeGreaterThan(Date.now() + 590_000);
    expect(server().hour).toBeGreaterThan(before.hour);
    const counted = server();
    await b.dispose();
    // Refused by the platform, or still waiting for the pause when the backend shut down.
    expect(await meets).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(rate_limited|cancelled|unavailable)$/) } });

    const again = start();
    await again.b.ready;
    const app = await spent(again.c);
    expect(app.pausedUntil).toBe(pausedUntil);
    expect(app.hour).toBeGreaterThanOrEqual(counted.hour);
    // Sync is running but waits out the pause: nothing reaches the platform.
    await new Promise((r) => setTimeout(r, 1000));
    expect(server()).toEqual(counted);
    await again.b.dispose();
  }, 60_000);

  it('starts afresh when the stored budget is malformed, without failing to start', async () => {
    const { openCache } = await import('../cache/client');
    const key = await vault.getOrCreateCacheKey();
    const cache = await openCache({ path: join(dataDir, CACHE_FILE.live), key });
    await cache.setUiState(BUDGET_KEY, '{"v":1,"savedAt":"soon","minutes":[[1,2],[0,1]]}', Date.now());
    await cache.close();
    live.control.setFaults({ burst429: 0 });

    const { b, c } = start();
    await b.ready;
    const app = await spent(c);
    expect(app.pausedUntil).toBeNull();
    // Only this run's calls: the record was thrown away, and the app still syncs.
    expect(app.hour).toBeLessThan(server().hour);
    const platform = server().hour;
    await until(async () => server().hour > platform);
    await b.dispose();
  }, 60_000);
});
