import { McpClient } from './mcpClient';
import { RequestBudget } from './budget';
import { TokenManager } from './tokens';
import { listConnections, pickConnections, type Connection } from './connections';
import { compareCatalog, type CatalogDrift } from './catalogDrift';
import { parseJson, timedFetch, type FetchFn } from './http';
import { parseSse } from './decode';
import type { PinkfishEndpoints } from './endpoints';
import type { PinkfishCredentials } from '../vault/vault';
import genesysCatalog from '../../../shared/catalog/genesys-chat.tools.json';
import unipileCatalog from '../../../shared/catalog/unipile-messaging.tools.json';

/**
 * The open-question probes of pinkfish-platform.md §9, run against a live
 * account or the emulator. They record what was observed (status codes, reply
 * forms, field names), never a token, secret or PCID, so the report can be
 * pasted into an issue as is.
 */

export interface ProbeReport {
  target: string;
  token: { ok: boolean; error?: string; exchangeMs?: number };
  handshake?: { initialize: string; sessionIdHeader: boolean; protocolVersion?: string; initializedNotification?: number; getStream?: number };
  connections?: { header: 'Auth-Token' | 'Authorization' | 'neither'; fields: string[]; serviceKeys: string[]; lightFields?: string[]; badTokenStatus?: number };
  errorForms?: Record<string, string>;
  binaryForms?: Record<string, string>;
  badTokenOnMcp?: number;
  drift?: Record<string, CatalogDrift | { error: string }>;
  notes: string[];
}

export interface ProbeOptions {
  credentials: PinkfishCredentials;
  endpoints: PinkfishEndpoints;
  fetch?: FetchFn;
  timeoutMs?: number;
}

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code}: ${e.message ?? ''}` : String(err);
}

/** Describes the form a reply took, without its content. */
export function replyForm(body: unknown): string {
  const b = body as { error?: { code?: number }; result?: Record<string, unknown> } | undefined;
  if (!b || typeof b !== 'object') return 'not JSON-RPC';
  if (b.error) return `JSON-RPC error ${b.error.code ?? '?'}`;
  const r = b.result;
  if (!r) return 'no result';
  const blocks = Array.isArray(r.content) ? (r.content as Array<{ type?: string }>).map((c) => c.type).join('+') : 'none';
  const sc = r.structuredContent as Record<string, unknown> | undefined;
  if (r.isError === true) return `isError (content: ${blocks}${sc ? `, structuredContent keys: ${Object.keys(sc).join(',')}` : ''})`;
  if (sc && ('error' in sc || (typeof sc.status === 'number' && sc.status >= 400))) return `structured error (keys: ${Object.keys(sc).join(',')})`;
  return `success (content: ${blocks}${sc ? `, structuredContent keys: ${Object.keys(sc).slice(0, 8).join(',')}` : ''})`;
}

export async function runProbes(options: ProbeOptions): Promise<ProbeReport> {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const { endpoints } = options;
  const report: ProbeReport = { target: endpoints.mcpBase, token: { ok: false }, notes: [] };
  const tokens = new TokenManager({ credentials: options.credentials, authBase: endpoints.authBase, fetch: fetchFn });
  const t0 = Date.now();
  let token: string;
  try {
    token = await tokens.getToken();
    report.token = { ok: true, exchangeMs: Date.now() - t0 };
  } catch (err) {
    report.token = { ok: false, error: errorText(err) };
    return report;
  }
  const budget = new RequestBudget({ perHour: 200, perDay: 400 });
  const client = new McpClient({ tokens, budget, mcpBase: endpoints.mcpBase, fetch: fetchFn, timeoutMs });
  const headers = { Authorization: `Bearer ${token}`, 'X-Selected-Org': options.credentials.orgId, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const { response, text } = await timedFetch(fetchFn, `${endpoints.mcpBase}${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) }, { timeoutMs });
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('text/event-stream') ? parseSse(text)[0] : parseJson(text);
    return { response, parsed };
  };

  // §9.1 the MCP handshake
  try {
    const init = await post('/genesys-chat', { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'switchboard-probe', version: '1' } } });
    const result = (init.parsed as { result?: { protocolVersion?: string } })?.result;
    const sessionId = init.response.headers.get('mcp-session-id');
    report.handshake = { initialize: result ? 'answered' : `HTTP ${init.response.status}, ${replyForm(init.parsed)}`, sessionIdHeader: sessionId !== null };
    if (result?.protocolVersion) report.handshake.protocolVersion = result.protocolVersion;
    const note = await timedFetch(fetchFn, `${endpoints.mcpBase}/genesys-chat`, { method: 'POST', headers: { ...headers, ...(sessionId ? { 'Mcp-Session-Id': sessionId } : {}) }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) }, { timeoutMs });
    report.handshake.initializedNotification = note.response.status;
    const get = await timedFetch(fetchFn, `${endpoints.mcpBase}/genesys-chat`, { method: 'GET', headers: { Authorization: headers.Authorization, Accept: 'text/event-stream' } }, { timeoutMs: 5_000 }).catch(() => null);
    if (get) report.handshake.getStream = get.response.status;
  } catch (err) {
    report.notes.push(`handshake probe failed: ${errorText(err)}`);
  }

  // §9.4/9.5 connections: which header, which fields
  let conns: Connection[] = [];
  try {
    const url = `${endpoints.proxyBase}/manage/user-connections`;
    const viaAuthToken = await timedFetch(fetchFn, url, { headers: { 'Auth-Token': `Bearer ${token}` } }, { timeoutMs });
    const viaAuthorization = await timedFetch(fetchFn, url, { headers: { Authorization: `Bearer ${token}` } }, { timeoutMs });
    const header = viaAuthToken.response.ok ? 'Auth-Token' : viaAuthorization.response.ok ? 'Authorization' : 'neither';
    conns = await listConnections({ tokens, proxyBase: endpoints.proxyBase, fetch: fetchFn });
    const light = await timedFetch(fetchFn, `${url}?format=light`, { headers: { 'Auth-Token': `Bearer ${token}` } }, { timeoutMs });
    const lightBody = parseJson(light.text);
    const bad = await timedFetch(fetchFn, url, { headers: { 'Auth-Token': 'Bearer not-a-token' } }, { timeoutMs });
    report.connections = {
      header,
      fields: [...new Set(conns.flatMap((c) => Object.keys(c)))].sort(),
      serviceKeys: [...new Set(conns.map((c) => c.service_key))].sort(),
      badTokenStatus: bad.response.status,
    };
    if (Array.isArray(lightBody)) report.connections.lightFields = [...new Set(lightBody.flatMap((c) => (c && typeof c === 'object' ? Object.keys(c) : [])))].sort();
  } catch (err) {
    report.notes.push(`connections probe failed: ${errorText(err)}`);
  }
  const picked = pickConnections(conns);
  const genesysPcid = picked.genesys.find((c) => c.status === 'connected')?.id;
  const unipilePcid = picked.unipile.find((c) => c.status === 'connected')?.id;
  if (!genesysPcid) report.notes.push('no connected Genesys connection: Genesys probes skipped');
  if (!unipilePcid) report.notes.push('no connected Unipile connection: Unipile probes skipped');

  // §9.2 error forms for upstream 404s
  report.errorForms = {};
  const probeCall = async (label: string, server: 'genesys-chat' | 'unipile-messaging', name: string, args: Record<string, unknown>) => {
    try {
      const r = await post(`/${server}`, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } });
      report.errorForms![label] = `HTTP ${r.response.status}, ${replyForm(r.parsed)}`;
      return r.parsed;
    } catch (err) {
      report.errorForms![label] = `failed: ${errorText(err)}`;
      return undefined;
    }
  };
  if (genesysPcid) await probeCall('genesys get_chats_room (bogus jid)', 'genesys-chat', 'genesys_chat_get_chats_room', { PCID: genesysPcid, roomJid: '000000000000000000000000@conference.invalid.orgspan.com' });
  if (unipilePcid) await probeCall('unipile get_chat (bogus id)', 'unipile-messaging', 'unipile_messaging_get_chat', { PCID: unipilePcid, chat_id: 'AAAAAAAAAAAAAAAAAAAAAA' });
  await probeCall('PCID from another service', 'unipile-messaging', 'unipile_messaging_list_all_chats', { PCID: genesysPcid ?? 'none', limit: 1 });

  // §9.8 a bad token on the Farm
  try {
    const bad = await timedFetch(fetchFn, `${endpoints.mcpBase}/genesys-chat`, { method: 'POST', headers: { ...headers, Authorization: 'Bearer not-a-token' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) }, { timeoutMs });
    report.badTokenOnMcp = bad.response.status;
  } catch (err) {
    report.notes.push(`bad-token probe failed: ${errorText(err)}`);
  }

  // §9.3 binary forms
  report.binaryForms = {};
  if (unipilePcid) {
    try {
      const attendees = (await client.callTool('unipile-messaging', 'unipile_messaging_list_all_attendees', { PCID: unipilePcid, limit: 50 })).value as { items?: Array<{ id: string; picture_url?: string }> };
      const attendee = attendees.items?.find((a) => a.picture_url) ?? attendees.items?.[0];
      if (attendee) {
        const r = await post('/unipile-messaging', { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'unipile_messaging_get_attendee_profile_picture', arguments: { PCID: unipilePcid, id: attendee.id } } });
        report.binaryForms.profilePicture = `HTTP ${r.response.status}, ${replyForm(r.parsed)}`;
      }
      const messages = (await client.callTool('unipile-messaging', 'unipile_messaging_list_all_messages', { PCID: unipilePcid, limit: 100 })).value as { items?: Array<{ id: string; attachments?: Array<{ id: string }> }> };
      const withFile = messages.items?.find((m) => (m.attachments ?? []).length > 0);
      if (withFile) {
        const r = await post('/unipile-messaging', { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'unipile_messaging_get_message_attachment', arguments: { PCID: unipilePcid, message_id: withFile.id, attachment_id: withFile.attachments![0]!.id } } });
        report.binaryForms.attachment = `HTTP ${r.response.status}, ${replyForm(r.parsed)}`;
      } else report.notes.push('no message with an attachment among the 100 newest: attachment form not probed');
    } catch (err) {
      report.notes.push(`binary probe failed: ${errorText(err)}`);
    }
  }

  // Catalog drift
  report.drift = {};
  for (const [server, catalog] of [['genesys-chat', genesysCatalog], ['unipile-messaging', unipileCatalog]] as const) {
    try {
      report.drift[server] = compareCatalog(catalog.tools, await client.listTools(server));
    } catch (err) {
      report.drift[server] = { error: errorText(err) };
    }
  }
  budget.close();
  return report;
}
