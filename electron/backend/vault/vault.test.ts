import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault, type KeychainBackend } from './vault';
import { AppError } from '../../../shared/ipc/result';

// These run against the real OS keychain (gnome-keyring on a private D-Bus session under `npm test`).
// Each test uses its own service name so runs never touch the user's real Switchboard entries.
const made: Vault[] = [];
function vault() {
  const v = new Vault({ service: `Switchboard-test-${randomUUID()}` });
  made.push(v);
  return v;
}
afterEach(async () => {
  for (const v of made.splice(0)) await v.clear().catch(() => {});
});

describe('Vault on the real keychain', () => {
  it('is available', async () => {
    expect(await vault().probe()).toEqual({ available: true });
  });

  it('sets, gets, lists, overwrites and deletes', async () => {
    const v = vault();
    expect(await v.get('pcids')).toBeNull();
    expect(await v.list()).toEqual([]);
    await v.set('pcids', 'one');
    expect(await v.get('pcids')).toBe('one');
    await v.set('pcids', 'two');
    expect(await v.get('pcids')).toBe('two');
    expect(await v.list()).toEqual(['pcids']);
    expect(await v.delete('pcids')).toBe(true);
    expect(await v.delete('pcids')).toBe(false);
    expect(await v.get('pcids')).toBeNull();
  });

  it('keeps unicode values exactly', async () => {
    const v = vault();
    const secret = 'sécret-🔑-密码-\u0000-end'.replace('\u0000', '');
    await v.setCredentials({ kind: 'oauth', clientId: 'client-ü', clientSecret: secret, orgId: 'org-1' });
    expect(await v.getCredentials()).toEqual({ kind: 'oauth', clientId: 'client-ü', clientSecret: secret, orgId: 'org-1' });
  });

  it('stores API-key credentials and PCIDs as validated JSON', async () => {
    const v = vault();
    await v.setCredentials({ kind: 'apiKey', apiKey: 'pf_live_x', orgId: 'o' });
    await v.setPcids({ genesys: 'pc-g', unipile: 'pc-u' });
    expect(await v.getCredentials()).toMatchObject({ kind: 'apiKey', apiKey: 'pf_live_x' });
    expect(await v.getPcids()).toEqual({ genesys: 'pc-g', unipile: 'pc-u' });
    expect((await v.list()).sort()).toEqual(['pcids', 'pinkfish-credentials']);
  });

  it('creates the cache key once and then returns the same 256-bit key', async () => {
    const v = vault();
    const key = await v.getOrCreateCacheKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await v.getOrCreateCacheKey()).toBe(key);
  });

  it('reports a corrupt entry without revealing it and without replacing it', async () => {
    const v = vault();
    await v.set('pinkfish-credentials', '{not json secret-value');
    const err = await v.getCredentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).not.toContain('secret-value');
    expect(await v.get('pinkfish-credentials')).toBe('{not json secret-value');
  });

  it('refuses empty values and invalid credentials', async () => {
    const v = vault();
    await expect(v.set('pcids', '')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(v.setCredentials({ kind: 'oauth', clientId: '', clientSecret: 's', orgId: 'o' })).rejects.toThrow();
    expect(await v.list()).toEqual([]);
  });
});

describe('Vault without a working keychain', () => {
  const broken: KeychainBackend = {
    getPassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files; value=hunter2')),
    setPassword: () => Promise.reject(new Error('no secret service')),
    deletePassword: () => Promise.reject(new Error('no secret service')),
    findCredentials: () => Promise.reject(new Error('no secret service')),
  };

  it('says what is missing and how to fix it, with no detail leaked', async () => {
    const v = new Vault({ keychain: broken });
    const probe = await v.probe();
    expect(probe.available).toBe(false);
    const err = await v.get('pcids').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'keychain_unavailable' });
    expect((err as AppError).message).not.toContain('hunter2');
    expect((err as AppError).message).toMatch(/keyring|keychain/i);
  });

  it('times out a keychain that never answers', async () => {
    const hanging: KeychainBackend = { ...broken, getPassword: () => new Promise(() => {}) };
    const v = new Vault({ keychain: hanging, timeoutMs: 50 });
    await expect(v.get('pcids')).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });
});
