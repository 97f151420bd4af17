import { describe, expect, it } from 'vitest';
import { fuzzyMatch, highlightRuns, normalizeQuery, prepare, rank } from './fuzzy';

const positionsOf = (q: string, t: string) => fuzzyMatch(q, t)?.positions ?? null;
const score = (q: string, t: string) => fuzzyMatch(q, t)?.score ?? -Infinity;

describe('fuzzyMatch', () => {
  it('matches a subsequence and rejects anything else', () => {
    expect(fuzzyMatch('rlw', 'Release War')).not.toBeNull();
    expect(fuzzyMatch('wr', 'Release War')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Release War')).toBeNull();
    expect(fuzzyMatch('releasee', 'Release')).toBeNull();
  });

  it('ignores case and diacritics, both ways', () => {
    expect(positionsOf('elo', 'Éloïse')).toEqual([0, 1, 2]);
    expect(positionsOf('ÉLO', 'eloise')).toEqual([0, 1, 2]);
    expect(fuzzyMatch('zurich', 'Zürich office')).not.toBeNull();
    expect(fuzzyMatch('sao', 'São Paulo')).not.toBeNull();
    expect(fuzzyMatch('istanbul', 'İstanbul')).not.toBeNull();
  });

  it('ignores apostrophes and takes any quote or dash for any other, both ways, highlighting the letters shown', () => {
    expect(positionsOf("o'brien", 'O’Brien')).toEqual([0, 2, 3, 4, 5, 6]);
    expect(positionsOf('o’brien', "O'Brien")).toEqual([0, 2, 3, 4, 5, 6]);
    expect(positionsOf('obrien', 'Zoe O’Brien')).toEqual([4, 6, 7, 8, 9, 10]);
    for (const typed of ['obrien', "o'brien", 'O’Brien']) expect(fuzzyMatch(typed, 'Zoe O’Brien'), typed).not.toBeNull();
    for (const typed of ['o‘b', 'oʼb', 'o′b', 'o`b']) expect(fuzzyMatch(typed, 'O’Brien'), typed).not.toBeNull();
    expect(fuzzyMatch('"launch"', 'Q3 “launch” plan')).not.toBeNull();
    expect(positionsOf('q3 - l', 'Q3 – launch')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fuzzyMatch('pre-flight', 'pre‑flight check')).not.toBeNull();
    expect(fuzzyMatch('o’x', "O'Brien")).toBeNull();
    // A typographic apostrophe scores as a plain one.
    expect(score('ob', 'O’Brien')).toBe(score('ob', "O'Brien"));
  });

  it('an empty query matches everything with no positions', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('   ', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('prefers word starts to letters inside words', () => {
    // "rw": R(elease) W(ar) rather than the r and w inside "crowd".
    expect(score('rw', 'Release War')).toBeGreaterThan(score('rw', 'crowd'));
    expect(positionsOf('rw', 'Release War')).toEqual([0, 8]);
    // camelCase humps count as word starts.
    expect(positionsOf('tp', 'togglePinsPanel')).toEqual([0, 6]);
  });

  it('prefers consecutive characters', () => {
    expect(score('war', 'War room')).toBeGreaterThan(score('war', 'Weekly all-hands report'));
    expect(positionsOf('room', 'war room')).toEqual([4, 5, 6, 7]);
  });

  it('finds the best placement, not the first one', () => {
    // A greedy scan would take the first "a" (in "Sarah"); the prefix "Ana" is better.
    expect(positionsOf('ana', 'Sarah Ana')).toEqual([6, 7, 8]);
  });

  it('ranks an exact prefix above a scattered match and shorter above longer among equals', () => {
    expect(score('design', 'Design review')).toBeGreaterThan(score('design', 'Daily sync on general things'));
    expect(score('ops', 'Ops')).toBeGreaterThan(score('ops', 'Ops and more'));
  });

  it('matches several words as a whole, or each word in any order', () => {
    expect(positionsOf('rel war', 'Release War')).toEqual([0, 1, 2, 7, 8, 9, 10]);
    const swapped = fuzzyMatch('war rel', 'Release War');
    expect(swapped).not.toBeNull();
    expect(swapped!.positions).toEqual([0, 1, 2, 8, 9, 10]);
    expect(fuzzyMatch('rel rel', 'Release War')).not.toBeNull();
    expect(fuzzyMatch('war zzz', 'Release War')).toBeNull();
    expect(score('rel war', 'Release War')).toBeGreaterThan(score('war rel', 'Release War'));
  });

  it('maps positions back to the original string across decomposed and astral characters', () => {
    const text = '🚀 Cafe\u0301 🎉 finance';
    const pos = positionsOf('cafe fi', text)!;
    // "é" written as e + a combining accent: the accent is skipped, the e maps to its own index.
    expect(pos.map((p) => text.slice(p, p + 1))).toEqual(['C', 'a', 'f', 'e', ' ', 'f', 'i']);
    expect(pos[0]).toBe(3);
    expect(positionsOf('🎉', text)).toEqual([9]);
  });

  it('treats markup in targets as plain characters', () => {
    expect(positionsOf('<img', '<img src=x onerror=alert(1)>')).toEqual([0, 1, 2, 3]);
  });
});

describe('prepare', () => {
  it('is memoised', () => {
    expect(prepare('Release War')).toBe(prepare('Release War'));
  });
  it('normalises like the query', () => {
    expect(prepare('Ça Va').norm).toBe(normalizeQuery('  ça   va '));
  });
});

describe('rank', () => {
  const rooms = ['Release war room', 'Random', 'Weekly report', 'rw', 'Crowd'];

  it('sorts by score, keeps input order among ties, drops non-matches and honours the limit', () => {
    const out = rank('rw', rooms, (r) => r);
    expect(out.map((r) => r.item)).toEqual(['rw', 'Release war room', 'Crowd']);
    expect(out.map((r) => r.item)).not.toContain('Random');
    expect(rank('rw', rooms, (r) => r, 1)).toHaveLength(1);
    expect(rank('', ['b', 'a', 'c'], (r) => r).map((r) => r.item)).toEqual(['b', 'a', 'c']);
  });

  it('uses secondary keys, a little below the main one, without positions', () => {
    const people = [
      { name: 'Ana Lima', handle: 'zed@x' },
      { name: 'Zed', handle: 'ana@x' },
    ];
    const out = rank('ana', people, (p) => [p.name, p.handle]);
    expect(out.map((r) => r.item.name)).toEqual(['Ana Lima', 'Zed']);
    expect(out[1]!.positions).toEqual([]);
  });
});

describe('highlightRuns', () => {
  it('groups matched and unmatched characters into runs', () => {
    expect(highlightRuns('Release War', [0, 8])).toEqual([
      { text: 'R', hit: true },
      { text: 'elease ', hit: false },
      { text: 'W', hit: true },
      { text: 'ar', hit: false },
    ]);
    expect(highlightRuns('abc', [])).toEqual([{ text: 'abc', hit: false }]);
  });
  it('keeps astral characters whole', () => {
    expect(highlightRuns('🚀a', [0])).toEqual([
      { text: '🚀', hit: true },
      { text: 'a', hit: false },
    ]);
  });
});
