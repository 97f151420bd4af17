import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createTrayController, type TrayLike } from './tray';

function fakeTray() {
  const e = new EventEmitter();
  const t = {
    tooltip: '',
    title: '',
    image: 'none' as unknown,
    menu: null as MenuItemConstructorOptions[] | null,
    destroyed: false,
    setToolTip: vi.fn((s: string) => (t.tooltip = s)),
    setTitle: vi.fn((s: string) => (t.title = s)),
    setImage: vi.fn((i: unknown) => (t.image = i)),
    setContextMenu: vi.fn((m: unknown) => (t.menu = m as MenuItemConstructorOptions[])),
    on: vi.fn((event: string, l: () => void) => e.on(event, l)),
    emit: (event: string) => e.emit(event),
    destroy: vi.fn(() => (t.destroyed = true)),
    isDestroyed: () => t.destroyed,
  };
  return t;
}

function setup(platform: string, visible = true) {
  const tray = fakeTray();
  const handlers = { command: vi.fn(), action: vi.fn() };
  const controller = createTrayController({
    tray: tray as unknown as TrayLike,
    platform,
    images: { normal: 'plain', unread: 'dotted' },
    // The menu "built" is the template itself, so the test can read it.
    buildMenu: (template) => template,
    handlers,
    isWindowVisible: () => visible,
  });
  return { tray, handlers, controller };
}

describe('the tray', () => {
  it('starts with no unread: plain icon, app name as tooltip', () => {
    const { tray } = setup('linux');
    expect(tray.tooltip).toBe('Switchboard');
    expect(tray.image).toBe('plain');
    expect(tray.menu?.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Hide Switchboard', 'separator', 'New Message…', 'Settings…', 'separator', 'Quit Switchboard']);
  });

  it.each(['linux', 'win32'])('on %s shows the count in the tooltip and menu and a dot on the icon', (platform) => {
    const { tray, controller } = setup(platform);
    controller.setUnread(12);
    expect(tray.tooltip).toBe('Switchboard — 12 unread messages');
    expect(tray.image).toBe('dotted');
    expect(tray.setTitle).not.toHaveBeenCalled();
    expect(tray.menu?.[0]).toMatchObject({ label: '12 unread messages', enabled: false });
    controller.setUnread(0);
    expect(tray.tooltip).toBe('Switchboard');
    expect(tray.image).toBe('plain');
    expect(tray.menu?.[0]?.label).toBe('Hide Switchboard');
  });

  it('on macOS shows the count as the menu-bar title', () => {
    const { tray, controller } = setup('darwin');
    controller.setUnread(150);
    expect(tray.title).toBe('99+');
    expect(tray.tooltip).toBe('Switchboard — 150 unread messages');
    expect(tray.setImage).not.toHaveBeenCalled();
    controller.setUnread(0);
    expect(tray.title).toBe('');
  });

  it('offers Show when the window is hidden, and its items reach the handlers', () => {
    const { tray, handlers } = setup('linux', false);
    const items = tray.menu ?? [];
    expect(items[0]?.label).toBe('Show Switchboard');
    (items[0]?.click as unknown as () => void)();
    (items.find((i) => i.label === 'Settings…')?.click as unknown as () => void)();
    expect(handlers.action).toHaveBeenCalledWith('toggleWindow');
    expect(handlers.command).toHaveBeenCalledWith('settings');
    expect(items.find((i) => i.role === 'quit')).toBeDefined();
  });

  it('toggles the window on a left click on Windows only', () => {
    const win = setup('win32');
    win.tray.emit('click');
    expect(win.handlers.action).toHaveBeenCalledWith('toggleWindow');
    const linux = setup('linux');
    linux.tray.emit('click');
    expect(linux.handlers.action).not.toHaveBeenCalled();
  });

  it('does nothing once destroyed', () => {
    const { tray, controller } = setup('linux');
    controller.destroy();
    expect(tray.destroy).toHaveBeenCalledTimes(1);
    controller.setUnread(3);
    expect(tray.tooltip).toBe('Switchboard');
  });
});
