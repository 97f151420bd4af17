import { AppError, type ErrorCode } from '../../../shared/ipc/result';

/**
 * How sync and the outbox read a failed call. The split that matters is
 * whether the call may have taken effect upstream:
 *
 *  - `ambiguous`: the request left and no readable answer came back (timeout,
 *    dropped or truncated connection, unreadable reply, or a 5xx that may come
 *    from behind the gateway). A send is looked for in history before it is
 *    sent again.
 *  - `transient`: it certainly did not take effect (429 before the call, the
 *    budget closing) or the operation is idempotent: retry with backoff.
 *  - `permanent`: retrying cannot help (invalid, forbidden, gone): failed.
 */
export type FailureClass = 'ambiguous' | 'transient' | 'permanent';

const MAYBE_APPLIED: readonly ErrorCode[] = ['timeout', 'network', 'protocol', 'unavailable', 'cancelled'];
const NOT_APPLIED: readonly ErrorCode[] = ['rate_limited', 'offline', 'auth', 'keychain_unavailable'];

export function errorCode(err: unknown): ErrorCode {
  return err instanceof AppError ? err.code : 'internal';
}

/** `idempotent`: repeating the operation is harmless (edit, reaction set, pin, read mark, any read). */
export function classifyFailure(err: unknown, idempotent: boolean): FailureClass {
  const code = errorCode(err);
  if (NOT_APPLIED.includes(code)) return 'transient';
  if (MAYBE_APPLIED.includes(code)) return idempotent ? 'transient' : 'ambiguous';
  // A bug of ours ('internal') must not silently retry forever.
  return 'permanent';
}

/** The failures that mean "cannot reach Pinkfish" (drives the online/offline status). */
export function isUnreachable(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'network' || code === 'timeout';
}

/** Upstream error code (Genesys `code`, Unipile `type`), when the error carries one. */
export function upstreamCode(err: unknown): string | undefined {
  return (err as { upstreamCode?: unknown })?.upstreamCode as string | undefined;
}

const CONNECTION_TROUBLE = 'The selected connection cannot be used (it may have been removed or disconnected). Check Settings → Accounts.';

/**
 * A failure as it may be shown to the user. The platform's own wording about a
 * connection names the connection's id (the PCID, which never leaves the
 * backend), so those messages are replaced; the rest are AppError messages,
 * already written for the user.
 */
export function describeFailure(err: unknown): { code: ErrorCode; message: string } {
  const code = errorCode(err);
  if (/^connection\./.test(upstreamCode(err) ?? '')) return { code, message: CONNECTION_TROUBLE };
  if (err instanceof AppError) return { code, message: err.message };
  return { code, message: 'Something went wrong inside Switchboard. The details are in the log.' };
}

/** The same, as an error to throw across the contract. */
export function publicError(err: unknown): unknown {
  if (!(err instanceof AppError) || !/^connection\./.test(upstreamCode(err) ?? '')) return err;
  return new AppError(err.code, CONNECTION_TROUBLE);
}
