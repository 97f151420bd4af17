import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories, type FakeWorld } from './fakeServices';

let emu: TestEmulator;
const world: FakeWorld = { posted: [], activity: 0 };
beforeAll(async () => {
  emu = await startTestEmulator({ factories: fakeFactories(world) });
});
afterAll(() => emu.stop());

const catalog = (name: string) => JSON.parse(readFileSync(new URL(`../../shared/catalog/${name}.tools.json`, import.meta.url), 'utf8')) as { tools: unknown[] };
type RpcReply = { jsonrpc: string; id: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } };

describe('JSON-RPC envelope and transport rules', () => {
  it('tools/list returns exactly the published catalogs, in order', async () => {
    for (const server of ['genesys-chat', 'unipile-messaging'] as const) {
      const res = await emu.rpc(server, { jsonrpc: '2.0', id: 3, method: 'tools/list' });
      expect(res.httpStatus).toBe(200);
      const reply = res.json as RpcReply;
      expect(reply.id).toBe(3);
      expect(reply.result).toEqual({ tools: catalog(server).tools });
    }
    const g = (await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} })).json as RpcReply;
    expect((g.result!.tools as unknown[]).length).toBe(34);
  });

  it('initialize negotiates a protocol version and notifications get 202 without a body', async () => {
    const init = await emu.rpc('genesys-chat', {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    const result = (init.json as RpcReply).result!;
    expect(result.protocolVersion).toBe('2025-03-26');
    expect(result.capabilities).toEqual({ tools: { listChanged: false } });
    expect((result.serverInfo as { name: string }).name).toBe('genesys-chat');
    const unknownVersion = (await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '1999-01-01' } })).json as RpcReply;
    expect(unknownVersion.result!.protocolVersion).toBe('2025-06-18');
    const note = await emu.rpc('genesys-chat', { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(note.httpStatus).toBe(202);
    expect(note.text).toBe('');
    const ping = (await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 'p', method: 'ping' })).json as RpcReply;
    expect(ping).toEqual({ jsonrpc: '2.0', id: 'p', result: {} });
  });

  it('requires Accept to include application/json', async () => {
    for (const accept of ['text/event-stream', '*/*', 'text/html']) {
      const res = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { Accept: accept });
      expect(res.httpStatus).toBe(406);
      expect((res.json as RpcReply).error).toEqual({ code: -32000, message: 'Not Acceptable: Client must accept application/json' });
    }
    const plain = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { Accept: 'application/json' });
    expect(plain.httpStatus).toBe(200);
  });

  it('requires a JSON Content-Type', async () => {
    const res = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'Content-Type': 'text/plain' });
    expect(res.httpStatus).toBe(415);
    expect((res.json as RpcReply).error!.code).toBe(-32000);
  });

  it('answers malformed JSON with -32700, a batch or a non-JSON-RPC object with -32600', async () => {
    const parse = await emu.rpc('genesys-chat', '{"jsonrpc":"2.0",');
    expect(parse.httpStatus).toBe(400);
    expect((parse.json as RpcReply).error!.code).toBe(-32700);
    const batch = await emu.rpc('genesys-chat', [{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
    expect((batch.json as RpcReply).error!.code).toBe(-32600);
    const notRpc = await emu.rpc('genesys-chat', { id: 4, method: 'ping' });
    expect(notRpc.json).toMatchObject({ id: 4, error: { code: -32600 } });
  });

  it('answers an unknown method with -32601', async () => {
    const res = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 9, method: 'resources/list' });
    expect(res.httpStatus).toBe(200);
    expect((res.json as RpcReply).error).toEqual({ code: -32601, message: 'Method not found: resources/list' });
  });

  it('answers GET and DELETE on MCP paths with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${emu.url}/genesys-chat`, { method, headers: { Authorization: `Bearer ${emu.token}`, Accept: 'text/event-stream' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and accepts localhost', async () => {
    const { request } = await import('node:http');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${emu.url}/oauth/token`, { method: 'POST', headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    const port = new URL(emu.url).port;
    expect(await status(`evil.example:${port}`)).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(400);
  });

  it('serves the same servers under /dynamic/<id>, and 404 for unknown paths', async () => {
    const res = await emu.rpc('/dynamic/unipile-messaging', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(((res.json as RpcReply).result!.tools as unknown[]).length).toBe(21);
    expect((await emu.rpc('/genesys-routing', { jsonrpc: '2.0', id: 1, method: 'tools/list' })).httpStatus).toBe(404);
  });

  it('replies as one SSE message frame when sseReplies is on and the client accepts event streams', async () => {
    emu.control.setConfig({ sseReplies: true });
    try {
      const sse = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 5, method: 'ping' });
      expect(sse.headers.get('content-type')).toBe('text/event-stream');
      expect(sse.text).toBe('event: message\ndata: {"jsonrpc":"2.0","id":5,"result":{}}\n\n');
      const json = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 5, method: 'ping' }, { Accept: 'application/json' });
      expect(json.headers.get('content-type')).toBe('application/json');
    } finally {
      emu.control.setConfig({ sseReplies: false });
    }
  });
});

describe('POST /mcp listServers', () => {
  it('lists both servers with name, path, description, embedded and tool count', async () => {
    const res = await emu.rpc('mcp', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'listServers', arguments: {} } });
    const result = (res.json as RpcReply).result as { structuredContent: { servers: unknown[] }; content: Array<{ text: string }> };
    expect(result.structuredContent.servers).toEqual([
      expect.objectContaining({ name: 'genesys-chat', path: '/genesys-chat', embedded: false, tools: 34 }),
      expect.objectContaining({ name: 'unipile-messaging', path: '/unipile-messaging', embedded: false, tools: 21 }),
    ]);
    expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent);
    const noAuth = await emu.rpc('mcp', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'listServers' } }, { Authorization: '' });
    expect(noAuth.httpStatus).toBe(401);
  });
});

describe('tools/call validation', () => {
  it('rejects an unknown tool with -32602 naming it', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_list_rooms', {});
    expect(r.error?.code).toBe(-32602);
    expect(r.error?.message).toContain("'genesys_chat_list_rooms'");
  });

  it('names a missing required field', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room', {});
    expect(r.error).toEqual({ code: -32602, message: "Invalid params: 'roomJid' is required", data: { field: 'roomJid' } });
    const noPcid = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings', { PCID: undefined });
    expect(noPcid.error?.message).toBe("Invalid params: 'PCID' is required");
  });

  it('names a field of the wrong type, including array items and nested objects', async () => {
    const limit = await emu.call('genesys-chat', 'genesys_chat_get_chats_room_messages', { roomJid: 'r@conference', limit: 50 });
    expect(limit.error?.message).toBe("Invalid params: 'limit' must be string (got integer)");
    const mention = await emu.call('genesys-chat', 'genesys_chat_post_chats_room_messages', { roomJid: 'r', message: 'hi', mentions: ['u1', 7] });
    expect(mention.error?.message).toBe("Invalid params: 'mentions[1]' must be string (got integer)");
    const nested = await emu.call('genesys-chat', 'genesys_chat_patch_chats_users_me_settings', { mobile: {} });
    expect(nested.error?.message).toBe("Invalid params: 'mobile.notifications' is required");
    const intLimit = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', { limit: 2.5 });
    expect(intLimit.error?.message).toBe("Invalid params: 'limit' must be integer (got number)");
    const args = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'genesys_chat_get_chats_settings', arguments: [] } });
    expect((args.json as RpcReply).error?.code).toBe(-32602);
  });

  it('names an enum violation with the allowed values', async () => {
    const r = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', { account_type: 'FAX' });
    expect(r.error?.code).toBe(-32602);
    expect(r.error?.message).toMatch(/^Invalid params: 'account_type' must be one of WHATSAPP, LINKEDIN, .*TELEGRAM \(got "FAX"\)$/);
    const ok = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', { account_type: 'SLACK', limit: 5 });
    expect(ok.result?.structuredContent).toMatchObject({ object: 'ChatList', limit: 5 });
  });
});

describe('PCID checks', () => {
  const rows = async () =>
    (await (await fetch(`${emu.url}/manage/user-connections`, { headers: { 'Auth-Token': `Bearer ${emu.token}` } })).json()) as Array<{ id: string; service_key: string; status: string }>;

  it('refuses a PCID of another service with a 403 tool error', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings', { PCID: emu.pcids.unipile });
    expect(r.httpStatus).toBe(200);
    expect(r.result?.isError).toBe(true);
    expect(r.result?.structuredContent).toMatchObject({ status: 403, code: 'connection.wrong.service' });
    const gmail = (await rows()).find((c) => c.service_key === 'gmail')!;
    const u = await emu.call('unipile-messaging', 'unipile_messaging_list_all_chats', { PCID: gmail.id });
    expect(u.result?.structuredContent).toMatchObject({ status: 403 });
  });

  it('refuses a disconnected connection (403) and an unknown PCID (404)', async () => {
    const disconnected = (await rows()).find((c) => c.service_key === 'genesys' && c.status === 'disconnected')!;
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings', { PCID: disconnected.id });
    expect(r.result?.structuredContent).toMatchObject({ status: 403, code: 'connection.not.connected' });
    const unknown = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings', { PCID: 'no-such-pcid' });
    expect(unknown.result?.structuredContent).toMatchObject({ status: 404, code: 'connection.not.found' });
  });

  it('passes the PCID and the token user to the handler', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_post_chats_room_messages', { roomJid: 'r1', message: 'hello' });
    expect(r.result?.structuredContent).toMatchObject({ body: 'hello', pcid: emu.pcids.genesys });
    expect(world.posted.at(-1)).toEqual({ roomJid: 'r1', message: 'hello', by: 'demo-user' });
  });
});
