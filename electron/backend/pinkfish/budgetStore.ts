import type { RequestBudget, RestoreResult } from './budget';

/**
 * Keeps the request budget across restarts. The platform counts every call in
 * its hour and day windows whatever the app does in between, so a budget that
 * started from zero at each start would let a user who restarts often go past
 * the limits without noticing (and forget a Retry-After pause in force).
 *
 * Writes are batched: the first change after a save schedules the next save
 * `intervalMs` later (one write every few seconds at most, never one per call),
 * a new pause is saved at once (it is rare, and a crash must not forget it),
 * and `close()` saves whatever is left. A run that crashes loses at most the
 * last interval's calls. What is stored is counts and times only, nothing
 * secret; where it is stored is the caller's (the app: the cache, see
 * app/offline.ts).
 */

export interface BudgetStorage {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
}

export interface BudgetStoreOptions {
  /** Longest a change waits before it is saved (default 5 s). */
  intervalMs?: number;
  log?: (message: string, err: unknown) => void;
  /** Injectable for tests; timers never keep the process alive. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface BudgetPersistence {
  /** What the load put back (or why nothing was). */
  readonly restore: RestoreResult | { restored: false; reason: 'none' | 'unreadable' };
  /** Saves now if anything changed since the last save. */
  flush(): Promise<void>;
  /** Stops following the budget and saves what is left; never throws. */
  close(): Promise<void>;
}

/** A stored value bigger than this is not a record (a full day is about 25 kB). */
const MAX_STORED_CHARS = 256 * 1024;

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  // A pending save must never keep a process alive on its own: close() saves what is left.
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

/**
 * Restores the budget from `storage`, then saves it there as it changes. Call it before the first call
 * goes out (the app does so before sync starts and before any channel can reach a provider).
 */
export async function persistBudget(budget: RequestBudget, storage: BudgetStorage, options: BudgetStoreOptions = {}): Promise<BudgetPersistence> {
  const intervalMs = options.intervalMs ?? 5000;
  const log = options.log ?? (() => {});
  const setTimer = options.setTimer ?? defaultTimer;

  let restore: BudgetPersistence['restore'];
  try {
    const raw = await storage.load();
    restore = raw === null ? { restored: false, reason: 'none' } : budget.restore(parse(raw));
  } catch (err) {
    // The store could not be read: start from what this run counts rather than not start.
    log('budget: the saved request budget could not be read', err);
    restore = { restored: false, reason: 'unreadable' };
  }
  if (!restore.restored && (restore.reason === 'malformed' || restore.reason === 'future')) {
    // Not an error the user can act on; said once in the log so a reset budget is explained.
    log('budget: ignored the saved request budget', restore.reason === 'future' ? 'written by a clock ahead of this one' : 'not a budget record');
  }

  let dirty = false;
  let closed = false;
  let timer: { cancel(): void } | null = null;
  let writing: Promise<void> = Promise.resolve();
  let savedPause: number | null = budget.snapshot().pausedUntil;

  const write = (): Promise<void> => {
    timer?.cancel();
    timer = null;
    if (!dirty) return writing;
    dirty = false;
    // One write at a time, in order: a slow one is never overtaken by an older record.
    writing = writing.then(async () => {
      const record = budget.toRecord();
      savedPause = record.pausedUntil;
      try {
        await storage.save(JSON.stringify(record));
      } catch (err) {
        dirty = true;
        log('budget: the request budget could not be saved', err);
      }
    });
    return writing;
  };

  const schedule = (ms: number) => {
    if (closed || timer) return;
    timer = setTimer(() => {
      timer = null;
      void write();
    }, ms);
  };

  const unsubscribe = budget.onChange((s) => {
    dirty = true;
    if (s.pausedUntil !== null && (savedPause === null || s.pausedUntil > savedPause)) {
      timer?.cancel();
      timer = null;
      schedule(0);
    } else schedule(intervalMs);
  });

  // Attached again to a fresh cache (cleared under the same workspace): put what this run knows there.
  const s = budget.snapshot();
  if (!restore.restored && (s.usedLastDay > 0 || s.pausedUntil !== null)) {
    dirty = true;
    schedule(intervalMs);
  }

  return {
    restore,
    flush: write,
    async close() {
      if (closed) return writing;
      closed = true;
      unsubscribe();
      // After the write in flight, so one that failed is tried once more.
      await writing;
      await write();
    },
  };
}

/** The stored text as JSON, or undefined (which `restore` treats as malformed). */
function parse(raw: string): unknown {
  if (raw.length > MAX_STORED_CHARS) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
