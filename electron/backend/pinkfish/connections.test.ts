import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listConnections, pickConnections } from './connections';
import { TokenManager } from './tokens';

// PinkConnect variants the emulator does not produce: a proxy that only honours the documented
// `Authorization` header, and list envelopes other than a bare array.
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function proxy(handler: (headers: Record<string, string | string[] | undefined>) => { status: number; body: unknown }): Promise<string> {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/oauth/token')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    const out = handler(req.headers);
    res.writeHead(out.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(out.body));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}
const tokensFor = (base: string) => new TokenManager({ credentials: { kind: 'oauth', clientId: 'a', clientSecret: 'b', orgId: 'c' }, authBase: base });

describe('listConnections', () => {
  it('falls back to Authorization when Auth-Token is refused', async () => {
    const seen: string[] = [];
    const base = await proxy((h) => {
      seen.push(h['auth-token'] ? 'Auth-Token' : h.authorization ? 'Authorization' : 'none');
      return h.authorization === 'Bearer tok' ? { status: 200, body: [{ id: 'p1', name: 'G', service_key: 'genesys', status: 'connected' }] } : { status: 401, body: { error: 'unauthorized' } };
    });
    const list = await listConnections({ tokens: tokensFor(base), proxyBase: base });
    expect(list.map((c) => c.id)).toEqual(['p1']);
    expect(seen).toEqual(['Auth-Token', 'Authorization']);
  });

  it('accepts a wrapped list and skips malformed entries', async () => {
    const base = await proxy(() => ({ status: 200, body: { items: [{ id: 'p1', service_key: 'unipile', status: 'connected' }, { name: 'no id' }, { id: 'p2', name: 'G', service_key: 'GENESYS', status: 'error', application: 'x' }] } }));
    const list = await listConnections({ tokens: tokensFor(base), proxyBase: base });
    expect(list.map((c) => c.id)).toEqual(['p1', 'p2']);
    expect(list[1]).toMatchObject({ application: 'x' });
    const picked = pickConnections(list);
    expect(picked.genesys.map((c) => c.id)).toEqual(['p2']);
    expect(picked.unipile.map((c) => c.id)).toEqual(['p1']);
  });

  it('refuses an unexpected shape with a protocol error and a 403 with forbidden', async () => {
    let reply = { status: 200, body: { hello: 'world' } as unknown };
    const base = await proxy(() => reply);
    await expect(listConnections({ tokens: tokensFor(base), proxyBase: base })).rejects.toMatchObject({ code: 'protocol' });
    reply = { status: 403, body: { message: 'Not allowed', status: 403 } };
    await expect(listConnections({ tokens: tokensFor(base), proxyBase: base })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('pickConnections', () => {
  it('puts connected candidates first for each server', () => {
    const picked = pickConnections([
      { id: 'a', name: '', service_key: 'genesys', status: 'disconnected' },
      { id: 'b', name: '', service_key: 'genesys', status: 'connected' },
      { id: 'c', name: '', service_key: 'unipile-api', status: 'connected' },
      { id: 'd', name: '', service_key: 'gmail', status: 'connected' },
    ]);
    expect(picked.genesys.map((c) => c.id)).toEqual(['b', 'a']);
    expect(picked.unipile.map((c) => c.id)).toEqual(['c']);
  });
});
