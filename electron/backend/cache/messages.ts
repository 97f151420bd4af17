import { AppError } from '../../../shared/ipc/result';
import { parseConversationId, parseSourcedId, type ConversationId, type MessageId } from '../../../shared/domain/ids';
import type { Message, Pin } from '../../../shared/domain/model';
import type { MessageKey, MessagesPage, MessagesQuery } from './api';
import { followMessage, previewOf } from './activity';
import type { Ctx } from './context';
import { invalid } from './errors';
import { personNameRow, queueForIndex, setName } from './ftsIndex';
import {
  DELETED,
  extraOf,
  fingerprint,
  flagsOf,
  HAS_ATTACHMENTS,
  HAS_REACTIONS,
  hydrate,
  idHash,
  MESSAGE_COLUMNS,
  MESSAGE_JOINS,
  idsParams,
  RID_OF_ID,
  ridOfId,
  ridsOfIds,
  RIDS_OF_IDS,
  writeAttachments,
  writeReactions,
  type MessageRow,
} from './messageRows';
import { pendingMessages } from './outbox';
import { setCursor } from './syncState';
import { clampTime, firstKey, lastKey, SLOTS_PER_MS } from './timeKey';

export const MAX_PAGE = 500;

interface Existing {
  rid: number;
  id: string;
  conv: number;
  time: number;
  fp: number;
  flags: number;
  text: string | null;
  sender: number | null;
}

function check(m: Message): void {
  if (typeof m !== 'object' || m === null) throw invalid('A message must be an object.');
  if (typeof m.id !== 'string' || parseSourcedId(m.id) === null) throw invalid(`Not a message id: ${String(m.id).slice(0, 80)}`, 'id');
  if (typeof m.conversationId !== 'string' || parseConversationId(m.conversationId) === null) throw invalid(`Message ${m.id} has no valid conversation id.`, 'conversationId');
  if (typeof m.time !== 'number' || !Number.isFinite(m.time)) throw invalid(`Message ${m.id} has no valid time.`, 'time');
  if (!Array.isArray(m.reactions) || !Array.isArray(m.attachments) || !Array.isArray(m.mentions)) throw invalid(`Message ${m.id} is incomplete.`);
}

/** The latest copy of each id wins when a batch names a message twice. */
function lastOfEach(messages: readonly Message[]): readonly Message[] {
  const seen = new Set<string>();
  let dup = false;
  for (const m of messages) {
    if (seen.has(m.id)) {
      dup = true;
      break;
    }
    seen.add(m.id);
  }
  if (!dup) return messages;
  const byId = new Map<string, Message>();
  for (const m of messages) {
    byId.delete(m.id);
    byId.set(m.id, m);
  }
  return [...byId.values()];
}

export function upsertMessages(ctx: Ctx, input: readonly Message[], cursor?: { key: string; value: string }): { changed: MessageId[] } {
  for (const m of input) check(m);
  const messages = lastOfEach(input);
  return ctx.write(() => {
    const insert = ctx.sql(
      'INSERT INTO messages (rid, id, idh, conv, time, sender, sender_name, text, flags, edited_at, delivery, thread_root, thread_reply_count, extra, fp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const byHash = ctx.sql('SELECT rid, id, conv, time, fp, flags, text, sender FROM messages WHERE idh = ?');
    const collided = ctx.sql('SELECT rid, id, conv, time, fp, flags, text, sender FROM messages WHERE idh IS NULL AND id = ?');
    const changed: MessageId[] = [];
    // Newest changed message per conversation, for the inbox's activity and preview.
    const newest = new Map<number, Message>();
    const senderNames = new Map<number, string>();

    const write = (m: Message, rid: number, idh: number | null, cid: number, pid: number | null, fp: number, flags: number, extra: string | null): boolean => {
      const info = insert.run(rid, m.id, idh, cid, m.time, pid, m.senderName ?? null, m.text, flags, m.editedAt ?? null, m.delivery, m.threadRootId ?? null, m.threadReplyCount ?? null, extra, fp);
      if (info.changes !== 1) return false;
      // A new row: the search index takes it by arrival order (one range per write, not a list).
      ctx.pending.appended(Number(info.lastInsertRowid));
      return true;
    };
    const stored = (m: Message, rid: number): void => {
      if (m.reactions.length > 0) writeReactions(ctx, rid, m.reactions);
      if (m.attachments.length > 0) writeAttachments(ctx, rid, m.attachments);
    };

    for (const m of messages) {
      const cid = ctx.refs.cid(m.conversationId);
      const pid = m.senderId ? ctx.refs.pid(m.senderId) : null;
      if (pid !== null && m.senderName) senderNames.set(pid, m.senderName);
      const fp = fingerprint(m);
      const flags = flagsOf(m);
      const extra = extraOf(m);
      let idh: number | null = idHash(m.id);
      // A new message (the bulk of any backfill) costs this one statement: the first slot of its
      // millisecond is almost always free. A conflict means the id's hash or the slot is taken.
      if (write(m, firstKey(m.time), idh, cid, pid, fp, flags, extra)) {
        stored(m, firstKey(m.time));
      } else {
        let ex = byHash.get(idh) as Existing | undefined;
        if (ex && ex.id !== m.id) {
          // Another id with the same hash: this message lives (or will live) without one.
          idh = null;
          ex = collided.get(m.id) as Existing | undefined;
        }
        if (ex && ex.fp === fp) continue;
        if (ex && ex.conv === cid && clampTime(ex.time) === clampTime(m.time)) {
          reconcile(ctx, ex, m, pid, fp, flags, extra);
        } else {
          if (ex) {
            // Moved in time or to another conversation: its rid must change, so it is stored afresh.
            queueForIndex(ctx, [ex.rid]);
            ctx.sql('DELETE FROM messages WHERE rid = ?').run(ex.rid);
          }
          const rid = freeSlot(ctx, m.time);
          if (!write(m, rid, idh, cid, pid, fp, flags, extra)) throw new Error(`could not store message ${m.id}`);
          stored(m, rid);
        }
      }
      changed.push(m.id);
      const prev = newest.get(cid);
      if (!prev || m.time >= prev.time) newest.set(cid, m);
    }

    // A provider that names the sender on the message also names an unknown person: searchable by name.
    const named = ctx.sql('UPDATE people SET name = ? WHERE pid = ? AND name IS NULL');
    for (const [pid, name] of senderNames) if (named.run(name, pid).changes === 1) setName(ctx, personNameRow(pid), name);

    for (const [cid, m] of newest) followMessage(ctx, cid, m, () => remainingPreview(ctx, cid));
    if (cursor) setCursor(ctx, cursor.key, cursor.value);
    return { changed };
  });
}

function reconcile(ctx: Ctx, ex: Existing, m: Message, pid: number | null, fp: number, flags: number, extra: string | null): void {
  // What the search view reads: the text, the sender (its scope token) and the deleted flag.
  const searchable = ex.text !== m.text || ex.sender !== pid || (ex.flags & DELETED) !== (flags & DELETED);
  ctx
    .sql('UPDATE messages SET sender = ?, sender_name = ?, text = ?, flags = ?, edited_at = ?, delivery = ?, thread_root = ?, thread_reply_count = ?, extra = ?, fp = ? WHERE rid = ?')
    .run(pid, m.senderName ?? null, m.text, flags, m.editedAt ?? null, m.delivery, m.threadRootId ?? null, m.threadReplyCount ?? null, extra, fp, ex.rid);
  if ((ex.flags & HAS_REACTIONS) !== 0 || m.reactions.length > 0) {
    ctx.sql('DELETE FROM reactions WHERE rid = ?').run(ex.rid);
    writeReactions(ctx, ex.rid, m.reactions);
  }
  if ((ex.flags & HAS_ATTACHMENTS) !== 0 || m.attachments.length > 0) {
    ctx.sql('DELETE FROM attachments WHERE rid = ?').run(ex.rid);
    writeAttachments(ctx, ex.rid, m.attachments);
    // Bytes of attachments the message no longer has (removed, or the message deleted) go too.
    ctx.sql('DELETE FROM attachment_bytes WHERE message_id = ? AND attachment_id NOT IN (SELECT value FROM json_each(?))').run(m.id, JSON.stringify(m.attachments.map((a) => a.id)));
  }
  // The index takes out what it holds for the message and puts in what is here now.
  if (searchable) queueForIndex(ctx, [ex.rid]);
}

/** The lowest free rid of the message's millisecond (a thousand messages in one ms is beyond any provider). */
function freeSlot(ctx: Ctx, time: number): number {
  const lo = firstKey(time);
  const hi = lastKey(time);
  const max = ctx.sql('SELECT max(rid) FROM messages WHERE rid BETWEEN ? AND ?').pluck().get(lo, hi) as number | null;
  if (max === null) return lo;
  if (max < hi) return max + 1;
  const used = new Set(ctx.sql('SELECT rid FROM messages WHERE rid BETWEEN ? AND ?').pluck().all(lo, hi) as number[]);
  for (let rid = lo; rid <= hi; rid++) if (!used.has(rid)) return rid;
  throw new AppError('invalid_input', `More than ${SLOTS_PER_MS} messages in one millisecond.`);
}

/** The inbox preview of the conversation's newest message that still exists (null: none does). */
function remainingPreview(ctx: Ctx, cid: number): string | null {
  const rows = ctx.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.conv = ? AND (m.flags & ${DELETED}) = 0 ORDER BY m.rid DESC LIMIT 1`).all(cid) as MessageRow[];
  const [m] = hydrate(ctx, rows);
  return m ? previewOf(m) : null;
}

export function deleteMessages(ctx: Ctx, ids: readonly MessageId[]): void {
  ctx.write(() => {
    const rids = ridsOfIds(ctx, ids);
    // Conversations whose newest message that is not a tombstone goes: their preview falls back to what remains.
    const latestOf = ctx.sql(`SELECT m.conv FROM messages m WHERE m.rid = ? AND m.rid >= (SELECT max(rid) FROM messages WHERE conv = m.conv AND (flags & ${DELETED}) = 0)`).pluck();
    const convs = new Set<number>();
    for (const rid of rids) {
      const cid = latestOf.get(rid) as number | undefined;
      if (cid !== undefined) convs.add(cid);
    }
    queueForIndex(ctx, rids);
    const del = ctx.sql('DELETE FROM messages WHERE rid = ?');
    for (const rid of rids) del.run(rid);
    const waiting = ctx.sql("SELECT 1 FROM outbox o JOIN conversations c ON c.id = o.conversation_id WHERE c.cid = ? AND o.kind = 'send' AND o.state != 'done' LIMIT 1").pluck();
    const setPreview = ctx.sql('UPDATE conversations SET last_message_preview = ? WHERE cid = ?');
    for (const cid of convs) if (!waiting.get(cid)) setPreview.run(remainingPreview(ctx, cid), cid);
  });
}

export function getMessages(ctx: Ctx, ids: readonly MessageId[]): Message[] {
  const rows = ctx.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.rid IN ${RIDS_OF_IDS}`).all(idsParams(ids)) as MessageRow[];
  const byId = new Map(hydrate(ctx, rows).map((m) => [m.id as string, m]));
  // The outbox answers only for what the messages do not hold (a sync batch's ids are mostly stored).
  const missing = ids.filter((id) => !byId.has(id));
  const pending = new Map(missing.length === 0 ? [] : pendingMessages(ctx, { ids: missing }).map((m) => [m.id as string, m]));
  const out: Message[] = [];
  for (const id of ids) {
    const m = byId.get(id) ?? pending.get(id);
    if (m) out.push(m);
  }
  return out;
}

/**
 * A message's place in rid order. A key whose message is gone falls back to its
 * millisecond, on the side that may repeat a message rather than skip one.
 */
function ridOf(ctx: Ctx, key: MessageKey, side: 'before' | 'after'): number {
  const rid = ridOfId(ctx, key.id);
  if (rid !== undefined) return rid;
  return side === 'before' ? lastKey(key.time) + 1 : firstKey(key.time) - 1;
}

export function messagesPage(ctx: Ctx, q: MessagesQuery): MessagesPage {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(q.limit)));
  const cid = ctx.refs.findCid(q.conversationId);
  if (cid === undefined) return { messages: pendingMessages(ctx, { conversationId: q.conversationId, threadRootId: q.threadRootId }), hasOlder: false, hasNewer: false };

  // A thread is small: its rows come from the thread index, whatever the conversation index says.
  const scope = q.threadRootId
    ? { where: `m.rid IN (SELECT rid FROM messages WHERE thread_root = @id UNION ALL SELECT rid FROM ${RID_OF_ID})` }
    : { where: 'm.conv = @cid' };
  const params = (edge: number, n: number) => (q.threadRootId ? { id: q.threadRootId, idh: idHash(q.threadRootId), edge, n } : { cid, edge, n });
  const older = (edge: number, n: number) =>
    ctx.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE ${scope.where} AND m.rid < @edge ORDER BY m.rid DESC LIMIT @n`).all(params(edge, n)) as MessageRow[];
  const newer = (edge: number, n: number) =>
    ctx.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE ${scope.where} AND m.rid > @edge ORDER BY m.rid ASC LIMIT @n`).all(params(edge, n)) as MessageRow[];

  let rows: MessageRow[];
  let hasOlder: boolean;
  let hasNewer: boolean;
  if (q.around !== undefined) {
    const anchor = ridOfId(ctx, q.around);
    if (anchor === undefined) throw new AppError('not_found', 'That message is not in the cache.');
    // Half each side, or more on one side when the other runs out.
    const before = older(anchor, limit + 1);
    const after = newer(anchor - 1, limit + 1);
    const olderTake = Math.min(before.length, Math.max(Math.floor(limit / 2), limit - after.length));
    const newerTake = Math.min(after.length, limit - olderTake);
    hasOlder = before.length > olderTake;
    hasNewer = after.length > newerTake;
    rows = [...before.slice(0, olderTake).reverse(), ...after.slice(0, newerTake)];
  } else if (q.after !== undefined) {
    const anchor = ridOf(ctx, q.after, 'after');
    const after = newer(anchor, limit + 1);
    hasNewer = after.length > limit;
    rows = after.slice(0, limit);
    hasOlder = older(anchor + 1, 1).length > 0;
  } else {
    const anchor = q.before !== undefined ? ridOf(ctx, q.before, 'before') : Number.MAX_SAFE_INTEGER;
    const before = older(anchor, limit + 1);
    hasOlder = before.length > limit;
    rows = before.slice(0, limit).reverse();
    hasNewer = q.before !== undefined && newer(anchor - 1, 1).length > 0;
  }
  const messages = hydrate(ctx, rows);
  // The live end of the conversation shows what the user has sent but the provider has not confirmed.
  if (!hasNewer) messages.push(...pendingMessages(ctx, { conversationId: q.conversationId, threadRootId: q.threadRootId }));
  return { messages, hasOlder, hasNewer };
}

function edgeMessage(ctx: Ctx, conversationId: ConversationId, order: 'ASC' | 'DESC'): MessageKey | null {
  const cid = ctx.refs.findCid(conversationId);
  if (cid === undefined) return null;
  const row = ctx.sql(`SELECT time, id FROM messages WHERE conv = ? ORDER BY rid ${order} LIMIT 1`).get(cid) as { time: number; id: MessageId } | undefined;
  return row ? { time: row.time, id: row.id } : null;
}

export const newestMessage = (ctx: Ctx, id: ConversationId) => edgeMessage(ctx, id, 'DESC');
export const oldestMessage = (ctx: Ctx, id: ConversationId) => edgeMessage(ctx, id, 'ASC');

export function setPins(ctx: Ctx, conversationId: ConversationId, messageIds: readonly MessageId[]): void {
  ctx.write(() => {
    const cid = ctx.refs.cid(conversationId);
    ctx.sql('DELETE FROM pins WHERE conv = ?').run(cid);
    const insert = ctx.sql('INSERT INTO pins (conv, ord, message_id) VALUES (?, ?, ?)');
    [...new Set(messageIds)].forEach((id, i) => insert.run(cid, i, id));
  });
}

export function getPins(ctx: Ctx, conversationId: ConversationId): Pin[] {
  const cid = ctx.refs.findCid(conversationId);
  if (cid === undefined) return [];
  const ids = ctx.sql('SELECT message_id FROM pins WHERE conv = ? ORDER BY ord').pluck().all(cid) as MessageId[];
  return ids.map((messageId) => ({ conversationId, messageId }));
}
