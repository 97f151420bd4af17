import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import type { Message } from '../../../../shared/domain/model';
import { MessageItem, type QuickAction } from '../../components/MessageItem';
import { useStore } from '../../store';
import { senderLabel } from '../../store/timelineSlice';
import { ComposerBox } from '../composer/Composer';
import { ErrorNote } from '../settings/controls';
import { renderAttachment } from '../timeline/attachments';
import { react } from '../timeline/messageActions';
import { GROUP_GAP_MS } from '../timeline/rows';
import { useConversation, useConversationChanges } from './hooks';

const NO_QUICK: QuickAction[] = [];
const noop = () => {};
const onToggleReaction = (id: MessageId, emoji: string, mine: boolean) => {
  const t = useStore.getState().thread?.value;
  const m = t?.root?.id === id ? t.root : t?.replies.find((r) => r.id === id);
  if (m) void react(m, emoji, !mine);
};

/**
 * A thread: its root message, the replies (cached first, then fetched from the network: Genesys
 * thread history, Slack replies through `thread_id`) and a composer that replies in it. ↑/↓ move
 * between messages; Esc closes the panel.
 */
export function ThreadPanel({ conversationId, rootId }: { conversationId: ConversationId; rootId: MessageId }) {
  const conversation = useConversation(conversationId);
  const thread = useStore((s) => s.thread);
  const fetchState = useStore((s) => s.threadFetch);
  const loadThread = useStore((s) => s.loadThread);
  const [selected, setSelected] = useState<MessageId | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadThread(conversationId, rootId, { fetch: true });
  }, [conversationId, rootId, loadThread]);
  useConversationChanges(conversationId, () => void loadThread(conversationId, rootId), { messages: true });

  const data = thread?.key === rootId ? thread : null;
  const root = data?.value?.root ?? null;
  const replies = data?.value?.replies ?? [];
  const fetching = fetchState?.key === rootId ? fetchState : null;

  // New replies arrive at the bottom: keep the newest in view.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [replies.length]);

  const all = root ? [root, ...replies] : replies;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('textarea, input')) return;
    const d = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (!d || all.length === 0) return;
    e.preventDefault();
    const at = all.findIndex((m) => m.id === selected);
    const next = all[Math.max(0, Math.min(all.length - 1, at < 0 ? (d > 0 ? 0 : all.length - 1) : at + d))]!;
    setSelected(next.id);
    listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(next.id)}"]`)?.focus();
  };

  const noThreads = conversation && conversation.source === 'unipile' && conversation.disabled?.includes('threads');
  return (
    <div className="thread">
      <div className="thread-list" ref={listRef} role="feed" aria-label="Thread" aria-busy={data?.status === 'loading'} onKeyDown={onKeyDown} data-testid="thread-list">
        {data?.status === 'error' && <ErrorNote error={data.error} testId="thread-error" />}
        {data?.status === 'loading' && !data.value && <p className="panel-hint">Loading the thread…</p>}
        {root && <ThreadMessage message={root} grouped={false} selected={selected === root.id} onSelect={setSelected} />}
        {data?.value && (
          <div className="thread-sep" data-testid="thread-count">
            <span>
              {replies.length} {replies.length === 1 ? 'reply' : 'replies'}
            </span>
            {fetching?.status === 'loading' && <span className="thread-fetch">checking for more…</span>}
          </div>
        )}
        {fetching?.status === 'error' && <p className="panel-hint thread-fetch-error">Could not fetch replies from the network: {fetching.message}. Showing what is cached.</p>}
        {replies.map((m, i) => {
          const prev = i > 0 ? replies[i - 1]! : null;
          const grouped = !!prev && prev.senderId === m.senderId && m.time - prev.time < GROUP_GAP_MS && !prev.isEvent && !m.isEvent;
          return <ThreadMessage key={m.id} message={m} grouped={grouped} selected={selected === m.id} onSelect={setSelected} />;
        })}
      </div>
      {noThreads ? (
        <p className="panel-note">{conversation.network === 'slack' ? 'Replies are not available here.' : 'This network has no threads.'}</p>
      ) : (
        <div className="thread-composer" data-testid="thread-composer">
          <ComposerBox conversationId={conversationId} threadRootId={rootId} region="panel" placeholder="Reply in thread…" />
        </div>
      )}
    </div>
  );
}

const ThreadMessage = memo(function ThreadMessage({ message: m, grouped, selected, onSelect }: { message: Message; grouped: boolean; selected: boolean; onSelect: (id: MessageId) => void }) {
  const conv = useStore((s) => s.conversations[m.conversationId]);
  const senderName = useStore((s) => senderLabel(m, s.personNames, conv?.kind === 'dm' ? conv.title : null));
  const picture = useStore((s) => (!grouped && m.senderId ? s.pictures[m.senderId] : undefined));
  const loadPicture = useStore((s) => s.loadPicture);
  const senderId = m.senderId;
  useEffect(() => {
    if (!grouped && senderId && picture === undefined) void loadPicture(senderId);
  }, [grouped, senderId, picture, loadPicture]);
  return (
    <MessageItem
      message={m}
      senderName={senderName}
      avatarSrc={typeof picture === 'string' && picture !== 'loading' ? picture : null}
      grouped={grouped}
      replies={0}
      lastReplyAt={null}
      selected={selected}
      highlighted={false}
      pinned={false}
      names={[]}
      quick={NO_QUICK}
      unreactReason={m.source === 'unipile' ? 'Unipile cannot remove a reaction.' : undefined}
      reactDisabledReason={conv?.disabled?.includes('reactions') ? 'Reactions are not available in this conversation.' : undefined}
      renderAttachment={renderAttachment}
      onSelect={onSelect}
      onQuick={noop}
      onContextMenu={noop}
      onToggleReaction={onToggleReaction}
      onOpenThread={noop}
      onJumpTo={noop}
      onRetry={noop}
      onDiscard={noop}
    />
  );
});
