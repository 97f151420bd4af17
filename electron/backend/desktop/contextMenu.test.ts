import { describe, expect, it } from 'vitest';
import { buildContextMenu, type ContextMenuFacts, type ContextMenuItem } from './contextMenu';

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canUndo: true, canRedo: false };
const params = (p: Partial<ContextMenuFacts> = {}): ContextMenuFacts => ({
  isEditable: false,
  selectionText: '',
  linkURL: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  editFlags: flags,
  ...p,
});
// Stands in for security.safeExternalUrl: web and mail links only.
const safeLink = (url: string) => (/^(https?:\/\/[^@]+|mailto:.+)$/.test(url) ? url : null);
const options = { platform: 'linux', isDev: false, safeLink, spellcheck: true };

const shape = (items: ContextMenuItem[]) =>
  items.map((i) => ('type' in i ? '—' : 'role' in i ? `${i.role}${i.enabled ? '' : '(off)'}` : 'action' in i ? `${i.action}:${i.label}` : `${i.label}(off)`));

describe('buildContextMenu', () => {
  it('shows nothing on plain text with no selection', () => {
    expect(buildContextMenu(params(), options)).toEqual([]);
  });

  it('offers Copy for selected text', () => {
    expect(shape(buildContextMenu(params({ selectionText: 'hello' }), options))).toEqual(['copy']);
  });

  it('offers the edit roles in the composer, with the states Chromium reports', () => {
    expect(shape(buildContextMenu(params({ isEditable: true, editFlags: { ...flags, canPaste: false } }), options))).toEqual([
      'undo',
      'redo(off)',
      '—',
      'cut',
      'copy',
      'paste(off)',
      '—',
      'selectAll',
    ]);
    expect(shape(buildContextMenu(params({ isEditable: true }), { ...options, platform: 'darwin' }))).toContain('pasteAndMatchStyle');
  });

  it('puts spelling suggestions first, at most five, then Add to Dictionary', () => {
    const items = buildContextMenu(params({ isEditable: true, misspelledWord: 'teh', dictionarySuggestions: ['the', 'tech', 'ten', 'tea', 'tee', 'tel'] }), options);
    expect(shape(items).slice(0, 7)).toEqual([
      'replaceMisspelling:the',
      'replaceMisspelling:tech',
      'replaceMisspelling:ten',
      'replaceMisspelling:tea',
      'replaceMisspelling:tee',
      'addToDictionary:Add to Dictionary',
      '—',
    ]);
    expect(items[0]).toEqual({ label: 'the', action: 'replaceMisspelling', word: 'the' });
    expect(items[5]).toEqual({ label: 'Add to Dictionary', action: 'addToDictionary', word: 'teh' });
  });

  it('says when there are no suggestions', () => {
    expect(shape(buildContextMenu(params({ isEditable: true, misspelledWord: 'qzxv' }), options)).slice(0, 2)).toEqual(['No spelling suggestions(off)', 'addToDictionary:Add to Dictionary']);
  });

  it('leaves spelling out when spell check is off', () => {
    const p = params({ isEditable: true, misspelledWord: 'teh', dictionarySuggestions: ['the'] });
    expect(shape(buildContextMenu(p, { ...options, spellcheck: false }))[0]).toBe('undo');
    expect(shape(buildContextMenu({ ...p, spellcheckEnabled: false }, options))[0]).toBe('undo');
    // Not in the composer: no spelling menu even if Chromium reports a word.
    expect(shape(buildContextMenu({ ...p, isEditable: false }, options))).toEqual([]);
  });

  it('offers Copy Link and Open Link for web links', () => {
    const items = buildContextMenu(params({ linkURL: 'https://example.com/a?b=c' }), options);
    expect(items).toEqual([
      { label: 'Copy Link', action: 'copyLink', url: 'https://example.com/a?b=c' },
      { label: 'Open Link in Browser', action: 'openLink', url: 'https://example.com/a?b=c' },
    ]);
  });

  it('copies the address of a mail link', () => {
    const items = buildContextMenu(params({ linkURL: 'mailto:ana@example.com?subject=hi' }), options);
    expect(items[0]).toEqual({ label: 'Copy Email Address', action: 'copyLink', url: 'ana@example.com' });
  });

  it('offers nothing for links the app would not open', () => {
    for (const linkURL of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user@evil.example/']) {
      expect(buildContextMenu(params({ linkURL }), options)).toEqual([]);
    }
  });

  it('combines a link with selected text', () => {
    expect(shape(buildContextMenu(params({ linkURL: 'https://example.com/', selectionText: 'example' }), options))).toEqual([
      'copyLink:Copy Link',
      'openLink:Open Link in Browser',
      '—',
      'copy',
    ]);
  });

  it('adds Inspect Element only in development', () => {
    expect(shape(buildContextMenu(params(), { ...options, isDev: true }))).toEqual(['inspect:Inspect Element']);
    expect(shape(buildContextMenu(params({ selectionText: 'x' }), { ...options, isDev: true }))).toEqual(['copy', '—', 'inspect:Inspect Element']);
  });
});
