import type { AppMode } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Scale } from '../../../emulator/core/types';
import type { RunningEmulator } from '../../../emulator/index';
import { RequestBudget } from '../pinkfish/budget';
import { LIVE_ENDPOINTS, singleHostEndpoints, type PinkfishEndpoints } from '../pinkfish/endpoints';
import { listConnections, pickConnections } from '../pinkfish/connections';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import { bindServer } from '../providers/common/caller';
import { createGenesysProvider, type GenesysProvider, type GenesysSelf } from '../providers/genesys/index';
import { createUnipileProvider, type UnipileProvider } from '../providers/unipile/index';
import type { GenesysDirectorySeed } from '../sync/genesysSync';
import type { Pcids, PinkfishCredentials, Vault } from '../vault/vault';

/**
 * The workspace the backend works against: the user's Pinkfish account (live)
 * or, when no credentials are stored, the emulator started in-process on a
 * random loopback port with the seeded demo data (demo). Either way the rest of
 * the backend sees the same stack: tokens, the shared request budget and the
 * MCP client.
 */

/** `live`: the stored credentials or fail (after account:choose); `auto`: live when stored, else demo. */
export type WorkspaceChoice = 'auto' | 'demo' | 'none' | 'live';

export interface WorkspaceOptions {
  /** Where "live" is (default LIVE_ENDPOINTS): tests and e2e point it at a separately started emulator. */
  liveEndpoints?: PinkfishEndpoints;
}

export interface DemoOptions {
  scale?: Scale;
  seed?: number;
  /** Other people's activity in the demo world (events per minute). */
  activityPerMinute?: number;
  /**
   * Tests only (e2e injection and offline specs, the ui bench): called with the demo emulator as soon
   * as it listens, before anything reads it, to seed data or inject faults through its control.
   */
  onEmulator?: (emulator: RunningEmulator) => void | Promise<void>;
}

export interface Workspace {
  mode: AppMode;
  keychain: { available: boolean; message?: string };
  endpoints: PinkfishEndpoints | null;
  tokens: TokenManager | null;
  budget: RequestBudget;
  client: McpClient | null;
  /** Typed tools, bound to the chosen connection (PCID resolved on first use; it never leaves the provider layer). */
  genesys: GenesysProvider | null;
  unipile: UnipileProvider | null;
  /**
   * The credentials the tokens are exchanged with (the demo's are the emulator's). Kept for the
   * diagnostics probes only: never logged, never put in an error, event or reply.
   */
  credentials: PinkfishCredentials | null;
  /** The connections in use (chosen, else the first connected ones listed); never leaves the backend. */
  pcids(): Promise<Pcids>;
  /** The secret values known so far (credentials, resolved PCIDs), to scrub from anything that leaves. */
  secrets(): string[];
  /** Demo mode only: what an app that had run before would already know. */
  demo?: DemoKnowledge;
  stop(): Promise<void>;
}

export interface DemoKnowledge {
  /** The emulator's signed-in Genesys user (live mode learns it from the first send). */
  genesysSelf: GenesysSelf;
  /** The rooms and 1:1s the demo user belongs to, as the previously known directory (see sync/README.md). */
  directory(): GenesysDirectorySeed;
}

/**
 * Which connection each server uses: the ones chosen in Settings (vault), else
 * the first connected one PinkConnect lists. Resolved once, on first need (a
 * failure, e.g. offline, is retried on the next call).
 */
function pcidResolver(tokens: TokenManager, proxyBase: string, stored: () => Promise<Pcids>): () => Promise<Pcids> {
  let pending: Promise<Pcids> | null = null;
  return () => {
    pending ??= (async () => {
      const chosen = await stored();
      if (chosen.genesys && chosen.unipile) return chosen;
      const picked = pickConnections(await listConnections({ tokens, proxyBase, statuses: ['connected'] }));
      const out: Pcids = {};
      const g = chosen.genesys ?? picked.genesys[0]?.id;
      const u = chosen.unipile ?? picked.unipile[0]?.id;
      if (g) out.genesys = g;
      if (u) out.unipile = u;
      return out;
    })().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}

/** Wraps a resolver so the PCIDs it has resolved are known synchronously (for scrubbing). */
function remembered(resolve: () => Promise<Pcids>, credentials: PinkfishCredentials | null): { pcids: () => Promise<Pcids>; secrets: () => string[] } {
  let known: Pcids = {};
  const creds = credentials ? (credentials.kind === 'oauth' ? [credentials.clientId, credentials.clientSecret] : [credentials.apiKey]) : [];
  return {
    pcids: () =>
      resolve().then((p) => {
        known = p;
        return p;
      }),
    secrets: () => [...creds, ...[known.genesys, known.unipile].filter((x): x is string => Boolean(x))],
  };
}

function providers(client: McpClient, pcids: () => Promise<Pcids>): { genesys: GenesysProvider; unipile: UnipileProvider } {
  return {
    genesys: createGenesysProvider(bindServer(client, 'genesys-chat', async () => (await pcids()).genesys)),
    unipile: createUnipileProvider(bindServer(client, 'unipile-messaging', async () => (await pcids()).unipile)),
  };
}

export async function openWorkspace(choice: WorkspaceChoice, vault: Vault, demo: DemoOptions = {}, options: WorkspaceOptions = {}): Promise<Workspace> {
  const probe = await vault.probe();
  const keychain = probe.available ? { available: true } : { available: false, message: probe.message };
  const budget = new RequestBudget();
  if (choice === 'none') {
    return { mode: 'demo', keychain, endpoints: null, tokens: null, budget, client: null, genesys: null, unipile: null, credentials: null, pcids: async () => ({}), secrets: () => [], stop: async () => budget.close() };
  }

  let credentials: PinkfishCredentials | null = null;
  if (choice === 'auto' && probe.available) credentials = await vault.getCredentials().catch(() => null);
  if (choice === 'live') {
    if (!probe.available) throw new AppError('keychain_unavailable', probe.message);
    credentials = await vault.getCredentials();
    if (!credentials) throw new AppError('invalid_input', 'No Pinkfish credentials are stored: connect an account first.');
  }

  if (credentials) {
    const live = options.liveEndpoints ?? LIVE_ENDPOINTS;
    const tokens = new TokenManager({ credentials, authBase: live.authBase });
    const client = new McpClient({ tokens, budget, mcpBase: live.mcpBase });
    const { pcids, secrets } = remembered(
      pcidResolver(tokens, live.proxyBase, () => vault.getPcids().catch(() => ({}))),
      credentials,
    );
    return { mode: 'live', keychain, endpoints: live, tokens, budget, client, ...providers(client, pcids), credentials, pcids, secrets, stop: async () => budget.close() };
  }

  // Loaded only in demo mode, so a live session never builds the demo world.
  const { startEmulator } = await import('../../../emulator/index');
  const emulator = await startEmulator({ scale: demo.scale ?? 'demo', seed: demo.seed ?? 1, activityPerMinute: demo.activityPerMinute ?? 4 });
  if (demo.onEmulator) await demo.onEmulator(emulator);
  const endpoints = singleHostEndpoints(emulator.url);
  const { clientId, clientSecret, orgId } = emulator.credentials;
  const demoCredentials: PinkfishCredentials = { kind: 'oauth', clientId, clientSecret, orgId };
  const tokens = new TokenManager({ credentials: demoCredentials, authBase: endpoints.authBase });
  const client = new McpClient({ tokens, budget, mcpBase: endpoints.mcpBase });
  const { pcids, secrets } = remembered(
    pcidResolver(tokens, endpoints.proxyBase, async () => ({})),
    demoCredentials,
  );
  const act = <T>(action: string) => emulator.control.act('genesys', action) as T;
  const me = act<{ userId: string; jid: string }>('me');
  return {
    mode: 'demo',
    keychain,
    endpoints,
    tokens,
    budget,
    client,
    ...providers(client, pcids),
    credentials: demoCredentials,
    pcids,
    secrets,
    demo: {
      genesysSelf: { meUserId: me.userId, meJid: me.jid },
      directory: () => ({
        rooms: act<Array<{ jid: string; subject?: string; isMember: boolean }>>('rooms').filter((r) => r.isMember),
        oneOnOnes: act<Array<{ id: string; name?: string }>>('oneOnOnes'),
        people: act<Array<{ id: string; name: string; jid?: string }>>('people'),
      }),
    },
    async stop() {
      budget.close();
      await emulator.stop();
    },
  };
}
