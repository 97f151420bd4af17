import { useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { Highlighted } from '../palette/Highlighted';
import { rank } from '../palette/fuzzy';
import { Keys, useIsMac } from '../palette/keysDisplay';
import { OverlayFooter, OverlayFrame } from '../palette/OverlayFrame';
import { displayKeys, SHORTCUTS, type Shortcut, type ShortcutScope } from './shortcuts';
import './shortcutSheet.css';

/**
 * Ctrl/Cmd+/: every shortcut, read from the same table the key handler and the palette use, grouped
 * by where it works, with the keys as this platform shows them. Typing filters it (by what a
 * shortcut does or by its keys).
 */
const SCOPES: Array<{ scope: ShortcutScope; title: string; note?: string }> = [
  { scope: 'global', title: 'Anywhere' },
  { scope: 'inbox', title: 'Inbox' },
  { scope: 'timeline', title: 'Messages', note: 'with a message selected in the timeline or a thread' },
  { scope: 'composer', title: 'Composer' },
];

export function ShortcutSheet() {
  const closeOverlay = useStore((s) => s.closeOverlay);
  const isMac = useIsMac();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const uid = useId();

  const groups = useMemo(() => {
    const matches = query.trim() === '' ? SHORTCUTS.map((s) => ({ item: s, positions: [] as number[] })) : rank(query, SHORTCUTS, (s) => [s.label, ...s.keys.map((k) => displayKeys(k, isMac)), s.scope]);
    const byScope = new Map<ShortcutScope, Array<{ item: Shortcut; positions: number[] }>>();
    for (const m of matches) byScope.set(m.item.scope, [...(byScope.get(m.item.scope) ?? []), m]);
    return SCOPES.map((s) => ({ ...s, items: byScope.get(s.scope) ?? [] })).filter((g) => g.items.length > 0);
  }, [query, isMac]);
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  const titleId = `${uid}-title`;

  return (
    <OverlayFrame labelledBy={titleId} onClose={closeOverlay} initialFocus={input} className="shortcut-sheet" testId="shortcuts">
      <div className="overlay-input-row">
        <h2 id={titleId} className="overlay-title">
          Keyboard shortcuts
        </h2>
        <input
          ref={input}
          className="overlay-input"
          type="search"
          aria-label="Filter shortcuts"
          aria-controls={`${uid}-body`}
          placeholder="Filter…"
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {/* Focusable so the keyboard can scroll it (arrows, Page Up/Down) after Tab. */}
      <div id={`${uid}-body`} className="overlay-list shortcut-body" tabIndex={0} role="region" aria-label="Shortcuts">
        {groups.map((g) => (
          <section key={g.scope} className="shortcut-group" aria-labelledby={`${uid}-${g.scope}`}>
            <h3 id={`${uid}-${g.scope}`} className="overlay-section">
              {g.title}
              {g.note && <span className="shortcut-note"> — {g.note}</span>}
            </h3>
            <ul className="shortcut-list">
              {g.items.map(({ item, positions }) => (
                <li key={item.id} className="shortcut-row" data-shortcut={item.id}>
                  <span className="shortcut-label">
                    <Highlighted text={item.label} positions={positions} />
                  </span>
                  <span className="shortcut-keys">
                    {item.keys.map((k, i) => (
                      <span key={k} className="shortcut-alt">
                        {i > 0 && <span className="shortcut-or">or</span>}
                        <Keys keys={k} isMac={isMac} />
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {count === 0 && <p className="overlay-empty">No shortcut matches “{query.trim()}”.</p>}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {query.trim() === '' ? '' : `${count} shortcut${count === 1 ? '' : 's'}`}
      </div>
      <OverlayFooter hints={[[['Tab'], 'to the list, then', ['↑', '↓'], 'scroll'], [['Esc'], 'close']]} />
    </OverlayFrame>
  );
}
