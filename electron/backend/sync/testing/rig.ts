import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import { startEmulator, type FaultSettings, type RunningEmulator } from '../../../../emulator/index';
import type { Scale } from '../../../../emulator/core/types';
import { openCacheInThread } from '../../cache/store';
import { RequestBudget } from '../../pinkfish/budget';
import { listConnections, pickConnections } from '../../pinkfish/connections';
import { McpClient } from '../../pinkfish/mcpClient';
import { TokenManager } from '../../pinkfish/tokens';
import { bindServer, type ToolCaller } from '../../providers/common/caller';
import { createGenesysProvider, type GenesysProvider } from '../../providers/genesys/index';
import { createUnipileProvider, type UnipileProvider } from '../../providers/unipile/index';
import { ManualClock, realClock, type Clock } from '../clock';
import { SyncEngine, type SyncEngineOptions } from '../engine';
import type { GenesysDirectorySeed } from '../genesysSync';
import type { SyncPolicy } from '../policy';
import { asAsyncCache, type AsyncCache } from '../types';
import { driveUntil } from './drive';

/**
 * The whole offline layer against a fresh emulator, for the sync tests and the
 * sync bench: real HTTP, the real encrypted cache (worker thread), and either
 * a manual clock shared by the scheduler, the outbox, the budget and the
 * emulator (hours in seconds) or the real one.
 */

export interface RigOptions {
  scale?: Scale;
  seed?: number;
  /** Drive time by hand (default) or run on the wall clock. */
  manualClock?: boolean;
  policy?: Partial<SyncPolicy>;
  budget?: { perHour?: number; perDay?: number };
  clientTimeoutMs?: number;
  faults?: Partial<FaultSettings>;
  outbox?: SyncEngineOptions['outbox'];
  /** Whether the engine is told the user's Genesys identity up front, as the demo is (default true). */
  knownSelf?: boolean;
  /** Seed the Genesys directory from the rooms the emulator's user belongs to (default true). */
  seedDirectory?: boolean;
  /** Reuse a cache (restart tests). */
  cache?: { path: string; key: string };
  /** Reuse an emulator (restart tests); it is then not stopped by `stop()`. */
  emulator?: RunningEmulator;
  /** Point the client somewhere else (a dead port: offline). */
  mcpBase?: string;
  random?: () => number;
  /** The worker-thread cache (the app's path); default: the same cache on this thread, fewer hops per step. */
  openCache?: (o: { path: string; key: string }) => Promise<AsyncCache & { close(): Promise<void> }>;
}

function inThread(path: string, key: string): AsyncCache & { close(): Promise<void> } {
  // The proxy forwards every method, close() included.
  return asAsyncCache(openCacheInThread({ path, key })) as AsyncCache & { close(): Promise<void> };
}

/**
 * `openCache` for a test that must hold or watch one of the cache's calls at a given moment: the
 * default cache with the named methods replaced, each made from the real one.
 */
export function cacheWith(overrides: { [K in keyof AsyncCache]?: (real: AsyncCache) => AsyncCache[K] }): NonNullable<RigOptions['openCache']> {
  return async ({ path, key }) =>
    new Proxy(inThread(path, key), {
      get(target, prop, receiver) {
        const make = overrides[prop as keyof AsyncCache];
        return make ? make(target) : Reflect.get(target, prop, receiver);
      },
    });
}

export interface RigEvents {
  messages: Array<{ conversationId: ConversationId; ids: MessageId[]; at: number }>;
  conversations: Array<{ ids: ConversationId[]; at: number }>;
  status: number;
}

export interface RigCall {
  tool: string;
  args: Record<string, unknown>;
}

export interface Rig {
  emu: RunningEmulator;
  /** The connection ids the client uses (they must never reach the renderer). */
  pcids: { genesys: string; unipile: string };
  /** Every tool call the engine made, in the order they went out. */
  calls: RigCall[];
  clock: Clock;
  manual: ManualClock | null;
  budget: RequestBudget;
  client: McpClient;
  genesys: GenesysProvider;
  unipile: UnipileProvider;
  cache: AsyncCache & { close(): Promise<void> };
  cachePath: string;
  key: string;
  engine: SyncEngine;
  events: RigEvents;
  me: { userId: string; jid: string };
  /** Manual clock only: advance by `ms`, letting all work settle on the way. */
  drive(ms: number, afterStep?: (now: number) => Promise<void> | void): Promise<void>;
  /** Drives (manual) or waits (real) until `done()` holds; throws after `limitMs` of clock time. */
  until(done: () => Promise<boolean> | boolean, limitMs?: number): Promise<void>;
  act<T = unknown>(service: 'genesys' | 'unipile', action: string, params?: Record<string, unknown>): T;
  /** Stops the engine and closes the cache, keeping the files and the emulator (a restart follows). */
  detach(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  // A rig joining a running emulator starts at the emulator's time, so both clocks agree.
  const start = options.emulator ? options.emulator.control.now() : Date.UTC(2026, 0, 5, 9, 0, 0);
  const manual = options.manualClock === false ? null : new ManualClock(start, (delta) => emu.control.advanceClock(delta));
  const clock: Clock = manual ?? realClock;
  const ownEmulator = !options.emulator;
  const emu: RunningEmulator =
    options.emulator ??
    (await startEmulator({
      scale: options.scale ?? 'tiny',
      seed: options.seed ?? 1,
      enableControl: true,
      activityPerMinute: 0,
      ratePerHour: 0,
      ratePerDay: 0,
      ...(manual ? { frozenClock: true, startTime: manual.now() } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
    }));
  const { clientId, clientSecret, orgId } = emu.credentials;
  const tokens = new TokenManager({ credentials: { kind: 'oauth', clientId, clientSecret, orgId }, authBase: emu.url });
  const budget = new RequestBudget({ perHour: options.budget?.perHour ?? 1_000_000, perDay: options.budget?.perDay ?? 10_000_000, now: clock.now, setTimer: clock.setTimer });
  const client = new McpClient({ tokens, budget, mcpBase: options.mcpBase ?? emu.url, maxAutoRetryAfterS: 0, ...(options.clientTimeoutMs !== undefined ? { timeoutMs: options.clientTimeoutMs } : {}) });
  const picked = pickConnections(await listConnections({ tokens, proxyBase: emu.url, statuses: ['connected'] }));
  const pcids = { genesys: picked.genesys[0]!.id, unipile: picked.unipile[0]!.id };
  const calls: RigCall[] = [];
  const recorded = (caller: ToolCaller): ToolCaller => (tool, args, o) => {
    // On a frozen clock many calls share a millisecond, so the wire order is recorded here.
    calls.push({ tool, args });
    return caller(tool, args, o);
  };
  const genesys = createGenesysProvider(recorded(bindServer(client, 'genesys-chat', () => pcids.genesys)));
  const unipile = createUnipileProvider(recorded(bindServer(client, 'unipile-messaging', () => pcids.unipile)));
  const act = <T>(service: 'genesys' | 'unipile', action: string, params?: Record<string, unknown>) => emu.control.act(service, action, params) as T;
  const me = act<{ userId: string; jid: string }>('genesys', 'me');

  const dir = options.cache ? null : mkdtempSync(join(tmpdir(), 'switchboard-sync-'));
  const cachePath = options.cache?.path ?? join(dir!, 'cache.db');
  const key = options.cache?.key ?? randomBytes(32).toString('hex');
  const cache = options.openCache ? await options.openCache({ path: cachePath, key }) : inThread(cachePath, key);
  const events: RigEvents = { messages: [], conversations: [], status: 0 };
  const engine = new SyncEngine({
    cache,
    budget,
    genesys,
    unipile,
    clock,
    genesysSelf: options.knownSelf === false ? { meUserId: null } : { meUserId: me.userId, meJid: me.jid },
    ...(options.seedDirectory === false
      ? {}
      : {
          directorySeed: (): GenesysDirectorySeed => ({
            rooms: act<Array<{ jid: string; isMember: boolean }>>('genesys', 'rooms').filter((r) => r.isMember),
            oneOnOnes: act('genesys', 'oneOnOnes'),
            people: act('genesys', 'people'),
          }),
        }),
    events: {
      messagesChanged: (conversationId, ids) => events.messages.push({ conversationId, ids, at: clock.now() }),
      conversationsChanged: (ids) => events.conversations.push({ ids, at: clock.now() }),
      statusChanged: () => void events.status++,
    },
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
    ...(options.clientTimeoutMs !== undefined ? { callTimeoutMs: options.clientTimeoutMs } : {}),
    ...(options.random ? { random: options.random } : {}),
    log: () => {},
  });

  const parts = [engine];
  let detached = false;
  const detach = async () => {
    if (detached) return;
    detached = true;
    engine.stop();
    await Promise.race([engine.whenIdle().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
    await cache.close();
    budget.close();
  };
  return {
    emu,
    pcids,
    calls,
    clock,
    manual,
    budget,
    client,
    genesys,
    unipile,
    cache,
    cachePath,
    key,
    engine,
    events,
    me,
    act,
    async drive(ms, afterStep) {
      if (!manual) throw new Error('drive() needs the manual clock');
      await driveUntil(manual, manual.now() + ms, parts, afterStep);
    },
    async until(done, limitMs = 10 * 60_000) {
      const start = clock.now();
      for (;;) {
        if (await done()) return;
        if (clock.now() - start > limitMs) throw new Error(`condition not met within ${limitMs} ms of clock time`);
        if (manual) await driveUntil(manual, manual.now() + 250, parts);
        else {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    },
    detach,
    async stop() {
      await detach();
      if (ownEmulator) await emu.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
