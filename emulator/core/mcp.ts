import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type TokenInfo } from './auth';
import { serviceKeyMatches } from './connections';
import { BodyTooLargeError, header, readBody, send, sendEmpty, sleep } from './http';
import { isValidId, RpcCode, rpcErrorText, rpcResultText, type RpcErrorObject, type RpcId } from './jsonrpc';
import { NO_CONTENT_RESULT_JSON, renderBinary, renderUpstreamError, renderValue, type Rendered } from './results';
import type { CompiledTool, CoreState, McpEndpoint } from './state';
import { isBinaryPayload, NO_CONTENT, UpstreamError, type ToolCallContext } from './types';
import type { BodyFault } from './faults';

const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];
const DEFAULT_PROTOCOL_VERSION = '2025-06-18';
export const SERVER_VERSION = '1.0.0-emulator';

/** Send a JSON-RPC payload as JSON, or as one SSE `message` frame when the client asked for it. */
function reply(state: CoreState, req: IncomingMessage, res: ServerResponse, status: number, payload: string, bodyFault: BodyFault = 'none'): void {
  state.counters.status(status);
  let body = payload;
  let contentType = 'application/json';
  if (state.config.sseReplies && (header(req, 'accept') ?? '').includes('text/event-stream')) {
    body = `event: message\ndata: ${payload}\n\n`;
    contentType = 'text/event-stream';
  }
  if (bodyFault === 'malformed') {
    // A complete HTTP reply whose body a JSON parser rejects, like a proxy splicing in an error page.
    send(res, status, `${body.slice(0, Math.ceil(body.length / 2))}<html><body>502 Bad Gateway</body></html>`, {}, contentType);
    return;
  }
  if (bodyFault === 'truncated') {
    // Headers promise the whole body; the connection dies half way through it.
    const bytes = Buffer.from(body);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  send(res, status, body, {}, contentType);
}

function replyError(state: CoreState, req: IncomingMessage, res: ServerResponse, status: number, id: RpcId, error: RpcErrorObject, headers: Record<string, string | number> = {}): void {
  state.counters.status(status);
  send(res, status, rpcErrorText(id, error), headers);
}

function authenticate(state: CoreState, req: IncomingMessage, res: ServerResponse): TokenInfo | undefined {
  const check = state.tokens.check(bearer(header(req, 'authorization')));
  if (!check.ok) {
    const message =
      check.reason === 'missing' ? 'Unauthorized: missing bearer token' : check.reason === 'expired' ? 'Unauthorized: token expired' : 'Unauthorized: invalid token';
    replyError(state, req, res, 401, null, { code: RpcCode.Server, message }, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` });
    return undefined;
  }
  const org = header(req, 'x-selected-org');
  if (org !== undefined && org !== check.info.org) {
    replyError(state, req, res, 403, null, { code: RpcCode.Server, message: `Forbidden: X-Selected-Org '${org}' does not match the token's organization` });
    return undefined;
  }
  return check.info;
}

/** Handle one request on an MCP path. */
export async function handleMcp(state: CoreState, endpoint: McpEndpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    // Stateless server: no GET stream and no session to DELETE. The SDK client treats 405 as "no SSE stream".
    state.counters.status(405);
    sendEmpty(res, 405, { Allow: 'POST' });
    return;
  }
  const user = authenticate(state, req, res);
  if (!user) return;
  if (!(header(req, 'accept') ?? '').includes('application/json')) {
    replyError(state, req, res, 406, null, { code: RpcCode.Server, message: 'Not Acceptable: Client must accept application/json' });
    return;
  }
  if (!(header(req, 'content-type') ?? '').includes('application/json')) {
    replyError(state, req, res, 415, null, { code: RpcCode.Server, message: 'Unsupported Media Type: Content-Type must be application/json' });
    return;
  }

  let text: string;
  try {
    text = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) replyError(state, req, res, 413, null, { code: RpcCode.Server, message: `Payload Too Large: ${err.message}` });
    return;
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    replyError(state, req, res, 400, null, { code: RpcCode.ParseError, message: 'Parse error: the body is not valid JSON' });
    return;
  }
  if (Array.isArray(message)) {
    replyError(state, req, res, 400, null, { code: RpcCode.InvalidRequest, message: 'Invalid Request: batch requests are not supported' });
    return;
  }
  const msg = message as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  if (typeof msg !== 'object' || msg === null || msg.jsonrpc !== '2.0' || typeof msg.method !== 'string') {
    const id = typeof msg === 'object' && msg !== null && isValidId(msg.id) ? msg.id : null;
    replyError(state, req, res, 400, id, { code: RpcCode.InvalidRequest, message: "Invalid Request: expected a JSON-RPC 2.0 object with 'jsonrpc', 'method' and 'id'" });
    return;
  }
  state.counters.method(msg.method);
  if (msg.id === undefined) {
    // Notifications (notifications/initialized, notifications/cancelled …) are accepted without a reply.
    state.counters.status(202);
    sendEmpty(res, 202);
    return;
  }
  if (!isValidId(msg.id)) {
    replyError(state, req, res, 400, null, { code: RpcCode.InvalidRequest, message: "Invalid Request: 'id' must be a string or a number" });
    return;
  }
  const id = msg.id;
  const params = typeof msg.params === 'object' && msg.params !== null ? (msg.params as Record<string, unknown>) : {};

  if (msg.method === 'tools/call') {
    await toolsCall(state, endpoint, req, res, id, params, user);
    return;
  }
  const latency = state.faults.latency();
  if (latency > 0) await sleep(latency);
  switch (msg.method) {
    case 'initialize': {
      const requested = typeof params.protocolVersion === 'string' ? params.protocolVersion : '';
      const result = {
        protocolVersion: SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : DEFAULT_PROTOCOL_VERSION,
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: endpoint.name, title: `Pinkfish MCP Farm emulator: ${endpoint.name}`, version: SERVER_VERSION },
      };
      reply(state, req, res, 200, rpcResultText(id, JSON.stringify(result)));
      return;
    }
    case 'ping':
      reply(state, req, res, 200, rpcResultText(id, '{}'));
      return;
    case 'tools/list':
      reply(state, req, res, 200, rpcResultText(id, endpoint.toolsListJson));
      return;
    default:
      reply(state, req, res, 200, rpcErrorText(id, { code: RpcCode.MethodNotFound, message: `Method not found: ${msg.method}` }));
  }
}

async function toolsCall(
  state: CoreState,
  endpoint: McpEndpoint,
  req: IncomingMessage,
  res: ServerResponse,
  id: string | number,
  params: Record<string, unknown>,
  user: TokenInfo,
): Promise<void> {
  const name = params.name;
  if (typeof name !== 'string' || name === '') {
    reply(state, req, res, 200, rpcErrorText(id, { code: RpcCode.InvalidParams, message: "Invalid params: 'name' is required" }));
    return;
  }
  state.counters.toolCall(name);

  const rate = state.limiter.take(user.user);
  if (!rate.ok) {
    state.counters.toolResult(name, 'rate_limited');
    const message = `Too Many Requests: ${rate.limit} MCP calls per ${rate.window} exceeded; retry in ${rate.retryAfterSeconds} s`;
    replyError(state, req, res, 429, id, { code: RpcCode.Server, message, data: { retryAfter: rate.retryAfterSeconds, window: rate.window, limit: rate.limit } }, { 'Retry-After': rate.retryAfterSeconds });
    return;
  }

  const fault = state.faults.beforeCall(name);
  if (fault.kind !== 'none') {
    state.counters.fault(fault.kind === 'error' ? fault.as : fault.kind);
    if (fault.kind === 'burst429') {
      state.counters.toolResult(name, 'rate_limited');
      replyError(state, req, res, 429, id, { code: RpcCode.Server, message: 'Too Many Requests', data: { retryAfter: fault.retryAfterSeconds } }, { 'Retry-After': fault.retryAfterSeconds });
      return;
    }
    if (fault.kind === 'drop') {
      state.counters.toolResult(name, 'fault_drop');
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'hang') {
      state.counters.toolResult(name, 'fault_hang');
      hang(state, res);
      return;
    }
  }

  const latency = state.faults.latency();
  if (latency > 0) await sleep(latency);

  if (fault.kind === 'error' && fault.as === 'http-503') {
    state.counters.toolResult(name, 'fault_http_503');
    replyError(state, req, res, 503, id, { code: RpcCode.Internal, message: 'Service Unavailable' }, { 'Retry-After': 1 });
    return;
  }

  const tool = endpoint.tools.get(name);
  if (!tool) {
    state.counters.toolResult(name, 'unknown_tool');
    reply(state, req, res, 200, rpcErrorText(id, { code: RpcCode.InvalidParams, message: `Unknown tool: '${name}' is not a tool of ${endpoint.name}` }));
    return;
  }
  const args = params.arguments === undefined ? {} : params.arguments;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    state.counters.toolResult(name, 'invalid_params');
    reply(state, req, res, 200, rpcErrorText(id, { code: RpcCode.InvalidParams, message: "Invalid params: 'arguments' must be an object" }));
    return;
  }
  const issue = tool.validate(args);
  if (issue) {
    state.counters.toolResult(name, 'invalid_params');
    reply(state, req, res, 200, rpcErrorText(id, { code: RpcCode.InvalidParams, message: `Invalid params: ${issue.message}`, data: { field: issue.path } }));
    return;
  }

  const rendered = await runTool(state, endpoint, tool, args as Record<string, unknown>, user, fault.kind === 'error' && fault.as !== 'http-503' ? fault.as : undefined);
  const payload = rendered.kind === 'result' ? rpcResultText(id, rendered.json) : rpcErrorText(id, rendered.error);
  const bodyFault = state.faults.body();
  if (bodyFault !== 'none') {
    state.counters.fault(bodyFault);
    state.counters.toolResult(name, `fault_${bodyFault}`);
  }
  reply(state, req, res, 200, payload, bodyFault);
}

async function runTool(
  state: CoreState,
  endpoint: McpEndpoint,
  tool: CompiledTool,
  args: Record<string, unknown>,
  user: TokenInfo,
  injected: 'upstream-500' | 'upstream-503' | undefined,
): Promise<Rendered> {
  const { counters, config } = state;
  let pcid = '';
  if (endpoint.serviceKey !== undefined) {
    pcid = args.PCID as string;
    const conn = state.connections.find((c) => c.id === pcid);
    if (!conn) {
      counters.toolResult(tool.name, 'pcid_404');
      return renderUpstreamError(404, { status: 404, code: 'connection.not.found', message: `PinkConnect connection '${pcid}' was not found` }, config.errorMode);
    }
    if (!serviceKeyMatches(endpoint.serviceKey, conn.service_key)) {
      counters.toolResult(tool.name, 'pcid_403');
      return renderUpstreamError(
        403,
        { status: 403, code: 'connection.wrong.service', message: `PinkConnect connection '${pcid}' is a ${conn.service_key} connection; ${endpoint.name} needs ${endpoint.serviceKey}` },
        config.errorMode,
      );
    }
    if (conn.status !== 'connected') {
      counters.toolResult(tool.name, 'pcid_403');
      return renderUpstreamError(403, { status: 403, code: 'connection.not.connected', message: `PinkConnect connection '${pcid}' is ${conn.status}; reconnect it` }, config.errorMode);
    }
  }
  if (injected) {
    const status = injected === 'upstream-500' ? 500 : 503;
    counters.toolResult(tool.name, `fault_upstream_${status}`);
    return renderUpstreamError(status, injectedBody(endpoint, status), config.errorMode);
  }
  if (!tool.handler) {
    counters.toolResult(tool.name, 'internal');
    return { kind: 'error', error: { code: RpcCode.Internal, message: `Internal error: the emulator does not implement ${tool.name}` } };
  }
  const ctx: ToolCallContext = { tokenUser: user.user, pcid, clock: state.clock };
  try {
    let outcome = tool.handler(args, ctx);
    if (outcome instanceof Promise) outcome = await outcome;
    if (outcome === NO_CONTENT) {
      counters.toolResult(tool.name, 'no_content');
      return { kind: 'result', json: NO_CONTENT_RESULT_JSON };
    }
    if (isBinaryPayload(outcome)) {
      counters.toolResult(tool.name, 'binary');
      return renderBinary(outcome, config.binaryMode, state.files, state.baseUrl);
    }
    counters.toolResult(tool.name, 'ok');
    return renderValue(outcome);
  } catch (err) {
    if (err instanceof UpstreamError) {
      counters.toolResult(tool.name, `upstream_${err.status}`);
      return renderUpstreamError(err.status, err.body, config.errorMode);
    }
    counters.toolResult(tool.name, 'internal');
    return { kind: 'error', error: { code: RpcCode.Internal, message: `Internal error: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** What Genesys or Unipile themselves send when they are down. */
function injectedBody(endpoint: McpEndpoint, status: number): Record<string, unknown> {
  const title = status === 500 ? 'Internal Server Error' : 'Service Unavailable';
  if (endpoint.serviceKey?.startsWith('unipile')) {
    return { title, detail: 'The upstream service failed to answer. Please retry later.', type: status === 500 ? 'errors/unexpected_error' : 'errors/service_unavailable', status };
  }
  return { message: `${title}: the upstream service failed to answer`, code: status === 500 ? 'internal.server.error' : 'service.unavailable', status, contextId: 'emulated-fault', details: [], errors: [] };
}

function hang(state: CoreState, res: ServerResponse): void {
  // Released after hangMaxMs (real time) or on stop, so a client that never times out cannot leak the socket forever.
  const timer = setTimeout(() => {
    state.hung.delete(res);
    res.destroy();
  }, state.faults.settings.hangMaxMs);
  timer.unref();
  state.hung.set(res, timer);
  res.on('close', () => {
    clearTimeout(timer);
    state.hung.delete(res);
  });
}
