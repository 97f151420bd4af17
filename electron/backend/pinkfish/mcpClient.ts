import { AppError } from '../../../shared/ipc/result';
import type { RequestBudget, Priority } from './budget';
import { decodeRpcReply, parseSse, type DecodedResult } from './decode';
import { errorFor, fromUpstreamBody } from './errors';
import { parseJson, retryAfterSeconds, timedFetch, type FetchFn } from './http';
import type { TokenManager } from './tokens';

/**
 * The JSON-RPC client for the Farm: one stateless POST per call (the
 * documented path; the MCP session handshake is only probed), the headers the
 * reference recommends, JSON or SSE replies, a 401 → refresh → retry once, and
 * a 429 that pauses the shared budget for Retry-After.
 */

export type ServerName = 'genesys-chat' | 'unipile-messaging' | 'mcp';

export interface CallOptions {
  priority?: Priority;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface McpClientOptions {
  tokens: TokenManager;
  /** Base URL of the Farm (live: https://mcp.app.pinkfish.ai). */
  mcpBase: string;
  budget: RequestBudget;
  fetch?: FetchFn;
  timeoutMs?: number;
  /** Wait out a 429 and retry once when Retry-After is at most this many seconds. */
  maxAutoRetryAfterS?: number;
}

export interface ToolInfo {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
}

export class McpClient {
  private nextId = 1;
  private readonly fetchFn: FetchFn;
  private readonly base: string;
  /** Counters for diagnostics. */
  readonly stats = { calls: 0, retries401: 0, rateLimited: 0 };

  constructor(private readonly options: McpClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.base = options.mcpBase.replace(/\/+$/, '');
  }

  /** Calls a tool and decodes its result (throws typed errors). */
  async callTool(server: Exclude<ServerName, 'mcp'>, name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<DecodedResult> {
    const reply = await this.rpc(server, 'tools/call', { name, arguments: args }, options);
    return decodeRpcReply(reply.body, reply.id);
  }

  async listTools(server: Exclude<ServerName, 'mcp'>, options: CallOptions = {}): Promise<ToolInfo[]> {
    const reply = await this.rpc(server, 'tools/list', {}, options);
    const decoded = reply.body as { result?: { tools?: unknown }; error?: unknown };
    if (decoded?.error !== undefined) decodeRpcReply(reply.body, reply.id);
    const tools = decoded?.result?.tools;
    if (!Array.isArray(tools)) throw errorFor('protocol', { message: 'Pinkfish returned a tool list in an unexpected shape.' });
    return tools.filter((t): t is ToolInfo => typeof t === 'object' && t !== null && typeof (t as ToolInfo).name === 'string');
  }

  /** Raw JSON-RPC: returns the reply envelope (after transport-level handling). */
  async rpc(server: ServerName, method: string, params: unknown, options: CallOptions = {}): Promise<{ id: number; body: unknown }> {
    const priority = options.priority ?? 'user';
    let refreshed = false;
    let waited429 = false;
    for (;;) {
      await this.options.budget.acquire(priority, options.signal);
      const token = await this.options.tokens.getToken(options.signal);
      const id = this.nextId++;
      this.stats.calls++;
      const init: RequestInit = {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'X-Selected-Org': this.options.tokens.orgId,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      };
      const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 30_000;
      const { response, text } = await timedFetch(this.fetchFn, `${this.base}/${server}`, init, options.signal ? { timeoutMs, signal: options.signal } : { timeoutMs });

      if (response.status === 401) {
        this.options.tokens.invalidate(token);
        if (!refreshed) {
          refreshed = true;
          this.stats.retries401++;
          continue;
        }
        throw errorFor('auth', { status: 401, message: 'Pinkfish refused a freshly issued token. Sign in again; if it persists, check the organisation id.' });
      }
      if (response.status === 429) {
        this.stats.rateLimited++;
        const wait = retryAfterSeconds(response.headers.get('retry-after'));
        this.options.budget.pause(wait);
        const max = this.options.maxAutoRetryAfterS ?? 30;
        if (!waited429 && wait <= max) {
          waited429 = true;
          continue; // acquire() above waits out the pause
        }
        throw errorFor('rate_limited', { status: 429, retryAfter: wait, message: `Pinkfish's request limit was reached; Switchboard resumes in ${wait} s.` });
      }
      const body = this.parseBody(response, text, id);
      if (!response.ok && (body === undefined || typeof body !== 'object' || !('jsonrpc' in (body as object)))) {
        throw fromUpstreamBody(body ?? text.slice(0, 200), response.status);
      }
      return { id, body };
    }
  }

  private parseBody(response: Response, text: string, id: number): unknown {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream')) {
      const messages = parseSse(text) as Array<{ id?: unknown }>;
      return messages.find((m) => m && m.id === id) ?? messages[messages.length - 1];
    }
    if (text.trim() === '') return undefined;
    const body = parseJson(text);
    if (body === undefined) {
      if (!response.ok) return undefined;
      throw errorFor('protocol', { message: 'Pinkfish sent a malformed reply (not JSON).' });
    }
    return body;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
