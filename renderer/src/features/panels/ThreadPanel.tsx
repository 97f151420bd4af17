import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import type { Message } from '../../../../shared/domain/model';
import { MessageItem, type QuickAction } from '../../components/MessageItem';
import { useStore } from '../../store';
import { servesFocusRequest } from '../../store/uiSlice';
import { ComposerBox, JoinNotice, notAMember } from '../composer/Composer';
import { matchShortcut } from '../keyboard/keymap';
import { ErrorNote } from '../settings/controls';
import { renderAttachment } from '../timeline/attachments';
import { onDiscard, onEditFailed, onJumpTo, onRetry, onToggleReaction, useMentionNames, useMessageBinding } from '../timeline/MessageRow';
import { findMessage, runAction } from '../timeline/messageActions';
import { GROUP_GAP_MS } from '../timeline/rows';
import { useConversation, useConversationChanges } from './hooks';
import { THREAD_ACTION_KEYS, threadFetchError, threadMove } from './threadKeys';

const noop = () => {};
/**
 * A thread: its root message, the replies (cached first, then fetched from the network: Genesys
 * thread history, Slack replies through `thread_id`) and a composer that replies in it. Its messages
 * take the timeline's keys (↑/↓ j/k Home End to move, r e p + f c Delete, m or Shift+F10 for the
 * menu), hover toolbar and context menu; replies and edits are written in the thread's composer.
 * Esc closes the panel.
 */
export function ThreadPanel({ conversationId, rootId }: { conversationId: ConversationId; rootId: MessageId }) {
  const conversation = useConversation(conversationId);
  const thread = useStore((s) => s.thread);
  const fetchState = useStore((s) => s.threadFetch);
  const loadThread = useStore((s) => s.loadThread);
  const focusRequest = useStore((s) => s.focusRequest);
  const [selected, setSelected] = useState<MessageId | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLDivElement>(null);

  // Outside the room (left it) the network has nothing to give: the cached thread shows, with the Join
  // notice; joining (again) reads the thread afresh from the network.
  const outside = useStore((s) => notAMember(s, conversationId));
  useEffect(() => {
    void loadThread(conversationId, rootId, { fetch: !outside });
  }, [conversationId, rootId, loadThread, outside]);
  useConversationChanges(conversationId, () => void loadThread(conversationId, rootId), { messages: true });

  const data = thread?.key === rootId ? thread : null;
  const root = data?.value?.root ?? null;
  const replies = useMemo(() => data?.value?.replies ?? [], [data?.value?.replies]);
  const fetching = fetchState?.key === rootId ? fetchState : null;

  // New replies arrive at the bottom: keep the newest in view.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [replies.length]);

  const all = useMemo(() => (root ? [root, ...replies] : replies), [root, replies]);
  const ids = useMemo(() => all.map((m) => m.id), [all]);

  const rowOf = (id: MessageId) => listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`) ?? null;
  const focusComposer = () => {
    const box = composerRef.current?.querySelector<HTMLElement>('textarea');
    if (box) box.focus();
    else listRef.current?.focus();
  };
  const select = (id: MessageId) => {
    setSelected(id);
    rowOf(id)?.focus();
  };

  // Back from a popup on one of the thread's messages (menu, picker, delete confirmation), or opened on
  // one of its replies (a pin, a search hit): the keyboard goes to that message once the thread shows
  // it, or to the thread's composer when it is not there.
  const served = useRef(0);
  const settled = data?.status === 'ready' || data?.status === 'error';
  useEffect(() => {
    if (served.current === focusRequest.seq || !servesFocusRequest(focusRequest, 'panel') || !focusRequest.message) return;
    const el = ids.includes(focusRequest.message) ? rowOf(focusRequest.message) : null;
    if (el) {
      served.current = focusRequest.seq;
      setSelected(focusRequest.message);
      el.focus({ preventScroll: true });
      el.scrollIntoView?.({ block: 'nearest' });
    } else if (settled) {
      served.current = focusRequest.seq;
      focusComposer();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest, ids, settled]);

  // The selected message left the thread under the keyboard (an unsent reply discarded): its neighbour
  // takes the selection and the focus, rather than the focus falling to the page.
  const lastIds = useRef(ids);
  useLayoutEffect(() => {
    const before = lastIds.current;
    lastIds.current = ids;
    if (!selected || ids.includes(selected)) return;
    const next = ids[Math.min(Math.max(before.indexOf(selected), 0), ids.length - 1)] ?? null;
    setSelected(next);
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    if (next) rowOf(next)?.focus({ preventScroll: true });
    else focusComposer();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('textarea, input')) return;
    // Keys on a button inside a message belong to the button, except moving between messages.
    if (target !== e.currentTarget && target.closest('button, a') && !['ArrowUp', 'ArrowDown'].includes(e.key)) return;
    const shortcut = matchShortcut(e, 'timeline');
    if (!shortcut) return;
    const current = selected && ids.includes(selected) ? selected : ((target.closest<HTMLElement>('[data-message-id]')?.dataset.messageId as MessageId | undefined) ?? null);
    const to = threadMove(ids, current, shortcut);
    if (to) {
      e.preventDefault();
      if (to === 'composer') focusComposer();
      else select(to);
      return;
    }
    const m = current ? all.find((x) => x.id === current) : undefined;
    if (!m) return;
    const row = rowOf(m.id);
    if (shortcut === 'messageMenu') {
      e.preventDefault();
      const r = row?.getBoundingClientRect();
      useStore.getState().openMessageUi({ kind: 'menu', messageId: m.id, at: r ? { x: Math.max(8, r.right - 260), y: r.top + 8 } : { x: 300, y: 200 }, thread: rootId });
      return;
    }
    const action = THREAD_ACTION_KEYS[shortcut];
    if (!action) return;
    e.preventDefault();
    runAction(action, m, { threadContext: rootId, anchor: row });
  };

  const onQuick = (id: MessageId, action: QuickAction, anchor: HTMLElement) => {
    const m = findMessage(id);
    if (!m) return;
    setSelected(id);
    const r = anchor.getBoundingClientRect();
    const s = useStore.getState();
    if (action === 'menu') s.openMessageUi({ kind: 'menu', messageId: id, at: { x: Math.max(8, r.right - 220), y: r.bottom + 4 }, thread: rootId });
    else if (action === 'react') s.openMessageUi({ kind: 'react', messageId: id, at: { x: Math.max(8, r.left - 140), y: r.bottom + 4 }, thread: rootId });
    else runAction(action, m, { threadContext: rootId, anchor });
  };
  const onContextMenu = (id: MessageId, at: { x: number; y: number }) => useStore.getState().openMessageUi({ kind: 'menu', messageId: id, at, thread: rootId });
  // Stable for the memoized rows.
  const handlers = useRef({ onQuick, onContextMenu });
  handlers.current = { onQuick, onContextMenu };
  const stable = useMemo(
    () => ({
      onQuick: (id: MessageId, action: QuickAction, anchor: HTMLElement) => handlers.current.onQuick(id, action, anchor),
      onContextMenu: (id: MessageId, at: { x: number; y: number }) => handlers.current.onContextMenu(id, at),
    }),
    [],
  );

  const noThreads = conversation && conversation.source === 'unipile' && conversation.disabled?.includes('threads');
  const hasSelection = !!selected && ids.includes(selected);
  return (
    <div className="thread">
      <div
        className="thread-list"
        ref={listRef}
        role="feed"
        aria-label="Thread"
        aria-busy={data?.status === 'loading'}
        // A tab stop until a message is selected (then the selected message is, as in the timeline).
        tabIndex={hasSelection ? -1 : 0}
        onKeyDown={onKeyDown}
        data-testid="thread-list"
      >
        {data?.status === 'error' && <ErrorNote error={data.error} testId="thread-error" />}
        {data?.status === 'loading' && !data.value && <p className="panel-hint">Loading the thread…</p>}
        {root && <ThreadMessage message={root} rootId={rootId} grouped={false} selected={selected === root.id} onSelect={setSelected} onQuick={stable.onQuick} onContextMenu={stable.onContextMenu} />}
        {data?.value && replies.length > 0 && (
          <div className="thread-sep" data-testid="thread-count">
            <span>
              {replies.length} {replies.length === 1 ? 'reply' : 'replies'}
            </span>
            {fetching?.status === 'loading' && <span className="thread-fetch">checking for more…</span>}
          </div>
        )}
        {data?.value && replies.length === 0 && (
          <div className="thread-empty" data-testid="thread-empty">
            {fetching?.status === 'loading' ? (
              <p className="thread-fetch">Checking for replies…</p>
            ) : noThreads ? (
              <p>No replies.</p>
            ) : (
              <>
                <p className="thread-empty-title">No replies yet</p>
                <p>Write the first one below.</p>
              </>
            )}
          </div>
        )}
        {fetching?.status === 'error' && !outside && <p className="panel-hint thread-fetch-error">{threadFetchError(fetching.message)}</p>}
        {replies.map((m, i) => {
          const prev = i > 0 ? replies[i - 1]! : null;
          const grouped = !!prev && prev.senderId === m.senderId && m.time - prev.time < GROUP_GAP_MS && !prev.isEvent && !m.isEvent;
          return <ThreadMessage key={m.id} message={m} rootId={rootId} grouped={grouped} selected={selected === m.id} onSelect={setSelected} onQuick={stable.onQuick} onContextMenu={stable.onContextMenu} />;
        })}
      </div>
      {noThreads ? (
        <p className="panel-note">{conversation.network === 'slack' ? 'Replies are not available here.' : 'This network has no threads.'}</p>
      ) : (
        <div className="thread-composer" data-testid="thread-composer" ref={composerRef}>
          {outside ? <JoinNotice conversationId={conversationId} region="panel" /> : <ComposerBox conversationId={conversationId} threadRootId={rootId} region="panel" placeholder="Reply in thread…" />}
        </div>
      )}
    </div>
  );
}

interface ThreadMessageProps {
  message: Message;
  rootId: MessageId;
  grouped: boolean;
  selected: boolean;
  onSelect: (id: MessageId) => void;
  onQuick: (id: MessageId, action: QuickAction, anchor: HTMLElement) => void;
  onContextMenu: (id: MessageId, at: { x: number; y: number }) => void;
}

/** A message of the thread, with the actions that apply inside it (no "reply in thread": this is the thread). */
const ThreadMessage = memo(function ThreadMessage({ message: m, rootId, grouped, selected, onSelect, onQuick, onContextMenu }: ThreadMessageProps) {
  const bound = useMessageBinding(m, grouped, rootId);
  const names = useMentionNames(m);
  return (
    <MessageItem
      {...bound}
      message={m}
      grouped={grouped}
      replies={0}
      lastReplyAt={null}
      selected={selected}
      highlighted={false}
      names={names}
      renderAttachment={renderAttachment}
      onSelect={onSelect}
      onQuick={onQuick}
      onContextMenu={onContextMenu}
      onToggleReaction={onToggleReaction}
      onOpenThread={noop}
      onJumpTo={onJumpTo}
      onRetry={onRetry}
      onEditFailed={onEditFailed}
      onDiscard={onDiscard}
    />
  );
});
