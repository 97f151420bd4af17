import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import type { DirectoryEntry, Draft } from './api';
import type { Ctx } from './context';
import { invalid } from './errors';

/** The Genesys room directory, drafts, sync cursors and the window state kept between starts. */

/** A stronger way of knowing a room replaces a weaker one (joining a room first seen in a mention). */
const VIA_RANK: Record<DirectoryEntry['via'], number> = { created: 5, joined: 4, opened: 3, seen: 2, mentioned: 1 };

export function recordDirectory(ctx: Ctx, entry: Pick<DirectoryEntry, 'conversationId' | 'via'> & { lastActivity?: number }): void {
  if (!(entry.via in VIA_RANK)) throw invalid(`Unknown directory source ${String(entry.via)}.`, 'via');
  ctx.write(() => {
    const existing = ctx.sql('SELECT via, last_activity FROM directory WHERE conversation_id = ?').get(entry.conversationId) as { via: DirectoryEntry['via']; last_activity: number | null } | undefined;
    if (!existing) {
      ctx.sql('INSERT INTO directory (conversation_id, via, last_activity) VALUES (?, ?, ?)').run(entry.conversationId, entry.via, entry.lastActivity ?? null);
      return;
    }
    const via = VIA_RANK[entry.via] > VIA_RANK[existing.via] ? entry.via : existing.via;
    const lastActivity = entry.lastActivity === undefined ? existing.last_activity : Math.max(entry.lastActivity, existing.last_activity ?? entry.lastActivity);
    ctx.sql('UPDATE directory SET via = ?, last_activity = ? WHERE conversation_id = ?').run(via, lastActivity, entry.conversationId);
  });
}

export function listDirectory(ctx: Ctx): DirectoryEntry[] {
  const rows = ctx.sql('SELECT conversation_id, via, last_activity, last_polled FROM directory ORDER BY ifnull(last_activity, 0) DESC, conversation_id').all() as Array<{
    conversation_id: ConversationId;
    via: DirectoryEntry['via'];
    last_activity: number | null;
    last_polled: number | null;
  }>;
  return rows.map((r) => ({ conversationId: r.conversation_id, via: r.via, lastActivity: r.last_activity, lastPolled: r.last_polled }));
}

export function markPolled(ctx: Ctx, conversationId: ConversationId, at: number): void {
  ctx.write(() => ctx.sql('UPDATE directory SET last_polled = ? WHERE conversation_id = ?').run(at, conversationId));
}

export function getDraft(ctx: Ctx, conversationId: ConversationId): Draft | null {
  const row = ctx.sql('SELECT text, quote_id, thread_root_id, updated_at FROM drafts WHERE conversation_id = ?').get(conversationId) as
    | { text: string; quote_id: string | null; thread_root_id: string | null; updated_at: number }
    | undefined;
  if (!row) return null;
  const draft: Draft = { conversationId, text: row.text, updatedAt: row.updated_at };
  if (row.quote_id !== null) draft.quoteId = row.quote_id as MessageId;
  if (row.thread_root_id !== null) draft.threadRootId = row.thread_root_id as MessageId;
  return draft;
}

export function setDraft(ctx: Ctx, draft: Draft): void {
  ctx.write(() =>
    ctx
      .sql(
        `INSERT INTO drafts (conversation_id, text, quote_id, thread_root_id, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, quote_id = excluded.quote_id, thread_root_id = excluded.thread_root_id, updated_at = excluded.updated_at`,
      )
      .run(draft.conversationId, draft.text, draft.quoteId ?? null, draft.threadRootId ?? null, draft.updatedAt),
  );
}

export function clearDraft(ctx: Ctx, conversationId: ConversationId): void {
  ctx.write(() => ctx.sql('DELETE FROM drafts WHERE conversation_id = ?').run(conversationId));
}

export function getCursor(ctx: Ctx, key: string): string | null {
  return (ctx.sql('SELECT value FROM cursors WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setCursor(ctx: Ctx, key: string, value: string): void {
  if (typeof key !== 'string' || key.length === 0) throw invalid('A cursor needs a key.', 'key');
  if (typeof value !== 'string') throw invalid('A cursor value must be text.', 'value');
  ctx.write(() => ctx.sql('INSERT INTO cursors (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
}

export function getUiState(ctx: Ctx, key: string): string | null {
  return (ctx.sql('SELECT value FROM ui_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setUiState(ctx: Ctx, key: string, value: string | null, now: number): void {
  if (typeof key !== 'string' || key.length === 0) throw invalid('Window state needs a key.', 'key');
  if (value !== null && typeof value !== 'string') throw invalid('Window state must be text.', 'value');
  ctx.write(() => {
    if (value === null) ctx.sql('DELETE FROM ui_state WHERE key = ?').run(key);
    else ctx.sql('INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, value, now);
  });
}
