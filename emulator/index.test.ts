import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultServiceFactories, startEmulator } from './index';
import { createClock } from './core/clock';
import { startTestEmulator, type TestEmulator } from './testing/harness';

const catalogJson = (name: string) => JSON.parse(readFileSync(new URL(`../shared/catalog/${name}.tools.json`, import.meta.url), 'utf8')) as { tools: Array<{ name: string }> };

describe('the real services on the core', () => {
  it('implement every tool of their catalog, and the catalogs are the published ones', () => {
    const clock = createClock({ frozen: true });
    for (const [factory, path, file] of [
      [defaultServiceFactories.genesys, '/genesys-chat', 'genesys-chat'],
      [defaultServiceFactories.unipile, '/unipile-messaging', 'unipile-messaging'],
    ] as const) {
      const service = factory({ seed: 1, scale: 'tiny', clock });
      expect(service.path).toBe(path);
      expect(service.catalog.tools).toEqual(catalogJson(file).tools);
      const missing = service.catalog.tools.map((t) => t.name).filter((n) => typeof service.tools[n] !== 'function');
      expect(missing).toEqual([]);
    }
  });
});

describe('startTestEmulator with the real services', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  it('finds both PCIDs and answers a read on each server', async () => {
    expect(emu.pcids.genesys).not.toBe('');
    expect(emu.pcids.unipile).not.toBe('');
    const settings = await emu.callOk('genesys-chat', 'genesys_chat_get_chats_settings');
    expect(typeof settings.messageRetentionPeriodDays).toBe('number');
    const chats = await emu.callOk<{ items: unknown[] }>('unipile-messaging', 'unipile_messaging_list_all_chats', { limit: 5 });
    expect(chats.items.length).toBeGreaterThan(0);
    expect(chats.items.length).toBeLessThanOrEqual(5);
  });

  it('serves exactly the published catalogs through tools/list', async () => {
    for (const server of ['genesys-chat', 'unipile-messaging'] as const) {
      const res = await emu.rpc(server, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect((res.json as { result: unknown }).result).toEqual({ tools: catalogJson(server).tools });
    }
  });

  it('returns a real profile picture in each binary mode', async () => {
    // About one attendee in eight has no picture (404): take the first that has one.
    const { items } = await emu.callOk<{ items: Array<{ id: string; picture_url?: string }> }>('unipile-messaging', 'unipile_messaging_list_all_attendees', { limit: 50 });
    const id = items.find((a) => a.picture_url)!.id;
    const PNG_MAGIC = '89504e47';
    try {
      emu.control.setConfig({ binaryMode: 'base64' });
      const b64 = await emu.callOk<{ data: string; mimeType: string; size: number }>('unipile-messaging', 'unipile_messaging_get_attendee_profile_picture', { id });
      expect(b64.mimeType).toBe('image/png');
      expect(Buffer.from(b64.data, 'base64').subarray(0, 4).toString('hex')).toBe(PNG_MAGIC);
      emu.control.setConfig({ binaryMode: 'image' });
      const img = await emu.call('unipile-messaging', 'unipile_messaging_get_attendee_profile_picture', { id });
      expect(img.result?.content[0]).toEqual({ type: 'image', data: b64.data, mimeType: 'image/png' });
      emu.control.setConfig({ binaryMode: 'url' });
      const link = await emu.callOk<{ url: string; size: number }>('unipile-messaging', 'unipile_messaging_get_attendee_profile_picture', { id });
      const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
      expect(bytes.toString('base64')).toBe(b64.data);
      expect(link.size).toBe(bytes.length);
    } finally {
      emu.control.setConfig({ binaryMode: 'base64' });
    }
  });

  it('runs world events without errors', () => {
    const before = JSON.stringify(emu.control.stats());
    for (let i = 0; i < 30; i++) emu.control.tickActivity();
    const { activity } = emu.control.counters();
    expect(activity.errors, activity.lastError).toBe(0);
    expect(JSON.stringify(emu.control.stats())).not.toBe(before);
  });
});

describe('startEmulator', () => {
  it('listens on 127.0.0.1 with the demo credentials, and stop() closes the port', async () => {
    const emu = await startEmulator({ scale: 'tiny' });
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.credentials).toEqual({ clientId: 'demo-client', clientSecret: 'demo-secret', orgId: 'demo-org', apiKey: 'demo-api-key' });
    expect(Object.keys(emu.services).sort()).toEqual(['genesys', 'unipile']);
    await emu.stop();
    await expect(fetch(`${emu.url}/oauth/token`, { method: 'POST' })).rejects.toThrow();
  });

  it('is deterministic for a seed', async () => {
    const a = await startEmulator({ scale: 'tiny', seed: 5, startTime: Date.UTC(2026, 0, 1), frozenClock: true });
    const b = await startEmulator({ scale: 'tiny', seed: 5, startTime: Date.UTC(2026, 0, 1), frozenClock: true });
    try {
      expect(a.control.stats()).toEqual(b.control.stats());
      expect(a.control.connections()).toEqual(b.control.connections());
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('npm run emulator', () => {
  it('prints one listening line and the credentials, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--scale', 'tiny', '--control'], {
      cwd: new URL('..', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('api key:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('listening on'))).toHaveLength(1);
    const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain('demo-client');
    const counters = await fetch(`${url}/__control/counters`);
    expect(counters.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
