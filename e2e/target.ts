import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Which host the specs drive: the web host in Chromium (default) or the Electron app. */
export type Target = 'web' | 'electron';

export const target: Target = process.env.E2E_TARGET === 'electron' ? 'electron' : 'web';

export const repoRoot = path.resolve(__dirname, '..');

export const appVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The Electron executable, or null. Read from the electron package's path.txt rather than
 * `require('electron')`, which tries to download the binary when it is missing.
 */
export function electronBinary(): string | null {
  const dir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel)
    : path.join(dir, 'dist', rel);
  return existsSync(bin) ? bin : null;
}
