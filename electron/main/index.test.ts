import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFS, invokeChannelNames } from '../../shared/ipc/contract';
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
    /** Set: the backend is created with this workspace instead ('none' starts no emulator). */
    workspace: undefined as 'none' | undefined,
    /** Handlers the test answers itself (looked up at call time). */
    overrides: {} as Record<string, (input: unknown) => unknown>,
    /** Emits an event as if the backend had (set once the backend exists). */
    emit: null as ((event: string, payload: unknown) => void) | null,
  };
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    listeners: new Map<string, (...args: unknown[]) => void>(),
    on(event: string, listener: (...args: unknown[]) => void) {
      updater.listeners.set(event, listener);
      return updater;
    },
    checkForUpdates: async () => null,
    quitAndInstall: () => {},
  };
  return { state, updater };
});

vi.mock('electron-updater', () => ({ autoUpdater: h.updater }));

// The real backend, with a seam: tests of the desktop wiring answer some channels themselves and
// emit backend events, so they need neither the demo world nor its timing.
vi.mock('../backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../backend')>();
  return {
    ...real,
    createBackend: (options: Parameters<typeof real.createBackend>[0]) => {
      const b = real.createBackend(h.state.workspace ? { ...options, workspace: h.state.workspace } : options);
      // This backend's own answers: a later test's must not leak into one still running.
      const overrides = h.state.overrides;
      const listeners = new Set<(event: never, payload: unknown) => void>();
      b.onEvent((event, payload) => listeners.forEach((l) => l(event as never, payload)));
      h.state.emit = (event, payload) => listeners.forEach((l) => l(event as never, payload));
      const handlers = new Proxy(b.handlers, { get: (target, key: string) => overrides[key] ?? (target as Record<string, unknown>)[key] });
      return {
        ...b,
        handlers,
        dispose: b.dispose,
        ready: b.ready,
        onEvent(listener: (event: never, payload: unknown) => void) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
    },
  };
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
    setBadgeCount = vi.fn(() => true);
    setAsDefaultProtocolClient = vi.fn(() => true);
    setAboutPanelOptions = vi.fn();
    setLoginItemSettings = vi.fn();
    getPreferredSystemLanguages = vi.fn(() => ['de-AT', 'en-US']);
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
    replaceMisspelling = vi.fn();
    inspectElement = vi.fn();
    session = { addWordToSpellCheckerDictionary: vi.fn(() => true) };
  }

  class BrowserWindow extends EventEmitter {
    static getAllWindows = vi.fn(() => state.windows.filter((w) => !(w as BrowserWindow).destroyed));
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    destroyed = false;
    visible = false;
    focused = false;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      state.windows.push(this);
    }
    loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
    show = vi.fn(() => {
      this.visible = true;
      this.emit('show');
    });
    hide = vi.fn(() => {
      this.visible = false;
      this.emit('hide');
    });
    focus = vi.fn(() => {
      this.focused = true;
    });
    restore = vi.fn();
    maximize = vi.fn();
    setOverlayIcon = vi.fn();
    isDestroyed = () => this.destroyed;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
  }

  class FakeImage {
    constructor(
      public width = 512,
      public height = 512,
      public empty = false,
    ) {}
    isEmpty = () => this.empty;
    resize = ({ width, height }: { width: number; height: number }) => new FakeImage(width, height);
    toPNG = () => Buffer.from('png');
    toBitmap = () => Buffer.alloc(this.width * this.height * 4);
    addRepresentation = vi.fn();
  }
  const nativeImage = {
    createFromPath: vi.fn(() => new FakeImage()),
    createEmpty: vi.fn(() => new FakeImage(0, 0, true)),
    createFromBitmap: vi.fn((_b: Buffer, o: { width: number; height: number }) => new FakeImage(o.width, o.height)),
    createFromBuffer: vi.fn(() => new FakeImage(16, 16)),
  };

  class Tray extends EventEmitter {
    static instances: Tray[] = [];
    image: unknown;
    tooltip = '';
    title = '';
    menu: unknown = null;
    destroyed = false;
    constructor(image: unknown) {
      super();
      this.image = image;
      Tray.instances.push(this);
    }
    setToolTip = vi.fn((t: string) => (this.tooltip = t));
    setTitle = vi.fn((t: string) => (this.title = t));
    setImage = vi.fn((i: unknown) => (this.image = i));
    setContextMenu = vi.fn((m: unknown) => (this.menu = m));
    destroy = vi.fn(() => (this.destroyed = true));
    isDestroyed = () => this.destroyed;
  }

  class Notification extends EventEmitter {
    static instances: Notification[] = [];
    static isSupported = vi.fn(() => true);
    constructor(public options: Record<string, unknown>) {
      super();
      Notification.instances.push(this);
    }
    show = vi.fn();
    close = vi.fn(() => this.emit('close'));
  }

  const Menu = {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template, popup: vi.fn() })),
    setApplicationMenu: vi.fn(),
  };

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
      setSpellCheckerEnabled: vi.fn(),
      setSpellCheckerLanguages: vi.fn(),
      availableSpellCheckerLanguages: ['en-US', 'de-DE', 'fr'],
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
    Menu,
    Tray,
    Notification,
    nativeImage,
    shell: { openExternal: vi.fn(async () => {}) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }] },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    globalShortcut: { register: vi.fn(() => true), unregister: vi.fn(), unregisterAll: vi.fn() },
    clipboard: { writeText: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 1 })) },
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
  setOverlayIcon: ReturnType<typeof vi.fn>;
  destroyed: boolean;
}

let dir: string;
const savedEnv = process.env['ELECTRON_RENDERER_URL'];
const savedArgv = [...process.argv];

interface BootOptions {
  lock?: boolean;
  isPackaged?: boolean;
  devUrl?: string;
  ready?: boolean;
  argv?: string[];
  workspace?: 'none';
  overrides?: Record<string, (input: unknown) => unknown>;
}

async function boot(options: BootOptions = {}) {
  vi.resetModules();
  process.argv = options.argv ?? savedArgv;
  h.state.workspace = options.workspace;
  h.state.overrides = options.overrides ?? {};
  h.state.emit = null;
  h.updater.autoDownload = false;
  h.updater.autoInstallOnAppQuit = false;
  h.updater.listeners.clear();
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
    await vi.waitFor(() => expect(h.state.windows.length).toBeGreaterThan(0), { timeout: 10_000 });
  }
  const win = h.state.windows[0] as FakeWindow | undefined;
  booted = electron.app;
  return { electron, app: electron.app, win };
}

let booted: (EventEmitter & Record<string, ReturnType<typeof vi.fn>>) | null = null;

/**
 * Each boot starts a real demo backend (emulator, cache worker, sync). Quitting it after the test
 * keeps a dozen of them from running at once and slowing the later tests down.
 */
async function quitBooted(): Promise<void> {
  const app = booted;
  booted = null;
  if (!app || app.listenerCount('before-quit') === 0) return;
  const quit = app['quit'] as ReturnType<typeof vi.fn>;
  const quits = quit.mock.calls.length;
  app.emit('before-quit', { preventDefault: () => {} });
  await vi.waitFor(() => expect(quit.mock.calls.length).toBeGreaterThan(quits), { timeout: 10_000 }).catch(() => {});
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
afterEach(async () => {
  // Only backends without a workspace quit quickly enough to be worth it (see quitBooted).
  if (h.state.workspace === 'none') await quitBooted();
  process.argv = savedArgv;
  rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env['ELECTRON_RENDERER_URL'];
  else process.env['ELECTRON_RENDERER_URL'] = savedEnv;
});

describe('before ready', () => {
  it('registers app:// as a privileged scheme and enables the sandbox for every renderer', async () => {
    const { electron } = await boot({ ready: false });
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
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
    // The demo workspace starts an emulator first: on a busy machine that takes more than a second.
    await vi.waitFor(() => expect(win?.webContents.send).toHaveBeenCalledWith('app:ready', { mode: 'demo' }), { timeout: 15_000 });
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

describe('desktop integration', () => {
  type Item = { label?: string; role?: string; accelerator?: string; registerAccelerator?: boolean; enabled?: boolean; submenu?: Item[]; click?: () => void };
  type Built = { template: Item[]; popup: ReturnType<typeof vi.fn> };
  type FakeTray = EventEmitter & { tooltip: string; image: unknown; menu: Built | null };
  type FakeNotification = EventEmitter & { options: { title: string; body: string }; show: ReturnType<typeof vi.fn> };
  const NOW = Date.now();
  const topFrame = (win: FakeWindow | undefined) => ({ sender: { id: win?.webContents.id }, senderFrame: { ...win?.webContents.mainFrame } });
  const navigations = (win: FakeWindow | undefined) => (win?.webContents.send.mock.calls ?? []).filter(([c]) => c === 'app:navigate').map(([, p]) => p);
  const lastTray = (electron: Electron) => (electron.Tray as unknown as { instances: FakeTray[] }).instances.at(-1);
  const notifications = (electron: Electron) => (electron.Notification as unknown as { instances: FakeNotification[] }).instances;
  const slow = { timeout: 10_000 };

  const conversation = (id: string, patch: Record<string, unknown> = {}) => ({
    id,
    accountId: id.startsWith('g:') ? 'g' : 'u',
    source: id.startsWith('g:') ? 'genesys' : 'unipile',
    network: id.startsWith('g:') ? 'genesys' : 'whatsapp',
    kind: id.startsWith('g:dm:') ? 'dm' : 'group',
    title: `Chat ${id}`,
    lastActivity: NOW,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
    ...patch,
  });
  const message = (id: string, conversationId: string, patch: Record<string, unknown> = {}) => ({
    id,
    conversationId,
    source: conversationId.startsWith('g:') ? 'genesys' : 'unipile',
    senderId: 'u:ana',
    senderName: 'Ana',
    isOwn: false,
    text: 'Lunch?',
    time: NOW + 1000,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
    ...patch,
  });

  /** A backend with no workspace, whose prefs, inbox and messages the test answers. */
  function desktopBackend(o: { prefs?: Record<string, unknown>; unread?: Array<ReturnType<typeof conversation>>; messages?: Array<ReturnType<typeof message>> } = {}) {
    const state = { prefs: { ...DEFAULT_PREFS, ...o.prefs }, unread: o.unread ?? [], messages: o.messages ?? [], prefsReads: 0 };
    const overrides: Record<string, (input: unknown) => unknown> = {
      'prefs:get': async () => {
        state.prefsReads++;
        return state.prefs;
      },
      'mySettings:get': async () => ({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: true }),
      'account:status': async () => ({ mode: 'demo', pinkfish: null, accounts: [] }),
      'inbox:list': async () => ({ conversations: state.unread, next: null }),
      'conversation:get': async (input) => ({ conversation: conversation((input as { id: string }).id), pins: [] }),
      'conversation:open': async (input) => ({ conversation: (input as { id: string | null }).id ? conversation((input as { id: string }).id) : null }),
      'messages:page': async (input) => ({ messages: state.messages.filter((m) => m.conversationId === (input as { conversationId: string }).conversationId), hasOlder: false, hasNewer: false }),
    };
    return { state, overrides };
  }

  async function bootDesktop(o: Parameters<typeof desktopBackend>[0] & { isPackaged?: boolean; argv?: string[] } = {}) {
    const backend = desktopBackend(o);
    const booted = await boot({ workspace: 'none', overrides: backend.overrides, isPackaged: o.isPackaged ?? true, ...(o.argv ? { argv: o.argv } : {}) });
    await vi.waitFor(() => expect(h.state.emit).not.toBeNull(), { timeout: 10_000 });
    const emit = (event: string, payload: unknown) => h.state.emit?.(event, payload);
    /** Waits until the desktop services have read and applied the prefs at start. */
    const settled = async () => {
      await vi.waitFor(() => expect(backend.state.prefsReads).toBeGreaterThan(0), slow);
      await new Promise((r) => setTimeout(r, 20));
    };
    /** Changes prefs as the backend would: stored, then announced. */
    const setPrefs = (patch: Record<string, unknown>) => {
      backend.state.prefs = { ...DEFAULT_PREFS, ...patch };
      emit('prefs:changed', backend.state.prefs);
    };
    return { ...booted, ...backend, emit, settled, setPrefs };
  }

  it('sets the application menu; its commands reach the renderer as app:command', async () => {
    const { electron, win } = await bootDesktop();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const menu = vi.mocked(electron.Menu.setApplicationMenu).mock.calls[0]?.[0] as unknown as Built;
    const labels = menu.template.map((m) => m.label?.replace('&', ''));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Go', 'Window', 'Help']));
    const go = menu.template.find((m) => m.label?.replace('&', '') === 'Go');
    const next = go?.submenu?.find((i) => i.label === 'Next Unread Conversation');
    expect(next).toMatchObject({ accelerator: 'Alt+Shift+Down' });
    // On Windows and Linux the renderer handles the key itself; the menu only shows it.
    expect(next?.registerAccelerator).toBe(process.platform === 'darwin' ? undefined : false);
    next?.click?.();
    expect(win?.webContents.send).toHaveBeenCalledWith('app:command', { command: 'nextUnread' });
  });

  it('updates the tray and the badge whenever the unread total changes', async () => {
    const t = await bootDesktop({ unread: [conversation('u:a', { unreadCount: 3 }), conversation('u:b', { unreadCount: 4 }), conversation('u:m', { unreadCount: 50, muted: true })] });
    const tray = lastTray(t.electron);
    await vi.waitFor(() => expect(tray?.tooltip).toBe('Switchboard — 7 unread messages'), slow);
    if (process.platform === 'win32') expect(t.win?.setOverlayIcon).toHaveBeenCalled();
    // (Not "last called": demo backends of earlier tests in this file share the fake app.)
    else expect(t.app.setBadgeCount).toHaveBeenCalledWith(7);
    expect(tray?.menu?.template[0]).toMatchObject({ label: '7 unread messages', enabled: false });

    t.state.unread = [conversation('u:a', { unreadCount: 1 })];
    t.emit('conversations:changed', { ids: ['u:b'] });
    await vi.waitFor(() => expect(tray?.tooltip).toBe('Switchboard — 1 unread message'), slow);
    if (process.platform !== 'win32') expect(t.app.setBadgeCount).toHaveBeenCalledWith(1);

    t.state.unread = [];
    t.emit('conversations:changed', { ids: ['u:a'] });
    await vi.waitFor(() => expect(tray?.tooltip).toBe('Switchboard'), slow);
    if (process.platform !== 'win32') expect(t.app.setBadgeCount).toHaveBeenCalledWith(0);
    expect(tray?.menu?.template[0]?.label).toBe('Show Switchboard');
  });

  it('shows a notification for a new message; clicking it opens the conversation', async () => {
    const t = await bootDesktop({ messages: [message('u:m1', 'u:chat', { text: 'Lunch at noon?' })] });
    await ipcHandler(t.electron, 'app:info')(topFrame(t.win));
    const before = notifications(t.electron).length;
    t.emit('messages:changed', { conversationId: 'u:chat', ids: ['u:m1'] });
    await vi.waitFor(() => expect(notifications(t.electron)).toHaveLength(before + 1), slow);
    const n = notifications(t.electron).at(-1);
    expect(n?.options).toMatchObject({ title: 'Ana in Chat u:chat', body: 'Lunch at noon?' });
    expect(n?.show).toHaveBeenCalled();
    n?.emit('click');
    expect(t.win?.focus).toHaveBeenCalled();
    expect(navigations(t.win)).toEqual([{ conversationId: 'u:chat', messageId: 'u:m1' }]);
  });

  it('does not notify the conversation open in the focused window, nor with notifications off', async () => {
    const t = await bootDesktop({ messages: [message('u:m1', 'u:chat'), message('u:m2', 'u:other'), message('u:m3', 'u:other')] });
    const before = notifications(t.electron).length;
    await t.settled();
    await ipcHandler(t.electron, 'conversation:open')(topFrame(t.win), { id: 'u:chat' });
    t.win?.emit('focus');
    t.emit('messages:changed', { conversationId: 'u:chat', ids: ['u:m1'] });
    // The control: another conversation does notify.
    t.emit('messages:changed', { conversationId: 'u:other', ids: ['u:m2'] });
    await vi.waitFor(() => expect(notifications(t.electron).length).toBe(before + 1), slow);
    expect(notifications(t.electron).at(-1)?.options.title).toBe('Ana in Chat u:other');

    t.setPrefs({ notifications: false });
    t.emit('messages:changed', { conversationId: 'u:other', ids: ['u:m3'] });
    await new Promise((r) => setTimeout(r, 600));
    expect(notifications(t.electron).length).toBe(before + 1);
  });

  it('hides the window on close when close-to-tray is on, and closes it when quitting', async () => {
    const t = await bootDesktop({ prefs: { closeToTray: true } });
    await t.settled();
    const close = { preventDefault: vi.fn() };
    t.win?.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect((t.win as unknown as { hide: ReturnType<typeof vi.fn> }).hide).toHaveBeenCalled();
    t.app.emit('before-quit', { preventDefault: vi.fn() });
    const quitting = { preventDefault: vi.fn() };
    t.win?.emit('close', quitting);
    expect(quitting.preventDefault).not.toHaveBeenCalled();
  });

  it('closes the window normally when close-to-tray is off', async () => {
    const t = await bootDesktop({ prefs: { closeToTray: false } });
    await t.settled();
    const close = { preventDefault: vi.fn() };
    t.win?.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });

  it('registers the global show/hide shortcut and follows changes to it, the theme and spell check', async () => {
    const t = await bootDesktop();
    const gs = t.electron.globalShortcut;
    // Only this app's calls: demo backends of earlier tests in the file share the fake module.
    const registered = (from: number) => vi.mocked(gs.register).mock.calls.slice(from).map(([a]) => a);
    const unregistered = (from: number) => vi.mocked(gs.unregister).mock.calls.slice(from).map(([a]) => a);
    await t.settled();
    expect(registered(0)).toContain('CommandOrControl+Shift+Space');
    expect(t.electron.nativeTheme.themeSource).toBe('system');

    let r = vi.mocked(gs.register).mock.calls.length;
    let u = vi.mocked(gs.unregister).mock.calls.length;
    t.setPrefs({ globalShortcut: 'Alt+Shift+S', theme: 'dark', spellcheck: false });
    expect(unregistered(u)).toEqual(['CommandOrControl+Shift+Space']);
    expect(registered(r)).toEqual(['Alt+Shift+S']);
    expect(t.electron.nativeTheme.themeSource).toBe('dark');
    expect(t.electron.session.defaultSession.setSpellCheckerEnabled).toHaveBeenCalledWith(false);

    // The shortcut toggles the window.
    const toggle = vi.mocked(gs.register).mock.calls[r]?.[1] as () => void;
    const win = t.win as unknown as FakeWindow & { visible: boolean; focused: boolean; hide: ReturnType<typeof vi.fn> };
    win.visible = true;
    win.focused = true;
    toggle();
    expect(win.hide).toHaveBeenCalled();
    toggle();
    expect(win.show).toHaveBeenCalled();

    r = vi.mocked(gs.register).mock.calls.length;
    u = vi.mocked(gs.unregister).mock.calls.length;
    t.setPrefs({ globalShortcut: null, theme: 'dark', spellcheck: false });
    expect(unregistered(u)).toEqual(['Alt+Shift+S']);
    // A bare key would steal it from every program: refused.
    t.setPrefs({ globalShortcut: 'K', theme: 'dark', spellcheck: false });
    expect(registered(r)).toEqual([]);
  });

  it('turns start at login on and off (packaged only)', async () => {
    const configHome = join(dir, 'config');
    const saved = process.env['XDG_CONFIG_HOME'];
    process.env['XDG_CONFIG_HOME'] = configHome;
    try {
      const t = await bootDesktop({ prefs: { startAtLogin: false } });
      await t.settled();
      t.setPrefs({ startAtLogin: true });
      if (process.platform === 'linux') {
        expect(readFileSync(join(configHome, 'autostart', 'switchboard.desktop'), 'utf8')).toContain('--hidden');
      } else {
        expect(t.app.setLoginItemSettings).toHaveBeenLastCalledWith(expect.objectContaining({ openAtLogin: true }));
      }
      t.setPrefs({ startAtLogin: false });
      if (process.platform === 'linux') expect(existsSync(join(configHome, 'autostart', 'switchboard.desktop'))).toBe(false);
      else expect(t.app.setLoginItemSettings).toHaveBeenLastCalledWith(expect.objectContaining({ openAtLogin: false }));
      await quitBooted();

      const dev = await bootDesktop({ isPackaged: false, prefs: { startAtLogin: true } });
      await dev.settled();
      expect(dev.app.setLoginItemSettings).not.toHaveBeenCalled();
      expect(existsSync(join(configHome, 'autostart', 'switchboard.desktop'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['XDG_CONFIG_HOME'];
      else process.env['XDG_CONFIG_HOME'] = saved;
    }
  });

  it('hands a deep link from a second instance to the window once the renderer listens', async () => {
    const { app, electron, win } = await bootDesktop();
    app.emit('second-instance', {}, ['/opt/switchboard/switchboard', '--some-switch', 'switchboard://room/abc@conference.example.com'], '/');
    expect(win?.focus).toHaveBeenCalled();
    expect(navigations(win)).toEqual([]);
    await ipcHandler(electron, 'app:info')(topFrame(win));
    expect(navigations(win)).toEqual([{ conversationId: 'g:room:abc@conference.example.com' }]);
    // Once the renderer is up, links go straight through; macOS delivers them as open-url.
    const event = { preventDefault: vi.fn() };
    app.emit('open-url', event, 'switchboard://conversation/u:chat-1?message=u:m1');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(navigations(win)).toEqual([{ conversationId: 'g:room:abc@conference.example.com' }, { conversationId: 'u:chat-1', messageId: 'u:m1' }]);
  });

  it('drops malformed links', async () => {
    const { app, electron, win } = await bootDesktop();
    await ipcHandler(electron, 'app:info')(topFrame(win));
    app.emit('second-instance', {}, ['switchboard', 'switchboard://conversation/..%2F..%2Fetc'], '/');
    app.emit('open-url', { preventDefault: vi.fn() }, 'switchboard://settings/evil');
    app.emit('open-url', { preventDefault: vi.fn() }, `switchboard://conversation/u:${'x'.repeat(5000)}`);
    expect(navigations(win)).toEqual([]);
  });

  it('opens the link the app was started with', async () => {
    const { electron, win } = await bootDesktop({ argv: ['/opt/switchboard/switchboard', 'switchboard://conversation/g%3Adm%3Aana'] });
    expect(navigations(win)).toEqual([]);
    await ipcHandler(electron, 'app:info')(topFrame(win));
    expect(navigations(win)).toEqual([{ conversationId: 'g:dm:ana' }]);
  });

  it('registers the switchboard: scheme only in a packaged app', async () => {
    const packaged = await bootDesktop({ isPackaged: true });
    expect(packaged.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('switchboard');
    await quitBooted();
    const dev = await bootDesktop({ isPackaged: false });
    expect(dev.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('loads the dictionaries of the user’s languages', async () => {
    const { electron } = await bootDesktop();
    if (process.platform !== 'darwin') expect(electron.session.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['de-DE', 'en-US']);
  });

  it('offers Copy Link and spelling suggestions on right-click', async () => {
    const { electron, win } = await bootDesktop();
    const params = {
      x: 5,
      y: 6,
      isEditable: true,
      selectionText: '',
      linkURL: 'https://example.com/doc',
      misspelledWord: 'teh',
      dictionarySuggestions: ['the'],
      spellcheckEnabled: true,
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true, canUndo: true, canRedo: true },
    };
    win?.webContents.emit('context-menu', {}, params);
    const built = vi.mocked(electron.Menu.buildFromTemplate).mock.results.at(-1)?.value as Built;
    expect(built.popup).toHaveBeenCalled();
    expect(built.template.map((i) => i.label ?? i.role ?? '—')).toEqual(['the', 'Add to Dictionary', '—', 'Copy Link', 'Open Link in Browser', '—', 'undo', 'redo', '—', 'cut', 'copy', 'paste', '—', 'selectAll']);
    built.template[0]?.click?.();
    expect((win?.webContents as unknown as { replaceMisspelling: ReturnType<typeof vi.fn> }).replaceMisspelling).toHaveBeenCalledWith('the');
    built.template[3]?.click?.();
    expect(electron.clipboard.writeText).toHaveBeenCalledWith('https://example.com/doc');
  });

  it('never starts electron-updater in development or without a release feed', async () => {
    for (const isPackaged of [false, true]) {
      await bootDesktop({ isPackaged });
      await new Promise((r) => setTimeout(r, 50));
      expect(h.updater.autoDownload).toBe(false);
      expect(h.updater.listeners.size).toBe(0);
      await quitBooted();
    }
  });

  it('starts electron-updater in a packaged build with a feed, and asks before restarting', async () => {
    const resources = join(dir, 'resources');
    mkdirSync(resources);
    writeFileSync(join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.com\n');
    const saved = { resourcesPath: process.resourcesPath, appImage: process.env['APPIMAGE'] };
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true, writable: true });
    process.env['APPIMAGE'] = join(dir, 'Switchboard.AppImage');
    try {
      const quitAndInstall = vi.spyOn(h.updater, 'quitAndInstall');
      const { electron } = await bootDesktop({ isPackaged: true });
      await vi.waitFor(() => expect(h.updater.autoDownload).toBe(true), slow);
      expect(h.updater.autoInstallOnAppQuit).toBe(true);
      const menu = vi.mocked(electron.Menu.setApplicationMenu).mock.calls[0]?.[0] as unknown as Built;
      const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
      expect(flat(menu.template).some((i) => i.label === 'Check for Updates…')).toBe(true);
      // Later: nothing restarts.
      h.updater.listeners.get('update-downloaded')?.({ version: '9.9.9' });
      await vi.waitFor(
        () => expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'Switchboard 9.9.9 is ready to install', buttons: ['Restart Now', 'Later'] })),
        slow,
      );
      await new Promise((r) => setTimeout(r, 10));
      expect(quitAndInstall).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(process, 'resourcesPath', { value: saved.resourcesPath, configurable: true, writable: true });
      if (saved.appImage === undefined) delete process.env['APPIMAGE'];
      else process.env['APPIMAGE'] = saved.appImage;
    }
  });
});
