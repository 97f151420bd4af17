import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../../emulator/testing/harness';
import { AppError } from '../../../shared/ipc/result';
import { RequestBudget } from '../pinkfish/budget';
import { PinkfishError } from '../pinkfish/errors';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import { checkPcid, judgePcidFailure, type PcidService } from './pcidCheck';

/**
 * The check of a pasted PCID over real HTTP: against the emulator in each of its three upstream
 * error forms (unknown, another service's, not connected, working, a Genesys permission the user
 * lacks, the Farm's faults, an unreachable host), then against a small server answering in the
 * forms the reference leaves open (bare HTTP statuses, JSON-RPC errors without the upstream body).
 */

let emu: TestEmulator;
const budgets: RequestBudget[] = [];
const UNKNOWN = 'pasted-unknown-pcid-5e1d';

function clientFor(base: string): McpClient {
  const budget = new RequestBudget();
  budgets.push(budget);
  const tokens = new TokenManager({ credentials: { kind: 'oauth', ...emu.credentials }, authBase: base });
  return new McpClient({ tokens, budget, mcpBase: base, timeoutMs: 5_000, maxAutoRetryAfterS: 0 });
}

async function check(service: PcidService, pcid: string, base = emu.url): Promise<AppError | null> {
  return checkPcid(service, pcid, { client: clientFor(base), host: new URL(base).host, timeoutMs: 5_000 });
}

const byName = (name: string) => (emu.control.connections() as Array<{ id: string; name: string }>).find((c) => c.name === name)!.id;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  for (const b of budgets.splice(0)) b.close();
  await emu?.stop();
});

describe('checkPcid against the emulator', () => {
  for (const errorMode of ['isError', 'structured', 'jsonrpc'] as const) {
    it(`reads every verdict in the ${errorMode} form, and never repeats the PCID`, async () => {
      emu.control.setConfig({ errorMode });
      try {
        const cases: Array<[PcidService, string, Partial<AppError> | null]> = [
          ['genesys', UNKNOWN, { code: 'not_found', field: 'genesys' }],
          ['unipile', UNKNOWN, { code: 'not_found', field: 'unipile' }],
          ['genesys', byName('My Gmail'), { code: 'invalid_input', field: 'genesys' }],
          ['unipile', byName('Genesys Cloud (Demo Org)'), { code: 'invalid_input', field: 'unipile' }],
          ['genesys', byName('Genesys Cloud (old sandbox)'), { code: 'forbidden', field: 'genesys' }],
          ['unipile', byName('Unipile (expired)'), { code: 'forbidden', field: 'unipile' }],
          ['genesys', byName('Genesys Cloud (Demo Org)'), null],
          ['unipile', byName('Unipile Messaging'), null],
        ];
        for (const [service, pcid, expected] of cases) {
          const err = await check(service, pcid);
          if (expected === null) {
            expect(err, `${service} ${pcid}`).toBeNull();
            continue;
          }
          expect(err, `${service} ${pcid}`).toMatchObject(expected);
          expect(err!.message).toContain(service === 'genesys' ? 'pasted for Genesys' : 'pasted for Unipile');
          expect(err!.message).not.toMatch(/PCID/);
          expect(err!.message).not.toContain(pcid);
        }
        expect((await check('genesys', UNKNOWN))!.message).toMatch(/PinkConnect has no connection with the id pasted for Genesys/);
        expect((await check('genesys', byName('My Gmail')))!.message).toMatch(/belongs to another service, not Genesys Cloud/);
        expect((await check('unipile', byName('Unipile (expired)')))!.message).toMatch(/not connected in PinkConnect/);
      } finally {
        emu.control.setConfig({ errorMode: 'isError' });
      }
    });
  }

  it('takes a Genesys 403 for a missing permission as a PCID that works (Genesys answered through it)', async () => {
    emu.control.act('genesys', 'permissions', { revoke: ['chat:setting:view', 'chat:setting:edit'] });
    try {
      expect(await check('genesys', byName('Genesys Cloud (Demo Org)'))).toBeNull();
      // And still refuses an unknown one.
      expect(await check('genesys', UNKNOWN)).toMatchObject({ code: 'not_found' });
    } finally {
      emu.control.act('genesys', 'permissions', { reset: true });
    }
  });

  it('says "could not check", never "wrong PCID", when the platform fails or cannot be reached', async () => {
    const good = byName('Genesys Cloud (Demo Org)');
    for (const errorKind of ['upstream-503', 'upstream-500', 'http-503'] as const) {
      emu.control.setFaults({ errorRate: 1, errorKind });
      try {
        const err = await check('genesys', good);
        expect(err, errorKind).toMatchObject({ code: 'unavailable', field: 'genesys', message: expect.stringMatching(/^Could not check the connection id pasted for Genesys: .*Nothing was saved/) });
      } finally {
        emu.control.setFaults({ errorRate: 0 });
      }
    }
    emu.control.setFaults({ burst429: 1, burstRetryAfterSeconds: 7 });
    try {
      expect(await check('unipile', byName('Unipile Messaging'))).toMatchObject({ code: 'rate_limited', retryAfter: 7, message: expect.stringMatching(/Could not check the connection id pasted for Unipile: .*try again in 7 s/) });
    } finally {
      emu.control.setFaults({ burst429: 0 });
    }

    // Token host up, Farm down: the network is blamed, not the PCID.
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const budget = new RequestBudget();
    budgets.push(budget);
    const client = new McpClient({ tokens: new TokenManager({ credentials: { kind: 'oauth', ...emu.credentials }, authBase: emu.url }), budget, mcpBase: `http://127.0.0.1:${port}`, maxAutoRetryAfterS: 0 });
    const err = await checkPcid('unipile', UNKNOWN, { client, host: `127.0.0.1:${port}` });
    expect(err).toMatchObject({ code: 'network', field: 'unipile', message: `Could not check the connection id pasted for Unipile: Pinkfish (127.0.0.1:${port}) cannot be reached. Nothing was saved, and the id may well be right; check the network, then try again.` });
  });
});

describe('checkPcid against the forms the reference leaves open', () => {
  type Reply = (req: IncomingMessage, res: ServerResponse) => void;
  let reply: Reply = (_req, res) => res.end();
  let base = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/oauth/token')) {
        res.setHeader('Content-Type', 'application/json');
        return void res.end(JSON.stringify({ access_token: 'opaque-token', expires_in: 3600 }));
      }
      req.resume();
      req.on('end', () => reply(req, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(() => close());

  const send = (status: number, body: unknown, type = 'application/json'): Reply => (_req, res) => {
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const rpcError = (error: unknown) => send(200, { jsonrpc: '2.0', id: 1, error });
  const toolError = (body: Record<string, unknown>) => send(200, { jsonrpc: '2.0', id: 1, result: { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] } });

  const cases: Array<[string, Reply, PcidService, Partial<AppError> | null]> = [
    ['a bare HTTP 404', send(404, 'Not Found', 'text/plain'), 'genesys', { code: 'not_found' }],
    ['a bare HTTP 403', send(403, ''), 'unipile', { code: 'forbidden', message: expect.stringMatching(/did not let these credentials use the connection pasted for Unipile/) }],
    ['HTTP 401 even with a fresh token', send(401, ''), 'genesys', { code: 'forbidden' }],
    ['a JSON-RPC -32000 error naming the connection, no upstream body', rpcError({ code: -32000, message: `Connection ${UNKNOWN} not found` }), 'genesys', { code: 'not_found' }],
    ['a JSON-RPC -32602 on the PCID argument', rpcError({ code: -32602, message: "Invalid params: 'PCID' is not a valid connection id" }), 'unipile', { code: 'not_found' }],
    ['a JSON-RPC error about another service', rpcError({ code: -32000, message: 'PCID belongs to a connection of another service' }), 'unipile', { code: 'invalid_input' }],
    ['an isError 403 about another organisation', toolError({ status: 403, message: 'This connection belongs to another organisation' }), 'genesys', { code: 'forbidden' }],
    ['Unipile: the account behind the connection is disconnected', toolError({ status: 401, type: 'errors/disconnected_account', title: 'Disconnected account' }), 'unipile', { code: 'forbidden' }],
    ['a JSON-RPC -32603 internal error', rpcError({ code: -32603, message: 'Internal error' }), 'genesys', { code: 'unavailable', message: expect.stringMatching(/^Could not check/) }],
    ['a reply that is not JSON', send(200, '<html>oops</html>', 'text/html'), 'genesys', { code: 'protocol', message: expect.stringMatching(/^Could not check the connection id pasted for Genesys: Pinkfish's answer could not be read/) }],
    ['a result', send(200, { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: '{"items":[],"cursor":null}' }], structuredContent: { items: [], cursor: null } } }), 'unipile', null],
  ];
  for (const [label, r, service, expected] of cases) {
    it(label, async () => {
      reply = r;
      const err = await check(service, UNKNOWN, base);
      if (expected === null) expect(err).toBeNull();
      else {
        expect(err).toMatchObject({ field: service, ...expected });
        expect(err!.message).not.toContain(UNKNOWN);
      }
    });
  }
});

describe('judgePcidFailure', () => {
  it('does not read the PCID itself as part of the answer', () => {
    const pcid = 'unknown-not-found-1234';
    const err = new PinkfishError('forbidden', `PinkConnect connection '${pcid}' is error; reconnect it.`, { status: 403, upstreamCode: 'connection.not.connected' });
    expect(judgePcidFailure(err, 'unipile', pcid)).toBe('not_connected');
  });

  it('anything but an AppError is unreadable, not a wrong PCID', () => {
    expect(judgePcidFailure(new Error('boom'), 'genesys', UNKNOWN)).toBe('unreadable');
    expect(judgePcidFailure(new AppError('network', 'down'), 'genesys', UNKNOWN)).toBe('unreachable');
  });
});
