import { z } from 'zod';
import { errorFor, fromUpstreamBody } from './errors';
import { parseJson, timedFetch, type FetchFn } from './http';
import type { TokenManager } from './tokens';

/**
 * PinkConnect connections (`GET /manage/user-connections`). The docs say
 * `Authorization: Bearer`, Pinkfish's own app sends `Auth-Token: Bearer`; we
 * send Auth-Token first and fall back to Authorization on a 401.
 */

export const connectionSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().catch(''),
    service_key: z.string().catch(''),
    status: z.string().catch('unknown'),
  })
  .passthrough();
export type Connection = z.infer<typeof connectionSchema>;

export interface ConnectionsOptions {
  tokens: TokenManager;
  /** Base URL of PinkConnect (live: https://proxy.pinkfish.ai). */
  proxyBase: string;
  fetch?: FetchFn;
  timeoutMs?: number;
  statuses?: Array<'connected' | 'error' | 'disconnected'>;
  signal?: AbortSignal;
}

export async function listConnections(options: ConnectionsOptions): Promise<Connection[]> {
  const fetchFn = options.fetch ?? fetch;
  const base = options.proxyBase.replace(/\/+$/, '');
  const query = options.statuses?.length ? `?statuses=${options.statuses.join(',')}` : '';
  const url = `${base}/manage/user-connections${query}`;
  const timing = options.signal ? { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal } : { timeoutMs: options.timeoutMs ?? 15_000 };
  const token = await options.tokens.getToken(options.signal);
  let res = await timedFetch(fetchFn, url, { headers: { 'Auth-Token': `Bearer ${token}`, Accept: 'application/json' } }, timing);
  if (res.response.status === 401) {
    res = await timedFetch(fetchFn, url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, timing);
  }
  const body = parseJson(res.text);
  if (!res.response.ok) throw fromUpstreamBody(body ?? res.text.slice(0, 200), res.response.status);
  // Tolerate a wrapped list ({items|data|connections: [...]}) as well as the documented bare array.
  const list = Array.isArray(body) ? body : (['items', 'data', 'connections'].map((k) => (body as Record<string, unknown> | undefined)?.[k]).find(Array.isArray) as unknown[] | undefined);
  if (!list) throw errorFor('protocol', { message: 'PinkConnect returned the connections in an unexpected shape.' });
  return list.flatMap((item) => {
    const parsed = connectionSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface PickedConnections {
  genesys: Connection[];
  unipile: Connection[];
}

/** Candidates per server, connected first: `genesys` serves /genesys-chat, any `unipile…` key /unipile-messaging. */
export function pickConnections(connections: Connection[]): PickedConnections {
  const rank = (c: Connection) => (c.status === 'connected' ? 0 : 1);
  const sorted = [...connections].sort((a, b) => rank(a) - rank(b));
  return {
    genesys: sorted.filter((c) => c.service_key.toLowerCase() === 'genesys'),
    unipile: sorted.filter((c) => c.service_key.toLowerCase().startsWith('unipile')),
  };
}
