import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import { Button } from '../../components/Button';
import { useStore } from '../../store';
import { ErrorNote } from '../settings/controls';
import { useConversation, useConversationChanges } from './hooks';
import { MessageCard } from './MessageCard';
import { onRowKeys } from './roving';

/**
 * Pinned messages of a Genesys room or 1:1, resolved to their content: Enter (or Jump) brings the
 * message into view in the timeline, Delete (or Unpin) unpins. Genesys allows 5 per conversation;
 * the counter and the note say so before a sixth pin fails.
 */
export function PinsPanel({ conversationId }: { conversationId: ConversationId }) {
  const conversation = useConversation(conversationId);
  const pins = useStore((s) => s.pins);
  const loadPinnedMessages = useStore((s) => s.loadPinnedMessages);
  const unpin = useStore((s) => s.unpin);
  const openConversation = useStore((s) => s.openConversation);
  const focusRegion = useStore((s) => s.focusRegion);
  const pushToast = useStore((s) => s.pushToast);
  const [error, setError] = useState<{ message: string } | null>(null);

  const unsupported = conversation ? conversation.source !== 'genesys' || conversation.disabled?.includes('pins') : false;
  useEffect(() => {
    if (!unsupported) void loadPinnedMessages(conversationId);
  }, [conversationId, unsupported, loadPinnedMessages]);
  useConversationChanges(conversationId, () => {
    if (!unsupported) void loadPinnedMessages(conversationId);
  });

  if (unsupported)
    return (
      <p className="panel-empty" data-testid="pins-unsupported">
        Pinned messages are a Genesys Cloud feature: this chat has none. Pin the chat itself from Details instead, where its network allows it (it shows with a pin in the inbox).
      </p>
    );

  const data = pins?.key === conversationId ? pins : null;
  const list = data?.value?.pins ?? [];
  const limit = data?.value?.limit ?? null;
  const full = limit !== null && list.length >= limit;

  const jump = (messageId: MessageId) => {
    openConversation(conversationId, { messageId });
    focusRegion('timeline');
  };
  const doUnpin = async (messageId: MessageId) => {
    const err = await unpin(messageId);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: 'Message unpinned.' });
  };
  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, messageId: MessageId) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      jump(messageId);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void doUnpin(messageId);
    }
  };

  return (
    <div className="pins">
      <div className="panel-bar">
        <span className="panel-count" data-testid="pins-count">
          {data?.status === 'loading' && !data.value ? 'Loading…' : limit !== null ? `${list.length} of ${limit} pinned` : `${list.length} pinned`}
        </span>
        {limit !== null && (
          <span className="pin-slots" aria-hidden="true">
            {Array.from({ length: limit }, (_, i) => (
              <span key={i} className={`pin-slot ${i < list.length ? 'pin-slot-used' : ''}`} />
            ))}
          </span>
        )}
      </div>
      {full && (
        <p className="panel-note" role="note" data-testid="pins-limit">
          This conversation has {limit} pinned messages, the most Genesys Cloud allows. Unpin one before pinning another.
        </p>
      )}
      {data?.status === 'error' && <ErrorNote error={data.error} testId="pins-error" />}
      <ErrorNote error={error} testId="pins-action-error" />
      {data?.status === 'ready' && list.length === 0 && (
        <p className="panel-empty" data-testid="pins-empty">
          Nothing pinned yet. Select a message in the timeline and press <kbd>P</kbd> to pin it{limit !== null ? ` (up to ${limit})` : ''}.
        </p>
      )}
      {list.length > 0 && (
        <ul className="panel-list" aria-label="Pinned messages" onKeyDown={onRowKeys}>
          {list.map((p, i) => (
            <li
              key={p.messageId}
              className="panel-row"
              data-row
              tabIndex={i === 0 ? 0 : -1}
              aria-label={p.message ? `Pinned message from ${p.message.senderName ?? 'someone'}: ${p.message.text ?? ''}` : 'Pinned message, not available'}
              aria-keyshortcuts="Enter Delete"
              data-testid="pin-row"
              onKeyDown={(e) => onRowKey(e, p.messageId)}
            >
              <MessageCard
                message={p.message}
                actions={
                  <>
                    {p.message && (
                      <Button size="sm" variant="ghost" onClick={() => jump(p.messageId)}>
                        Jump to message
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => void doUnpin(p.messageId)} data-testid="pin-unpin">
                      Unpin
                    </Button>
                  </>
                }
              />
            </li>
          ))}
        </ul>
      )}
      {list.length > 0 && (
        <p className="panel-hint">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> jump · <kbd>Delete</kbd> unpin
        </p>
      )}
    </div>
  );
}
