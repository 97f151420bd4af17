import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmitFn, EventChannel, EventPayload, Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../sync/clock';
import type { SyncEngine } from '../sync/engine';
import type { SyncPolicy } from '../sync/policy';
import { Vault } from '../vault/vault';
import { offlineHandlers } from './channels';
import { managementHandlers } from './managementChannels';
import { openOffline, type Offline } from './offline';
import { openWorkspace, type DemoOptions, type Workspace, type WorkspaceChoice } from './workspace';

export interface BackendOptions {
  /** App version from package.json, passed in by the host so the backend never reads files it need not. */
  version: string;
  platform?: string;
  host: 'electron' | 'web';
  /** Where secrets live; tests pass one on a throwaway service name. */
  vault?: Vault;
  /**
   * 'auto' (default): live when credentials are stored, otherwise the demo workspace.
   * 'demo': always the demo workspace (tests must never touch a developer's real account).
   * 'none': no workspace at all (tests of the hosts themselves).
   */
  workspace?: WorkspaceChoice;
  demo?: DemoOptions;
  /**
   * The per-user data directory that holds the cache (Electron: app.getPath('userData'); web host:
   * $XDG_DATA_HOME/switchboard). Without one, a private temporary directory is used and removed on
   * dispose: fine for tests and the demo, wrong for a live account.
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
  /** Resolves once start-up work is done (`app:ready` emitted, the cache open and sync started). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The whole main-process application minus Electron: the hosts (Electron's
 * ipcMain, the web host's WebSocket) only validate, dispatch and forward events.
 *
 * Start-up: the workspace (live account or demo emulator), then the cache,
 * from which the inbox is served at once, then sync in the background.
 */
export function createBackend(options: BackendOptions): Backend {
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  const emit: EmitFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners) l(event, payload);
  };
  let disposed = false;
  const vault = options.vault ?? new Vault();
  const log = options.log ?? ((message: string, err: unknown) => console.warn(message, err instanceof Error ? err.message : err));
  let tempDir: string | null = null;

  // Start-up runs once; every handler that needs the workspace awaits it.
  const workspace: Promise<Workspace> = openWorkspace(options.workspace ?? 'auto', vault, options.demo);
  const offline: Promise<Offline | null> = workspace.then(async (ws) => {
    if (!ws.client || disposed) return null;
    const dataDir = options.dataDir ?? (tempDir = mkdtempSync(join(tmpdir(), 'switchboard-data-')));
    let engine: SyncEngine | null = null;
    const opened = await openOffline(ws, {
      dataDir,
      vault,
      log,
      ...(options.sync?.policy ? { policy: options.sync.policy } : {}),
      ...(options.sync?.clock ? { clock: options.sync.clock } : {}),
      events: {
        conversationsChanged: (ids) => {
          if (ids.length > 0) emit('conversations:changed', { ids });
        },
        messagesChanged: (conversationId, ids) => emit('messages:changed', { conversationId, ids }),
        statusChanged: () => {
          if (engine && !disposed) engine.status().then((s) => !disposed && emit('sync:status', s), () => {});
        },
      },
    });
    engine = opened.engine;
    return opened;
  });
  // app:ready says which workspace this is as soon as that is known; the channels that need the cache
  // wait for it themselves, and a cache that fails to open must not take app:info down with it.
  const ready = workspace
    .then((ws) => {
      if (!disposed) emit('app:ready', { mode: ws.mode });
    })
    .then(() => offline.then(() => undefined, (err: unknown) => log('Switchboard could not open its cache', err)));
  // A failed start-up surfaces through the handlers; it must not be an unhandled rejection here.
  ready.catch((err: unknown) => log('Switchboard could not start its workspace', err));

  const engine = async (): Promise<SyncEngine> => {
    const o = await offline;
    if (!o) throw new AppError('unavailable', 'No workspace is open.');
    return o.engine;
  };

  const handlers: Handlers = {
    'app:info': async () => {
      const ws = await workspace;
      return {
        name: 'Switchboard',
        version: options.version,
        mode: ws.mode,
        platform: options.platform ?? process.platform,
        host: options.host,
        keychain: ws.keychain,
      };
    },
    ...offlineHandlers(engine),
    ...managementHandlers(),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    async dispose() {
      disposed = true;
      listeners.clear();
      const o = await offline.catch(() => null);
      await o?.close();
      const ws = await workspace.catch(() => null);
      await ws?.stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
