/**
 * The global show/hide shortcut is typed by the user (Settings), so it is checked before Electron's
 * globalShortcut sees it: an invalid accelerator makes register() throw, and a bare key ("K") would
 * take that key away from every other program on the machine.
 */

const MODIFIERS = new Map<string, string>([
  ['command', 'Command'],
  ['cmd', 'Command'],
  ['control', 'Control'],
  ['ctrl', 'Control'],
  ['commandorcontrol', 'CommandOrControl'],
  ['cmdorctrl', 'CommandOrControl'],
  ['alt', 'Alt'],
  ['option', 'Alt'],
  ['altgr', 'AltGr'],
  ['shift', 'Shift'],
  ['super', 'Super'],
  ['meta', 'Super'],
]);

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{]}[|\\\'"']);

function key(part: string): string | null {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(part);
  if (f) return `F${f[1]}`;
  const num = /^num([0-9])$/i.exec(part);
  if (num) return `num${num[1]}`;
  return NAMED.get(part.toLowerCase()) ?? null;
}

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: 'empty' | 'too-long' | 'unknown-key' | 'no-key' | 'needs-modifier' };

export function checkGlobalAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > 100) return { ok: false, reason: 'too-long' };
  // '+' separates parts, so the plus key itself must be written "Plus" (as Electron requires).
  const parts = text.split('+').map((p) => p.trim());
  const mods: string[] = [];
  let main: string | null = null;
  for (const [i, part] of parts.entries()) {
    const mod = MODIFIERS.get(part.toLowerCase());
    if (mod && i < parts.length - 1) {
      if (!mods.includes(mod)) mods.push(mod);
      continue;
    }
    if (i !== parts.length - 1) return { ok: false, reason: 'unknown-key' };
    if (mod) return { ok: false, reason: 'no-key' };
    main = key(part);
    if (!main) return { ok: false, reason: 'unknown-key' };
  }
  if (!main) return { ok: false, reason: 'no-key' };
  const fKey = /^F\d+$/.test(main) || main.startsWith('Media') || main.startsWith('Volume');
  if (!fKey && !mods.some((m) => m !== 'Shift')) return { ok: false, reason: 'needs-modifier' };
  return { ok: true, accelerator: [...mods, main].join('+') };
}
