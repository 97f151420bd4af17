import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message, Person } from '../../../shared/domain/model';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * The loaded window of each recently opened conversation, read from the offline cache.
 *
 * A window is a contiguous run of messages (oldest first). It grows upwards as the user scrolls
 * (cache first, then `messages:backfill` from the network), and is re-read where it changed on
 * `messages:changed`. Unchanged messages keep their object identity so memoized rows skip work.
 */
export interface TimelineData {
  messages: Message[];
  /** The cache holds older messages than the window. */
  hasOlder: boolean;
  /** The window does not reach the live end (after a jump). */
  hasNewer: boolean;
  status: 'loading' | 'ready' | 'error';
  error: WireError | null;
  older: 'idle' | 'loading' | 'backfilling' | 'error';
  /** The network has no older history either: "Beginning of the conversation". */
  beginning: boolean;
}

/**
 * The popup open on a message: its action menu, the reaction picker or the delete confirmation.
 * `thread`: opened from the thread panel (that thread's root): actions act in the thread, and the
 * keyboard goes back to the message there.
 */
export type MessageUi =
  | { kind: 'menu'; messageId: MessageId; at: { x: number; y: number }; thread?: MessageId }
  | { kind: 'react'; messageId: MessageId; at: { x: number; y: number }; thread?: MessageId }
  | { kind: 'confirmDelete'; messageId: MessageId; thread?: MessageId };

export interface TimelineSlice {
  messageUi: MessageUi | null;
  openMessageUi: (ui: MessageUi) => void;
  /** Close it; focus goes back to where it came from (the message) unless `keepFocus`. */
  closeMessageUi: (keepFocus?: boolean) => void;
  timelines: Record<string, TimelineData>;
  /** The message the keyboard acts on in the open conversation. */
  selectedMessageId: MessageId | null;
  /** Briefly highlighted after a jump (search hit, pin, deep link). */
  highlight: { id: MessageId; seq: number } | null;
  pinnedIds: Record<string, MessageId[]>;
  /** Display names learnt from people:list / people:get, for senders without a name on the message. */
  personNames: Record<string, string>;
  /** The user's own person ids (from `isSelf` people and own messages): their mentions are highlighted. */
  selfIds: Record<string, true>;
  /** A conversation's people for @-completion. */
  members: Record<string, Person[]>;
  /** When each conversation's people were last read (Date.now()). */
  membersAt: Record<string, number>;

  loadTimeline: (id: ConversationId) => Promise<void>;
  loadOlder: (id: ConversationId) => Promise<void>;
  loadNewer: (id: ConversationId) => Promise<void>;
  /** Loads the page around a message and selects it. */
  jumpToMessage: (id: ConversationId, messageId: MessageId) => Promise<boolean>;
  jumpToLatest: (id: ConversationId) => Promise<void>;
  refreshMessages: (id: ConversationId, ids: readonly MessageId[]) => Promise<void>;
  /** Drop every window (account switch). */
  resetTimelines: () => void;
  selectMessage: (id: MessageId | null) => void;
  loadPins: (id: ConversationId) => Promise<void>;
  /** Reads a conversation's people; with `maxAgeMs`, not if they were read more recently than that. */
  loadMembers: (id: ConversationId, opts?: { maxAgeMs?: number }) => Promise<void>;
  /** A conversation's people as just read (by loadMembers, or the details panel's list). */
  learnMembers: (id: ConversationId, people: readonly Person[]) => void;
  /** Replace one message in its window (optimistic updates). */
  patchMessage: (message: Message) => void;
}

export const PAGE = 50;
/**
 * A conversation's people are a provider call (Genesys room participants, Unipile attendees): a switch
 * back to a conversation whose people were read this recently asks no one. Reloading the workspace
 * (start, app:ready, an account change) reads them again whatever their age.
 */
export const MEMBERS_FRESH_MS = 120_000;
/**
 * Pages read while scrolling are larger than the first one (which should paint at once): a long
 * scroll then stops for a page three times less often, and each stop (rows rebuilt, offsets
 * recomputed, the view re-anchored) is what can cost a frame.
 */
export const SCROLL_PAGE = 150;
/** Windows kept for quick switching back; older ones are dropped. */
const KEEP = 24;
/**
 * Messages one window holds at most. Scrolling far into history drops the newest end (and scrolling
 * back down the oldest), to be read again from the cache when the user returns: every page that
 * arrives rebuilds the timeline's rows, offsets and keys, and at 10,000 messages that work (not the
 * DOM, which is virtualized) is what made long scrolls miss frames. A window this size is some
 * twenty screens of messages.
 */
export const MAX_WINDOW = 600;

const EMPTY: TimelineData = { messages: [], hasOlder: false, hasNewer: false, status: 'loading', error: null, older: 'idle', beginning: false };

const seqs = new Map<string, number>();
const bump = (id: string) => {
  const n = (seqs.get(id) ?? 0) + 1;
  seqs.set(id, n);
  return n;
};
const current = (id: string) => seqs.get(id) ?? 0;
let highlightSeq = 0;
/** `loadTimeline`'s reads in flight, by window, with the window's sequence number when each began. */
const windowReads = new Map<string, { seq: number; read: Promise<void> }>();

const same = (a: Message | undefined, b: Message) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** Keep the previous object for every message that did not change. */
export function reuse(previous: readonly Message[], next: readonly Message[]): Message[] {
  if (previous.length === 0) return [...next];
  const byId = new Map(previous.map((m) => [m.id, m]));
  return next.map((m) => {
    const old = byId.get(m.id);
    return old && same(old, m) ? old : m;
  });
}

/**
 * Merge a fresh latest page into a window that reaches the live end: everything from the
 * page's first message on is replaced (pending copies that were sent disappear, new ones
 * arrive), older messages stay. With no overlap (many new messages) the page replaces all.
 */
export function mergeTail(window: readonly Message[], page: readonly Message[], pageHasOlder: boolean): { messages: Message[]; hasOlder: boolean } {
  if (page.length === 0) return { messages: window.filter((m) => m.delivery !== 'pending' && m.delivery !== 'failed'), hasOlder: false };
  const firstConfirmed = page.find((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
  if (!firstConfirmed) {
    // Only unsent messages in the page: keep the confirmed history, swap the unsent tail.
    const confirmed = window.filter((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
    return { messages: reuse(window, [...confirmed, ...page]), hasOlder: pageHasOlder || confirmed.length > 0 };
  }
  const at = window.findIndex((m) => m.id === firstConfirmed.id);
  if (at < 0) return { messages: reuse(window, page), hasOlder: pageHasOlder };
  const kept = window.slice(0, at).filter((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
  return { messages: reuse(window, [...kept, ...page]), hasOlder: kept.length > 0 ? true : pageHasOlder };
}

/** Older page prepended, without duplicates. */
export function prepend(window: readonly Message[], older: readonly Message[]): Message[] {
  const seen = new Set(window.map((m) => m.id));
  return [...older.filter((m) => !seen.has(m.id)), ...window];
}

/**
 * A window grown past MAX_WINDOW at one end loses messages at the other: the newest after an older
 * page (`hasNewer` then says more follow), the oldest after a newer one (`hasOlder`).
 */
export function trimWindow(messages: Message[], grewAt: 'start' | 'end'): { messages: Message[]; trimmed: boolean } {
  if (messages.length <= MAX_WINDOW) return { messages, trimmed: false };
  return { messages: grewAt === 'start' ? messages.slice(0, MAX_WINDOW) : messages.slice(messages.length - MAX_WINDOW), trimmed: true };
}

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => {
  const data = (id: string): TimelineData => get().timelines[id] ?? EMPTY;
  const put = (id: string, patch: Partial<TimelineData>, action: string) => {
    const timelines = { ...get().timelines, [id]: { ...data(id), ...patch } };
    // Bound memory: forget the windows least recently touched (never the open one).
    const keys = Object.keys(timelines);
    if (keys.length > KEEP) {
      const active = get().activeConversationId;
      for (const k of keys.slice(0, keys.length - KEEP)) if (k !== active && k !== id) delete timelines[k];
    }
    set({ timelines }, false, action);
  };
  const learnSelf = (messages: readonly Message[]) => {
    const self = get().selfIds;
    let next: Record<string, true> | null = null;
    for (const m of messages) {
      if (m.isOwn && m.senderId && !self[m.senderId]) {
        next ??= { ...self };
        next[m.senderId] = true;
      }
    }
    if (next) set({ selfIds: next }, false, 'timeline/learnSelf');
  };
  /** The newest page of a window (`loadTimeline`); `seq` is the window's at the start of the read. */
  const readWindow = async (id: ConversationId, seq: number): Promise<void> => {
    const res = await safeInvoke('messages:page', { conversationId: id, limit: PAGE });
    if (seq !== current(id)) return;
    if (!res.ok) {
      put(id, { status: 'error', error: res.error }, 'timeline/loadFailed');
      return;
    }
    const prev = get().timelines[id];
    // A window left after a jump is replaced by the live end; one at the live end takes the new tail.
    if (prev && prev.status === 'ready' && !prev.hasNewer && prev.messages.length > 0) {
      const merged = mergeTail(prev.messages, res.value.messages, res.value.hasOlder);
      // Nothing new (the usual answer when a read-ahead window is opened): no update, so the
      // timeline does not rebuild its rows right after it was switched to.
      const unchanged = prev.error === null && merged.hasOlder === prev.hasOlder && merged.messages.length === prev.messages.length && merged.messages.every((m, i) => m === prev.messages[i]);
      if (unchanged) return;
      // A window that no longer starts at the oldest message (a long run of new ones replaced it) is
      // not at the beginning any more, whatever it was: scrolling up must read the rest again.
      put(id, { messages: merged.messages, hasOlder: merged.hasOlder, hasNewer: false, status: 'ready', error: null, ...(merged.hasOlder ? { beginning: false } : {}) }, 'timeline/refreshed');
    } else {
      put(id, { messages: res.value.messages, hasOlder: res.value.hasOlder, hasNewer: res.value.hasNewer, status: 'ready', error: null, older: 'idle', beginning: false }, 'timeline/loaded');
    }
    learnSelf(res.value.messages);
  };

  return {
    messageUi: null,
    openMessageUi: (ui) => set({ messageUi: ui }, false, 'timeline/openMessageUi'),
    closeMessageUi: (keepFocus = false) => {
      const ui = get().messageUi;
      set({ messageUi: null }, false, 'timeline/closeMessageUi');
      if (keepFocus) return;
      if (ui?.thread && get().panel?.kind === 'thread') get().focusRegion('panel', { message: ui.messageId });
      else get().focusRegion(get().region === 'panel' ? 'panel' : 'timeline');
    },
    timelines: {},
    selectedMessageId: null,
    highlight: null,
    pinnedIds: {},
    personNames: {},
    selfIds: {},
    members: {},
    membersAt: {},

    loadTimeline: (id) => {
      // Only replacing the window (a jump, a reset) cancels a load; refreshes of the tail merge.
      const seq = current(id);
      // Only the open conversation shows that its window is loading. A read-ahead one (an inbox
      // neighbour) gets no entry until it arrives: each store write runs every subscriber's
      // selector, and on a switch that is the frame being drawn.
      if (!get().timelines[id] && get().activeConversationId === id) put(id, EMPTY, 'timeline/load');
      // One read at a time per window: the read-ahead asks again on every switch until it arrives.
      const running = windowReads.get(id);
      if (running?.seq === seq) return running.read;
      const read = readWindow(id, seq).finally(() => {
        if (windowReads.get(id)?.read === read) windowReads.delete(id);
      });
      windowReads.set(id, { seq, read });
      return read;
    },

    loadOlder: async (id) => {
      const d = data(id);
      if (d.status !== 'ready' || d.older === 'loading' || d.older === 'backfilling' || (d.beginning && !d.hasOlder)) return;
      const seq = current(id);
      const first = d.messages.find((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
      if (d.hasOlder && first) {
        put(id, { older: 'loading' }, 'timeline/loadOlder');
        const res = await safeInvoke('messages:page', { conversationId: id, limit: SCROLL_PAGE, before: { time: first.time, id: first.id } });
        if (seq !== current(id)) return;
        if (!res.ok) return put(id, { older: 'error', error: res.error }, 'timeline/olderFailed');
        // The cache answered with nothing older after all: ask the network.
        const grown = trimWindow(prepend(data(id).messages, res.value.messages), 'start');
        put(id, { messages: grown.messages, hasOlder: res.value.hasOlder, older: 'idle', ...(grown.trimmed ? { hasNewer: true } : {}) }, 'timeline/olderLoaded');
        return;
      }
      // The cache is exhausted: one page from the network, then read it from the cache.
      put(id, { older: 'backfilling' }, 'timeline/backfill');
      const res = await safeInvoke('messages:backfill', { conversationId: id });
      if (seq !== current(id)) return;
      if (!res.ok) return put(id, { older: 'error', error: res.error }, 'timeline/backfillFailed');
      const now = data(id);
      const oldest = now.messages.find((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
      if (res.value.added > 0) {
        const page = await safeInvoke('messages:page', { conversationId: id, limit: PAGE, ...(oldest ? { before: { time: oldest.time, id: oldest.id } } : {}) });
        if (seq !== current(id)) return;
        if (!page.ok) return put(id, { older: 'error', error: page.error }, 'timeline/olderFailed');
        const grown = trimWindow(oldest ? prepend(data(id).messages, page.value.messages) : page.value.messages, 'start');
        put(id, { messages: grown.messages, hasOlder: page.value.hasOlder, older: 'idle', beginning: res.value.done && !page.value.hasOlder, ...(grown.trimmed ? { hasNewer: true } : {}) }, 'timeline/backfilled');
      } else {
        // Only while the window still starts at the cache's oldest: a refresh that landed meanwhile (the
        // conversation kept talking) may have replaced it with a later one, whose older messages are
        // in the cache. Saying "beginning" above them would stop the scroll short of them.
        put(id, { older: 'idle', beginning: (res.value.done || res.value.added === 0) && !data(id).hasOlder }, 'timeline/backfilled');
      }
    },

    loadNewer: async (id) => {
      const d = data(id);
      if (d.status !== 'ready' || !d.hasNewer) return;
      const last = [...d.messages].reverse().find((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
      if (!last) return;
      const seq = current(id);
      const res = await safeInvoke('messages:page', { conversationId: id, limit: SCROLL_PAGE, after: { time: last.time, id: last.id } });
      if (seq !== current(id) || !res.ok) return;
      const seen = new Set(data(id).messages.map((m) => m.id));
      const grown = trimWindow([...data(id).messages, ...res.value.messages.filter((m) => !seen.has(m.id))], 'end');
      put(id, { messages: grown.messages, hasNewer: res.value.hasNewer, ...(grown.trimmed ? { hasOlder: true, beginning: false } : {}) }, 'timeline/newerLoaded');
    },

    jumpToMessage: async (id, messageId) => {
      const d = get().timelines[id];
      const select = () => set({ selectedMessageId: messageId, highlight: { id: messageId, seq: ++highlightSeq } }, false, 'timeline/jumped');
      if (d?.messages.some((m) => m.id === messageId)) {
        select();
        return true;
      }
      const seq = bump(id);
      const res = await safeInvoke('messages:page', { conversationId: id, limit: PAGE, around: messageId });
      if (seq !== current(id)) return false;
      if (!res.ok) {
        if (!get().timelines[id]) put(id, { status: 'error', error: res.error }, 'timeline/jumpFailed');
        return false;
      }
      put(id, { ...EMPTY, messages: res.value.messages, hasOlder: res.value.hasOlder, hasNewer: res.value.hasNewer, status: 'ready' }, 'timeline/jumpLoaded');
      learnSelf(res.value.messages);
      select();
      return true;
    },

    jumpToLatest: async (id) => {
      const d = data(id);
      if (d.hasNewer) {
        bump(id);
        // Forget the jumped-to window: the live end replaces it.
        const timelines = { ...get().timelines };
        delete timelines[id];
        set({ timelines }, false, 'timeline/toLatest');
      }
      await get().loadTimeline(id);
    },

    refreshMessages: async (id, ids) => {
      const d = get().timelines[id];
      if (!d || d.status !== 'ready') return;
      if (!d.hasNewer) {
        // At the live end: re-read the latest page (new, pending and sent messages) …
        await get().loadTimeline(id);
      }
      // … and each changed message still in the window above it.
      const now = get().timelines[id];
      if (!now) return;
      const inWindow = new Set(now.messages.map((m) => m.id));
      const tail = new Set(now.messages.slice(-PAGE).map((m) => m.id));
      const stale = ids.filter((mid) => inWindow.has(mid) && (now.hasNewer || !tail.has(mid)));
      if (stale.length === 0) return;
      const seq = current(id);
      const pages = await Promise.all(stale.map((mid) => safeInvoke('messages:page', { conversationId: id, limit: 1, around: mid })));
      if (seq !== current(id)) return;
      const fresh = new Map<string, Message>();
      pages.forEach((r, i) => {
        const m = r.ok ? r.value.messages.find((x) => x.id === stale[i]) : undefined;
        if (m) fresh.set(m.id, m);
      });
      if (fresh.size === 0) return;
      const messages = data(id).messages.map((m) => {
        const f = fresh.get(m.id);
        return f && !same(m, f) ? f : m;
      });
      put(id, { messages }, 'timeline/patched');
    },

    resetTimelines: () => {
      // (A read-ahead window still being read has no entry yet, only a read in flight: it is dropped too.)
      for (const k of new Set([...seqs.keys(), ...windowReads.keys()])) bump(k);
      set({ timelines: {}, selectedMessageId: null, highlight: null, pinnedIds: {}, members: {}, membersAt: {} }, false, 'timeline/reset');
    },

    selectMessage: (messageId) => {
      if (get().selectedMessageId !== messageId) set({ selectedMessageId: messageId }, false, 'timeline/select');
    },

    loadPins: async (id) => {
      const res = await safeInvoke('conversation:get', { id });
      if (!res.ok) return;
      const ids = res.value.pins.map((p) => p.messageId);
      const prev = get().pinnedIds[id];
      if (prev && prev.length === ids.length && prev.every((x, i) => x === ids[i])) return;
      set({ pinnedIds: { ...get().pinnedIds, [id]: ids } }, false, 'timeline/pins');
    },

    loadMembers: async (id, opts) => {
      const at = get().membersAt[id];
      if (opts?.maxAgeMs !== undefined && at !== undefined && Date.now() - at < opts.maxAgeMs) return;
      const res = await safeInvoke('people:list', { conversationId: id });
      if (res.ok) get().learnMembers(id, res.value.people);
    },

    learnMembers: (id, people) => {
      const names = { ...get().personNames };
      let selfIds = get().selfIds;
      for (const p of people) {
        names[p.id] = p.name;
        if (p.isSelf && !selfIds[p.id]) selfIds = { ...selfIds, [p.id]: true };
      }
      set({ members: { ...get().members, [id]: [...people] }, membersAt: { ...get().membersAt, [id]: Date.now() }, personNames: names, selfIds }, false, 'timeline/members');
    },

    patchMessage: (message) => {
      const d = get().timelines[message.conversationId];
      if (!d) return;
      const at = d.messages.findIndex((m) => m.id === message.id);
      if (at < 0) return;
      const messages = [...d.messages];
      messages[at] = message;
      put(message.conversationId, { messages }, 'timeline/patchMessage');
    },
  };
};

/** Who wrote a message, as the timeline shows it. */
export function senderLabel(m: Message, names: Record<string, string>, dmTitle: string | null): string {
  if (m.isOwn) return 'You';
  if (m.senderName) return m.senderName;
  if (m.senderId && names[m.senderId]) return names[m.senderId]!;
  if (dmTitle) return dmTitle;
  return 'Someone';
}

export type { PersonId };
