import { conversationId as cid, parseConversationId, type Conversation, type ConversationId, type Message, type MessageId, type PersonId } from '../../../shared/domain/index';
import { AppError } from '../../../shared/ipc/result';
import type { Priority } from '../pinkfish/budget';
import { isMappableChat, toConversation, toMessage, toPerson, type MapContext, type UnipileAttendee, type UnipileChat, type UnipileMessage, type UnipileProvider } from '../providers/unipile/index';
import { errorCode } from './failures';
import type { Ingest } from './ingest';
import type { AsyncCache } from './types';

/**
 * Unipile: one cross-chat `list_all_messages(after)` walk per cycle brings
 * every new message of every chat; `list_all_chats` refreshes metadata (unread
 * counts, mute, archive) now and then; the open chat re-reads its newest page,
 * which also reconciles edits, deletes and reactions there.
 *
 * Cursor `u:messages` = {after, walk?}: `after` is the newest message time
 * committed; while a walk spans several pages (newest first), each page is
 * committed together with Unipile's opaque cursor for the rest, so a crash
 * resumes the walk instead of leaving a gap, and `after` moves only when the
 * walk reaches its end.
 */

export const UNIPILE_KEYS = {
  messages: 'u:messages',
  attendees: (id: ConversationId) => `u:attendees:${id}`,
  recent: (id: ConversationId) => `u:recent:${id}`,
  older: (id: ConversationId) => `u:older:${id}`,
  /** Local read mark for networks whose read state cannot be set upstream. */
  read: (id: ConversationId) => `u:read:${id}`,
};

/** `after` is exclusive and timestamps can tie or arrive a little late: re-read this much (ids dedupe). */
export const OVERLAP_MS = 30_000;
const PAGE = 100;
const MAX_PAGES_PER_CYCLE = 20;
const INBOX_PAGES = 4;
const BEGINNING = 'start';
const MAX_REMEMBERED = 50_000;

interface WalkState {
  after: string | null;
  walk?: { next: string; newest: string };
}

export interface UnipileSyncDeps {
  provider: UnipileProvider;
  cache: AsyncCache;
  ingest: Ingest;
  now(): number;
  signal?: AbortSignal;
}

export function unipileChatId(id: ConversationId): string {
  const parsed = parseConversationId(id);
  if (parsed?.source !== 'unipile') throw new AppError('invalid_input', 'Not a Unipile conversation.');
  return parsed.chatId;
}

export class UnipileSync {
  /** Reactions and quotes name people and messages by provider id; these resolve what this session has seen. */
  private readonly personByProviderId = new Map<string, PersonId>();
  private readonly messageByProviderId = new Map<string, MessageId>();
  /** Chats whose attendees were not read yet (names of who wrote what); unnamed ones also lack a real title. */
  private readonly withoutAttendees = new Map<ConversationId, { unnamed: boolean }>();
  private readonly ctx: MapContext;

  constructor(private readonly deps: UnipileSyncDeps) {
    this.ctx = {
      personIdForProviderId: (_account, providerId) => this.personByProviderId.get(providerId),
      messageIdForProviderId: (chatId, providerId) => this.messageByProviderId.get(`${chatId}|${providerId}`),
      now: deps.now,
    };
  }

  /**
   * Chats whose attendees are still unknown, those without a name (titled by a
   * provider id until then) first, then by recent activity as listed.
   */
  chatsWithoutAttendees(): Array<{ id: ConversationId; unnamed: boolean }> {
    const all = [...this.withoutAttendees].map(([id, v]) => ({ id, unnamed: v.unnamed }));
    return [...all.filter((c) => c.unnamed), ...all.filter((c) => !c.unnamed)];
  }

  /** The lookups the mappers use (people and messages by provider id), for callers mapping Unipile objects. */
  mapContext(): MapContext {
    return this.ctx;
  }

  async hasStarted(): Promise<boolean> {
    return (await this.state()).after !== null;
  }

  /** Initial inbox: the chat list (metadata) and the newest messages across all chats (previews). */
  async inbox(priority: Priority): Promise<void> {
    const call = this.call(priority);
    const chats: UnipileChat[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < INBOX_PAGES; page++) {
      const list = await this.deps.provider.listAllChats(cursor ? { cursor, limit: 250 } : { limit: 250 }, call);
      chats.push(...list.items.filter(isMappableChat));
      if (!list.cursor) break;
      cursor = list.cursor;
    }
    await this.deps.ingest.apply({ conversations: await this.conversations(chats) });
    const recent = await this.deps.provider.listAllMessages({ limit: 250 }, call);
    const messages = await this.withKnownChats(await this.map(recent.items), priority);
    // From the messages themselves: a chat's timestamp may move for things list_all_messages never shows.
    const newest = messages.length > 0 ? Math.max(...messages.map((m) => m.time)) : Math.max(0, ...chats.map((c) => (c.timestamp ? Date.parse(c.timestamp) : 0)));
    await this.deps.ingest.apply({ messages, cursor: { key: UNIPILE_KEYS.messages, value: JSON.stringify({ after: new Date(newest).toISOString() } satisfies WalkState) } });
  }

  /** One cross-chat walk of what is new since the committed cursor. Returns how many messages were new. */
  async cycle(priority: Priority): Promise<number> {
    const state = await this.state();
    if (state.after === null) {
      await this.inbox(priority);
      return 0;
    }
    const call = this.call(priority);
    const after = new Date(Date.parse(state.after) - OVERLAP_MS).toISOString();
    let next = state.walk?.next ?? null;
    let newest = Date.parse(state.walk?.newest ?? state.after);
    let added = 0;
    for (let page = 0; page < MAX_PAGES_PER_CYCLE; page++) {
      let list;
      try {
        list = await this.deps.provider.listAllMessages(next ? { cursor: next, limit: PAGE } : { after, limit: PAGE }, call);
      } catch (err) {
        // A saved walk cursor the server no longer accepts: start the walk again from `after` (ids dedupe).
        if (next && errorCode(err) === 'invalid_input') {
          next = null;
          continue;
        }
        throw err;
      }
      const messages = await this.withKnownChats(await this.map(list.items), priority);
      for (const m of messages) newest = Math.max(newest, m.time);
      const value: WalkState = list.cursor ? { after: state.after, walk: { next: list.cursor, newest: new Date(newest).toISOString() } } : { after: new Date(newest).toISOString() };
      const result = await this.deps.ingest.apply({ messages, live: true, cursor: { key: UNIPILE_KEYS.messages, value: JSON.stringify(value) } });
      added += result.added.length;
      if (!list.cursor) break;
      next = list.cursor;
    }
    return added;
  }

  /** Metadata of the most recently active chats (unread counts, mute, archive, pins). */
  async refreshChats(priority: Priority): Promise<void> {
    const list = await this.deps.provider.listAllChats({ limit: PAGE }, this.call(priority));
    await this.deps.ingest.apply({ conversations: await this.conversations(list.items.filter(isMappableChat)) });
  }

  /** The newest page of one chat: arrivals there plus edits, deletes and reactions. */
  async pollChat(id: ConversationId, priority: Priority, limit = 30): Promise<number> {
    const chatId = unipileChatId(id);
    if (!(await this.deps.cache.getConversation(id))) await this.fetchChats([chatId], priority);
    const list = await this.deps.provider.listChatMessages({ chat_id: chatId, limit }, this.call(priority));
    const messages = await this.map(list.items);
    const result = await this.deps.ingest.apply({ messages, live: (await this.deps.cache.getCursor(UNIPILE_KEYS.recent(id))) !== null, cursor: { key: UNIPILE_KEYS.recent(id), value: 'done' } });
    return result.added.length;
  }

  /** Recent history of a chat the initial sync has not read yet (its newest 50 messages). */
  async recentHistory(id: ConversationId, priority: Priority): Promise<boolean> {
    if (await this.deps.cache.getCursor(UNIPILE_KEYS.recent(id))) return false;
    const chatId = unipileChatId(id);
    const list = await this.deps.provider.listChatMessages({ chat_id: chatId, limit: 50 }, this.call(priority));
    await this.deps.ingest.apply({ messages: await this.map(list.items), cursor: { key: UNIPILE_KEYS.recent(id), value: 'done' } });
    return true;
  }

  /** Attendees once per chat: people (names, handles) and, for a chat without a name, a title from them. */
  async attendees(id: ConversationId, priority: Priority): Promise<boolean> {
    if (await this.deps.cache.getCursor(UNIPILE_KEYS.attendees(id))) return false;
    const list = await this.deps.provider.listAttendees({ chat_id: unipileChatId(id) }, this.call(priority));
    this.learn(list.items);
    const cached = await this.deps.cache.getConversation(id);
    // An unnamed chat gets its title (and a 1:1 its avatar) from them; a named 1:1 its avatar, the other
    // person, which the inbox's picture and the palette's "open the 1:1 with this person" go by.
    const updated = !cached ? null : this.withoutAttendees.get(id)?.unnamed ? withAttendeeTitle(cached, list.items) : withAttendeeAvatar(cached, list.items);
    const conversations = updated ? [updated] : [];
    this.withoutAttendees.delete(id);
    await this.deps.ingest.apply({ people: list.items.map(toPerson), conversations });
    await this.deps.cache.setCursor(UNIPILE_KEYS.attendees(id), 'done');
    return true;
  }

  /** One page of older history (the user scrolled up). */
  async backfill(id: ConversationId, priority: Priority, limit = 50): Promise<{ added: number; done: boolean }> {
    const chatId = unipileChatId(id);
    const key = UNIPILE_KEYS.older(id);
    if ((await this.deps.cache.getCursor(key)) === BEGINNING) return { added: 0, done: true };
    const oldest = await this.deps.cache.oldestMessage(id);
    const call = this.call(priority);
    // `before` is exclusive and times can tie: start 1 ms past the oldest cached and let ids dedupe.
    const args = oldest ? { chat_id: chatId, before: new Date(oldest.time + 1).toISOString(), limit } : { chat_id: chatId, limit };
    let list = await this.deps.provider.listChatMessages(args, call);
    let messages = await this.map(list.items);
    let known = new Set((await this.deps.cache.getMessages(messages.map((m) => m.id))).map((m) => m.id));
    // A page made only of ties with what the cache has: follow Unipile's cursor once more.
    if (list.cursor && messages.every((m) => known.has(m.id))) {
      list = await this.deps.provider.listChatMessages({ chat_id: chatId, cursor: list.cursor, limit }, call);
      messages = await this.map(list.items);
      known = new Set((await this.deps.cache.getMessages(messages.map((m) => m.id))).map((m) => m.id));
    }
    const done = list.cursor === null;
    const result = await this.deps.ingest.apply({ messages, cursor: { key, value: done ? BEGINNING : '' } });
    return { added: result.added.length, done };
  }

  /**
   * Asks Unipile to fetch the chat's history from the network's beginning. Older
   * messages appear only when the status reaches SYNC_DONE (and `after` never
   * shows them), so the backfill position is reset then and older pages are read again.
   */
  async historyFull(id: ConversationId, priority: Priority): Promise<string> {
    const chatId = unipileChatId(id);
    const res = await this.deps.provider.syncChatHistory({ chat_id: chatId }, this.call(priority));
    if (res.status === 'SYNC_DONE') await this.deps.cache.setCursor(UNIPILE_KEYS.older(id), '');
    return res.status;
  }

  private async state(): Promise<WalkState> {
    const raw = await this.deps.cache.getCursor(UNIPILE_KEYS.messages);
    if (!raw) return { after: null };
    try {
      const v = JSON.parse(raw) as WalkState;
      return typeof v.after === 'string' && Number.isFinite(Date.parse(v.after)) ? v : { after: null };
    } catch {
      return { after: null };
    }
  }

  /** Chats of messages the cache does not know yet are fetched first; messages of chats gone upstream are dropped. */
  private async withKnownChats(messages: Message[], priority: Priority): Promise<Message[]> {
    const ids = [...new Set(messages.map((m) => m.conversationId))];
    const unknown: string[] = [];
    for (const id of ids) if (!(await this.deps.cache.getConversation(id))) unknown.push(unipileChatId(id));
    if (unknown.length === 0) return messages;
    const known = await this.fetchChats(unknown, priority);
    return messages.filter((m) => !unknown.includes(unipileChatId(m.conversationId)) || known.has(m.conversationId));
  }

  private async fetchChats(chatIds: string[], priority: Priority): Promise<Set<ConversationId>> {
    const found = new Set<ConversationId>();
    const chats: Array<{ chat: UnipileChat; attendees?: UnipileAttendee[] }> = [];
    for (const chatId of chatIds) {
      try {
        const chat = await this.deps.provider.getChat({ chat_id: chatId }, this.call(priority));
        if (!isMappableChat(chat)) continue;
        // A new chat without a name is titled after its people: worth one call when it first appears.
        const attendees = chat.name ? undefined : (await this.deps.provider.listAttendees({ chat_id: chatId }, this.call(priority))).items;
        if (attendees) this.learn(attendees);
        chats.push(attendees ? { chat, attendees } : { chat });
      } catch (err) {
        if (errorCode(err) !== 'not_found') throw err;
      }
    }
    const conversations: Conversation[] = [];
    for (const c of chats) {
      const conv = await this.conversation(c.chat, c.attendees);
      conversations.push(conv);
      found.add(conv.id);
    }
    const people = chats.flatMap((c) => (c.attendees ?? []).map(toPerson));
    await this.deps.ingest.apply({ people, conversations });
    for (const c of chats) if (c.attendees) await this.deps.cache.setCursor(UNIPILE_KEYS.attendees(cid.unipileChat(c.chat.id)), 'done');
    return found;
  }

  private async conversations(chats: UnipileChat[]): Promise<Conversation[]> {
    const out: Conversation[] = [];
    for (const chat of chats) out.push(await this.conversation(chat));
    return out;
  }

  /** A chat as a conversation, keeping the attendee-derived title and the local read mark. */
  private async conversation(chat: UnipileChat, attendees?: UnipileAttendee[]): Promise<Conversation> {
    const conv = toConversation(chat, attendees ? { attendees } : {}, this.ctx);
    if (!attendees && !this.withoutAttendees.has(conv.id) && !(await this.deps.cache.getCursor(UNIPILE_KEYS.attendees(conv.id)))) this.withoutAttendees.set(conv.id, { unnamed: !chat.name });
    if (!attendees && !chat.name) {
      const cached = await this.deps.cache.getConversation(conv.id);
      if (cached) {
        conv.title = cached.title;
        if (cached.avatarPersonId) conv.avatarPersonId = cached.avatarPersonId;
      }
    }
    const mark = Number(await this.deps.cache.getCursor(UNIPILE_KEYS.read(conv.id)));
    if (mark > 0 && (conv.lastActivity === null || conv.lastActivity <= mark)) conv.unreadCount = 0;
    // Marked unread by the user on a network without read status: the server's count of 0 must not undo it.
    if (mark === -1) conv.unreadCount = Math.max(1, conv.unreadCount);
    return conv;
  }

  private learn(attendees: readonly UnipileAttendee[]): void {
    for (const a of attendees) {
      if (a.provider_id) this.personByProviderId.set(a.provider_id, toPerson(a).id);
    }
  }

  /** Sender names are not copied into messages: the cache resolves them from the people rows, so they stay current. */
  private async map(items: readonly UnipileMessage[]): Promise<Message[]> {
    const visible = items.filter((m) => !m.hidden);
    for (const m of visible) if (m.provider_id) this.remember(`${m.chat_id}|${m.provider_id}`, `u:${m.id}` as MessageId);
    return visible.map((raw) => toMessage(raw, this.ctx));
  }

  private remember(key: string, id: MessageId): void {
    if (this.messageByProviderId.size >= MAX_REMEMBERED) {
      const first = this.messageByProviderId.keys().next().value;
      if (first !== undefined) this.messageByProviderId.delete(first);
    }
    this.messageByProviderId.set(key, id);
  }

  private call(priority: Priority) {
    return this.deps.signal ? { priority, signal: this.deps.signal } : { priority };
  }
}

/** A 1:1's other person as its avatar, once its attendees are known; null when there is nothing to add. */
export function withAttendeeAvatar(c: Conversation, attendees: readonly UnipileAttendee[]): Conversation | null {
  if (c.kind !== 'dm' || c.avatarPersonId) return null;
  const other = attendees.find((a) => !a.is_self);
  return other ? { ...c, avatarPersonId: toPerson(other).id } : null;
}

/** The title toConversation gives an unnamed chat once its attendees are known, and the 1:1 avatar. */
export function withAttendeeTitle(c: Conversation, attendees: readonly UnipileAttendee[]): Conversation {
  const others = attendees.filter((a) => !a.is_self);
  const names = others.map((a) => a.name.trim()).filter(Boolean);
  const out = { ...c };
  if (names.length > 0) out.title = names.length > 4 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  const avatar = c.kind === 'dm' ? others[0] : undefined;
  if (avatar) out.avatarPersonId = toPerson(avatar).id;
  return out;
}
