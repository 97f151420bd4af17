import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannelNames } from '../../shared/ipc/contract';
import { secureWebPreferences } from './security';

// The Electron binary is not available here, so the whole 'electron' module is a fake that
// records what index.ts asks of it. Each test re-imports index.ts with fresh fakes.

type Listener = (...args: unknown[]) => void;

const h = vi.hoisted(() => {
  const state = {
    lock: true,
    isPackaged: false,
    appPath: '/opt/switchboard/resources/app.asar',
    userData: '/tmp/unused',
    ready: { resolve: () => {} } as { resolve: () => void },
    windows: [] as unknown[],
    calls: [] as string[],
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { vi } = await import('vitest');
  const { state } = h;

  class FakeApp extends EventEmitter {
    get isPackaged() {
      return state.isPackaged;
    }
    requestSingleInstanceLock = vi.fn(() => state.lock);
    quit = vi.fn();
    exit = vi.fn();
    enableSandbox = vi.fn(() => state.calls.push('enableSandbox'));
    setAppUserModelId = vi.fn();
    isReady = vi.fn(() => true);
    getVersion = () => '0.1.0';
    getAppPath = () => state.appPath;
    getPath = (name: string) => (name === 'userData' ? state.userData : `/tmp/${name}`);
    whenReady = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          state.ready.resolve = resolve;
        }),
    );
  }

  let nextId = 1;
  class FakeWebContents extends EventEmitter {
    id = nextId++;
    mainFrame = { processId: 11, routingId: this.id, parent: null, url: '' };
    isDestroyed = () => false;
    send = vi.fn();
    setWindowOpenHandler = vi.fn();
  }

  class BrowserWindow extends EventEmitter {
    static getAllWindows = vi.fn(() => state.windows.filter((w) => !(w as BrowserWindow).destroyed));
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    destroyed = false;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      state.windows.push(this);
    }
    loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    isDestroyed = () => this.destroyed;
    isVisible = () => true;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
  }

  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
    handle: vi.fn(),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  const app = new FakeApp();
  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    shell: { openExternal: vi.fn(async () => {}) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }] },
    nativeTheme: { shouldUseDarkColors: false },
  };
  return { ...electron, default: electron };
});

type Electron = typeof import('electron');
interface FakeWindow extends EventEmitter {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: EventEmitter & { id: number; mainFrame: { processId: number; routingId: number; parent: null; url: string }; send: ReturnType<typeof vi.fn> };
  loadURL: ReturnType<typeof vi.fn>;
  show: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
  destroyed: boolean;
}

let dir: string;
const savedEnv = process.env['ELECTRON_RENDERER_URL'];

async function boot(options: { lock?: boolean; isPackaged?: boolean; devUrl?: string; ready?: boolean } = {}) {
  vi.resetModules();
  h.state.lock = options.lock ?? true;
  h.state.isPackaged = options.isPackaged ?? true;
  h.state.windows = [];
  h.state.calls = [];
  // A previous test may have left its app waiting for 'ready'; it must never start.
  h.state.ready = { resolve: () => {} };
  if (options.devUrl) process.env['ELECTRON_RENDERER_URL'] = options.devUrl;
  else delete process.env['ELECTRON_RENDERER_URL'];
  const electron = (await import('electron')) as unknown as Electron & { app: EventEmitter & Record<string, ReturnType<typeof vi.fn>> };
  vi.clearAllMocks();
  electron.app.removeAllListeners();
  await import('./index');
  if (options.ready ?? true) {
    h.state.ready.resolve();
    await vi.waitFor(() => expect(h.state.windows.length).toBeGreaterThan(0));
  }
  const win = h.state.windows[0] as FakeWindow | undefined;
  return { electron, app: electron.app, win };
}

function ipcHandler(electron: Electron, channel: string) {
  const call = vi.mocked(electron.ipcMain.handle).mock.calls.find(([c]) => c === channel);
  if (!call) throw new Error(`no handler for ${channel}`);
  return call[1] as (event: unknown, ...args: unknown[]) => Promise<unknown>;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-main-'));
  h.state.userData = dir;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env['ELECTRON_RENDERER_URL'];
  else process.env['ELECTRON_RENDERER_URL'] = savedEnv;
});

describe('before ready', () => {
  it('registers app:// as a privileged scheme and enables the sandbox for every renderer', async () => {
    const { electron } = await boot({ ready: false });
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(h.state.calls).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
    expect(h.state.windows).toHaveLength(0);
  });
});

describe('single instance', () => {
  it('quits without opening a window when another instance holds the lock', async () => {
    const { app } = await boot({ lock: false, ready: false });
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.whenReady).not.toHaveBeenCalled();
    h.state.ready.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.state.windows).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, win } = await boot();
    app.emit('second-instance', {}, ['switchboard'], '/');
    expect(win?.focus).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
  });
});

describe('the window', () => {
  it('is created with every security setting, hidden until ready-to-show', async () => {
    const { win } = await boot();
    expect(win).toBeDefined();
    expect(win?.options.webPreferences).toEqual(secureWebPreferences(join('/opt/switchboard/resources/app.asar', 'out', 'preload', 'index.cjs')));
    expect(win?.options).toMatchObject({ title: 'Switchboard', show: false, minWidth: 720, minHeight: 480, backgroundColor: '#ffffff' });
    expect(win?.show).not.toHaveBeenCalled();
    win?.emit('ready-to-show');
    expect(win?.show).toHaveBeenCalledTimes(1);
  });

  it('loads the packaged renderer from app://, ignoring a dev server URL in a packaged app', async () => {
    const { win } = await boot({ isPackaged: true, devUrl: 'http://evil.example:5173' });
    expect(win?.loadURL).toHaveBeenCalledWith('app://switchboard/index.html');
  });

  it('loads the dev server when unpackaged', async () => {
    const { win } = await boot({ isPackaged: false, devUrl: 'http://localhost:5173' });
    expect(win?.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('restores the saved bounds', async () => {
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 40, y: 50, width: 1111, height: 777, maximized: false }));
    const { win } = await boot();
    expect(win?.options).toMatchObject({ x: 40, y: 50, width: 1111, height: 777 });
  });
});

describe('headers and protocol', () => {
  it('puts the strict CSP on every response of the session', async () => {
    const { electron } = await boot();
    const listener = vi.mocked(electron.session.defaultSession.webRequest.onHeadersReceived).mock.calls[0]?.[0] as unknown as (
      details: unknown,
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const cb = vi.fn();
    listener({ url: 'app://switchboard/index.html', responseHeaders: { 'content-security-policy': ['default-src *'] } }, cb);
    const headers = cb.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|default-src \*/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('widens connect-src to the dev server only in development', async () => {
    const { electron } = await boot({ isPackaged: false, devUrl: 'http://localhost:5173' });
    const listener = vi.mocked(electron.session.defaultSession.webRequest.onHeadersReceived).mock.calls[0]?.[0] as unknown as (
      details: unknown,
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const cb = vi.fn();
    listener({ url: 'http://localhost:5173/', responseHeaders: {} }, cb);
    expect(cb.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0]).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });

  it('serves app:// through a handler that refuses traversal', async () => {
    const { electron } = await boot();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = vi.mocked(electron.protocol.handle).mock.calls[0]?.[1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('app://switchboard/..%2f..%2fpackage.json'));
    expect(res.status).toBe(403);
  });

  it('hardens the session permissions', async () => {
    const { electron } = await boot();
    const handler = vi.mocked(electron.session.defaultSession.setPermissionRequestHandler).mock.calls[0]?.[0] as unknown as (
      wc: unknown,
      permission: string,
      cb: (ok: boolean) => void,
      details: { requestingUrl: string },
    ) => void;
    const cb = vi.fn();
    handler({}, 'media', cb, { requestingUrl: 'app://switchboard/index.html' });
    expect(cb).toHaveBeenCalledWith(false);
  });
});

describe('every web contents', () => {
  it('is hardened as it is created: window.open denied, navigation away stopped', async () => {
    const { app, electron } = await boot();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    const open = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => { action: string };
    expect(open({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/'));
    const nav = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    contents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
  });
});

describe('ipc', () => {
  it('binds every contract channel and answers the window top frame', async () => {
    const { electron, win } = await boot();
    const bound = vi.mocked(electron.ipcMain.handle).mock.calls.map(([c]) => c);
    expect(bound.sort()).toEqual([...invokeChannelNames].sort());
    const event = { sender: { id: win?.webContents.id }, senderFrame: { ...win?.webContents.mainFrame } };
    await expect(ipcHandler(electron, 'app:info')(event)).resolves.toMatchObject({ ok: true, value: { name: 'Switchboard', version: '0.1.0', host: 'electron' } });
  });

  it('refuses a subframe of the window', async () => {
    const { electron, win } = await boot();
    const event = { sender: { id: win?.webContents.id }, senderFrame: { ...win?.webContents.mainFrame, parent: win?.webContents.mainFrame, routingId: 99 } };
    await expect(ipcHandler(electron, 'app:info')(event)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards backend events to the window', async () => {
    const { win } = await boot();
    await vi.waitFor(() => expect(win?.webContents.send).toHaveBeenCalledWith('app:ready', { mode: 'demo' }));
  });
});

describe('quitting', () => {
  it('quits when the last window closes (not on macOS)', async () => {
    const { app } = await boot();
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    try {
      Object.defineProperty(process, 'platform', { value: 'linux' });
      app.emit('window-all-closed');
      expect(app.quit).toHaveBeenCalledTimes(1);
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      app.emit('window-all-closed');
      expect(app.quit).toHaveBeenCalledTimes(1);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('disposes the backend and unbinds ipc before quitting', async () => {
    const { app, electron } = await boot();
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    // Disposing waits for the demo workspace (emulator, cache worker, sync) to finish starting, and the
    // lifecycle gives it up to 5 s before quitting anyway: on a loaded CI machine that is well over 1 s.
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(vi.mocked(electron.ipcMain.removeHandler).mock.calls.map(([c]) => c).sort()).toEqual([...invokeChannelNames].sort());
  });

  it('re-creates the window on activate when none is open (macOS dock click)', async () => {
    const { app, win } = await boot();
    if (win) win.destroyed = true;
    app.emit('activate');
    expect(h.state.windows).toHaveLength(2);
  });
});
