import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, DEMO_CREDENTIALS, DEMO_USER } from './auth';
import { CONNECTION_STATUSES, type ConnectionStatus } from './connections';
import { header, readBody, sendJson } from './http';
import type { CoreState } from './state';

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(state: CoreState, res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  state.counters.status(status);
  sendJson(res, status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

/** POST /oauth/token: RFC 6749 §4.4 client credentials, form-encoded, client auth in the form or Basic. */
export async function handleOAuthToken(state: CoreState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return oauthError(state, res, 405, 'invalid_request', 'use POST', { Allow: 'POST' });
  if (!(header(req, 'content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    return oauthError(state, res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(await readBody(req, 64 * 1024));
  let clientId = form.get('client_id') ?? undefined;
  let clientSecret = form.get('client_secret') ?? undefined;
  const auth = header(req, 'authorization');
  const usedBasic = auth !== undefined && /^\s*Basic\s/i.test(auth);
  if (usedBasic) {
    const decoded = Buffer.from(auth.replace(/^\s*Basic\s+/i, '').trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return oauthError(state, res, 401, 'invalid_client', 'Client authentication failed', { 'WWW-Authenticate': 'Basic realm="pinkfish"' });
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    clientId = formDecode(decoded.slice(0, colon));
    clientSecret = formDecode(decoded.slice(colon + 1));
  }
  const grant = form.get('grant_type');
  if (!grant) return oauthError(state, res, 400, 'invalid_request', 'grant_type is required');
  if (grant !== 'client_credentials') return oauthError(state, res, 400, 'unsupported_grant_type', `grant_type '${grant}' is not supported; use client_credentials`);
  if (clientId !== DEMO_CREDENTIALS.clientId || clientSecret !== DEMO_CREDENTIALS.clientSecret) {
    return oauthError(state, res, 401, 'invalid_client', 'Client authentication failed', usedBasic ? { 'WWW-Authenticate': 'Basic realm="pinkfish"' } : {});
  }
  const scope = form.get('scope');
  if (!scope) return oauthError(state, res, 400, 'invalid_scope', 'scope is required: org:<organization_id>');
  if (scope !== `org:${DEMO_CREDENTIALS.orgId}`) {
    return oauthError(state, res, 400, 'invalid_scope', `scope '${scope}' is not an organization this client belongs to (expected org:<organization_id>)`);
  }
  const { token } = state.tokens.issue(DEMO_USER, DEMO_CREDENTIALS.orgId, 'oauth');
  state.counters.tokenIssued();
  state.counters.status(200);
  sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: state.tokens.ttl, scope }, NO_STORE);
}

/** POST /auth/token: the legacy exchange. The new docs say X-Api-Key holds the client secret, the old ones an API key: both work. */
export async function handleLegacyToken(state: CoreState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fail = (status: number, error: string, message: string) => {
    state.counters.status(status);
    sendJson(res, status, { error, message }, NO_STORE);
  };
  if (req.method !== 'POST') return fail(405, 'method_not_allowed', 'use POST');
  await readBody(req, 64 * 1024);
  const key = header(req, 'x-api-key');
  const org = header(req, 'x-selected-org');
  if (!key) return fail(401, 'unauthorized', 'X-Api-Key header is required');
  if (key !== DEMO_CREDENTIALS.apiKey && key !== DEMO_CREDENTIALS.clientSecret) return fail(401, 'unauthorized', 'Invalid API key');
  if (!org) return fail(400, 'bad_request', 'X-Selected-Org header is required');
  if (org !== DEMO_CREDENTIALS.orgId) return fail(403, 'forbidden', `API key does not belong to organization '${org}'`);
  const { token } = state.tokens.issue(DEMO_USER, org, 'api-key');
  state.counters.tokenIssued();
  state.counters.status(200);
  sendJson(res, 200, { token }, NO_STORE);
}

/** GET /manage/user-connections: PinkConnect's list. OpenIT sends `Auth-Token: Bearer`, the docs `Authorization`; both work. */
export function handleConnections(state: CoreState, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  const fail = (status: number, error: string, description: string, headers: Record<string, string> = {}) => {
    state.counters.status(status);
    sendJson(res, status, { error, error_description: description }, headers);
  };
  if (req.method !== 'GET') return fail(405, 'invalid_request', 'use GET', { Allow: 'GET' });
  const token = bearer(header(req, 'auth-token')) ?? bearer(header(req, 'authorization'));
  const check = state.tokens.check(token);
  if (!check.ok) {
    const description = check.reason === 'missing' ? 'missing Auth-Token or Authorization bearer token' : check.reason === 'expired' ? 'token expired' : 'invalid token';
    return fail(401, 'invalid_token', description, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  let wanted: ConnectionStatus[] | undefined;
  const statuses = query.get('statuses');
  if (statuses) {
    const list = statuses.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((s) => !(CONNECTION_STATUSES as readonly string[]).includes(s));
    if (bad) return fail(400, 'invalid_request', `unknown status '${bad}' (expected a comma-separated list of ${CONNECTION_STATUSES.join(', ')})`);
    wanted = list as ConnectionStatus[];
  }
  const light = query.get('format') === 'light';
  const rows = state.connections
    .filter((c) => !wanted || wanted.includes(c.status))
    .map((c) => (light ? { id: c.id, name: c.name, service_key: c.service_key, status: c.status } : { ...c }));
  state.counters.status(200);
  sendJson(res, 200, rows);
}
