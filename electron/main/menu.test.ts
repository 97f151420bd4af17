import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../backend/desktop/menu';
import { toElectronContextMenu, toElectronMenu } from './menu';

const options = { appName: 'Switchboard', isDev: false, updatesEnabled: true };
const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu as MenuItemConstructorOptions[]) : [])]);

describe('toElectronMenu', () => {
  it('keeps roles, labels, accelerators and submenus', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = flat(toElectronMenu(buildMenuTemplate(platform, options), { command: vi.fn(), action: vi.fn() }, platform));
      const roles = items.flatMap((i) => (i.role ? [i.role] : []));
      expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'quit', 'togglefullscreen', 'help']));
      if (platform === 'darwin') expect(roles).toEqual(expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'front', 'window']));
      expect(items.find((i) => i.label === 'Command Palette…')).toMatchObject({ accelerator: 'CommandOrControl+K' });
    }
  });

  it('wires app commands and actions to the handlers', () => {
    const handlers = { command: vi.fn(), action: vi.fn() };
    const items = flat(toElectronMenu(buildMenuTemplate('linux', options), handlers, 'linux'));
    const click = (label: string) => (items.find((i) => i.label === label)?.click as unknown as () => void)();
    click('Search Messages…');
    click('Previous Unread Conversation');
    click('Check for Updates…');
    expect(handlers.command.mock.calls).toEqual([['search'], ['previousUnread']]);
    expect(handlers.action.mock.calls).toEqual([['checkForUpdates']]);
  });

  it('shows but does not register command accelerators on Windows and Linux (the renderer handles the key)', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const items = flat(toElectronMenu(buildMenuTemplate(platform, options), { command: vi.fn(), action: vi.fn() }, platform));
      const palette = items.find((i) => i.label === 'Command Palette…');
      expect(palette).toMatchObject({ accelerator: 'CommandOrControl+K', registerAccelerator: false });
      // Roles (copy, quit…) keep their accelerators registered: Electron, not the renderer, handles those.
      expect(items.find((i) => i.role === 'quit')?.registerAccelerator).toBeUndefined();
    }
    const mac = flat(toElectronMenu(buildMenuTemplate('darwin', options), { command: vi.fn(), action: vi.fn() }, 'darwin'));
    expect(mac.find((i) => i.label === 'Command Palette…')?.registerAccelerator).toBeUndefined();
  });

  it('turns separators into separators and keeps disabled actions disabled', () => {
    const items = toElectronMenu([{ type: 'separator' }, { label: '3 unread', action: 'showWindow', enabled: false }], { command: vi.fn(), action: vi.fn() }, 'linux');
    expect(items[0]).toEqual({ type: 'separator' });
    expect(items[1]).toMatchObject({ label: '3 unread', enabled: false });
  });
});

describe('toElectronContextMenu', () => {
  it('maps each action to its target', () => {
    const target = { replaceMisspelling: vi.fn(), addWordToDictionary: vi.fn(), copyText: vi.fn(), openExternal: vi.fn(), inspect: vi.fn() };
    const items = toElectronContextMenu(
      [
        { label: 'the', action: 'replaceMisspelling', word: 'the' },
        { label: 'Add to Dictionary', action: 'addToDictionary', word: 'teh' },
        { type: 'separator' },
        { label: 'Copy Link', action: 'copyLink', url: 'https://a.example/' },
        { label: 'Open Link in Browser', action: 'openLink', url: 'https://a.example/' },
        { label: 'Inspect Element', action: 'inspect' },
        { label: 'No spelling suggestions', enabled: false },
        { role: 'paste', enabled: false },
      ],
      target,
    );
    for (const i of items) (i.click as unknown as (() => void) | undefined)?.();
    expect(target.replaceMisspelling).toHaveBeenCalledWith('the');
    expect(target.addWordToDictionary).toHaveBeenCalledWith('teh');
    expect(target.copyText).toHaveBeenCalledWith('https://a.example/');
    expect(target.openExternal).toHaveBeenCalledWith('https://a.example/');
    expect(target.inspect).toHaveBeenCalledTimes(1);
    expect(items[2]).toEqual({ type: 'separator' });
    expect(items[6]).toEqual({ label: 'No spelling suggestions', enabled: false });
    expect(items[7]).toEqual({ role: 'paste', enabled: false });
  });
});
