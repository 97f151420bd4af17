import type { CacheApi, CacheStats } from './api';
import { AttachmentStore, DEFAULT_MAX_ATTACHMENT_BYTES } from './attachmentStore';
import { createCtx, type Ctx } from './context';
import * as conversations from './conversations';
import { openDb, restrictFiles } from './db';
import { forgetNames } from './ftsIndex';
import { appliedSeq, emptyIndex, queuedSeq } from './searchFile';
import * as messages from './messages';
import * as outbox from './outbox';
import { search } from './search';
import * as syncState from './syncState';

/** WAL size at which the worker checkpoints when the indexer thread does it too (see indexer.ts). */
const THREADED_CHECKPOINT_BYTES = 512 * 1024 * 1024;

export interface OpenCacheOptions {
  /** The database file (created with mode 0600 when missing). */
  path: string;
  /** The vault's cache key: 64 hex characters. */
  key: string;
  /** Cap of the attachment byte store (default 200 MB). */
  maxAttachmentBytes?: number;
  /**
   * Who applies the search queue (ftsIndex.ts): 'inline', each write itself (default: a write is
   * searchable when it returns); 'thread', the indexer thread the caller runs (the worker).
   */
  indexer?: 'inline' | 'thread';
}

/** The synchronous cache: what the worker runs, and what tests and benches use to measure the raw path. */
export interface CacheStore extends CacheApi {
  /**
   * Runs several writes as one commit; each write inside keeps its own
   * all-or-nothing (a savepoint), so one that fails leaves the others written.
   * With `isolate: false` they run without savepoints (each costs a copy of
   * every page it is first to touch) and the first that fails rolls the whole
   * batch back: for callers that can run it again isolated when that happens.
   */
  batch<T>(fn: () => T, options?: { isolate?: boolean }): T;
  /** The search index's progress, for the thread that runs the indexer (worker.ts). */
  index: {
    /** The newest queue row written: a search must wait until the index has applied it. */
    queued(): number;
    applied(): number;
    /** What the indexer thread reported applied. */
    noteApplied(seq: number): void;
    /** From now on each write applies the queue itself (the indexer thread is gone); catches up now. */
    goInline(): void;
  };
  close(): void;
}

/**
 * Opens the cache on the calling thread. In the app this runs inside the cache
 * worker (worker.ts); everything else should use `openCache` from client.ts.
 */
export function openCacheInThread(options: OpenCacheOptions): CacheStore {
  const db = openDb(options);
  const ctx = createCtx(db, { mode: options.indexer ?? 'inline', queued: queuedSeq(db), applied: appliedSeq(db), pruned: 0 });
  // Threaded, the indexer copies the WAL into the file as it goes (indexer.ts): this connection's own
  // checkpoints only bound the WAL.
  if (ctx.index.mode === 'thread') db.pragma(`wal_autocheckpoint = ${Math.round(THREADED_CHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number))}`);
  // Inline, what is queued and not applied (a rebuild, a crash of a threaded run) is applied now.
  if (ctx.index.mode === 'inline' && ctx.index.applied < ctx.index.queued) ctx.write(() => undefined);
  const bytes = new AttachmentStore(ctx, options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES);
  let closed = false;

  const store: CacheStore = {
    upsertAccounts: (a) => conversations.upsertAccounts(ctx, a),
    listAccounts: () => conversations.listAccounts(ctx),
    upsertConversations: (c) => conversations.upsertConversations(ctx, c),
    getConversation: (id) => conversations.getConversation(ctx, id),
    listInbox: (q) => conversations.listInbox(ctx, q),
    setConversationFlags: (id, flags) => conversations.setConversationFlags(ctx, id, flags),
    removeConversation: (id) => conversations.removeConversation(ctx, id),
    upsertPeople: (p) => conversations.upsertPeople(ctx, p),
    getPeople: (ids) => conversations.getPeople(ctx, ids),
    queryPeople: (text, limit) => conversations.queryPeople(ctx, text, limit),
    listConversationAccounts: () => conversations.listConversationAccounts(ctx),

    upsertMessages: (m, cursor) => messages.upsertMessages(ctx, m, cursor),
    deleteMessages: (ids) => messages.deleteMessages(ctx, ids),
    getMessages: (ids) => messages.getMessages(ctx, ids),
    messagesPage: (q) => messages.messagesPage(ctx, q),
    newestMessage: (id) => messages.newestMessage(ctx, id),
    oldestMessage: (id) => messages.oldestMessage(ctx, id),
    setPins: (id, ids) => messages.setPins(ctx, id, ids),
    getPins: (id) => messages.getPins(ctx, id),

    search: (q) => search(ctx, q),

    getAttachmentBytes: (messageId, attachmentId) => bytes.get(messageId, attachmentId),
    putAttachmentBytes: (messageId, attachment, data) => bytes.put(messageId, attachment, data),

    recordDirectory: (entry) => syncState.recordDirectory(ctx, entry),
    listDirectory: () => syncState.listDirectory(ctx),
    markPolled: (id, at) => syncState.markPolled(ctx, id, at),

    getDraft: (id) => syncState.getDraft(ctx, id),
    setDraft: (draft) => syncState.setDraft(ctx, draft),
    clearDraft: (id) => syncState.clearDraft(ctx, id),

    enqueue: (op, clientId, now) => outbox.enqueue(ctx, op, clientId, now),
    dueOutbox: (now, limit) => outbox.dueOutbox(ctx, now, limit),
    updateOutbox: (seq, patch) => outbox.updateOutbox(ctx, seq, patch),
    listOutbox: (states) => outbox.listOutbox(ctx, states),
    removeOutbox: (seq) => outbox.removeOutbox(ctx, seq),

    getCursor: (key) => syncState.getCursor(ctx, key),
    setCursor: (key, value) => syncState.setCursor(ctx, key, value),
    getUiState: (key) => syncState.getUiState(ctx, key),
    setUiState: (key, value, now) => syncState.setUiState(ctx, key, value, now),

    stats: () => stats(ctx, bytes),
    clear: () => {
      clear(ctx);
      if (options.path !== ':memory:') restrictFiles(options.path);
    },
    integrityCheck: () => integrityCheck(ctx),

    batch: (fn, options) => ctx.write(fn, { nested: options?.isolate === false ? 'inline' : 'savepoint' }),

    index: {
      queued: () => ctx.index.queued,
      applied: () => ctx.index.applied,
      noteApplied: (seq) => {
        // Reports can cross a clear, which moved the mark ahead: it only ever moves forward.
        if (seq > ctx.index.applied) ctx.index.applied = seq;
      },
      goInline: () => {
        ctx.index.mode = 'inline';
        ctx.index.applied = appliedSeq(db);
        ctx.write(() => undefined);
      },
    },

    close: () => {
      if (closed) return;
      closed = true;
      // Folds the WALs back so the files on disk are whole on their own.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('search.wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
  return store;
}

function stats(ctx: Ctx, bytes: AttachmentStore): CacheStats {
  const count = (sql: string) => ctx.sql(sql).pluck().get() as number;
  return {
    conversations: count('SELECT count(*) FROM conversations WHERE present = 1'),
    messages: count('SELECT count(*) FROM messages'),
    people: count('SELECT count(*) FROM people WHERE name IS NOT NULL'),
    outboxPending: outbox.outboxPendingCount(ctx),
    attachmentBytes: bytes.totalBytes(),
    dbBytes: fileBytes(ctx, 'main') + fileBytes(ctx, 'search'),
  };
}

const fileBytes = (ctx: Ctx, schema: string) =>
  (ctx.db.pragma(`${schema}.page_count`, { simple: true }) as number) * (ctx.db.pragma(`${schema}.page_size`, { simple: true }) as number);

/** Children before parents, so no foreign key is ever left dangling mid-way. */
const TABLES = ['attachment_bytes', 'reactions', 'attachments', 'pins', 'messages', 'conversations', 'people', 'accounts', 'directory', 'drafts', 'outbox', 'cursors', 'ui_state'];

function clear(ctx: Ctx): void {
  ctx.write(() => {
    ctx.db.exec("INSERT INTO name_search (name_search) VALUES ('delete-all')");
    for (const table of TABLES) ctx.db.exec(`DELETE FROM ${table}`);
    ctx.db.exec("DELETE FROM sqlite_sequence WHERE name = 'outbox'");
    // The search file too (waiting for the indexer thread's pass, if one is running): its mark moves
    // to the newest queue row, which goes with the rest of the queue.
    emptyIndex(ctx.db);
    ctx.db.exec('DELETE FROM search_queue');
  });
  ctx.index.applied = ctx.index.pruned = ctx.index.queued;
  ctx.refs.forget();
  forgetNames(ctx);
  // Hand the freed pages back and empty the WALs: nothing of the old data stays in the files.
  for (const schema of ['main', 'search']) {
    ctx.db.pragma(`${schema}.incremental_vacuum`);
    ctx.db.pragma(`${schema}.wal_checkpoint(TRUNCATE)`);
  }
}

function integrityCheck(ctx: Ctx): string {
  const problems: string[] = [];
  const integrity = ctx.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(row.integrity_check);
  const fk = ctx.db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of fk) problems.push(`foreign key: ${row.table} row ${row.rowid} names a missing ${row.parent}`);
  try {
    // rank = 1: also compares the index with its content table, row by row.
    ctx.db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
  } catch (err) {
    problems.push(`search index: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The content table against the messages, once the index has applied everything queued.
  if (appliedSeq(ctx.db) >= queuedSeq(ctx.db)) {
    const differ = ctx
      .sql(
        `SELECT (SELECT count(*) FROM message_search_source s LEFT JOIN search.message_search_docs d ON d.rid = s.rid WHERE d.rid IS NULL OR d.text != s.text OR d.scope != s.scope)
              + (SELECT count(*) FROM search.message_search_docs d LEFT JOIN message_search_source s ON s.rid = d.rid WHERE s.rid IS NULL)`,
      )
      .pluck()
      .get() as number;
    if (differ > 0) problems.push(`search index: ${differ} messages indexed other than they are`);
  }
  return problems.length === 0 ? 'ok' : problems.join('\n');
}
