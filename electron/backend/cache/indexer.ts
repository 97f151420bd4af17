import { constants } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from './db';
import type { IndexerReport, IndexerRequest, IndexerWorkerData } from './protocol';
import { indexPass } from './searchFile';
import type { Db } from './sqlite';
import { lowerThreadPriority } from './threadEntry';

/**
 * The search indexer: a thread of the cache worker's own (started by
 * worker.ts), with a connection of its own, that applies the search queue to
 * the search file (searchFile.ts) while the worker writes the next messages.
 * It only reads the cache file and only writes the search file, so neither
 * waits for the other's commits. Built as its own entry (out/main/cacheIndexer.js)
 * for Electron; under tsx the worker starts this file through the tsx loader.
 *
 * Told 'work' after each commit that queued something, it applies passes until
 * the queue is empty, reporting each pass's mark; told 'stop', it ends after the
 * pass it is in.
 */

const port = parentPort;
if (!port) throw new Error('cache indexer: must run in a worker thread');

/**
 * Messages per pass (one transaction of the search file). Searches wait for the pass in progress, so
 * this bounds that wait to some hundreds of milliseconds, while keeping the index's segments large.
 */
const PASS_MESSAGES = 40_000;
/** A pass that met a lock (a clear writing the search file) is tried again after this long. */
const BUSY_RETRY_MS = 50;
/**
 * The cache's WAL is copied into the cache file from here, at most this often while writes come: the
 * copy and its fsyncs then run on this thread's core, not the worker's (which still checkpoints past
 * a larger WAL, db.ts, as a bound; by then most of it is copied).
 */
const CHECKPOINT_EVERY_MS = 1_000;
let checkpointedAt = 0;

// Below the window's thread and the worker (worker.ts): on a 2-core machine the three can all want a
// core during a backfill, and the index may trail the messages a little, the messages not the window.
// (Measured: at the worker's priority the worker waited more, 49,400 against 50,900 msgs/s.)
lowerThreadPriority(constants.priority.PRIORITY_LOW);

const data = workerData as IndexerWorkerData;
let db: Db | undefined;
try {
  db = openDb({ path: data.path, key: data.key });
} catch (err) {
  report({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}

let running = false;
let stopping = false;

port.on('message', (msg: IndexerRequest) => {
  if (msg.type === 'stop') {
    stopping = true;
    if (!running) finish();
    return;
  }
  if (!running && db) {
    running = true;
    setImmediate(step);
  }
});

function step(): void {
  if (!db || stopping) return finish();
  let more = false;
  try {
    const pass = db.transaction(() => indexPass(db!, PASS_MESSAGES))();
    report({ type: 'applied', seq: pass.applied });
    more = pass.more;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      setTimeout(step, BUSY_RETRY_MS);
      return;
    }
    // Anything else is not going to pass on a second try: the worker applies the queue itself from here.
    report({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return finish();
  }
  if (performance.now() - checkpointedAt >= CHECKPOINT_EVERY_MS) {
    checkpointedAt = performance.now();
    try {
      db.pragma('main.wal_checkpoint(PASSIVE)');
    } catch {
      // The worker's own checkpoints still bound the WAL.
    }
  }
  if (more) setImmediate(step);
  else running = false;
}

function finish(): void {
  running = false;
  try {
    db?.close();
  } catch {
    // Closing is all that is left; the worker checkpoints the search file itself.
  }
  db = undefined;
  report({ type: 'stopped' });
  port!.close();
}

function report(msg: IndexerReport): void {
  port!.postMessage(msg);
}
