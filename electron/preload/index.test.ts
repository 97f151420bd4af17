import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannelNames, invokeChannelNames, type Api } from '../../shared/ipc/contract';

// The sandboxed preload sees only contextBridge and ipcRenderer; both are fakes here.
const h = vi.hoisted(() => ({ exposed: new Map<string, unknown>() }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { vi } = await import('vitest');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    send: vi.fn(),
    sendSync: vi.fn(),
  });
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      h.exposed.set(key, value);
    }),
  };
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } };
});

type FakeIpc = EventEmitter & { invoke: ReturnType<typeof vi.fn> };

async function load(): Promise<{ api: Api; ipc: FakeIpc; bridge: { exposeInMainWorld: ReturnType<typeof vi.fn> } }> {
  vi.resetModules();
  h.exposed.clear();
  const electron = (await import('electron')) as unknown as { ipcRenderer: FakeIpc; contextBridge: { exposeInMainWorld: ReturnType<typeof vi.fn> } };
  electron.ipcRenderer.removeAllListeners();
  electron.ipcRenderer.invoke.mockClear();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('./index');
  return { api: h.exposed.get('api') as Api, ipc: electron.ipcRenderer, bridge: electron.contextBridge };
}

describe('preload', () => {
  let t: Awaited<ReturnType<typeof load>>;
  beforeEach(async () => {
    t = await load();
  });

  it('exposes exactly { invoke, on } as window.api and nothing else', () => {
    expect(t.bridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(t.bridge.exposeInMainWorld).toHaveBeenCalledWith('api', expect.anything());
    expect([...h.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(t.api).sort()).toEqual(['invoke', 'on']);
    expect(typeof t.api.invoke).toBe('function');
    expect(typeof t.api.on).toBe('function');
    // ipcRenderer itself must not be reachable from the exposed object.
    for (const value of Object.values(t.api)) expect(value).not.toBe(t.ipc);
  });

  it('invokes every contract channel through ipcRenderer', async () => {
    for (const channel of invokeChannelNames) {
      await expect((t.api.invoke as (c: string, i?: unknown) => Promise<unknown>)(channel, undefined)).resolves.toEqual({
        ok: true,
        value: { channel, input: undefined },
      });
    }
    expect(t.ipc.invoke).toHaveBeenCalledTimes(invokeChannelNames.length);
  });

  it.each(['secrets:read', 'app:info ', '__proto__', 'constructor', 'toString', '', 42, null])(
    'refuses the non-contract channel %j with an error Result, without IPC',
    async (channel) => {
      const res = await (t.api.invoke as (c: unknown) => Promise<unknown>)(channel);
      expect(res).toEqual({ ok: false, error: { code: 'unknown_channel', message: expect.any(String) } });
      expect(t.ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('answers a failed IPC round trip with an error Result instead of rejecting', async () => {
    t.ipc.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'app:info': Error: No handler registered"));
    const res = await t.api.invoke('app:info');
    expect(res).toEqual({ ok: false, error: { code: 'unavailable', message: expect.any(String) } });
    expect(JSON.stringify(res)).not.toContain('No handler registered');
  });

  it('delivers only the payload of contract events, and unsubscribes', () => {
    const listener = vi.fn();
    const off = t.api.on('app:ready', listener);
    const fakeEvent = { sender: t.ipc, senderId: 0, ports: [] };
    t.ipc.emit('app:ready', fakeEvent, { mode: 'demo' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ mode: 'demo' }]);
    expect(typeof off).toBe('function');
    off();
    t.ipc.emit('app:ready', fakeEvent, { mode: 'live' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(t.ipc.listenerCount('app:ready')).toBe(0);
  });

  it('subscribes to every contract event', () => {
    for (const event of eventChannelNames) {
      const off = t.api.on(event, () => {});
      expect(t.ipc.listenerCount(event)).toBe(1);
      off();
    }
  });

  it.each(['secrets:changed', 'app:info', '__proto__', 'ELECTRON_BROWSER_REQUIRE'])('refuses to subscribe to the non-contract event %s', (event) => {
    expect(() => (t.api.on as (e: string, l: () => void) => void)(event, () => {})).toThrow(TypeError);
    expect(t.ipc.listenerCount(event)).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => (t.api.on as (e: string, l: unknown) => void)('app:ready', 'alert(1)')).toThrow(TypeError);
    expect(t.ipc.listenerCount('app:ready')).toBe(0);
  });
});
