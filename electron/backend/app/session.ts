import type { EmitFn } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { PinkfishEndpoints } from '../pinkfish/endpoints';
import type { Clock } from '../sync/clock';
import type { SyncEngine } from '../sync/engine';
import type { SyncPolicy } from '../sync/policy';
import type { AsyncCache } from '../sync/types';
import type { Vault } from '../vault/vault';
import { openOffline, type Offline } from './offline';
import { openWorkspace, type DemoOptions, type Workspace, type WorkspaceChoice } from './workspace';

/**
 * The session the handlers work against: one workspace (live account or demo)
 * with its cache and sync. It can be swapped at runtime (account:choose,
 * account:disconnect, cache:clear): swaps run one at a time, the old session
 * is closed before the next opens (a live cache is never open twice), and
 * handlers always ask for the current one, so none keeps using a closed engine.
 */

export interface SessionOptions {
  vault: Vault;
  demo?: DemoOptions;
  liveEndpoints?: PinkfishEndpoints;
  /** The data directory (created on first use when the backend was given none). */
  dataDir(): string;
  sync?: { policy?: Partial<SyncPolicy>; clock?: Clock };
  log(message: string, err: unknown): void;
  emit: EmitFn;
}

export interface Session {
  readonly ws: Workspace;
  /** The cache and sync, once open; null without a workspace client. Rejects when the cache could not open. */
  readonly offline: Promise<Offline | null>;
  /** False once closed: a closed session's late events are dropped. */
  readonly active: boolean;
}

interface SessionImpl extends Session {
  active: boolean;
  closeOffline(): Promise<void>;
}

function startOffline(ws: Workspace, o: SessionOptions, session: { active: boolean }, prepare?: (cache: AsyncCache) => Promise<void>): Promise<Offline | null> {
  if (!ws.client) return Promise.resolve(null);
  let engine: SyncEngine | null = null;
  const p = openOffline(ws, {
    dataDir: o.dataDir(),
    vault: o.vault,
    log: o.log,
    ...(prepare ? { prepare } : {}),
    ...(o.sync?.policy ? { policy: o.sync.policy } : {}),
    ...(o.sync?.clock ? { clock: o.sync.clock } : {}),
    events: {
      conversationsChanged: (ids) => {
        if (session.active && ids.length > 0) o.emit('conversations:changed', { ids });
      },
      messagesChanged: (conversationId, ids) => {
        if (session.active) o.emit('messages:changed', { conversationId, ids });
      },
      statusChanged: () => {
        if (engine && session.active) engine.status().then((s) => session.active && o.emit('sync:status', s), () => {});
      },
    },
  }).then((opened) => {
    engine = opened.engine;
    return opened;
  });
  // Failures surface through the handlers that await it; never as an unhandled rejection.
  p.catch(() => {});
  return p;
}

function makeSession(ws: Workspace, o: SessionOptions, prepare?: (cache: AsyncCache) => Promise<void>): SessionImpl {
  const s = { ws, active: true } as SessionImpl;
  (s as { offline: Promise<Offline | null> }).offline = startOffline(ws, o, s, prepare);
  let closing: Promise<void> | null = null;
  s.closeOffline = () =>
    (closing ??= (async () => {
      s.active = false;
      const off = await s.offline.catch(() => null);
      await off?.close();
    })());
  return s;
}

export type SessionTarget = { choice: WorkspaceChoice } | { sameWorkspace: true };

export class Sessions {
  private current: Promise<SessionImpl>;
  private queue: Promise<unknown> = Promise.resolve();
  private latest: SessionImpl | null = null;
  private disposed = false;
  /** Resolves once the first workspace is open (app:ready may go out); the cache may still be opening. */
  readonly firstWorkspace: Promise<Workspace>;

  constructor(
    private readonly o: SessionOptions,
    first: WorkspaceChoice,
  ) {
    this.firstWorkspace = openWorkspace(first, o.vault, o.demo, this.wsOptions());
    this.current = this.firstWorkspace.then((ws) => this.track(makeSession(ws, o)));
    this.current.catch(() => {});
    this.queue = this.current.catch(() => {});
  }

  /** The secrets of the latest session that opened (credentials, resolved PCIDs), for scrubbing. */
  secrets(): string[] {
    return this.latest?.ws.secrets() ?? [];
  }

  /** The current session; waits for a swap in progress. */
  get(): Promise<Session> {
    return this.current;
  }

  /** The current session's sync engine (and through it, the cache). */
  async engine(): Promise<SyncEngine> {
    const s = await this.current;
    const off = await s.offline;
    if (!off) throw new AppError('unavailable', 'No workspace is open.');
    return off.engine;
  }

  /**
   * Closes the current session and opens the next: another workspace, or the same one with its
   * cache reopened (cache:clear). `between` runs when nothing is open (delete files there);
   * `prepare` on the next cache before its sync starts. If the next cannot open, the demo workspace
   * is opened instead and the error is rethrown.
   */
  replace(target: SessionTarget, between?: (old: Session | null) => Promise<void> | void, prepare?: (cache: AsyncCache) => Promise<void>): Promise<Session> {
    const run = this.queue.then(async () => {
      if (this.disposed) throw new AppError('unavailable', 'Switchboard is shutting down.');
      const old = await this.current.catch(() => null);
      const stop = (ws: Workspace) => ws.stop().catch((err: unknown) => this.o.log('workspace: stopping failed', err));
      const next = (async (): Promise<SessionImpl> => {
        await old?.closeOffline();
        if (old && !('sameWorkspace' in target)) await stop(old.ws);
        await between?.(old);
        const ws = 'sameWorkspace' in target && old ? old.ws : await openWorkspace('sameWorkspace' in target ? 'demo' : target.choice, this.o.vault, this.o.demo, this.wsOptions());
        const s = this.track(makeSession(ws, this.o, prepare));
        try {
          await s.offline;
        } catch (err) {
          await s.closeOffline();
          await stop(ws);
          throw err;
        }
        return s;
      })();
      this.current = next.catch(async (err: unknown) => {
        this.o.log('workspace: could not open the next workspace, back to the demo', err);
        const ws = await openWorkspace('demo', this.o.vault, this.o.demo, this.wsOptions());
        return this.track(makeSession(ws, this.o));
      });
      await this.current;
      return next;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private disposing: Promise<void> | null = null;

  dispose(): Promise<void> {
    this.disposed = true;
    return (this.disposing ??= (async () => {
      await this.queue;
      const s = await this.current.catch(() => null);
      await s?.closeOffline();
      await s?.ws.stop();
    })());
  }

  private track(s: SessionImpl): SessionImpl {
    this.latest = s;
    return s;
  }

  private wsOptions() {
    return this.o.liveEndpoints ? { liveEndpoints: this.o.liveEndpoints } : {};
  }
}
