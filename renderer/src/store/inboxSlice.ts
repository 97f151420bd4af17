import type { ConversationId } from '../../../shared/domain/ids';
import type { Conversation } from '../../../shared/domain/model';
import type { InboxFilter, InboxPage } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * The inbox: one keyset-paged list of every conversation, newest activity first.
 *
 * Rows live in `conversations` (by id) and the order in `inboxIds`, so a changed row
 * re-renders only itself and a re-sorted list re-renders only the list, not every row.
 */
export interface InboxSlice {
  inboxFilter: InboxFilter;
  /** Type-to-filter text (already debounced by the view). */
  inboxText: string;
  inboxIds: ConversationId[];
  conversations: Record<string, Conversation>;
  inboxNext: InboxPage['next'];
  inboxStatus: 'idle' | 'loading' | 'ready' | 'error';
  inboxError: WireError | null;
  /** Marked unread by the user while open: not marked read again until it is opened anew. */
  keptUnread: ConversationId | null;

  setInboxFilter: (filter: InboxFilter) => void;
  setInboxText: (text: string) => void;
  /** First page again (filter change, reload, account switch). */
  loadInbox: () => Promise<void>;
  loadMoreInbox: () => Promise<void>;
  /** Re-read what changed (`conversations:changed`): just those rows when none moved, else order from the first page. */
  refreshInbox: (ids: readonly ConversationId[]) => Promise<void>;
  /** Set (or fix) one row, e.g. the answer of `conversation:set`. */
  upsertConversation: (c: Conversation) => void;
  markConversationRead: (id: ConversationId, read: boolean) => Promise<WireError | null>;
  /** Alt+↑/↓ and Alt+Shift+↑/↓: the neighbour in inbox order (optionally only unread ones). */
  stepConversation: (direction: 1 | -1, unreadOnly?: boolean) => ConversationId | null;
}

export const INBOX_PAGE = 100;
/** One re-read covers at most this many rows from the top; rows below are patched one by one. */
const REFRESH_PAGE = 200;

let loadSeq = 0;
let moreInFlight: InboxPage['next'] = null;

const sameFilter = (a: InboxFilter, b: InboxFilter) => JSON.stringify(a) === JSON.stringify(b);

/** Compare rows field by field so an unchanged row keeps its identity (memoized rows skip rendering). */
function sameConversation(a: Conversation | undefined, b: Conversation): boolean {
  if (!a) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeRows(previous: Record<string, Conversation>, rows: readonly Conversation[]): Record<string, Conversation> {
  let next: Record<string, Conversation> | null = null;
  for (const c of rows) {
    if (sameConversation(previous[c.id], c)) continue;
    next ??= { ...previous };
    next[c.id] = c;
  }
  return next ?? previous;
}

/** The new first page's order, then the rows loaded below it (without duplicates). */
export function mergeOrder(firstPage: readonly ConversationId[], loaded: readonly ConversationId[], hadMore: boolean): ConversationId[] {
  if (!hadMore) return [...firstPage];
  const seen = new Set(firstPage);
  return [...firstPage, ...loaded.slice(firstPage.length).filter((id) => !seen.has(id))];
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Under the Unread filter, the open conversation stays where it was while it is open, though opening
 * it read it. Otherwise it vanishes under the user, and Alt+↓ has no place to go on
 * from but the top of the list. It goes at the next full load (another filter, a new text).
 */
export function keepOpen(order: ConversationId[], previous: readonly ConversationId[], open: ConversationId | null): ConversationId[] {
  if (!open || order.includes(open)) return order;
  const at = previous.indexOf(open);
  if (at < 0) return order;
  // After the row that came before it, if that one is still listed; else where it was.
  const before = previous.slice(0, at).reverse().find((id) => order.includes(id));
  const to = before ? order.indexOf(before) + 1 : Math.min(at, order.length);
  return [...order.slice(0, to), open, ...order.slice(to)];
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set, get) => ({
  inboxFilter: { kind: 'all' },
  inboxText: '',
  inboxIds: [],
  conversations: {},
  inboxNext: null,
  inboxStatus: 'idle',
  inboxError: null,
  keptUnread: null,

  setInboxFilter: (filter) => {
    if (sameFilter(filter, get().inboxFilter)) return;
    set({ inboxFilter: filter }, false, 'inbox/setFilter');
    void get().loadInbox();
  },
  setInboxText: (text) => {
    if (text === get().inboxText) return;
    set({ inboxText: text }, false, 'inbox/setText');
    void get().loadInbox();
  },

  loadInbox: async () => {
    const seq = ++loadSeq;
    set({ inboxStatus: get().inboxIds.length ? get().inboxStatus : 'loading' }, false, 'inbox/load');
    const { inboxFilter, inboxText } = get();
    const res = await safeInvoke('inbox:list', { filter: inboxFilter, limit: INBOX_PAGE, ...(inboxText.trim() ? { text: inboxText.trim() } : {}) });
    if (seq !== loadSeq) return;
    if (!res.ok) {
      set({ inboxStatus: 'error', inboxError: res.error }, false, 'inbox/loadFailed');
      return;
    }
    const rows = res.value.conversations;
    set(
      { conversations: mergeRows(get().conversations, rows), inboxIds: rows.map((c) => c.id), inboxNext: res.value.next, inboxStatus: 'ready', inboxError: null },
      false,
      'inbox/loaded',
    );
  },

  loadMoreInbox: async () => {
    const { inboxNext, inboxFilter, inboxText, inboxStatus } = get();
    if (!inboxNext || inboxStatus === 'loading' || moreInFlight === inboxNext) return;
    moreInFlight = inboxNext;
    const seq = loadSeq;
    const res = await safeInvoke('inbox:list', { filter: inboxFilter, limit: INBOX_PAGE, after: inboxNext, ...(inboxText.trim() ? { text: inboxText.trim() } : {}) });
    moreInFlight = null;
    // A reload since then owns the list now.
    if (seq !== loadSeq || get().inboxNext !== inboxNext) return;
    if (!res.ok) {
      set({ inboxError: res.error }, false, 'inbox/moreFailed');
      return;
    }
    const seen = new Set(get().inboxIds);
    const rows = res.value.conversations.filter((c) => !seen.has(c.id));
    set(
      { conversations: mergeRows(get().conversations, rows), inboxIds: [...get().inboxIds, ...rows.map((c) => c.id)], inboxNext: res.value.next },
      false,
      'inbox/moreLoaded',
    );
  },

  refreshInbox: async (ids) => {
    const seq = loadSeq;
    const { inboxFilter, inboxText } = get();
    // The usual change (a read mark, a renamed room, a muted chat) leaves a listed row where it was:
    // re-read just those rows, not the first page of 100–200, when each is still listed at the same
    // activity (the order is by activity, so its place is the same).
    if (ids.length > 0 && ids.length <= REFRESH_PAGE) {
      const listed = new Set(get().inboxIds);
      if (ids.every((id) => listed.has(id))) {
        const res = await safeInvoke('inbox:list', { filter: inboxFilter, limit: ids.length, ids: [...ids], ...(inboxText.trim() ? { text: inboxText.trim() } : {}) });
        if (seq !== loadSeq) return;
        const rows = res.ok ? res.value.conversations : [];
        const byId = new Map(rows.map((c) => [c.id, c]));
        const now = get().conversations;
        if (rows.length === ids.length && ids.every((id) => byId.has(id) && byId.get(id)!.lastActivity === now[id]?.lastActivity)) {
          const conversations = mergeRows(now, rows);
          if (conversations !== now) set({ conversations }, false, 'inbox/patched');
          return;
        }
      }
    }
    // Read after the try above: a page loaded below meanwhile counts in `hadMore`.
    const { inboxIds, inboxNext } = get();
    const limit = Math.min(REFRESH_PAGE, Math.max(INBOX_PAGE, inboxIds.length));
    const res = await safeInvoke('inbox:list', { filter: inboxFilter, limit, ...(inboxText.trim() ? { text: inboxText.trim() } : {}) });
    if (seq !== loadSeq || !res.ok) return;
    const rows = res.value.conversations;
    const inPage = new Set(rows.map((c) => c.id));
    // Changed rows loaded below the first page: patch them in place.
    const below = ids.filter((id) => !inPage.has(id) && get().conversations[id]);
    const patched = await Promise.all(below.map((id) => safeInvoke('conversation:get', { id })));
    if (seq !== loadSeq) return;
    const extra = patched.flatMap((r) => (r.ok ? [r.value.conversation] : []));
    const hadMore = inboxIds.length > rows.length || inboxNext !== null;
    const order = mergeOrder(
      rows.map((c) => c.id),
      get().inboxIds,
      hadMore,
    );
    const kept = inboxFilter.kind === 'unread' ? keepOpen(order, get().inboxIds, get().activeConversationId) : order;
    // Only what changed is written: a change the user made here (a read mark) comes back as an
    // identical row, and every store write runs every subscriber's selector.
    const patch: Partial<InboxSlice> = {};
    const conversations = mergeRows(get().conversations, [...rows, ...extra]);
    if (conversations !== get().conversations) patch.conversations = conversations;
    if (!sameIds(kept, get().inboxIds)) patch.inboxIds = kept;
    if (!hadMore && JSON.stringify(res.value.next) !== JSON.stringify(get().inboxNext)) patch.inboxNext = res.value.next;
    if (Object.keys(patch).length > 0) set(patch, false, 'inbox/refreshed');
  },

  upsertConversation: (c) => set({ conversations: mergeRows(get().conversations, [c]) }, false, 'inbox/upsert'),

  markConversationRead: async (id, read) => {
    const before = get().conversations[id];
    // Optimistic: the badge answers at once; the backend's conversations:changed confirms it.
    if (before) get().upsertConversation({ ...before, unreadCount: read ? 0 : Math.max(1, before.unreadCount) });
    if (!read) set({ keptUnread: id }, false, 'inbox/keepUnread');
    else if (get().keptUnread === id) set({ keptUnread: null }, false, 'inbox/keepUnread');
    const res = await safeInvoke('conversation:markRead', { conversationId: id, read });
    if (!res.ok) {
      if (before) get().upsertConversation(before);
      return res.error;
    }
    return null;
  },

  stepConversation: (direction, unreadOnly = false) => {
    const { inboxIds, conversations, activeConversationId } = get();
    if (inboxIds.length === 0) return null;
    const at = activeConversationId ? inboxIds.indexOf(activeConversationId) : -1;
    for (let i = 1; i <= inboxIds.length; i++) {
      let idx = at + direction * i;
      if (at < 0) idx = direction === 1 ? i - 1 : inboxIds.length - i;
      // Next/previous stop at the ends; next unread wraps (like a mail client).
      if (!unreadOnly && (idx < 0 || idx >= inboxIds.length)) return null;
      idx = (idx + inboxIds.length) % inboxIds.length;
      const id = inboxIds[idx]!;
      if (id === activeConversationId) return null;
      if (!unreadOnly || (conversations[id]?.unreadCount ?? 0) > 0) return id;
    }
    return null;
  },
});
