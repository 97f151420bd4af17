import type { App } from 'electron';

/** electron-builder.yml's appId; Windows only shows notifications for an AppUserModelId that matches it. */
export const APP_ID = 'ai.switchboard.desktop';

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function focusWindow(win: FocusableWindow | null | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/**
 * Two instances would open the same encrypted cache and keychain entries and
 * race the outbox, so a second launch hands over to the first and quits.
 * Returns false when this process is the second one (it is already quitting).
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => FocusableWindow | null | undefined,
  /** The second instance's command line: on Windows and Linux a clicked switchboard:// link is in it. */
  onSecondInstance?: (argv: string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    focusWindow(getWindow());
    onSecondInstance?.(Array.isArray(argv) ? argv : []);
  });
  return true;
}

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/**
 * Close to tray: the close button hides the window instead of closing it, while the app keeps
 * syncing and notifying. A real quit (menu, tray, update, OS shutdown) still closes it: `quitting`
 * turns true on before-quit.
 */
export function hideOnClose(win: HideableWindow, o: { shouldHide: () => boolean; quitting: () => boolean }): void {
  win.on('close', (event) => {
    if (o.quitting() || !o.shouldHide()) return;
    event.preventDefault();
    win.hide();
  });
}

/**
 * Holds the quit until the backend has closed the cache and flushed the
 * outbox, but never longer than `timeoutMs`: a hung dispose must not leave a
 * process the user cannot quit.
 */
export function disposeBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  dispose: () => Promise<void>,
  options: { timeoutMs?: number; log?: (message: string, detail?: unknown) => void } = {},
): void {
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(message, detail));
  let state: 'running' | 'disposing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('The backend did not shut down in time; quitting anyway.');
        resolve();
      }, options.timeoutMs ?? 5000);
    });
    Promise.race([dispose().catch((err: unknown) => log('The backend failed to shut down cleanly', err)), timeout]).finally(() => {
      clearTimeout(timer);
      state = 'done';
      app.quit();
    });
  });
}
