import { createRng } from './rng';

export type ConnectionStatus = 'connected' | 'error' | 'disconnected';
export const CONNECTION_STATUSES: readonly ConnectionStatus[] = ['connected', 'error', 'disconnected'];

export interface Connection {
  id: string;
  name: string;
  service_key: string;
  status: ConnectionStatus;
  /** Only in the full format: the reference does not know the real field set, so clients must not need it. */
  application: string;
  created_at: string;
}

function pcid(rng: ReturnType<typeof createRng>): string {
  const hex = () => rng.int(0, 0xffff).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`;
}

/**
 * The PinkConnect list of the demo user. Besides the two usable connections it
 * holds a disconnected Genesys one, an erroring Unipile one and an unrelated
 * Gmail one, so a client that does not filter by status and service_key picks
 * the wrong PCID. Ids derive from the seed.
 */
export function createConnections(seed: number): Connection[] {
  const rng = createRng((seed ^ 0xc0ec7) >>> 0);
  const created = (days: number) => new Date(Date.UTC(2025, 0, 1) + days * 86_400_000).toISOString();
  return [
    { id: pcid(rng), name: 'Genesys Cloud (old sandbox)', service_key: 'genesys', status: 'disconnected', application: 'Genesys Cloud', created_at: created(10) },
    { id: pcid(rng), name: 'My Gmail', service_key: 'gmail', status: 'connected', application: 'Gmail', created_at: created(20) },
    { id: pcid(rng), name: 'Genesys Cloud (Demo Org)', service_key: 'genesys', status: 'connected', application: 'Genesys Cloud', created_at: created(30) },
    { id: pcid(rng), name: 'Unipile (expired)', service_key: 'unipile-api', status: 'error', application: 'Unipile', created_at: created(40) },
    { id: pcid(rng), name: 'Unipile Messaging', service_key: 'unipile-api', status: 'connected', application: 'Unipile', created_at: created(50) },
  ];
}

/** The service keys a server accepts: `genesys` exactly, or any `unipile…` key. */
export function serviceKeyMatches(serverKey: string, connectionKey: string): boolean {
  if (serverKey.startsWith('unipile')) return connectionKey.startsWith('unipile');
  return connectionKey === serverKey;
}
