import { messageId as makeMessageId, parseConversationId, type ConversationId, type MessageId, type PersonId } from '../../../shared/domain/ids';
import type { Attachment, Message } from '../../../shared/domain/model';
import type { OutboxEntry, OutboxOp, OutboxState } from './api';
import { sourceOf, type Ctx } from './context';
import { invalid } from './errors';
import { activityIs, previewOf, setActivity, touchActivity } from './activity';
import { hydrate, idHash, MESSAGE_COLUMNS, MESSAGE_JOINS, RID_OF_ID, ridOfId, type MessageRow } from './messageRows';

/**
 * The outbox: operations the user made, kept until the provider confirmed them.
 * Order is per conversation: only the oldest unfinished entry of a conversation
 * may be attempted, so messages arrive in the order they were written. An entry
 * `failed` for good no longer holds the queue (the user retries, edits or
 * discards it); one `sending` or `ambiguous` does.
 */

const STATES: readonly OutboxState[] = ['pending', 'sending', 'ambiguous', 'failed', 'done'];
/** States that hold the conversation's queue. */
const UNFINISHED = "('pending', 'sending', 'ambiguous')";

interface OutboxRow {
  seq: number;
  client_id: string;
  op: string;
  state: OutboxState;
  attempts: number;
  not_before: number;
  last_error: string | null;
  created_at: number;
  remote_id: string | null;
}

const COLUMNS = 'seq, client_id, op, state, attempts, not_before, last_error, created_at, remote_id';

function toEntry(row: OutboxRow): OutboxEntry {
  const entry: OutboxEntry = {
    seq: row.seq,
    clientId: row.client_id,
    op: JSON.parse(row.op) as OutboxOp,
    state: row.state,
    attempts: row.attempts,
    notBefore: row.not_before,
    createdAt: row.created_at,
  };
  if (row.last_error !== null) entry.lastError = JSON.parse(row.last_error) as { code: string; message: string };
  if (row.remote_id !== null) entry.remoteId = row.remote_id as MessageId;
  return entry;
}

function checkOp(op: OutboxOp): void {
  if (typeof op !== 'object' || op === null || typeof op.kind !== 'string') throw invalid('An outbox operation needs a kind.', 'op');
  if (typeof op.conversationId !== 'string' || parseConversationId(op.conversationId) === null) throw invalid('An outbox operation needs a valid conversation id.', 'conversationId');
}

export function enqueue(ctx: Ctx, op: OutboxOp, clientId: string, now: number): OutboxEntry {
  checkOp(op);
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 200) throw invalid('An outbox entry needs a client id.', 'clientId');
  return ctx.write(() => {
    // The same clientId twice (a double click, a retried IPC call) is one operation.
    const added = ctx
      .sql("INSERT INTO outbox (client_id, conversation_id, kind, op, state, attempts, not_before, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (client_id) DO NOTHING")
      .run(clientId, op.conversationId, op.kind, JSON.stringify(op), now, now).changes;
    const entry = toEntry(ctx.sql(`SELECT ${COLUMNS} FROM outbox WHERE client_id = ?`).get(clientId) as OutboxRow);
    // The user's own message is the conversation's latest news now, not when the provider confirms it.
    if (added === 1 && op.kind === 'send') {
      const cid = ctx.refs.findCid(op.conversationId);
      const shown = shownSend(ctx, op.conversationId, clientId);
      if (cid !== undefined && shown) touchActivity(ctx, cid, entry.createdAt, previewOf(shown));
    }
    return entry;
  });
}

export function dueOutbox(ctx: Ctx, now: number, limit: number): OutboxEntry[] {
  const rows = ctx
    .sql(
      `SELECT ${COLUMNS} FROM outbox
       WHERE seq IN (SELECT min(seq) FROM outbox WHERE state IN ${UNFINISHED} GROUP BY conversation_id)
         AND state IN ('pending', 'ambiguous') AND not_before <= ?
       ORDER BY seq LIMIT ?`,
    )
    .all(now, Math.max(0, Math.floor(limit))) as OutboxRow[];
  return rows.map(toEntry);
}

export function updateOutbox(ctx: Ctx, seq: number, patch: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'notBefore' | 'lastError' | 'remoteId' | 'op'>>): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  if (patch.state !== undefined) {
    if (!STATES.includes(patch.state)) throw invalid(`Unknown outbox state ${String(patch.state)}.`, 'state');
    sets.push('state = ?');
    values.push(patch.state);
  }
  if (patch.attempts !== undefined) {
    sets.push('attempts = ?');
    values.push(patch.attempts);
  }
  if (patch.notBefore !== undefined) {
    sets.push('not_before = ?');
    values.push(patch.notBefore);
  }
  // Present-but-undefined clears: a successful retry drops the previous error.
  if ('lastError' in patch) {
    sets.push('last_error = ?');
    values.push(patch.lastError ? JSON.stringify({ code: patch.lastError.code, message: patch.lastError.message }) : null);
  }
  if ('remoteId' in patch) {
    sets.push('remote_id = ?');
    values.push(patch.remoteId ?? null);
  }
  if (patch.op !== undefined) {
    checkOp(patch.op);
    sets.push('op = ?', 'kind = ?', 'conversation_id = ?');
    values.push(JSON.stringify(patch.op), patch.op.kind, patch.op.conversationId);
  }
  if (sets.length === 0) return;
  ctx.write(() => {
    const r = ctx.sql(`UPDATE outbox SET ${sets.join(', ')} WHERE seq = ?`).run(...values, seq);
    if (r.changes === 0) throw invalid(`No outbox entry ${seq}.`, 'seq');
    // A send edited before it went: the inbox previews what will be sent.
    if (patch.op?.kind === 'send') {
      const row = ctx.sql('SELECT client_id, created_at FROM outbox WHERE seq = ?').get(seq) as { client_id: string; created_at: number };
      const cid = ctx.refs.findCid(patch.op.conversationId);
      const shown = shownSend(ctx, patch.op.conversationId, row.client_id);
      if (cid !== undefined && shown && activityIs(ctx, cid, row.created_at)) setActivity(ctx, cid, row.created_at, previewOf(shown));
    }
  });
}

export function listOutbox(ctx: Ctx, states?: readonly OutboxState[]): OutboxEntry[] {
  const rows = states
    ? (ctx.sql(`SELECT ${COLUMNS} FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY seq`).all(JSON.stringify(states)) as OutboxRow[])
    : (ctx.sql(`SELECT ${COLUMNS} FROM outbox ORDER BY seq`).all() as OutboxRow[]);
  return rows.map(toEntry);
}

export function removeOutbox(ctx: Ctx, seq: number): void {
  ctx.write(() => {
    const row = ctx.sql('SELECT conversation_id, kind, state, created_at FROM outbox WHERE seq = ?').get(seq) as
      | { conversation_id: ConversationId; kind: string; state: OutboxState; created_at: number }
      | undefined;
    ctx.sql('DELETE FROM outbox WHERE seq = ?').run(seq);
    // A send that will not happen (discarded) no longer leads its conversation; a delivered one does,
    // as the message now stored.
    if (row && row.kind === 'send' && row.state !== 'done') restoreActivity(ctx, row.conversation_id, row.created_at);
  });
}

/**
 * The conversation's activity back to its newest stored message or remaining send, if the send
 * queued at `queuedAt` was what set it (anything later since, such as a message that came in, stays).
 */
function restoreActivity(ctx: Ctx, conversationId: ConversationId, queuedAt: number): void {
  const cid = ctx.refs.findCid(conversationId);
  if (cid === undefined || !activityIs(ctx, cid, queuedAt)) return;
  const stored = ctx.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m ${MESSAGE_JOINS} WHERE m.conv = ? ORDER BY m.rid DESC LIMIT 1`).all(cid) as MessageRow[];
  const candidates = [...hydrate(ctx, stored), ...pendingMessages(ctx, { conversationId }).filter((m) => m.delivery !== 'sent')];
  const newest = candidates.reduce<Message | null>((a, m) => (!a || m.time >= a.time ? m : a), null);
  if (newest) setActivity(ctx, cid, newest.time, previewOf(newest));
  // Nothing left to show: the conversation keeps the time the user last wrote in it, but never the
  // discarded text as its preview (the inbox showed a message the timeline did not have).
  else ctx.sql('UPDATE conversations SET last_message_preview = NULL WHERE cid = ?').run(cid);
}

export function outboxPendingCount(ctx: Ctx): number {
  return ctx.sql(`SELECT count(*) FROM outbox WHERE state IN ${UNFINISHED}`).pluck().get() as number;
}

// ---- sends shown in the timeline ----------------------------------------------------

const PENDING = 'pending-';

/** The id a send shows under until the provider gives it one: `g:pending-<clientId>` / `u:pending-<clientId>`. */
export function pendingMessageId(conversationId: ConversationId, clientId: string): MessageId {
  return makeMessageId[sourceOf(conversationId)](`${PENDING}${clientId}`);
}

/** A queued send as the timeline shows it. */
function shownSend(ctx: Ctx, conversationId: ConversationId, clientId: string): Message | undefined {
  return pendingMessages(ctx, { ids: [pendingMessageId(conversationId, clientId)] })[0];
}

function clientIdOf(id: string): string | null {
  return id.startsWith(`g:${PENDING}`) || id.startsWith(`u:${PENDING}`) ? id.slice(2 + PENDING.length) : null;
}

const KIND_BY_MIME: Array<[RegExp, Attachment['kind']]> = [
  [/^image\//, 'image'],
  [/^video\//, 'video'],
  [/^audio\//, 'audio'],
];

/**
 * Sends of a conversation not yet confirmed, as Messages: 'pending' while they
 * may still go, 'failed' when they will not without the user. A send the
 * provider accepted stays visible as 'sent' (under its real id) until sync
 * brings the message itself, so it never blinks out of the timeline.
 */
export function pendingMessages(ctx: Ctx, which: { conversationId?: ConversationId; threadRootId?: MessageId | undefined; ids?: readonly string[] }): Message[] {
  let rows: OutboxRow[];
  if (which.ids) {
    const clientIds = which.ids.map(clientIdOf).filter((c): c is string => c !== null);
    // A delivered send is shown under its real id until sync brings it, so it is found by that id too:
    // the user can act on it (edit, react, pin) the moment it shows as sent.
    rows = ctx
      .sql(
        `SELECT ${COLUMNS} FROM outbox WHERE kind = 'send'
           AND (client_id IN (SELECT value FROM json_each(?)) OR (state = 'done' AND remote_id IN (SELECT value FROM json_each(?))))
         ORDER BY seq`,
      )
      .all(JSON.stringify(clientIds), JSON.stringify(which.ids)) as OutboxRow[];
  } else {
    rows = ctx.sql(`SELECT ${COLUMNS} FROM outbox WHERE conversation_id = ? AND kind = 'send' ORDER BY seq`).all(which.conversationId) as OutboxRow[];
  }
  const out: Message[] = [];
  for (const row of rows) {
    const entry = toEntry(row);
    const op = entry.op;
    if (op.kind !== 'send') continue;
    if (which.threadRootId !== undefined && op.threadRootId !== which.threadRootId) continue;
    if (entry.state === 'done') {
      if (!entry.remoteId || ridOfId(ctx, entry.remoteId) !== undefined) continue;
    }
    const m: Message = {
      id: entry.state === 'done' && entry.remoteId ? entry.remoteId : pendingMessageId(op.conversationId, entry.clientId),
      conversationId: op.conversationId,
      source: sourceOf(op.conversationId),
      senderId: selfPersonFor(ctx, op.conversationId),
      isOwn: true,
      text: op.text,
      time: entry.createdAt,
      edited: false,
      deleted: false,
      reactions: [],
      attachments: (op.attachments ?? []).map((a, i) => ({
        id: `${PENDING}${entry.clientId}-${i}`,
        kind: KIND_BY_MIME.find(([re]) => re.test(a.mimeType))?.[1] ?? 'file',
        name: a.name,
        mimeType: a.mimeType,
        size: Math.floor((a.base64.length * 3) / 4),
      })),
      mentions: op.mentions ?? [],
      delivery: entry.state === 'failed' ? 'failed' : entry.state === 'done' ? 'sent' : 'pending',
    };
    if (op.quoteId) {
      const quoted = ctx.sql(`SELECT m.text, p.id AS sender FROM messages m LEFT JOIN people p ON p.pid = m.sender WHERE m.rid IN ${RID_OF_ID}`).get({ idh: idHash(op.quoteId), id: op.quoteId }) as
        | { text: string | null; sender: string | null }
        | undefined;
      m.quote = { messageId: op.quoteId, text: quoted?.text ?? null };
      if (quoted?.sender) m.quote.senderId = quoted.sender as PersonId;
    }
    if (op.threadRootId) m.threadRootId = op.threadRootId;
    out.push(m);
  }
  return out;
}

/** The user's own person on the conversation's account, when the cache knows it. */
function selfPersonFor(ctx: Ctx, conversationId: ConversationId): PersonId | null {
  const viaAccount = ctx
    .sql('SELECT a.self_person_id FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?')
    .pluck()
    .get(conversationId) as string | null | undefined;
  if (viaAccount) return viaAccount as PersonId;
  // Genesys has one account and one self.
  if (sourceOf(conversationId) !== 'genesys') return null;
  return (ctx.sql("SELECT id FROM people WHERE is_self = 1 AND source = 'genesys' LIMIT 1").pluck().get() as PersonId | undefined) ?? null;
}
