import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import type { Conversation, Message, MyChatSettings } from '../../../shared/domain/model';
import { appPrefsSchema, DEFAULT_PREFS, eventContract, type AppPrefs, type CallContext, type Handlers, type InvokeChannel, type InvokeInput, type InvokeOutput } from '../../../shared/ipc/contract';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { Backend } from '../app/createBackend';
import { DEFAULT_MY_SETTINGS } from '../providers/genesys/mappers';
import { isPendingId } from '../sync/pending';
import { messageNotificationText, reactionNotificationText, shouldNotify, type NotifyFacts } from './notifyRules';
import { unreadTotal } from './unread';

/**
 * What the desktop shell needs from the backend, gathered in one place that runs under Node: the
 * unread total behind the badge and tray, the notifications to show, and the app preferences
 * (theme, tray, login item, global shortcut, spell check) as they change. electron/main only turns
 * these into Electron calls.
 *
 * It reads through the contract's own channels (validated by dispatch, like any caller), so it
 * sees exactly what the renderer sees and needs nothing private from the cache or sync.
 */

export interface NotificationRequest {
  /** One notification per conversation: a newer one replaces the one still on screen. */
  tag: ConversationId;
  title: string;
  body: string;
  target: { conversationId: ConversationId; messageId?: MessageId };
}

export type DesktopEvent =
  /** `known` false: the defaults, standing in while the backend cannot answer prefs:get yet. */
  | { type: 'prefs'; prefs: AppPrefs; previous: AppPrefs | null; known: boolean }
  | { type: 'unread'; total: number }
  | { type: 'notify'; notification: NotificationRequest };

type GenesysNotifySettings = Pick<MyChatSettings, 'muted' | 'mentionsOnly' | 'notifyOnReactions'>;

export interface DesktopServicesOptions {
  backend: Pick<Backend, 'handlers' | 'onEvent'>;
  host?: CallContext['host'];
  now?: () => number;
  /** Bursts of changes (a sync batch) are gathered for this long before anything is read. */
  batchDelayMs?: number;
  recountDelayMs?: number;
  /** Messages older than this when they arrive are history (catch-up after sleep), not news. */
  maxAgeMs?: number;
  /** Tolerance for the provider's clock running behind this machine's. */
  clockSkewMs?: number;
  /** How long Genesys notification settings are trusted before they are read again. */
  settingsTtlMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

/** How many message ids (and own messages' reactions) are remembered to tell new from edited. */
const SEEN_LIMIT = 5000;
const INBOX_PAGE = 200;
/** 200 × 50 = 10,000 unread conversations: beyond that the badge says 99+ anyway. */
const MAX_INBOX_PAGES = 50;
const LATEST_PAGE = 50;

type ReactionState = Map<string, { count: number; people: Set<string> }>;

export class DesktopServices {
  private readonly handlers: Handlers;
  private readonly ctx: CallContext;
  private readonly now: () => number;
  private readonly log: (message: string, detail?: unknown) => void;
  private readonly o: Required<Pick<DesktopServicesOptions, 'batchDelayMs' | 'recountDelayMs' | 'maxAgeMs' | 'clockSkewMs' | 'settingsTtlMs'>>;
  private readonly listeners = new Set<(e: DesktopEvent) => void>();
  private readonly offBackend: () => void;
  private readonly loggedFailures = new Set<string>();

  private prefsValue: AppPrefs = { ...DEFAULT_PREFS };
  private prefsKnown = false;
  private genesys: GenesysNotifySettings = { ...DEFAULT_MY_SETTINGS };
  private genesysAt = -Infinity;
  private genesysLoading: Promise<void> | null = null;
  private readonly selfIds = new Set<string>();
  private unread = 0;
  private unreadKnown = false;

  private openConversation: ConversationId | null = null;
  private windowFocused = false;
  private windowVisible = true;
  private since: number;

  /** Message id → reactions by others (own messages only; null for everyone else's). */
  private readonly seen = new Map<MessageId, ReactionState | null>();
  private readonly pending = new Map<ConversationId, Set<MessageId>>();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private recountTimer: ReturnType<typeof setTimeout> | undefined;
  private recounting: Promise<void> | null = null;
  private recountAgain = false;
  private work: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(options: DesktopServicesOptions) {
    this.handlers = options.backend.handlers;
    this.ctx = { host: options.host ?? 'electron' };
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, detail) => console.warn(message, detail));
    this.o = {
      batchDelayMs: options.batchDelayMs ?? 250,
      recountDelayMs: options.recountDelayMs ?? 300,
      maxAgeMs: options.maxAgeMs ?? 10 * 60_000,
      clockSkewMs: options.clockSkewMs ?? 60_000,
      settingsTtlMs: options.settingsTtlMs ?? 15 * 60_000,
    };
    this.since = this.now();
    this.offBackend = options.backend.onEvent((event, payload) => this.onBackendEvent(event, payload));
  }

  /** Reads the preferences, settings and unread total once; resolves when the first values are out. */
  async start(): Promise<void> {
    await Promise.all([this.loadPrefs(), this.loadGenesysSettings(), this.loadSelf(), this.recount()]);
  }

  on(listener: (e: DesktopEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get prefs(): AppPrefs {
    return this.prefsValue;
  }

  /** Whether prefs came from the backend (false: still the defaults, e.g. while it starts). */
  get prefsLoaded(): boolean {
    return this.prefsKnown;
  }

  get unreadCount(): number {
    return this.unread;
  }

  /** The conversation on screen in a focused, visible window: it never notifies. */
  get inView(): ConversationId | null {
    return this.windowFocused && this.windowVisible ? this.openConversation : null;
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
  }

  /**
   * The host's handlers, observed: what the renderer opens and whether it is visible (so the
   * conversation in front of the user does not notify), and settings it changes (applied at once,
   * without waiting for an event). Answers are passed through untouched.
   */
  observe(handlers: Handlers, hooks: { onCall?: (channel: InvokeChannel) => void } = {}): Handlers {
    const wrapped = { ...handlers } as Record<string, (input: unknown, ctx: CallContext) => unknown>;
    const after = <C extends InvokeChannel>(channel: C, before: (input: InvokeInputParsed<C>) => void, then: (out: InvokeOutput<C>) => void) => {
      const inner = handlers[channel] as unknown as (input: InvokeInputParsed<C>, ctx: CallContext) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
      wrapped[channel] = async (input, ctx) => {
        before(input as InvokeInputParsed<C>);
        const out = await inner(input as InvokeInputParsed<C>, ctx);
        then(out);
        return out;
      };
    };
    after('conversation:open', ({ id }) => (this.openConversation = id), () => {});
    after('app:setActivity', ({ visible }) => visible !== undefined && (this.windowVisible = visible), () => {});
    after('prefs:set', () => {}, (prefs) => this.applyPrefs(prefs));
    after('mySettings:set', () => {}, (s) => this.applyGenesysSettings(s));
    after('mySettings:reset', () => {}, (s) => this.applyGenesysSettings(s));
    if (hooks.onCall) {
      const onCall = hooks.onCall;
      for (const [channel, fn] of Object.entries(wrapped)) {
        wrapped[channel] = (input, ctx) => {
          onCall(channel as InvokeChannel);
          return fn(input, ctx);
        };
      }
    }
    return wrapped as unknown as Handlers;
  }

  /** For tests and shutdown: resolves once queued notification work is done. */
  async idle(): Promise<void> {
    let last: Promise<void> | null = null;
    while (last !== this.work || this.batchTimer !== undefined || this.recountTimer !== undefined || this.recounting) {
      if (this.batchTimer !== undefined) this.flushNow();
      if (this.recountTimer !== undefined) {
        clearTimeout(this.recountTimer);
        this.recountTimer = undefined;
        void this.recount();
      }
      last = this.work;
      await Promise.all([this.work, this.recounting]);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.offBackend();
    this.listeners.clear();
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    if (this.recountTimer !== undefined) clearTimeout(this.recountTimer);
    this.batchTimer = undefined;
    this.recountTimer = undefined;
    this.pending.clear();
  }

  // ---- backend events --------------------------------------------------------------------

  private onBackendEvent(event: string, payload: unknown): void {
    if (this.disposed) return;
    switch (event) {
      case 'app:ready':
      case 'account:changed':
        // A new workspace: its first sync is history, and what was seen belongs to the old one.
        this.since = this.now();
        this.seen.clear();
        this.selfIds.clear();
        this.genesysAt = -Infinity;
        void Promise.all([this.loadPrefs(), this.loadGenesysSettings(), this.loadSelf()]);
        this.scheduleRecount();
        return;
      case 'prefs:changed': {
        const parsed = appPrefsSchema.safeParse(payload);
        if (parsed.success) this.applyPrefs(parsed.data);
        return;
      }
      case 'conversations:changed':
        this.scheduleRecount();
        return;
      case 'messages:changed': {
        const parsed = eventContract['messages:changed'].safeParse(payload);
        if (!parsed.success) return;
        const { conversationId, ids } = parsed.data;
        const set = this.pending.get(conversationId) ?? new Set<MessageId>();
        for (const id of ids) set.add(id);
        this.pending.set(conversationId, set);
        if (this.batchTimer === undefined) this.batchTimer = setTimeout(() => this.flushNow(), this.o.batchDelayMs);
        return;
      }
      default:
        return;
    }
  }

  private emit(e: DesktopEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.log('A desktop listener failed', err);
      }
    }
  }

  private async call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C> | null> {
    const r = await dispatch(this.handlers, channel, input, this.ctx);
    if (r.ok) return r.value as InvokeOutput<C>;
    // Expected while the backend starts, offline, or before a channel exists: quiet. Anything else once.
    const quiet = ['unavailable', 'not_found', 'offline', 'network', 'auth', 'keychain_unavailable', 'rate_limited', 'timeout'];
    if (!quiet.includes(r.error.code) && !this.loggedFailures.has(`${channel}:${r.error.code}`)) {
      this.loggedFailures.add(`${channel}:${r.error.code}`);
      this.log(`Desktop integration: ${channel} failed (${r.error.code})`, r.error.message);
    }
    return null;
  }

  // ---- preferences and settings ---------------------------------------------------------------

  private async loadPrefs(): Promise<void> {
    const prefs = await this.call('prefs:get', undefined);
    if (prefs) this.applyPrefs(prefs);
    else if (!this.prefsKnown) this.emit({ type: 'prefs', prefs: this.prefsValue, previous: null, known: false });
  }

  private applyPrefs(prefs: AppPrefs): void {
    if (this.disposed) return;
    const previous = this.prefsKnown ? this.prefsValue : null;
    if (previous && samePrefs(previous, prefs)) return;
    this.prefsValue = { ...prefs };
    this.prefsKnown = true;
    this.emit({ type: 'prefs', prefs: this.prefsValue, previous, known: true });
  }

  private loadGenesysSettings(): Promise<void> {
    this.genesysLoading ??= this.call('mySettings:get', undefined)
      .then((s) => {
        if (s) this.applyGenesysSettings(s);
      })
      .finally(() => (this.genesysLoading = null));
    return this.genesysLoading;
  }

  private applyGenesysSettings(s: GenesysNotifySettings): void {
    this.genesys = { muted: s.muted, mentionsOnly: s.mentionsOnly, notifyOnReactions: s.notifyOnReactions };
    this.genesysAt = this.now();
  }

  private async loadSelf(): Promise<void> {
    const status = await this.call('account:status', undefined);
    for (const a of status?.accounts ?? []) if (a.selfPersonId) this.selfIds.add(a.selfPersonId);
  }

  // ---- unread --------------------------------------------------------------------------------

  private scheduleRecount(): void {
    if (this.disposed) return;
    if (this.recountTimer !== undefined) clearTimeout(this.recountTimer);
    this.recountTimer = setTimeout(() => {
      this.recountTimer = undefined;
      void this.recount();
    }, this.o.recountDelayMs);
  }

  /** One recount at a time; changes during one make it run once more. */
  private recount(): Promise<void> {
    if (this.recounting) {
      this.recountAgain = true;
      return this.recounting;
    }
    this.recounting = (async () => {
      do {
        this.recountAgain = false;
        const total = await this.countUnread();
        if (total !== null && !this.disposed && (total !== this.unread || !this.unreadKnown)) {
          this.unread = total;
          this.unreadKnown = true;
          this.emit({ type: 'unread', total });
        }
      } while (this.recountAgain && !this.disposed);
    })().finally(() => (this.recounting = null));
    return this.recounting;
  }

  private async countUnread(): Promise<number | null> {
    const rows: Conversation[] = [];
    let after: { lastActivity: number; id: ConversationId } | undefined;
    for (let page = 0; page < MAX_INBOX_PAGES; page++) {
      const res = await this.call('inbox:list', { filter: { kind: 'unread' }, limit: INBOX_PAGE, ...(after ? { after } : {}) });
      if (!res) return page === 0 ? null : unreadTotal(rows, this.now());
      rows.push(...res.conversations);
      if (!res.next) break;
      after = res.next;
    }
    return unreadTotal(rows, this.now());
  }

  // ---- notifications ---------------------------------------------------------------------------

  private flushNow(): void {
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    this.work = this.work.then(async () => {
      for (const [conversationId, ids] of batch) {
        if (this.disposed) return;
        try {
          await this.consider(conversationId, ids);
        } catch (err) {
          this.log('Desktop integration: could not check new messages for notifications', err);
        }
      }
    });
  }

  private remember(id: MessageId, state: ReactionState | null): void {
    this.seen.delete(id);
    this.seen.set(id, state);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private async consider(conversationId: ConversationId, ids: Set<MessageId>): Promise<void> {
    const notifications = this.prefsValue.notifications;
    const page = await this.call('messages:page', { conversationId, limit: LATEST_PAGE });
    if (!page) return;
    const changed = page.messages.filter((m) => ids.has(m.id));
    if (changed.length === 0) return;

    const fresh: Message[] = [];
    const reactions: Array<{ message: Message; emoji: string; reactor: string | null }> = [];
    for (const m of changed) {
      if (m.isOwn && m.senderId) this.selfIds.add(m.senderId);
      const known = this.seen.has(m.id);
      const before = this.seen.get(m.id) ?? null;
      const now = m.isOwn ? reactionState(m) : null;
      // Pending copies of what the user sends get a new id once sent: remembering them is useless.
      if (!isPendingId(m.id)) this.remember(m.id, now);
      if (!known) fresh.push(m);
      else if (before && now) {
        const added = newReaction(before, now);
        if (added) reactions.push({ message: m, ...added });
      }
    }
    if (!notifications) return;
    // Most changes are history, edits or the user's own sends: settle those without reading more.
    const notBefore = Math.max(this.since, this.now() - this.o.maxAgeMs) - this.o.clockSkewMs;
    const candidates = fresh.filter((m) => !m.isOwn && !m.isEvent && !m.deleted && m.time >= notBefore);
    if (candidates.length === 0 && reactions.length === 0) return;

    const conversation = (await this.call('conversation:get', { id: conversationId }))?.conversation;
    if (!conversation) return;
    if (conversation.source === 'genesys' && this.now() - this.genesysAt > this.o.settingsTtlMs) {
      // Read again in the background; this batch uses what is known (defaults at worst).
      void this.loadGenesysSettings();
    }

    const base = (m: Message): Omit<NotifyFacts, 'kind'> => ({
      appNotifications: this.prefsValue.notifications,
      genesys: this.genesys,
      conversation,
      message: m,
      selfPersonIds: this.selfIds,
      inView: this.inView,
      notBefore,
      now: this.now(),
    });

    const notify = candidates.filter((m) => shouldNotify({ ...base(m), kind: 'message' }).notify).sort((a, b) => a.time - b.time);
    const newest = notify[notify.length - 1];
    if (newest) {
      const text = messageNotificationText({ conversation, message: newest, count: notify.length, preview: this.prefsValue.notificationPreview });
      this.emit({ type: 'notify', notification: { tag: conversationId, ...text, target: { conversationId, messageId: newest.id } } });
      return;
    }

    const reaction = reactions.filter((r) => shouldNotify({ ...base(r.message), kind: 'reaction', reactorIsSelf: r.reactor !== null && this.selfIds.has(r.reactor) }).notify).pop();
    if (reaction) {
      const person = reaction.reactor ? (await this.call('people:get', { personId: reaction.reactor }))?.person : undefined;
      const text = reactionNotificationText({ conversation, reactor: person?.name ?? null, emoji: reaction.emoji, message: reaction.message, preview: this.prefsValue.notificationPreview });
      this.emit({ type: 'notify', notification: { tag: conversationId, ...text, target: { conversationId, messageId: reaction.message.id } } });
    }
  }
}

type InvokeInputParsed<C extends InvokeChannel> = Parameters<Handlers[C]>[0];

function samePrefs(a: AppPrefs, b: AppPrefs): boolean {
  return (Object.keys(b) as Array<keyof AppPrefs>).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}

/** Reactions by others on one of the user's messages: per emoji, how many and who (when known). */
function reactionState(m: Message): ReactionState {
  const out: ReactionState = new Map();
  for (const r of m.reactions) out.set(r.emoji, { count: Math.max(0, r.count - (r.mine ? 1 : 0)), people: new Set(r.personIds) });
  return out;
}

/** The first reaction by someone else that was not there before, and who made it if that is known. */
function newReaction(before: ReactionState, now: ReactionState): { emoji: string; reactor: string | null } | null {
  for (const [emoji, r] of now) {
    const was = before.get(emoji);
    if (r.count <= (was?.count ?? 0)) continue;
    const reactor = [...r.people].find((p) => !was?.people.has(p)) ?? null;
    return { emoji, reactor };
  }
  return null;
}
