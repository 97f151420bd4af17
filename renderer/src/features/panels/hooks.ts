import { useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import type { Conversation } from '../../../../shared/domain/model';
import type { EventChannel, EventPayload } from '../../../../shared/ipc/contract';
import { getApi } from '../../platform';
import { useStore } from '../../store';
import { safeInvoke } from '../../store/safeInvoke';

/** Subscribe to a backend event while mounted; the latest callback runs, no resubscribing. */
export function useApiEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => getApi().on(event, (p) => latest.current(p)), [event]);
}

/**
 * The conversation row: the inbox already holds it almost always; otherwise (opened by id, the
 * inbox filtered) it is read once with `conversation:get`.
 */
export function useConversation(id: ConversationId): Conversation | null {
  const fromInbox = useStore((s) => s.conversations[id]);
  const [fetched, setFetched] = useState<Conversation | null>(null);
  useEffect(() => {
    if (fromInbox) return;
    let stale = false;
    void safeInvoke('conversation:get', { id }).then((res) => {
      if (!stale && res.ok) setFetched(res.value.conversation);
    });
    return () => {
      stale = true;
    };
  }, [id, fromInbox]);
  return fromInbox ?? (fetched?.id === id ? fetched : null);
}

/** Re-run `load` when the backend says this conversation (or its messages) changed. */
export function useConversationChanges(conversationId: ConversationId, load: () => void, opts: { messages?: boolean; conversation?: boolean } = { messages: true, conversation: true }): void {
  useApiEvent('messages:changed', (p) => {
    if (opts.messages && p.conversationId === conversationId) load();
  });
  useApiEvent('conversations:changed', (p) => {
    if (opts.conversation && p.ids.includes(conversationId)) load();
  });
}
