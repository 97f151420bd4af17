import type { AppCommand } from '../../../shared/ipc/contract';

/**
 * The application menu as plain data. electron/main turns it into Menu.buildFromTemplate input,
 * mapping `command` items to an `app:command` event (the renderer does exactly what the keyboard
 * shortcut does) and `action` items to the main process's own handlers. Keeping it data lets the
 * tests read every role and accelerator for each platform without Electron.
 */

export type DesktopPlatform = 'darwin' | 'win32' | 'linux';

/** Electron's menu roles this menu uses. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'startSpeaking'
  | 'stopSpeaking'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'window'
  | 'help';

/** Things only the main process can do. */
export type DesktopAction = 'checkForUpdates' | 'showWindow' | 'toggleWindow';

export type MenuNode =
  | { type: 'separator' }
  | { role: MenuRole; label?: string; accelerator?: string; submenu?: MenuNode[] }
  | { label: string; command: AppCommand; accelerator?: string }
  | { label: string; action: DesktopAction; accelerator?: string; enabled?: boolean }
  | { label: string; submenu: MenuNode[]; role?: MenuRole };

/**
 * The accelerators of the app's commands, in Electron's syntax. They are the renderer's keyboard
 * shortcuts (renderer/src/features/keyboard/shortcuts.ts, `Mod` = CommandOrControl): a menu item
 * only shows the shortcut and offers the same action to the mouse. menu.test.ts compares the two
 * tables so they cannot drift.
 */
export const COMMAND_ACCELERATORS: Readonly<Partial<Record<AppCommand, string>>> = Object.freeze({
  palette: 'CommandOrControl+K',
  search: 'CommandOrControl+F',
  shortcuts: 'CommandOrControl+/',
  settings: 'CommandOrControl+,',
  newMessage: 'CommandOrControl+N',
  previousConversation: 'Alt+Up',
  nextConversation: 'Alt+Down',
  previousUnread: 'Alt+Shift+Up',
  nextUnread: 'Alt+Shift+Down',
  togglePinsPanel: 'CommandOrControl+Shift+P',
  togglePeoplePanel: 'CommandOrControl+Shift+U',
  toggleDetailsPanel: 'CommandOrControl+Shift+I',
});

export interface MenuOptions {
  appName: string;
  /** Reload and developer tools only in an unpackaged build. */
  isDev: boolean;
  /** Whether "Check for Updates…" is offered (see updatePolicy). */
  updatesEnabled: boolean;
}

const sep: MenuNode = { type: 'separator' };

function cmd(label: string, command: AppCommand): MenuNode {
  const accelerator = COMMAND_ACCELERATORS[command];
  return accelerator ? { label, command, accelerator } : { label, command };
}

export function buildMenuTemplate(platform: DesktopPlatform, options: MenuOptions): MenuNode[] {
  const mac = platform === 'darwin';
  const { appName, isDev, updatesEnabled } = options;
  const updates: MenuNode[] = updatesEnabled ? [{ label: 'Check for Updates…', action: 'checkForUpdates' }] : [];

  // As in Electron's documented default menu: only Help carries a role at the top (macOS adds its
  // search field); the Window menu is marked by its `window` item. Top-level roles such as editMenu
  // stand for Electron's own default submenus, which these replace.
  const appMenu: MenuNode = {
    label: appName,
    submenu: [
      { role: 'about', label: `About ${appName}` },
      ...updates,
      sep,
      cmd('Settings…', 'settings'),
      sep,
      { role: 'services' },
      sep,
      { role: 'hide', label: `Hide ${appName}` },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit', label: `Quit ${appName}` },
    ],
  };

  const file: MenuNode = {
    label: mac ? 'File' : '&File',
    submenu: mac
      ? [cmd('New Message…', 'newMessage'), sep, { role: 'close', label: 'Close Window' }]
      : [cmd('New Message…', 'newMessage'), sep, cmd('Settings…', 'settings'), sep, { role: 'quit', label: 'Quit', accelerator: 'CommandOrControl+Q' }],
  };

  const edit: MenuNode = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuNode] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      sep,
      cmd('Search Messages…', 'search'),
      ...(mac ? [sep, { label: 'Speech', submenu: [{ role: 'startSpeaking' }, { role: 'stopSpeaking' }] } as MenuNode] : []),
    ],
  };

  const view: MenuNode = {
    label: mac ? 'View' : '&View',
    submenu: [
      cmd('Command Palette…', 'palette'),
      sep,
      cmd('Thread Panel', 'toggleThreadPanel'),
      cmd('Pinned Messages Panel', 'togglePinsPanel'),
      cmd('People Panel', 'togglePeoplePanel'),
      cmd('Conversation Details Panel', 'toggleDetailsPanel'),
      sep,
      // Ctrl+Shift+I is the details panel here, so developer tools keep only their other shortcut.
      ...(isDev ? [{ role: 'reload' } as MenuNode, { role: 'forceReload' } as MenuNode, { role: 'toggleDevTools', accelerator: mac ? 'Alt+Command+I' : 'F12' } as MenuNode, sep] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };

  const go: MenuNode = {
    label: mac ? 'Go' : '&Go',
    submenu: [
      cmd('Next Conversation', 'nextConversation'),
      cmd('Previous Conversation', 'previousConversation'),
      sep,
      cmd('Next Unread Conversation', 'nextUnread'),
      cmd('Previous Unread Conversation', 'previousUnread'),
      sep,
      cmd('Message Composer', 'focusComposer'),
    ],
  };

  const windowMenu: MenuNode = {
    label: mac ? 'Window' : '&Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { label: appName, action: 'showWindow' }, sep, { role: 'front' }, sep, { role: 'window' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuNode = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [cmd('Keyboard Shortcuts', 'shortcuts'), ...(mac ? [] : [sep, ...updates, { role: 'about', label: `About ${appName}` } as MenuNode])],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, go, windowMenu, help];
}

/** Items of the tray icon's menu; `unread` is shown as a disabled first line when non-zero. */
export function buildTrayTemplate(options: { appName: string; visible: boolean; unreadText: string }): MenuNode[] {
  return [
    ...(options.unreadText ? [{ label: options.unreadText, action: 'showWindow', enabled: false } as MenuNode, sep] : []),
    { label: options.visible ? `Hide ${options.appName}` : `Show ${options.appName}`, action: 'toggleWindow' },
    sep,
    // No accelerators here: a tray menu is for the mouse, and they would only read as global shortcuts.
    { label: 'New Message…', command: 'newMessage' },
    { label: 'Settings…', command: 'settings' },
    sep,
    { role: 'quit', label: `Quit ${options.appName}` },
  ];
}
