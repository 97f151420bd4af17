import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/ipc/result';

/**
 * Where a thread's code is: the built file beside the bundle in the app (electron-vite emits each
 * thread as an entry of its own, see electron.vite.config.ts), else this folder's TypeScript source
 * run through the tsx loader (vitest, the web host under `node --import tsx`, benches).
 */
export function resolveThreadEntry(bundle: string, source: string, what: string): { file: string; execArgv: string[] } {
  // __dirname, not import.meta: this file also loads as CommonJS (the Electron bundle, Playwright's loader).
  const here = __dirname;
  // The caller may sit in the bundle's entry or in one of its chunks.
  for (const built of [join(here, bundle), join(here, '..', bundle)]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  const file = join(here, source);
  if (!existsSync(file)) throw new AppError('unavailable', `The ${what} is missing from this build.`);
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  return { file, execArgv: ['--import', tsx] };
}

/**
 * Lowers the calling thread's priority (a nice value, e.g. os.constants.priority.PRIORITY_LOW). Linux
 * keeps one per thread, so this lowers only this one; elsewhere it would lower the whole app, so it is
 * left alone. Not allowed in some sandboxes: the thread then works at normal priority.
 */
export function lowerThreadPriority(priority: number): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, priority);
  } catch {
    // Normal priority it is.
  }
}
