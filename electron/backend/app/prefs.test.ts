import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, type AppPrefs } from '../../../shared/ipc/contract';
import { dispatch } from '../../../shared/ipc/dispatch';
import { Vault, type KeychainBackend } from '../vault/vault';
import { createBackend, type Backend } from './createBackend';
import { PREFS_FILE, PrefsStore, readablePrefs } from './prefs';

function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  return {
    getPassword: async (s, a) => items.get(`${s}\u0000${a}`) ?? null,
    setPassword: async (s, a, p) => void items.set(`${s}\u0000${a}`, p),
    deletePassword: async (s, a) => items.delete(`${s}\u0000${a}`),
    findCredentials: async (s) => [...items].filter(([k]) => k.startsWith(`${s}\u0000`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  };
}

const dirs: string[] = [];
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) await b.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'switchboard-prefs-'));
  dirs.push(d);
  return d;
}

describe('PrefsStore', () => {
  it('starts from the defaults when there is no file, and writes prefs.json atomically with mode 0600', () => {
    const d = dir();
    const logs: string[] = [];
    const store = new PrefsStore({ dataDir: d, log: (m) => logs.push(m) });
    expect(store.get()).toEqual(DEFAULT_PREFS);
    expect(logs).toEqual([]);
    const next = store.set({ theme: 'dark', globalShortcut: null });
    expect(next).toEqual({ ...DEFAULT_PREFS, theme: 'dark', globalShortcut: null });
    const path = join(d, PREFS_FILE);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(next);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(d)).toEqual([PREFS_FILE]);
    // A second store reads it back.
    expect(new PrefsStore({ dataDir: d }).get()).toEqual(next);
  });

  it('merges partial updates, rejects invalid values and notifies subscribers only on change', () => {
    const store = new PrefsStore({ dataDir: dir() });
    const seen: AppPrefs[] = [];
    const off = store.subscribe((p) => seen.push(p));
    store.set({ notifications: false });
    store.set({ spellcheck: false });
    expect(store.get()).toMatchObject({ notifications: false, spellcheck: false, theme: 'system' });
    store.set({ spellcheck: false });
    expect(seen).toHaveLength(2);
    expect(() => store.set({ theme: 'neon' as never })).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'theme' }));
    off();
    store.set({ onboarded: true });
    expect(seen).toHaveLength(2);
  });

  it('falls back to the defaults for a corrupt file, and keeps what still validates of a stale one', () => {
    const d = dir();
    const logs: string[] = [];
    writeFileSync(join(d, PREFS_FILE), '{ not json');
    expect(new PrefsStore({ dataDir: d, log: (m) => logs.push(m) }).get()).toEqual(DEFAULT_PREFS);
    expect(logs.join('\n')).toMatch(/unreadable/);
    writeFileSync(join(d, PREFS_FILE), JSON.stringify({ theme: 'light', closeToTray: 'yes', retired: 1 }));
    logs.length = 0;
    expect(new PrefsStore({ dataDir: d, log: (m) => logs.push(m) }).get()).toEqual({ ...DEFAULT_PREFS, theme: 'light' });
    expect(logs.join('\n')).toMatch(/closeToTray/);
    expect(readablePrefs([1, 2]).prefs).toEqual(DEFAULT_PREFS);
  });

  it('keeps preferences in memory when there is no data directory', () => {
    const store = new PrefsStore({ dataDir: null });
    expect(store.set({ theme: 'dark' }).theme).toBe('dark');
  });
});

describe('prefs channels', () => {
  it('prefs:get / prefs:set through dispatch, prefs:changed to subscribers and backend.prefs for the main process', async () => {
    const d = dir();
    const b = createBackend({ version: '1.0.0', host: 'web', workspace: 'none', vault: new Vault({ keychain: memoryKeychain() }), dataDir: d, log: () => {} });
    backends.push(b);
    const events: Array<[string, unknown]> = [];
    b.onEvent((e, p) => events.push([e, p]));
    const main: AppPrefs[] = [];
    b.prefs.subscribe((p) => main.push(p));
    const ctx = { host: 'web' as const };
    expect(await dispatch(b.handlers, 'prefs:get', undefined, ctx)).toEqual({ ok: true, value: DEFAULT_PREFS });
    const set = await dispatch(b.handlers, 'prefs:set', { closeToTray: true, onboarded: true }, ctx);
    expect(set).toEqual({ ok: true, value: { ...DEFAULT_PREFS, closeToTray: true, onboarded: true } });
    expect(events).toContainEqual(['prefs:changed', { ...DEFAULT_PREFS, closeToTray: true, onboarded: true }]);
    expect(main).toEqual([{ ...DEFAULT_PREFS, closeToTray: true, onboarded: true }]);
    expect(b.prefs.get().closeToTray).toBe(true);
    expect(await dispatch(b.handlers, 'prefs:set', { theme: 'sepia' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'theme' } });
    expect(await dispatch(b.handlers, 'prefs:set', { globalShortcut: 'x'.repeat(101) }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse(readFileSync(join(d, PREFS_FILE), 'utf8'))).toMatchObject({ closeToTray: true });
  });
});
