import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { eventChannelNames, invokeChannelNames, type Handlers } from '../../shared/ipc/contract';
import { AppError, type Result } from '../../shared/ipc/result';
import { createBackend } from '../backend';
import { bindIpc, createSenderCheck, forwardEvents, type IpcSender } from './ipc';
import { APP_ORIGIN } from './security';

type Handle = (event: IpcSender, ...args: unknown[]) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Handle>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handle) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, handlers, spies: ipcMain };
}

/** Our window: webContents 7 whose top frame is process 3 / routing 1 and shows the app. */
function fakeWindow(url = 'app://switchboard/index.html') {
  const mainFrame = { processId: 3, routingId: 1, parent: null, url };
  const contents = { id: 7, isDestroyed: () => false, mainFrame };
  const fromTopFrame = (): IpcSender => ({ sender: { id: 7 }, senderFrame: { ...mainFrame } }) as unknown as IpcSender;
  return { contents, mainFrame, fromTopFrame };
}

const info = { name: 'Switchboard', version: '1.2.3', mode: 'demo', platform: 'linux', host: 'electron', keychain: { available: true } } as const;

function handlersWith(impl: Handlers['app:info']): { handlers: Handlers; spy: ReturnType<typeof vi.fn> } {
  const spy = vi.fn(impl);
  // Only app:info is exercised here; every other channel answers 'unavailable'.
  const rest = Object.fromEntries(invokeChannelNames.map((c) => [c, () => Promise.reject(new AppError('unavailable', 'not in this test'))]));
  return { handlers: { ...rest, 'app:info': spy as unknown as Handlers['app:info'] } as Handlers, spy };
}

describe('createSenderCheck', () => {
  const w = fakeWindow();
  const check = createSenderCheck({ appOrigin: APP_ORIGIN, getWebContents: () => w.contents });
  const event = (patch: { senderId?: number; frame?: Record<string, unknown> | null }): IpcSender =>
    ({
      sender: { id: patch.senderId ?? 7 },
      senderFrame: patch.frame === null ? null : { ...w.mainFrame, ...patch.frame },
    }) as unknown as IpcSender;

  it('trusts the top frame of our window showing the app', () => {
    expect(check(w.fromTopFrame())).toBe(true);
  });

  it.each([
    ['a subframe', { frame: { parent: { url: 'app://switchboard/index.html' }, routingId: 2 } }],
    ['a subframe that claims the top frame ids', { frame: { parent: {} } }],
    ['another frame in the same process', { frame: { routingId: 9 } }],
    ['a frame in another process', { frame: { processId: 4 } }],
    ['another window', { senderId: 8 }],
    ['our top frame after navigating to another site', { frame: { url: 'https://evil.example/' } }],
    ['our top frame showing a file', { frame: { url: 'file:///tmp/x.html' } }],
    ['another app:// host', { frame: { url: 'app://evil/index.html' } }],
    ['a frame that is gone', { frame: null }],
  ])('rejects %s', (_name, patch) => {
    expect(check(event(patch))).toBe(false);
  });

  it('rejects everything when there is no window, or it is destroyed', () => {
    expect(createSenderCheck({ appOrigin: APP_ORIGIN, getWebContents: () => null })(w.fromTopFrame())).toBe(false);
    const destroyed = { ...w.contents, isDestroyed: () => true };
    expect(createSenderCheck({ appOrigin: APP_ORIGIN, getWebContents: () => destroyed })(w.fromTopFrame())).toBe(false);
  });

  it('treats a frame that throws on access as untrusted', () => {
    const throwing = {
      sender: { id: 7 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcSender;
    expect(check(throwing)).toBe(false);
  });
});

describe('bindIpc', () => {
  function setup(handlers: Handlers, trusted = true) {
    const fake = fakeIpcMain();
    const log = vi.fn();
    const isTrustedSender = vi.fn(() => trusted);
    const unbind = bindIpc(fake.ipcMain, { handlers }, { isTrustedSender, log });
    const call = (channel: string, ...args: unknown[]) => {
      const h = fake.handlers.get(channel);
      if (!h) throw new Error(`no handler for ${channel}`);
      return h(fakeWindow().fromTopFrame(), ...args);
    };
    return { ...fake, log, isTrustedSender, unbind, call };
  }

  it('registers exactly one handler per invoke channel of the contract', () => {
    const t = setup(createBackend({ version: '1.0.0', host: 'electron', workspace: 'none' }).handlers);
    expect([...t.handlers.keys()].sort()).toEqual([...invokeChannelNames].sort());
    expect(t.spies.handle).toHaveBeenCalledTimes(invokeChannelNames.length);
  });

  it('answers through the real backend with an ok Result', async () => {
    const t = setup(createBackend({ version: '9.9.9', host: 'electron', platform: 'linux', workspace: 'none' }).handlers);
    await expect(t.call('app:info')).resolves.toEqual({
      ok: true,
      value: { name: 'Switchboard', version: '9.9.9', mode: 'demo', platform: 'linux', host: 'electron', keychain: expect.objectContaining({ available: expect.any(Boolean) }) },
    });
  });

  it('passes the electron host in the call context', async () => {
    const { handlers, spy } = handlersWith(() => info);
    const t = setup(handlers);
    await t.call('app:info');
    expect(spy).toHaveBeenCalledWith(undefined, { host: 'electron' });
  });

  it('refuses an untrusted sender with an error Result and never calls the handler', async () => {
    const { handlers, spy } = handlersWith(() => info);
    const t = setup(handlers, false);
    const res = await t.call('app:info');
    expect(res).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(spy).not.toHaveBeenCalled();
    expect(t.isTrustedSender).toHaveBeenCalledTimes(1);
  });

  it('validates the input with the contract before the handler runs', async () => {
    const { handlers, spy } = handlersWith(() => info);
    const t = setup(handlers);
    const res = await t.call('app:info', { sneaky: true });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('invalid_input');
    expect(spy).not.toHaveBeenCalled();
  });

  it('turns a thrown non-AppError into internal, with no stack or message text, and logs it', async () => {
    const secret = new Error('token=abc123 at /home/user/.config/Switchboard/cache.db');
    const { handlers } = handlersWith(() => {
      throw secret;
    });
    const t = setup(handlers);
    const res = await t.call('app:info');
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    const text = JSON.stringify(res);
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('cache.db');
    expect(text).not.toMatch(/\bat\s.+:\d+:\d+/);
    expect(text).not.toContain(secret.stack?.split('\n')[1]?.trim() ?? 'unreachable');
    expect(t.log).toHaveBeenCalledWith(expect.stringContaining('app:info'), secret);
  });

  it('passes an AppError through with its code, message and retryAfter', async () => {
    const { handlers } = handlersWith(() => {
      throw new AppError('rate_limited', 'Slow down.', { retryAfter: 30 });
    });
    const t = setup(handlers);
    await expect(t.call('app:info')).resolves.toEqual({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryAfter: 30 } });
    expect(t.log).not.toHaveBeenCalled();
  });

  it('reports a handler that breaks the output contract as internal', async () => {
    const { handlers } = handlersWith(() => ({ ...info, mode: 'production' }) as never);
    const t = setup(handlers);
    const res = await t.call('app:info');
    expect(!res.ok && res.error.code).toBe('internal');
  });

  it('unbinds every channel it bound', () => {
    const t = setup(createBackend({ version: '1.0.0', host: 'electron', workspace: 'none' }).handlers);
    t.unbind();
    expect(t.handlers.size).toBe(0);
    expect(t.spies.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual([...invokeChannelNames].sort());
  });
});

describe('forwardEvents', () => {
  function setup(contents: { isDestroyed(): boolean; send: (channel: string, ...args: unknown[]) => void } | null) {
    let listener: ((event: string, payload: unknown) => void) | undefined;
    const off = vi.fn();
    const backend = {
      onEvent: (l: (event: string, payload: unknown) => void) => {
        listener = l;
        return off;
      },
    };
    const log = vi.fn();
    const unsubscribe = forwardEvents(backend as never, () => contents, log);
    return { emit: (e: string, p: unknown) => listener?.(e, p), off, log, unsubscribe };
  }

  it('sends each contract event to the window on its contract channel', () => {
    const contents = { isDestroyed: () => false, send: vi.fn() };
    const t = setup(contents);
    expect(eventChannelNames).toContain('app:ready');
    t.emit('app:ready', { mode: 'demo' });
    expect(contents.send).toHaveBeenCalledWith('app:ready', { mode: 'demo' });
  });

  it('drops events outside the contract and payloads that do not match it', () => {
    const contents = { isDestroyed: () => false, send: vi.fn() };
    const t = setup(contents);
    t.emit('secrets:leaked', { token: 'x' });
    t.emit('app:ready', { mode: 'production' });
    expect(contents.send).not.toHaveBeenCalled();
    expect(t.log).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a live window', () => {
    const destroyed = { isDestroyed: () => true, send: vi.fn() };
    setup(destroyed).emit('app:ready', { mode: 'demo' });
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(() => setup(null).emit('app:ready', { mode: 'demo' })).not.toThrow();
  });

  it('returns the backend unsubscribe', () => {
    const t = setup(null);
    t.unsubscribe();
    expect(t.off).toHaveBeenCalledTimes(1);
  });

  it('forwards the real backend app:ready', async () => {
    const contents = { isDestroyed: () => false, send: vi.fn() };
    const backend = createBackend({ version: '1.0.0', host: 'electron', workspace: 'none' });
    forwardEvents(backend, () => contents);
    await backend.ready;
    expect(contents.send).toHaveBeenCalledWith('app:ready', { mode: 'demo' });
  });
});
