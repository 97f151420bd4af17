import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import type { EventChannel } from '../../shared/ipc/contract';
import { createBackend, type Backend } from '../backend';
import { DEEP_LINK_SCHEME } from '../backend/desktop/deepLink';
import { DesktopServices } from '../backend/desktop/desktopServices';
import { launchedHidden } from '../backend/desktop/loginItem';
import { buildMenuTemplate, type DesktopPlatform } from '../backend/desktop/menu';
import { spellCheckerLanguages } from '../backend/desktop/spellcheck';
import { readBuildFlags, updatePolicy } from '../backend/desktop/updatePolicy';
import { appScheme, createAppProtocolHandler } from './appProtocol';
import { createBadge } from './badge';
import { attachContextMenu } from './contextMenu';
import { createDeepLinkRouter } from './deepLinks';
import { createPrefsApplier } from './desktopPrefs';
import { appIconPaths, loadAppIcon, overlayImage, trayImages, type NativeImageModule } from './icons';
import { bindIpc, createSenderCheck, forwardEvents, sendEvent } from './ipc';
import { APP_ID, claimSingleInstance, disposeBeforeQuit, focusWindow, hideOnClose } from './lifecycle';
import { toElectronMenu, type MenuHandlers } from './menu';
import { createNotifier } from './notifications';
import { APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, hardenSession, hardenWebContents, safeExternalUrl, secureWebPreferences, withSecurityHeaders } from './security';
import { createTrayController, type TrayController } from './tray';
import { startAutoUpdates, type AutoUpdates } from './updater';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, trackWindowState } from './windowState';

// Wiring only: every decision lives in the modules imported above, where it is tested.

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([appScheme]);
app.enableSandbox();

// The dev server is trusted only in an unpackaged build, so a stray environment variable cannot
// point an installed app at someone else's page.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const csp = contentSecurityPolicy({ dev: Boolean(devServerUrl), devServerUrl });
const isDev = !app.isPackaged;
const platform = process.platform;
const APP_NAME = 'Switchboard';

const buildFlags = readBuildFlags(readJson(join(app.getAppPath(), 'package.json')));
const updates = updatePolicy({
  isPackaged: app.isPackaged,
  demoOnly: buildFlags.demoOnly,
  platform,
  env: process.env,
  feedConfigured: Boolean(process.resourcesPath) && existsSync(join(process.resourcesPath, 'app-update.yml')),
});
// Started by the login item: wait in the tray rather than open a window on every boot.
const startHidden = launchedHidden(process.argv);

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let desktop: DesktopServices | null = null;
let tray: TrayController | null = null;
let autoUpdates: AutoUpdates | null = null;
let appIcon: ReturnType<typeof loadAppIcon> = null;
let quitting = false;
const unbind: Array<() => void> = [];

const getWebContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
const send = (event: EventChannel, payload: unknown) => sendEvent(getWebContents, event, payload);

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
  else if (backend) createWindow({ show: true });
}

function toggleWindow(): void {
  const win = mainWindow;
  if (win && !win.isDestroyed() && win.isVisible() && win.isFocused()) win.hide();
  else showWindow();
}

const router = createDeepLinkRouter({ focus: showWindow, navigate: (target) => send('app:navigate', target) });

const menuHandlers: MenuHandlers = {
  command(command) {
    showWindow();
    send('app:command', { command });
  },
  action(action) {
    if (action === 'showWindow') showWindow();
    else if (action === 'toggleWindow') toggleWindow();
    else if (action === 'checkForUpdates') void autoUpdates?.checkNow();
  },
};

const badge = createBadge({
  app,
  platform,
  getWindow: () => mainWindow,
  overlayImage: (label) => overlayImage(nativeImage as unknown as NativeImageModule, label),
});

function createWindow(options: { show?: boolean } = {}): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: APP_NAME,
    // Matches the renderer's --bg so the window does not flash white (or black) before first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#ffffff',
    show: false,
    // Windows and macOS take the icon from the executable; a Linux window needs it given.
    ...(platform === 'linux' && appIcon ? { icon: appIcon as unknown as Electron.NativeImage } : {}),
    webPreferences: secureWebPreferences(join(app.getAppPath(), 'out', 'preload', 'index.cjs')),
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, { file: stateFile });
  hideOnClose(win, { shouldHide: () => Boolean(desktop?.prefs.closeToTray && tray), quitting: () => quitting });
  win.once('ready-to-show', () => {
    if (options.show || !startHidden || !tray) win.show();
    badge.reapply();
  });
  win.on('focus', () => desktop?.setWindowFocused(true));
  win.on('blur', () => desktop?.setWindowFocused(false));
  win.on('hide', () => {
    desktop?.setWindowFocused(false);
    tray?.refresh();
  });
  win.on('show', () => tray?.refresh());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    desktop?.setWindowFocused(false);
    router.rendererGone();
  });
  // A reload (or a crash) drops the renderer's listeners: hold navigation until it calls in again.
  win.webContents.on('did-start-loading', () => router.rendererGone());
  attachContextMenu(win.webContents, {
    platform,
    isDev,
    spellcheck: () => desktop?.prefs.spellcheck ?? true,
    popup: (template) => Menu.buildFromTemplate(template).popup({ window: win }),
    copyText: (text) => clipboard.writeText(text),
    openExternal: (url) => {
      const safe = safeExternalUrl(url);
      if (safe) void shell.openExternal(safe);
    },
  });
  mainWindow = win;
  win.loadURL(startUrl).catch((err: unknown) => console.error(`Could not load ${startUrl}`, err));
  return win;
}

function setUpDesktop(created: Backend): DesktopServices {
  const services = new DesktopServices({ backend: created });
  desktop = services;
  const images = nativeImage as unknown as NativeImageModule;
  const icon = loadAppIcon(images, appIconPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }));
  appIcon = icon;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(toElectronMenu(buildMenuTemplate(platform as DesktopPlatform, { appName: APP_NAME, isDev, updatesEnabled: updates.enabled }), menuHandlers, platform)),
  );
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), copyright: 'Copyright © Switchboard' });

  if (icon) {
    try {
      const trayIcons = trayImages(images, icon, platform);
      tray = createTrayController({
        tray: new Tray(trayIcons.normal as never),
        platform,
        appName: APP_NAME,
        images: trayIcons,
        buildMenu: (template) => Menu.buildFromTemplate(template),
        handlers: menuHandlers,
        isWindowVisible: () => Boolean(mainWindow && !mainWindow.isDestroyed() && mainWindow.isVisible()),
      });
    } catch (err) {
      // Some Linux desktops have no tray at all; the app works without one (close-to-tray then closes).
      console.warn('Could not create the tray icon', err);
    }
  }

  const notifier = createNotifier({
    create: (options) => new Notification(options as ConstructorParameters<typeof Notification>[0]),
    isSupported: () => Notification.isSupported(),
    // macOS shows the app's icon itself and would add this one as a second picture.
    ...(icon && platform !== 'darwin' ? { icon } : {}),
    onClick: (target) => router.go(target),
  });
  const prefs = createPrefsApplier({
    platform,
    isPackaged: app.isPackaged,
    nativeTheme,
    spellChecker: session.defaultSession,
    globalShortcut,
    toggleWindow,
    app,
    env: process.env,
    execPath: process.execPath,
  });
  services.on((e) => {
    if (e.type === 'prefs') prefs.apply(e.prefs, e.previous, e.known);
    else if (e.type === 'unread') {
      badge.set(e.total);
      tray?.setUnread(e.total);
    } else notifier.show(e.notification);
  });
  unbind.push(() => {
    services.dispose();
    prefs.dispose();
    notifier.closeAll();
    autoUpdates?.stop();
    tray?.destroy();
    tray = null;
  });
  void services.start();
  return services;
}

async function startUpdates(): Promise<void> {
  if (!updates.enabled) return;
  // Loaded only here, so development and demo-only builds never load it at all.
  const { autoUpdater } = await import('electron-updater');
  autoUpdates = startAutoUpdates({
    updater: autoUpdater as never,
    ask: (p) =>
      dialog
        .showMessageBox({ type: 'info', message: p.message, detail: p.detail, buttons: p.buttons, defaultId: 0, cancelId: p.buttons.length - 1 })
        .then((r) => r.response),
    beforeRestart: () => {
      quitting = true;
    },
  });
}

async function start(): Promise<void> {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  const ses = session.defaultSession;
  hardenSession(ses, { appOrigin });
  // Covers the dev server too, which sends no policy of its own.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) });
  });
  // The boot snapshot comes from whichever backend is running when the page loads (none before it starts).
  const bootSnapshot = async () => (backend ? backend.bootSnapshot() : null);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: join(app.getAppPath(), 'out', 'renderer'), csp, readFile, bootSnapshot }));
  // macOS uses the system spell checker; elsewhere Chromium loads the dictionaries of the user's languages.
  if (platform !== 'darwin') {
    const languages = spellCheckerLanguages(app.getPreferredSystemLanguages(), ses.availableSpellCheckerLanguages);
    if (languages.length > 0) ses.setSpellCheckerLanguages(languages);
  }
  // Registering from a development checkout would point the scheme at a bare Electron binary.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  const created = createBackend({
    version: app.getVersion(),
    host: 'electron',
    dataDir: app.getPath('userData'),
    ...(buildFlags.demoOnly ? { workspace: 'demo' as const } : {}),
  });
  backend = created;
  disposeBeforeQuit(app, async () => {
    for (const off of unbind.splice(0)) off();
    await created.dispose();
  });
  const services = setUpDesktop(created);
  const getContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  // The renderer's first call says it is running and listening: a link that started the app goes then.
  const handlers = services.observe(created.handlers, { onCall: () => router.rendererReady() });
  unbind.push(bindIpc(ipcMain, { handlers }, { isTrustedSender: createSenderCheck({ appOrigin, getWebContents: getContents }) }));
  unbind.push(forwardEvents(created, getContents));
  createWindow();
  // Windows and Linux pass the link that started the app on its command line.
  router.openFromArgv(process.argv);
  startUpdates().catch((err: unknown) => console.warn('Automatic updates are off: electron-updater could not start', err));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (claimSingleInstance(app, () => mainWindow, (argv) => router.openFromArgv(argv))) {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appOrigin, openExternal: (url) => shell.openExternal(url) });
  });
  // macOS delivers links as an event, possibly before 'ready' when the link launched the app.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    router.open(url);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; 'activate' brings one back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!backend) return;
    if (BrowserWindow.getAllWindows().length === 0) createWindow({ show: true });
    else showWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('Switchboard failed to start', err);
      app.exit(1);
    });
}
