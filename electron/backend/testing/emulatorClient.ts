import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index';
import { RequestBudget, type BudgetOptions } from '../pinkfish/budget';
import { listConnections, pickConnections } from '../pinkfish/connections';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import { bindServer, type ToolCaller } from '../providers/common/caller';

/**
 * The backend's real Pinkfish stack (tokens, budget, MCP client, connections)
 * pointed at a freshly started emulator: what integration tests and benches use.
 */
export interface ClientAgainstEmulator {
  emulator: RunningEmulator;
  tokens: TokenManager;
  budget: RequestBudget;
  client: McpClient;
  pcids: { genesys: string; unipile: string };
  genesys: ToolCaller;
  unipile: ToolCaller;
  stop(): Promise<void>;
}

export interface ClientAgainstEmulatorOptions extends EmulatorOptions {
  budget?: BudgetOptions;
  clientTimeoutMs?: number;
  maxAutoRetryAfterS?: number;
}

export async function startClientAgainstEmulator(options: ClientAgainstEmulatorOptions = {}): Promise<ClientAgainstEmulator> {
  const { budget: budgetOptions, clientTimeoutMs, maxAutoRetryAfterS, ...emulatorOptions } = options;
  const emulator = await startEmulator({ scale: 'tiny', seed: 1, enableControl: true, ...emulatorOptions });
  const { clientId, clientSecret, orgId } = emulator.credentials;
  const tokens = new TokenManager({ credentials: { kind: 'oauth', clientId, clientSecret, orgId }, authBase: emulator.url });
  const budget = new RequestBudget({ perHour: 1_000_000, perDay: 10_000_000, ...budgetOptions });
  const client = new McpClient({
    tokens,
    budget,
    mcpBase: emulator.url,
    ...(clientTimeoutMs !== undefined ? { timeoutMs: clientTimeoutMs } : {}),
    ...(maxAutoRetryAfterS !== undefined ? { maxAutoRetryAfterS } : {}),
  });
  const picked = pickConnections(await listConnections({ tokens, proxyBase: emulator.url, statuses: ['connected'] }));
  const pcids = { genesys: picked.genesys[0]?.id ?? '', unipile: picked.unipile[0]?.id ?? '' };
  return {
    emulator,
    tokens,
    budget,
    client,
    pcids,
    genesys: bindServer(client, 'genesys-chat', () => pcids.genesys),
    unipile: bindServer(client, 'unipile-messaging', () => pcids.unipile),
    async stop() {
      budget.close();
      await emulator.stop();
    },
  };
}
