import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories } from './fakeServices';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ factories: fakeFactories(), tokenTtl: 600 });
});
afterAll(() => emu.stop());

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('POST /oauth/token', () => {
  it('issues a JWT-looking bearer token from form credentials, with expires_in = tokenTtl', async () => {
    const res = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: formHeaders,
      body: form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'org:demo-org' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(600);
    const parts = body.access_token.split('.');
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.selectedOrg).toBe('demo-org');
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
  });

  it('accepts client credentials in Authorization: Basic', async () => {
    const res = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: { ...formHeaders, Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: form({ grant_type: 'client_credentials', scope: 'org:demo-org' }),
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const mcp = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'ping' }, { Authorization: `Bearer ${access_token}` });
    expect(mcp.httpStatus).toBe(200);
  });

  it('rejects a bad client with 401 invalid_client', async () => {
    for (const init of [
      { headers: formHeaders, body: form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'nope', scope: 'org:demo-org' }) },
      { headers: { ...formHeaders, Authorization: `Basic ${Buffer.from('who:what').toString('base64')}` }, body: form({ grant_type: 'client_credentials', scope: 'org:demo-org' }) },
    ]) {
      const res = await fetch(`${emu.url}/oauth/token`, { method: 'POST', ...init });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
  });

  it('rejects another org with invalid_scope, and other grants with unsupported_grant_type', async () => {
    const bad = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: formHeaders,
      body: form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'org:other-org' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_scope');
    const grant = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: formHeaders,
      body: form({ grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'org:demo-org' }),
    });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('requires a form body', async () => {
    const res = await fetch(`${emu.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('POST /auth/token (legacy exchange)', () => {
  it('exchanges the API key (or the client secret) and org for a working token', async () => {
    for (const key of ['demo-api-key', 'demo-secret']) {
      const res = await fetch(`${emu.url}/auth/token`, { method: 'POST', headers: { 'X-Api-Key': key, 'X-Selected-Org': 'demo-org', 'Content-Type': 'application/json' } });
      expect(res.status).toBe(200);
      const { token } = (await res.json()) as { token: string };
      const mcp = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { Authorization: `Bearer ${token}` });
      expect(mcp.httpStatus).toBe(200);
    }
  });

  it('rejects a bad key with 401 and a JSON error, and a foreign org with 403', async () => {
    const bad = await fetch(`${emu.url}/auth/token`, { method: 'POST', headers: { 'X-Api-Key': 'wrong', 'X-Selected-Org': 'demo-org' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'unauthorized', message: 'Invalid API key' });
    const org = await fetch(`${emu.url}/auth/token`, { method: 'POST', headers: { 'X-Api-Key': 'demo-api-key', 'X-Selected-Org': 'elsewhere' } });
    expect(org.status).toBe(403);
  });
});

describe('GET /manage/user-connections', () => {
  type Row = { id: string; name: string; service_key: string; status: string };

  it('answers with Auth-Token: Bearer and with Authorization: Bearer', async () => {
    const a = await fetch(`${emu.url}/manage/user-connections`, { headers: { 'Auth-Token': `Bearer ${emu.token}` } });
    const b = await fetch(`${emu.url}/manage/user-connections`, { headers: { Authorization: `Bearer ${emu.token}` } });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const rows = (await a.json()) as Row[];
    expect(await b.json()).toEqual(rows);
    expect(rows.length).toBe(5);
    expect(new Set(rows.map((r) => r.service_key))).toEqual(new Set(['genesys', 'unipile-api', 'gmail']));
  });

  it('filters by statuses, so the usable PCIDs are one genesys and one unipile connection', async () => {
    const res = await fetch(`${emu.url}/manage/user-connections?statuses=connected&format=light`, { headers: { 'Auth-Token': `Bearer ${emu.token}` } });
    const rows = (await res.json()) as Row[];
    expect(rows.every((r) => r.status === 'connected')).toBe(true);
    expect(rows.filter((r) => r.service_key === 'genesys').map((r) => r.id)).toEqual([emu.pcids.genesys]);
    expect(rows.filter((r) => r.service_key.startsWith('unipile')).map((r) => r.id)).toEqual([emu.pcids.unipile]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['id', 'name', 'service_key', 'status']);
    const other = await fetch(`${emu.url}/manage/user-connections?statuses=disconnected,error`, { headers: { 'Auth-Token': `Bearer ${emu.token}` } });
    const otherRows = (await other.json()) as Row[];
    expect(otherRows.map((r) => r.status).sort()).toEqual(['disconnected', 'error']);
  });

  it('rejects an unknown status and a missing token', async () => {
    const bad = await fetch(`${emu.url}/manage/user-connections?statuses=conected`, { headers: { 'Auth-Token': `Bearer ${emu.token}` } });
    expect(bad.status).toBe(400);
    const none = await fetch(`${emu.url}/manage/user-connections`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe('invalid_token');
  });
});

describe('bearer token on MCP paths', () => {
  const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

  it('401 with a JSON body when the token is missing or unknown', async () => {
    const missing = await fetch(`${emu.url}/genesys-chat`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(list) });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/missing bearer token/);
    const unknown = await emu.rpc('genesys-chat', list, { Authorization: 'Bearer not-a-token' });
    expect(unknown.httpStatus).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('401 once the token expires on the emulator clock, and a fresh token works again', async () => {
    const token = emu.token;
    expect((await emu.rpc('genesys-chat', list)).httpStatus).toBe(200);
    emu.control.advanceClock(600_000);
    const expired = await emu.rpc('genesys-chat', list, { Authorization: `Bearer ${token}` });
    expect(expired.httpStatus).toBe(401);
    expect((expired.json as { error: { message: string } }).error.message).toMatch(/expired/);
    const conns = await fetch(`${emu.url}/manage/user-connections`, { headers: { 'Auth-Token': `Bearer ${token}` } });
    expect(conns.status).toBe(401);
    await emu.refreshToken();
    expect((await emu.rpc('genesys-chat', list)).httpStatus).toBe(200);
  });

  it('403 when X-Selected-Org names another org', async () => {
    const res = await emu.rpc('genesys-chat', list, { 'X-Selected-Org': 'another-org' });
    expect(res.httpStatus).toBe(403);
    expect((await emu.rpc('genesys-chat', list, { 'X-Selected-Org': 'demo-org' })).httpStatus).toBe(200);
  });
});
