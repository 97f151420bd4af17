import type { Attachment, Message, Quote, Reaction } from '../../../shared/domain/model';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import { sourceOf } from './context';

/**
 * Messages on their way to the worker, as one JSON string of columns instead of
 * an array of objects. Structured clone walks every object and key twice (once
 * to write, once to read, in the worker); this moves one string and rebuilds the
 * objects in about a third of the worker's time. Repeated strings (conversation
 * ids, sender ids, delivery states) go once into a table. Round trips exactly:
 * absent optional fields stay absent.
 */
export interface PackedMessages {
  packed: string;
}

const OWN = 1;
const EDITED = 2;
const DELETED = 4;
const EDITED_AT_SET = 8;
const EDITED_AT_NULL = 16;
const FIELDS = 6;

type Rest = [senderName: string | null, reactions: Reaction[], attachments: Attachment[], quote: Quote | null, threadRootId: string | null, threadReplyCount: number | null, mentions: PersonId[], isEvent: boolean | null];

interface Columns {
  v: 1;
  strings: string[];
  ids: string[];
  texts: Array<string | null>;
  /** FIELDS per message: conversation, sender (-1 none), time, flags, editedAt, delivery. */
  nums: number[];
  rest: Array<0 | Rest>;
}

export function packMessages(messages: readonly Message[]): PackedMessages {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const cols: Columns = { v: 1, strings, ids: [], texts: [], nums: [], rest: [] };
  for (const m of messages) {
    cols.ids.push(m.id);
    cols.texts.push(m.text);
    const flags =
      (m.isOwn ? OWN : 0) | (m.edited ? EDITED : 0) | (m.deleted ? DELETED : 0) | (m.editedAt !== undefined ? EDITED_AT_SET : 0) | (m.editedAt === null ? EDITED_AT_NULL : 0);
    cols.nums.push(str(m.conversationId), m.senderId === null ? -1 : str(m.senderId), m.time, flags, typeof m.editedAt === 'number' ? m.editedAt : 0, str(m.delivery));
    const plain =
      m.senderName === undefined &&
      m.reactions.length === 0 &&
      m.attachments.length === 0 &&
      m.quote === undefined &&
      m.threadRootId === undefined &&
      m.threadReplyCount === undefined &&
      m.mentions.length === 0 &&
      m.isEvent === undefined;
    cols.rest.push(
      plain ? 0 : [m.senderName ?? null, m.reactions, m.attachments, m.quote ?? null, m.threadRootId ?? null, m.threadReplyCount ?? null, m.mentions, m.isEvent ?? null],
    );
  }
  return { packed: JSON.stringify(cols) };
}

export function unpackMessages({ packed }: PackedMessages): Message[] {
  const cols = JSON.parse(packed) as Columns;
  if (cols.v !== 1) throw new Error('unknown packed message format');
  const { strings, ids, texts, nums, rest } = cols;
  const out: Message[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const k = i * FIELDS;
    const flags = nums[k + 3]!;
    const id = ids[i]!;
    const r = rest[i];
    const m: Message = {
      id: id as MessageId,
      conversationId: strings[nums[k]!] as ConversationId,
      source: sourceOf(id),
      senderId: nums[k + 1]! < 0 ? null : (strings[nums[k + 1]!] as PersonId),
      isOwn: (flags & OWN) !== 0,
      text: texts[i]!,
      time: nums[k + 2]!,
      edited: (flags & EDITED) !== 0,
      deleted: (flags & DELETED) !== 0,
      reactions: r ? r[1] : [],
      attachments: r ? r[2] : [],
      mentions: r ? r[6] : [],
      delivery: strings[nums[k + 5]!] as Message['delivery'],
    };
    if ((flags & EDITED_AT_SET) !== 0) m.editedAt = (flags & EDITED_AT_NULL) !== 0 ? null : nums[k + 4]!;
    if (r) {
      if (r[0] !== null) m.senderName = r[0];
      if (r[3] !== null) m.quote = r[3];
      if (r[4] !== null) m.threadRootId = r[4] as MessageId;
      if (r[5] !== null) m.threadReplyCount = r[5];
      if (r[7] !== null) m.isEvent = r[7];
    }
    out[i] = m;
  }
  return out;
}
