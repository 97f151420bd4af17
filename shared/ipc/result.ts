import { z } from 'zod';

/**
 * Error codes that may cross the contract. The renderer switches on these, so
 * they are a closed set: anything unexpected in the backend becomes `internal`
 * with a generic message (the detail stays in the main-process log).
 */
export const errorCodes = [
  'invalid_input',
  'auth',
  'forbidden',
  'not_found',
  'rate_limited',
  'conflict',
  'unavailable',
  'network',
  'timeout',
  'protocol',
  'keychain_unavailable',
  'offline',
  'cancelled',
  'unknown_channel',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const wireError = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Seconds to wait before retrying, for `rate_limited`. */
  retryAfter: z.number().nonnegative().optional(),
  /** The offending field, for `invalid_input`. */
  field: z.string().optional(),
});
export type WireError = z.infer<typeof wireError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * An error the backend means to show the user. Anything thrown that is not an
 * AppError is reported as `internal` so stack traces and secrets never leak.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfter?: number;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, extra: { retryAfter?: number; field?: string; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    if (extra.retryAfter !== undefined) this.retryAfter = extra.retryAfter;
    if (extra.field !== undefined) this.field = extra.field;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Turns anything thrown into a wire error: only AppError text crosses, never a stack. */
export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) {
    const out: WireError = { code: err.code, message: err.message };
    if (err.retryAfter !== undefined) out.retryAfter = err.retryAfter;
    if (err.field !== undefined) out.field = err.field;
    return out;
  }
  return { code: 'internal', message: 'Something went wrong inside Switchboard. The details are in the log.' };
}

export function fail(err: unknown): Result<never> {
  return { ok: false, error: toWireError(err) };
}
