import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { app, BrowserWindow, ipcMain, nativeTheme, protocol, screen, session, shell } from 'electron';
import { createBackend, type Backend } from '../backend';
import { appScheme, createAppProtocolHandler } from './appProtocol';
import { bindIpc, createSenderCheck, forwardEvents } from './ipc';
import { APP_ID, claimSingleInstance, disposeBeforeQuit } from './lifecycle';
import { APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, hardenSession, hardenWebContents, secureWebPreferences, withSecurityHeaders } from './security';
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

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
const unbind: Array<() => void> = [];

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Switchboard',
    // Matches the renderer's --bg so the window does not flash white (or black) before first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#ffffff',
    show: false,
    webPreferences: secureWebPreferences(join(app.getAppPath(), 'out', 'preload', 'index.cjs')),
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, { file: stateFile });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  win.loadURL(startUrl).catch((err: unknown) => console.error(`Could not load ${startUrl}`, err));
  return win;
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const ses = session.defaultSession;
  hardenSession(ses, { appOrigin });
  // Covers the dev server too, which sends no policy of its own.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) });
  });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: join(app.getAppPath(), 'out', 'renderer'), csp, readFile }));

  const created = createBackend({ version: app.getVersion(), host: 'electron', dataDir: app.getPath('userData') });
  backend = created;
  disposeBeforeQuit(app, async () => {
    for (const off of unbind.splice(0)) off();
    await created.dispose();
  });
  const getWebContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  unbind.push(bindIpc(ipcMain, created, { isTrustedSender: createSenderCheck({ appOrigin, getWebContents }) }));
  unbind.push(forwardEvents(created, getWebContents));
  createWindow();
}

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appOrigin, openExternal: (url) => shell.openExternal(url) });
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; 'activate' brings one back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('Switchboard failed to start', err);
      app.exit(1);
    });
}
