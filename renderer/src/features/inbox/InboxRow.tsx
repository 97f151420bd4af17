import { memo, useEffect, type MouseEvent } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { NetworkIcon } from '../../components/NetworkIcon';
import { formatShort } from '../../components/format';
import { useStore } from '../../store';

export const ROW_HEIGHT = 60;

export interface InboxRowProps {
  id: ConversationId;
  active: boolean;
  open: boolean;
  onOpen: (id: ConversationId) => void;
  onContextMenu: (id: ConversationId, at: { x: number; y: number }) => void;
}

/**
 * One conversation in the inbox. It subscribes to its own row only, so a new message in one
 * conversation re-renders one row.
 */
export const InboxRow = memo(function InboxRow({ id, active, open, onOpen, onContextMenu }: InboxRowProps) {
  const c = useStore((s) => s.conversations[id]);
  const picture = useStore((s) => (c?.avatarPersonId ? s.pictures[c.avatarPersonId] : undefined));
  const loadPicture = useStore((s) => s.loadPicture);
  // A message of the user's that could not be sent: said on the row, since the preview shows its text
  // as if it had gone.
  // The latest send that failed: its own words follow "Not sent", not the chat's latest message (which
  // may be another one that went, or someone else's).
  const notSentText = useStore((s) => {
    let text: string | null = null;
    let at = -Infinity;
    for (const i of s.outboxItems) {
      if (i.conversationId !== id || i.kind !== 'send' || i.state !== 'failed' || i.createdAt < at) continue;
      at = i.createdAt;
      text = i.text?.trim() ? i.text.trim().replace(/\s+/g, ' ') : '[file]';
    }
    return text;
  });
  const notSent = notSentText !== null;
  const avatarPersonId = c?.avatarPersonId;
  // Pictures are fetched lazily, for rows that are actually drawn.
  useEffect(() => {
    if (avatarPersonId && picture === undefined) void loadPicture(avatarPersonId);
  }, [avatarPersonId, picture, loadPicture]);
  if (!c) return null;
  const unread = c.unreadCount > 0;
  const marks = [c.pinned && 'pinned', c.muted && 'muted', c.archived && 'archived'].filter(Boolean).join(', ');
  // The name is the row's own text (title, time, preview, count) followed by what only the
  // icons say: screen readers hear what is seen, in the same order (WCAG 2.5.3).
  const extra = `, ${NETWORK_NAMES[c.network]}${unread ? `, ${c.unreadCount} unread` : ''}${marks ? `, ${marks}` : ''}${notSent ? ', a message was not sent' : ''}`;
  const onContext = (e: MouseEvent) => {
    e.preventDefault();
    onContextMenu(id, { x: e.clientX, y: e.clientY });
  };
  return (
    <div
      id={`conv-${id}`}
      role="option"
      aria-selected={open}
      data-conversation-id={id}
      data-title={c.title}
      data-network={c.network}
      data-unread={unread || undefined}
      className={`inbox-row ${active ? 'inbox-row-active' : ''} ${open ? 'inbox-row-open' : ''} ${unread ? 'inbox-row-unread' : ''} ${c.muted ? 'inbox-row-muted' : ''}`}
      style={{ height: ROW_HEIGHT }}
      onClick={() => onOpen(id)}
      onContextMenu={onContext}
    >
      <span className="inbox-avatar">
        <Avatar name={c.title} seed={c.id} src={picture ?? null} size={36} square={c.kind !== 'dm'} />
        <span className="inbox-net">
          <NetworkIcon network={c.network} size={15} title="" />
        </span>
      </span>
      <span className="inbox-main">
        <span className="inbox-line">
          <span className="inbox-title">{c.title}</span>
          {/* Spoken "Title, 14:05 preview…": the name starts with the title and a comma. */}
          <span className="visually-hidden">, </span>
          {c.pinned && (
            <span className="inbox-mark" title="Pinned">
              <Icon name="pin" size={12} />
            </span>
          )}
          {c.muted && (
            <span className="inbox-mark" title="Muted">
              <Icon name="mute" size={12} />
            </span>
          )}
          {c.archived && (
            <span className="inbox-mark" title="Archived">
              <Icon name="archive" size={12} />
            </span>
          )}
          <span className="inbox-time">{c.lastActivity ? formatShort(c.lastActivity) : ''}</span>
        </span>
        <span className="inbox-line">
          <span className="inbox-preview">
            {notSent && (
              <span className="inbox-not-sent" aria-hidden="true">
                <Icon name="alert" size={12} /> Not sent ·{' '}
              </span>
            )}
            {/* No message yet: the room's description, set apart so it does not read as one. */}
            {notSent ? notSentText || ' ' : (c.lastMessagePreview ?? (c.description ? <span className="inbox-description">{c.description}</span> : ' '))}
          </span>
          {unread && <span className="inbox-unread">{c.unreadCount > 99 ? '99+' : c.unreadCount}</span>}
        </span>
      </span>
      <span className="visually-hidden">{extra}</span>
    </div>
  );
});
