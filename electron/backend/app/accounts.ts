import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { accountId, personId, type Account } from '../../../shared/domain/index';
import type { AccountStatus, ConnectionInfo, CredentialsInput, Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { RequestBudget } from '../pinkfish/budget';
import { listConnections, pickConnections, type Connection } from '../pinkfish/connections';
import { PinkfishError } from '../pinkfish/errors';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import { accountTypeFor, toAccount, type UnipileNetwork } from '../providers/unipile/index';
import type { Pcids, PinkfishCredentials } from '../vault/vault';
import type { AppContext } from './context';
import { readJson, writeJsonAtomic } from './files';
import { checkPcid, type PcidService } from './pcidCheck';
import { scrubError } from './secrets';
import { CACHE_FILE } from './offline';
import type { Workspace } from './workspace';

/**
 * Onboarding and the account switch. `account:connect` checks credentials (a
 * token exchange, then the PinkConnect list) and keeps them in memory only;
 * `account:choose` stores them and the chosen connections in the keychain and
 * swaps the session to the live workspace (a pasted PCID is first checked with
 * one read-only call through it, see pcidCheck.ts); `account:disconnect` removes them
 * and the live cache and goes back to the demo. Connections cross the contract
 * under an opaque `ref`, never their PCID.
 *
 * The names of the chosen connections (not secret) are kept in `account.json`
 * in the data directory so the status can show them offline.
 */

export const ACCOUNT_FILE = 'account.json';
/** Checked credentials wait this long for `account:choose`, then are forgotten. */
const PENDING_MS = 30 * 60_000;

type Service = ConnectionInfo['service'];

interface Pending {
  credentials: PinkfishCredentials;
  /** The checked credentials' tokens, reused to check a pasted PCID. */
  tokens: TokenManager;
  connections: Connection[];
  byRef: Map<string, Connection>;
  at: number;
}

interface AccountInfo {
  genesys: string | null;
  unipile: string | null;
}

export function serviceOf(c: Pick<Connection, 'service_key'>): Service {
  const key = c.service_key.toLowerCase();
  if (key === 'genesys') return 'genesys';
  if (key.startsWith('unipile')) return 'unipile';
  return 'other';
}

export interface AccountsApi {
  handlers: Pick<Handlers, 'account:status' | 'account:connect' | 'account:choose' | 'account:disconnect'>;
  status(): Promise<AccountStatus>;
  /** Emits `account:changed` and `app:ready` for the current session (after a swap); returns the status. */
  announce(): Promise<AccountStatus>;
  /** Names of the connections a workspace uses (diagnostics); null where unknown. */
  connectionNames(ws: Workspace): Promise<AccountInfo>;
}

export function accounts(ctx: AppContext): AccountsApi {
  let pending: Pending | null = null;
  /** Connection names per workspace, asked of PinkConnect once when account.json does not say. */
  const names = new WeakMap<Workspace, Promise<AccountInfo>>();

  const infoPath = () => join(ctx.dataDir(), ACCOUNT_FILE);
  const readInfo = (): AccountInfo | null => {
    const r = readJson(infoPath());
    if (!r.ok || typeof r.value !== 'object' || r.value === null) return null;
    const v = r.value as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' && x.length > 0 ? x : null);
    return { genesys: str(v.genesys), unipile: str(v.unipile) };
  };

  async function connectionNames(ws: Workspace): Promise<AccountInfo> {
    if (ws.mode === 'live') {
      const info = readInfo();
      if (info && (info.genesys || info.unipile)) return info;
    }
    if (!ws.tokens || !ws.endpoints) return { genesys: null, unipile: null };
    let p = names.get(ws);
    if (!p) {
      const tokens = ws.tokens;
      const proxyBase = ws.endpoints.proxyBase;
      p = (async () => {
        const [inUse, list] = await Promise.all([ws.pcids(), listConnections({ tokens, proxyBase, timeoutMs: 8000 })]);
        const name = (id: string | undefined) => (id ? (list.find((c) => c.id === id)?.name ?? null) : null);
        return { genesys: name(inUse.genesys), unipile: name(inUse.unipile) };
      })();
      names.set(ws, p);
      // Offline now: ask again next time.
      p.catch(() => names.delete(ws));
    }
    return p.catch(() => ({ genesys: null, unipile: null }));
  }

  async function status(): Promise<AccountStatus> {
    const session = await ctx.sessions.get();
    const ws = session.ws;
    const stored = ws.keychain.available ? await ctx.vault.getCredentials().catch(() => null) : null;
    const inUse = ws.client ? await connectionNames(ws) : { genesys: null, unipile: null };
    const info = ws.mode === 'live' ? inUse : (readInfo() ?? { genesys: null, unipile: null });
    const pinkfish = stored ? { kind: stored.kind, genesys: info.genesys, unipile: info.unipile } : null;

    const list: Account[] = [];
    const off = await session.offline.catch(() => null);
    if (ws.genesys) {
      const g: Account = { id: accountId.genesys(), source: 'genesys', network: 'genesys', name: inUse.genesys ?? 'Genesys Cloud', status: 'connected' };
      const me = off?.engine.genesysSelf().meUserId;
      if (me) g.selfPersonId = personId.genesys(me);
      list.push(g);
    }
    if (off && ws.unipile) {
      const known = new Map((await off.engine.cache.listAccounts()).filter((a) => a.source === 'unipile').map((a) => [a.id as string, a]));
      for (const a of await off.engine.cache.listConversationAccounts()) {
        if (a.source !== 'unipile' || a.network === 'genesys' || !a.accountId.startsWith('u:')) continue;
        list.push(known.get(a.accountId) ?? toAccount({ account_id: a.accountId.slice(2), account_type: accountTypeFor(a.network as UnipileNetwork) }));
        known.delete(a.accountId);
      }
      list.push(...known.values());
    }
    return { mode: ws.mode, pinkfish, accounts: list };
  }

  async function announce(): Promise<AccountStatus> {
    const s = await status();
    ctx.emit('account:changed', s);
    ctx.emit('app:ready', { mode: s.mode });
    return s;
  }

  /** A swap that failed still changed the workspace (back to the demo): the renderer must reload either way. */
  async function swap(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      await announce().catch(() => {});
      throw err;
    }
  }

  async function deleteLiveCache(): Promise<void> {
    const { deleteCacheFiles } = await import('../cache/client');
    deleteCacheFiles(join(ctx.dataDir(), CACHE_FILE.live));
  }

  function pendingOrThrow(): Pending {
    if (pending && ctx.now() - pending.at > PENDING_MS) pending = null;
    if (!pending) throw new AppError('invalid_input', 'Connect to Pinkfish first: the credentials are checked before anything is stored.');
    return pending;
  }

  function pick(p: Pending, choice: { ref: string } | { pcid: string } | undefined, service: 'genesys' | 'unipile'): Connection | null {
    const label = service === 'genesys' ? 'Genesys' : 'Unipile';
    if (!choice) {
      // Not chosen: the first connected one of that service, as the workspace would pick it.
      return pickConnections(p.connections)[service].find((c) => c.status === 'connected') ?? null;
    }
    let c: Connection | undefined;
    if ('ref' in choice) {
      c = p.byRef.get(choice.ref);
      if (!c) throw new AppError('invalid_input', 'That connection is no longer in the list; connect again.', { field: service });
    } else {
      c = p.connections.find((x) => x.id === choice.pcid);
      // A pasted PCID PinkConnect did not list (filtered out, or another user's): `checkPasted` tries it before it is kept.
      if (!c) return { id: choice.pcid, name: `Pasted ${label} connection`, service_key: service, status: 'connected' } as Connection;
    }
    if (serviceOf(c) !== service) throw new AppError('invalid_input', `“${c.name || 'That connection'}” is not a ${label} connection.`, { field: service });
    if (c.status !== 'connected') throw new AppError('invalid_input', `“${c.name || 'That connection'}” is ${c.status} in PinkConnect; reconnect it there first.`, { field: service });
    return c;
  }

  /**
   * Each pasted PCID, tried on its own server at once (both in parallel). Refused with the error of
   * the first that fails, on its field; when both fail, the message says why for each.
   */
  async function checkPasted(p: Pending, pasted: Partial<Record<PcidService, string>>): Promise<void> {
    const entries = (Object.entries(pasted) as Array<[PcidService, string | undefined]>).filter((e): e is [PcidService, string] => Boolean(e[1]));
    if (entries.length === 0) return;
    const budget = new RequestBudget();
    const client = new McpClient({ tokens: p.tokens, budget, mcpBase: ctx.liveEndpoints.mcpBase, timeoutMs: 15_000, maxAutoRetryAfterS: 0 });
    const secrets = [...entries.map(([, pcid]) => pcid), ...(p.credentials.kind === 'oauth' ? [p.credentials.clientId, p.credentials.clientSecret] : [p.credentials.apiKey])];
    const log = (message: string, err: unknown) => ctx.log(message, scrubError(err, secrets));
    let failures: AppError[];
    try {
      const host = hostOf(ctx.liveEndpoints.mcpBase);
      failures = (await Promise.all(entries.map(([service, pcid]) => checkPcid(service, pcid, { client, host, log })))).filter((e): e is AppError => e !== null);
    } finally {
      budget.close();
    }
    const [first, second] = failures;
    if (!first) return;
    if (!second) throw scrubError(first, secrets);
    const extra: { field?: string; retryAfter?: number } = {};
    if (first.field !== undefined) extra.field = first.field;
    if (first.retryAfter !== undefined) extra.retryAfter = first.retryAfter;
    throw scrubError(new AppError(first.code, `${first.message} ${second.message}`, extra), secrets);
  }

  async function connect(creds: PinkfishCredentials): Promise<{ connections: ConnectionInfo[] }> {
    const endpoints = ctx.liveEndpoints;
    const tokens = new TokenManager({ credentials: creds, authBase: endpoints.authBase, timeoutMs: 15_000 });
    try {
      await tokens.getToken();
    } catch (err) {
      throw tokenError(err, creds.kind, endpoints.authBase);
    }
    let list: Connection[];
    try {
      list = await listConnections({ tokens, proxyBase: endpoints.proxyBase, timeoutMs: 15_000 });
    } catch (err) {
      throw connectionsError(err, endpoints.proxyBase);
    }
    const usable = list.filter((c) => serviceOf(c) !== 'other');
    if (usable.length === 0) {
      throw new AppError(
        'not_found',
        list.length === 0
          ? 'The credentials work, but this Pinkfish organisation has no PinkConnect connections. Connect Genesys Cloud or Unipile in Pinkfish first, then try again.'
          : 'The credentials work, but none of this organisation’s PinkConnect connections is Genesys Cloud or Unipile. Add one in Pinkfish first, then try again.',
      );
    }
    const byRef = new Map<string, Connection>();
    const out: ConnectionInfo[] = [];
    for (const c of list) {
      const ref = randomBytes(12).toString('base64url');
      byRef.set(ref, c);
      out.push({ ref, name: c.name || c.service_key || 'Unnamed connection', service: serviceOf(c), status: c.status });
    }
    pending = { credentials: creds, tokens, connections: list, byRef, at: ctx.now() };
    return { connections: out };
  }

  const handlers: AccountsApi['handlers'] = {
    'account:status': () => status(),

    'account:connect': async ({ credentials }) => {
      const creds = toCredentials(credentials);
      try {
        return await connect(creds);
      } catch (err) {
        // An upstream message that echoes what was typed must not carry it back.
        throw scrubError(err, creds.kind === 'oauth' ? [creds.clientId, creds.clientSecret] : [creds.apiKey]);
      }
    },

    'account:choose': async (choice) => {
      const p = pendingOrThrow();
      const genesys = pick(p, choice.genesys, 'genesys');
      const unipile = pick(p, choice.unipile, 'unipile');
      if (!genesys && !unipile) throw new AppError('invalid_input', 'Choose a Genesys or a Unipile connection (none of the listed ones is connected).');
      const probe = await ctx.vault.probe();
      if (!probe.available) throw new AppError('keychain_unavailable', probe.message);
      const pcids: Pcids = {};
      if (choice.genesys && genesys) pcids.genesys = genesys.id;
      if (choice.unipile && unipile) pcids.unipile = unipile.id;
      // Nothing is stored until each pasted PCID has answered; the checked credentials stay pending for a retry.
      await checkPasted(p, {
        ...(choice.genesys && 'pcid' in choice.genesys ? { genesys: pcids.genesys } : {}),
        ...(choice.unipile && 'pcid' in choice.unipile ? { unipile: pcids.unipile } : {}),
      });
      if (pending !== p) throw new AppError('invalid_input', 'Connect to Pinkfish first: the credentials are checked before anything is stored.');
      const before = await Promise.all([ctx.vault.getCredentials().catch(() => null), ctx.vault.getPcids().catch(() => ({}))]);
      const same = before[0] !== null && JSON.stringify(before[0]) === JSON.stringify(p.credentials) && JSON.stringify(before[1]) === JSON.stringify(pcids);
      await ctx.vault.setCredentials(p.credentials);
      if (pcids.genesys || pcids.unipile) await ctx.vault.setPcids(pcids);
      else await ctx.vault.delete('pcids');
      pending = null;
      await swap(() =>
        ctx.sessions.replace({ choice: 'live' }, async () => {
          // Another account's history must not show under this one.
          if (!same) await deleteLiveCache();
          writeJsonAtomic(infoPath(), { genesys: genesys?.name ?? null, unipile: unipile?.name ?? null } satisfies AccountInfo);
        }),
      );
      return announce();
    },

    'account:disconnect': async () => {
      pending = null;
      const probe = await ctx.vault.probe();
      if (!probe.available) throw new AppError('keychain_unavailable', probe.message);
      await ctx.vault.delete('pinkfish-credentials');
      await ctx.vault.delete('pcids');
      await swap(() =>
        ctx.sessions.replace({ choice: 'demo' }, async () => {
          await deleteLiveCache();
          rmSync(infoPath(), { force: true });
        }),
      );
      return announce();
    },
  };

  return { handlers, status, announce, connectionNames };
}

function toCredentials(c: CredentialsInput): PinkfishCredentials {
  return c.kind === 'oauth' ? { kind: 'oauth', clientId: c.clientId.trim(), clientSecret: c.clientSecret.trim(), orgId: c.orgId.trim() } : { kind: 'apiKey', apiKey: c.apiKey.trim(), orgId: c.orgId.trim() };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'Pinkfish';
  }
};

/** A failed token exchange, said as precisely as the answer allows; never with the credential in it. */
export function tokenError(err: unknown, kind: PinkfishCredentials['kind'], authBase: string): AppError {
  if (!(err instanceof AppError)) return new AppError('internal', 'Something went wrong inside Switchboard while checking the credentials. The details are in the log.');
  const status = err instanceof PinkfishError ? err.status : undefined;
  switch (err.code) {
    case 'network':
      return new AppError('network', `Cannot reach Pinkfish (${hostOf(authBase)}). Check the internet connection, a proxy or a firewall, then try again.`);
    case 'timeout':
      return new AppError('timeout', `Pinkfish (${hostOf(authBase)}) did not answer in time. Try again in a moment.`);
    case 'auth': {
      if (status === 403 || (status === 400 && /invalid_scope|org/i.test(err.message))) {
        return new AppError('auth', 'Pinkfish accepted the credentials, but not for this organisation id. Check the organisation id.', { field: 'credentials.orgId' });
      }
      if (kind === 'apiKey') return new AppError('auth', 'Pinkfish did not accept this API key. Copy it again from Pinkfish and check the organisation id.', { field: 'credentials.apiKey' });
      return new AppError('auth', 'Pinkfish did not accept this client id and secret. Copy them again from Pinkfish → API credentials.', { field: 'credentials.clientSecret' });
    }
    case 'rate_limited':
      return new AppError('rate_limited', 'Pinkfish is limiting requests right now; try again in a minute.', err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {});
    case 'unavailable':
      return new AppError('unavailable', 'Pinkfish is unavailable right now; try again in a moment.');
    default:
      return new AppError(err.code, `Pinkfish could not check the credentials: ${err.message}`);
  }
}

export function connectionsError(err: unknown, proxyBase: string): AppError {
  if (!(err instanceof AppError)) return new AppError('internal', 'Something went wrong inside Switchboard while listing the connections. The details are in the log.');
  if (err.code === 'network') return new AppError('network', `The credentials work, but PinkConnect (${hostOf(proxyBase)}) cannot be reached. Check the network, then try again.`);
  if (err.code === 'auth' || err.code === 'forbidden') return new AppError(err.code, 'The credentials work, but PinkConnect refused to list the connections. Check that this client may use PinkConnect.');
  return new AppError(err.code, `The credentials work, but the connections could not be listed: ${err.message}`);
}
