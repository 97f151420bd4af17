import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { startClientAgainstEmulator, type ClientAgainstEmulator } from '../testing/emulatorClient';
import { RequestBudget } from './budget';
import { listConnections, pickConnections } from './connections';
import { McpClient } from './mcpClient';
import { TokenManager } from './tokens';
import { compareCatalog } from './catalogDrift';
import genesysCatalog from '../../../shared/catalog/genesys-chat.tools.json';

// The backend's Pinkfish stack against the emulator over real HTTP.
const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});
async function stack(options: Parameters<typeof startClientAgainstEmulator>[0] = {}): Promise<ClientAgainstEmulator> {
  const s = await startClientAgainstEmulator(options);
  running.push(s);
  return s;
}
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ scale: 'tiny', seed: 1, ...options });
  running.push(e);
  return e;
}

const ROOM_TOOL = 'genesys_chat_get_chats_settings';

describe('tokens', () => {
  it('exchanges OAuth client credentials once, however many calls wait', async () => {
    const e = await emulator();
    const tokens = new TokenManager({ credentials: { kind: 'oauth', ...e.credentials }, authBase: e.url });
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken()));
    expect(new Set(all).size).toBe(1);
    expect(tokens.exchanges).toBe(1);
    expect(await tokens.getToken()).toBe(all[0]);
    expect(tokens.exchanges).toBe(1);
  });

  it('uses the legacy API-key exchange', async () => {
    const e = await emulator();
    const tokens = new TokenManager({ credentials: { kind: 'apiKey', apiKey: e.credentials.apiKey, orgId: e.credentials.orgId }, authBase: e.url });
    expect(await tokens.getToken()).toMatch(/\S{16,}/);
  });

  it.each([
    ['a wrong secret', { kind: 'oauth' as const, clientId: 'demo-client', clientSecret: 'wrong', orgId: 'demo-org' }],
    ['a wrong organisation', { kind: 'oauth' as const, clientId: 'demo-client', clientSecret: 'demo-secret', orgId: 'other-org' }],
    ['a wrong API key', { kind: 'apiKey' as const, apiKey: 'nope', orgId: 'demo-org' }],
  ])('turns %s into an auth error that names no secret', async (_name, credentials) => {
    const e = await emulator();
    const tokens = new TokenManager({ credentials, authBase: e.url });
    const err = await tokens.getToken().catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'auth' });
    expect(String((err as Error).message)).not.toMatch(/wrong|nope/);
  });

  it('surfaces an unreachable token host as a network error', async () => {
    const tokens = new TokenManager({ credentials: { kind: 'oauth', clientId: 'a', clientSecret: 'b', orgId: 'c' }, authBase: 'http://127.0.0.1:9' });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'network' });
  });
});

describe('connections', () => {
  it('lists connections and picks the Genesys and Unipile ones', async () => {
    const s = await stack();
    const all = await listConnections({ tokens: s.tokens, proxyBase: s.emulator.url });
    const picked = pickConnections(all);
    expect(picked.genesys[0]?.service_key).toBe('genesys');
    expect(picked.genesys[0]?.status).toBe('connected');
    expect(picked.unipile[0]?.service_key).toMatch(/^unipile/);
    const connectedOnly = await listConnections({ tokens: s.tokens, proxyBase: s.emulator.url, statuses: ['connected'] });
    expect(connectedOnly.every((c) => c.status === 'connected')).toBe(true);
    expect(connectedOnly.length).toBeLessThan(all.length);
  });
});

describe('McpClient', () => {
  it('calls a tool and decodes its result', async () => {
    const s = await stack();
    const { value } = await s.genesys(ROOM_TOOL, {});
    expect(value).toMatchObject({ messageRetentionPeriodDays: expect.any(Number) });
  });

  it('refreshes once on a 401 and the call succeeds', async () => {
    const s = await stack();
    await s.genesys(ROOM_TOOL, {});
    s.emulator.control.expireTokens();
    await s.genesys(ROOM_TOOL, {});
    expect(s.client.stats.retries401).toBe(1);
    expect(s.tokens.exchanges).toBe(2);
  });

  it('surfaces a 401 that a refresh cannot fix as auth', async () => {
    const a = await emulator();
    const b = await emulator();
    // Tokens come from A; the Farm is B, which has never seen them.
    const tokens = new TokenManager({ credentials: { kind: 'oauth', ...a.credentials }, authBase: a.url });
    const client = new McpClient({ tokens, mcpBase: b.url, budget: new RequestBudget() });
    await expect(client.callTool('genesys-chat', ROOM_TOOL, { PCID: 'x' })).rejects.toMatchObject({ code: 'auth' });
    expect(tokens.exchanges).toBe(2);
  });

  it('keeps every call of a run working while 2-second tokens expire', async () => {
    // The emulator's frozen clock drives both sides: 60 calls over 18 simulated seconds span nine token lifetimes.
    const e = await emulator({ tokenTtl: 2, frozenClock: true });
    const tokens = new TokenManager({ credentials: { kind: 'oauth', ...e.credentials }, authBase: e.url, now: () => e.control.now() });
    const client = new McpClient({ tokens, mcpBase: e.url, budget: new RequestBudget() });
    const pcid = pickConnections(await listConnections({ tokens, proxyBase: e.url })).genesys[0]!.id;
    for (let i = 0; i < 60; i++) {
      await client.callTool('genesys-chat', ROOM_TOOL, { PCID: pcid });
      // Odd steps land a call right on an expired token, so both the early refresh and the 401 path run.
      e.control.advanceClock(i % 2 ? 450 : 150);
    }
    expect(tokens.exchanges).toBeGreaterThanOrEqual(8);
    expect(e.control.counters().unauthorized).toBe(client.stats.retries401);
  });

  it('honours a 429 Retry-After globally and then succeeds', async () => {
    const s = await stack();
    s.emulator.control.setFaults({ burst429: 1, burstRetryAfterSeconds: 1 });
    const started = Date.now();
    const first = s.genesys(ROOM_TOOL, {});
    // While paused, the budget holds every other call too.
    await expect.poll(() => s.budget.snapshot().pausedUntil).not.toBeNull();
    const second = s.genesys(ROOM_TOOL, {});
    await Promise.all([first, second]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.client.stats.rateLimited).toBe(1);
  });

  it('gives up with rate_limited and the wait when Retry-After is long', async () => {
    const s = await stack({ maxAutoRetryAfterS: 1 });
    s.emulator.control.setFaults({ burst429: 1, burstRetryAfterSeconds: 120 });
    const err = await s.genesys(ROOM_TOOL, {}).catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'rate_limited', retryAfter: 120 });
    expect(s.budget.snapshot().pausedUntil).toBeGreaterThan(Date.now() + 100_000);
  });

  it.each(['isError', 'structured', 'jsonrpc'] as const)('maps an upstream not-found the same way in %s mode', async (errorMode) => {
    const s = await stack({ errorMode });
    const err = await s.genesys('genesys_chat_get_chats_room', { roomJid: 'ffffffffffffffffffffffff@conference.demo-org.orgspan.com' }).catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'not_found' });
  });

  it('turns a schema violation into invalid_input naming the field', async () => {
    const s = await stack();
    await expect(s.genesys('genesys_chat_get_chats_room', {})).rejects.toMatchObject({ code: 'invalid_input', field: 'roomJid' });
  });

  it('turns malformed and truncated bodies into typed errors', async () => {
    const s = await stack();
    s.emulator.control.setFaults({ malformedRate: 1 });
    await expect(s.genesys(ROOM_TOOL, {})).rejects.toMatchObject({ code: 'protocol' });
    s.emulator.control.setFaults({ malformedRate: 0, truncatedRate: 1 });
    const err = await s.genesys(ROOM_TOOL, {}).catch((x: unknown) => x);
    expect(['network', 'protocol']).toContain((err as { code: string }).code);
  });

  it('times out a hung call and cancels on request', async () => {
    const s = await stack({ clientTimeoutMs: 300 });
    s.emulator.control.setFaults({ hangRate: 1, hangMaxMs: 5_000 });
    await expect(s.genesys(ROOM_TOOL, {})).rejects.toMatchObject({ code: 'timeout' });
    const ac = new AbortController();
    const p = s.genesys(ROOM_TOOL, {}, { signal: ac.signal, timeoutMs: 5_000 });
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('maps an upstream outage to unavailable', async () => {
    const s = await stack();
    s.emulator.control.setFaults({ errorRate: 1, errorKind: 'http-503' });
    await expect(s.genesys(ROOM_TOOL, {})).rejects.toMatchObject({ code: 'unavailable' });
    s.emulator.control.setFaults({ errorKind: 'upstream-500' });
    await expect(s.genesys(ROOM_TOOL, {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reads SSE replies', async () => {
    const s = await stack({ sseReplies: true });
    const { value } = await s.genesys(ROOM_TOOL, {});
    expect(value).toMatchObject({ messageRetentionPeriodDays: expect.any(Number) });
  });

  it('lists tools and finds no drift against the bundled catalog', async () => {
    const s = await stack();
    const live = await s.client.listTools('genesys-chat');
    expect(live).toHaveLength(34);
    expect(compareCatalog(genesysCatalog.tools, live)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('request budget against the platform limit', () => {
  it('never exceeds a low rate limit over a 10,000-call run', async () => {
    // The emulator allows 300 calls per sliding hour; the client budgets 270. Both clocks are the emulator's
    // frozen clock, advanced whenever the budget waits, so 10,000 calls take seconds, not 37 hours.
    const e = await emulator({ ratePerHour: 300, ratePerDay: 1_000_000, frozenClock: true });
    const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
    const budget = new RequestBudget({
      perHour: 270,
      perDay: 900_000,
      now: () => e.control.now(),
      setTimer: (fn, ms) => {
        const t = { at: e.control.now() + ms, fn, live: true };
        timers.push(t);
        return { cancel: () => (t.live = false) };
      },
    });
    const tokens = new TokenManager({ credentials: { kind: 'oauth', ...e.credentials }, authBase: e.url, now: () => e.control.now() });
    const client = new McpClient({ tokens, mcpBase: e.url, budget, maxAutoRetryAfterS: 0 });
    const pcid = pickConnections(await listConnections({ tokens, proxyBase: e.url })).genesys[0]!.id;
    const total = 10_000;
    let done = 0;
    let rateLimited = 0;
    const worker = async () => {
      while (done < total) {
        done++;
        await client.callTool('genesys-chat', ROOM_TOOL, { PCID: pcid }, { priority: 'background' }).catch((err: { code?: string }) => {
          if (err.code === 'rate_limited') rateLimited++;
          else throw err;
        });
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Drive the clock: whenever every worker is parked in the budget, jump to the next timer.
    const driver = (async () => {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (done >= total && budget.snapshot().waiting === 0) return;
        const live = timers.filter((t) => t.live).sort((a, b) => a.at - b.at);
        if (budget.snapshot().waiting >= 8 || (done >= total && live.length)) {
          const next = live[0];
          if (!next) continue;
          e.control.advanceClock(Math.max(0, next.at - e.control.now()));
          next.live = false;
          next.fn();
        }
      }
    })();
    await Promise.all(workers);
    await driver;
    expect(rateLimited).toBe(0);
    expect(e.control.counters().rateLimited).toBe(0);
    expect(e.control.counters().toolCallsTotal).toBeGreaterThanOrEqual(total);
    budget.close();
  }, 120_000);
});
