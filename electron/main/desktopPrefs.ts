import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppPrefs } from '../../shared/ipc/contract';
import { checkGlobalAccelerator } from '../backend/desktop/accelerator';
import { HIDDEN_ARG, setLinuxAutostart } from '../backend/desktop/loginItem';

export interface PrefsTargets {
  platform: string;
  isPackaged: boolean;
  nativeTheme: { themeSource: 'system' | 'light' | 'dark' };
  /** The session's spell checker (the composer's underline and the context menu's suggestions). */
  spellChecker: { setSpellCheckerEnabled(enable: boolean): void };
  globalShortcut: { register(accelerator: string, callback: () => void): boolean; unregister(accelerator: string): void };
  /** What the global shortcut does: show the window, or hide it when it is in front. */
  toggleWindow: () => void;
  app: { setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void };
  env: Readonly<Record<string, string | undefined>>;
  execPath: string;
  /** Overridable for tests: writes the XDG autostart entry. */
  setLinuxAutostart?: typeof setLinuxAutostart;
  log?: (message: string, detail?: unknown) => void;
}

export interface PrefsApplier {
  /**
   * `known` false: these are the defaults standing in while the backend cannot answer yet. They may
   * set the look, but not OS state the user chose (a login item, a shortcut they turned off).
   */
  apply(prefs: AppPrefs, previous: AppPrefs | null, known?: boolean): void;
  /** The accelerator registered now (null: none, or it could not be). */
  readonly shortcut: string | null;
  dispose(): void;
}

/**
 * Applies the app preferences that live outside the renderer: theme source (the renderer follows
 * prefers-color-scheme, which Electron derives from it), spell check, start at login and the
 * global show/hide shortcut. Each is applied when it changes (and all of them the first time).
 */
export function createPrefsApplier(t: PrefsTargets): PrefsApplier {
  const log = t.log ?? ((message: string, detail?: unknown) => console.warn(message, detail));
  let registered: string | null = null;

  const setShortcut = (wanted: string | null): void => {
    if (registered) {
      t.globalShortcut.unregister(registered);
      registered = null;
    }
    if (wanted === null) return;
    const check = checkGlobalAccelerator(wanted);
    if (!check.ok) {
      log(`The show/hide shortcut "${wanted.slice(0, 100)}" is not one Switchboard can use (${check.reason}).`);
      return;
    }
    try {
      if (t.globalShortcut.register(check.accelerator, t.toggleWindow)) registered = check.accelerator;
      else log(`The show/hide shortcut ${check.accelerator} is already taken by another program.`);
    } catch (err) {
      log(`The show/hide shortcut ${check.accelerator} could not be registered.`, err);
    }
  };

  const setLoginItem = (enabled: boolean): void => {
    // An unpackaged run would register the bare Electron binary to start at login.
    if (!t.isPackaged) return;
    try {
      if (t.platform === 'linux') {
        const configHome = t.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
        // An AppImage runs from a temporary mount: autostart must point at the AppImage file itself.
        const exec = t.env['APPIMAGE'] || t.execPath;
        (t.setLinuxAutostart ?? setLinuxAutostart)(enabled, { configHome, exec });
      } else {
        t.app.setLoginItemSettings(t.platform === 'win32' ? { openAtLogin: enabled, args: [HIDDEN_ARG] } : { openAtLogin: enabled });
      }
    } catch (err) {
      log('Could not change whether Switchboard starts at login', err);
    }
  };

  return {
    apply(prefs, previous, known = true) {
      const changed = <K extends keyof AppPrefs>(k: K) => previous === null || previous[k] !== prefs[k];
      if (changed('theme')) t.nativeTheme.themeSource = prefs.theme;
      if (changed('spellcheck')) t.spellChecker.setSpellCheckerEnabled(prefs.spellcheck);
      if (!known) return;
      if (changed('startAtLogin')) setLoginItem(prefs.startAtLogin);
      if (changed('globalShortcut')) setShortcut(prefs.globalShortcut);
    },
    get shortcut() {
      return registered;
    },
    dispose() {
      if (registered) t.globalShortcut.unregister(registered);
      registered = null;
    },
  };
}
