import { join } from 'node:path';
import { appPrefsSchema, DEFAULT_PREFS, type AppPrefs, type Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { readJson, writeJsonAtomic } from './files';

/**
 * App preferences: `prefs.json` in the data directory (atomic writes, mode
 * 0600; no secrets in it). A missing file means the defaults; a corrupt one,
 * or a field that no longer validates, falls back to the defaults for what is
 * unreadable (and says so in the log). Without a data directory (tests of the
 * hosts) they live in memory only.
 *
 * The Electron main process reads them through `backend.prefs` (get + subscribe):
 * tray, global shortcut, start at login and notifications follow `prefs:changed`.
 */

export const PREFS_FILE = 'prefs.json';

export interface PrefsApi {
  /** The current preferences (a fresh copy). */
  get(): AppPrefs;
  /** Merges a partial update, validates, saves, notifies subscribers; returns the result. */
  set(patch: Partial<AppPrefs>): AppPrefs;
  /** Called with the new preferences after every change; returns an unsubscribe function. */
  subscribe(listener: (prefs: AppPrefs) => void): () => void;
}

const KEYS = Object.keys(DEFAULT_PREFS) as Array<keyof AppPrefs>;

/** What a stored object holds that still validates, over the defaults. */
export function readablePrefs(value: unknown): { prefs: AppPrefs; dropped: string[] } {
  const prefs: Record<string, unknown> = { ...DEFAULT_PREFS };
  const dropped: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { prefs: prefs as AppPrefs, dropped: ['(whole file)'] };
  const stored = value as Record<string, unknown>;
  for (const key of KEYS) {
    if (!(key in stored)) continue;
    const field = appPrefsSchema.shape[key].safeParse(stored[key]);
    if (field.success) prefs[key] = field.data;
    else dropped.push(key);
  }
  return { prefs: appPrefsSchema.parse(prefs), dropped };
}

export class PrefsStore implements PrefsApi {
  private prefs: AppPrefs;
  private readonly listeners = new Set<(prefs: AppPrefs) => void>();
  private readonly path: string | null;

  constructor(options: { dataDir: string | null; log?: (message: string, err: unknown) => void }) {
    this.path = options.dataDir ? join(options.dataDir, PREFS_FILE) : null;
    this.prefs = { ...DEFAULT_PREFS };
    if (!this.path) return;
    const read = readJson(this.path);
    if (!read.ok) {
      if (read.reason === 'corrupt') options.log?.('prefs: prefs.json is unreadable, using the defaults', new Error('corrupt prefs.json'));
      return;
    }
    const { prefs, dropped } = readablePrefs(read.value);
    if (dropped.length > 0) options.log?.(`prefs: ignoring unreadable preferences (${dropped.join(', ')}), using the defaults for them`, new Error('invalid prefs'));
    this.prefs = prefs;
  }

  get(): AppPrefs {
    return { ...this.prefs };
  }

  set(patch: Partial<AppPrefs>): AppPrefs {
    const merged: Record<string, unknown> = { ...this.prefs };
    for (const key of KEYS) if (patch[key] !== undefined) merged[key] = patch[key];
    const parsed = appPrefsSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.');
      throw new AppError('invalid_input', `That preference is not valid${field ? ` (${field})` : ''}: ${issue?.message ?? 'rejected'}.`, field ? { field } : {});
    }
    const next = parsed.data;
    if (KEYS.every((k) => next[k] === this.prefs[k])) return this.get();
    if (this.path) {
      try {
        writeJsonAtomic(this.path, next);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new AppError('unavailable', `Switchboard could not save its preferences${code ? ` (${code})` : ''}. Check the free disk space and the data folder's permissions.`, { cause: err });
      }
    }
    this.prefs = next;
    for (const l of [...this.listeners]) l(this.get());
    return this.get();
  }

  subscribe(listener: (prefs: AppPrefs) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function prefsHandlers(prefs: PrefsApi): Pick<Handlers, 'prefs:get' | 'prefs:set'> {
  return {
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => {
      const clean: Partial<AppPrefs> = {};
      for (const key of KEYS) if (patch[key] !== undefined) (clean as Record<string, unknown>)[key] = patch[key];
      return prefs.set(clean);
    },
  };
}
