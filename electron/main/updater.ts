import { restartPrompt, UPDATE_CHECK } from '../backend/desktop/updatePolicy';

/** The parts of electron-updater's autoUpdater used here; a fake in tests. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  on(event: 'update-downloaded', listener: (info: { version?: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface Prompt {
  message: string;
  detail: string;
  buttons: string[];
}

export interface AutoUpdateOptions {
  updater: UpdaterLike;
  /** A message box; resolves with the index of the button chosen. */
  ask: (prompt: Prompt) => Promise<number>;
  /** Lets the window close for real (close-to-tray would otherwise just hide it). */
  beforeRestart: () => void;
  log?: (message: string, detail?: unknown) => void;
  schedule?: { setTimeout: typeof setTimeout; setInterval: typeof setInterval; clearTimeout: typeof clearTimeout; clearInterval: typeof clearInterval };
}

export interface AutoUpdates {
  /** The menu's Check for Updates…: answers the user even when there is nothing new. */
  checkNow(): Promise<void>;
  stop(): void;
}

/**
 * Background updates through electron-updater, only ever started when updatePolicy allows it.
 * Updates download quietly; once one is ready the user is asked before anything restarts, and if they
 * say Later it is installed when they next quit. Failures of a background check are only logged:
 * a laptop offline for a day must not nag.
 */
export function startAutoUpdates(o: AutoUpdateOptions): AutoUpdates {
  const log = o.log ?? ((message: string, detail?: unknown) => console.warn(message, detail));
  const timers = o.schedule ?? { setTimeout, setInterval, clearTimeout, clearInterval };
  const u = o.updater;
  u.autoDownload = true;
  u.autoInstallOnAppQuit = true;
  u.logger = { info: () => {}, debug: () => {}, warn: (m: unknown) => log(`Updater: ${String(m)}`), error: (m: unknown) => log(`Updater: ${String(m)}`) };

  let asked: string | null = null;
  let asking = false;
  u.on('update-downloaded', (info) => {
    const version = info?.version ?? '';
    // One question per version, and never two dialogs at once.
    if (asking || asked === version) return;
    asking = true;
    asked = version;
    o.ask(restartPrompt(version))
      .then((choice) => {
        if (choice !== 0) return;
        o.beforeRestart();
        u.quitAndInstall(false, true);
      })
      .catch((err: unknown) => log('Could not ask about restarting for the update', err))
      .finally(() => (asking = false));
  });
  u.on('error', (err) => log('Update check failed', err?.message ?? err));

  const background = (): void => {
    u.checkForUpdates().catch((err: unknown) => log('Update check failed', err instanceof Error ? err.message : err));
  };
  const first = timers.setTimeout(background, UPDATE_CHECK.firstAfterMs);
  const every = timers.setInterval(background, UPDATE_CHECK.everyMs);
  (first as { unref?: () => void }).unref?.();
  (every as { unref?: () => void }).unref?.();

  return {
    async checkNow() {
      try {
        const result = await u.checkForUpdates();
        if (!result?.isUpdateAvailable) await o.ask({ message: 'Switchboard is up to date', detail: 'You have the newest version.', buttons: ['OK'] });
        else await o.ask({ message: 'An update is on its way', detail: 'Switchboard is downloading it and will ask before restarting.', buttons: ['OK'] });
      } catch (err) {
        log('Update check failed', err instanceof Error ? err.message : err);
        await o.ask({ message: 'Could not check for updates', detail: 'Check your connection and try again later.', buttons: ['OK'] }).catch(() => 0);
      }
    },
    stop() {
      timers.clearTimeout(first);
      timers.clearInterval(every);
    },
  };
}
