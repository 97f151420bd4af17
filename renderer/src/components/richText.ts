/**
 * Splits message text into runs of plain text, links and mentions. The result is drawn
 * with React text nodes and anchors: nothing from a message is ever parsed as HTML.
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string; self: boolean };

// http(s) URLs and bare www. hosts; the trailing punctuation of a sentence is not part of the link.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»›…]+$/;

/** Only http(s) links are ever made clickable (never javascript:, data:, file:). */
export function safeHref(raw: string): string | null {
  const withScheme = /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function findLinks(text: string): Array<{ start: number; end: number; href: string }> {
  const out: Array<{ start: number; end: number; href: string }> = [];
  for (const m of text.matchAll(URL_RE)) {
    let s = m[0];
    // Keep a closing parenthesis that has its opening one inside the link (Wikipedia-style URLs).
    while (TRAILING.test(s)) {
      const last = s[s.length - 1]!;
      if (last === ')' && (s.match(/\(/g)?.length ?? 0) >= (s.match(/\)/g)?.length ?? 0)) break;
      s = s.slice(0, -1);
    }
    const href = safeHref(s);
    if (!href || s.length < 5) continue;
    out.push({ start: m.index, end: m.index + s.length, href });
  }
  return out;
}

export interface MentionName {
  name: string;
  self: boolean;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Mentions as written in text: `@` + one of the known names (longest first), at a word start.
 * Without names, `@` followed by a word (and a capitalised second word) still counts.
 */
export function findMentions(text: string, names: readonly MentionName[]): Array<{ start: number; end: number; self: boolean }> {
  const out: Array<{ start: number; end: number; self: boolean }> = [];
  const sorted = [...names].filter((n) => n.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLowerCase();
  let i = 0;
  while ((i = text.indexOf('@', i)) >= 0) {
    if (i > 0 && WORD.test(text[i - 1]!)) {
      i++;
      continue;
    }
    const known = sorted.find((n) => lower.startsWith(n.name.toLowerCase(), i + 1) && !WORD.test(text[i + 1 + n.name.length] ?? ' '));
    if (known) {
      out.push({ start: i, end: i + 1 + known.name.length, self: known.self });
      i += 1 + known.name.length;
      continue;
    }
    if (sorted.length === 0) {
      const m = /^@[\p{L}][\p{L}\p{M}\p{N}'’._-]*(?: [\p{Lu}][\p{L}\p{M}'’-]*)?/u.exec(text.slice(i));
      if (m) {
        out.push({ start: i, end: i + m[0].length, self: false });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}

export function segments(text: string, names: readonly MentionName[] = [], withMentions = true): Segment[] {
  const marks: Array<{ start: number; end: number; seg: Segment }> = [];
  for (const l of findLinks(text)) marks.push({ start: l.start, end: l.end, seg: { kind: 'link', text: text.slice(l.start, l.end), href: l.href } });
  if (withMentions) {
    for (const m of findMentions(text, names)) {
      // A mention inside a link (an @ in a URL) is part of the link.
      if (marks.some((x) => m.start < x.end && m.end > x.start)) continue;
      marks.push({ start: m.start, end: m.end, seg: { kind: 'mention', text: text.slice(m.start, m.end), self: m.self } });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ kind: 'text', text: text.slice(at, m.start) });
    out.push(m.seg);
    at = m.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
