import { describe, expect, it } from 'vitest';
import { MAX_TERMS, parseSearchText, phrase } from './searchQuery';

const terms = (text: string) => parseSearchText(text).map(phrase);

describe('parseSearchText', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(terms('deploy staging')).toEqual(['"deploy"', '"staging"*']);
    expect(terms('deploy staging ')).toEqual(['"deploy"', '"staging"']);
    expect(terms('  Zürich ')).toEqual(['"Zürich"']);
  });

  it('turns operators and syntax into plain words or separators', () => {
    expect(terms('a AND b')).toEqual(['"a"', '"AND"', '"b"']);
    expect(terms('NEAR(x y)')).toEqual(['"NEAR"', '"x"', '"y"']);
    expect(terms('{text}: col')).toEqual(['"text"', '"col"*']);
    expect(terms('a* ^b -c +d')).toEqual(['"a"', '"b"', '"c"', '"d"']);
  });

  it('keeps balanced quotes as phrases and ignores an odd one', () => {
    expect(terms('"exact phrase" more')).toEqual(['"exact phrase"', '"more"*']);
    expect(terms('say "hello')).toEqual(['"say"', '"hello"*']);
    expect(terms('"only"')).toEqual(['"only"']);
  });

  it('finds no words in emoji, punctuation or nothing', () => {
    for (const text of ['', '   ', '🎉🎉', '"', '***', '()', '\u0000\u0001']) expect(terms(text), JSON.stringify(text)).toEqual([]);
  });

  it('does not make a one-letter prefix', () => {
    expect(terms('plan a')).toEqual(['"plan"', '"a"']);
    expect(terms('ab')).toEqual(['"ab"*']);
  });

  it('keeps accents and scripts as typed (the tokenizer folds them)', () => {
    expect(terms('café 東京 Łódź')).toEqual(['"café"', '"東京"', '"Łódź"*']);
  });

  it('bounds the number of terms', () => {
    expect(parseSearchText(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_TERMS);
  });
});
