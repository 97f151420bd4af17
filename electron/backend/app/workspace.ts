import type { AppMode } from '../../../shared/ipc/contract';
import type { Scale } from '../../../emulator/core/types';
import { RequestBudget } from '../pinkfish/budget';
import { LIVE_ENDPOINTS, singleHostEndpoints, type PinkfishEndpoints } from '../pinkfish/endpoints';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import type { PinkfishCredentials, Vault } from '../vault/vault';

/**
 * The workspace the backend works against: the user's Pinkfish account (live)
 * or, when no credentials are stored, the emulator started in-process on a
 * random loopback port with the seeded demo data (demo). Either way the rest of
 * the backend sees the same stack: tokens, the shared request budget and the
 * MCP client.
 */

export type WorkspaceChoice = 'auto' | 'demo' | 'none';

export interface DemoOptions {
  scale?: Scale;
  seed?: number;
  /** Other people's activity in the demo world (events per minute). */
  activityPerMinute?: number;
}

export interface Workspace {
  mode: AppMode;
  keychain: { available: boolean; message?: string };
  endpoints: PinkfishEndpoints | null;
  tokens: TokenManager | null;
  budget: RequestBudget;
  client: McpClient | null;
  stop(): Promise<void>;
}

export async function openWorkspace(choice: WorkspaceChoice, vault: Vault, demo: DemoOptions = {}): Promise<Workspace> {
  const probe = await vault.probe();
  const keychain = probe.available ? { available: true } : { available: false, message: probe.message };
  const budget = new RequestBudget();
  if (choice === 'none') {
    return { mode: 'demo', keychain, endpoints: null, tokens: null, budget, client: null, stop: async () => budget.close() };
  }

  let credentials: PinkfishCredentials | null = null;
  if (choice === 'auto' && probe.available) credentials = await vault.getCredentials().catch(() => null);

  if (credentials) {
    const tokens = new TokenManager({ credentials, authBase: LIVE_ENDPOINTS.authBase });
    const client = new McpClient({ tokens, budget, mcpBase: LIVE_ENDPOINTS.mcpBase });
    return { mode: 'live', keychain, endpoints: LIVE_ENDPOINTS, tokens, budget, client, stop: async () => budget.close() };
  }

  // Loaded only in demo mode, so a live session never builds the demo world.
  const { startEmulator } = await import('../../../emulator/index');
  const emulator = await startEmulator({ scale: demo.scale ?? 'demo', seed: demo.seed ?? 1, activityPerMinute: demo.activityPerMinute ?? 4 });
  const endpoints = singleHostEndpoints(emulator.url);
  const { clientId, clientSecret, orgId } = emulator.credentials;
  const tokens = new TokenManager({ credentials: { kind: 'oauth', clientId, clientSecret, orgId }, authBase: endpoints.authBase });
  const client = new McpClient({ tokens, budget, mcpBase: endpoints.mcpBase });
  return {
    mode: 'demo',
    keychain,
    endpoints,
    tokens,
    budget,
    client,
    async stop() {
      budget.close();
      await emulator.stop();
    },
  };
}
