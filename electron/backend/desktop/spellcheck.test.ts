import { describe, expect, it } from 'vitest';
import { spellCheckerLanguages } from './spellcheck';

const available = ['en-US', 'en-GB', 'de-DE', 'fr', 'pt-BR', 'pt-PT', 'es'];

describe('spellCheckerLanguages', () => {
  it.each([
    [['en-GB'], ['en-GB']],
    [['fr-CA', 'en-US'], ['fr', 'en-US']],
    [['de-AT'], ['de-DE']],
    [['pt_BR'], ['pt-BR']],
    [['es-MX', 'de-CH', 'en-AU', 'fr'], ['es', 'de-DE', 'en-US']],
    [['en-US', 'en-US'], ['en-US']],
    [['ja-JP'], ['en-US']],
    [[], ['en-US']],
  ])('%j → %j', (preferred, expected) => {
    expect(spellCheckerLanguages(preferred, available)).toEqual(expected);
  });

  it('returns nothing when no dictionary fits and en-US is not offered', () => {
    expect(spellCheckerLanguages(['ja'], ['de-DE'])).toEqual([]);
  });
});
