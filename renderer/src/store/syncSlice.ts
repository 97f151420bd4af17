import type { OutboxItem, SyncStatus } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';
import { parseConversationId } from '../../../shared/domain/idParse';

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
    for (const item of items) {
      if (item.state !== 'failed' || announced.has(item.clientId)) continue;
      announced.add(item.clientId);
      // A room refusing the user's message: they are not (or no longer) a member of it.
      if (item.kind === 'send' && item.lastError?.code === 'forbidden' && parseConversationId(item.conversationId)?.kind === 'room') get().setMembership(item.conversationId, false);
      const why = item.lastError?.message ?? 'The network refused it.';
      get().pushToast({ kind: 'error', message: `${outboxLabel(item)} failed: ${why}`, action: { label: 'Retry', run: () => void get().retryOutbox(item.clientId) } });
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
    const res = await safeInvoke('outbox:discard', { clientId });
    void get().loadOutbox();
    if (!res.ok) get().pushToast({ kind: 'error', message: res.error.message });
    return res.ok ? null : res.error;
  },
});
