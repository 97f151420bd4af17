import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { runProbes } from './probe';
import { singleHostEndpoints } from './endpoints';

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
});

async function probe(options: Parameters<typeof startEmulator>[0] = {}) {
  const e = await startEmulator({ scale: 'tiny', seed: 3, ...options });
  running.push(e);
  const { clientId, clientSecret, orgId } = e.credentials;
  const report = await runProbes({ credentials: { kind: 'oauth', clientId, clientSecret, orgId }, endpoints: singleHostEndpoints(e.url) });
  return { e, report };
}

describe('probes against the emulator', () => {
  it('observes the handshake, connections, error forms, binary forms and drift', async () => {
    const { e, report } = await probe();
    expect(report.token.ok).toBe(true);
    expect(report.handshake?.initialize).toBe('answered');
    expect(report.connections?.header).toBe('Auth-Token');
    expect(report.connections?.serviceKeys).toEqual(expect.arrayContaining(['genesys']));
    expect(report.connections?.fields).toEqual(expect.arrayContaining(['id', 'name', 'service_key', 'status']));
    expect(report.errorForms?.['genesys get_chats_room (bogus jid)']).toMatch(/isError/);
    expect(report.binaryForms?.profilePicture).toMatch(/success/);
    expect(report.badTokenOnMcp).toBe(401);
    expect(report.drift?.['genesys-chat']).toEqual({ added: [], removed: [], changed: [] });
    expect(report.drift?.['unipile-messaging']).toEqual({ added: [], removed: [], changed: [] });
    // Nothing secret in the report: not the secret, not a PCID, not a token.
    const text = JSON.stringify(report);
    expect(text).not.toContain(e.credentials.clientSecret);
    for (const c of e.control.connections()) expect(text).not.toContain(c.id);
  });

  it.each([
    ['structured', /structured error/],
    ['jsonrpc', /JSON-RPC error/],
  ] as const)('tells the %s error form apart', async (errorMode, form) => {
    const { report } = await probe({ errorMode });
    expect(report.errorForms?.['unipile get_chat (bogus id)']).toMatch(form);
  });

  it.each([
    ['image', /image/],
    ['url', /structuredContent keys: .*url/],
  ] as const)('tells the %s binary form apart', async (binaryMode, form) => {
    const { report } = await probe({ binaryMode });
    expect(report.binaryForms?.profilePicture).toMatch(form);
  });

  it('reports failed credentials without going further', async () => {
    const e = await startEmulator({ scale: 'tiny' });
    running.push(e);
    const report = await runProbes({ credentials: { kind: 'oauth', clientId: 'x', clientSecret: 'y', orgId: 'z' }, endpoints: singleHostEndpoints(e.url) });
    expect(report.token).toMatchObject({ ok: false, error: expect.stringMatching(/^auth:/) });
    expect(report.handshake).toBeUndefined();
  });
});
