import { conversationId as makeConversationId, conversationIdSchema, messageIdSchema, type ConversationId, type MessageId } from '../../../shared/domain/ids';

/**
 * switchboard:// links. They arrive from anywhere (a web page, a chat message, another program's
 * command line), so they are parsed strictly: exactly the two documented shapes, ids that pass the
 * contract's own schemas, and nothing else. Anything unexpected is refused rather than guessed at.
 *
 *   switchboard://conversation/<conversation id>[?message=<message id>]
 *   switchboard://room/<room JID>[?message=<message id>]           → g:room:<jid>
 *
 * Path parts may be percent-encoded (`g%3Aroom%3A…`); a single trailing slash is tolerated because
 * some launchers add one.
 */

export const DEEP_LINK_SCHEME = 'switchboard';

/** Longer than any real link; keeps a hostile one from costing anything. */
export const MAX_DEEP_LINK_LENGTH = 2048;

export interface DeepLinkTarget {
  conversationId: ConversationId;
  messageId?: MessageId;
}

export type DeepLinkRejection = 'not-a-string' | 'too-long' | 'wrong-scheme' | 'unknown-target' | 'bad-encoding' | 'bad-id' | 'bad-query';

export type DeepLinkResult = { ok: true; target: DeepLinkTarget } | { ok: false; reason: DeepLinkRejection };

const SHAPE = /^switchboard:\/\/(conversation|room)\/([^/?#]+)\/?(?:\?([^#]*))?$/i;
// Control characters, whitespace and the characters that would let an id smuggle a path or query.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\u2028\u2029/?#\\]/;
// A bare JID: local@domain, as Genesys addresses rooms (…@conference.<org>.orgspan.com).
const JID = /^[^@\s]{1,256}@[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

const reject = (reason: DeepLinkRejection): DeepLinkResult => ({ ok: false, reason });

export function parseDeepLink(url: unknown): DeepLinkResult {
  if (typeof url !== 'string') return reject('not-a-string');
  if (url.length > MAX_DEEP_LINK_LENGTH) return reject('too-long');
  if (!/^switchboard:/i.test(url)) return reject('wrong-scheme');
  const m = SHAPE.exec(url);
  if (!m) return reject('unknown-target');
  const kind = (m[1] ?? '').toLowerCase();
  const raw = decode(m[2] ?? '');
  if (raw === null) return reject('bad-encoding');
  if (raw === '' || FORBIDDEN.test(raw)) return reject('bad-id');

  let id: string;
  if (kind === 'room') {
    if (!JID.test(raw)) return reject('bad-id');
    id = makeConversationId.genesysRoom(raw);
  } else {
    id = raw;
  }
  const conversation = conversationIdSchema.safeParse(id);
  if (!conversation.success) return reject('bad-id');
  const target: DeepLinkTarget = { conversationId: conversation.data };

  const query = m[3];
  if (query !== undefined && query !== '') {
    const pairs = query.split('&');
    if (pairs.length !== 1) return reject('bad-query');
    const [key, value, ...extra] = (pairs[0] ?? '').split('=');
    if (key !== 'message' || value === undefined || extra.length > 0) return reject('bad-query');
    const decoded = decode(value);
    if (decoded === null) return reject('bad-encoding');
    if (decoded === '' || FORBIDDEN.test(decoded)) return reject('bad-id');
    const message = messageIdSchema.safeParse(decoded);
    if (!message.success) return reject('bad-id');
    target.messageId = message.data;
  }
  return { ok: true, target };
}

/**
 * The link, if any, in a command line: Windows and Linux start the app (or the second instance) with
 * the URL as an argument. Chromium switches the OS may have added are ignored; only an argument that
 * is itself a switchboard: URL counts, the last one winning.
 */
export function deepLinkFromArgv(argv: readonly unknown[]): string | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i];
    if (typeof arg === 'string' && /^switchboard:/i.test(arg)) return arg;
  }
  return null;
}

/** The link that opens this conversation (Copy link in the app, the inverse of parseDeepLink). */
export function deepLinkFor(target: DeepLinkTarget): string {
  const base = `${DEEP_LINK_SCHEME}://conversation/${encodeURIComponent(target.conversationId)}`;
  return target.messageId ? `${base}?message=${encodeURIComponent(target.messageId)}` : base;
}
