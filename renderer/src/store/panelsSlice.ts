import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import { parseConversationId } from '../../../shared/domain/idParse';
import type { Conversation, Message } from '../../../shared/domain/model';
import type { ActionSupport, ChatAction, InvokeOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { errorOf, loading, safeInvoke, settle, type ActionError, type Loadable } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * Data behind the side panels (thread, pins, details) and the whole-conversation actions they
 * offer. Each loadable is keyed by what it belongs to (conversation or thread root), so a late
 * answer for a conversation the user already left is dropped instead of shown.
 */
export type PinsList = InvokeOutput<'pins:list'>;
export type RoomDetails = InvokeOutput<'conversation:details'>;

export interface ThreadData {
  root: Message | null;
  /** Replies, oldest first, without the root. */
  replies: Message[];
  hasOlder: boolean;
}

export interface PanelsSlice {
  pins: Loadable<PinsList> | null;
  details: Loadable<RoomDetails> | null;
  actions: Loadable<ActionSupport[]> | null;
  thread: Loadable<ThreadData> | null;
  /**
   * Whether the user is a member of a Genesys room, as last learnt (its details, leaving, joining);
   * absent while unknown. Where false the composer gives way to a "Join room" notice.
   */
  membership: Record<string, boolean>;
  setMembership: (conversationId: ConversationId, member: boolean) => void;
  /** The network fetch of the open thread (threads:fetch): the cached replies show meanwhile. */
  threadFetch: { key: string; status: 'loading' | 'done' | 'error'; message?: string } | null;

  loadPinnedMessages: (conversationId: ConversationId) => Promise<void>;
  unpin: (messageId: MessageId) => Promise<ActionError>;
  loadDetails: (conversationId: ConversationId) => Promise<void>;
  loadActions: (conversationId: ConversationId) => Promise<void>;
  /** Re-reads the cached thread; with `fetch` it first asks the network for the replies. */
  loadThread: (conversationId: ConversationId, rootId: MessageId, opts?: { fetch?: boolean }) => Promise<void>;

  updateRoom: (conversationId: ConversationId, patch: { subject?: string; description?: string; ownerIds?: PersonId[] }) => Promise<ActionError>;
  setConversationFlag: (conversationId: ConversationId, action: 'mute' | 'archive' | 'pin' | 'label', value: boolean | string) => Promise<Result<Conversation>>;
  inviteLink: (conversationId: ConversationId) => Promise<Result<string>>;
  historyFull: (conversationId: ConversationId) => Promise<Result<string>>;
  deleteConversation: (conversationId: ConversationId) => Promise<ActionError>;
  leaveRoom: (conversationId: ConversationId) => Promise<ActionError>;
}

/** Support of one action, or null while unknown: views hide unknown actions rather than offer them. */
export function supportOf(actions: Loadable<ActionSupport[]> | null, conversationId: string, action: ChatAction): ActionSupport | null {
  if (!actions || actions.key !== conversationId || !actions.value) return null;
  return actions.value.find((a) => a.action === action) ?? null;
}

const THREAD_PAGE = 100;

export const createPanelsSlice: SliceCreator<PanelsSlice> = (set, get) => ({
  pins: null,
  details: null,
  actions: null,
  thread: null,
  threadFetch: null,
  membership: {},

  setMembership: (conversationId, member) => {
    if (get().membership[conversationId] === member) return;
    set({ membership: { ...get().membership, [conversationId]: member } }, false, 'panels/membership');
  },

  loadPinnedMessages: async (conversationId) => {
    set({ pins: loading(conversationId, get().pins) }, false, 'panels/loadPinnedMessages');
    const res = await safeInvoke('pins:list', { conversationId });
    if (get().pins?.key !== conversationId) return;
    set({ pins: settle(conversationId, res, get().pins) }, false, 'panels/pinsLoaded');
  },

  unpin: async (messageId) => {
    const res = await safeInvoke('pins:set', { messageId, pinned: false });
    const pins = get().pins;
    // The outbox carries the unpin; drop it from the list at once, as the timeline does.
    if (res.ok && pins?.status === 'ready') {
      set({ pins: { ...pins, value: { ...pins.value, pins: pins.value.pins.filter((p) => p.messageId !== messageId) } } }, false, 'panels/unpinned');
      // The timeline's pin marks follow.
      void get().loadPins(pins.key as ConversationId);
    }
    return errorOf(res);
  },

  loadDetails: async (conversationId) => {
    set({ details: loading(conversationId, get().details) }, false, 'panels/loadDetails');
    const res = await safeInvoke('conversation:details', { conversationId });
    if (res.ok && parseConversationId(conversationId)?.kind === 'room') get().setMembership(conversationId, res.value.isMember);
    if (get().details?.key !== conversationId) return;
    set({ details: settle(conversationId, res, get().details) }, false, 'panels/detailsLoaded');
  },

  loadActions: async (conversationId) => {
    set({ actions: loading(conversationId, get().actions) }, false, 'panels/loadActions');
    const res = await safeInvoke('conversation:actions', { id: conversationId });
    if (get().actions?.key !== conversationId) return;
    set({ actions: settle(conversationId, res.ok ? { ok: true, value: res.value.actions } : res, get().actions) }, false, 'panels/actionsLoaded');
  },

  loadThread: async (conversationId, rootId, opts) => {
    const key = rootId as string;
    set({ thread: loading(key, get().thread) }, false, 'panels/loadThread');
    if (opts?.fetch) {
      set({ threadFetch: { key, status: 'loading' } }, false, 'panels/fetchThread');
      void safeInvoke('threads:fetch', { conversationId, rootId }).then((res) => {
        if (get().threadFetch?.key !== key) return;
        set({ threadFetch: res.ok ? { key, status: 'done' } : { key, status: 'error', message: res.error.message } }, false, 'panels/threadFetched');
        // Whatever arrived is in the cache now: read it again.
        if (res.ok && res.value.added > 0) void get().loadThread(conversationId, rootId);
      });
    }
    const [root, page] = await Promise.all([safeInvoke('messages:get', { messageId: rootId }), safeInvoke('messages:page', { conversationId, threadRootId: rootId, limit: THREAD_PAGE })]);
    if (get().thread?.key !== key) return;
    if (!page.ok) {
      set({ thread: settle(key, page, get().thread) }, false, 'panels/threadFailed');
      return;
    }
    const replies = page.value.messages.filter((m) => m.id !== rootId);
    const rootMessage = root.ok ? root.value.message : (page.value.messages.find((m) => m.id === rootId) ?? null);
    set({ thread: { key, status: 'ready', value: { root: rootMessage, replies, hasOlder: page.value.hasOlder } } }, false, 'panels/threadLoaded');
  },

  updateRoom: async (conversationId, patch) => {
    const res = await safeInvoke('rooms:update', { conversationId, ...patch });
    if (res.ok) await get().loadDetails(conversationId);
    return errorOf(res);
  },

  setConversationFlag: async (conversationId, action, value) => {
    const res = await safeInvoke('conversation:set', { conversationId, action, value });
    if (!res.ok) return res;
    get().upsertConversation(res.value.conversation);
    return { ok: true, value: res.value.conversation };
  },

  inviteLink: async (conversationId) => {
    const res = await safeInvoke('conversation:inviteLink', { conversationId });
    return res.ok ? { ok: true, value: res.value.url } : res;
  },

  historyFull: async (conversationId) => {
    const res = await safeInvoke('sync:historyFull', { conversationId });
    return res.ok ? { ok: true, value: res.value.status } : res;
  },

  deleteConversation: async (conversationId) => {
    const res = await safeInvoke('conversation:delete', { conversationId });
    if (res.ok && get().activeConversationId === conversationId) {
      get().closePanel();
      get().openConversation(null);
    }
    return errorOf(res);
  },

  leaveRoom: async (conversationId) => {
    const res = await safeInvoke('rooms:leave', { conversationId });
    if (res.ok) {
      get().setMembership(conversationId, false);
      void get().loadDetails(conversationId);
      void get().loadActions(conversationId);
      void get().loadParticipants(conversationId);
    }
    return errorOf(res);
  },
});
