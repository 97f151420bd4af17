import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/result';
import type { CacheApi, CacheMethod } from './api';
import { changedIds, packMessages, type PackedMessages, type UpsertReply } from './pack';
import { CACHE_METHODS, fromCacheWireError, type CacheResponse, type CacheStartup, type CacheWorkerData } from './protocol';
import type { OpenCacheOptions } from './store';
import { resolveThreadEntry } from './threadEntry';

export { openCacheInThread, type CacheStore, type OpenCacheOptions } from './store';
export { deleteCacheFiles } from './db';
export { isCacheUnusable } from './errors';

/** Each method of T, returning a promise of what it returned. */
export type Promisified<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** The cache as the main thread uses it: every CacheApi method, answered by the cache worker. */
export type CacheClient = Promisified<CacheApi> & {
  /** Checkpoints and closes the database, then ends the worker. Calls after it reject. */
  close(): Promise<void>;
};

/** Built beside the main bundle by electron-vite (see electron.vite.config.ts). */
export const WORKER_BUNDLE = 'cacheWorker.js';

/** Where the worker's code is (threadEntry.ts). */
export function resolveWorker(): { file: string; execArgv: string[] } {
  return resolveThreadEntry(WORKER_BUNDLE, 'worker.ts', 'cache worker');
}

/**
 * Opens the cache in a worker thread. Rejects with the worker's own error when
 * the database cannot be opened (`isCacheUnusable(err)`: delete the files with
 * `deleteCacheFiles(path)` and open again).
 */
export async function openCache(options: OpenCacheOptions): Promise<CacheClient> {
  const { file, execArgv } = resolveWorker();
  const data: CacheWorkerData = { path: options.path, key: options.key };
  if (options.maxAttachmentBytes !== undefined) data.maxAttachmentBytes = options.maxAttachmentBytes;
  const worker = new Worker(file, { workerData: data, execArgv });

  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: CacheStartup) => {
      cleanup();
      if (msg.type === 'ready') resolve();
      else {
        reject(fromCacheWireError(msg.error));
        void worker.terminate();
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new AppError('unavailable', `The cache could not start: ${err.message}`, { cause: err }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new AppError('unavailable', `The cache could not start (worker exited with ${code}).`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });

  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  // An idle cache must not keep the process alive; one with calls in flight must.
  worker.unref();
  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return p;
  };
  const stop = (err: Error) => {
    stopped ??= err;
    for (const [, p] of pending) p.reject(stopped);
    pending.clear();
  };

  worker.on('message', (res: CacheResponse) => {
    const p = settle(res.id);
    if (!p) return;
    if (res.ok) p.resolve(res.value);
    else p.reject(fromCacheWireError(res.error));
  });
  worker.on('error', (err) => stop(new AppError('unavailable', `The cache stopped: ${err.message}`, { cause: err })));
  worker.on('exit', () => stop(new AppError('unavailable', 'The cache is closed.')));

  const call = (method: CacheMethod | 'close', args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args }, transfer);
    });
  };

  const client = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of CACHE_METHODS) client[method] = (...args: unknown[]) => call(method, args);
  // Not an async function: one would keep the caller's messages alive (its frame) until the reply,
  // and a deep queue of batches in flight would then be copied by every collection on this thread.
  client.upsertMessages = (messages: unknown, cursor?: unknown) => {
    let packed: PackedMessages;
    try {
      packed = packMessages(messages as Parameters<CacheApi['upsertMessages']>[0]);
    } catch (err) {
      return Promise.reject(err);
    }
    const args = cursor === undefined ? [packed] : [packed, cursor];
    return call('upsertMessages', args, [packed.bytes.buffer as ArrayBuffer]).then((reply) => ({ changed: changedIds(reply as UpsertReply) }));
  };
  let closing: Promise<void> | undefined;
  client.close = () =>
    (closing ??= (async () => {
      if (!stopped) await call('close', []).catch(() => {});
      stop(new AppError('unavailable', 'The cache is closed.'));
      await worker.terminate();
    })());
  return client as unknown as CacheClient;
}
