import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Start at login. macOS and Windows have app.setLoginItemSettings; Linux has no such API in
 * Electron, so the XDG autostart entry (~/.config/autostart/<name>.desktop) is written here instead.
 * Started at login, the app opens hidden in the tray with HIDDEN_ARG.
 */

export const HIDDEN_ARG = '--hidden';
const FILE = 'switchboard.desktop';

export interface LinuxAutostartOptions {
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
  /** What to run: the AppImage itself ($APPIMAGE) or the installed binary, never a temporary mount. */
  exec: string;
  appName?: string;
}

/** Desktop Entry Spec quoting for Exec: the path is quoted and its reserved characters escaped. */
function quoteExec(path: string): string {
  return `"${path.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(exec: string, appName = 'Switchboard'): string {
  if (/[\r\n\0]/.test(exec) || /[\r\n\0]/.test(appName)) throw new Error('an autostart entry cannot contain line breaks');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${appName}`,
    `Exec=${quoteExec(exec)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFile(configHome: string): string {
  return join(configHome, 'autostart', FILE);
}

export function readLinuxAutostart(configHome: string): boolean {
  try {
    // A user who switched it off in their desktop's settings has Hidden=true or enabled=false.
    const text = readFileSync(autostartFile(configHome), 'utf8');
    return !/^Hidden=true$/m.test(text) && !/^X-GNOME-Autostart-enabled=false$/m.test(text);
  } catch {
    return false;
  }
}

export function setLinuxAutostart(enabled: boolean, o: LinuxAutostartOptions): void {
  const file = autostartFile(o.configHome);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  const body = autostartEntry(o.exec, o.appName);
  try {
    if (readFileSync(file, 'utf8') === body) return;
  } catch {
    // Not there yet.
  }
  mkdirSync(join(o.configHome, 'autostart'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, body, { mode: 0o644 });
  renameSync(tmp, file);
}

/** Whether this launch came from the login item (then the window waits in the tray). */
export function launchedHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}
