import { AppError } from '../../../shared/ipc/result';

/**
 * The last line of defence: whatever leaves the backend (replies, errors, log
 * lines, the diagnostics report) is scrubbed of every secret value it knows
 * (credentials, tokens, PCIDs). Messages are written without them in the first
 * place; this catches an upstream message that echoes one back.
 */

export const REDACTED = '[redacted]';

function scrubber(secrets: readonly string[]): ((s: string) => string) | null {
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return null;
  return (s: string) => list.reduce((acc, secret) => acc.split(secret).join(REDACTED), s);
}

/** Replaces every occurrence of each secret in every string of `value`. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const scrub = scrubber(secrets);
  if (!scrub) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The same error with no secret in its message (an AppError keeps its code, field and retry-after). */
export function scrubError(err: unknown, secrets: readonly string[]): unknown {
  const scrub = scrubber(secrets);
  if (!scrub) return err;
  if (err instanceof AppError) {
    const message = scrub(err.message);
    if (message === err.message) return err;
    const extra: { retryAfter?: number; field?: string } = {};
    if (err.retryAfter !== undefined) extra.retryAfter = err.retryAfter;
    if (err.field !== undefined) extra.field = err.field;
    return new AppError(err.code, message, extra);
  }
  if (err instanceof Error) {
    const message = scrub(err.message);
    return message === err.message ? err : new Error(message);
  }
  return typeof err === 'string' ? scrub(err) : err;
}
