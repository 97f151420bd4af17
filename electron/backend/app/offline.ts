import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { persistBudget, type BudgetPersistence, type BudgetStorage } from '../pinkfish/budgetStore';
import type { Clock } from '../sync/clock';
import { SyncEngine } from '../sync/engine';
import type { SyncPolicy } from '../sync/policy';
import type { AsyncCache, SyncEvents } from '../sync/types';
import type { Vault } from '../vault/vault';
import type { Workspace } from './workspace';

/**
 * Opens the workspace's cache and starts sync. The demo world is rebuilt on
 * every start, so its cache is a separate file, wiped first: demo data never
 * mixes with a live account's.
 */

export interface OfflineOptions {
  dataDir: string;
  vault: Vault;
  events: SyncEvents;
  policy?: Partial<SyncPolicy>;
  clock?: Clock;
  log?: (message: string, err: unknown) => void;
  /** Runs on the open cache before sync starts (cache:clear puts back what no tool can give again). */
  prepare?: (cache: AsyncCache) => Promise<void>;
}

export interface Offline {
  engine: SyncEngine;
  /** The database file (its -wal and -shm sit beside it). */
  path: string;
  close(): Promise<void>;
}

export const CACHE_FILE = { live: 'cache.db', demo: 'demo-cache.db' } as const;

/** The cache's ui_state key the request budget is kept under between starts (pinkfish/budgetStore.ts). */
export const BUDGET_KEY = 'request-budget';

export async function openOffline(ws: Workspace, options: OfflineOptions): Promise<Offline> {
  // Loaded when a workspace opens, not on import: hosts and tests without one never start the cache worker.
  const { deleteCacheFiles, isCacheUnusable, openCache } = await import('../cache/client');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, CACHE_FILE[ws.mode]);
  if (ws.mode === 'demo') deleteCacheFiles(path);
  const key = await cacheKey(ws, options.vault);
  let cache;
  try {
    cache = await openCache({ path, key });
  } catch (err) {
    // Undecryptable, damaged or from a newer version: the cache only holds what the network gives
    // back (the outbox aside), so it is rebuilt rather than leaving the app unusable.
    if (!isCacheUnusable(err)) throw err;
    options.log?.('cache: unusable, rebuilding', err);
    deleteCacheFiles(path);
    cache = await openCache({ path, key });
  }
  // The live budget is kept in the cache: it belongs to the account the cache belongs to (a new account
  // wipes both) and is read back here, before sync starts and before any channel can reach a provider
  // (they all wait for this). The demo's emulator, and with it its limits, starts afresh at every start,
  // as does its cache: so does its budget.
  let budgetStore: BudgetPersistence | null = null;
  try {
    if (ws.mode === 'live') {
      budgetStore = await persistBudget(ws.budget, budgetStorage(cache), options.log ? { log: options.log } : {});
    }
    await options.prepare?.(cache);
  } catch (err) {
    await budgetStore?.close();
    await cache.close();
    throw err;
  }
  const engine = new SyncEngine({
    cache,
    budget: ws.budget,
    genesys: ws.genesys,
    unipile: ws.unipile,
    events: options.events,
    ...(ws.demo ? { genesysSelf: ws.demo.genesysSelf, directorySeed: ws.demo.directory } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await engine.start();
  } catch (err) {
    engine.stop();
    await budgetStore?.close();
    await cache.close();
    throw err;
  }
  return {
    engine,
    path,
    async close() {
      engine.stop();
      // In-flight calls were aborted; give them a moment to settle before the database goes away.
      await Promise.race([engine.whenIdle().catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())]);
      // Last, so the calls that were in flight are in what is saved.
      await budgetStore?.close();
      await cache.close();
    },
  };
}

/** The cache's key/value store under BUDGET_KEY: counts and times only, nothing secret. */
function budgetStorage(cache: Pick<AsyncCache, 'getUiState' | 'setUiState'>): BudgetStorage {
  return { load: () => cache.getUiState(BUDGET_KEY), save: (value) => cache.setUiState(BUDGET_KEY, value, Date.now()) };
}

/**
 * The key lives in the keychain, never on disk. Without a keychain only the
 * demo can run, and its cache is wiped at every start anyway: a random key held
 * in memory for this run protects it just as well.
 */
async function cacheKey(ws: Workspace, vault: Vault): Promise<string> {
  if (ws.mode === 'demo' && !ws.keychain.available) return randomBytes(32).toString('hex');
  try {
    return await vault.getOrCreateCacheKey();
  } catch (err) {
    if (ws.mode === 'demo') return randomBytes(32).toString('hex');
    throw err;
  }
}
