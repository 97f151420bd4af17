import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BootSnapshot, EmitFn, EventChannel, EventPayload, Handlers } from '../../../shared/ipc/contract';
import { LIVE_ENDPOINTS, type PinkfishEndpoints } from '../pinkfish/endpoints';
import type { Clock } from '../sync/clock';
import type { SyncPolicy } from '../sync/policy';
import { Vault } from '../vault/vault';
import { accounts } from './accounts';
import { recallBootSnapshot } from './bootPage';
import { offlineHandlers } from './channels';
import type { AppContext } from './context';
import { managementHandlers } from './managementChannels';
import { PrefsStore, type PrefsApi } from './prefs';
import { scrubError } from './secrets';
import { publicError } from '../sync/failures';
import { Sessions } from './session';
import type { DemoOptions, WorkspaceChoice } from './workspace';

/** How long index.html waits for the cache to hand over the boot snapshot before it goes without. */
const BOOT_SNAPSHOT_WAIT_MS = 400;

export interface BackendOptions {
  /** App version from package.json, passed in by the host so the backend never reads files it need not. */
  version: string;
  platform?: string;
  host: 'electron' | 'web';
  /** Where secrets live; tests pass one on a throwaway service name. */
  vault?: Vault;
  /**
   * The workspace at start. 'auto' (default): live when credentials are stored, otherwise the demo
   * workspace. 'demo': the demo workspace (tests must never touch a developer's real account).
   * 'none': no workspace at all (tests of the hosts themselves). `account:choose` and
   * `account:disconnect` switch it at runtime whatever it started as.
   */
  workspace?: WorkspaceChoice;
  demo?: DemoOptions;
  /** Where the live Pinkfish services are (default LIVE_ENDPOINTS); tests and e2e point it at an emulator. */
  liveEndpoints?: PinkfishEndpoints;
  /**
   * The per-user data directory that holds the cache, prefs.json and account.json (Electron:
   * app.getPath('userData'); web host: $XDG_DATA_HOME/switchboard). Without one, a private temporary
   * directory is used and removed on dispose (prefs then live in memory): fine for tests and the
   * demo, wrong for a live account.
   */
  dataDir?: string;
  /** Sync tuning and an injectable clock (tests). */
  sync?: { policy?: Partial<SyncPolicy>; clock?: Clock };
  /** Main-process log for failures that are not the user's to see. */
  log?: (message: string, err: unknown) => void;
}

export interface Backend {
  handlers: Handlers;
  /** Subscribe to every backend event; returns an unsubscribe function. */
  onEvent(listener: (event: EventChannel, payload: unknown) => void): () => void;
  /**
   * The app preferences, for the Electron main process (tray, global shortcut, start at login,
   * notifications): `get()` now, `subscribe(fn)` for every change (also sent as `prefs:changed`).
   */
  prefs: PrefsApi;
  /**
   * The boot snapshot the hosts put inside index.html (bootPage.ts): null when there is none, it does
   * not pass its checks, or the cache is not open within a moment (the page is never held up for it).
   */
  bootSnapshot(): Promise<BootSnapshot | null>;
  /** Resolves once start-up work is done (`app:ready` emitted, the cache open and sync started). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The whole main-process application minus Electron: the hosts (Electron's
 * ipcMain, the web host's WebSocket) only validate, dispatch and forward events.
 *
 * Start-up: the workspace (live account or demo emulator), then the cache,
 * from which the inbox is served at once, then sync in the background. The
 * session (workspace, cache, sync) can be swapped at runtime: see session.ts.
 */
export function createBackend(options: BackendOptions): Backend {
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  let disposed = false;
  const emit: EmitFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    if (disposed) return;
    for (const l of listeners) l(event, payload);
  };
  const vault = options.vault ?? new Vault();
  const log = options.log ?? ((message: string, err: unknown) => console.warn(message, err instanceof Error ? err.message : err));
  let tempDir: string | null = null;
  const dataDir = () => options.dataDir ?? (tempDir ??= mkdtempSync(join(tmpdir(), 'switchboard-data-')));

  const prefs = new PrefsStore({ dataDir: options.dataDir ?? null, log });
  prefs.subscribe((p) => emit('prefs:changed', p));

  const sessions = new Sessions(
    {
      vault,
      dataDir,
      log,
      emit,
      ...(options.demo ? { demo: options.demo } : {}),
      ...(options.liveEndpoints ? { liveEndpoints: options.liveEndpoints } : {}),
      ...(options.sync ? { sync: options.sync } : {}),
    },
    options.workspace ?? 'auto',
  );

  // app:ready says which workspace this is as soon as that is known; the channels that need the cache
  // wait for it themselves, and a cache that fails to open must not take app:info down with it.
  const ready = sessions.firstWorkspace
    .then((ws) => emit('app:ready', { mode: ws.mode }))
    .then(() => sessions.get())
    .then((s) => s.offline.then(() => undefined, (err: unknown) => log('Switchboard could not open its cache', err)));
  // A failed start-up surfaces through the handlers; it must not be an unhandled rejection here.
  ready.catch((err: unknown) => log('Switchboard could not start its workspace', err));

  // What the channels log goes through the same scrub as what they answer.
  const scrubbedLog = (message: string, err: unknown) => log(message, scrubError(publicError(err), sessions.secrets()));
  const ctx: AppContext = { sessions, vault, emit, log: scrubbedLog, now: Date.now, dataDir, liveEndpoints: options.liveEndpoints ?? LIVE_ENDPOINTS };
  const accountsApi = accounts(ctx);

  const handlers: Handlers = {
    'app:info': async () => {
      const ws = (await sessions.get()).ws;
      return {
        name: 'Switchboard',
        version: options.version,
        mode: ws.mode,
        platform: options.platform ?? process.platform,
        host: options.host,
        keychain: ws.keychain,
      };
    },
    ...offlineHandlers(() => sessions.engine()),
    ...managementHandlers(ctx, prefs, accountsApi),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    prefs,
    ready,
    async bootSnapshot() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), BOOT_SNAPSHOT_WAIT_MS)));
      try {
        const engine = await Promise.race([sessions.engine(), late]);
        return engine ? await recallBootSnapshot(engine.cache) : null;
      } catch {
        // No workspace, or a cache that failed to open: the page starts as it would without one.
        return null;
      } finally {
        clearTimeout(timer);
      }
    },
    async dispose() {
      disposed = true;
      listeners.clear();
      await sessions.dispose();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
