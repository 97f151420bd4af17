import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Small JSON files beside the cache (prefs.json, account.json): written
 * atomically (a temporary file in the same directory, then rename), mode 0600
 * in a 0700 directory. They never hold a secret.
 */

export function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
    // A file that existed with a wider mode keeps it through rename's replacement only on some systems.
    chmodSync(path, 0o600);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The parsed file; `missing` when it does not exist, `corrupt` when it is not JSON. */
export function readJson(path: string): { ok: true; value: unknown } | { ok: false; reason: 'missing' | 'corrupt' } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'corrupt' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}
