import type { CallOptions, McpClient } from '../../pinkfish/mcpClient';
import type { DecodedResult } from '../../pinkfish/decode';
import { PinkfishError } from '../../pinkfish/errors';

/**
 * A tool caller bound to one server and its PCID. Providers only ever see
 * this, so the PCID (a secret-ish connection handle) is added in one place
 * and never travels further up than the provider layer.
 */
export type ToolCaller = (tool: string, args: Record<string, unknown>, options?: CallOptions) => Promise<DecodedResult>;

export function bindServer(client: McpClient, server: 'genesys-chat' | 'unipile-messaging', getPcid: () => string | undefined | Promise<string | undefined>): ToolCaller {
  return async (tool, args, options) => {
    const pcid = await getPcid();
    if (!pcid) {
      throw new PinkfishError('invalid_input', server === 'genesys-chat' ? 'No Genesys connection is selected. Pick one in Settings → Accounts.' : 'No Unipile connection is selected. Pick one in Settings → Accounts.');
    }
    // Drop undefined so optional arguments are absent rather than null on the wire.
    const clean: Record<string, unknown> = { PCID: pcid };
    for (const [k, v] of Object.entries(args)) if (v !== undefined) clean[k] = v;
    return client.callTool(server, tool, clean, options);
  };
}
