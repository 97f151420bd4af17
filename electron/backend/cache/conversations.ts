import type { AccountId, ConversationId, PersonId } from '../../../shared/domain/ids';
import { parseConversationId, parseSourcedId } from '../../../shared/domain/ids';
import type { Account, Conversation, Person } from '../../../shared/domain/model';
import { foldText } from '../../../shared/domain/textFold';
import type { InboxPage, InboxQuery } from './api';
import type { Ctx } from './context';
import { invalid } from './errors';
import { conversationTitleRow, personNameRow, queueForIndex, setName } from './ftsIndex';

/** Accounts, people, conversations and the inbox. */

/**
 * As the inbox's type-to-filter compares titles: lower case, without diacritics, look-alike
 * apostrophes, quotes and dashes made plain (shared/domain/textFold.ts). Stored in `title_folded`.
 */
export const fold = foldText;

// ---- accounts ---------------------------------------------------------------------

export function upsertAccounts(ctx: Ctx, accounts: readonly Account[]): void {
  ctx.write(() => {
    const upsert = ctx.sql(
      `INSERT INTO accounts (id, source, network, name, status, self_person_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET source = excluded.source, network = excluded.network, name = excluded.name, status = excluded.status,
         self_person_id = ifnull(excluded.self_person_id, self_person_id)`,
    );
    for (const a of accounts) upsert.run(a.id, a.source, a.network, a.name, a.status, a.selfPersonId ?? null);
  });
}

export function listAccounts(ctx: Ctx): Account[] {
  const rows = ctx.sql('SELECT id, source, network, name, status, self_person_id FROM accounts ORDER BY id').all() as Array<{
    id: AccountId;
    source: Account['source'];
    network: Account['network'];
    name: string;
    status: Account['status'];
    self_person_id: PersonId | null;
  }>;
  return rows.map((r) => {
    const a: Account = { id: r.id, source: r.source, network: r.network, name: r.name, status: r.status };
    if (r.self_person_id !== null) a.selfPersonId = r.self_person_id;
    return a;
  });
}

// ---- people -----------------------------------------------------------------------

interface PersonRow {
  pid: number;
  id: PersonId;
  source: Person['source'];
  name: string | null;
  is_self: number;
  handle: string | null;
  profile_url: string | null;
  headline: string | null;
  has_picture: number | null;
  account_id: AccountId | null;
}

const PERSON_COLUMNS = 'pid, id, source, name, is_self, handle, profile_url, headline, has_picture, account_id';

/** A named person's row (both readers select only rows with a name). */
function toPerson(r: PersonRow): Person {
  const p: Person = { id: r.id, source: r.source, name: r.name!, isSelf: r.is_self !== 0 };
  if (r.handle !== null) p.handle = r.handle;
  if (r.profile_url !== null) p.profileUrl = r.profile_url;
  if (r.headline !== null) p.headline = r.headline;
  if (r.has_picture !== null) p.hasPicture = r.has_picture !== 0;
  if (r.account_id !== null) p.accountId = r.account_id;
  return p;
}

export function upsertPeople(ctx: Ctx, people: readonly Person[]): void {
  for (const p of people) {
    if (typeof p?.id !== 'string' || parseSourcedId(p.id) === null) throw invalid(`Not a person id: ${String(p?.id).slice(0, 80)}`, 'id');
    if (typeof p.name !== 'string') throw invalid(`Person ${p.id} has no name.`, 'name');
    if (p.accountId !== undefined && (typeof p.accountId !== 'string' || !p.accountId)) throw invalid(`Person ${p.id} has no valid account.`, 'accountId');
  }
  ctx.write(() => {
    // The account is kept when a later read does not say it (a message's sender names no account).
    const update = ctx.sql('UPDATE people SET source = ?, name = ?, is_self = ?, handle = ?, profile_url = ?, headline = ?, has_picture = ?, account_id = ifnull(?, account_id) WHERE pid = ?');
    for (const p of people) {
      const pid = ctx.refs.pid(p.id);
      const oldName = ctx.sql('SELECT name FROM people WHERE pid = ?').pluck().get(pid) as string | null;
      update.run(p.source, p.name, p.isSelf ? 1 : 0, p.handle ?? null, p.profileUrl ?? null, p.headline ?? null, p.hasPicture === undefined ? null : p.hasPicture ? 1 : 0, p.accountId ?? null, pid);
      if (oldName !== p.name) setName(ctx, personNameRow(pid), p.name);
    }
  });
}

export function getPeople(ctx: Ctx, ids: readonly PersonId[]): Person[] {
  const rows = ctx
    .sql(`SELECT ${PERSON_COLUMNS} FROM people WHERE name IS NOT NULL AND id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as PersonRow[];
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const out: Person[] = [];
  for (const id of new Set(ids)) {
    const r = byId.get(id);
    if (!r) continue;
    out.push(toPerson(r));
  }
  return out;
}

/**
 * People with a name whose name or handle contains `text`, folded (case, diacritics, look-alike
 * punctuation), ordered by name. People are thousands at most, so the rows are folded here rather
 * than indexed.
 */
export function queryPeople(ctx: Ctx, text: string, limit: number): Person[] {
  const want = fold(text.trim());
  const max = Math.max(1, Math.min(500, Math.floor(limit)));
  const rows = ctx.sql(`SELECT ${PERSON_COLUMNS} FROM people WHERE name IS NOT NULL ORDER BY name COLLATE NOCASE, id`).all() as PersonRow[];
  const out: Person[] = [];
  for (const r of rows) {
    if (want && !fold(r.name!).includes(want) && !(r.handle !== null && fold(r.handle).includes(want))) continue;
    out.push(toPerson(r));
    if (out.length >= max) break;
  }
  return out;
}

export function listConversationAccounts(ctx: Ctx): Array<{ accountId: AccountId; source: Conversation['source']; network: Conversation['network']; conversations: number }> {
  const rows = ctx.sql('SELECT account_id, source, network, count(*) AS n FROM conversations WHERE present = 1 GROUP BY account_id, source, network ORDER BY account_id').all() as Array<{
    account_id: AccountId;
    source: Conversation['source'];
    network: Conversation['network'];
    n: number;
  }>;
  return rows.map((r) => ({ accountId: r.account_id, source: r.source, network: r.network, conversations: r.n }));
}

// ---- conversations ----------------------------------------------------------------

interface ConversationRow {
  cid: number;
  id: ConversationId;
  account_id: AccountId;
  source: Conversation['source'];
  network: Conversation['network'];
  kind: Conversation['kind'];
  title: string;
  subject: string | null;
  description: string | null;
  avatar_person_id: PersonId | null;
  last_activity: number | null;
  last_message_preview: string | null;
  unread_count: number;
  muted: number;
  muted_until: number | null;
  archived: number;
  pinned: number;
  read_only: number;
  labels: string | null;
  disabled: string | null;
  edit_window_ms: number | null;
  delete_window_ms: number | null;
}

/** What upsertConversations writes (besides `present`), in the order of its values. */
const WRITTEN_COLUMNS = [
  'account_id', 'source', 'network', 'kind', 'title', 'title_folded', 'subject', 'description', 'avatar_person_id', 'last_activity',
  'last_message_preview', 'unread_count', 'muted', 'muted_until', 'archived', 'pinned', 'read_only', 'labels', 'disabled', 'edit_window_ms',
  'delete_window_ms',
] as const;
type WrittenColumn = (typeof WRITTEN_COLUMNS)[number];

const CONVERSATION_COLUMNS =
  'cid, id, account_id, source, network, kind, title, subject, description, avatar_person_id, last_activity, last_message_preview, unread_count, muted, muted_until, archived, pinned, read_only, labels, disabled, edit_window_ms, delete_window_ms';

function toConversation(r: ConversationRow): Conversation {
  const c: Conversation = {
    id: r.id,
    accountId: r.account_id,
    source: r.source,
    network: r.network,
    kind: r.kind,
    title: r.title,
    lastActivity: r.last_activity,
    unreadCount: r.unread_count,
    muted: r.muted !== 0,
    archived: r.archived !== 0,
    pinned: r.pinned !== 0,
    readOnly: r.read_only !== 0,
  };
  if (r.subject !== null) c.subject = r.subject;
  if (r.description !== null) c.description = r.description;
  if (r.avatar_person_id !== null) c.avatarPersonId = r.avatar_person_id;
  if (r.last_message_preview !== null) c.lastMessagePreview = r.last_message_preview;
  if (r.muted_until !== null) c.mutedUntil = r.muted_until;
  if (r.labels !== null) c.labels = JSON.parse(r.labels) as string[];
  if (r.disabled !== null) c.disabled = JSON.parse(r.disabled) as Conversation['disabled'];
  if (r.edit_window_ms !== null) c.editWindowMs = r.edit_window_ms;
  if (r.delete_window_ms !== null) c.deleteWindowMs = r.delete_window_ms;
  return c;
}

/**
 * Inserts or replaces conversations as the provider describes them. Activity is
 * the newer of the provider's and the cache's own (upsertMessages advances it
 * from the messages it stores; Genesys reports none), and the preview goes with
 * whichever is newer.
 *
 * Answers the ids whose stored row changed. Sync hands every chat of the chat
 * list back on each cycle, nearly all as they were: a row that would be written
 * unchanged is not written, and not reported, so nothing downstream (the
 * `conversations:changed` event, the window's inbox refresh) runs for it.
 */
export function upsertConversations(ctx: Ctx, conversations: readonly Conversation[]): { changed: ConversationId[] } {
  for (const c of conversations) {
    if (typeof c?.id !== 'string' || parseConversationId(c.id) === null) throw invalid(`Not a conversation id: ${String(c?.id).slice(0, 80)}`, 'id');
    if (typeof c.title !== 'string') throw invalid(`Conversation ${c.id} has no title.`, 'title');
  }
  const changed: ConversationId[] = [];
  ctx.write(() => {
    const update = ctx.sql(`UPDATE conversations SET present = 1, ${WRITTEN_COLUMNS.map((col) => `${col} = ?`).join(', ')} WHERE cid = ?`);
    const read = ctx.sql(`SELECT present, ${WRITTEN_COLUMNS.join(', ')} FROM conversations WHERE cid = ?`);
    for (const c of conversations) {
      const cid = ctx.refs.cid(c.id);
      const old = read.get(cid) as Record<WrittenColumn, unknown> & { present: number; title: string; last_activity: number | null; last_message_preview: string | null };
      const ours = old.last_activity !== null && (c.lastActivity === null || old.last_activity > c.lastActivity);
      // In WRITTEN_COLUMNS' order.
      const values = [
        c.accountId,
        c.source,
        c.network,
        c.kind,
        c.title,
        fold(c.title),
        c.subject ?? null,
        c.description ?? null,
        c.avatarPersonId ?? null,
        ours ? old.last_activity : c.lastActivity,
        ours ? old.last_message_preview : (c.lastMessagePreview ?? old.last_message_preview),
        c.unreadCount,
        c.muted ? 1 : 0,
        c.mutedUntil ?? null,
        c.archived ? 1 : 0,
        c.pinned ? 1 : 0,
        c.readOnly ? 1 : 0,
        c.labels ? JSON.stringify(c.labels) : null,
        c.disabled ? JSON.stringify(c.disabled) : null,
        c.editWindowMs ?? null,
        c.deleteWindowMs ?? null,
      ];
      if (old.present === 1 && WRITTEN_COLUMNS.every((col, i) => values[i] === old[col])) continue;
      update.run(...values, cid);
      changed.push(c.id);
      if (old.present === 0 || old.title !== c.title) setName(ctx, conversationTitleRow(cid), c.title);
    }
  });
  return { changed };
}

export function getConversation(ctx: Ctx, id: ConversationId): Conversation | null {
  const row = ctx.sql(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ? AND present = 1`).get(id) as ConversationRow | undefined;
  return row ? toConversation(row) : null;
}

export function setConversationFlags(
  ctx: Ctx,
  id: ConversationId,
  flags: Partial<Pick<Conversation, 'unreadCount' | 'muted' | 'mutedUntil' | 'archived' | 'pinned' | 'labels'>>,
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (flags.unreadCount !== undefined) set('unread_count', Math.max(0, Math.floor(flags.unreadCount)));
  if (flags.muted !== undefined) set('muted', flags.muted ? 1 : 0);
  if ('mutedUntil' in flags) set('muted_until', flags.mutedUntil ?? null);
  if (flags.archived !== undefined) set('archived', flags.archived ? 1 : 0);
  if (flags.pinned !== undefined) set('pinned', flags.pinned ? 1 : 0);
  if ('labels' in flags) set('labels', flags.labels ? JSON.stringify(flags.labels) : null);
  if (sets.length === 0) return;
  ctx.write(() => ctx.sql(`UPDATE conversations SET ${sets.join(', ')} WHERE id = ?`).run(...values, id));
}

/** Forgets a conversation and everything cached in it (messages, pins, draft, directory entry). */
export function removeConversation(ctx: Ctx, id: ConversationId): void {
  const cid = ctx.refs.findCid(id);
  ctx.write(() => {
    if (cid !== undefined) {
      const rids = ctx.sql('SELECT rid FROM messages WHERE conv = ?').pluck().all(cid) as number[];
      queueForIndex(ctx, rids);
      ctx.sql('DELETE FROM messages WHERE conv = ?').run(cid);
      ctx.sql('DELETE FROM conversations WHERE cid = ?').run(cid);
      setName(ctx, conversationTitleRow(cid), null);
    }
    ctx.sql('DELETE FROM drafts WHERE conversation_id = ?').run(id);
    ctx.sql('DELETE FROM directory WHERE conversation_id = ?').run(id);
  });
  ctx.refs.forget();
}

export function listInbox(ctx: Ctx, q: InboxQuery): InboxPage {
  const where: string[] = ['present = 1'];
  const params: unknown[] = [];
  const f = q.filter;
  where.push(f.kind === 'archived' ? 'archived = 1' : 'archived = 0');
  if (f.kind === 'unread') where.push('unread_count > 0');
  if (f.kind === 'network') {
    where.push('network = ?');
    params.push(f.network);
  }
  if (f.kind === 'account') {
    where.push('account_id = ?');
    params.push(f.accountId);
  }
  // Every word typed, in any order and wherever it falls in the title ("meyer lena", "eng platform"
  // for "eng-platform", extra spaces), as the palette matches: not the text as one run of characters.
  const words = q.text ? fold(q.text).split(/\s+/).filter(Boolean).slice(0, 8) : [];
  for (const word of new Set(words)) {
    where.push('instr(title_folded, ?) > 0');
    params.push(word);
  }
  if (q.ids) {
    where.push(`id IN (${q.ids.map(() => '?').join(', ')})`);
    params.push(...q.ids);
  }
  if (q.after) {
    where.push('(ifnull(last_activity, 0) < ? OR (ifnull(last_activity, 0) = ? AND id < ?))');
    params.push(q.after.lastActivity, q.after.lastActivity, q.after.id);
  }
  const limit = Math.max(1, Math.min(500, Math.floor(q.limit)));
  const rows = ctx
    .sql(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE ${where.join(' AND ')} ORDER BY ifnull(last_activity, 0) DESC, id DESC LIMIT ?`)
    .all(...params, limit + 1) as ConversationRow[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    conversations: page.map(toConversation),
    next: rows.length > limit && last ? { lastActivity: last.last_activity ?? 0, id: last.id } : null,
  };
}
