import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories, type FakeWorld } from './fakeServices';

const world: FakeWorld = { posted: [], activity: 0 };
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ factories: fakeFactories(world), frozenClock: true, startTime: Date.UTC(2026, 0, 1) });
});
afterAll(() => emu.stop());

const ctl = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/__control/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('HTTP control API', () => {
  it('act forwards to the service control hook', async () => {
    const r = await ctl('POST', 'act', { service: 'genesys', action: 'post', params: { roomJid: 'r9', message: 'from Bob' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, count: world.posted.length });
    expect(world.posted.at(-1)).toEqual({ roomJid: 'r9', message: 'from Bob', by: 'other-user' });
    expect((await ctl('POST', 'act', { service: 'slack', action: 'post' })).status).toBe(404);
    const unknownAction = await ctl('POST', 'act', { service: 'genesys', action: 'dance' });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.message).toContain("unknown action 'dance'");
  });

  it('clock advances the shared clock, which the services see', async () => {
    const before = (await ctl('GET', 'clock')).body.now as number;
    expect(before).toBe(Date.UTC(2026, 0, 1));
    const after = await ctl('POST', 'clock', { advanceMs: 90_000 });
    expect(after.body.now).toBe(before + 90_000);
    const room = await emu.call('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'r' });
    expect(room.result?.structuredContent?.dateCreated).toBe(new Date(before + 90_000).toISOString());
    expect((await ctl('POST', 'clock', { advanceMs: -5 })).status).toBe(400);
  });

  it('faults can be read and patched', async () => {
    const put = await ctl('PUT', 'faults', { latencyMs: 0, burst429: 1 });
    expect(put.body).toMatchObject({ burst429: 1, errorRate: 0 });
    expect((await ctl('GET', 'faults')).body.burst429).toBe(1);
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(429);
    const bad = await ctl('PUT', 'faults', { dropRate: 'often' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('faults.dropRate');
  });

  it('counters count tools, statuses, 401s, 429s and tokens; reset-counters clears them', async () => {
    await ctl('POST', 'reset-counters');
    await emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
    await emu.call('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing-room' });
    await emu.call('genesys-chat', 'genesys_chat_get_chats_room', {});
    await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { Authorization: 'Bearer nope' });
    await emu.refreshToken();
    const c = (await ctl('GET', 'counters')).body as Record<string, Record<string, unknown>>;
    expect(c.toolCalls).toEqual({ genesys_chat_get_chats_settings: 1, genesys_chat_get_chats_room: 2 });
    expect(c.toolResults).toEqual({ genesys_chat_get_chats_settings: { ok: 1 }, genesys_chat_get_chats_room: { upstream_404: 1, invalid_params: 1 } });
    expect(c.unauthorized).toBe(1);
    expect(c.tokensIssued).toBe(1);
    expect(c.byHttpStatus).toMatchObject({ '200': 4, '401': 1 });
    expect((c.rateLimit as Record<string, unknown>)['demo-user']).toBeDefined();
    await ctl('POST', 'reset-counters');
    const cleared = (await ctl('GET', 'counters')).body;
    expect(cleared.toolCallsTotal).toBe(0);
  });

  it('config switches modes at runtime and rejects unknown values', async () => {
    expect((await ctl('PUT', 'config', { errorMode: 'jsonrpc' })).body.errorMode).toBe('jsonrpc');
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing-room' });
    expect(r.error?.data).toMatchObject({ status: 404 });
    await ctl('PUT', 'config', { errorMode: 'isError' });
    expect((await ctl('PUT', 'config', { binaryMode: 'carrier-pigeon' })).status).toBe(400);
    expect((await ctl('PUT', 'config', { colour: 'red' })).status).toBe(400);
  });

  it('activity sets the world rate; a tick runs one world event', async () => {
    const before = world.activity;
    const r = await ctl('POST', 'activity', { perMinute: 0, tick: true });
    expect(r.body).toEqual({ perMinute: 0 });
    const ticks = world.activity - before;
    // One tick reaches exactly one of the two services; the fake Unipile world does not count.
    expect(ticks === 0 || ticks === 1).toBe(true);
    for (let i = 0; i < 20; i++) emu.control.tickActivity();
    expect(world.activity - before).toBeGreaterThan(ticks);
    await ctl('POST', 'activity', { perMinute: 6 });
    expect(emu.control.counters().activity.perMinute).toBe(6);
    await ctl('POST', 'activity', { perMinute: 0 });
  });

  it('expire-tokens makes existing tokens answer 401', async () => {
    const { body } = await ctl('POST', 'expire-tokens');
    expect(body.expired).toBeGreaterThan(0);
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(401);
    await emu.refreshToken();
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).httpStatus).toBe(200);
  });

  it('connections can be disconnected, which the PCID check then refuses', async () => {
    const set = await ctl('POST', 'connections', { id: emu.pcids.genesys, status: 'error' });
    expect(set.body.status).toBe('error');
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
    expect(r.result?.structuredContent).toMatchObject({ status: 403 });
    await ctl('POST', 'connections', { id: emu.pcids.genesys, status: 'connected' });
    expect((await emu.call('genesys-chat', 'genesys_chat_get_chats_settings')).result?.isError).toBeUndefined();
  });

  it('stats reports each service', async () => {
    const { body } = await ctl('GET', 'stats');
    expect(body).toEqual({ genesys: { posted: world.posted.length }, unipile: { chats: 0 } });
  });

  it('answers 404 for unknown routes and bad JSON with 400', async () => {
    expect((await ctl('GET', 'nope')).status).toBe(404);
    const res = await fetch(`${emu.url}/__control/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
  });

  it('refuses a body that is not application/json, so a web page cannot post to it without a preflight', async () => {
    const res = await fetch(`${emu.url}/__control/faults`, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: '{"burst429":5}' });
    expect(res.status).toBe(415);
    expect(emu.control.getFaults().burst429).toBe(0);
  });
});

describe('control disabled', () => {
  it('answers 404 on every /__control route, while the in-process control still works', async () => {
    const off = await startTestEmulator({ factories: fakeFactories(), enableControl: false });
    try {
      for (const [method, path] of [
        ['GET', 'counters'],
        ['POST', 'clock'],
        ['PUT', 'faults'],
        ['POST', 'act'],
      ] as const) {
        const res = await fetch(`${off.url}/__control/${path}`, { method, ...(method === 'GET' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } }) });
        expect(res.status).toBe(404);
      }
      expect(off.control.advanceClock(1000)).toBeGreaterThan(0);
    } finally {
      await off.stop();
    }
  });
});
