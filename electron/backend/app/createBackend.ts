import type { EmitFn, EventChannel, EventPayload, Handlers } from '../../../shared/ipc/contract';
import { Vault } from '../vault/vault';
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
}

export interface Backend {
  handlers: Handlers;
  /** Subscribe to every backend event; returns an unsubscribe function. */
  onEvent(listener: (event: EventChannel, payload: unknown) => void): () => void;
  /** Resolves once start-up work is done and `app:ready` has been emitted. */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The whole main-process application minus Electron: the hosts (Electron's
 * ipcMain, the web host's WebSocket) only validate, dispatch and forward events.
 */
export function createBackend(options: BackendOptions): Backend {
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  const emit: EmitFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners) l(event, payload);
  };
  let disposed = false;

  // Start-up runs once; every handler that needs the workspace awaits it.
  const workspace: Promise<Workspace> = openWorkspace(options.workspace ?? 'auto', options.vault ?? new Vault(), options.demo);
  const ready = workspace.then((ws) => {
    if (!disposed) emit('app:ready', { mode: ws.mode });
  });
  // A failed start-up surfaces through the handlers; it must not be an unhandled rejection here.
  ready.catch(() => {});

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
      const ws = await workspace.catch(() => null);
      await ws?.stop();
    },
  };
}
