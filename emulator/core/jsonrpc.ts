/** JSON-RPC 2.0 codes the Farm uses (SDK conventions; -32000 is the Farm's catch-all). */
export const RpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  Server: -32000,
} as const;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type RpcId = string | number | null;

/** Envelopes are assembled as strings so a result serialised once is never re-serialised. */
export function rpcResultText(id: RpcId, resultJson: string): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${resultJson}}`;
}

export function rpcErrorText(id: RpcId, error: RpcErrorObject): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error });
}

export function isValidId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}
