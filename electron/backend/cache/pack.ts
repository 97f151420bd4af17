import type { Attachment, Message, Quote, Reaction } from '../../../shared/domain/model';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import { sourceOf } from './context';

/**
 * Messages on their way to the worker, packed into one buffer that is handed
 * over (transferred), not copied or cloned. Structured clone walks every object
 * and key twice (once to write, once to read, in the worker), and a JSON string
 * of a 500-message page is two-byte (any emoji makes it so) and larger than
 * V8's regular objects: each one went straight to the main thread's old
 * generation, and only a full collection took it back. The buffer lives outside
 * the heap and leaves the main thread with the message.
 *
 * Layout (native byte order, both ends are one process):
 *
 *   u32 format (2), u32 count, u32 table size, u32 text bytes
 *   f64 × count     time
 *   f64 × count     editedAt (when a number)
 *   i32 × 7·count   UTF-16 lengths of id, text (-1: null), rest (-1: none);
 *                   conversation, sender (-1: none) and delivery as table indexes; flags
 *   i32 × table     UTF-16 lengths of the table's strings
 *   UTF-8           the table's strings, then each message's id, text and rest
 *
 * Repeated strings (conversation ids, sender ids, delivery states) go once into
 * the table. `rest` is the JSON of the rarely present fields (reactions,
 * attachments, quote, thread, mentions, senderName, isEvent). All strings are
 * decoded with one call and cut by their lengths. Round trips exactly: absent
 * optional fields stay absent; a batch with a string that UTF-8 cannot carry
 * (a lone surrogate) is sent as JSON instead (format 1), which can.
 */
export interface PackedMessages {
  /** Its buffer holds nothing else: the client transfers it. */
  bytes: Uint8Array;
}

const OWN = 1;
const EDITED = 2;
const DELETED = 4;
const EDITED_AT_SET = 8;
const EDITED_AT_NULL = 16;
const INTS = 7;
const HEADER = 16;

type Rest = [senderName: string | null, reactions: Reaction[], attachments: Attachment[], quote: Quote | null, threadRootId: string | null, threadReplyCount: number | null, mentions: PersonId[], isEvent: boolean | null];

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function restOf(m: Message): string | null {
  const plain =
    m.senderName === undefined &&
    m.reactions.length === 0 &&
    m.attachments.length === 0 &&
    m.quote === undefined &&
    m.threadRootId === undefined &&
    m.threadReplyCount === undefined &&
    m.mentions.length === 0 &&
    m.isEvent === undefined;
  if (plain) return null;
  const rest: Rest = [m.senderName ?? null, m.reactions, m.attachments, m.quote ?? null, m.threadRootId ?? null, m.threadReplyCount ?? null, m.mentions, m.isEvent ?? null];
  return JSON.stringify(rest);
}

/** How many messages a packed batch holds. */
export function packedCount({ bytes }: PackedMessages): number {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, 2)[1]!;
}

export function packMessages(messages: readonly Message[]): PackedMessages {
  try {
    return packBinary(messages);
  } catch {
    // Not shaped like messages: JSON carries whatever it is, for the worker to refuse with a reason.
    return packJson(messages);
  }
}

function packBinary(messages: readonly Message[]): PackedMessages {
  const n = messages.length;
  const table: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = table.length;
      table.push(s);
      index.set(s, i);
    }
    return i;
  };
  const ints = new Int32Array(INTS * n);
  const rests: Array<string | null> = new Array(n);
  let units = 0;
  let exact = true;
  for (let i = 0; i < n; i++) {
    const m = messages[i]!;
    const k = i * INTS;
    const rest = restOf(m);
    rests[i] = rest;
    const flags =
      (m.isOwn ? OWN : 0) | (m.edited ? EDITED : 0) | (m.deleted ? DELETED : 0) | (m.editedAt !== undefined ? EDITED_AT_SET : 0) | (m.editedAt === null ? EDITED_AT_NULL : 0);
    ints[k] = m.id.length;
    ints[k + 1] = m.text === null ? -1 : m.text.length;
    ints[k + 2] = rest === null ? -1 : rest.length;
    ints[k + 3] = str(m.conversationId);
    ints[k + 4] = m.senderId === null ? -1 : str(m.senderId);
    ints[k + 5] = str(m.delivery);
    ints[k + 6] = flags;
    units += m.id.length + (m.text === null ? 0 : m.text.length) + (rest === null ? 0 : rest.length);
    if (!wellFormed(m.id) || (m.text !== null && !wellFormed(m.text))) exact = false;
  }
  for (const s of table) {
    units += s.length;
    if (!wellFormed(s)) exact = false;
  }
  if (!exact) return packJson(messages);

  const numbers = HEADER + 16 * n + 4 * (INTS * n + table.length);
  // Up to three UTF-8 bytes per UTF-16 unit; the unused tail costs nothing but address space.
  const buffer = new ArrayBuffer(numbers + 3 * units);
  const u8 = new Uint8Array(buffer);
  const times = new Float64Array(buffer, HEADER, n);
  const editedAt = new Float64Array(buffer, HEADER + 8 * n, n);
  for (let i = 0; i < n; i++) {
    const m = messages[i]!;
    times[i] = m.time;
    if (typeof m.editedAt === 'number') editedAt[i] = m.editedAt;
  }
  new Int32Array(buffer, HEADER + 16 * n, INTS * n).set(ints);
  const lengths = new Int32Array(buffer, HEADER + 16 * n + 4 * INTS * n, table.length);
  // Each string straight into the buffer: nothing allocated on the way (the main thread's collector
  // runs in its event loop).
  const bytes = Buffer.from(buffer);
  let at = numbers;
  const put = (s: string) => {
    if (s.length > 0) at += bytes.write(s, at, 'utf8');
  };
  table.forEach((s, i) => {
    lengths[i] = s.length;
    put(s);
  });
  for (let i = 0; i < n; i++) {
    const m = messages[i]!;
    put(m.id);
    if (m.text !== null) put(m.text);
    const rest = rests[i];
    if (rest !== null && rest !== undefined) put(rest);
  }
  new Uint32Array(buffer, 0, 4).set([2, n, table.length, at - numbers]);
  return { bytes: u8 };
}

/** The fallback: the whole batch as JSON (which escapes lone surrogates), UTF-8 encoded. */
function packJson(messages: readonly Message[]): PackedMessages {
  const json = JSON.stringify(
    messages.map((m) => [
      m.id,
      m.conversationId,
      m.senderId,
      m.isOwn,
      m.text,
      m.time,
      m.edited,
      m.deleted,
      m.editedAt === undefined ? 0 : [m.editedAt],
      m.delivery,
      JSON.stringify([m.senderName ?? null, m.reactions, m.attachments, m.quote ?? null, m.threadRootId ?? null, m.threadReplyCount ?? null, m.mentions, m.isEvent ?? null]),
    ]),
  );
  const body = encoder.encode(json);
  const bytes = new Uint8Array(HEADER + body.length);
  new Uint32Array(bytes.buffer, 0, 4).set([1, messages.length, 0, body.length]);
  bytes.set(body, HEADER);
  return { bytes };
}

type JsonRow = [string, string, string | null, boolean, string | null, number, boolean, boolean, 0 | [number | null], string, string | null];

export function unpackMessages({ bytes }: PackedMessages): Message[] {
  const { buffer, byteOffset } = bytes;
  const [format, n, tableSize, textBytes] = new Uint32Array(buffer, byteOffset, 4) as unknown as [number, number, number, number];
  if (format === 1) {
    const rows = JSON.parse(decoder.decode(bytes.subarray(HEADER, HEADER + textBytes))) as JsonRow[];
    return rows.map(([id, conversationId, senderId, isOwn, text, time, edited, deleted, editedAt, delivery, rest]) =>
      build(id, conversationId, senderId, isOwn, text, time, edited, deleted, editedAt === 0 ? undefined : editedAt[0]!, delivery, rest),
    );
  }
  if (format !== 2) throw new Error('unknown packed message format');
  const times = new Float64Array(buffer, byteOffset + HEADER, n);
  const editedAt = new Float64Array(buffer, byteOffset + HEADER + 8 * n, n);
  const ints = new Int32Array(buffer, byteOffset + HEADER + 16 * n, INTS * n);
  const lengths = new Int32Array(buffer, byteOffset + HEADER + 16 * n + 4 * INTS * n, tableSize);
  const start = HEADER + 16 * n + 4 * (INTS * n + tableSize);
  const text = decoder.decode(bytes.subarray(start, start + textBytes));
  let at = 0;
  const take = (length: number) => text.slice(at, (at += length));
  const table: string[] = new Array(tableSize);
  for (let i = 0; i < tableSize; i++) table[i] = take(lengths[i]!);
  const out: Message[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = i * INTS;
    const flags = ints[k + 6]!;
    const id = take(ints[k]!);
    const body = ints[k + 1]! < 0 ? null : take(ints[k + 1]!);
    const rest = ints[k + 2]! < 0 ? null : take(ints[k + 2]!);
    const sender = ints[k + 4]!;
    out[i] = build(
      id,
      table[ints[k + 3]!]!,
      sender < 0 ? null : table[sender]!,
      (flags & OWN) !== 0,
      body,
      times[i]!,
      (flags & EDITED) !== 0,
      (flags & DELETED) !== 0,
      (flags & EDITED_AT_SET) === 0 ? undefined : (flags & EDITED_AT_NULL) !== 0 ? null : editedAt[i]!,
      table[ints[k + 5]!]!,
      rest,
    );
  }
  return out;
}

function build(
  id: string,
  conversationId: string,
  senderId: string | null,
  isOwn: boolean,
  text: string | null,
  time: number,
  edited: boolean,
  deleted: boolean,
  editedAt: number | null | undefined,
  delivery: string,
  restJson: string | null,
): Message {
  const r = restJson === null ? null : (JSON.parse(restJson) as Rest);
  const m: Message = {
    id: id as MessageId,
    conversationId: conversationId as ConversationId,
    source: sourceOf(id),
    senderId: senderId as PersonId | null,
    isOwn,
    text,
    time,
    edited,
    deleted,
    reactions: r ? r[1] : [],
    attachments: r ? r[2] : [],
    mentions: r ? r[6] : [],
    delivery: delivery as Message['delivery'],
  };
  if (editedAt !== undefined) m.editedAt = editedAt;
  if (r) {
    if (r[0] !== null) m.senderName = r[0];
    if (r[3] !== null) m.quote = r[3];
    if (r[4] !== null) m.threadRootId = r[4] as MessageId;
    if (r[5] !== null) m.threadReplyCount = r[5];
    if (r[7] !== null) m.isEvent = r[7];
  }
  return m;
}

/**
 * upsertMessages' reply on its way back: the changed ids as one string, which
 * crosses as a single copy and is cut on arrival, rather than an array that is
 * cloned string by string. (The client keeps nothing of the batch meanwhile: a
 * deep queue of in-flight batches would otherwise be live on the main thread's
 * heap, copied by every collection, until their replies came.)
 */
export type UpsertReply = { changed: string | MessageId[] };

const SEPARATOR = '\n';

export function changedReply(changed: readonly MessageId[]): UpsertReply {
  // Ids are never empty (messages.ts checks them); one with the separator in it (none in practice)
  // makes the list go as it is.
  return changed.some((id) => id.includes(SEPARATOR)) ? { changed: [...changed] } : { changed: changed.join(SEPARATOR) };
}

export function changedIds(reply: UpsertReply): MessageId[] {
  const { changed } = reply;
  if (typeof changed !== 'string') return changed;
  return changed === '' ? [] : (changed.split(SEPARATOR) as MessageId[]);
}
