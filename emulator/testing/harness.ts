/**
 * The emulator as the other test suites use it: a started emulator, a token,
 * the two PCIDs, and `call`/`rpc` over real HTTP (global fetch), the way the
 * backend will talk to the real Farm.
 */
import type { EmulatorControl } from '../core/control';
import type { EmulatorOptions } from '../core/options';
import { startEmulatorCore, type RunningEmulator, type ServiceFactory } from '../core/server';
import type { ServiceModule } from '../core/types';

export type ServerName = 'genesys-chat' | 'unipile-messaging' | 'mcp';

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

/** The MCP `tools/call` result as the emulator sends it. */
export interface ToolResult {
  content: Array<{ type: string; text?: string; data?: string; mimeType?: string; resource?: { uri: string; mimeType?: string; blob?: string } }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface CallResponse {
  httpStatus: number;
  /** Present when the JSON-RPC reply has a `result`. */
  result?: ToolResult;
  /** Present for a JSON-RPC `error`, and for HTTP-level failures that carry one (401, 406, 429 …). */
  error?: RpcErrorBody;
  /** The response headers (Retry-After …). */
  headers: Headers;
}

export interface RawResponse {
  httpStatus: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON (or an SSE `message` frame holding JSON). */
  json?: unknown;
}

export interface TestEmulatorOptions extends EmulatorOptions {
  /** Replace the real Genesys/Unipile services (core tests use a fake). */
  factories?: Record<string, ServiceFactory>;
}

export interface TestEmulator {
  url: string;
  /** A valid bearer token (client-credentials grant). `refreshToken()` replaces it. */
  token: string;
  pcids: { genesys: string; unipile: string };
  credentials: RunningEmulator['credentials'];
  services: Record<string, ServiceModule>;
  control: EmulatorControl;
  /** tools/call on a server. PCID is filled in for the server unless `args` has its own `PCID` key. */
  call(server: ServerName, tool: string, args?: Record<string, unknown>, headers?: Record<string, string>): Promise<CallResponse>;
  /** Like `call`, but returns the decoded value and throws with the server's message on any failure. */
  callOk<T = Record<string, unknown>>(server: ServerName, tool: string, args?: Record<string, unknown>): Promise<T>;
  /** POST any body (object → JSON, string → as is) to a server path with the usual headers, overridable. */
  rpc(server: ServerName | `/${string}`, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  /** Run the client-credentials grant again and use the new token from now on. */
  refreshToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function fetchToken(url: string, credentials: RunningEmulator['credentials']): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: `org:${credentials.orgId}` }),
  });
  if (!res.ok) throw new Error(`token exchange failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

function parseBody(text: string, contentType: string): unknown {
  let payload = text;
  if (contentType.includes('text/event-stream')) {
    const data = text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart());
    payload = data.join('\n');
  }
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const { factories, ...emulatorOpts } = opts;
  // Loaded lazily so core tests with fake factories do not load the real services.
  const resolved = factories ?? (await import('../index')).defaultServiceFactories;
  const emulator = await startEmulatorCore({ scale: 'tiny', enableControl: true, seed: 1, ...emulatorOpts }, resolved);
  const { url, credentials } = emulator;
  let token = await fetchToken(url, credentials);

  const connRes = await fetch(`${url}/manage/user-connections?statuses=connected`, { headers: { 'Auth-Token': `Bearer ${token}` } });
  const conns = (await connRes.json()) as Array<{ id: string; service_key: string }>;
  const pcids = {
    genesys: conns.find((c) => c.service_key === 'genesys')?.id ?? '',
    unipile: conns.find((c) => c.service_key.startsWith('unipile'))?.id ?? '',
  };

  let nextId = 1;
  const rpc: TestEmulator['rpc'] = async (server, body, headers = {}) => {
    const path = server.startsWith('/') ? server : `/${server}`;
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { httpStatus: res.status, headers: res.headers, text, json: parseBody(text, res.headers.get('content-type') ?? '') };
  };

  const call: TestEmulator['call'] = async (server, tool, args = {}, headers) => {
    const withPcid = { ...args };
    if (!Object.hasOwn(args, 'PCID')) {
      if (server === 'genesys-chat') withPcid.PCID = pcids.genesys;
      if (server === 'unipile-messaging') withPcid.PCID = pcids.unipile;
    }
    const raw = await rpc(server, { jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name: tool, arguments: withPcid } }, headers);
    const msg = (raw.json ?? {}) as { result?: ToolResult; error?: RpcErrorBody };
    return { httpStatus: raw.httpStatus, headers: raw.headers, ...(msg.result ? { result: msg.result } : {}), ...(msg.error ? { error: msg.error } : {}) };
  };

  const callOk = async <T,>(server: ServerName, tool: string, args?: Record<string, unknown>): Promise<T> => {
    const r = await call(server, tool, args);
    if (r.error) throw new Error(`${tool}: HTTP ${r.httpStatus}, JSON-RPC ${r.error.code} ${r.error.message}`);
    if (!r.result) throw new Error(`${tool}: HTTP ${r.httpStatus} without a result`);
    const sc = r.result.structuredContent;
    if (r.result.isError || (sc && 'error' in sc && 'status' in sc)) throw new Error(`${tool}: tool error ${r.result.content[0]?.text ?? JSON.stringify(sc)}`);
    if (sc) return sc as T;
    const text = r.result.content[0]?.text;
    return (text === undefined ? {} : JSON.parse(text)) as T;
  };

  return {
    url,
    get token() {
      return token;
    },
    pcids,
    credentials,
    services: emulator.services,
    control: emulator.control,
    call,
    callOk,
    rpc,
    async refreshToken() {
      token = await fetchToken(url, credentials);
      return token;
    },
    stop: () => emulator.stop(),
  };
}
