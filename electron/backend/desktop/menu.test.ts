import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appCommandSchema } from '../../../shared/ipc/contract';
import { buildMenuTemplate, buildTrayTemplate, COMMAND_ACCELERATORS, type DesktopPlatform, type MenuNode } from './menu';

const options = { appName: 'Switchboard', isDev: false, updatesEnabled: true };

function label(n: MenuNode): string {
  return 'label' in n && n.label ? n.label.replace('&', '') : 'role' in n ? `(${n.role})` : '—';
}
function submenu(n: MenuNode | undefined): MenuNode[] {
  return n && 'submenu' in n && n.submenu ? n.submenu : [];
}
function all(nodes: MenuNode[]): MenuNode[] {
  return nodes.flatMap((n) => [n, ...all(submenu(n))]);
}
function top(platform: DesktopPlatform, name: string, o = options): MenuNode[] {
  const menu = buildMenuTemplate(platform, o).find((n) => label(n) === name);
  if (!menu) throw new Error(`no ${name} menu`);
  return submenu(menu);
}
const roles = (nodes: MenuNode[]) => nodes.flatMap((n) => ('role' in n && n.role ? [n.role] : []));
const commands = (nodes: MenuNode[]) => all(nodes).flatMap((n) => ('command' in n ? [n.command] : []));

describe('the application menu', () => {
  it('has the macOS menus, starting with the app menu', () => {
    expect(buildMenuTemplate('darwin', options).map(label)).toEqual(['Switchboard', 'File', 'Edit', 'View', 'Go', 'Window', 'Help']);
  });

  it.each(['win32', 'linux'] as const)('has the %s menus with access keys and no app menu', (platform) => {
    const menus = buildMenuTemplate(platform, options);
    expect(menus.map((n) => ('label' in n ? n.label : ''))).toEqual(['&File', '&Edit', '&View', '&Go', '&Window', '&Help']);
  });

  it('gives the macOS app menu its standard roles in the standard order', () => {
    const app = top('darwin', 'Switchboard');
    expect(roles(app)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(app.map(label)).toEqual([
      'About Switchboard',
      'Check for Updates…',
      '—',
      'Settings…',
      '—',
      '(services)',
      '—',
      'Hide Switchboard',
      '(hideOthers)',
      '(unhide)',
      '—',
      'Quit Switchboard',
    ]);
    const settings = app.find((n) => 'command' in n && n.command === 'settings');
    expect(settings).toMatchObject({ accelerator: 'CommandOrControl+,' });
  });

  it('puts Quit (Ctrl+Q) and Settings in File on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const file = top(platform, 'File');
      expect(file.find((n) => 'role' in n && n.role === 'quit')).toMatchObject({ accelerator: 'CommandOrControl+Q' });
      expect(commands(file)).toEqual(['newMessage', 'settings']);
    }
    expect(roles(top('darwin', 'File'))).toEqual(['close']);
  });

  it('has the standard Edit roles, Paste and Match Style and Speech on macOS', () => {
    expect(roles(top('darwin', 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(roles(submenu(top('darwin', 'Edit').find((n) => label(n) === 'Speech')))).toEqual(['startSpeaking', 'stopSpeaking']);
    for (const platform of ['win32', 'linux'] as const) expect(roles(top(platform, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('has zoom and full screen in View; reload and developer tools only in development', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(top(platform, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
      const dev = top(platform, 'View', { ...options, isDev: true });
      expect(roles(dev)).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
      // Ctrl+Shift+I belongs to the details panel, so developer tools must not claim it.
      const devTools = dev.find((n) => 'role' in n && n.role === 'toggleDevTools');
      expect(devTools).toMatchObject({ accelerator: platform === 'darwin' ? 'Alt+Command+I' : 'F12' });
    }
  });

  it('has the standard Window roles', () => {
    expect(roles(top('darwin', 'Window'))).toEqual(['minimize', 'zoom', 'front', 'window']);
    expect(roles(top('linux', 'Window'))).toEqual(['minimize', 'close']);
    expect(roles(top('win32', 'Window'))).toEqual(['minimize', 'close']);
  });

  it('marks Help as the help menu and offers the shortcut sheet there', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const help = buildMenuTemplate(platform, options).at(-1);
      expect(help).toMatchObject({ role: 'help' });
      expect(commands(submenu(help))).toContain('shortcuts');
    }
    expect(roles(top('linux', 'Help'))).toEqual(['about']);
  });

  it('offers Check for Updates only when updates are on', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const find = (o: typeof options) => all(buildMenuTemplate(platform, o)).filter((n) => 'action' in n && n.action === 'checkForUpdates');
      expect(find(options)).toHaveLength(1);
      expect(find({ ...options, updatesEnabled: false })).toHaveLength(0);
    }
  });

  it.each(['darwin', 'win32', 'linux'] as const)('reaches every app command on %s, each once, with its shortcut', (platform) => {
    const menu = buildMenuTemplate(platform, options);
    const found = commands(menu);
    expect([...found].sort()).toEqual([...appCommandSchema.options].sort());
    for (const node of all(menu)) {
      if (!('command' in node)) continue;
      expect(node.accelerator, node.command).toBe(COMMAND_ACCELERATORS[node.command]);
    }
  });

  it('assigns each accelerator once per platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = all(buildMenuTemplate(platform, { ...options, isDev: true })).flatMap((n) => ('accelerator' in n && n.accelerator ? [n.accelerator] : []));
      expect(new Set(accelerators).size, accelerators.join(' ')).toBe(accelerators.length);
    }
  });

  it('uses the accelerators of the navigation commands', () => {
    expect(COMMAND_ACCELERATORS).toMatchObject({
      palette: 'CommandOrControl+K',
      search: 'CommandOrControl+F',
      nextConversation: 'Alt+Down',
      previousConversation: 'Alt+Up',
      nextUnread: 'Alt+Shift+Down',
      previousUnread: 'Alt+Shift+Up',
    });
  });
});

describe('the shortcut table and the menu agree', () => {
  // Read as text, not imported: electron/ may not import renderer/ (scripts/lint-boundaries.mjs).
  const file = join(__dirname, '..', '..', '..', 'renderer', 'src', 'features', 'keyboard', 'shortcuts.ts');
  const toElectron = (keys: string) =>
    keys
      .replace(/\bMod\b/, 'CommandOrControl')
      .replace('ArrowUp', 'Up')
      .replace('ArrowDown', 'Down')
      .replace('ArrowLeft', 'Left')
      .replace('ArrowRight', 'Right');

  it.skipIf(!existsSync(file))('every command with a renderer shortcut shows that shortcut in the menu', () => {
    const text = readFileSync(file, 'utf8');
    const table = new Map<string, string[]>();
    for (const m of text.matchAll(/\{\s*id:\s*'([^']+)',\s*keys:\s*\[([^\]]*)\]/g)) {
      table.set(m[1] ?? '', [...(m[2] ?? '').matchAll(/'([^']*)'/g)].map((k) => toElectron(k[1] ?? '')));
    }
    expect(table.size).toBeGreaterThan(5);
    for (const command of appCommandSchema.options) {
      const keys = table.get(command);
      const accelerator = COMMAND_ACCELERATORS[command];
      if (keys && keys.length > 0) expect(keys, `${command}: the menu shows ${accelerator}`).toContain(accelerator);
    }
  });
});

describe('the tray menu', () => {
  it('shows the unread line, toggles the window and quits', () => {
    const t = buildTrayTemplate({ appName: 'Switchboard', visible: true, unreadText: '3 unread messages' });
    expect(t.map(label)).toEqual(['3 unread messages', '—', 'Hide Switchboard', '—', 'New Message…', 'Settings…', '—', 'Quit Switchboard']);
    expect(t[0]).toMatchObject({ enabled: false });
    expect(t[2]).toMatchObject({ action: 'toggleWindow' });
    expect(t.at(-1)).toMatchObject({ role: 'quit' });
    // Tray items never carry accelerators.
    expect(t.some((n) => 'accelerator' in n && n.accelerator)).toBe(false);
  });

  it('leaves the unread line out when there is nothing unread', () => {
    const t = buildTrayTemplate({ appName: 'Switchboard', visible: false, unreadText: '' });
    expect(t.map(label)).toEqual(['Show Switchboard', '—', 'New Message…', 'Settings…', '—', 'Quit Switchboard']);
  });
});
