import { describe, expect, it } from 'vitest';
import { foldPunctuation, foldText } from './textFold';

describe('foldText', () => {
  it('folds case and diacritics', () => {
    expect(foldText('Jürgen ÉLOÏSE São')).toBe('jurgen eloise sao');
  });

  it('drops apostrophes, plain or look-alike, and makes look-alike quotes and dashes plain', () => {
    for (const a of ["'", '’', '‘', '‚', '‛', 'ʼ', 'ʻ', '′', '‵', '`', '´', '＇']) expect(foldText(`O${a}Brien`), a).toBe('obrien');
    for (const q of ['“', '”', '„', '‟', '″', '‶', '＂']) expect(foldText(`${q}x${q}`), q).toBe('"x"');
    for (const d of ['‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－']) expect(foldText(`a${d}b`), d).toBe('a-b');
  });

  it('keeps the length of the quotes and dashes it folds, and everything else as it was', () => {
    const s = 'It’s “Q3” — done';
    expect(foldPunctuation(s)).toBe('Its "Q3" - done');
    expect(foldPunctuation('“Q3” — done')).toHaveLength('“Q3” — done'.length);
    const plain = 'no look-alikes here: "y" - x';
    expect(foldPunctuation(plain)).toBe(plain);
  });

  it('"obrien", "o\'brien" and "O’Brien" fold alike, and find "Zoe O’Brien"', () => {
    const title = foldText('Zoe O’Brien');
    for (const typed of ['obrien', "o'brien", 'O’Brien']) expect(title.includes(foldText(typed)), typed).toBe(true);
  });
});
