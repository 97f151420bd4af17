import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from './shortcuts';
import { eventKey, matchShortcut, normaliseKeys } from './keymap';

const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; code: string }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keymap', () => {
  it('maps Ctrl on Linux/Windows and ⌘ on macOS to Mod', () => {
    expect(matchShortcut(ev('k', { ctrlKey: true }), 'global', false)).toBe('palette');
    expect(matchShortcut(ev('k', { metaKey: true }), 'global', true)).toBe('palette');
    expect(matchShortcut(ev('k', { metaKey: true }), 'global', false)).toBeNull();
    expect(matchShortcut(ev('K', { ctrlKey: true, shiftKey: false }), 'global', false)).toBe('palette');
  });

  it('tells Alt+↓ from Alt+Shift+↓', () => {
    expect(matchShortcut(ev('ArrowDown', { altKey: true }), 'global', false)).toBe('nextConversation');
    expect(matchShortcut(ev('ArrowDown', { altKey: true, shiftKey: true }), 'global', false)).toBe('nextUnread');
    expect(matchShortcut(ev('ArrowUp', { altKey: true, shiftKey: true }), 'global', false)).toBe('previousUnread');
  });

  it('matches symbol keys whatever Shift it took to type them', () => {
    expect(matchShortcut(ev('+', { shiftKey: true }), 'timeline', false)).toBe('react');
    expect(matchShortcut(ev('/', { ctrlKey: true }), 'global', false)).toBe('shortcuts');
    expect(matchShortcut(ev('/'), 'global', false)).toBe('search');
  });

  it('has the timeline keys of the issue', () => {
    const ids = ['r', 'e', 't', 'p', 'Delete', 'j', 'k', 'ArrowUp', 'ArrowDown'].map((k) => matchShortcut(ev(k), 'timeline', false));
    expect(ids).toEqual(['reply', 'edit', 'thread', 'pin', 'delete', 'selectNext', 'selectPrevious', 'selectPrevious', 'selectNext']);
  });

  it('uses the physical key for Alt+letter (macOS turns Alt+letters into symbols)', () => {
    expect(eventKey(ev('∂', { altKey: true, code: 'KeyD' }), true)).toBe('Alt+d');
  });

  it('every table entry is reachable (no two shortcuts of one scope share keys)', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) {
      for (const k of s.keys) {
        const key = `${s.scope}:${normaliseKeys(k)}`;
        expect(seen.get(key), `${key} is taken by ${seen.get(key)}`).toBeUndefined();
        seen.set(key, s.id);
      }
    }
  });
});
