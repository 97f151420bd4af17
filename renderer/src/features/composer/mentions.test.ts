import { describe, expect, it } from 'vitest';
import { liveMentions } from '../../store/composerSlice';
import type { PersonId } from '../../../../shared/domain/ids';
import { insertMention, matchCandidates, mentionQuery } from './mentions';

describe('mentions', () => {
  it('finds the mention being typed at the caret', () => {
    expect(mentionQuery('hi @gr', 6)).toEqual({ start: 3, query: 'gr' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('hi @Grace La', 12)).toEqual({ start: 3, query: 'Grace La' });
    expect(mentionQuery('mail ana@ex', 11)).toBeNull();
    expect(mentionQuery('@a b c', 6)).toBeNull();
    expect(mentionQuery('@ab\ncd', 6)).toBeNull();
  });

  it('ranks names starting with the query first', () => {
    const people = [
      { id: 'g:1', name: 'Marco Mensah' },
      { id: 'g:2', name: 'Grace Larsen' },
      { id: 'g:3', name: 'Emma Gray' },
    ];
    expect(matchCandidates(people, 'gr').map((p) => p.name)).toEqual(['Grace Larsen', 'Emma Gray']);
    expect(matchCandidates(people, 'ars').map((p) => p.name)).toEqual(['Grace Larsen']);
    expect(matchCandidates(people, '')).toHaveLength(3);
  });

  it('matches without caring for case, accents or the kind of apostrophe', () => {
    const people = [
      { id: 'a', name: 'Lucía Gómez' },
      { id: 'b', name: 'Zoe O’Brien' },
      { id: 'c', name: 'Jürgen Weiß' },
    ];
    expect(matchCandidates(people, 'lucia').map((c) => c.id)).toEqual(['a']);
    expect(matchCandidates(people, "o'br").map((c) => c.id)).toEqual(['b']);
    // Apostrophes are ignored: typed without one, it still finds O’Brien.
    for (const typed of ['obrien', "o'brien", 'O’Brien']) expect(matchCandidates(people, typed).map((c) => c.id), typed).toEqual(['b']);
    expect(matchCandidates(people, 'JURG').map((c) => c.id)).toEqual(['c']);
  });

  it('inserts a readable @Name and puts the caret after it', () => {
    const q = mentionQuery('hi @gr and', 6)!;
    expect(insertMention('hi @gr and', q, 6, 'Grace Larsen')).toEqual({ text: 'hi @Grace Larsen and', caret: 17 });
  });

  it('sends only the mentions still in the text', () => {
    const m = [
      { id: 'g:1' as PersonId, name: 'Grace Larsen' },
      { id: 'g:2' as PersonId, name: 'Marco Mensah' },
    ];
    expect(liveMentions('hey @Grace Larsen', m)).toEqual(['g:1']);
  });
});
