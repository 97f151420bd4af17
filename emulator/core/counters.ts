/** Request accounting for tests and benches; read through the control API. */
export interface CounterSnapshot {
  /** Every HTTP request the server received. */
  requests: number;
  byPath: Record<string, number>;
  byHttpStatus: Record<string, number>;
  /** JSON-RPC methods received on MCP paths (tools/list, tools/call, …). */
  rpcMethods: Record<string, number>;
  /** Every tools/call, by tool name, whatever became of it. */
  toolCalls: Record<string, number>;
  toolCallsTotal: number;
  /**
   * Per tool, how each call ended: `ok`, `no_content`, `binary`, `upstream_<status>`,
   * `invalid_params`, `pcid_<status>`, `rate_limited`, `fault_<kind>`, `internal`.
   */
  toolResults: Record<string, Record<string, number>>;
  /** HTTP 401s (missing, unknown or expired token). */
  unauthorized: number;
  /** HTTP 429s (sliding-window limit or injected burst). */
  rateLimited: number;
  tokensIssued: number;
  faults: Record<string, number>;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class Counters {
  private s: CounterSnapshot = Counters.empty();

  private static empty(): CounterSnapshot {
    return {
      requests: 0,
      byPath: {},
      byHttpStatus: {},
      rpcMethods: {},
      toolCalls: {},
      toolCallsTotal: 0,
      toolResults: {},
      unauthorized: 0,
      rateLimited: 0,
      tokensIssued: 0,
      faults: {},
    };
  }

  request(path: string): void {
    this.s.requests++;
    bump(this.s.byPath, path);
  }

  status(code: number): void {
    bump(this.s.byHttpStatus, String(code));
    if (code === 401) this.s.unauthorized++;
    if (code === 429) this.s.rateLimited++;
  }

  method(name: string): void {
    bump(this.s.rpcMethods, name);
  }

  toolCall(tool: string): void {
    this.s.toolCallsTotal++;
    bump(this.s.toolCalls, tool);
  }

  toolResult(tool: string, result: string): void {
    bump((this.s.toolResults[tool] ??= {}), result);
  }

  tokenIssued(): void {
    this.s.tokensIssued++;
  }

  fault(kind: string): void {
    bump(this.s.faults, kind);
  }

  snapshot(): CounterSnapshot {
    return structuredClone(this.s);
  }

  reset(): void {
    this.s = Counters.empty();
  }
}
