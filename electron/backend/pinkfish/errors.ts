import { AppError, type ErrorCode } from '../../../shared/ipc/result';
import { NOT_A_MEMBER_MESSAGE } from '../../../shared/ipc/refusals';

/**
 * Maps every failure form the platform may produce (HTTP status, JSON-RPC
 * error, `isError` result, an error object in `structuredContent`, Genesys
 * ErrorBody, Unipile `{title, detail, type: "errors/…"}`) to one AppError with
 * a message the user can act on. The upstream's own text is kept when it is
 * short and human, because it is often the most precise (e.g. "A room can have
 * at most 5 pinned messages.").
 */

export interface UpstreamInfo {
  status?: number;
  /** Genesys `code` (`not.found`) or Unipile `type` (`errors/resource_not_found`). */
  upstreamCode?: string;
  field?: string;
  retryAfter?: number;
}

export class PinkfishError extends AppError {
  readonly status?: number;
  readonly upstreamCode?: string;
  constructor(code: ErrorCode, message: string, info: UpstreamInfo & { cause?: unknown } = {}) {
    const extra: { retryAfter?: number; field?: string; cause?: unknown } = {};
    if (info.retryAfter !== undefined) extra.retryAfter = info.retryAfter;
    if (info.field !== undefined) extra.field = info.field;
    if (info.cause !== undefined) extra.cause = info.cause;
    super(code, message, extra);
    this.name = 'PinkfishError';
    if (info.status !== undefined) this.status = info.status;
    if (info.upstreamCode !== undefined) this.upstreamCode = info.upstreamCode;
  }
}

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  auth: 'Pinkfish rejected the credentials. Check the client id, secret (or API key) and organisation id, then sign in again.',
  forbidden: 'This account is not allowed to do that.',
  not_found: 'That item no longer exists or is not visible to you.',
  invalid_input: 'The request was rejected as invalid.',
  rate_limited: 'Too many requests: Switchboard is pausing and will resume automatically.',
  conflict: 'That conflicts with the current state; refresh and try again.',
  unavailable: 'The service is unavailable right now; Switchboard will retry.',
  network: 'Could not reach Pinkfish. Check the network connection.',
  timeout: 'Pinkfish did not answer in time.',
  protocol: 'Pinkfish sent a reply Switchboard does not understand.',
};

export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid_input';
  if (status === 501) return 'invalid_input';
  if (status >= 500) return 'unavailable';
  return 'protocol';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** What Genesys says to a caller who is not in the room, in words the user can act on (and the window recognises). */
export { NOT_A_MEMBER_MESSAGE };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A Genesys JID (user or room); other networks' ids (a WhatsApp number) mean something to the user. */
const JID = '[\\w.+%-]+@[\\w.-]*orgspan\\.com';

/**
 * The upstream text without raw Genesys ids (user ids, JIDs, message ids), which mean nothing to the user:
 * "not a participant" becomes a sentence of its own, "room <jid>" "this room", "User <id> cannot"
 * "You cannot"; text that still carries an id is not shown (the code's own message stands in).
 */
function withoutIds(text: string): string | undefined {
  if (/\bis not a participant of (?:the )?room\b/i.test(text)) return NOT_A_MEMBER_MESSAGE;
  // "this room", or "This room" where it starts the sentence.
  const this_ = (what: string, at: number) => `${at === 0 ? 'This' : 'this'} ${what.toLowerCase()}`;
  const out = text
    .replace(new RegExp(`\\b(room) ${JID}`, 'gi'), (_m, what: string, at: number) => this_(what, at))
    .replace(new RegExp(`\\b(message|thread) ${UUID}`, 'gi'), (_m, what: string, at: number) => this_(what, at))
    .replace(new RegExp(`\\bUser ${UUID} cannot\\b`, 'g'), 'You cannot');
  if (new RegExp(UUID, 'i').test(out) || new RegExp(JID).test(out)) return undefined;
  return out;
}

/** Human text only: drop anything that looks like a stack trace or a huge blob, and raw ids. */
function presentable(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (text.length > 300 || /\n\s+at /.test(text)) return undefined;
  return withoutIds(text);
}

/** Builds a PinkfishError from an upstream error body in any known shape. */
export function fromUpstreamBody(body: unknown, fallbackStatus?: number): PinkfishError {
  const b = (typeof body === 'object' && body !== null ? body : { message: typeof body === 'string' ? body : undefined }) as Record<string, unknown>;
  // structuredContent {error: "...", status} or {error: {...}} wrappers
  const inner = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  const src = inner ?? b;
  const status = num(src.status) ?? num(src.statusCode) ?? num(b.status) ?? num(b.statusCode) ?? fallbackStatus;
  const upstreamCode = str(src.type) ?? str(src.code) ?? (typeof src.code === 'number' ? undefined : undefined);
  const text = presentable(str(src.detail) ?? str(src.message) ?? (typeof b.error === 'string' ? b.error : undefined) ?? str(src.title));
  let code: ErrorCode = status !== undefined ? codeForStatus(status) : 'protocol';
  if (upstreamCode) {
    if (/not_found|not\.found|invalid_resource_identifier/.test(upstreamCode)) code = 'not_found';
    else if (/too_many_requests|too\.many\.requests/.test(upstreamCode)) code = 'rate_limited';
    else if (/credentials|authentication|bad\.credentials|disconnected_account/.test(upstreamCode)) code = status === 403 ? 'forbidden' : 'auth';
    else if (/permission|not\.authorized|restricted|missing\.permissions|missing\.any\.permissions/.test(upstreamCode)) code = 'forbidden';
    else if (/already_exists|conflict/.test(upstreamCode)) code = 'conflict';
    else if (/feature_not_implemented|feature_not_subscribed/.test(upstreamCode)) code = 'invalid_input';
  }
  if (status === undefined && !upstreamCode && text === undefined) code = 'protocol';
  const field = fieldFrom(src, text);
  const retryAfter = num(src.retryAfter) ?? num(src.retry_after) ?? num(b.retryAfter);
  const message = upstreamMessage(code, text, upstreamCode);
  const info: UpstreamInfo = {};
  if (status !== undefined) info.status = status;
  if (upstreamCode !== undefined) info.upstreamCode = upstreamCode;
  if (field !== undefined) info.field = field;
  if (retryAfter !== undefined) info.retryAfter = retryAfter;
  return new PinkfishError(code, message, info);
}

function fieldFrom(src: Record<string, unknown>, text: string | undefined): string | undefined {
  const details = Array.isArray(src.details) ? (src.details as Record<string, unknown>[]) : [];
  const fromDetails = details.map((d) => str(d?.fieldName)).find(Boolean);
  if (fromDetails) return fromDetails;
  const quoted = text?.match(/['"`]([A-Za-z_][\w.[\]]*)['"`]/);
  return quoted?.[1];
}

function upstreamMessage(code: ErrorCode, text: string | undefined, upstreamCode: string | undefined): string {
  if (code === 'auth') return DEFAULT_MESSAGES.auth!;
  if (text) return /[.!?]$/.test(text) ? text : `${text}.`;
  if (upstreamCode === 'errors/feature_not_implemented') return 'This network does not support that action.';
  return DEFAULT_MESSAGES[code] ?? 'The request failed.';
}

export function errorFor(code: ErrorCode, info: UpstreamInfo & { message?: string; cause?: unknown } = {}): PinkfishError {
  return new PinkfishError(code, info.message ?? DEFAULT_MESSAGES[code] ?? 'The request failed.', info);
}
