import { messageRef, userRef } from './ids';
import type { MessageRecord, Room } from './model';
import type { GenesysStore } from './store';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * ChatMessageResponse. Optional fields are omitted when empty (no `mentions: {}`,
 * no `edited: false`), the way Genesys' serializer leaves out unset values.
 * `excludeMetadata` drops reactions, mentions and the thread links.
 */
export function renderMessage(store: GenesysStore, m: MessageRecord, excludeMetadata = false): Record<string, unknown> {
  const author = store.people[m.author]!;
  const conv = m.conv;
  const id = store.ids.encode(m.n);
  const out: Record<string, unknown> = { id, dateCreated: iso(m.ts) };
  if (m.edited && m.dateModified !== undefined) out.dateModified = iso(m.dateModified);
  if (conv.kind === 'room') {
    out.toJid = conv.jid;
  } else {
    const to = store.people[m.author === conv.other ? 0 : conv.other]!;
    out.toJid = to.jid;
    out.toUser = userRef(to.id);
  }
  out.jid = author.jid;
  out.body = m.body;
  if (m.edited) out.edited = true;
  out.user = userRef(author.id);
  if (!excludeMetadata) {
    out.thread = { id: store.ids.encode(m.root) };
    if (m.root !== m.n) out.parentThread = { id: store.ids.encode(m.root) };
    if (m.mentions.length > 0) out.mentions = Object.fromEntries(m.mentions.map((p) => [store.people[p]!.id, store.people[p]!.jid]));
    if (m.reactions.length > 0) {
      out.reactions = m.reactions.map((r) => ({ emoji: r.emoji, users: r.users.map((u) => userRef(store.people[u]!.id)) }));
    }
  }
  return out;
}

export function renderListing(store: GenesysStore, indices: readonly number[], excludeMetadata = false): { entities: Record<string, unknown>[] } {
  return { entities: indices.map((n) => renderMessage(store, store.messageAt(n)!, excludeMetadata)) };
}

export function renderRoom(store: GenesysStore, room: Room): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: room.jid,
    name: room.subject,
    dateCreated: iso(room.dateCreated),
    roomType: 'adhoc',
  };
  if (room.description !== undefined) out.description = room.description;
  out.subject = room.subject;
  out.participantLimit = room.participantLimit;
  out.owners = [...room.owners].map((p) => userRef(store.people[p]!.id));
  out.pinnedMessages = room.pins.map(messageRef);
  out.jid = room.jid;
  out.selfUri = `/api/v2/chats/rooms/${room.jid}`;
  return out;
}
