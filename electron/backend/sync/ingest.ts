import type { Conversation, ConversationId, Message, MessageId, Person, PersonId, Source } from '../../../shared/domain/index';
import { buildOverlay, isEmptyOverlay, lateOperations, overlayConversation, overlayMessage, overlayPins, UNCONFIRMED, type PendingOverlay } from './overlay';
import type { OutboxEntry } from '../cache/api';
import type { AsyncCache, SyncEvents } from './types';

/**
 * The one write path from the network into the cache. Providers' views are
 * merged with what the cache knows (Genesys reports neither activity nor unread
 * counts, Unipile's chat list carries no preview), unconfirmed user operations
 * are laid over them, the sync cursor is committed in the same transaction as
 * the messages it covers, and the changes are announced.
 */

export interface Batch {
  people?: Person[];
  /** Provider metadata; merged with the cached row, never blindly replacing it. */
  conversations?: Conversation[];
  messages?: Message[];
  /** Messages that vanished upstream (Genesys deletes outright). */
  deleted?: MessageId[];
  pins?: Array<{ conversationId: ConversationId; messageIds: MessageId[] }>;
  cursor?: { key: string; value: string };
  /**
   * New arrivals (polls) rather than old history (backfill): only these count
   * as unread and move a conversation's activity.
   */
  live?: boolean;
}

export interface IngestResult {
  /** Messages the cache did not have before. */
  added: MessageId[];
  changed: MessageId[];
}

export interface IngestDeps {
  cache: AsyncCache;
  events: SyncEvents;
  /** The conversation on screen while the window is visible: arrivals there are read. */
  isWatched(id: ConversationId): boolean;
  selfPersonId(source: Source): PersonId | undefined;
  /** Genesys conversations that messages were stored for (the room directory learns ones it did not know). */
  genesysSeen?(ids: ConversationId[]): Promise<void>;
}

/** A provider's view of a conversation merged over the cached row. */
export function mergeConversation(cached: Conversation | null, incoming: Conversation): Conversation {
  if (!cached) return incoming;
  const out: Conversation = { ...incoming };
  if (cached.lastActivity !== null && (incoming.lastActivity === null || incoming.lastActivity < cached.lastActivity)) out.lastActivity = cached.lastActivity;
  if (!incoming.lastMessagePreview && cached.lastMessagePreview) out.lastMessagePreview = cached.lastMessagePreview;
  if (!incoming.avatarPersonId && cached.avatarPersonId) out.avatarPersonId = cached.avatarPersonId;
  // Genesys has no read state: the count is ours, kept across metadata refreshes.
  if (incoming.source === 'genesys') out.unreadCount = cached.unreadCount;
  return out;
}

export class Ingest {
  constructor(private readonly deps: IngestDeps) {}

  async apply(batch: Batch): Promise<IngestResult> {
    const { cache, events } = this.deps;
    const seen = await cache.listOutbox([...UNCONFIRMED]);
    const overlay = buildOverlay(seen);
    const touched = new Set<ConversationId>();

    if (batch.people?.length) await cache.upsertPeople(batch.people);

    const convs = new Map<ConversationId, Conversation>();
    for (const incoming of batch.conversations ?? []) {
      const merged = overlayConversation(mergeConversation(await cache.getConversation(incoming.id), incoming), overlay);
      convs.set(merged.id, merged);
    }
    if (convs.size > 0) {
      // Only rows that changed: the chat list comes back whole every cycle, mostly as it was.
      for (const id of (await cache.upsertConversations([...convs.values()])).changed) touched.add(id);
    }

    let added: MessageId[] = [];
    let changed: MessageId[] = [];
    const messages = batch.messages ?? [];
    if (messages.length > 0) {
      const me = (m: Message) => this.deps.selfPersonId(m.source);
      const laid = isEmptyOverlay(overlay) ? messages : messages.map((m) => overlayMessage(m, overlay, me(m)));
      const known = new Set((await cache.getMessages(laid.map((m) => m.id))).map((m) => m.id));
      changed = (await cache.upsertMessages(laid, batch.cursor)).changed;
      added = laid.filter((m) => !known.has(m.id)).map((m) => m.id);
      const addedSet = new Set(added);
      if (batch.live) for (const id of await this.countUnread(laid, addedSet, overlay)) touched.add(id);
      const changedSet = new Set([...changed, ...added]);
      this.announce(laid.filter((m) => changedSet.has(m.id)), touched);
      const genesys = [...new Set(laid.filter((m) => m.source === 'genesys').map((m) => m.conversationId))];
      if (genesys.length > 0) await this.deps.genesysSeen?.(genesys);
    } else if (batch.cursor) {
      await cache.setCursor(batch.cursor.key, batch.cursor.value);
    }

    if (batch.deleted?.length) {
      const gone = await cache.getMessages(batch.deleted);
      if (gone.length > 0) {
        await cache.deleteMessages(gone.map((m) => m.id));
        this.announce(gone, touched);
      }
    }

    for (const p of batch.pins ?? []) {
      const next = overlayPins(p.conversationId, p.messageIds, overlay);
      const before = (await cache.getPins(p.conversationId)).map((x) => x.messageId);
      if (before.length !== next.length || before.some((id, i) => id !== next[i])) {
        await cache.setPins(p.conversationId, next);
        touched.add(p.conversationId);
      }
    }

    if (messages.length > 0 || convs.size > 0 || batch.pins?.length) await this.layLate(batch, seen, convs, touched);

    if (touched.size > 0) events.conversationsChanged([...touched]);
    return { added, changed };
  }

  /**
   * The overlay was read a few cache round trips before the writes above: operations the user made in
   * between (an edit, a reaction, a read mark) are laid again over what this batch wrote
   * (`lateOperations`), with the ones seen before, as they were laid the first time.
   */
  private async layLate(batch: Batch, seen: readonly OutboxEntry[], convs: ReadonlyMap<ConversationId, Conversation>, touched: Set<ConversationId>): Promise<void> {
    const { cache } = this.deps;
    const late = await lateOperations(cache, seen);
    if (!late) return;
    const messages = (batch.messages ?? []).filter((m) => late.messages.has(m.id)).map((m) => overlayMessage(m, late.overlay, this.deps.selfPersonId(m.source)));
    if (messages.length > 0) {
      await cache.upsertMessages(messages);
      this.announce(messages, touched);
    }
    // Read back, not the merged copy written above: the messages' write has moved activity and preview since.
    const reread: Conversation[] = [];
    for (const id of convs.keys()) {
      if (!late.reads.has(id)) continue;
      const current = await cache.getConversation(id);
      if (current) reread.push(overlayConversation(current, late.overlay));
    }
    if (reread.length > 0) for (const id of (await cache.upsertConversations(reread)).changed) touched.add(id);
    for (const p of batch.pins ?? []) {
      if (!late.pins.has(p.conversationId)) continue;
      await cache.setPins(p.conversationId, overlayPins(p.conversationId, p.messageIds, late.overlay));
      touched.add(p.conversationId);
    }
  }

  /** Says which messages changed, one event per conversation, and marks their conversations touched. */
  private announce(messages: ReadonlyArray<Pick<Message, 'id' | 'conversationId'>>, touched: Set<ConversationId>): void {
    const byConversation = new Map<ConversationId, MessageId[]>();
    for (const m of messages) {
      const ids = byConversation.get(m.conversationId);
      if (ids) ids.push(m.id);
      else byConversation.set(m.conversationId, [m.id]);
    }
    for (const [id, ids] of byConversation) {
      this.deps.events.messagesChanged(id, ids);
      touched.add(id);
    }
  }

  /**
   * Arrivals from others in a conversation the user is not looking at count as
   * unread (Genesys has no read state at all; for Unipile this keeps the count
   * right between chat-list refreshes). Activity and preview are the cache's job.
   */
  private async countUnread(messages: Message[], added: Set<MessageId>, overlay: PendingOverlay): Promise<ConversationId[]> {
    const fresh = new Map<ConversationId, number>();
    for (const m of messages) {
      if (!added.has(m.id) || m.isOwn || m.isEvent || m.deleted || this.deps.isWatched(m.conversationId)) continue;
      fresh.set(m.conversationId, (fresh.get(m.conversationId) ?? 0) + 1);
    }
    const updates: Conversation[] = [];
    for (const [id, n] of fresh) {
      const conv = await this.deps.cache.getConversation(id);
      if (!conv) continue;
      const laid = overlayConversation({ ...conv, unreadCount: conv.unreadCount + n }, overlay);
      if (laid.unreadCount !== conv.unreadCount) {
        await this.deps.cache.setConversationFlags(id, { unreadCount: laid.unreadCount });
        updates.push(laid);
      }
    }
    return updates.map((c) => c.id);
  }
}
