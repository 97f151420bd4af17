import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { createClock } from './clock';
import { fakeFactories } from './fakeServices';
import { RateLimiter } from './rateLimit';

describe('RateLimiter (sliding window log)', () => {
  it('frees a slot exactly when the oldest call leaves the hour', () => {
    const clock = createClock({ start: 0, frozen: true });
    const rl = new RateLimiter(clock, { perHour: 3, perDay: 0 });
    expect(rl.take('u').ok).toBe(true);
    clock.advance(10_000);
    expect(rl.take('u').ok).toBe(true);
    expect(rl.take('u').ok).toBe(true);
    const denied = rl.take('u');
    expect(denied).toEqual({ ok: false, window: 'hour', limit: 3, retryAfterSeconds: 3590 });
    clock.advance(3_590_000);
    expect(rl.take('u').ok).toBe(true);
    expect(rl.take('u').ok).toBe(false);
    expect(rl.take('other').ok).toBe(true);
  });

  it('applies the day window independently and reports usage', () => {
    const clock = createClock({ start: 0, frozen: true });
    const rl = new RateLimiter(clock, { perHour: 2, perDay: 3 });
    rl.take('u');
    rl.take('u');
    clock.advance(3_600_001);
    expect(rl.take('u').ok).toBe(true);
    const denied = rl.take('u');
    expect(denied.ok).toBe(false);
    if (!denied.ok) {
      expect(denied.window).toBe('day');
      expect(denied.retryAfterSeconds).toBe(86_400 - 3_600);
    }
    expect(rl.usage()).toEqual({ u: { hour: 1, day: 3, perHour: 2, perDay: 3 } });
  });

  it('is unlimited at 0', () => {
    const rl = new RateLimiter(createClock({ frozen: true }), { perHour: 0, perDay: 0 });
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) if (rl.take('u').ok) allowed++;
    expect(allowed).toBe(10_000);
  });
});

describe('rate limits over HTTP', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ factories: fakeFactories(), ratePerHour: 3, ratePerDay: 5, frozenClock: true });
  });
  afterAll(() => emu.stop());

  it('answers 429 with an integer Retry-After once the hour is used up, per token user', async () => {
    for (let i = 0; i < 3; i++) expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(200);
    // tools/list is not a tool call and does not count.
    expect((await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' })).httpStatus).toBe(200);
    const limited = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', {});
    expect(limited.httpStatus).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3600');
    expect(limited.error).toMatchObject({ code: -32000, data: { retryAfter: 3600, window: 'hour', limit: 3 } });
    const counters = emu.control.counters();
    expect(counters.rateLimited).toBe(1);
    expect(counters.rateLimit['demo-user']).toEqual({ hour: 3, day: 3, perHour: 3, perDay: 5 });
    expect(counters.toolCalls).toEqual({ genesys_chat_get_chats_settings: 3, unipile_messaging_list_all_chats: 1 });
  });

  it('lets calls through again after the window slides, until the day limit', async () => {
    emu.control.advanceClock(3_600_000);
    await emu.refreshToken();
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(200);
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(200);
    const day = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
    expect(day.httpStatus).toBe(429);
    expect(day.error?.message).toContain('per day');
    expect(Number(day.headers.get('retry-after'))).toBe(86_400 - 3_600);
  });

  it('takes new limits at runtime', async () => {
    emu.control.setConfig({ ratePerHour: 0, ratePerDay: 0 });
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(200);
  });
});
