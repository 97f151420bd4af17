import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './createBackend';
import { dispatch } from '../../../shared/ipc/dispatch';
import { Vault, type KeychainBackend } from '../vault/vault';

const made: Backend[] = [];
const vaults: Vault[] = [];
afterEach(async () => {
  for (const b of made.splice(0)) await b.dispose();
  for (const v of vaults.splice(0)) await v.clear().catch(() => {});
});
function backend(options: Parameters<typeof createBackend>[0]): Backend {
  const b = createBackend(options);
  made.push(b);
  return b;
}
// The real keychain (a private gnome-keyring under `npm test`) on a throwaway service name.
function testVault(): Vault {
  const v = new Vault({ service: `Switchboard-test-${randomUUID()}` });
  vaults.push(v);
  return v;
}
const noKeychain: KeychainBackend = {
  getPassword: () => Promise.reject(new Error('no secret service')),
  setPassword: () => Promise.reject(new Error('no secret service')),
  deletePassword: () => Promise.reject(new Error('no secret service')),
  findCredentials: () => Promise.reject(new Error('no secret service')),
};

describe('createBackend', () => {
  it('answers app:info with the host, version and mode', async () => {
    const b = backend({ version: '9.9.9', host: 'web', platform: 'linux', workspace: 'none', vault: testVault() });
    const res = await dispatch(b.handlers, 'app:info', undefined, { host: 'web' });
    expect(res).toEqual({ ok: true, value: { name: 'Switchboard', version: '9.9.9', mode: 'demo', platform: 'linux', host: 'web', keychain: { available: true } } });
  });

  it('emits app:ready once to subscribers', async () => {
    const b = backend({ version: '1.0.0', host: 'electron', workspace: 'none', vault: testVault() });
    const seen: unknown[] = [];
    b.onEvent((event, payload) => seen.push([event, payload]));
    await b.ready;
    expect(seen).toEqual([['app:ready', { mode: 'demo' }]]);
  });

  it('opens the demo workspace when no credentials are stored, on a live emulator', async () => {
    const b = backend({ version: '1.0.0', host: 'web', vault: testVault(), demo: { scale: 'tiny', activityPerMinute: 0 } });
    const res = await dispatch(b.handlers, 'app:info', undefined, { host: 'web' });
    expect(res).toMatchObject({ ok: true, value: { mode: 'demo', keychain: { available: true } } });
  });

  it('goes live when credentials are stored, without starting the demo world', async () => {
    const vault = testVault();
    await vault.setCredentials({ kind: 'oauth', clientId: 'id', clientSecret: 'secret', orgId: 'org' });
    const b = backend({ version: '1.0.0', host: 'web', vault });
    const res = await dispatch(b.handlers, 'app:info', undefined, { host: 'web' });
    expect(res).toMatchObject({ ok: true, value: { mode: 'live' } });
    expect(JSON.stringify(res)).not.toContain('secret');
  });

  it('falls back to the demo workspace and says why when there is no keychain', async () => {
    const b = backend({ version: '1.0.0', host: 'web', vault: new Vault({ keychain: noKeychain }), demo: { scale: 'tiny', activityPerMinute: 0 } });
    const res = await dispatch(b.handlers, 'app:info', undefined, { host: 'web' });
    expect(res).toMatchObject({ ok: true, value: { mode: 'demo', keychain: { available: false, message: expect.stringMatching(/keyring|keychain/i) } } });
  });
});
