import { useEffect, useState } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import { parseConversationId } from '../../../../shared/domain/idParse';
import type { Conversation } from '../../../../shared/domain/model';
import type { ActionSupport } from '../../../../shared/ipc/contract';
import { safeInvoke } from '../../store/safeInvoke';
import { useStore } from '../../store';
import { copyToClipboard } from '../timeline/messageActions';

/**
 * Whole-conversation actions from the inbox (context menu, keyboard) and the timeline header.
 * Each reports its failure as a toast: nothing fails silently.
 */
export async function toggleRead(id: ConversationId): Promise<void> {
  const s = useStore.getState();
  const c = s.conversations[id];
  if (!c) return;
  const read = c.unreadCount > 0;
  const err = await s.markConversationRead(id, read);
  if (err) s.pushToast({ kind: 'error', message: `Could not mark “${c.title}” as ${read ? 'read' : 'unread'}: ${err.message}` });
  else if (!read) s.pushToast({ kind: 'info', message: `“${c.title}” marked as unread.` });
}

export async function setConversationFlag(id: ConversationId, action: 'mute' | 'archive' | 'pin', value: boolean): Promise<void> {
  const s = useStore.getState();
  const c = s.conversations[id];
  const res = await safeInvoke('conversation:set', { conversationId: id, action, value });
  if (res.ok) {
    useStore.getState().upsertConversation(res.value.conversation);
    // Archiving moves the chat to the Archived list (and out of the network's own inbox): said, with
    // the way back, as "marked as unread" is.
    if (action === 'archive' && c) {
      useStore.getState().pushToast(
        value
          ? { kind: 'info', message: `“${c.title}” archived.`, action: { label: 'Undo', run: () => void setConversationFlag(id, 'archive', false) } }
          : { kind: 'info', message: `“${c.title}” is back in the inbox.` },
      );
    }
    return;
  }
  const verb = { mute: value ? 'mute' : 'unmute', archive: value ? 'archive' : 'unarchive', pin: value ? 'pin' : 'unpin' }[action];
  useStore.getState().pushToast({ kind: 'error', message: `Could not ${verb}${c ? ` “${c.title}”` : ''}: ${res.error.message}` });
}

/**
 * A Genesys room's address (its JID), which is what someone needs to join it: to the clipboard, said
 * with a toast either way.
 */
export async function copyRoomAddress(id: ConversationId): Promise<void> {
  const p = parseConversationId(id);
  if (p?.kind !== 'room') return;
  const s = useStore.getState();
  if (!(await copyToClipboard(p.roomJid))) {
    s.pushToast({ kind: 'error', message: 'Could not copy the room address: the clipboard is not available.' });
    return;
  }
  s.pushToast({ kind: 'success', message: 'Room address copied' });
}

/**
 * What the backend says can be done to a conversation (`conversation:actions`), read when its menu
 * opens; null until then. On a failed read, nothing is marked unavailable (doing it says why).
 */
export function useActionSupport(id: ConversationId | null): ActionSupport[] | null {
  const [support, setSupport] = useState<{ id: ConversationId; actions: ActionSupport[] } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void safeInvoke('conversation:actions', { id }).then((res) => {
      if (live) setSupport({ id, actions: res.ok ? res.value.actions : [] });
    });
    return () => {
      live = false;
    };
  }, [id]);
  return support && support.id === id ? support.actions : null;
}

/**
 * The conversation menu. With `support`, what the network cannot do is shown disabled with the reason
 * (Slack has no archive, Telegram no mute…) instead of being offered and then failing.
 */
export function conversationMenuItems(c: Conversation, open: (id: ConversationId) => void, support: readonly ActionSupport[] = []) {
  const unsupported = (action: 'pin' | 'mute' | 'archive') => {
    const s = support.find((x) => x.action === action);
    return s && !s.supported ? { disabled: true, reason: s.reason ?? 'Not available here.' } : {};
  };
  return [
    { id: 'open', label: 'Open', hint: 'Enter', onSelect: () => open(c.id) },
    { id: 'read', label: c.unreadCount > 0 ? 'Mark as read' : 'Mark as unread', hint: 'U', onSelect: () => void toggleRead(c.id) },
    'separator' as const,
    { id: 'pin', label: c.pinned ? 'Unpin conversation' : 'Pin conversation', onSelect: () => void setConversationFlag(c.id, 'pin', !c.pinned), ...unsupported('pin') },
    { id: 'mute', label: c.muted ? 'Unmute' : 'Mute', onSelect: () => void setConversationFlag(c.id, 'mute', !c.muted), ...unsupported('mute') },
    { id: 'archive', label: c.archived ? 'Unarchive' : 'Archive', onSelect: () => void setConversationFlag(c.id, 'archive', !c.archived), ...unsupported('archive') },
    ...(parseConversationId(c.id)?.kind === 'room' ? ['separator' as const, { id: 'copyAddress', label: 'Copy room address', onSelect: () => void copyRoomAddress(c.id) }] : []),
  ];
}
