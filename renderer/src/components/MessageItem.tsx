import { memo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Attachment, Message } from '../../../shared/domain/model';
import { Avatar } from './Avatar';
import { IconButton } from './Button';
import { Icon } from './Icon';
import { Reactions } from './Reactions';
import { RichText } from './RichText';
import { formatFull, formatShort, formatTime } from './format';
import type { MentionName } from './richText';
import './message.css';

/** The quick actions on a message's hover toolbar (the rest are in its menu). */
export type QuickAction = 'react' | 'reply' | 'thread' | 'menu';

export interface MessageItemProps {
  message: Message;
  senderName: string;
  avatarSrc?: string | null;
  /** Same sender as the row above, a few minutes apart: no header. */
  grouped: boolean;
  replies: number;
  lastReplyAt: number | null;
  selected: boolean;
  highlighted: boolean;
  pinned: boolean;
  names: readonly MentionName[];
  quoteSender?: string | undefined;
  /** Why a send failed, for a message whose delivery is 'failed'. */
  failure?: string | undefined;
  /** False for a failed send the network refused as written: sent again as it is, it fails the same way (no Retry; Edit). */
  retryable?: boolean | undefined;
  /** Quick actions that are available (others are hidden from the toolbar). */
  quick: readonly QuickAction[];
  /** Own reactions cannot be removed here: why (Unipile). */
  unreactReason?: string | undefined;
  reactDisabledReason?: string | undefined;
  posinset?: number;
  setsize?: number;
  renderAttachment: (message: Message, attachment: Attachment) => ReactNode;
  onSelect: (id: Message['id']) => void;
  onQuick: (id: Message['id'], action: QuickAction, anchor: HTMLElement) => void;
  onContextMenu: (id: Message['id'], at: { x: number; y: number }) => void;
  onToggleReaction: (id: Message['id'], emoji: string, mine: boolean) => void;
  onOpenThread: (id: Message['id']) => void;
  onJumpTo: (id: Message['id']) => void;
  onRetry: (id: Message['id']) => void;
  /** A failed send back into the composer to change it. */
  onEditFailed?: (id: Message['id']) => void;
  onDiscard: (id: Message['id']) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
}

const QUICK: Record<Exclude<QuickAction, 'menu'>, { label: string; icon: 'smile' | 'reply' | 'thread' }> = {
  react: { label: 'React', icon: 'smile' },
  reply: { label: 'Reply', icon: 'reply' },
  thread: { label: 'Reply in thread', icon: 'thread' },
};

/**
 * One message in a timeline or thread: header (unless grouped), quote, text, attachments,
 * reactions, thread summary and delivery state. Presentational: every action is a callback.
 * The row is focusable (roving tabindex); its toolbar appears on hover and when selected.
 */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message: m, senderName, grouped, selected, highlighted } = props;
  const [hover, setHover] = useState(false);
  const showTools = (hover || selected) && !m.deleted && !m.isEvent && m.delivery !== 'pending' && m.delivery !== 'failed';
  const unsent = m.delivery === 'pending' || m.delivery === 'failed';
  const time = formatTime(m.time);

  if (m.isEvent) {
    return (
      <article
        id={`msg-${m.id}`}
        className={`msg msg-event ${selected ? 'msg-selected' : ''}`}
        tabIndex={selected ? 0 : -1}
        aria-label={`${m.text ?? 'Event'}, ${time}`}
        aria-posinset={props.posinset}
        aria-setsize={props.setsize}
        data-message-id={m.id}
        onFocus={() => props.onSelect(m.id)}
        onKeyDown={props.onKeyDown}
      >
        <span className="msg-event-text">{m.text}</span> <time dateTime={new Date(m.time).toISOString()}>{time}</time>
      </article>
    );
  }

  const onContext = (e: MouseEvent) => {
    if (m.deleted) return;
    e.preventDefault();
    props.onSelect(m.id);
    props.onContextMenu(m.id, { x: e.clientX, y: e.clientY });
  };

  return (
    <article
      id={`msg-${m.id}`}
      className={`msg ${grouped ? 'msg-grouped' : ''} ${selected ? 'msg-selected' : ''} ${highlighted ? 'msg-highlight' : ''} ${unsent ? 'msg-unsent' : ''} ${m.delivery === 'failed' ? 'msg-failed' : ''}`}
      tabIndex={selected ? 0 : -1}
      aria-label={`${senderName}, ${formatFull(m.time)}${m.deleted ? ', deleted' : ''}`}
      aria-posinset={props.posinset}
      aria-setsize={props.setsize}
      aria-current={selected ? 'true' : undefined}
      data-message-id={m.id}
      onFocus={(e) => e.target === e.currentTarget && props.onSelect(m.id)}
      onMouseDown={() => props.onSelect(m.id)}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onContextMenu={onContext}
      onKeyDown={props.onKeyDown}
    >
      <div className="msg-gutter">
        {grouped ? (
          <time className="msg-gutter-time" dateTime={new Date(m.time).toISOString()}>
            {time.replace(/\s?[AP]\.?M\.?$/i, '')}
          </time>
        ) : (
          <Avatar name={senderName} seed={m.senderId ?? senderName} src={props.avatarSrc ?? null} size={32} />
        )}
      </div>
      <div className="msg-body">
        {!grouped && (
          <div className="msg-header">
            <span className="msg-sender">{senderName}</span>
            <time className="msg-time" dateTime={new Date(m.time).toISOString()} title={formatFull(m.time)}>
              {time}
            </time>
            {props.pinned && (
              <span className="msg-pin" title="Pinned">
                <Icon name="pin" size={12} />
                <span className="visually-hidden">Pinned</span>
              </span>
            )}
          </div>
        )}
        {m.quote && !m.deleted && (
          <button
            type="button"
            className="msg-quote"
            disabled={!m.quote.messageId}
            onClick={() => m.quote?.messageId && props.onJumpTo(m.quote.messageId)}
            title={m.quote.messageId ? 'Go to the quoted message' : undefined}
          >
            {props.quoteSender && <span className="msg-quote-sender">{props.quoteSender}</span>}
            <span className="msg-quote-text">{m.quote.text ?? 'Message'}</span>
          </button>
        )}
        {m.deleted ? (
          <p className="msg-text msg-deleted">This message was deleted.</p>
        ) : (
          m.text && (
            <p className="msg-text">
              <RichText text={m.text} names={props.names} />
              {m.edited && (
                <span className="msg-edited" title={m.editedAt ? `Edited ${formatFull(m.editedAt)}` : 'Edited'}>
                  {' '}
                  (edited)
                </span>
              )}
              {grouped && props.pinned && (
                <span className="msg-pin" title="Pinned">
                  {' '}
                  <Icon name="pin" size={12} />
                  <span className="visually-hidden">Pinned</span>
                </span>
              )}
            </p>
          )
        )}
        {!m.deleted && m.attachments.length > 0 && <div className="msg-attachments">{m.attachments.map((a) => <div key={a.id}>{props.renderAttachment(m, a)}</div>)}</div>}
        {!m.deleted && m.reactions.length > 0 && (
          <Reactions
            reactions={m.reactions}
            onToggle={(emoji, mine) => props.onToggleReaction(m.id, emoji, mine)}
            onAdd={props.quick.includes('react') ? (el) => props.onQuick(m.id, 'react', el) : undefined}
            removeBlockedReason={props.unreactReason}
            disabledReason={props.reactDisabledReason}
          />
        )}
        {props.replies > 0 && (
          <button type="button" className="msg-thread" onClick={() => props.onOpenThread(m.id)}>
            <Icon name="thread" size={14} />
            <span className="msg-thread-count">
              {props.replies} {props.replies === 1 ? 'reply' : 'replies'}
            </span>
            {props.lastReplyAt && <span className="msg-thread-last">Last reply {formatShort(props.lastReplyAt)}</span>}
          </button>
        )}
        {m.delivery === 'pending' && (
          <p className="msg-delivery" role="status">
            <Icon name="clock" size={12} /> Sending…
          </p>
        )}
        {m.delivery === 'failed' && (
          <p className="msg-delivery msg-delivery-failed">
            <Icon name="alert" size={12} /> Not sent{props.failure ? `: ${props.failure}` : '.'}
            {props.retryable !== false && (
              <button type="button" className="link-btn" onClick={() => props.onRetry(m.id)}>
                Retry
              </button>
            )}
            {props.onEditFailed && (
              <button type="button" className="link-btn" onClick={() => props.onEditFailed!(m.id)}>
                Edit
              </button>
            )}
            <button type="button" className="link-btn" onClick={() => props.onDiscard(m.id)}>
              Discard
            </button>
          </p>
        )}
      </div>
      {showTools && (
        <div className="msg-tools" role="toolbar" aria-label="Message actions">
          {props.quick.map((a) =>
            a === 'menu' ? (
              <IconButton key={a} label="More actions" size="sm" aria-haspopup="menu" onClick={(e) => props.onQuick(m.id, 'menu', e.currentTarget)}>
                <Icon name="more" />
              </IconButton>
            ) : (
              <IconButton key={a} label={QUICK[a].label} size="sm" onClick={(e) => props.onQuick(m.id, a, e.currentTarget)}>
                <Icon name={QUICK[a].icon} />
              </IconButton>
            ),
          )}
        </div>
      )}
    </article>
  );
});
