import { describe, expect, it } from 'vitest';
import { findLinks, safeHref, segments } from './richText';

describe('links', () => {
  it('finds http(s) and www links and leaves sentence punctuation out', () => {
    const text = 'See https://docs.example.org/d/q3-planning, and www.example.com/a. Also (https://en.wikipedia.org/wiki/Foo_(bar)).';
    const links = findLinks(text).map((l) => text.slice(l.start, l.end));
    expect(links).toEqual(['https://docs.example.org/d/q3-planning', 'www.example.com/a', 'https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(findLinks('www.example.com')[0]!.href).toBe('https://www.example.com/');
  });

  it('never makes javascript:, data: or file: links', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(findLinks('javascript:alert(1) file:///etc/passwd')).toEqual([]);
  });
});

describe('segments', () => {
  it('splits text, links and known mentions, marking mentions of the user', () => {
    const segs = segments('@Grace Larsen look at https://x.example/a @Marco Mensah', [
      { name: 'Grace Larsen', self: true },
      { name: 'Marco Mensah', self: false },
    ]);
    expect(segs).toEqual([
      { kind: 'mention', text: '@Grace Larsen', self: true },
      { kind: 'text', text: ' look at ' },
      { kind: 'link', text: 'https://x.example/a', href: 'https://x.example/a' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', text: '@Marco Mensah', self: false },
    ]);
  });

  it('treats an @ inside a word or a link as text', () => {
    expect(segments('mail ana@example.com', []).every((s) => s.kind === 'text')).toBe(true);
    expect(segments('https://x.example/@user', []).map((s) => s.kind)).toEqual(['link']);
  });

  it('falls back to @Word Word when no names are known', () => {
    expect(segments('hi @Hiroshi Haddad ok', []).map((s) => s.text)).toEqual(['hi ', '@Hiroshi Haddad', ' ok']);
  });

  it('keeps markup as plain text (rendering never parses HTML)', () => {
    const t = '<img src=x onerror=alert(1)>';
    expect(segments(t, [])).toEqual([{ kind: 'text', text: t }]);
  });
});
