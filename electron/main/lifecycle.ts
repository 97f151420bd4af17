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
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(getWindow()));
  return true;
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
