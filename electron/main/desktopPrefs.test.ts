import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFS, type AppPrefs } from '../../shared/ipc/contract';
import { createPrefsApplier, type PrefsTargets } from './desktopPrefs';

function setup(o: { platform?: string; isPackaged?: boolean; register?: (a: string) => boolean; env?: Record<string, string> } = {}) {
  const t = {
    platform: o.platform ?? 'darwin',
    isPackaged: o.isPackaged ?? true,
    nativeTheme: { themeSource: 'system' as 'system' | 'light' | 'dark' },
    spellChecker: { setSpellCheckerEnabled: vi.fn() },
    globalShortcut: { register: vi.fn(o.register ?? (() => true)), unregister: vi.fn() },
    toggleWindow: vi.fn(),
    app: { setLoginItemSettings: vi.fn() },
    env: o.env ?? {},
    execPath: '/opt/Switchboard/switchboard',
    setLinuxAutostart: vi.fn(),
    log: vi.fn(),
  } satisfies PrefsTargets;
  return { t, applier: createPrefsApplier(t) };
}
const prefs = (p: Partial<AppPrefs> = {}): AppPrefs => ({ ...DEFAULT_PREFS, ...p });

describe('createPrefsApplier', () => {
  it('applies everything the first time', () => {
    const { t, applier } = setup();
    applier.apply(prefs({ theme: 'dark', startAtLogin: true }), null);
    expect(t.nativeTheme.themeSource).toBe('dark');
    expect(t.spellChecker.setSpellCheckerEnabled).toHaveBeenCalledWith(true);
    expect(t.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(t.globalShortcut.register).toHaveBeenCalledWith('CommandOrControl+Shift+Space', t.toggleWindow);
    expect(applier.shortcut).toBe('CommandOrControl+Shift+Space');
  });

  it('applies only what changed afterwards', () => {
    const { t, applier } = setup();
    const first = prefs();
    applier.apply(first, null);
    vi.clearAllMocks();
    applier.apply(prefs({ theme: 'light' }), first);
    expect(t.nativeTheme.themeSource).toBe('light');
    expect(t.spellChecker.setSpellCheckerEnabled).not.toHaveBeenCalled();
    expect(t.app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(t.globalShortcut.register).not.toHaveBeenCalled();
  });

  it('with stand-in defaults sets the look but leaves login item and shortcut alone', () => {
    const { t, applier } = setup();
    applier.apply(prefs(), null, false);
    expect(t.nativeTheme.themeSource).toBe('system');
    expect(t.spellChecker.setSpellCheckerEnabled).toHaveBeenCalledWith(true);
    expect(t.app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(t.globalShortcut.register).not.toHaveBeenCalled();
    // The real prefs then arrive with no "previous": all of them apply.
    applier.apply(prefs({ startAtLogin: true }), null, true);
    expect(t.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(t.globalShortcut.register).toHaveBeenCalledTimes(1);
  });

  it('re-registers the shortcut when it changes, and drops it when turned off', () => {
    const { t, applier } = setup();
    const a = prefs();
    applier.apply(a, null);
    const b = prefs({ globalShortcut: 'ctrl+alt+s' });
    applier.apply(b, a);
    expect(t.globalShortcut.unregister).toHaveBeenCalledWith('CommandOrControl+Shift+Space');
    expect(t.globalShortcut.register).toHaveBeenLastCalledWith('Control+Alt+S', t.toggleWindow);
    applier.apply(prefs({ globalShortcut: null }), b);
    expect(t.globalShortcut.unregister).toHaveBeenLastCalledWith('Control+Alt+S');
    expect(applier.shortcut).toBeNull();
  });

  it('refuses an invalid shortcut and reports one another program holds', () => {
    const taken = setup({ register: () => false });
    taken.applier.apply(prefs(), null);
    expect(taken.applier.shortcut).toBeNull();
    expect(taken.t.log).toHaveBeenCalledWith(expect.stringContaining('already taken'));

    const bad = setup();
    bad.applier.apply(prefs({ globalShortcut: 'Shift+K' }), null);
    expect(bad.t.globalShortcut.register).not.toHaveBeenCalled();
    expect(bad.t.log).toHaveBeenCalledWith(expect.stringContaining('needs-modifier'));

    const throws = setup({
      register: () => {
        throw new Error('bad accelerator');
      },
    });
    expect(() => throws.applier.apply(prefs(), null)).not.toThrow();
    expect(throws.applier.shortcut).toBeNull();
  });

  it('unregisters on dispose', () => {
    const { t, applier } = setup();
    applier.apply(prefs(), null);
    applier.dispose();
    expect(t.globalShortcut.unregister).toHaveBeenCalledWith('CommandOrControl+Shift+Space');
  });

  it('starts at login hidden on Windows, through the XDG autostart entry on Linux, never unpackaged', () => {
    const win = setup({ platform: 'win32' });
    win.applier.apply(prefs({ startAtLogin: true }), null);
    expect(win.t.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });

    const linux = setup({ platform: 'linux', env: { XDG_CONFIG_HOME: '/home/u/.cfg', APPIMAGE: '/home/u/Apps/Switchboard.AppImage' } });
    linux.applier.apply(prefs({ startAtLogin: true }), null);
    expect(linux.t.setLinuxAutostart).toHaveBeenCalledWith(true, { configHome: '/home/u/.cfg', exec: '/home/u/Apps/Switchboard.AppImage' });
    expect(linux.t.app.setLoginItemSettings).not.toHaveBeenCalled();

    const deb = setup({ platform: 'linux' });
    deb.applier.apply(prefs({ startAtLogin: false }), null);
    expect(deb.t.setLinuxAutostart).toHaveBeenCalledWith(false, { configHome: expect.stringMatching(/\.config$/), exec: '/opt/Switchboard/switchboard' });

    const dev = setup({ isPackaged: false });
    dev.applier.apply(prefs({ startAtLogin: true }), null);
    expect(dev.t.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
