import { memo } from 'react';
import { highlightRuns } from './fuzzy';

/** Text with the matched characters in <mark>: React text nodes only, so markup in names stays text. */
export const Highlighted = memo(function Highlighted({ text, positions }: { text: string; positions: readonly number[] }) {
  if (positions.length === 0) return <>{text}</>;
  return (
    <>
      {highlightRuns(text, positions).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
    </>
  );
});
