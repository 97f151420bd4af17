/**
 * Which Hunspell dictionaries the composer's spell checker loads on Windows and Linux (macOS uses
 * the system's checker and ignores this). Chromium starts with en-US only; the user's own languages,
 * as the OS orders them, are what they type.
 */
export function spellCheckerLanguages(preferred: readonly string[], available: readonly string[], max = 3): string[] {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  const out: string[] = [];
  const add = (lang: string | undefined) => {
    if (lang && !out.includes(lang) && out.length < max) out.push(lang);
  };
  for (const p of preferred) {
    const tag = p.replace('_', '-').toLowerCase();
    const exact = byLower.get(tag);
    if (exact) {
      add(exact);
      continue;
    }
    // de-AT has no dictionary of its own, de-DE or plain de does.
    const base = tag.split('-')[0] ?? '';
    add(byLower.get(base) ?? available.find((a) => a.toLowerCase().startsWith(`${base}-`)));
  }
  if (out.length === 0) add(byLower.get('en-us'));
  return out;
}
