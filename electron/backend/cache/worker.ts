import { constants } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { changedReply, packedCount, unpackMessages } from './pack';
import {
  toCacheWireError,
  type CacheRequest,
  type CacheResponse,
  type CacheStartup,
  type CacheWorkerData,
  type IndexerReport,
  type IndexerRequest,
  type IndexerWorkerData,
} from './protocol';
import { openCacheInThread, type CacheStore } from './store';
import { lowerThreadPriority, resolveThreadEntry } from './threadEntry';

/**
 * The cache worker: owns the database connection and answers CacheClient's
 * requests in arrival order, so no query, however slow, runs on the main
 * thread's event loop. Built as its own entry (out/main/cacheWorker.js) for
 * Electron; under tsx and vitest the client starts this file through the tsx
 * loader.
 *
 * Consecutive upsertMessages requests that queued up while the worker was busy
 * are written in one commit: a commit's cost is mostly the pages it rewrites,
 * and batches that arrive together share most of them. Replies go out after
 * the commit.
 *
 * Reads do not wait behind sync's queued message batches: a read goes ahead of
 * the upsertMessages requests at the end of the queue (never ahead of any other
 * write, so a caller that wrote a draft or an outbox entry reads it back). Every
 * caller awaits its upsert before telling anyone about it, so a read that
 * overtakes one misses nothing it was told about. While reads are coming (the
 * user is looking), groups are kept small so one waits at most a short commit;
 * a bulk backfill nobody is reading alongside gets the large, efficient ones.
 *
 * The search index is written by a thread of this worker's own (indexer.ts),
 * told after each commit that queued something. A search waits until the index
 * has applied everything queued when it arrived, so it finds every message
 * written before it (other requests go on meanwhile); the integrity check waits
 * the same way. Should that thread fail, the writes here apply the queue
 * themselves.
 */

/** Built beside this worker's bundle by electron-vite (see electron.vite.config.ts). */
export const INDEXER_BUNDLE = 'cacheIndexer.js';
/** How long close waits for the indexer's pass in progress before stopping it where it is. */
const INDEXER_STOP_MS = 10_000;

const port = parentPort;
if (!port) throw new Error('cache worker: must run in a worker thread');

/**
 * Messages written in one commit at most. A commit rewrites every index page its rows touched, and
 * message ids hash all over their index, so at a million messages a commit of 1,000 rewrites nearly
 * as much as one of 30,000; the cap keeps a deep queue replying in steps of half a second (measured:
 * 16,000 and 32,000 ingest alike, 8,000 some 10% slower).
 */
const GROUP_MESSAGES = 16_000;
/** The cap while reads are coming: a commit of this many takes some tens of milliseconds. */
const INTERACTIVE_GROUP_MESSAGES = 2_000;
/** Reads in the last this many ms make the worker interactive. */
const INTERACTIVE_MS = 2_000;

/** Methods that only read: they may go ahead of queued message batches. */
const READS: ReadonlySet<CacheRequest['method']> = new Set<CacheRequest['method']>([
  'listAccounts',
  'getConversation',
  'listInbox',
  'getPeople',
  'queryPeople',
  'listConversationAccounts',
  'getMessages',
  'messagesPage',
  'newestMessage',
  'oldestMessage',
  'getPins',
  'search',
  'getAttachmentBytes',
  'listDirectory',
  'getDraft',
  'listOutbox',
  'getCursor',
  'getUiState',
  'stats',
]);

// On a busy machine the window's thread must win the CPU over a backfill.
lowerThreadPriority(constants.priority.PRIORITY_BELOW_NORMAL);

const data = workerData as CacheWorkerData;
let store: CacheStore | undefined;
let indexer: Worker | undefined;

const queue: CacheRequest[] = [];
let draining = false;
let lastReadAt = -Infinity;
/**
 * Requests that read the search index wait until it has applied everything queued before them: a
 * search so it finds every message written before it, the integrity check so it checks the index
 * whole and does not take the search file's write lock (FTS5's check is a write) from under the
 * indexer's pass (on a busy machine that pass can outlast the connection's busy timeout).
 */
const NEEDS_INDEX: ReadonlySet<CacheRequest['method']> = new Set<CacheRequest['method']>(['search', 'integrityCheck']);
/** Requests waiting for the index to apply the queue row they need. */
const parked: Array<{ req: CacheRequest; need: number }> = [];
/** The newest queue row the indexer has been told about. */
let announced = 0;
let indexerStopped: (() => void) | undefined;

try {
  store = openCacheInThread({ ...data, indexer: data.path === ':memory:' ? 'inline' : 'thread' });
  if (data.path !== ':memory:') startIndexer(store);
  port.postMessage({ type: 'ready' } satisfies CacheStartup);
} catch (err) {
  port.postMessage({ type: 'failed', error: toCacheWireError(err) } satisfies CacheStartup);
}

function startIndexer(s: CacheStore): void {
  let thread: Worker;
  try {
    const { file, execArgv } = resolveThreadEntry(INDEXER_BUNDLE, 'indexer.ts', 'search indexer');
    thread = new Worker(file, { workerData: { path: data.path, key: data.key } satisfies IndexerWorkerData, execArgv });
  } catch {
    // No thread to be had: each write applies the queue itself.
    s.index.goInline();
    return;
  }
  indexer = thread;
  thread.on('message', (msg: IndexerReport) => {
    if (msg.type === 'applied') {
      s.index.noteApplied(msg.seq);
      releaseParked(s);
    } else if (msg.type === 'failed') indexerGone(s);
    else indexerStopped?.();
  });
  thread.on('error', () => indexerGone(s));
  thread.on('exit', () => {
    if (indexerStopped) indexerStopped();
    else indexerGone(s);
  });
  // A queue left by a crash, a rebuild of the search file: to work at once.
  announce();
}

/** The indexer failed or ended unasked: from now on the writes here apply the queue. */
function indexerGone(s: CacheStore): void {
  if (!indexer || indexerStopped) return;
  const thread = indexer;
  indexer = undefined;
  void thread.terminate();
  try {
    s.index.goInline();
  } finally {
    releaseParked(s);
  }
}

/** Tells the indexer about queue rows written since it was last told. */
function announce(): void {
  if (!store || !indexer) return;
  const queued = store.index.queued();
  if (queued <= announced) return;
  announced = queued;
  indexer.postMessage({ type: 'work' } satisfies IndexerRequest);
}

function releaseParked(s: CacheStore): void {
  if (parked.length === 0) return;
  const applied = s.index.applied();
  const ready = parked.filter((p) => !indexer || p.need <= applied);
  if (ready.length === 0) return;
  parked.splice(0, parked.length, ...parked.filter((p) => !ready.includes(p)));
  // Not through answer(): a request that waited its turn is not sent back for writes that came since.
  for (const p of ready) respond(s, p.req);
}

port.on('message', (req: CacheRequest) => {
  const read = READS.has(req.method);
  if (read) lastReadAt = performance.now();
  // Nothing to group with and nothing ahead of it: answer at once.
  if (queue.length === 0 && !draining && req.method !== 'upsertMessages' && req.method !== 'close' && store) {
    answer(store, req);
    announce();
    return;
  }
  if (read) {
    // Ahead of the message batches at the end of the queue, behind everything else.
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.method === 'upsertMessages') at--;
    queue.splice(at, 0, req);
  } else queue.push(req);
  // Let the rest of what already arrived join the queue before working through it.
  schedule();
});

function schedule(): void {
  if (draining) return;
  draining = true;
  setImmediate(drain);
}

/** One step: a group of message batches or one request, then a turn for newly arrived requests. */
function drain(): void {
  draining = false;
  if (queue.length === 0 || !store) return;
  const first = queue[0]!;
  if (first.method === 'upsertMessages') {
    const cap = performance.now() - lastReadAt < INTERACTIVE_MS ? INTERACTIVE_GROUP_MESSAGES : GROUP_MESSAGES;
    let n = 1;
    let size = packedSize(first);
    while (n < queue.length && queue[n]!.method === 'upsertMessages' && size < cap) size += packedSize(queue[n++]!);
    writeGroup(store, queue.splice(0, n));
  } else {
    queue.shift();
    if (first.method === 'close') {
      void close(store, first.id);
      return;
    }
    answer(store, first);
  }
  announce();
  if (queue.length > 0) schedule();
}

function packedSize(req: CacheRequest): number {
  return req.method === 'upsertMessages' ? packedCount(req.args[0]) : 0;
}

/** One request of a group (drain groups only upserts), written and answered. */
function writeOne(s: CacheStore, req: CacheRequest): CacheResponse {
  if (req.method !== 'upsertMessages') throw new Error('cache worker: only upserts are grouped');
  return { id: req.id, ok: true, value: changedReply(s.upsertMessages(unpackMessages(req.args[0]), req.args[1]).changed) };
}

function writeGroup(s: CacheStore, group: CacheRequest[]): void {
  // Almost always every write succeeds: first all of them as one plain transaction. A savepoint per
  // write would copy every page each one is first to touch, on the chance that it fails.
  let replies: CacheResponse[] | null = null;
  try {
    replies = s.batch(() => group.map((req) => writeOne(s, req)), { isolate: false });
  } catch {
    // One of them failed and took the others back with it: again, each in a savepoint, so the
    // failure stays its own.
  }
  if (!replies) {
    replies = [];
    try {
      s.batch(() => {
        for (const req of group) {
          try {
            replies!.push(writeOne(s, req));
          } catch (err) {
            replies!.push({ id: req.id, ok: false, error: toCacheWireError(err) });
          }
        }
      });
    } catch (err) {
      // The commit itself failed: none of the group was written.
      const error = toCacheWireError(err);
      replies = group.map((req) => ({ id: req.id, ok: false, error }));
    }
  }
  for (const r of replies) port!.postMessage(r);
}

function answer(s: CacheStore, req: CacheRequest): void {
  if (NEEDS_INDEX.has(req.method) && indexer && s.index.applied() < s.index.queued()) {
    parked.push({ req, need: s.index.queued() });
    announce();
    return;
  }
  respond(s, req);
}

function respond(s: CacheStore, req: CacheRequest): void {
  try {
    let value: unknown;
    const transfer: ArrayBuffer[] = [];
    if (req.method === 'getAttachmentBytes') {
      const found = s.getAttachmentBytes(...req.args);
      if (found) {
        // A private copy, handed over rather than cloned: the reply costs no second copy.
        const bytes = new Uint8Array(found.bytes);
        transfer.push(bytes.buffer);
        value = { mimeType: found.mimeType, bytes };
      } else value = null;
    } else {
      value = (s[req.method as keyof CacheStore] as (...args: unknown[]) => unknown)(...(req.args as unknown[]));
    }
    port!.postMessage({ id: req.id, ok: true, value } satisfies CacheResponse, transfer);
  } catch (err) {
    port!.postMessage({ id: req.id, ok: false, error: toCacheWireError(err) } satisfies CacheResponse);
  }
}

async function close(s: CacheStore, id: number): Promise<void> {
  await stopIndexer();
  // Requests still waiting are answered from the index as it is.
  for (const p of parked.splice(0)) respond(s, p.req);
  let res: CacheResponse;
  try {
    s.close();
    res = { id, ok: true, value: undefined };
  } catch (err) {
    res = { id, ok: false, error: toCacheWireError(err) };
  }
  store = undefined;
  port!.postMessage(res);
  port!.close();
}

/** Lets the indexer finish its pass and close its connection (what it has not applied stays queued). */
async function stopIndexer(): Promise<void> {
  const thread = indexer;
  if (!thread) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => void thread.terminate(), INDEXER_STOP_MS);
    indexerStopped = () => {
      clearTimeout(timer);
      resolve();
    };
    thread.postMessage({ type: 'stop' } satisfies IndexerRequest);
  });
  indexer = undefined;
}
