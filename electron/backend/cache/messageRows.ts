import type { Attachment, Delivery, Message, MessageId, PersonId, Quote, Reaction } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/domain/ids';
import { sourceOf, type Ctx } from './context';

/**
 * The messages table's row ↔ domain Message, and the fingerprint that tells a
 * changed message from a re-fetched copy.
 */

export const OWN = 1;
export const EDITED = 2;
export const DELETED = 4;
export const EVENT = 8;
export const HAS_REACTIONS = 16;
export const HAS_ATTACHMENTS = 32;
export const EDITED_AT_GIVEN = 64;

export interface MessageRow {
  rid: number;
  id: string;
  conversation_id: string;
  time: number;
  sender_id: string | null;
  sender_name: string | null;
  text: string | null;
  flags: number;
  edited_at: number | null;
  delivery: string;
  thread_root: string | null;
  thread_reply_count: number | null;
  extra: string | null;
}

/**
 * Select list and joins that produce a MessageRow from `messages m`. A sender the message does not
 * name (Genesys never does) is named from the people table, so a window that cannot ask the network
 * who is in a room (offline) still shows who wrote what, not "Someone".
 */
export const MESSAGE_COLUMNS =
  'm.rid, m.id, c.id AS conversation_id, m.time, p.id AS sender_id, ifnull(m.sender_name, p.name) AS sender_name, m.text, m.flags, m.edited_at, m.delivery, m.thread_root, m.thread_reply_count, m.extra';
export const MESSAGE_JOINS = 'JOIN conversations c ON c.cid = m.conv LEFT JOIN people p ON p.pid = m.sender';

interface Extra {
  /** Quote. */
  q?: Quote;
  /** Mentions. */
  m?: PersonId[];
}

export function flagsOf(m: Message): number {
  return (
    (m.isOwn ? OWN : 0) |
    (m.edited ? EDITED : 0) |
    (m.deleted ? DELETED : 0) |
    (m.isEvent ? EVENT : 0) |
    (m.reactions.length > 0 ? HAS_REACTIONS : 0) |
    (m.attachments.length > 0 ? HAS_ATTACHMENTS : 0) |
    (m.editedAt !== undefined ? EDITED_AT_GIVEN : 0)
  );
}

export function extraOf(m: Message): string | null {
  const extra: Extra = {};
  let any = false;
  if (m.quote) {
    extra.q = m.quote;
    any = true;
  }
  if (m.mentions.length > 0) {
    extra.m = m.mentions;
    any = true;
  }
  return any ? JSON.stringify(extra) : null;
}

/**
 * A 53-bit hash of everything about a message that can change. Fields are fed
 * in a fixed order (not the object's key order), each closed by a separator, so
 * two mappings of the same upstream message always agree; no intermediate JSON
 * is built, since every upserted message is hashed.
 */
export function fingerprint(m: Message): number {
  const h = new Hash53();
  h.str(m.conversationId).num(m.time).str(m.senderId).str(m.senderName).bool(m.isOwn).str(m.text).bool(m.edited);
  if (m.editedAt === undefined) h.mark(1);
  else h.num(m.editedAt);
  h.bool(m.deleted).str(m.delivery).str(m.threadRootId).num(m.threadReplyCount).bool(m.isEvent);
  h.mark(2);
  for (const r of m.reactions) {
    h.str(r.emoji).num(r.count).bool(r.mine);
    for (const p of r.personIds) h.str(p);
    h.mark(3);
  }
  h.mark(4);
  for (const a of m.attachments) h.str(a.id).str(a.kind).str(a.name).str(a.mimeType).num(a.size).num(a.width).num(a.height).bool(a.unavailable);
  h.mark(5);
  if (m.quote) h.str(m.quote.messageId).str(m.quote.senderId).str(m.quote.text);
  h.mark(6);
  for (const p of m.mentions) h.str(p);
  return h.value();
}

/** The `idh` column: what message lookups by id go through (see migration 0002). */
export function idHash(id: string): number {
  return new Hash53().str(id).value();
}

/** SQL for the rid of the message `@id` (hash `@idh`), wherever its hash put it. */
export const RID_OF_ID = '(SELECT rid FROM messages WHERE idh = @idh AND id = @id UNION ALL SELECT rid FROM messages WHERE idh IS NULL AND id = @id)';

export function ridOfId(ctx: Ctx, id: string): number | undefined {
  return ctx.sql(`SELECT rid FROM ${RID_OF_ID}`).pluck().get({ idh: idHash(id), id }) as number | undefined;
}

/** SQL for the rids of the messages `@ids` (JSON array) with hashes `@idhs`. */
export const RIDS_OF_IDS =
  '(SELECT rid FROM messages WHERE idh IN (SELECT value FROM json_each(@idhs)) AND id IN (SELECT value FROM json_each(@ids)) UNION ALL SELECT rid FROM messages WHERE idh IS NULL AND id IN (SELECT value FROM json_each(@ids)))';
export const idsParams = (ids: readonly string[]) => ({ idhs: JSON.stringify(ids.map(idHash)), ids: JSON.stringify(ids) });

/** Rids of the messages among `ids` that are cached (in no particular order). */
export function ridsOfIds(ctx: Ctx, ids: readonly string[]): number[] {
  return ctx.sql(`SELECT rid FROM ${RIDS_OF_IDS}`).pluck().all(idsParams(ids)) as number[];
}

/** cyrb53, fed field by field: fast, well mixed, and exact in a double (SQLite stores it as an INTEGER). Exported for its tests. */
export class Hash53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  private unit(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  /** A code no string character can be (beyond UTF-16), so fields never run into each other. */
  mark(kind: number): this {
    this.unit(0x10000 + kind);
    return this;
  }

  str(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.mark(s === null ? 10 : 11);
    // unit() inlined, with the state in locals: this loop hashes every character of every message.
    let { h1, h2 } = this;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this.mark(0);
  }

  num(n: number | null | undefined): this {
    if (typeof n !== 'number') return this.mark(n === null ? 12 : 13);
    // Below 1e15 each `rest / div` is far enough from the next whole number for floating point to
    // keep its floor exact; beyond, the string it is.
    if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) return this.str(String(n));
    // The characters of String(n) for a whole number (times are), without making the string.
    let div = 1;
    while (div * 10 <= n) div *= 10;
    let { h1, h2 } = this;
    for (let rest = n; div >= 1; div /= 10) {
      const digit = Math.floor(rest / div);
      rest -= digit * div;
      const ch = 48 + digit;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this.mark(0);
  }

  bool(b: boolean | undefined): this {
    return this.mark(b === undefined ? 14 : b ? 15 : 16);
  }

  value(): number {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

function toMessage(row: MessageRow, reactions: Reaction[], attachments: Attachment[]): Message {
  const extra: Extra = row.extra ? (JSON.parse(row.extra) as Extra) : {};
  const m: Message = {
    id: row.id as MessageId,
    conversationId: row.conversation_id as ConversationId,
    source: sourceOf(row.id),
    senderId: row.sender_id as PersonId | null,
    isOwn: (row.flags & OWN) !== 0,
    text: row.text,
    time: row.time,
    edited: (row.flags & EDITED) !== 0,
    deleted: (row.flags & DELETED) !== 0,
    reactions,
    attachments,
    mentions: extra.m ?? [],
    delivery: row.delivery as Delivery,
  };
  if (row.sender_name !== null) m.senderName = row.sender_name;
  if ((row.flags & EDITED_AT_GIVEN) !== 0) m.editedAt = row.edited_at;
  if (extra.q) m.quote = extra.q;
  if (row.thread_root !== null) m.threadRootId = row.thread_root as MessageId;
  if (row.thread_reply_count !== null) m.threadReplyCount = row.thread_reply_count;
  if ((row.flags & EVENT) !== 0) m.isEvent = true;
  return m;
}

interface ReactionRow {
  rid: number;
  emoji: string;
  count: number;
  mine: number;
  person_ids: string;
}
interface AttachmentRow {
  rid: number;
  attachment_id: string;
  kind: Attachment['kind'];
  name: string | null;
  mime_type: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  unavailable: number | null;
}

/** Rows → Messages, with reactions and attachments fetched in one query each for the whole set. */
export function hydrate(ctx: Ctx, rows: readonly MessageRow[]): Message[] {
  const reactions = new Map<number, Reaction[]>();
  const attachments = new Map<number, Attachment[]>();
  const withReactions = rows.filter((r) => (r.flags & HAS_REACTIONS) !== 0).map((r) => r.rid);
  const withAttachments = rows.filter((r) => (r.flags & HAS_ATTACHMENTS) !== 0).map((r) => r.rid);
  if (withReactions.length > 0) {
    const found = ctx.sql('SELECT rid, emoji, count, mine, person_ids FROM reactions WHERE rid IN (SELECT value FROM json_each(?)) ORDER BY rid, ord').all(JSON.stringify(withReactions)) as ReactionRow[];
    for (const r of found) {
      let list = reactions.get(r.rid);
      if (!list) reactions.set(r.rid, (list = []));
      list.push({ emoji: r.emoji, count: r.count, mine: r.mine !== 0, personIds: r.person_ids === '[]' ? [] : (JSON.parse(r.person_ids) as PersonId[]) });
    }
  }
  if (withAttachments.length > 0) {
    const found = ctx
      .sql('SELECT rid, attachment_id, kind, name, mime_type, size, width, height, unavailable FROM attachments WHERE rid IN (SELECT value FROM json_each(?)) ORDER BY rid, ord')
      .all(JSON.stringify(withAttachments)) as AttachmentRow[];
    for (const a of found) {
      let list = attachments.get(a.rid);
      if (!list) attachments.set(a.rid, (list = []));
      const out: Attachment = { id: a.attachment_id, kind: a.kind };
      if (a.name !== null) out.name = a.name;
      if (a.mime_type !== null) out.mimeType = a.mime_type;
      if (a.size !== null) out.size = a.size;
      if (a.width !== null) out.width = a.width;
      if (a.height !== null) out.height = a.height;
      if (a.unavailable !== null) out.unavailable = a.unavailable !== 0;
      list.push(out);
    }
  }
  return rows.map((r) => toMessage(r, reactions.get(r.rid) ?? [], attachments.get(r.rid) ?? []));
}

export function writeReactions(ctx: Ctx, rid: number, reactions: readonly Reaction[]): void {
  const insert = ctx.sql('INSERT INTO reactions (rid, ord, emoji, count, mine, person_ids) VALUES (?, ?, ?, ?, ?, ?)');
  reactions.forEach((r, i) => insert.run(rid, i, r.emoji, r.count, r.mine ? 1 : 0, JSON.stringify(r.personIds)));
}

export function writeAttachments(ctx: Ctx, rid: number, attachments: readonly Attachment[]): void {
  const insert = ctx.sql('INSERT INTO attachments (rid, ord, attachment_id, kind, name, mime_type, size, width, height, unavailable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  attachments.forEach((a, i) =>
    insert.run(rid, i, a.id, a.kind, a.name ?? null, a.mimeType ?? null, a.size ?? null, a.width ?? null, a.height ?? null, a.unavailable === undefined ? null : a.unavailable ? 1 : 0),
  );
}
