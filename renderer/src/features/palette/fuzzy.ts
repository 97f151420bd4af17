/**
 * Fuzzy matching for the palette, the shortcut sheet and anything else that filters as you type.
 *
 * A query matches when its characters appear in order in the target (a subsequence), ignoring case,
 * diacritics ("elo" finds "Éloïse"), apostrophes ("obr" and "o'b" find "O’Brien") and which quote or
 * dash was used, as the inbox filter folds (shared/domain/textFold.ts). Among the ways to place them,
 * the best-scoring one wins: a character at the start of a word or right after the previous match
 * scores more, a gap costs, so "rw" prefers "Release War" over "crowd". Matched positions come back
 * in the *original* string's indices so the caller can highlight them as text.
 *
 * Speed matters: the palette scores every conversation on each keystroke (thousands of titles in
 * well under a frame). Targets are normalised once (`prepare`, memoised by string), a cheap
 * subsequence scan rejects most of them before the dynamic programme, and the programme reuses
 * typed arrays rather than allocating per call.
 */

import { foldPunctuation } from '../../../../shared/domain/textFold';

export interface Prepared {
  /** The original text. */
  readonly text: string;
  /** Lower-cased, diacritics removed, look-alike punctuation made plain: compared against the query. */
  readonly norm: string;
  /** For each character of `norm`, the index in `text` it came from. */
  readonly map: Int32Array;
  /** For each character of `norm`, the bonus for matching there (word starts score more). */
  readonly bonus: Float32Array;
}

export interface FuzzyMatch {
  score: number;
  /** Indices into the original text, ascending, one per matched character (deduplicated). */
  positions: number[];
}

const SCORE_MATCH = 16;
const BONUS_START = 12; // first character of the text
const BONUS_WORD = 10; // first character of a word (after a separator, or a camelCase hump)
const BONUS_CONSECUTIVE = 8; // right after the previous matched character
const GAP_OPEN = 3;
const GAP_EXTEND = 1;
/** Tie-breaker: between equal matches, the shorter text is the closer one. */
const LENGTH_PENALTY = 0.01;

const MARKS = /\p{M}+/gu;
// With the look-alikes of ' " and - (‘ ’ ʼ ′ “ ” – — …): a word starts after them too.
const SEPARATOR = /[\s\-_./\\:,;!?()[\]{}'"#@|+&*=<>~`\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u2035\u00B4\uFF07\u201C-\u201F\u2033\u2036\uFF02\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

function normChar(ch: string): string {
  // NFD splits "é" into "e" + a combining mark, which is then dropped; ligatures and the like that
  // decompose into several letters keep all of them.
  // A lone combining mark normalises to nothing and is skipped.
  // Look-alike quotes and dashes fold one to one (” to "); an apostrophe folds to nothing and, like
  // a lone mark, is skipped: the map to the original stays exact for what is left.
  return foldPunctuation(ch.normalize('NFD').replace(MARKS, '').toLowerCase());
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

const preparedCache = new Map<string, Prepared>();
const CACHE_LIMIT = 20_000;

/** Normalises a target once; memoised, so calling it on every keystroke costs a map lookup. */
export function prepare(text: string): Prepared {
  const hit = preparedCache.get(text);
  if (hit) return hit;
  let norm = '';
  const map: number[] = [];
  const bonus: number[] = [];
  let prev = '';
  // Code points, not UTF-16 units, so an emoji or astral letter stays one character.
  let i = 0;
  for (const ch of text) {
    const n = normChar(ch);
    const b = prev === '' ? BONUS_START : SEPARATOR.test(prev) && !SEPARATOR.test(ch) ? BONUS_WORD : isLower(prev) && isUpper(ch) ? BONUS_WORD : /\d/.test(ch) && !/\d/.test(prev) ? BONUS_WORD / 2 : 0;
    for (let k = 0; k < n.length; k++) {
      norm += n[k];
      map.push(i);
      // Only the first letter of a decomposed character starts a word.
      bonus.push(k === 0 ? b : 0);
    }
    if (n.length > 0) prev = ch;
    i += ch.length;
  }
  const prepared: Prepared = { text, norm, map: Int32Array.from(map), bonus: Float32Array.from(bonus) };
  if (preparedCache.size >= CACHE_LIMIT) preparedCache.clear();
  preparedCache.set(text, prepared);
  return prepared;
}

/** Normalises a query the same way (whitespace collapsed, trimmed). */
export function normalizeQuery(query: string): string {
  let out = '';
  for (const ch of query.trim().replace(/\s+/g, ' ')) out += normChar(ch);
  return out;
}

// Reused between calls: m × n cells for the best score ending at a match, the best score up to a
// column (with gaps paid), and where each came from, for the positions.
let cap = 0;
let D = new Float64Array(0);
let P = new Float64Array(0);
let Parg = new Int32Array(0);
let from = new Int32Array(0);

function ensure(size: number): void {
  if (size <= cap) return;
  cap = Math.max(size, cap * 2, 1024);
  D = new Float64Array(cap);
  P = new Float64Array(cap);
  Parg = new Int32Array(cap);
  from = new Int32Array(cap);
}

function isSubsequence(q: string, t: string): boolean {
  let j = 0;
  for (let i = 0; i < q.length; i++) {
    j = t.indexOf(q[i]!, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

const NEG = -1e9;
const NO_POSITIONS: number[] = [];

/** Best placement of an already-normalised query in a prepared target, or null. */
function matchNormalized(q: string, target: Prepared, withPositions = true): FuzzyMatch | null {
  const t = target.norm;
  const m = q.length;
  const n = t.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n || !isSubsequence(q, t)) return null;
  ensure(m * n);
  const bonus = target.bonus;
  for (let i = 0; i < m; i++) {
    const qc = q.charCodeAt(i);
    const row = i * n;
    const prevRow = (i - 1) * n;
    let best = NEG;
    let bestAt = -1;
    for (let j = 0; j < n; j++) {
      let d = NEG;
      let f = -1;
      // The first i characters of the query need at least i columns before this one.
      if (j >= i && t.charCodeAt(j) === qc) {
        const s = SCORE_MATCH + bonus[j]!;
        if (i === 0) {
          d = s;
        } else if (j > 0) {
          const consecutive = D[prevRow + j - 1]! > NEG ? D[prevRow + j - 1]! + BONUS_CONSECUTIVE : NEG;
          // P of the previous row, one column back, includes gaps already paid after its match.
          const gapped = j >= 2 && P[prevRow + j - 2]! > NEG ? P[prevRow + j - 2]! - GAP_OPEN : NEG;
          if (consecutive >= gapped && consecutive > NEG) {
            d = consecutive + s;
            f = j - 1;
          } else if (gapped > NEG) {
            d = gapped + s;
            f = Parg[prevRow + j - 2]!;
          }
        }
      }
      D[row + j] = d;
      from[row + j] = f;
      // Running best, each column of gap after it costing GAP_EXTEND.
      if (best > NEG) best -= GAP_EXTEND;
      if (d > NEG && d >= best) {
        best = d;
        bestAt = j;
      }
      P[row + j] = best;
      Parg[row + j] = bestAt;
    }
  }
  // The best end of the last row (no penalty for what follows the last match).
  const last = (m - 1) * n;
  let end = -1;
  let score = NEG;
  for (let j = m - 1; j < n; j++) {
    if (D[last + j]! > score) {
      score = D[last + j]!;
      end = j;
    }
  }
  if (end < 0) return null;
  if (!withPositions) return { score: score - n * LENGTH_PENALTY, positions: NO_POSITIONS };
  const normPositions: number[] = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    normPositions[i] = j;
    j = from[i * n + j]!;
  }
  const positions: number[] = [];
  for (const p of normPositions) {
    const o = target.map[p]!;
    if (positions.length === 0 || positions[positions.length - 1] !== o) positions.push(o);
  }
  return { score: score - n * LENGTH_PENALTY, positions };
}

/**
 * Scores `query` against `target` (a string or a `prepare`d one). Null when it does not match.
 * A query of several words matches as a whole when it can ("rel war" in "Release War"); otherwise
 * every word must appear whole somewhere, in any order ("war rel").
 */
export function fuzzyMatch(query: string, target: string | Prepared): FuzzyMatch | null {
  const q = normalizeQuery(query);
  return fuzzyMatchNormalized(q, typeof target === 'string' ? prepare(target) : target);
}

/** As `fuzzyMatch`, with the query already passed through `normalizeQuery` (hoisted out of loops). */
export function fuzzyMatchNormalized(q: string, target: Prepared, withPositions = true): FuzzyMatch | null {
  const whole = matchNormalized(q, target, withPositions);
  if (whole || !q.includes(' ')) return whole;
  let score = 0;
  const all = new Set<number>();
  for (const word of q.split(' ')) {
    if (word.length === 0) continue;
    // Out of order, each word must appear whole: scattered letters of several words match
    // almost any long text and would only be noise.
    if (!target.norm.includes(word)) return null;
    const m = matchNormalized(word, target, withPositions);
    if (!m) return null;
    score += m.score;
    for (const p of m.positions) all.add(p);
  }
  // Out of order ranks below a match of the whole query.
  return { score: score - GAP_OPEN * 2, positions: [...all].sort((a, b) => a - b) };
}

export interface Ranked<T> {
  item: T;
  score: number;
  positions: number[];
}

/**
 * Ranks items by their best-matching key (e.g. a title, then a subject); ties keep the input order,
 * so a list already sorted by recency stays so among equals. `limit` keeps the top ones only.
 */
export function rank<T>(query: string, items: readonly T[], keys: (item: T) => string | readonly string[], limit = Infinity): Ranked<T>[] {
  const q = normalizeQuery(query);
  // Scores first (no positions: most candidates never reach the screen), then positions for the top.
  const scored: Array<{ item: T; score: number; key: number; order: number }> = [];
  for (let order = 0; order < items.length; order++) {
    const item = items[order]!;
    const k = keys(item);
    const list = typeof k === 'string' ? [k] : k;
    let best = -Infinity;
    let bestKey = -1;
    for (let idx = 0; idx < list.length; idx++) {
      const m = fuzzyMatchNormalized(q, prepare(list[idx]!), false);
      if (!m) continue;
      // A secondary key (a subject, a handle) counts a little less than the main one.
      const sc = idx > 0 ? m.score - 4 : m.score;
      if (sc > best) {
        best = sc;
        bestKey = idx;
      }
    }
    if (bestKey >= 0) scored.push({ item, score: best, key: bestKey, order });
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const top = scored.length > limit ? scored.slice(0, limit) : scored;
  return top.map(({ item, score, key }) => {
    // Positions only make sense in the main key, the one the caller shows.
    const main = key === 0 ? fuzzyMatchNormalized(q, prepare(first(keys(item)))) : null;
    return { item, score, positions: main?.positions ?? [] };
  });
}

function first(k: string | readonly string[]): string {
  return typeof k === 'string' ? k : (k[0] ?? '');
}

/** Splits text into runs for rendering, the matched characters flagged (drawn as <mark>, never HTML). */
export function highlightRuns(text: string, positions: readonly number[]): Array<{ text: string; hit: boolean }> {
  if (positions.length === 0) return [{ text, hit: false }];
  const hits = new Set(positions);
  const runs: Array<{ text: string; hit: boolean }> = [];
  let i = 0;
  for (const ch of text) {
    const hit = hits.has(i);
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += ch;
    else runs.push({ text: ch, hit });
    i += ch.length;
  }
  return runs;
}
