import { parseConversationId, personId, type Conversation, type ConversationId, type Message, type MessageId, type PersonId, type Source } from '../../../shared/domain/index';
import { windowClosed, type WindowedChange } from '../../../shared/domain/messageWindows';
import { AppError } from '../../../shared/ipc/result';
import type { OutboxEntry, OutboxOp } from '../cache/api';
import type { RequestBudget } from '../pinkfish/budget';
import { selfFromSentMessage, type GenesysProvider, type GenesysSelf, type MessageContext } from '../providers/genesys/index';
import { supportsChatAction, type MapContext, type UnipileProvider } from '../providers/unipile/index';
import { realClock, type Clock, type Timer } from './clock';
import { createExecutor } from './executor';
import { errorCode, isUnreachable } from './failures';
import { GENESYS_KEYS, GenesysSync, type GenesysDirectorySeed } from './genesysSync';
import { Ingest, type Batch, type IngestResult } from './ingest';
import { Outbox } from './outbox';
import { buildOverlay, overlayMessage } from './overlay';
import { isPendingId, outboxEntryForMessage, pendingMessageId } from './pending';
import type { SyncPolicy } from './policy';
import { Scheduler, type Progress, type SyncWork } from './scheduler';
import { UNIPILE_KEYS, UnipileSync } from './unipileSync';
import { noEvents, type AsyncCache, type SyncEvents } from './types';

/**
 * The offline layer's front: owns the scheduler, both providers' sync, the
 * outbox and the write path into the cache, and exposes what the channels
 * need. Reads are served by the cache alone (never the network), so the inbox
 * and history stay readable and searchable offline.
 */

export interface SyncEngineOptions {
  cache: AsyncCache;
  budget: Pick<RequestBudget, 'snapshot' | 'onChange'>;
  genesys: GenesysProvider | null;
  unipile: UnipileProvider | null;
  clock?: Clock;
  policy?: Partial<SyncPolicy>;
  /** The signed-in Genesys user when known up front (demo); live mode learns it from the first send. */
  genesysSelf?: GenesysSelf;
  /** The previously known Genesys directory (demo mode only; see README). */
  directorySeed?: () => Promise<GenesysDirectorySeed> | GenesysDirectorySeed;
  events?: SyncEvents;
  random?: () => number;
  outbox?: { backoffBaseMs?: number; backoffMaxMs?: number; concurrency?: number };
  /** Per-call timeout for the outbox's calls (tests use a short one). */
  callTimeoutMs?: number;
  log?: (message: string, err: unknown) => void;
}

export interface SyncStatus {
  connection: 'connecting' | 'online' | 'offline';
  progress: Progress;
  budget: { perHour: number; perDay: number; remainingHour: number; remainingDay: number; pausedUntil: number | null };
  outbox: { pending: number; failed: number };
  lastSyncAt: number | null;
  lastError: { code: string; message: string; at?: number } | null;
}

export interface SendInput {
  /** The window's id for this message: a repeat of it (its answer was lost) is not a second message. */
  clientId?: string;
  conversationId: ConversationId;
  text: string;
  quoteId?: MessageId;
  threadRootId?: MessageId;
  mentions?: PersonId[];
  attachments?: Array<{ name: string; mimeType: string; base64: string }>;
}

const INITIAL_KEY = 'sync:initial';
/** Window-chosen send ids remembered (see send): far more than anyone sends while an answer is lost. */
const RECENT_SENDS = 500;
/** Attendee lists read per background cycle after the initial sync (names of senders, chat titles). */
const ATTENDEES_PER_CYCLE = 2;
/** Chats without a preview whose latest page is read per background cycle, and how far down the inbox. */
const PREVIEWS_PER_CYCLE = 3;
const PREVIEW_SCAN = 200;
const HISTORY_SYNC_POLL_MS = 5000;
const STATUS_EVERY_MS = 1000;
const HISTORY_SYNC_MAX_POLLS = 60;

export class SyncEngine {
  readonly cache: AsyncCache;
  readonly scheduler: Scheduler;
  readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly events: SyncEvents;
  private readonly ingest: Ingest;
  private readonly genesys: GenesysSync | null;
  private readonly unipile: UnipileSync | null;
  private self: GenesysSelf;
  private readonly abort = new AbortController();
  private outboxOnline: boolean | null = null;
  private syncOnline: boolean | null = null;
  /** Directory ids known to be recorded (saves a write per batch for 'seen'). */
  private directoryIds: Set<ConversationId> | null = null;
  private statusTimer: Timer | null = null;
  private lastStatusAt = -Infinity;
  private offBudget: (() => void) | null = null;
  private started = false;
  /** Answers to sends that came with the window's own client id, newest last (see send). */
  private readonly recentSends = new Map<string, { clientId: string; messageId: MessageId }>();
  /** Chats may still lack a preview (see fillPreviews): false once a scan finds fewer than a cycle's worth. */
  private previewsPending = true;

  constructor(private readonly options: SyncEngineOptions) {
    this.cache = options.cache;
    this.clock = options.clock ?? realClock;
    this.events = options.events ?? noEvents;
    this.self = options.genesysSelf ?? { meUserId: null };
    const signal = this.abort.signal;
    this.ingest = new Ingest({
      cache: this.cache,
      events: this.events,
      isWatched: (id) => {
        const s = this.scheduler.status();
        return s.openConversation === id && s.activity.visible;
      },
      selfPersonId: (source: Source) => (source === 'genesys' && this.self.meUserId ? personId.genesys(this.self.meUserId) : undefined),
      genesysSeen: (ids) => this.rememberGenesys(ids, 'seen'),
    });
    this.genesys = options.genesys ? new GenesysSync({ provider: options.genesys, cache: this.cache, ingest: this.ingest, self: () => this.self, learnSelf: (self) => this.learnGenesysSelf(self), now: this.clock.now, signal }) : null;
    this.unipile = options.unipile ? new UnipileSync({ provider: options.unipile, cache: this.cache, ingest: this.ingest, now: this.clock.now, signal }) : null;
    this.scheduler = new Scheduler({
      clock: this.clock,
      budget: options.budget,
      work: this.work(),
      ...(options.policy ? { policy: options.policy } : {}),
      onChange: () => {
        // Sync reaching Pinkfish again ends every backoff the outbox is waiting out.
        const online = this.scheduler.status().online;
        if (online && this.syncOnline === false) void this.outbox.wake();
        this.syncOnline = online;
        this.statusSoon();
      },
      ...(options.log ? { log: options.log } : {}),
    });
    this.outbox = new Outbox({
      cache: this.cache,
      clock: this.clock,
      executor: createExecutor({
        genesys: options.genesys,
        unipile: options.unipile,
        cache: this.cache,
        genesysSelf: () => this.self,
        now: this.clock.now,
        ...(options.callTimeoutMs !== undefined ? { timeoutMs: options.callTimeoutMs } : {}),
      }),
      ...(options.random ? { random: options.random } : {}),
      ...options.outbox,
      onChange: (conversationId, ids) => {
        this.events.messagesChanged(conversationId, ids);
        this.statusSoon();
      },
      onDelivered: (entry, message) => void this.delivered(entry, message),
      onReachability: (ok) => {
        if (ok && this.outboxOnline === false) void this.outbox.wake();
        this.outboxOnline = ok;
        this.statusSoon();
      },
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** The inbox is already readable from the cache; this starts the network side. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const saved = await this.cache.getCursor(GENESYS_KEYS.self);
    if (!this.self.meUserId && saved) this.self = JSON.parse(saved) as GenesysSelf;
    if (this.genesys && this.options.directorySeed) await this.genesys.seed(await this.options.directorySeed());
    this.offBudget = this.options.budget.onChange(() => this.statusSoon());
    await this.outbox.start();
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
    this.outbox.stop();
    this.abort.abort();
    this.offBudget?.();
    this.statusTimer?.cancel();
  }

  /** Every lane and the outbox at rest (tests). */
  async whenIdle(): Promise<void> {
    await this.scheduler.whenIdle();
    await this.outbox.whenIdle();
  }

  async status(): Promise<SyncStatus> {
    const s = this.scheduler.status();
    const b = this.options.budget.snapshot();
    const entries = await this.cache.listOutbox(['pending', 'sending', 'ambiguous', 'failed']);
    const online = this.outboxOnline === false ? false : (s.online ?? this.outboxOnline);
    return {
      connection: online === null ? 'connecting' : online ? 'online' : 'offline',
      progress: s.progress,
      budget: { perHour: b.perHour, perDay: b.perDay, remainingHour: b.remainingHour, remainingDay: b.remainingDay, pausedUntil: b.pausedUntil },
      outbox: { pending: entries.filter((e) => e.state !== 'failed').length, failed: entries.filter((e) => e.state === 'failed').length },
      lastSyncAt: s.lastSyncAt,
      lastError: s.lastError,
    };
  }

  // ---- what the user looks at ------------------------------------------------------

  /**
   * The conversation on screen. One the cache does not know (a room opened by
   * its JID, a 1:1 by user id) is looked up first, so a wrong id fails here.
   */
  async open(id: ConversationId | null): Promise<Conversation | null> {
    if (id === null) {
      this.scheduler.setOpen(null);
      return null;
    }
    let conv = await this.cache.getConversation(id);
    const parsed = parseConversationId(id);
    if (parsed?.source === 'genesys') {
      if (!this.genesys) throw new AppError('invalid_input', 'No Genesys connection is selected.');
      await this.rememberGenesys([id], 'opened');
      if (!conv) {
        await this.genesys.refreshMeta(id, 'user');
        conv = await this.cache.getConversation(id);
      }
    } else if (!conv) {
      throw new AppError('not_found', 'That conversation is not known yet.');
    }
    this.scheduler.setOpen(id);
    return conv;
  }

  /**
   * Adds Genesys conversations to the room directory (no tool lists them): rooms
   * created or joined (future channels), opened by JID, 1:1s by user id, seen in messages.
   */
  async rememberGenesys(ids: ConversationId[], via: 'created' | 'joined' | 'opened' | 'seen' | 'mentioned'): Promise<void> {
    if (!this.genesys) return;
    this.directoryIds ??= new Set((await this.cache.listDirectory()).map((e) => e.conversationId));
    for (const id of ids) {
      if (this.directoryIds.has(id) && via === 'seen') continue;
      await this.genesys.record(id, via);
      this.directoryIds.add(id);
    }
  }

  setActivity(a: { visible?: boolean; idle?: boolean }): void {
    this.scheduler.setActivity(a);
  }

  /** Older history from the network, one page (the user scrolled to the top of what is cached). */
  async backfill(id: ConversationId): Promise<{ added: number; done: boolean }> {
    const parsed = parseConversationId(id);
    if (parsed?.source === 'genesys') return this.need(this.genesys, 'Genesys').backfill(id, 'user');
    return this.need(this.unipile, 'Unipile').backfill(id, 'user');
  }

  /** Unipile `sync_chat_history`: starts it and follows it in the background until done. */
  async historyFull(id: ConversationId): Promise<{ status: string }> {
    const parsed = parseConversationId(id);
    if (parsed?.source !== 'unipile') throw new AppError('invalid_input', 'Only Unipile chats can sync their full history.');
    const sync = this.need(this.unipile, 'Unipile');
    const status = await sync.historyFull(id, 'user');
    this.followHistorySync(id, status, 0);
    return { status };
  }

  // ---- writes (through the outbox) -------------------------------------------------

  async send(input: SendInput): Promise<{ clientId: string; messageId: MessageId }> {
    // Asked again with an id already queued: the answer to the first ask, whether that message is still
    // waiting in the outbox (the cache keeps one entry per id) or has been delivered and left it.
    const earlier = input.clientId ? this.recentSends.get(input.clientId) : undefined;
    if (earlier) return earlier;
    const conv = await this.mustConversation(input.conversationId);
    const text = input.text.trim();
    if (!text && !input.attachments?.length) throw new AppError('invalid_input', 'There is nothing to send.', { field: 'text' });
    if (conv.readOnly) throw new AppError('forbidden', 'This conversation is read-only.');
    const disabled = new Set(conv.disabled ?? []);
    if (conv.source === 'genesys' && input.attachments?.length) throw new AppError('invalid_input', 'Genesys chat cannot send files from Switchboard.', { field: 'attachments' });
    if (conv.source === 'genesys' && input.quoteId) throw new AppError('invalid_input', 'Genesys chat has no quoted replies; reply in a thread instead.', { field: 'quoteId' });
    if (input.quoteId && disabled.has('reply')) throw new AppError('invalid_input', 'Replies are not available in this conversation.', { field: 'quoteId' });
    if (input.threadRootId && conv.source === 'unipile' && disabled.has('threads')) throw new AppError('invalid_input', 'Threads are not available in this conversation.', { field: 'threadRootId' });
    if (input.attachments?.length && disabled.has('attachments')) throw new AppError('invalid_input', 'Files cannot be sent here.', { field: 'attachments' });
    const op: OutboxOp = { kind: 'send', conversationId: conv.id, text: input.text };
    if (input.quoteId) op.quoteId = input.quoteId;
    if (input.threadRootId) op.threadRootId = input.threadRootId;
    if (input.mentions?.length) op.mentions = input.mentions;
    if (input.attachments?.length) op.attachments = input.attachments;
    // Queuing it also makes it the conversation's latest activity and preview (cache/activity.ts).
    const entry = await this.outbox.enqueue(op, input.clientId);
    const result = { clientId: entry.clientId, messageId: pendingMessageId(entry) };
    if (input.clientId) {
      this.recentSends.set(input.clientId, result);
      // A window retries within minutes of losing an answer; the oldest ids go first.
      if (this.recentSends.size > RECENT_SENDS) this.recentSends.delete(this.recentSends.keys().next().value!);
    }
    await this.cache.clearDraft(conv.id);
    if (conv.unreadCount > 0) await this.cache.setConversationFlags(conv.id, { unreadCount: 0 });
    this.events.conversationsChanged([conv.id]);
    return result;
  }

  /**
   * `mentions`: people mentioned in the new text (Genesys), added to those the message already names: the
   * edit replaces the whole body upstream, so the ones it had go with it again.
   */
  async edit(messageId: MessageId, text: string, mentions: readonly PersonId[] = []): Promise<{ clientId: string }> {
    if (!text.trim()) throw new AppError('invalid_input', 'A message cannot be edited to nothing; delete it instead.', { field: 'text' });
    const pending = await this.pendingEntry(messageId);
    if (pending) {
      const conv = await this.cache.getConversation(pending.op.conversationId);
      await this.outbox.editText(pending.clientId, text, conv?.source === 'genesys' ? mentions : []);
      // Its new text is the inbox's preview when it is the conversation's latest.
      this.events.conversationsChanged([pending.op.conversationId]);
      return { clientId: pending.clientId };
    }
    const m = await this.mustMessage(messageId);
    if (!m.isOwn) throw new AppError('forbidden', 'Only your own messages can be edited.');
    if (m.deleted) throw new AppError('conflict', 'That message was deleted.');
    const conv = await this.checkFeature(m.conversationId, 'edit', 'Editing is not available in this conversation.');
    this.checkWindow(conv, m, 'edit');
    const op: OutboxOp = { kind: 'edit', conversationId: m.conversationId, messageId, text };
    // Unipile carries no mentions; Genesys takes them with the edit: the whole set, old and new (without
    // new ones the executor sends the cached message's).
    const added = m.source === 'genesys' ? mentions.filter((p) => !m.mentions.includes(p)) : [];
    if (added.length) op.mentions = [...m.mentions, ...new Set(added)];
    return this.act(op, m);
  }

  async delete(messageId: MessageId): Promise<{ clientId: string }> {
    const pending = await this.pendingEntry(messageId);
    if (pending) {
      await this.outbox.discard(pending.clientId);
      return { clientId: pending.clientId };
    }
    const m = await this.mustMessage(messageId);
    // Genesys room owners may delete anyone's message (the server decides); Unipile only one's own.
    if (m.source === 'unipile' && !m.isOwn) throw new AppError('forbidden', 'Only your own messages can be deleted.');
    if (m.deleted) throw new AppError('conflict', 'That message was already deleted.');
    const conv = await this.checkFeature(m.conversationId, 'delete', 'Deleting is not available in this conversation.');
    this.checkWindow(conv, m, 'delete');
    return this.act({ kind: 'delete', conversationId: m.conversationId, messageId }, m);
  }

  async react(messageId: MessageId, emoji: string, on: boolean): Promise<{ clientId: string }> {
    const m = await this.mustMessage(messageId);
    if (m.deleted) throw new AppError('conflict', 'That message was deleted.');
    await this.checkFeature(m.conversationId, 'reactions', 'Reactions are not available in this conversation.');
    if (m.source === 'unipile' && !on) throw new AppError('invalid_input', 'Unipile cannot remove a reaction.');
    return this.act({ kind: 'react', conversationId: m.conversationId, messageId, emoji, on }, m);
  }

  async pin(messageId: MessageId, on: boolean): Promise<{ clientId: string }> {
    const m = await this.mustMessage(messageId);
    if (m.source !== 'genesys') throw new AppError('invalid_input', 'Only Genesys conversations have pinned messages.');
    const pins = (await this.cache.getPins(m.conversationId)).map((p) => p.messageId);
    if (on && !pins.includes(messageId) && pins.length >= 5) throw new AppError('invalid_input', 'A conversation can have at most 5 pinned messages; unpin one first.');
    const entry = await this.outbox.enqueue({ kind: 'pin', conversationId: m.conversationId, messageId, on });
    await this.cache.setPins(m.conversationId, on ? [...new Set([...pins, messageId])] : pins.filter((p) => p !== messageId));
    this.events.conversationsChanged([m.conversationId]);
    return { clientId: entry.clientId };
  }

  /**
   * Read state. Unipile's WhatsApp and LinkedIn take it upstream (through the
   * outbox); elsewhere it is kept locally, with a mark that stops the next chat
   * refresh from bringing the server's unread count back.
   */
  async markRead(id: ConversationId, read: boolean): Promise<void> {
    const conv = await this.mustConversation(id);
    // Opening a conversation marks it read again and again: only a change is worth a call.
    if (read === (conv.unreadCount === 0)) return;
    const upstream = conv.source === 'unipile' && conv.network !== 'genesys' && supportsChatAction(conv.network, 'setReadStatus');
    // Queued before the local write, as every action is: a poll's page written in between then finds it
    // queued and lays it over what it wrote (Ingest.layLate).
    if (upstream) await this.outbox.enqueue({ kind: 'read', conversationId: id, read });
    await this.cache.setConversationFlags(id, { unreadCount: read ? 0 : Math.max(1, conv.unreadCount) });
    // No read status upstream: a local mark. -1 = "marked unread", kept until the user opens it again.
    if (conv.source === 'unipile' && !upstream) await this.cache.setCursor(UNIPILE_KEYS.read(id), read ? String(conv.lastActivity ?? this.clock.now()) : '-1');
    this.events.conversationsChanged([id]);
  }

  async retry(clientId: string): Promise<void> {
    await this.outbox.retry(clientId);
  }

  async discard(clientId: string): Promise<void> {
    const e = await this.outbox.discard(clientId);
    // An edit, reaction or pin that will not happen: show the server's state again. A send gave
    // back its conversation's lead in the inbox.
    if (e.op.kind !== 'send') this.refresh(e.op.conversationId);
    else this.events.conversationsChanged([e.op.conversationId]);
  }

  // ---- for the app's management channels (rooms, people, threads…) -----------------

  /** Who the user is on Genesys, as far as known (demo: up front; live: learnt). */
  genesysSelf(): GenesysSelf {
    return this.self;
  }

  /** Records the user's Genesys identity when it was not known yet (e.g. from the owner of a room they created). */
  async learnGenesysSelf(self: GenesysSelf): Promise<void> {
    if (this.self.meUserId || !self.meUserId) return;
    this.self = self;
    await this.cache.setCursor(GENESYS_KEYS.self, JSON.stringify(self));
  }

  /** Writes provider data through the one ingest path (merge, overlay, events). */
  async ingestBatch(batch: Batch): Promise<IngestResult> {
    return this.ingest.apply(batch);
  }

  /** How Genesys messages of a conversation are mapped (self, JID → user id). */
  genesysMessageContext(conversationId?: ConversationId): MessageContext {
    const ctx: MessageContext = { ...this.self, ...(this.genesys ? { userIdForJid: (jid: string) => this.genesys!.userIdForJid(jid) } : {}) };
    if (conversationId) ctx.conversationId = conversationId;
    return ctx;
  }

  /** How Unipile objects are mapped (provider ids of people and messages this session has seen). */
  unipileMapContext(): MapContext {
    return this.unipile?.mapContext() ?? { now: this.clock.now };
  }

  // ---- internals --------------------------------------------------------------------

  private async act(op: OutboxOp, m: Message): Promise<{ clientId: string }> {
    const entry = await this.outbox.enqueue(op);
    // Shown at once: the cached copy takes the change; sync keeps laying it over until it is confirmed.
    const laid = overlayMessage(m, buildOverlay([entry]), this.selfPerson(m.source));
    await this.cache.upsertMessages([laid]);
    this.events.messagesChanged(m.conversationId, [m.id]);
    return { clientId: entry.clientId };
  }

  /** Polls one conversation soon (the open one through its lane, others as a job). */
  private refresh(id: ConversationId): void {
    if (this.scheduler.status().openConversation === id) return this.scheduler.refreshOpen();
    this.scheduler.addJob(`refresh ${id}`, async () => {
      const parsed = parseConversationId(id);
      if (parsed?.source === 'genesys') await this.genesys?.poll(id, 'background');
      else await this.unipile?.pollChat(id, 'background');
    });
  }

  private async delivered(entry: OutboxEntry, message: Message | null): Promise<void> {
    if (entry.op.kind !== 'send') return;
    if (message?.source === 'genesys' && message.id.startsWith('g:') && this.genesys && !this.self.meUserId) {
      // Live mode learns who the user is from their first message (no tool says it otherwise).
      try {
        const self = await selfFromSentMessage(this.options.genesys!, message.id.slice(2), { priority: 'background' });
        if (self) {
          this.self = self;
          await this.cache.setCursor(GENESYS_KEYS.self, JSON.stringify(self));
        }
      } catch (err) {
        this.options.log?.('sync: could not learn the Genesys user id', err);
      }
    }
  }

  private followHistorySync(id: ConversationId, status: string, polls: number): void {
    const sync = this.unipile;
    if (!sync) return;
    if (status === 'SYNC_DONE') {
      this.scheduler.addJob(`older history ${id}`, async () => void (await sync.backfill(id, 'background')));
      return;
    }
    if (!['SYNC_STARTED', 'SYNC_RUNNING'].includes(status) || polls >= HISTORY_SYNC_MAX_POLLS) return;
    this.scheduler.addJob(
      `history sync ${id}`,
      async () => this.followHistorySync(id, await sync.historyFull(id, 'background'), polls + 1),
      this.clock.now() + HISTORY_SYNC_POLL_MS,
    );
  }

  private selfPerson(source: Source): PersonId | undefined {
    return source === 'genesys' && this.self.meUserId ? personId.genesys(this.self.meUserId) : undefined;
  }

  private need<T>(sync: T | null, name: string): T {
    if (!sync) throw new AppError('invalid_input', `No ${name} connection is selected. Pick one in Settings → Accounts.`);
    return sync;
  }

  private async mustConversation(id: ConversationId): Promise<Conversation> {
    const c = await this.cache.getConversation(id);
    if (!c) throw new AppError('not_found', 'That conversation is not in Switchboard yet.');
    return c;
  }

  private async mustMessage(id: MessageId): Promise<Message> {
    if (isPendingId(id)) throw new AppError('conflict', 'That message has not been sent yet.');
    const [m] = await this.cache.getMessages([id]);
    if (!m) throw new AppError('not_found', 'That message is not in Switchboard (it may have been deleted).');
    return m;
  }

  private async checkFeature(id: ConversationId, feature: NonNullable<Conversation['disabled']>[number], message: string): Promise<Conversation> {
    const c = await this.mustConversation(id);
    if (c.disabled?.includes(feature)) throw new AppError('invalid_input', message);
    return c;
  }

  /**
   * Refused here, before anything is queued, once the network's time limit on the change has passed:
   * queued, it would show as done, then fail upstream with a Retry that can never succeed.
   */
  private checkWindow(c: Conversation, m: Message, change: WindowedChange): void {
    const closed = windowClosed(c, m.time, change, this.clock.now());
    if (closed) throw new AppError('invalid_input', closed);
  }

  private async pendingEntry(id: MessageId): Promise<OutboxEntry | null> {
    return outboxEntryForMessage(await this.cache.listOutbox(), id);
  }

  /** Status events at once, then at most one a second (the budget moves with every call). */
  private statusSoon(): void {
    if (this.statusTimer) return;
    const wait = this.lastStatusAt + STATUS_EVERY_MS - this.clock.now();
    const emit = () => {
      this.statusTimer = null;
      this.lastStatusAt = this.clock.now();
      this.events.statusChanged();
    };
    if (wait <= 0) emit();
    else this.statusTimer = this.clock.setTimer(emit, wait);
  }

  private work(): SyncWork {
    return {
      initial: (report) => this.initial(report),
      pollOpen: async (id, n) => {
        const parsed = parseConversationId(id);
        if (parsed?.source === 'genesys') {
          if (!this.genesys) return;
          const every = this.scheduler.policy.metaEveryOpenPolls;
          try {
            const r = await this.genesys.poll(id, 'open', { meta: n % every === every - 1 });
            await this.polled(id, r.newest);
          } catch (err) {
            // A room the user left or was never in refuses to be read: the room itself says so (its
            // Join notice), so this is no sync problem to report (Settings showed it as the last one,
            // naming no room, long after the user had left on purpose).
            if (errorCode(err) !== 'forbidden') throw err;
            await this.cache.markPolled(id, this.clock.now());
          }
        } else if (this.unipile) {
          if (n === 0) await this.unipile.attendees(id, 'open');
          await this.unipile.pollChat(id, 'open');
        }
      },
      unipileCycle: async (withChats) => {
        if (!this.unipile) return;
        if (withChats) await this.unipile.refreshChats('background');
        await this.unipile.cycle('background');
        for (const c of this.unipile.chatsWithoutAttendees().slice(0, ATTENDEES_PER_CYCLE)) await this.unipile.attendees(c.id, 'background');
        // Scanned again only while a scan still finds some, or after the chat list may have brought new ones.
        if (withChats) this.previewsPending = true;
        if (this.previewsPending) this.previewsPending = (await this.fillPreviews()) >= PREVIEWS_PER_CYCLE;
      },
      genesysCandidates: async () => (this.genesys ? (await this.cache.listDirectory()).map((e) => ({ id: e.conversationId, lastActivity: e.lastActivity, lastPolled: e.lastPolled })) : []),
      pollGenesys: (id) => this.pollGenesys(id, 'background'),
    };
  }

  /**
   * Unipile's chat list carries no last message, and the first sync reads the history of the most
   * active chats only: the others showed an empty preview in the inbox until opened (about a third of
   * the demo's). A few of them a cycle get their latest page, top of the inbox first; a chat whose
   * page was read already costs no call. Answers how many pages were read.
   */
  private async fillPreviews(): Promise<number> {
    if (!this.unipile) return 0;
    const rows = (await this.cache.listInbox({ filter: { kind: 'all' }, limit: PREVIEW_SCAN })).conversations;
    let fetched = 0;
    for (const c of rows) {
      if (fetched >= PREVIEWS_PER_CYCLE) break;
      if (c.source !== 'unipile' || c.lastMessagePreview) continue;
      if (await this.unipile.recentHistory(c.id, 'background')) fetched++;
    }
    return fetched;
  }

  private async pollGenesys(id: ConversationId, priority: 'background' | 'open'): Promise<void> {
    if (!this.genesys) return;
    try {
      const r = await this.genesys.poll(id, priority);
      await this.polled(id, r.newest);
    } catch (err) {
      if (isUnreachable(err) || errorCode(err) === 'cancelled' || errorCode(err) === 'rate_limited') throw err;
      // A room the user left or that is gone must not stall the others: note it and poll it at its slow pace.
      this.options.log?.(`sync: polling ${id} failed`, err);
      await this.cache.markPolled(id, this.clock.now());
    }
  }

  private async polled(id: ConversationId, newest: number | null): Promise<void> {
    await this.cache.markPolled(id, this.clock.now());
    if (newest !== null) {
      const entry = (await this.cache.listDirectory()).find((e) => e.conversationId === id);
      if (entry && (entry.lastActivity === null || newest > entry.lastActivity)) await this.cache.recordDirectory({ conversationId: id, via: entry.via, lastActivity: newest });
    }
  }

  /** Inbox first (what the list needs), then recent history of the most active conversations. */
  private async initial(report: (p: Progress) => void): Promise<void> {
    if ((await this.cache.getCursor(INITIAL_KEY)) === 'done') return;
    const directory = this.genesys ? await this.cache.listDirectory() : [];
    const unpolled: ConversationId[] = [];
    for (const e of directory) if (!(await this.cache.getCursor(GENESYS_KEYS.newest(e.conversationId)))) unpolled.push(e.conversationId);
    const unipileNeeded = this.unipile !== null && !(await this.unipile.hasStarted());
    const total = unpolled.length + (unipileNeeded ? 1 : 0);
    let done = 0;
    report({ phase: 'inbox', done, total });
    const failures: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        if (isUnreachable(err) || errorCode(err) === 'cancelled') throw err;
        failures.push(err);
        this.options.log?.('sync: initial step failed', err);
      }
      report({ phase: 'inbox', done: ++done, total });
    };
    if (unipileNeeded) await attempt(() => this.unipile!.inbox('background'));
    for (const id of unpolled) await attempt(() => this.pollGenesys(id, 'background'));

    const active = (await this.cache.listInbox({ filter: { kind: 'all' }, limit: this.scheduler.policy.initialActive })).conversations.filter((c) => c.source === 'unipile');
    // Names for who wrote what, and titles for unnamed chats: the active ones now, the rest a few per cycle.
    const activeIds = new Set(active.map((c) => c.id));
    const unnamed = (this.unipile?.chatsWithoutAttendees() ?? []).filter((c) => c.unnamed || activeIds.has(c.id)).map((c) => c.id);
    const steps = active.length + unnamed.length;
    let histDone = 0;
    report({ phase: 'history', done: 0, total: steps });
    for (const c of active) {
      try {
        await this.unipile?.recentHistory(c.id, 'background');
      } catch (err) {
        if (isUnreachable(err) || errorCode(err) === 'cancelled') throw err;
        this.options.log?.('sync: recent history failed', err);
      }
      report({ phase: 'history', done: ++histDone, total: steps });
    }
    for (const id of unnamed) {
      try {
        await this.unipile?.attendees(id, 'background');
      } catch (err) {
        if (isUnreachable(err) || errorCode(err) === 'cancelled') throw err;
        this.options.log?.('sync: attendees failed', err);
      }
      report({ phase: 'history', done: ++histDone, total: steps });
    }
    if (failures.length === 0) await this.cache.setCursor(INITIAL_KEY, 'done');
  }
}
