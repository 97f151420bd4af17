import { memo, useEffect, useRef } from 'react';
import type { Attachment } from '../../../shared/domain/model';
import { IconButton } from './Button';
import { Icon } from './Icon';
import { formatBytes } from './format';

export type AttachmentLoad = { state: 'idle' | 'loading' } | { state: 'ready'; url: string } | { state: 'error'; message: string };

export interface AttachmentViewProps {
  attachment: Attachment;
  load: AttachmentLoad;
  /** The image came into view: fetch it (images are never fetched before they are seen). */
  onVisible: () => void;
  onDownload: () => void;
}

function ImagePreview({ attachment, load, onVisible, onDownload }: AttachmentViewProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (load.state !== 'idle' || !box.current) return;
    if (typeof IntersectionObserver === 'undefined') {
      onVisible();
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        onVisible();
      }
    });
    io.observe(box.current);
    return () => io.disconnect();
  }, [load.state, onVisible]);
  // Reserve the box up front (from the known size) so the row does not jump when it loads.
  const w = Math.min(attachment.width ?? 320, 360);
  const h = attachment.width && attachment.height ? Math.round((attachment.height / attachment.width) * w) : 200;
  const name = attachment.name ?? 'Image';
  return (
    <div ref={box} className="att-image" style={{ width: w, height: Math.min(h, 280) }}>
      {load.state === 'ready' ? (
        <img src={load.url} alt={name} />
      ) : load.state === 'error' ? (
        <span className="att-image-error" role="note">
          <Icon name="alert" /> {load.message}
        </span>
      ) : (
        <span className="att-image-loading" aria-label={`Loading ${name}`} role="img" />
      )}
      <IconButton label={`Download ${name}`} size="sm" className="att-image-download" onClick={onDownload}>
        <Icon name="download" size={14} />
      </IconButton>
    </div>
  );
}

/** An image preview (lazy) or a file card with a Download button. */
export const AttachmentView = memo(function AttachmentView(props: AttachmentViewProps) {
  const { attachment, load, onDownload } = props;
  if (attachment.kind === 'image' && !attachment.unavailable) return <ImagePreview {...props} />;
  const name = attachment.name ?? (attachment.kind === 'file' ? 'File' : attachment.kind[0]!.toUpperCase() + attachment.kind.slice(1));
  return (
    <div className="att-file">
      <span className="att-file-icon">
        <Icon name="file" size={20} />
      </span>
      <span className="att-file-meta">
        <span className="att-file-name">{name}</span>
        <span className="att-file-size">
          {attachment.unavailable ? 'Not available' : [formatBytes(attachment.size), attachment.mimeType].filter(Boolean).join(' · ')}
          {load.state === 'error' && <span className="att-error"> · {load.message}</span>}
        </span>
      </span>
      {!attachment.unavailable && (
        <IconButton label={`Download ${name}`} onClick={onDownload} disabled={load.state === 'loading'}>
          <Icon name="download" />
        </IconButton>
      )}
    </div>
  );
});
