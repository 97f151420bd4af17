import type { Conversation, ConversationId, Message, MessageId, PersonId, Reaction } from '../../../shared/domain/index';
import type { OutboxEntry, OutboxState } from '../cache/api';

/**
 * Operations the user made that the server has not confirmed yet (edits,
 * deletes, reactions, pins, read marks) are shown at once and must stay shown
 * when a poll brings the server's older view of the same message: sync lays
 * this overlay over everything it writes, and the outbox over the cached copy
 * when the user acts.
 */
export interface PendingOverlay {
  edits: Map<MessageId, { text: string; mentions?: PersonId[] }>;
  deletes: Set<MessageId>;
  reactions: Map<MessageId, Array<{ emoji: string; on: boolean }>>;
  pins: Map<ConversationId, Array<{ messageId: MessageId; on: boolean }>>;
  reads: Map<ConversationId, boolean>;
}

export const UNCONFIRMED: readonly OutboxState[] = ['pending', 'sending', 'ambiguous'];

export function buildOverlay(entries: readonly OutboxEntry[]): PendingOverlay {
  const o: PendingOverlay = { edits: new Map(), deletes: new Set(), reactions: new Map(), pins: new Map(), reads: new Map() };
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (!UNCONFIRMED.includes(e.state)) continue;
    const op = e.op;
    if (op.kind === 'edit') {
      // A later edit that adds no one keeps the mentions an earlier, unconfirmed one added.
      const mentions = op.mentions ?? o.edits.get(op.messageId)?.mentions;
      o.edits.set(op.messageId, mentions ? { text: op.text, mentions } : { text: op.text });
    }
    else if (op.kind === 'delete') o.deletes.add(op.messageId);
    else if (op.kind === 'react') o.reactions.set(op.messageId, [...(o.reactions.get(op.messageId) ?? []), { emoji: op.emoji, on: op.on }]);
    else if (op.kind === 'pin') o.pins.set(op.conversationId, [...(o.pins.get(op.conversationId) ?? []), { messageId: op.messageId, on: op.on }]);
    else if (op.kind === 'read') o.reads.set(op.conversationId, op.read);
  }
  return o;
}

/**
 * A writer lays the overlay it read a few cache round trips before its write, and an operation the
 * user made in between wrote its own copy at once, which that write has just overwritten. Read after
 * the write: what the operations queued since `seen` touch (messages edited, deleted or reacted to;
 * conversations marked read or unread; conversations pinned in), and the overlay to lay again over
 * those, the ones seen before included. One made after this read writes over the write itself.
 */
export interface LateOperations {
  overlay: PendingOverlay;
  messages: Set<MessageId>;
  reads: Set<ConversationId>;
  pins: Set<ConversationId>;
}

export async function lateOperations(cache: { listOutbox(states: OutboxState[]): Promise<OutboxEntry[]> }, seen: readonly OutboxEntry[]): Promise<LateOperations | null> {
  const known = new Set(seen.map((e) => e.seq));
  const late = (await cache.listOutbox([...UNCONFIRMED])).filter((e) => !known.has(e.seq) && e.op.kind !== 'send');
  if (late.length === 0) return null;
  const out: LateOperations = { overlay: buildOverlay([...seen, ...late]), messages: new Set(), reads: new Set(), pins: new Set() };
  for (const { op } of late) {
    if (op.kind === 'read') out.reads.add(op.conversationId);
    else if (op.kind === 'pin') out.pins.add(op.conversationId);
    else if (op.kind !== 'send') out.messages.add(op.messageId);
  }
  return out;
}

export function isEmptyOverlay(o: PendingOverlay): boolean {
  return o.edits.size === 0 && o.deletes.size === 0 && o.reactions.size === 0 && o.pins.size === 0 && o.reads.size === 0;
}

export function toggleReaction(reactions: readonly Reaction[], emoji: string, on: boolean, me?: PersonId): Reaction[] {
  const out = reactions.map((r) => ({ ...r, personIds: [...r.personIds] }));
  const r = out.find((x) => x.emoji === emoji);
  if (on) {
    if (!r) out.push({ emoji, count: 1, mine: true, personIds: me ? [me] : [] });
    else if (!r.mine) {
      r.mine = true;
      r.count += 1;
      if (me && !r.personIds.includes(me)) r.personIds.push(me);
    }
  } else if (r?.mine) {
    r.mine = false;
    r.count = Math.max(0, r.count - 1);
    if (me) r.personIds = r.personIds.filter((p) => p !== me);
  }
  return out.filter((x) => x.count > 0);
}

export function overlayMessage(m: Message, o: PendingOverlay, me?: PersonId): Message {
  let out = m;
  const edit = o.edits.get(m.id);
  // The mentions go with the text: the executor sends the cached copy's (Genesys replaces both at once).
  if (edit !== undefined && !m.deleted) out = { ...out, text: edit.text, edited: true, ...(edit.mentions ? { mentions: edit.mentions } : {}) };
  const reacts = o.reactions.get(m.id);
  if (reacts) {
    let reactions = out.reactions;
    for (const r of reacts) reactions = toggleReaction(reactions, r.emoji, r.on, me);
    out = { ...out, reactions };
  }
  if (o.deletes.has(m.id)) out = { ...out, deleted: true, text: null, attachments: [], reactions: [] };
  return out;
}

export function overlayConversation(c: Conversation, o: PendingOverlay): Conversation {
  const read = o.reads.get(c.id);
  if (read === undefined) return c;
  return { ...c, unreadCount: read ? 0 : Math.max(1, c.unreadCount) };
}

export function overlayPins(conversationId: ConversationId, ids: readonly MessageId[], o: PendingOverlay): MessageId[] {
  let out = [...ids];
  for (const p of o.pins.get(conversationId) ?? []) {
    if (p.on && !out.includes(p.messageId)) out.push(p.messageId);
    if (!p.on) out = out.filter((id) => id !== p.messageId);
  }
  return out;
}
