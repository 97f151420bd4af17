/**
 * The right-click menu of the window, as data (electron/main builds it on 'context-menu'). Chromium
 * shows nothing by default in Electron, so without this there is no way to paste with the mouse or
 * fix a misspelt word.
 */

/** The fields of Electron's ContextMenuParams this menu reads. */
export interface ContextMenuFacts {
  isEditable: boolean;
  selectionText: string;
  linkURL: string;
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  spellcheckEnabled?: boolean;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean; canUndo?: boolean; canRedo?: boolean };
}

export type ContextMenuItem =
  | { type: 'separator' }
  | { role: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'selectAll'; enabled: boolean }
  | { label: string; action: 'replaceMisspelling'; word: string }
  | { label: string; action: 'addToDictionary'; word: string }
  | { label: string; action: 'copyLink'; url: string }
  | { label: string; action: 'openLink'; url: string }
  | { label: string; action: 'inspect' }
  | { label: string; enabled: false };

export interface ContextMenuOptions {
  platform: string;
  isDev: boolean;
  /** safeExternalUrl from electron/main/security.ts: links the app would open outside, or null. */
  safeLink: (url: string) => string | null;
  /** Whether the session's spell checker is on (Settings → Spell check). */
  spellcheck: boolean;
}

const MAX_SUGGESTIONS = 5;

/** Empty means: show no menu (a right-click on plain, unselected text). */
export function buildContextMenu(p: ContextMenuFacts, o: ContextMenuOptions): ContextMenuItem[] {
  const groups: ContextMenuItem[][] = [];

  if (p.isEditable && o.spellcheck && p.spellcheckEnabled !== false && p.misspelledWord) {
    const suggestions = p.dictionarySuggestions.slice(0, MAX_SUGGESTIONS).map<ContextMenuItem>((word) => ({ label: word, action: 'replaceMisspelling', word }));
    groups.push([
      ...(suggestions.length > 0 ? suggestions : [{ label: 'No spelling suggestions', enabled: false } as const]),
      { label: 'Add to Dictionary', action: 'addToDictionary', word: p.misspelledWord },
    ]);
  }

  const link = p.linkURL ? o.safeLink(p.linkURL) : null;
  if (link) {
    groups.push([
      { label: link.startsWith('mailto:') ? 'Copy Email Address' : 'Copy Link', action: 'copyLink', url: link.startsWith('mailto:') ? link.slice('mailto:'.length).split('?')[0] ?? link : link },
      { label: 'Open Link in Browser', action: 'openLink', url: link },
    ]);
  }

  const f = p.editFlags;
  if (p.isEditable) {
    groups.push([
      { role: 'undo', enabled: f.canUndo ?? true },
      { role: 'redo', enabled: f.canRedo ?? true },
    ]);
    groups.push([
      { role: 'cut', enabled: f.canCut },
      { role: 'copy', enabled: f.canCopy },
      { role: 'paste', enabled: f.canPaste },
      ...(o.platform === 'darwin' ? [{ role: 'pasteAndMatchStyle', enabled: f.canPaste } as const] : []),
    ]);
    groups.push([{ role: 'selectAll', enabled: f.canSelectAll }]);
  } else if (p.selectionText.trim()) {
    groups.push([{ role: 'copy', enabled: f.canCopy }]);
  }

  if (o.isDev) groups.push([{ label: 'Inspect Element', action: 'inspect' }]);

  const items: ContextMenuItem[] = [];
  for (const g of groups) {
    if (items.length > 0) items.push({ type: 'separator' });
    items.push(...g);
  }
  return items;
}
