import { SHORTCUTS, type ShortcutScope } from './shortcuts';

/**
 * Matches key events against the shortcut table (`shortcuts.ts`), so what the sheet says and
 * what the keys do come from one place. Key strings are `Mod+Shift+Alt+Key` with `Mod` = Ctrl
 * (⌘ on macOS).
 */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  code?: string;
}

/** Keys whose shifted form is itself a distinct character ('+', '?', '@'…) ignore Shift. */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

export function eventKey(e: KeyLike, mac: boolean = isMac): string {
  const mod = mac ? e.metaKey : e.ctrlKey;
  let key = e.key;
  // Alt on macOS turns letters into other characters; use the physical key for Alt combos.
  if (e.altKey && e.code && /^Key[A-Z]$/.test(e.code)) key = e.code.slice(3).toLowerCase();
  if (key.length === 1 && /[A-Z]/.test(key)) key = key.toLowerCase();
  if (key === ' ') key = 'Space';
  const parts: string[] = [];
  if (mod) parts.push('Mod');
  if (!mac && e.metaKey) parts.push('Meta');
  if (mac && e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey && !isSymbol(key)) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** Normalise a table entry ('Mod+K' → 'Mod+k') the same way eventKey does. */
export function normaliseKeys(keys: string): string {
  // '+' itself is a key: 'Shift++' is Shift and '+'.
  const plusKey = keys === '+' || keys.endsWith('++');
  const parts = plusKey ? keys.slice(0, -1).split('+').filter(Boolean) : keys.split('+');
  const last = plusKey ? '+' : (parts.pop() ?? '');
  const key = last.length === 1 ? last.toLowerCase() : last;
  const order = ['Mod', 'Meta', 'Ctrl', 'Alt', 'Shift'];
  const mods = order.filter((m) => parts.includes(m) && !(m === 'Shift' && isSymbol(key)));
  return [...mods, key].join('+');
}

const tables = new Map<ShortcutScope, Map<string, string>>();
function table(scope: ShortcutScope): Map<string, string> {
  let t = tables.get(scope);
  if (!t) {
    t = new Map();
    for (const s of SHORTCUTS) if (s.scope === scope) for (const k of s.keys) t.set(normaliseKeys(k), s.id);
    tables.set(scope, t);
  }
  return t;
}

/** The shortcut id this event triggers in a scope, or null. */
export function matchShortcut(e: KeyLike, scope: ShortcutScope, mac: boolean = isMac): string | null {
  return table(scope).get(eventKey(e, mac)) ?? null;
}

/** Typing into a field: single-key shortcuts ('/', 'j') must not fire. */
export function isEditable(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return tag === 'SELECT';
}
