/**
 * User text → the words of an FTS5 query, each safe to quote. Nothing the user
 * types reaches FTS5 as syntax: every word becomes a quoted string ("" doubled
 * inside), so operators (AND, OR, NOT, NEAR), column filters, `*`, `^`,
 * parentheses and unbalanced quotes are plain words or separators. The rules:
 *
 * - Words are runs of letters, digits and combining marks (what the unicode61
 *   tokenizer keeps); anything else, emoji included, separates words.
 * - Words are ANDed.
 * - The last word is a prefix ("dep" finds "deploy") unless the text ends with a
 *   space or the word is a single character (a one-letter prefix would merge the
 *   posting lists of a large part of the vocabulary).
 * - Balanced double quotes make an exact phrase; an odd number of quotes is
 *   ignored as punctuation.
 * - At most MAX_TERMS terms; text beyond MAX_TEXT characters is ignored.
 *
 * No terms (empty, only punctuation or emoji) means no hits.
 */
export const MAX_TERMS = 16;
export const MAX_TEXT = 512;

const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

export interface Term {
  words: string[];
  prefix: boolean;
}

export function parseSearchText(input: string): Term[] {
  const text = String(input ?? '').normalize('NFC').slice(0, MAX_TEXT);
  const quotes = text.split('"').length - 1;
  const terms: Term[] = [];
  const parts = quotes > 0 && quotes % 2 === 0 ? text.split('"') : [text.replaceAll('"', ' ')];
  parts.forEach((part, i) => {
    const words = part.match(WORD) ?? [];
    if (words.length === 0) return;
    // Odd parts sit between a pair of quotes.
    if (i % 2 === 1) terms.push({ words, prefix: false });
    else for (const w of words) terms.push({ words: [w], prefix: false });
  });
  const last = terms[terms.length - 1];
  const endsOpen = !/[\s"]$/u.test(text);
  if (last && last.words.length === 1 && endsOpen && [...last.words[0]!].length >= 2) last.prefix = true;
  return terms.slice(0, MAX_TERMS);
}

export const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** A term as an FTS5 phrase: `"words"` or `"word"*`. */
export function phrase(t: Term): string {
  return quote(t.words.join(' ')) + (t.prefix ? '*' : '');
}
