import type { FaultSettings } from './faults';
import type { BinaryMode, ErrorMode } from './results';
import { BINARY_MODES, ERROR_MODES } from './results';
import type { Scale } from './types';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The host is always 127.0.0.1. */
  port?: number;
  /** Seeds the data, the connection ids, the faults and the world (default 1). */
  seed?: number;
  scale?: Scale;
  /** Token lifetime, seconds (default 3600). */
  tokenTtl?: number;
  /** Sliding-window limits per token user; 0 = unlimited. */
  ratePerHour?: number;
  ratePerDay?: number;
  errorMode?: ErrorMode;
  binaryMode?: BinaryMode;
  /** Answer requests as `text/event-stream` when the client accepts it (default false: JSON). */
  sseReplies?: boolean;
  /** Lifetime of `--binary-mode url` downloads, seconds (default 60). */
  fileUrlTtl?: number;
  /** World events per minute (default 0 = off). */
  activityPerMinute?: number;
  /** Serve `/__control/*` over HTTP (default false). The in-process `control` is always available. */
  enableControl?: boolean;
  faults?: Partial<FaultSettings>;
  /** Initial clock reading, ms since epoch (default: now). */
  startTime?: number;
  /** Freeze the clock so only `control.advanceClock` moves it (default false). */
  frozenClock?: boolean;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'faults' | 'startTime'>> & Pick<EmulatorOptions, 'faults' | 'startTime'>;

function nonNegative(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number (got ${String(v)})`);
  return value;
}

export function resolveOptions(opts: EmulatorOptions = {}): ResolvedOptions {
  const scale = opts.scale ?? 'demo';
  if (!['tiny', 'demo', 'bench'].includes(scale)) throw new RangeError(`scale must be tiny, demo or bench (got ${String(scale)})`);
  const errorMode = opts.errorMode ?? 'isError';
  if (!ERROR_MODES.includes(errorMode)) throw new RangeError(`errorMode must be one of ${ERROR_MODES.join(', ')} (got ${String(errorMode)})`);
  const binaryMode = opts.binaryMode ?? 'base64';
  if (!BINARY_MODES.includes(binaryMode)) throw new RangeError(`binaryMode must be one of ${BINARY_MODES.join(', ')} (got ${String(binaryMode)})`);
  const port = nonNegative('port', opts.port, 0);
  if (!Number.isInteger(port) || port > 65535) throw new RangeError(`port must be an integer in 0..65535 (got ${port})`);
  const tokenTtl = nonNegative('tokenTtl', opts.tokenTtl, 3600);
  if (tokenTtl === 0) throw new RangeError('tokenTtl must be positive');
  return {
    port,
    seed: Math.floor(nonNegative('seed', opts.seed, 1)),
    scale,
    tokenTtl,
    ratePerHour: Math.floor(nonNegative('ratePerHour', opts.ratePerHour, 5000)),
    ratePerDay: Math.floor(nonNegative('ratePerDay', opts.ratePerDay, 50000)),
    errorMode,
    binaryMode,
    sseReplies: opts.sseReplies ?? false,
    fileUrlTtl: nonNegative('fileUrlTtl', opts.fileUrlTtl, 60),
    activityPerMinute: nonNegative('activityPerMinute', opts.activityPerMinute, 0),
    enableControl: opts.enableControl ?? false,
    frozenClock: opts.frozenClock ?? false,
    faults: opts.faults,
    startTime: opts.startTime,
  };
}
