import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories } from './fakeServices';
import { FaultInjector, mergeFaults, DEFAULT_FAULTS } from './faults';

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startTestEmulator({ factories: fakeFactories() });
});
afterEach(() => emu.stop());

const settings = () => emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
const rawCall = () =>
  fetch(`${emu.url}/genesys-chat`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emu.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'genesys_chat_get_chats_settings', arguments: { PCID: emu.pcids.genesys } } }),
  });

describe('fault injection', () => {
  it('is off by default', async () => {
    expect(emu.control.getFaults()).toEqual(DEFAULT_FAULTS);
    for (let i = 0; i < 20; i++) expect((await settings()).result?.structuredContent).toBeDefined();
    expect(emu.control.counters().faults).toEqual({});
  });

  it('adds fixed latency', async () => {
    emu.control.setFaults({ latencyMs: 120 });
    const t0 = performance.now();
    await settings();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
  });

  it('fails a tool at its per-tool error rate as an upstream 503 in the error mode form', async () => {
    emu.control.setFaults({ errorRateByTool: { genesys_chat_get_chats_settings: 1 } });
    const r = await settings();
    expect(r.result?.isError).toBe(true);
    expect(r.result?.structuredContent).toMatchObject({ status: 503, code: 'service.unavailable' });
    const other = await emu.call('genesys-chat', 'genesys_chat_get_chats_room_messages', { roomJid: 'r' });
    expect(other.result?.isError).toBeUndefined();
    emu.control.setFaults({ errorRateByTool: {}, errorRate: 1, errorKind: 'upstream-500' });
    const unipile = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', {});
    expect(unipile.result?.structuredContent).toMatchObject({ status: 500, type: 'errors/unexpected_error' });
  });

  it('can fail as a bare HTTP 503 from the Farm', async () => {
    emu.control.setFaults({ errorRate: 1, errorKind: 'http-503' });
    const r = await settings();
    expect(r.httpStatus).toBe(503);
    expect(r.error?.code).toBe(-32603);
  });

  it('answers the next N calls with 429 and Retry-After, then recovers', async () => {
    emu.control.setFaults({ burst429: 2, burstRetryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await settings();
      expect(r.httpStatus).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
    }
    expect((await settings()).httpStatus).toBe(200);
    expect(emu.control.getFaults().burst429).toBe(0);
    expect(emu.control.counters().rateLimited).toBe(2);
  });

  it('drops the connection without a reply', async () => {
    emu.control.setFaults({ dropRate: 1 });
    await expect(rawCall()).rejects.toThrow(/fetch failed/);
    expect(emu.control.counters().toolResults.genesys_chat_get_chats_settings).toEqual({ fault_drop: 1 });
  });

  it('hangs until hangMaxMs, then closes the connection', async () => {
    emu.control.setFaults({ hangRate: 1, hangMaxMs: 150 });
    const t0 = performance.now();
    await expect(rawCall()).rejects.toThrow(/fetch failed/);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('releases hung requests on stop', async () => {
    emu.control.setFaults({ hangRate: 1, hangMaxMs: 600_000 });
    const pending = rawCall();
    await vi.waitFor(() => expect(emu.control.counters().faults.hang).toBe(1));
    await emu.stop();
    await expect(pending).rejects.toThrow(/fetch failed/);
  });

  it('sends a complete reply whose body is not JSON (malformed)', async () => {
    emu.control.setFaults({ malformedRate: 1 });
    const res = await rawCall();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"jsonrpc":"2.0"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('cuts the reply off half way (truncated)', async () => {
    emu.control.setFaults({ truncatedRate: 1 });
    const res = await rawCall();
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('can be set at start', async () => {
    const other = await startTestEmulator({ factories: fakeFactories(), faults: { burst429: 1 } });
    try {
      expect((await other.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(429);
    } finally {
      await other.stop();
    }
  });

  it('rejects bad settings with a message naming the field', () => {
    expect(() => emu.control.setFaults({ errorRate: 2 })).toThrow(/faults.errorRate/);
    expect(() => emu.control.setFaults({ nope: 1 } as never)).toThrow(/unknown fault setting 'nope'/);
    expect(() => mergeFaults({ ...DEFAULT_FAULTS }, { errorKind: 'teapot' })).toThrow(/errorKind/);
  });
});

describe('fault determinism', () => {
  it('gives the same faults for the same seed and call order', () => {
    const run = (seed: number) => {
      const f = new FaultInjector(seed, { errorRate: 0.3, dropRate: 0.1, hangRate: 0.1, errorKind: 'mixed', malformedRate: 0.2 });
      return Array.from({ length: 200 }, () => `${JSON.stringify(f.beforeCall('t'))}/${f.body()}`);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    const kinds = new Set(run(42).map((s) => s.split('/')[0]));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });

  it('does not shift the fault stream when latency jitter is switched on', () => {
    const a = new FaultInjector(9, { errorRate: 0.5 });
    const b = new FaultInjector(9, { errorRate: 0.5, jitterMs: 10 });
    const seq = (f: FaultInjector) => Array.from({ length: 50 }, () => (f.latency(), f.beforeCall('t').kind));
    expect(seq(a)).toEqual(seq(b));
  });
});
