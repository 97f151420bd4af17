import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import type { Message } from '../../../../shared/domain/model';
import { Button } from '../../components/Button';
import { useStore } from '../../store';
import { senderLabel } from '../../store/timelineSlice';
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
  const openMessage = useStore((s) => s.openMessage);
  const pushToast = useStore((s) => s.pushToast);
  const personNames = useStore((s) => s.personNames);
  const [error, setError] = useState<{ message: string } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const unsupported = conversation ? conversation.source !== 'genesys' || conversation.disabled?.includes('pins') : false;
  useEffect(() => {
    if (!unsupported) void loadPinnedMessages(conversationId);
  }, [conversationId, unsupported, loadPinnedMessages]);
  useConversationChanges(conversationId, () => {
    if (!unsupported) void loadPinnedMessages(conversationId);
  });

  const data = pins?.key === conversationId ? pins : null;
  const list = newestFirst(data?.value?.pins ?? []);
  const firstId = list[0]?.messageId;
  // A newer pin arrived on top while the keyboard was on the first row: it stays on the first row.
  const listRef = useRef<HTMLUListElement>(null);
  const prevFirst = useRef(firstId);
  useLayoutEffect(() => {
    const before = prevFirst.current;
    prevFirst.current = firstId;
    if (!before || before === firstId) return;
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-row]');
    const active = document.activeElement as HTMLElement | null;
    if (rows?.[0] && active?.dataset.row !== undefined && listRef.current?.contains(active) && active.dataset.messageId === before) rows[0].focus();
  }, [firstId]);

  // Unpinning takes the row (and its Unpin button) that had the keyboard away: it goes to the row
  // that took its place, the one above when it was the last, or the panel when none is left, so
  // Delete can be pressed again at once instead of the focus falling to the page.
  const refocus = useRef<{ messageId: MessageId; index: number } | null>(null);
  const ids = list.map((p) => p.messageId).join('\n');
  useLayoutEffect(() => {
    const pending = refocus.current;
    if (!pending || list.some((p) => p.messageId === pending.messageId)) return;
    refocus.current = null;
    // The user put the keyboard somewhere else meanwhile: it stays there.
    const at = document.activeElement;
    if (at && at !== document.body && at.isConnected && !root.current?.contains(at)) return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-row]') ?? [])];
    const next = rows[Math.min(pending.index, rows.length - 1)];
    if (next) {
      rows.forEach((r) => (r.tabIndex = r === next ? 0 : -1));
      next.focus();
    } else root.current?.closest<HTMLElement>('.side-panel')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `ids` stands for the list
  }, [ids]);

  if (unsupported)
    return (
      <p className="panel-empty" data-testid="pins-unsupported">
        Pinned messages are a Genesys Cloud feature: this chat has none. Pin the chat itself from Details instead, where its network allows it (it shows with a pin in the inbox).
      </p>
    );

  const limit = data?.value?.limit ?? null;
  const full = limit !== null && list.length >= limit;

  const jump = (messageId: MessageId) => {
    const m = list.find((p) => p.messageId === messageId)?.message;
    if (m) openMessage(m);
    else openMessage({ conversationId, id: messageId });
  };
  const doUnpin = async (messageId: MessageId) => {
    refocus.current = { messageId, index: list.findIndex((p) => p.messageId === messageId) };
    const err = await unpin(messageId);
    // Refused: the row stays, and so does the keyboard.
    if (err && refocus.current?.messageId === messageId) refocus.current = null;
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
    <div ref={root} className="pins">
      <div className="panel-bar">
        <span className="panel-count" data-testid="pins-count">
          {data?.status === 'loading' && !data.value ? 'Loading…' : limit !== null ? `${list.length} pinned · at most ${limit}` : `${list.length} pinned`}
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
        <ul ref={listRef} className="panel-list" aria-label="Pinned messages" onKeyDown={onRowKeys}>
          {list.map((p, i) => (
            <li
              key={p.messageId}
              data-message-id={p.messageId}
              className="panel-row"
              data-row
              tabIndex={i === 0 ? 0 : -1}
              aria-label={p.message ? `Pinned message from ${pinSender(p.message, personNames)}: ${p.message.text ?? ''}` : 'Pinned message, not available'}
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

/** Who a pin is from, named as its card shows it ("you" for your own). */
function pinSender(m: Message, names: Record<string, string>): string {
  if (m.isOwn) return 'you';
  const name = senderLabel(m, names, null);
  return name === 'Someone' ? 'someone' : name;
}

/** Pins in the order of their messages, newest first (a pin whose message is gone goes last). */
export function newestFirst<P extends { message: Message | null | undefined }>(pins: readonly P[]): P[] {
  return [...pins].sort((a, b) => (b.message?.time ?? -Infinity) - (a.message?.time ?? -Infinity));
}
