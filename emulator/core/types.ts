/**
 * The seam between the emulator's protocol core (`emulator/core`: HTTP, tokens,
 * JSON-RPC, schema validation, error/binary modes, faults, rate limits, control
 * API) and the two stateful services (`emulator/genesys`, `emulator/unipile`).
 *
 * A service knows nothing about HTTP or MCP: it receives validated tool
 * arguments and returns the upstream response body (what Genesys or Unipile
 * would have returned), throws an UpstreamError with the upstream's real error
 * body, returns NO_CONTENT for upstream 204s, or a BinaryPayload for bytes.
 * The core wraps all of these the way the Pinkfish Farm would.
 */

/** Deterministic clock: the control API can advance it. Milliseconds since epoch. */
export interface Clock {
  now(): number;
}

/** Deterministic pseudo-random source (seeded). */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export interface ToolCallContext {
  /** The Pinkfish user behind the bearer token (rate limits are per token user). */
  tokenUser: string;
  /** The PCID the call used; the core has already checked it belongs to this server's service. */
  pcid: string;
  clock: Clock;
}

/**
 * An upstream HTTP error with the upstream's own body: a Genesys `ErrorBody`
 * (`{message, code, status, messageParams, contextId, details, errors}`) or a
 * Unipile error (`{title, detail, instance, type: "errors/…", status}`).
 */
export class UpstreamError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.message === 'string' ? body.message : typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
    this.name = 'UpstreamError';
    this.status = status;
    this.body = body;
  }
}

/** Raw bytes the upstream returned (attachment, profile picture); the core applies --binary-mode. */
export interface BinaryPayload {
  kind: 'binary';
  mimeType: string;
  bytes: Uint8Array;
  fileName?: string;
}

export function isBinaryPayload(value: unknown): value is BinaryPayload {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'binary' && (value as { bytes?: unknown }).bytes instanceof Uint8Array;
}

/** Upstream answered 204: the core returns an empty success result. */
export const NO_CONTENT: unique symbol = Symbol('no-content');

export type ToolOutcome = unknown;
export type ToolHandler = (args: Record<string, unknown>, ctx: ToolCallContext) => ToolOutcome | Promise<ToolOutcome>;

export interface CatalogTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}
export interface Catalog {
  server: string;
  tools: CatalogTool[];
}

export type Scale = 'tiny' | 'demo' | 'bench';

export interface ServiceOptions {
  seed: number;
  scale: Scale;
  clock: Clock;
}

/**
 * One stateful service mounted by the core at `path`. `tools` must have a
 * handler for every tool of `catalog` (a test checks this).
 */
export interface ServiceModule {
  path: '/genesys-chat' | '/unipile-messaging';
  /** PinkConnect service_key of connections that may call this server. */
  serviceKey: string;
  catalog: Catalog;
  tools: Record<string, ToolHandler>;
  /** The "world": other people act at random (post, reply in threads, react, edit, create rooms/chats). */
  simulateActivity(rng: Rng): void;
  /** Control API hook: do something as another user; `action` is service specific and documented in its README. */
  control(action: string, params: Record<string, unknown>): unknown;
  /** Counts for tests and benches (rooms, chats, messages …). */
  stats(): Record<string, number>;
}
