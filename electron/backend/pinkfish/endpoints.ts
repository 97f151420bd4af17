/** Where the three Pinkfish services live (pinkfish-platform.md §1.1). */
export interface PinkfishEndpoints {
  /** Token endpoints (`/oauth/token`, `/auth/token`). */
  authBase: string;
  /** The MCP Farm (`/genesys-chat`, `/unipile-messaging`, `/mcp`). */
  mcpBase: string;
  /** PinkConnect (`/manage/user-connections`). */
  proxyBase: string;
}

export const LIVE_ENDPOINTS: PinkfishEndpoints = Object.freeze({
  authBase: 'https://app-api.app.pinkfish.ai',
  mcpBase: 'https://mcp.app.pinkfish.ai',
  proxyBase: 'https://proxy.pinkfish.ai',
});

/** One base for all three: the emulator, or a self-hosted Farm behind one host. */
export function singleHostEndpoints(url: string): PinkfishEndpoints {
  const base = url.replace(/\/+$/, '');
  return { authBase: base, mcpBase: base, proxyBase: base };
}
