import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { buildContextMenu } from '../backend/desktop/contextMenu';
import { toElectronContextMenu } from './menu';
import { safeExternalUrl } from './security';

export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): unknown;
  replaceMisspelling(word: string): void;
  inspectElement(x: number, y: number): void;
  session: { addWordToSpellCheckerDictionary(word: string): boolean };
}

export interface ContextMenuOptions {
  platform: string;
  isDev: boolean;
  spellcheck: () => boolean;
  /** Menu.buildFromTemplate(template).popup() */
  popup: (template: MenuItemConstructorOptions[]) => void;
  copyText: (text: string) => void;
  openExternal: (url: string) => void;
}

/** The window's right-click menu: spelling, copy/paste, links (see backend/desktop/contextMenu.ts). */
export function attachContextMenu(contents: ContextMenuContents, o: ContextMenuOptions): void {
  contents.on('context-menu', (_event, params) => {
    const items = buildContextMenu(params, { platform: o.platform, isDev: o.isDev, safeLink: safeExternalUrl, spellcheck: o.spellcheck() });
    if (items.length === 0) return;
    o.popup(
      toElectronContextMenu(items, {
        replaceMisspelling: (word) => contents.replaceMisspelling(word),
        addWordToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
        copyText: o.copyText,
        openExternal: o.openExternal,
        inspect: () => contents.inspectElement(params.x, params.y),
      }),
    );
  });
}
