import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import './controls.css';

/** The emoji offered, with words to find them by. Reactions first: the ones people use most. */
export const EMOJI: ReadonlyArray<readonly [string, string]> = [
  ['👍', 'thumbs up yes ok like'],
  ['❤️', 'heart love'],
  ['😂', 'joy laugh tears'],
  ['🎉', 'tada party celebrate'],
  ['🙏', 'pray thanks please'],
  ['👀', 'eyes looking'],
  ['✅', 'check done'],
  ['🔥', 'fire hot'],
  ['😮', 'wow surprised open mouth'],
  ['😢', 'cry sad'],
  ['👎', 'thumbs down no'],
  ['🚀', 'rocket ship launch'],
  ['😀', 'grin smile happy'],
  ['😊', 'blush smile'],
  ['😉', 'wink'],
  ['😍', 'heart eyes love'],
  ['🤔', 'thinking hmm'],
  ['😅', 'sweat smile phew'],
  ['🙌', 'raised hands hooray'],
  ['👏', 'clap applause'],
  ['💯', 'hundred perfect'],
  ['🤝', 'handshake deal'],
  ['👋', 'wave hello bye'],
  ['💪', 'muscle strong'],
  ['🙂', 'slight smile'],
  ['😎', 'cool sunglasses'],
  ['🤯', 'mind blown'],
  ['😬', 'grimace awkward'],
  ['😴', 'sleep tired'],
  ['🥳', 'party face'],
  ['😡', 'angry'],
  ['🤷', 'shrug'],
  ['👌', 'ok perfect'],
  ['✨', 'sparkles'],
  ['⭐', 'star'],
  ['💡', 'idea bulb'],
  ['⚠️', 'warning'],
  ['❌', 'cross no wrong'],
  ['❓', 'question'],
  ['➕', 'plus add'],
  ['☕', 'coffee'],
  ['🍕', 'pizza'],
  ['🍻', 'beers cheers'],
  ['🎂', 'cake birthday'],
  ['🐛', 'bug'],
  ['📌', 'pin'],
  ['📎', 'paperclip attachment'],
  ['🗓️', 'calendar date'],
  ['⏰', 'alarm clock time'],
  ['🏃', 'run'],
  ['🌞', 'sun'],
  ['❄️', 'snow freeze'],
  ['🇧🇷', 'brazil flag'],
  ['💬', 'speech comment'],
  ['🧵', 'thread'],
  ['🫡', 'salute'],
];

const COLUMNS = 8;

export interface EmojiPickerProps {
  at: { x: number; y: number };
  onPick: (emoji: string) => void;
  onClose: () => void;
  label?: string;
}

/** A small emoji grid with a search box: type to filter, arrows to move, Enter to pick. */
export function EmojiPicker({ at, onPick, onClose, label = 'Choose an emoji' }: EmojiPickerProps) {
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [pos, setPos] = useState(at);
  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? EMOJI.filter(([e, words]) => words.includes(q) || e === q) : EMOJI;
  }, [query]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ x: Math.max(4, Math.min(at.x, window.innerWidth - r.width - 4)), y: at.y + r.height > window.innerHeight - 4 ? Math.max(4, at.y - r.height) : at.y });
  }, [at.x, at.y]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', down, true);
    return () => document.removeEventListener('mousedown', down, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    const n = list.length;
    let next = active;
    if (e.key === 'ArrowRight') next = Math.min(n - 1, active + 1);
    else if (e.key === 'ArrowLeft') next = Math.max(0, active - 1);
    else if (e.key === 'ArrowDown') next = Math.min(n - 1, active + COLUMNS);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - COLUMNS);
    else if (e.key === 'Enter') {
      const pick = list[active];
      if (pick) onPick(pick[0]);
    } else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    setActive(next);
  };

  const activeId = list[active] ? `emoji-${active}` : undefined;
  return (
    <div ref={box} className="emoji-picker" role="dialog" aria-label={label} style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown}>
      <input
        ref={input}
        className="emoji-search"
        placeholder="Search emoji"
        aria-label="Search emoji"
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls="emoji-grid"
        aria-activedescendant={activeId}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
      />
      <div id="emoji-grid" role="listbox" aria-label="Emoji" className="emoji-grid">
        {list.map(([emoji, words], i) => (
          <div
            key={emoji}
            id={`emoji-${i}`}
            role="option"
            aria-selected={i === active}
            aria-label={`${emoji} ${words.split(' ')[0]}`}
            title={words.split(' ')[0]}
            className={`emoji-cell ${i === active ? 'emoji-active' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(emoji)}
          >
            {emoji}
          </div>
        ))}
        {list.length === 0 && <p className="emoji-empty">No emoji matches “{query}”.</p>}
      </div>
    </div>
  );
}
