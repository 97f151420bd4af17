import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the web host keeps the cache: the platform's per-user data directory,
 * the same place a desktop app of the user would use (Electron's userData is
 * its own: the two hosts never share a cache file).
 */
export function webDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env['SWITCHBOARD_DATA_DIR']) return env['SWITCHBOARD_DATA_DIR'];
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? env['APPDATA'] ?? join(home, 'AppData', 'Local'), 'Switchboard', 'web');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Switchboard', 'web');
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'switchboard');
}
