import { useStore } from '../../store';
import { displayKeys } from '../keyboard/shortcuts';

/** macOS shows ⌘ for `Mod`: from app:info in Electron, else the browser's own platform. */
export function useIsMac(): boolean {
  const platform = useStore((s) => s.info?.platform);
  if (platform) return platform === 'darwin';
  return typeof navigator !== 'undefined' && /mac/i.test(navigator.platform);
}

/** "Mod+Shift+P" → its keys; a lone "+" is a key of its own, not a separator. */
export function splitKeys(keys: string): string[] {
  return keys === '+' ? ['+'] : keys.split('+');
}

/** A shortcut as keycaps (Ctrl · Shift · P), read out as words by screen readers. */
export function Keys({ keys, isMac }: { keys: string; isMac: boolean }) {
  const parts = splitKeys(keys);
  return (
    <span className="overlay-keys">
      {parts.map((p, i) => (
        <kbd key={i} className="overlay-kbd" aria-hidden="true">
          {displayKeys(p, isMac)}
        </kbd>
      ))}
      <span className="visually-hidden">{parts.map((p) => spoken(displayKeys(p, isMac))).join(' ')}</span>
    </span>
  );
}

const SPOKEN: Record<string, string> = { '↑': 'Up', '↓': 'Down', '⌘': 'Command', '/': 'Slash', '+': 'Plus', ',': 'Comma' };
function spoken(key: string): string {
  return SPOKEN[key] ?? key;
}
