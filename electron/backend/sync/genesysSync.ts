import { conversationId as cid, parseConversationId, personId, type ConversationId, type Message, type MessageId, type Person } from '../../../shared/domain/index';
import { AppError } from '../../../shared/ipc/result';
import type { DirectoryEntry } from '../cache/api';
import type { Priority } from '../pinkfish/budget';
import { iteratePages } from '../providers/common/paging';
import { createGenesysPaging, mapMessages, mapOneOnOne, mapRoom, normalizeJid, selfInOneOnOne, toEpochMs, type GenesysPaging, type GenesysProvider, type GenesysSelf, type HistoryCursor } from '../providers/genesys/index';
import type { GenesysMessage } from '../providers/genesys/schemas';
import type { Ingest } from './ingest';
import type { AsyncCache } from './types';

/**
 * Genesys rooms and 1:1s. There is no "list my rooms" tool and no cursor in
 * history replies, so each conversation of the directory is polled on its own:
 * the newest page, walking back until it meets what the cache already has
 * (the committed `g:newest:<id>` cursor). The newest page doubles as the
 * reconciliation window: edits and reactions in it are rewritten, and messages
 * the cache holds inside it that the reply no longer has were deleted
 * (Genesys deletes leave no tombstone).
 */

export const GENESYS_KEYS = {
  newest: (id: ConversationId) => `g:newest:${id}`,
  older: (id: ConversationId) => `g:older:${id}`,
  self: 'g:self',
};

/** Pages walked back per poll before giving up on closing a gap (documented in README). */
const MAX_CATCHUP_PAGES = 50;
const BEGINNING = 'start';

export interface GenesysDirectorySeed {
  rooms: Array<{ jid: string; subject?: string }>;
  oneOnOnes: Array<{ id: string; name?: string }>;
  people?: Array<{ id: string; name: string; jid?: string }>;
}

export interface GenesysSyncDeps {
  provider: GenesysProvider;
  cache: AsyncCache;
  ingest: Ingest;
  self(): GenesysSelf;
  /** Records who the user is when a history shows it (see map). */
  learnSelf?(self: GenesysSelf): Promise<void>;
  now(): number;
  signal?: AbortSignal;
}

export interface PollResult {
  added: number;
  /** Newest message time seen (drives the directory's activity weighting). */
  newest: number | null;
}

type Target = { kind: 'room'; roomJid: string } | { kind: 'dm'; userId: string };

export function genesysTarget(id: ConversationId): Target {
  const parsed = parseConversationId(id);
  if (parsed?.source !== 'genesys') throw new AppError('invalid_input', 'Not a Genesys conversation.');
  return parsed.kind === 'room' ? { kind: 'room', roomJid: parsed.roomJid } : { kind: 'dm', userId: parsed.userId };
}

export class GenesysSync {
  private readonly paging: GenesysPaging;
  /** Display names by user id: Genesys chat tools never carry names. */
  private readonly names = new Map<string, string>();
  private readonly idByJid = new Map<string, string>();

  constructor(private readonly deps: GenesysSyncDeps) {
    this.paging = createGenesysPaging(deps.provider);
  }

  /**
   * The previously known directory. Live mode starts empty and learns from
   * rooms created, joined and opened; demo mode passes the rooms the demo user
   * belongs to, as an app that had run before would know them.
   */
  async seed(seed: GenesysDirectorySeed): Promise<void> {
    const people: Person[] = [];
    const me = this.deps.self().meUserId;
    for (const p of seed.people ?? []) {
      this.learnPerson(p.id, p.name, p.jid);
      const person: Person = { id: personId.genesys(p.id), source: 'genesys', name: p.name, isSelf: p.id === me };
      if (p.jid) person.handle = normalizeJid(p.jid);
      people.push(person);
    }
    for (const o of seed.oneOnOnes) if (o.name) this.learnPerson(o.id, o.name);
    if (people.length > 0) await this.deps.cache.upsertPeople(people);
    for (const r of seed.rooms) await this.deps.cache.recordDirectory({ conversationId: cid.genesysRoom(normalizeJid(r.jid)), via: 'joined' });
    for (const o of seed.oneOnOnes) await this.deps.cache.recordDirectory({ conversationId: cid.genesysDm(o.id), via: 'opened' });
  }

  learnPerson(userId: string, name: string, jid?: string): void {
    this.names.set(userId, name);
    if (jid) this.idByJid.set(normalizeJid(jid), userId);
  }

  /** The user id of a JID, when a person with that JID was learnt. */
  userIdForJid(jid: string): string | undefined {
    return this.idByJid.get(normalizeJid(jid));
  }

  /** Adds a conversation to the directory (created, joined, opened by JID or user id, seen). */
  async record(id: ConversationId, via: DirectoryEntry['via'], lastActivity?: number): Promise<void> {
    genesysTarget(id);
    await this.deps.cache.recordDirectory(lastActivity === undefined ? { conversationId: id, via } : { conversationId: id, via, lastActivity });
  }

  /** Title, subject and pins from Genesys (one call). */
  async refreshMeta(id: ConversationId, priority: Priority): Promise<void> {
    const target = genesysTarget(id);
    const call = this.callOptions(priority);
    if (target.kind === 'room') {
      const mapped = mapRoom(await this.deps.provider.getRoom({ roomJid: target.roomJid }, call), target.roomJid);
      await this.deps.ingest.apply({ conversations: [{ ...mapped.conversation, id }], pins: [{ conversationId: id, messageIds: mapped.pins.map((p) => p.messageId) }] });
    } else {
      const name = this.names.get(target.userId) ?? (await this.deps.cache.getPeople([personId.genesys(target.userId)]))[0]?.name;
      const mapped = mapOneOnOne(await this.deps.provider.getOneOnOne({ userId: target.userId }, call), target.userId, name);
      await this.deps.ingest.apply({ conversations: [mapped.conversation], pins: [{ conversationId: id, messageIds: mapped.pins.map((p) => p.messageId) }] });
    }
  }

  /**
   * New messages and the reconciliation window of one conversation. The first
   * poll of a conversation takes only its newest page (recent history, not
   * arrivals); later ones walk back to the committed cursor.
   */
  async poll(id: ConversationId, priority: Priority, options: { pageSize?: number; meta?: boolean } = {}): Promise<PollResult> {
    const target = genesysTarget(id);
    if (options.meta || !(await this.deps.cache.getConversation(id))) await this.refreshMeta(id, priority);
    const raw = await this.deps.cache.getCursor(GENESYS_KEYS.newest(id));
    const cursor = raw ? parseNewest(raw) : null;
    const pageSize = options.pageSize ?? 50;
    const call = this.callOptions(priority);
    const fetch = target.kind === 'room' ? this.paging.roomHistoryPages(target.roomJid, { pageSize, call }) : this.paging.userHistoryPages(target.userId, { pageSize, call });
    const startedAt = this.deps.now();

    const items: GenesysMessage[] = [];
    let reachedStart = false;
    for await (const page of iteratePages(fetch, null, { maxPages: cursor ? MAX_CATCHUP_PAGES : 1, ...(this.deps.signal ? { signal: this.deps.signal } : {}) })) {
      items.push(...page.items);
      if (page.next === null) {
        reachedStart = true;
        break;
      }
      const oldest = page.items[0];
      if (!cursor || (oldest && toEpochMs(oldest.dateCreated) <= cursor.time)) break;
    }

    const messages = await this.map(items, id);
    const times = messages.map((m) => m.time);
    const newest = times.length > 0 ? Math.max(...times) : null;
    const windowFrom = reachedStart ? -Infinity : times.length > 0 ? Math.min(...times) : null;
    const deleted = windowFrom === null ? [] : await this.vanished(id, new Set(messages.map((m) => m.id)), windowFrom, startedAt);
    // Committed even when nothing came: it also marks the conversation as polled once, so the next
    // poll's messages count as arrivals.
    const value = JSON.stringify({ time: Math.max(newest ?? 0, cursor?.time ?? 0) });
    const result = await this.deps.ingest.apply({ messages, deleted, live: cursor !== null, cursor: { key: GENESYS_KEYS.newest(id), value } });
    if (reachedStart && !(await this.deps.cache.getCursor(GENESYS_KEYS.older(id)))) await this.deps.cache.setCursor(GENESYS_KEYS.older(id), BEGINNING);
    return { added: result.added.length, newest };
  }

  /** One page of older history, from where the cache's history ends (the user scrolled up). */
  async backfill(id: ConversationId, priority: Priority, pageSize = 50): Promise<{ added: number; done: boolean }> {
    const target = genesysTarget(id);
    const key = GENESYS_KEYS.older(id);
    const saved = await this.deps.cache.getCursor(key);
    if (saved === BEGINNING) return { added: 0, done: true };
    let start: HistoryCursor | null = saved ? (JSON.parse(saved) as HistoryCursor) : null;
    if (!start) {
      const oldest = await this.deps.cache.oldestMessage(id);
      if (!oldest) {
        const r = await this.poll(id, priority, { pageSize });
        return { added: r.added, done: (await this.deps.cache.getCursor(key)) === BEGINNING };
      }
      start = { before: new Date(oldest.time).toISOString(), seen: [oldest.id.slice(2)] };
    }
    const call = this.callOptions(priority);
    const fetch = target.kind === 'room' ? this.paging.roomHistoryPages(target.roomJid, { pageSize, call }) : this.paging.userHistoryPages(target.userId, { pageSize, call });
    const page = await fetch(start);
    const messages = await this.map(page.items, id);
    const done = page.next === null;
    const cursor = { key, value: done ? BEGINNING : JSON.stringify(page.next) };
    const result = await this.deps.ingest.apply({ messages, cursor });
    return { added: result.added.length, done };
  }

  private async map(items: GenesysMessage[], id: ConversationId): Promise<Message[]> {
    let self = this.deps.self();
    // A live account starts not knowing its Genesys user id; a 1:1's history tells it, and without it
    // the user's own messages there would be credited to the other person.
    const target = genesysTarget(id);
    if (!self.meUserId && target.kind === 'dm' && this.deps.learnSelf) {
      const me = selfInOneOnOne(items, target.userId);
      if (me) {
        await this.deps.learnSelf({ ...self, meUserId: me });
        self = this.deps.self();
      }
    }
    const ctx = { ...self, conversationId: id, userIdForJid: (jid: string) => this.idByJid.get(jid) };
    // Sender names come from the people rows when the cache reads messages back, so they stay current.
    return mapMessages(items, ctx);
  }

  /** Cached, confirmed messages inside [from, to) that the server no longer returns (newest first walk). */
  private async vanished(id: ConversationId, present: Set<MessageId>, from: number, to: number): Promise<MessageId[]> {
    const gone: MessageId[] = [];
    // Only up to when the request left: a send that completed while it was out is newer than that and
    // is not judged by a reply that predates it.
    let before = { time: to, id: '' as MessageId };
    for (let guard = 0; guard < 10_000; guard++) {
      const page = await this.deps.cache.messagesPage({ conversationId: id, limit: 200, before });
      const confirmed = page.messages.filter((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
      for (const m of confirmed) if (m.time >= from && m.time < to && !present.has(m.id)) gone.push(m.id);
      const head = confirmed[0];
      if (!page.hasOlder || !head || head.time < from) break;
      before = { time: head.time, id: head.id };
    }
    return gone;
  }

  private callOptions(priority: Priority) {
    return this.deps.signal ? { priority, signal: this.deps.signal } : { priority };
  }
}

function parseNewest(raw: string): { time: number } | null {
  try {
    const v = JSON.parse(raw) as { time?: unknown };
    return typeof v.time === 'number' ? { time: v.time } : null;
  } catch {
    return null;
  }
}
