/**
 * The service state.
 *
 * Accounts, attendees and chats are plain objects (a few thousand at most).
 * Messages are not: seeded message n lives in typed arrays (timestamp, chat,
 * sender) and its content is re-derived from a hash of (seed, n) whenever it
 * is read. A message is materialised into `overlay` only when something
 * mutates it; messages created at runtime are full records in `extras`.
 *
 * Seeded timestamps strictly increase with n, so n order *is* time order and
 * the global time index is just 0..N-1. Per-chat, per-account and per-sender
 * indexes are CSR arrays built once; runtime messages go to small sorted
 * side arrays. A list is a merge of those sorted sequences (see paging.ts).
 */
import type { Clock } from '../core/types';
import { IdCodec, HashStream, mix32 } from './ids';
import type { Account, Attendee, Chat, MessageRec } from './model';
import type { AccountType } from './providers';
import { csrGroup, type Csr, type Seq } from './csr';
import { buildSeeded, type Forced, type Rates } from './seeded';

export interface SeededMessages {
  count: number;
  ts: Float64Array;
  chat: Int32Array;
  sender: Int32Array;
  /** 0..count-1: the global time order of seeded messages. */
  all: Int32Array;
  byChat: Csr;
  byAccount: Csr;
  bySender: Csr;
  forced: Map<number, Forced>;
  rates: Rates;
}


const RECORD_CACHE_SIZE = 8192;

export class Store {
  readonly codec: IdCodec;
  readonly accounts: Account[] = [];
  readonly attendees: Attendee[] = [];
  readonly chats: Chat[] = [];
  seeded!: SeededMessages;
  readonly extras: MessageRec[] = [];
  readonly overlay = new Map<number, MessageRec>();
  /** Runtime messages, ascending by (timestamp, id). */
  readonly extraOrder: number[] = [];
  readonly parentOf = new Map<number, number>();
  readonly repliesOf = new Map<number, number[]>();

  private readonly accountById = new Map<string, number>();
  private readonly attendeeIndexById = new Map<string, number>();
  private readonly attendeesByPid = new Map<string, number[]>();
  private readonly chatById = new Map<string, number>();
  private readonly chatByPid = new Map<string, number>();
  private attendeeIdOrder: number[] | null = null;
  private readonly cacheKeys = new Int32Array(RECORD_CACHE_SIZE).fill(-1);
  private readonly cacheValues: Array<MessageRec | undefined> = new Array<MessageRec | undefined>(RECORD_CACHE_SIZE);
  private chatOrder: Chat[] | null = null;

  constructor(
    readonly seed: number,
    readonly clock: Clock,
  ) {
    this.codec = new IdCodec(seed);
  }

  // -- creation -------------------------------------------------------------

  addAccount(type: AccountType, name: string, langs: Account['langs']): Account {
    const idx = this.accounts.length;
    const account: Account = { idx, id: this.codec.encode('account', idx), type, name, selfAttendee: -1, langs, labels: new Set(), extra: [] };
    this.accounts.push(account);
    this.accountById.set(account.id, idx);
    return account;
  }

  addAttendee(fields: Omit<Attendee, 'idx' | 'id' | 'extra'>): Attendee {
    const idx = this.attendees.length;
    const attendee: Attendee = { ...fields, idx, id: this.codec.encode('attendee', idx), extra: [] };
    this.attendees.push(attendee);
    this.attendeeIndexById.set(attendee.id, idx);
    const list = this.attendeesByPid.get(attendee.providerId);
    if (list) list.push(idx);
    else this.attendeesByPid.set(attendee.providerId, [idx]);
    this.attendeeIdOrder = null;
    return attendee;
  }

  addChat(fields: Omit<Chat, 'idx' | 'id' | 'extra'>): Chat {
    const idx = this.chats.length;
    const chat: Chat = { ...fields, idx, id: this.codec.encode('chat', idx), extra: [] };
    this.chats.push(chat);
    this.chatById.set(chat.id, idx);
    this.chatByPid.set(`${chat.accountIdx}|${chat.providerId}`, idx);
    this.chatOrder = null;
    return chat;
  }

  /**
   * Live chats newest first by (timestamp, id). Cached: only append() and
   * chat creation/deletion change it (they call invalidateChatOrder).
   */
  chatsByRecency(): Chat[] {
    if (!this.chatOrder) {
      const key = (c: Chat) => c.lastTs ?? Number.NEGATIVE_INFINITY;
      this.chatOrder = this.chats.filter((c) => !c.deleted).sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    }
    return this.chatOrder;
  }

  invalidateChatOrder(): void {
    this.chatOrder = null;
  }

  /** A stream of hash words for building strings for entity `(salt, n)`. */
  stream(salt: number, n: number): HashStream {
    return new HashStream(mix32(mix32(this.seed, salt), n));
  }

  // -- lookups --------------------------------------------------------------

  accountByIdOrUndefined(id: string): Account | undefined {
    const i = this.accountById.get(id);
    return i === undefined ? undefined : this.accounts[i];
  }

  attendeeById(id: string): Attendee | undefined {
    const i = this.attendeeIndexById.get(id);
    return i === undefined ? undefined : this.attendees[i];
  }

  attendeesByProviderId(pid: string): Attendee[] {
    return (this.attendeesByPid.get(pid) ?? []).map((i) => this.attendees[i]!);
  }

  /** Unipile id first, then provider id (possibly several accounts). */
  resolveAttendees(idOrPid: string): Attendee[] {
    const byId = this.attendeeById(idOrPid);
    return byId ? [byId] : this.attendeesByProviderId(idOrPid);
  }

  /** Live or deleted chat by Unipile id. */
  chatByIdAny(id: string): Chat | undefined {
    const i = this.chatById.get(id);
    return i === undefined ? undefined : this.chats[i];
  }

  chatByProviderId(accountIdx: number, pid: string): Chat | undefined {
    const i = this.chatByPid.get(`${accountIdx}|${pid}`);
    const chat = i === undefined ? undefined : this.chats[i];
    return chat && !chat.deleted ? chat : undefined;
  }

  markChatDeleted(chat: Chat): void {
    chat.deleted = true;
    this.chatOrder = null;
    this.forgetChatProviderId(chat);
  }

  private forgetChatProviderId(chat: Chat): void {
    if (this.chatByPid.get(`${chat.accountIdx}|${chat.providerId}`) === chat.idx) this.chatByPid.delete(`${chat.accountIdx}|${chat.providerId}`);
  }

  /** Attendees sorted by id: the order of list_all_attendees (its cursor holds only last_id). */
  attendeesInIdOrder(): number[] {
    if (!this.attendeeIdOrder) this.attendeeIdOrder = this.attendees.map((a) => a.idx).sort((a, b) => (this.attendees[a]!.id < this.attendees[b]!.id ? -1 : 1));
    return this.attendeeIdOrder;
  }

  accountOf(chat: Chat): Account {
    return this.accounts[chat.accountIdx]!;
  }

  selfOf(account: Account): Attendee {
    return this.attendees[account.selfAttendee]!;
  }

  // -- messages -------------------------------------------------------------

  get messageCount(): number {
    return this.seeded.count + this.extras.length;
  }

  messageId(n: number): string {
    return this.codec.encode('message', n);
  }

  messageIndex(id: string): number {
    const n = this.codec.decode('message', id);
    return n >= 0 && n < this.messageCount ? n : -1;
  }

  tsOf(n: number): number {
    return n < this.seeded.count ? this.seeded.ts[n]! : this.extras[n - this.seeded.count]!.ts;
  }

  chatOf(n: number): Chat {
    return this.chats[n < this.seeded.count ? this.seeded.chat[n]! : this.extras[n - this.seeded.count]!.chat]!;
  }

  senderOf(n: number): number {
    return n < this.seeded.count ? this.seeded.sender[n]! : this.extras[n - this.seeded.count]!.sender;
  }

  /** The current state of message n. Seeded, unmutated messages are rebuilt: do not mutate the result. */
  record(n: number): MessageRec {
    if (n >= this.seeded.count) return this.extras[n - this.seeded.count]!;
    const mutated = this.overlay.get(n);
    if (mutated) return mutated;
    // Direct-mapped cache of rebuilt seeded messages: pages, quotes and threads re-read the same few.
    const slot = n & (RECORD_CACHE_SIZE - 1);
    if (this.cacheKeys[slot] === n) return this.cacheValues[slot]!;
    const rec = buildSeeded(this, n);
    this.cacheKeys[slot] = n;
    this.cacheValues[slot] = rec;
    return rec;
  }

  mutable(n: number): MessageRec {
    if (n >= this.seeded.count) return this.extras[n - this.seeded.count]!;
    let rec = this.overlay.get(n);
    if (!rec) {
      rec = buildSeeded(this, n);
      this.overlay.set(n, rec);
    }
    return rec;
  }

  /** Hidden until a history sync, or in a deleted chat: invisible to every read. */
  isVisible(n: number): boolean {
    const chat = this.chatOf(n);
    return !chat.deleted && this.tsOf(n) >= chat.historyFrom;
  }

  /** Position of seeded message n among its chat's seeded messages. */
  seededPosition(n: number): number {
    const seq = csrGroup(this.seeded.byChat, this.seeded.chat[n]!);
    let lo = 0;
    let hi = seq.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = seq[mid]!;
      if (v === n) return mid;
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  seqsForChat(chat: Chat): Seq[] {
    return [csrGroup(this.seeded.byChat, chat.idx), chat.extra];
  }

  seqsForAccount(account: Account): Seq[] {
    return [csrGroup(this.seeded.byAccount, account.idx), account.extra];
  }

  seqsForSender(attendee: Attendee): Seq[] {
    return [csrGroup(this.seeded.bySender, attendee.idx), attendee.extra];
  }

  seqsGlobal(): Seq[] {
    return [this.seeded.all, this.extraOrder];
  }

  /** (timestamp, id) order, the order of every message list. */
  compareKeys(a: number, b: number): number {
    const ta = this.tsOf(a);
    const tb = this.tsOf(b);
    if (ta !== tb) return ta - tb;
    if (a === b) return 0;
    return this.messageId(a) < this.messageId(b) ? -1 : 1;
  }

  private insertSorted(list: number[], n: number): void {
    let i = list.length;
    while (i > 0 && this.compareKeys(list[i - 1]!, n) > 0) i--;
    list.splice(i, 0, n);
  }

  /**
   * Add a runtime message and keep every index and the chat counters right.
   * Hidden events do not move the chat in the inbox; messages from the
   * account itself mark the chat read (as the phone apps do).
   */
  append(fields: Omit<MessageRec, 'n'>): MessageRec {
    const n = this.messageCount;
    const rec: MessageRec = { ...fields, n };
    this.extras.push(rec);
    const chat = this.chats[rec.chat]!;
    const account = this.accounts[chat.accountIdx]!;
    this.insertSorted(this.extraOrder, n);
    this.insertSorted(chat.extra, n);
    this.insertSorted(account.extra, n);
    this.insertSorted(this.attendees[rec.sender]!.extra, n);
    if (rec.parent !== null) {
      this.parentOf.set(n, rec.parent);
      const replies = this.repliesOf.get(rec.parent);
      if (replies) replies.push(n);
      else this.repliesOf.set(rec.parent, [n]);
    }
    if (!rec.hidden) {
      chat.lastTs = chat.lastTs === null ? rec.ts : Math.max(chat.lastTs, rec.ts);
      this.chatOrder = null;
      if (rec.sender === account.selfAttendee) {
        chat.unread = 0;
        chat.readMark = Math.max(chat.readMark, rec.ts);
      } else {
        chat.unread++;
      }
    }
    return rec;
  }

  /** Newest visible message of a chat (hidden events included), or undefined. */
  lastMessage(chat: Chat): number | undefined {
    const [seeded, extra] = this.seqsForChat(chat) as [Int32Array, number[]];
    const a = seeded.length > 0 ? seeded[seeded.length - 1]! : -1;
    const b = extra.length > 0 ? extra[extra.length - 1]! : -1;
    const n = a < 0 ? b : b < 0 ? a : this.compareKeys(a, b) > 0 ? a : b;
    return n >= 0 && this.tsOf(n) >= chat.historyFrom ? n : undefined;
  }
}
