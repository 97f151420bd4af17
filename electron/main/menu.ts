import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/ipc/contract';
import type { ContextMenuItem } from '../backend/desktop/contextMenu';
import type { DesktopAction, MenuNode } from '../backend/desktop/menu';

/** What the menu's own items do: app commands go to the renderer, actions stay in main. */
export interface MenuHandlers {
  command(command: AppCommand): void;
  action(action: DesktopAction): void;
}

/**
 * The backend's menu data as Menu.buildFromTemplate input. On Windows and Linux an app command's
 * accelerator is shown but not registered: the key reaches the renderer, which handles it like every
 * other shortcut, so registering it as well would run the command twice. macOS menus take the key
 * before the page sees it, so there the menu item is what runs the command.
 */
export function toElectronMenu(nodes: readonly MenuNode[], handlers: MenuHandlers, platform: string): MenuItemConstructorOptions[] {
  return nodes.map((node): MenuItemConstructorOptions => {
    if ('type' in node) return { type: 'separator' };
    if ('command' in node) {
      const item: MenuItemConstructorOptions = { label: node.label, click: () => handlers.command(node.command) };
      if (node.accelerator) {
        item.accelerator = node.accelerator;
        if (platform !== 'darwin') item.registerAccelerator = false;
      }
      return item;
    }
    if ('action' in node) {
      const item: MenuItemConstructorOptions = { label: node.label, click: () => handlers.action(node.action) };
      if (node.accelerator) item.accelerator = node.accelerator;
      if (node.enabled === false) item.enabled = false;
      return item;
    }
    const item: MenuItemConstructorOptions = {};
    if ('role' in node && node.role) item.role = node.role;
    if (node.label) item.label = node.label;
    if ('accelerator' in node && node.accelerator) item.accelerator = node.accelerator;
    if (node.submenu) item.submenu = toElectronMenu(node.submenu, handlers, platform);
    return item;
  });
}

/** What the context menu's own items do (the roles are Electron's). */
export interface ContextMenuTarget {
  replaceMisspelling(word: string): void;
  addWordToDictionary(word: string): void;
  copyText(text: string): void;
  openExternal(url: string): void;
  inspect(): void;
}

export function toElectronContextMenu(items: readonly ContextMenuItem[], target: ContextMenuTarget): MenuItemConstructorOptions[] {
  return items.map((i): MenuItemConstructorOptions => {
    if ('type' in i) return { type: 'separator' };
    if ('role' in i) return { role: i.role, enabled: i.enabled };
    if (!('action' in i)) return { label: i.label, enabled: false };
    switch (i.action) {
      case 'replaceMisspelling':
        return { label: i.label, click: () => target.replaceMisspelling(i.word) };
      case 'addToDictionary':
        return { label: i.label, click: () => target.addWordToDictionary(i.word) };
      case 'copyLink':
        return { label: i.label, click: () => target.copyText(i.url) };
      case 'openLink':
        return { label: i.label, click: () => target.openExternal(i.url) };
      case 'inspect':
        return { label: i.label, click: () => target.inspect() };
    }
  });
}
