import { memo, useMemo } from 'react';
import { segments, type MentionName } from './richText';

/**
 * Message text as React text nodes and safe anchors: links (http/https only) open in the
 * system browser (`target=_blank`; the Electron host hands them to the OS), mentions are
 * highlighted. Never HTML.
 */
export const RichText = memo(function RichText({ text, names, mentions = true }: { text: string; names: readonly MentionName[]; mentions?: boolean }) {
  const parts = useMemo(() => segments(text, names, mentions), [text, names, mentions]);
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'text' ? (
          p.text
        ) : p.kind === 'link' ? (
          <a key={i} href={p.href} target="_blank" rel="noreferrer noopener" className="msg-link">
            {p.text}
          </a>
        ) : (
          <span key={i} className={`mention ${p.self ? 'mention-self' : ''}`}>
            {p.text}
          </span>
        ),
      )}
    </>
  );
});
