import type { OutboxItem, SyncStatus } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';
import { parseConversationId } from '../../../shared/domain/idParse';
import type { Message } from '../../../shared/domain/model';
import { composerKey } from './composerSlice';
import { NOT_A_MEMBER_MESSAGE } from '../../../shared/ipc/refusals';

/**
 * Sync and outbox state for the status bar, the offline banner and the timeline's
 * pending/failed marks. A failure the outbox records (an edit, reaction or pin the
 * network refused) is announced once as a toast: never a silent failure.
 */
export interface SyncSlice {
  /** Shared with the settings slice (same field, same value). */
  syncStatus: SyncStatus | null;
  /** Unsent writes (pending, sending, ambiguous, failed), oldest first. */
  outboxItems: OutboxItem[];
  outboxError: WireError | null;

  /** `sync:status` now (the settings slice has its own loader for the same field). */
  refreshSyncStatus: () => Promise<void>;
  setSyncStatus: (status: SyncStatus) => void;
  loadOutbox: () => Promise<void>;
  retryOutbox: (clientId: string) => Promise<WireError | null>;
  discardOutbox: (clientId: string) => Promise<WireError | null>;
  /**
   * A failed send back into its composer to be changed (selected, in its conversation and thread):
   * what the network refused as written is sent once it is edited.
   */
  editOutboxSend: (clientId: string) => Promise<void>;
}

const announced = new Set<string>();

/** Human words for an outbox operation, for toasts and the failed list. */
export function outboxLabel(item: OutboxItem): string {
  switch (item.kind) {
    case 'send':
      return 'Message';
    case 'edit':
      return 'Edit';
    case 'delete':
      return 'Delete';
    case 'react':
      return item.on === false ? `Removing reaction ${item.emoji ?? ''}`.trim() : `Reaction ${item.emoji ?? ''}`.trim();
    case 'pin':
      return item.on === false ? 'Unpin' : 'Pin';
    case 'read':
      return item.on === false ? 'Mark as unread' : 'Mark as read';
  }
}

/**
 * What can still get a failed write through. The backend fails an entry only when trying again by itself
 * cannot help (sync/failures.ts: permanent). Of those, a refusal of what was written (`invalid_input`: too
 * long for the network, a file it does not take, its edit window passed) fails the same way however often
 * it is retried: a send is edited instead, anything else can only be discarded. The rest (not a member of
 * the room, the conversation gone, a bug of ours) may go through once the cause is dealt with: Retry.
 */
export function failedRemedy(item: Pick<OutboxItem, 'kind' | 'lastError'>): 'retry' | 'edit' | 'discard' {
  if (item.lastError?.code !== 'invalid_input') return 'retry';
  return item.kind === 'send' ? 'edit' : 'discard';
}

export const createSyncSlice: SliceCreator<SyncSlice> = (set, get) => ({
  syncStatus: null,
  outboxItems: [],
  outboxError: null,

  refreshSyncStatus: async () => {
    const res = await safeInvoke('sync:status');
    if (res.ok) get().setSyncStatus(res.value);
  },

  setSyncStatus: (status) => {
    const prev = get().syncStatus;
    set({ syncStatus: status }, false, 'sync/status');
    // Outbox counts moved: the list (and the pending/failed marks) follow.
    if (!prev || prev.outbox.pending !== status.outbox.pending || prev.outbox.failed !== status.outbox.failed) void get().loadOutbox();
  },

  loadOutbox: async () => {
    const res = await safeInvoke('outbox:list', {});
    if (!res.ok) {
      set({ outboxError: res.error }, false, 'sync/outboxFailed');
      return;
    }
    const items = res.value.items;
    set({ outboxItems: items, outboxError: null }, false, 'sync/outbox');
    // A failure is announced once per failing: an item seen sending again (retried, or its text edited
    // and queued anew) is announced again if it fails again.
    const failing = new Set(items.filter((i) => i.state === 'failed').map((i) => i.clientId));
    for (const id of announced) if (!failing.has(id)) announced.delete(id);
    for (const item of items) {
      if (item.state !== 'failed' || announced.has(item.clientId)) continue;
      announced.add(item.clientId);
      // A room refusing the user's message because they are not (or no longer) a member of it. Other
      // refusals share its code (a connection that cannot be used): they must not lock the room.
      if (item.kind === 'send' && item.lastError?.code === 'forbidden' && item.lastError.message === NOT_A_MEMBER_MESSAGE && parseConversationId(item.conversationId)?.kind === 'room')
        get().setMembership(item.conversationId, false);
      const why = item.lastError?.message ?? 'The network refused it.';
      // The one button points at what can work: Retry, Edit (the send as written was refused), or none.
      const remedy = failedRemedy(item);
      const action =
        remedy === 'retry'
          ? { label: 'Retry', run: () => void get().retryOutbox(item.clientId) }
          : remedy === 'edit' && item.messageId
            ? { label: 'Edit', run: () => void get().editOutboxSend(item.clientId) }
            : undefined;
      get().pushToast({ kind: 'error', message: `${outboxLabel(item)} failed: ${why}`, ...(action ? { action } : {}) });
    }
  },

  retryOutbox: async (clientId) => {
    announced.delete(clientId);
    const res = await safeInvoke('outbox:retry', { clientId });
    void get().loadOutbox();
    if (!res.ok) get().pushToast({ kind: 'error', message: res.error.message });
    return res.ok ? null : res.error;
  },

  discardOutbox: async (clientId) => {
    // An unsure send (its reply was lost) may have arrived all the same: discarding stops it being
    // sent again, and says that a copy which did arrive will show up like any message.
    const unsure = get().outboxItems.find((i) => i.clientId === clientId)?.state === 'ambiguous';
    const res = await safeInvoke('outbox:discard', { clientId });
    void get().loadOutbox();
    if (!res.ok) get().pushToast({ kind: 'error', message: res.error.message });
    else if (unsure) get().pushToast({ kind: 'info', message: 'Discarded: it will not be sent again. If the last try did get through, it shows up in the conversation.' });
    return res.ok ? null : res.error;
  },

  editOutboxSend: async (clientId) => {
    const item = get().outboxItems.find((i) => i.clientId === clientId);
    if (item?.kind !== 'send' || !item.messageId) {
      get().pushToast({ kind: 'info', message: 'That message is no longer in the outbox.' });
      return;
    }
    const id = item.messageId;
    // Its pending copy: on screen (the timeline or the open thread), else as the cache shows it.
    const thread = get().thread?.value;
    let m: Message | undefined = get().timelines[item.conversationId]?.messages.find((x) => x.id === id) ?? (thread?.root?.id === id ? thread.root : thread?.replies.find((x) => x.id === id));
    if (!m) {
      const res = await safeInvoke('messages:get', { messageId: id });
      if (!res.ok) {
        get().pushToast({ kind: 'error', message: res.error.message });
        return;
      }
      m = res.value.message;
    }
    const root = m.threadRootId && m.threadRootId !== m.id ? m.threadRootId : null;
    if (get().activeConversationId !== m.conversationId) {
      get().openConversation(m.conversationId, { messageId: root ?? m.id });
      // Its draft first, so the edit keeps it aside (and gives it back) rather than losing it.
      await get().loadDraft(m.conversationId);
    } else if (!root) get().selectMessage(m.id);
    if (root) {
      const panel = get().panel;
      if (panel?.kind !== 'thread' || panel.rootId !== root) get().openPanel({ kind: 'thread', rootId: root });
    }
    if (get().startEdit(composerKey(m.conversationId, root), m)) get().focusRegion(root ? 'panel' : 'composer');
  },
});
