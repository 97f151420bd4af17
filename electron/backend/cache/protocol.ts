import { AppError, errorCodes, type ErrorCode } from '../../../shared/ipc/result';
import type { CacheApi, CacheMethod } from './api';
import type { PackedMessages } from './pack';

/**
 * The messages between CacheClient (main thread) and the cache worker. One
 * request per call, answered by one response with the same id; the worker
 * handles them in arrival order, one at a time.
 */

/** Every CacheApi method, listed once: the client is built from this list and the worker dispatches on it. */
export const CACHE_METHODS = [
  'upsertAccounts',
  'listAccounts',
  'upsertConversations',
  'getConversation',
  'listInbox',
  'setConversationFlags',
  'removeConversation',
  'upsertPeople',
  'getPeople',
  'queryPeople',
  'listConversationAccounts',
  'upsertMessages',
  'deleteMessages',
  'getMessages',
  'messagesPage',
  'newestMessage',
  'oldestMessage',
  'setPins',
  'getPins',
  'search',
  'getAttachmentBytes',
  'putAttachmentBytes',
  'recordDirectory',
  'listDirectory',
  'markPolled',
  'getDraft',
  'setDraft',
  'clearDraft',
  'enqueue',
  'dueOutbox',
  'updateOutbox',
  'listOutbox',
  'removeOutbox',
  'getCursor',
  'setCursor',
  'getUiState',
  'setUiState',
  'stats',
  'clear',
  'integrityCheck',
] as const satisfies readonly CacheMethod[];

// A method added to CacheApi but not listed above fails to compile here.
type Unlisted = Exclude<CacheMethod, (typeof CACHE_METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

type Call<M extends CacheMethod> = { id: number; method: M; args: Parameters<CacheApi[M]> };

export type CacheRequest =
  | { [M in Exclude<CacheMethod, 'upsertMessages'>]: Call<M> }[Exclude<CacheMethod, 'upsertMessages'>]
  /** Messages travel packed (pack.ts); the cursor as it is. */
  | { id: number; method: 'upsertMessages'; args: [PackedMessages, { key: string; value: string }?] }
  | { id: number; method: 'close'; args: [] };

export interface CacheWireError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type CacheResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: CacheWireError };

/** The worker's first message: the database is open (or why it is not). */
export type CacheStartup = { type: 'ready' } | { type: 'failed'; error: CacheWireError };

/** What the worker was started with. */
export interface CacheWorkerData {
  path: string;
  key: string;
  maxAttachmentBytes?: number;
}

/** The cache worker → its search indexer thread (indexer.ts). */
export type IndexerRequest = { type: 'work' } | { type: 'stop' };
/** The indexer → the worker: a pass's mark, a failure (the worker then applies the queue itself), the end. */
export type IndexerReport = { type: 'applied'; seq: number } | { type: 'failed'; message: string } | { type: 'stopped' };
export interface IndexerWorkerData {
  path: string;
  key: string;
}

export function toCacheWireError(err: unknown): CacheWireError {
  if (err instanceof AppError) {
    const out: CacheWireError = { code: err.code, message: err.message };
    if (err.field !== undefined) out.field = err.field;
    return out;
  }
  // Not meant for the user, but the backend's log wants the detail (a SQLite message names no data).
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * The error as the caller sees it: an AppError for the ones the cache meant,
 * a plain Error for the rest, so the IPC layer keeps their text out of the
 * renderer like any other internal failure.
 */
export function fromCacheWireError(e: CacheWireError): Error {
  if (e.code === 'internal' || !(errorCodes as readonly string[]).includes(e.code)) {
    const err = new Error(`cache: ${e.message}`);
    err.name = 'CacheError';
    return err;
  }
  return new AppError(e.code, e.message, e.field === undefined ? {} : { field: e.field });
}
