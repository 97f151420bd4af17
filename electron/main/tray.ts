import type { MenuItemConstructorOptions } from 'electron';
import { buildTrayTemplate } from '../backend/desktop/menu';
import { badgeLabel, unreadDescription } from '../backend/desktop/unread';
import { toElectronMenu, type MenuHandlers } from './menu';

/** The parts of Electron's Tray used here; a small fake in tests. */
export interface TrayLike {
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setImage(image: never): void;
  setContextMenu(menu: never): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface TrayOptions {
  tray: TrayLike;
  platform: string;
  appName?: string;
  /** The icon, and the icon with the unread dot (Windows and Linux, where a tray shows no text). */
  images: { normal: unknown; unread: unknown };
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  handlers: MenuHandlers;
  isWindowVisible: () => boolean;
}

export interface TrayController {
  setUnread(total: number): void;
  /** Rebuilds the menu (its Show/Hide item follows the window). */
  refresh(): void;
  destroy(): void;
}

/**
 * The tray (Windows, Linux) or menu-bar (macOS) icon: unread count in the tooltip, on macOS as the
 * title beside the icon, elsewhere as a dot on the icon; its menu shows or hides the window. A left
 * click on Windows toggles the window, as Windows users expect; elsewhere a click opens the menu.
 */
export function createTrayController(o: TrayOptions): TrayController {
  const appName = o.appName ?? 'Switchboard';
  let total = 0;
  let destroyed = false;

  const refresh = (): void => {
    if (destroyed || o.tray.isDestroyed()) return;
    const unreadText = total > 0 ? `${total} unread message${total === 1 ? '' : 's'}` : '';
    const template = buildTrayTemplate({ appName, visible: o.isWindowVisible(), unreadText });
    o.tray.setContextMenu(o.buildMenu(toElectronMenu(template, o.handlers, o.platform)) as never);
  };

  const setUnread = (next: number): void => {
    if (destroyed || o.tray.isDestroyed()) return;
    total = Math.max(0, Math.floor(next)) || 0;
    o.tray.setToolTip(unreadDescription(total, appName));
    if (o.platform === 'darwin') o.tray.setTitle(badgeLabel(total));
    else o.tray.setImage((total > 0 ? o.images.unread : o.images.normal) as never);
    refresh();
  };

  if (o.platform === 'win32') o.tray.on('click', () => o.handlers.action('toggleWindow'));
  setUnread(0);

  return {
    setUnread,
    refresh,
    destroy() {
      destroyed = true;
      if (!o.tray.isDestroyed()) o.tray.destroy();
    },
  };
}
