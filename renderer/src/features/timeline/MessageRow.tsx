import { memo, useEffect, useMemo } from 'react';
import type { MessageId } from '../../../../shared/domain/ids';
import type { Message } from '../../../../shared/domain/model';
import { MessageItem, type QuickAction } from '../../components/MessageItem';
import type { MentionName } from '../../components/richText';
import { senderLabel } from '../../store/timelineSlice';
import { useStore } from '../../store';
import { safeInvoke } from '../../store/safeInvoke';
import { failedRemedy } from '../../store/syncSlice';
import { renderAttachment } from './attachments';
import { notAMember } from '../composer/Composer';
import { availability, react, runAction, findMessage } from './messageActions';

const NO_PINS: MessageId[] = [];

// Row callbacks read the store when called, so they are module constants: memoized rows never
// re-render because a parent made a new function.
const onSelect = (id: MessageId) => useStore.getState().selectMessage(id);
const onQuick = (id: MessageId, action: QuickAction, anchor: HTMLElement) => {
  const m = findMessage(id);
  if (!m) return;
  const s = useStore.getState();
  s.selectMessage(id);
  const r = anchor.getBoundingClientRect();
  if (action === 'menu') s.openMessageUi({ kind: 'menu', messageId: id, at: { x: r.left, y: r.bottom + 4 } });
  else if (action === 'react') s.openMessageUi({ kind: 'react', messageId: id, at: { x: Math.max(8, r.left - 140), y: r.bottom + 4 } });
  else runAction(action, m);
};
const onContextMenu = (id: MessageId, at: { x: number; y: number }) => useStore.getState().openMessageUi({ kind: 'menu', messageId: id, at });
export const onToggleReaction = (id: MessageId, emoji: string, mine: boolean) => {
  const m = findMessage(id);
  if (m) void react(m, emoji, !mine);
};
const onOpenThread = (id: MessageId) => useStore.getState().openPanel({ kind: 'thread', rootId: id });
/** Row handlers shared with the thread panel's rows (module-level: stable, no re-render of memoized rows). */
export const onJumpTo = (id: MessageId) => {
  const s = useStore.getState();
  const cid = s.activeConversationId;
  if (!cid) return;
  // A quoted thread reply opens its thread with it selected, like a search hit's; where it is is read
  // from what the page holds, else from the cache (or the network) before jumping.
  const known = findMessage(id);
  if (known) return s.openMessage({ conversationId: cid, id, threadRootId: known.threadRootId });
  void safeInvoke('messages:get', { messageId: id }).then((res) => {
    const now = useStore.getState();
    if (now.activeConversationId !== cid) return;
    now.openMessage({ conversationId: cid, id, threadRootId: res.ok ? res.value.message.threadRootId : undefined });
  });
};
const outboxFor = (id: MessageId) => useStore.getState().outboxItems.find((i) => i.kind === 'send' && i.messageId === id);
export const onRetry = (id: MessageId) => {
  const item = outboxFor(id);
  if (item) void useStore.getState().retryOutbox(item.clientId);
};
export const onDiscard = (id: MessageId) => {
  const item = outboxFor(id);
  if (item) void useStore.getState().discardOutbox(item.clientId);
};
export const onEditFailed = (id: MessageId) => {
  const item = outboxFor(id);
  if (item) void useStore.getState().editOutboxSend(item.clientId);
};

/**
 * The people a message mentions, by name, for its text's highlights: the timeline's rows and the
 * thread panel's read the same, so a mention shows the same in both.
 */
export function useMentionNames(m: Message): MentionName[] {
  // Mentioned people as one string (a stable primitive), parsed below.
  const mentionKey = useStore((s) => m.mentions.map((id) => `${s.personNames[id] ?? ''}\u0001${s.selfIds[id] ? 1 : 0}`).join('\u0002'));
  return useMemo<MentionName[]>(
    () =>
      mentionKey
        ? mentionKey
            .split('\u0002')
            .map((p) => p.split('\u0001'))
            .filter(([name]) => name)
            .map(([name, self]) => ({ name: name!, self: self === '1' }))
        : [],
    [mentionKey],
  );
}

export interface MessageRowProps {
  message: Message;
  grouped: boolean;
  replies: number;
  lastReplyAt: number | null;
  selected: boolean;
  highlighted: boolean;
  posinset?: number;
  setsize?: number;
}

/**
 * What a message row reads from the store, shared by the timeline's rows and the thread panel's:
 * the sender's name and picture, pinned, the quoted sender, why a send failed, and the quick actions
 * and reaction reasons that apply (in a thread, `thread` is its root: no "reply in thread" there).
 */
export function useMessageBinding(m: Message, grouped: boolean, thread?: MessageId) {
  const conv = useStore((s) => s.conversations[m.conversationId]);
  const senderName = useStore((s) => senderLabel(m, s.personNames, conv?.kind === 'dm' ? conv.title : null));
  const pinned = useStore((s) => (s.pinnedIds[m.conversationId] ?? NO_PINS).includes(m.id));
  const quoteSender = useStore((s) => (m.quote?.senderId ? (s.selfIds[m.quote.senderId] ? 'You' : s.personNames[m.quote.senderId]) : undefined));
  const failedItem = useStore((s) => (m.delivery === 'failed' ? s.outboxItems.find((i) => i.messageId === m.id) : undefined));
  const failure = failedItem?.lastError?.message;
  const retryable = failedItem ? failedRemedy(failedItem) === 'retry' : undefined;
  const picture = useStore((s) => (!grouped && m.senderId ? s.pictures[m.senderId] : undefined));
  const outside = useStore((s) => notAMember(s, m.conversationId));
  const quick = useMemo<QuickAction[]>(() => {
    const a = availability(conv, m, pinned, thread ? { thread, notMember: outside } : { notMember: outside });
    return [...(thread ? (['react', 'reply'] as const) : (['react', 'reply', 'thread'] as const)).filter((k) => a[k].ok), 'menu'];
  }, [conv, m, pinned, thread, outside]);

  const senderId = m.senderId;
  const loadPicture = useStore((s) => s.loadPicture);
  useEffect(() => {
    if (!grouped && senderId && picture === undefined) void loadPicture(senderId);
  }, [grouped, senderId, picture, loadPicture]);

  return {
    senderName,
    avatarSrc: picture ?? null,
    pinned,
    quoteSender,
    failure,
    retryable,
    quick,
    unreactReason: m.source === 'unipile' ? 'Unipile cannot remove a reaction.' : undefined,
    reactDisabledReason: outside ? 'Join the room to react.' : conv?.disabled?.includes('reactions') ? 'Reactions are not available in this conversation.' : undefined,
  };
}

/** A timeline row bound to the store: names, pins, pictures and what may be done to it. */
export const MessageRow = memo(function MessageRow({ message: m, grouped, replies, lastReplyAt, selected, highlighted, posinset, setsize }: MessageRowProps) {
  const bound = useMessageBinding(m, grouped);
  const mentionsMe = useStore((s) => m.mentions.some((id) => s.selfIds[id]));
  const names = useMentionNames(m);

  return (
    <div className={mentionsMe ? 'msg-mentions-me' : undefined}>
      <MessageItem
        {...bound}
        message={m}
        grouped={grouped}
        replies={replies}
        lastReplyAt={lastReplyAt}
        selected={selected}
        highlighted={highlighted}
        names={names}
        posinset={posinset}
        setsize={setsize}
        renderAttachment={renderAttachment}
        onSelect={onSelect}
        onQuick={onQuick}
        onContextMenu={onContextMenu}
        onToggleReaction={onToggleReaction}
        onOpenThread={onOpenThread}
        onJumpTo={onJumpTo}
        onRetry={onRetry}
        onEditFailed={onEditFailed}
        onDiscard={onDiscard}
      />
    </div>
  );
});
