/**
 * Folding text for matching as you type (the inbox's filter, people by name, the palette): what
 * someone types on a plain keyboard must find what a phone or a word processor wrote.
 *
 * - Case and diacritics: "jurgen" finds "Jürgen" (NFD, combining marks dropped, lower case).
 * - Apostrophes are ignored: the plain one and its look-alikes (’ ‘ ʼ ′ ` …) are dropped, so "obrien",
 *   "o'brien" and "O’Brien" all find "Zoe O’Brien" and the other way round.
 * - Other look-alike punctuation, each to its plain ASCII form: double quotes to `"`, hyphens and
 *   dashes to `-`.
 *
 * Every quote and dash look-alike is one UTF-16 unit and folds to one; an apostrophe folds to
 * nothing. A caller that maps folded characters back to the original ones (the palette's
 * highlighting) folds character by character and skips those that fold to nothing.
 *
 * The backend stores titles folded with this (the cache's `title_folded`): a change here needs a
 * cache migration that folds the stored titles again (see cache/migrations/0009-refold-titles.ts).
 */

/** ' ‘ ’ ‚ ‛ ʼ ʻ ′ ‵ ` ´ ＇ */
const APOSTROPHES = /['\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u2035\u0060\u00B4\uFF07]/g;
/** “ ” „ ‟ ″ ‶ ＂ */
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\uFF02]/g;
/** ‐ ‑ ‒ – — ― − ﹘ ﹣ － */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const MARKS = /\p{M}/gu;
const ANY_LOOKALIKE = /['\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u2035\u0060\u00B4\uFF07\u201C\u201D\u201E\u201F\u2033\u2036\uFF02\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/;

/** Apostrophes (plain or look-alike) dropped, look-alike quotes and dashes as `"` and `-`; everything else unchanged. */
export function foldPunctuation(s: string): string {
  if (!ANY_LOOKALIKE.test(s)) return s;
  return s.replace(APOSTROPHES, '').replace(QUOTES, '"').replace(DASHES, '-');
}

/** Lower case, without diacritics or apostrophes, look-alike punctuation made plain: how typed text is compared. */
export function foldText(s: string): string {
  return foldPunctuation(s.normalize('NFD').replace(MARKS, '').toLowerCase());
}
