import { createRng } from './rng';
import type { Rng } from './types';

/**
 * Everything the emulator can do wrong on purpose. All rates are probabilities
 * in [0, 1] per tools/call; all default to off. Latency applies to every MCP
 * request that expects an answer; the other faults only to tools/call, which is
 * what a client retries and budgets.
 */
export interface FaultSettings {
  /** Added to every MCP reply, ms. */
  latencyMs: number;
  /** Plus a uniform random extra in [0, jitterMs]. */
  jitterMs: number;
  /** Probability that a tools/call fails as if the upstream were down. */
  errorRate: number;
  /** Per-tool override of `errorRate` (tool name → probability). */
  errorRateByTool: Record<string, number>;
  /**
   * How an injected error looks: an upstream 500 or 503 wrapped in the current
   * error mode, a bare HTTP 503 from the Farm itself, or a seeded mix of the three.
   */
  errorKind: 'upstream-500' | 'upstream-503' | 'http-503' | 'mixed';
  /** Probability that a tools/call is never answered (until `hangMaxMs` or stop). */
  hangRate: number;
  hangMaxMs: number;
  /** Probability that the socket is destroyed without any reply. */
  dropRate: number;
  /** The next N tools/call get HTTP 429 (counts down). */
  burst429: number;
  /** Retry-After seconds sent with burst 429s. */
  burstRetryAfterSeconds: number;
  /** Probability of a complete HTTP reply whose body is not valid JSON. */
  malformedRate: number;
  /** Probability of a reply cut off mid-body (connection closed). */
  truncatedRate: number;
}

export const DEFAULT_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorRateByTool: {},
  errorKind: 'upstream-503',
  hangRate: 0,
  hangMaxMs: 120_000,
  dropRate: 0,
  burst429: 0,
  burstRetryAfterSeconds: 2,
  malformedRate: 0,
  truncatedRate: 0,
});

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'burst429'; retryAfterSeconds: number }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'error'; as: 'upstream-500' | 'upstream-503' | 'http-503' };

export type BodyFault = 'none' | 'malformed' | 'truncated';

const RATE_KEYS = ['errorRate', 'hangRate', 'dropRate', 'malformedRate', 'truncatedRate'] as const;
const NUMBER_KEYS = ['latencyMs', 'jitterMs', 'hangMaxMs', 'burst429', 'burstRetryAfterSeconds'] as const;
const ERROR_KINDS = ['upstream-500', 'upstream-503', 'http-503', 'mixed'] as const;

/** Validate and merge a partial update; throws a RangeError naming the bad field. */
export function mergeFaults(base: FaultSettings, patch: unknown): FaultSettings {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new RangeError('faults must be an object');
  const next: FaultSettings = { ...base, errorRateByTool: { ...base.errorRateByTool } };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if ((RATE_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`faults.${key} must be a number in [0, 1]`);
      (next as unknown as Record<string, number>)[key] = value;
    } else if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`faults.${key} must be a non-negative number`);
      (next as unknown as Record<string, number>)[key] = key === 'burst429' ? Math.floor(value) : value;
    } else if (key === 'errorKind') {
      if (!(ERROR_KINDS as readonly unknown[]).includes(value)) throw new RangeError(`faults.errorKind must be one of ${ERROR_KINDS.join(', ')}`);
      next.errorKind = value as FaultSettings['errorKind'];
    } else if (key === 'errorRateByTool') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RangeError('faults.errorRateByTool must be an object');
      for (const [tool, rate] of Object.entries(value as Record<string, unknown>)) {
        if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new RangeError(`faults.errorRateByTool.${tool} must be a number in [0, 1]`);
      }
      next.errorRateByTool = { ...(value as Record<string, number>) };
    } else {
      throw new RangeError(`unknown fault setting '${key}'`);
    }
  }
  return next;
}

/**
 * Draws fault decisions from its own seeded stream. Every tools/call consumes
 * the same number of draws whatever the settings, so a given seed and call
 * order always produce the same faults even when settings change mid-run.
 */
export class FaultInjector {
  private rng: Rng;
  // Jitter has its own stream so toggling latency never shifts the other faults.
  private jitterRng: Rng;
  settings: FaultSettings;

  constructor(seed: number, initial?: Partial<FaultSettings>) {
    this.rng = createRng((seed ^ 0x5fa17ed) >>> 0);
    this.jitterRng = createRng((seed ^ 0x71773e) >>> 0);
    this.settings = initial ? mergeFaults({ ...DEFAULT_FAULTS }, initial) : { ...DEFAULT_FAULTS, errorRateByTool: {} };
  }

  update(patch: unknown): FaultSettings {
    this.settings = mergeFaults(this.settings, patch);
    return this.settings;
  }

  /** Extra latency for one reply, ms (0 when off, without consuming a draw). */
  latency(): number {
    const { latencyMs, jitterMs } = this.settings;
    if (latencyMs <= 0 && jitterMs <= 0) return 0;
    return latencyMs + (jitterMs > 0 ? this.jitterRng.next() * jitterMs : 0);
  }

  /** Decide the transport-level fate of one tools/call before it runs. */
  beforeCall(tool: string): FaultDecision {
    const s = this.settings;
    const rDrop = this.rng.next();
    const rHang = this.rng.next();
    const rError = this.rng.next();
    const rKind = this.rng.next();
    if (s.burst429 > 0) {
      s.burst429--;
      return { kind: 'burst429', retryAfterSeconds: s.burstRetryAfterSeconds };
    }
    if (rDrop < s.dropRate) return { kind: 'drop' };
    if (rHang < s.hangRate) return { kind: 'hang' };
    const errorRate = s.errorRateByTool[tool] ?? s.errorRate;
    if (rError < errorRate) {
      const as = s.errorKind === 'mixed' ? (['upstream-500', 'upstream-503', 'http-503'] as const)[Math.floor(rKind * 3)]! : s.errorKind;
      return { kind: 'error', as };
    }
    return { kind: 'none' };
  }

  /** Decide whether the reply body of one tools/call gets mangled. */
  body(): BodyFault {
    const r = this.rng.next();
    const { malformedRate, truncatedRate } = this.settings;
    if (r < malformedRate) return 'malformed';
    if (r < malformedRate + truncatedRate) return 'truncated';
    return 'none';
  }
}
