import type { ReactNode } from 'react';
import type { Message } from '../../../../shared/domain/model';
import { Avatar } from '../../components/Avatar';
import { formatFull, formatShort } from '../../components/format';
import { RichText } from '../../components/RichText';
import { useStore } from '../../store';
import { senderLabel } from '../../store/timelineSlice';

/**
 * A message as the side panels list it (pins, a person's messages): who, when, the text clamped
 * to a few lines, attachments counted. The full message is a jump away in the timeline.
 */
export function MessageCard(props: { message: Message | null; fallback?: string; context?: string; actions?: ReactNode; clamp?: boolean }) {
  const m = props.message;
  // Names the timeline learnt (people:list) fill in senders the message itself does not name.
  const name = useStore((s) => (m ? senderLabel(m, s.personNames, null) : ''));
  const picture = useStore((s) => (m?.senderId ? s.pictures[m.senderId] : undefined));
  if (!m)
    return (
      <div className="mcard mcard-missing">
        <p className="mcard-text">{props.fallback ?? 'This message is not available (deleted, or older than the retention period).'}</p>
        {props.actions && <div className="mcard-actions">{props.actions}</div>}
      </div>
    );
  const files = m.attachments.length;
  return (
    <div className="mcard">
      <div className="mcard-head">
        <Avatar name={name} seed={m.senderId ?? name} size={20} src={picture ?? null} />
        <span className="mcard-sender">{name}</span>
        <time className="mcard-time" dateTime={new Date(m.time).toISOString()} title={formatFull(m.time)}>
          {formatShort(m.time)}
        </time>
      </div>
      {props.context && <p className="mcard-context">{props.context}</p>}
      {m.deleted ? (
        <p className="mcard-text mcard-deleted">This message was deleted.</p>
      ) : (
        <p className={`mcard-text ${props.clamp === false ? '' : 'mcard-clamp'}`}>{m.text ? <RichText text={m.text} names={[]} mentions={false} /> : files ? null : <em>No text</em>}</p>
      )}
      {files > 0 && !m.deleted && (
        <p className="mcard-files">
          {files === 1 ? `1 attachment${m.attachments[0]!.name ? `: ${m.attachments[0]!.name}` : ''}` : `${files} attachments`}
        </p>
      )}
      {props.actions && <div className="mcard-actions">{props.actions}</div>}
    </div>
  );
}
