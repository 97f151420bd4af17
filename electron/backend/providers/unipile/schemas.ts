import { z } from 'zod';

/**
 * Lenient schemas for what the Unipile tools return (reference: unipile-messaging-api.md §2).
 *
 * Unipile keeps adding fields and its docs disagree with its SDK in places, so:
 * every object is loose (unknown keys kept), anything the client can live without is
 * optional, and the known variants are normalised here once so mappers and callers
 * see one shape: 0/1 flags and booleans both become booleans, a missing `cursor` is
 * null, timestamps (ISO or epoch) become ISO strings, `muted_until` becomes
 * null | -1 | ISO. A value of the wrong type still fails, and parseResult turns that
 * into a typed `protocol` error.
 */

/** 0/1 numbers (the documented form), real booleans, and their string spellings. Non-zero numbers are true (read_only can be 2). */
export const flag = z
  .union([z.boolean(), z.number(), z.enum(['0', '1', 'true', 'false'])])
  .transform((v) => v === true || v === 'true' || v === '1' || (typeof v === 'number' && v !== 0));

const flagOff = flag.optional().transform((v) => v ?? false);

/** ISO-8601 (the documented form) or epoch milliseconds; always an ISO string after parsing. */
export const isoTime = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'not a date' });
      return z.NEVER;
    }
    return typeof v === 'string' && new Date(ms).toISOString() === v ? v : new Date(ms).toISOString();
  });

/** Several tools return ids that "may be null when the provider does not answer synchronously" (§2.6). */
const nullableId = z
  .string()
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v));

/** Lists: a missing or empty cursor means the last page (the per-chat attendee list omits it in the SDK). */
const cursor = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * `-1` (or true) = muted indefinitely, an ISO string or epoch = muted until then,
 * null/absent/0/false = not muted (semantics are [INF] in the reference).
 */
export const mutedUntil = z
  .union([z.null(), z.boolean(), z.number(), z.string()])
  .optional()
  .transform((v, ctx): null | -1 | string => {
    if (v === undefined || v === null || v === false || v === 0 || v === '') return null;
    if (v === true || v === -1 || v === '-1') return -1;
    const ms = typeof v === 'number' ? v : Date.parse(v);
    if (!Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({ code: 'custom', message: 'not a mute deadline' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

export const unipileAttachmentSchema = z.looseObject({
  id: z.string().min(1),
  /** img | video | audio | file | linkedin_post | video_meeting; unknown kinds are kept and shown as "other". */
  type: z.string(),
  unavailable: flagOff,
  file_size: z.number().nonnegative().optional(),
  mimetype: z.string().optional(),
  file_name: z.string().optional(),
  url: z.string().optional(),
  url_expires_at: z.union([z.number(), z.string()]).optional(),
  size: z.looseObject({ width: z.number(), height: z.number() }).optional(),
  duration: z.number().optional(),
  voice_note: flag.optional(),
  sticker: flag.optional(),
  gif: flag.optional(),
});
export type UnipileAttachment = z.output<typeof unipileAttachmentSchema>;

export const unipileReactionSchema = z.looseObject({
  value: z.string(),
  /** Provider id of whoever reacted (not an attendee id). */
  sender_id: z.string().optional(),
  is_sender: flagOff,
});
export type UnipileReaction = z.output<typeof unipileReactionSchema>;

export const unipileQuotedSchema = z.looseObject({
  /** Unipile id of the quoted message: not in the spec, used when a server sends it. */
  id: z.string().optional(),
  provider_id: z.string().optional(),
  sender_id: z.string().optional(),
  sender_attendee_id: z.string().optional(),
  text: z.string().nullish().transform((v) => v ?? null),
  attachments: z.array(unipileAttachmentSchema).optional().transform((v) => v ?? []),
});
export type UnipileQuoted = z.output<typeof unipileQuotedSchema>;

export const unipileMessageSchema = z.looseObject({
  object: z.string().optional(),
  id: z.string().min(1),
  account_id: z.string().optional(),
  chat_id: z.string().min(1),
  chat_provider_id: z.string().optional(),
  provider_id: z.string().optional(),
  sender_id: z.string().optional(),
  sender_attendee_id: z.string().nullish(),
  text: z.string().nullish().transform((v) => v ?? null),
  attachments: z.array(unipileAttachmentSchema).nullish().transform((v) => v ?? []),
  timestamp: isoTime,
  is_sender: flagOff,
  /** Absent, not null, when there is none (spec); null tolerated. */
  quoted: unipileQuotedSchema.nullish(),
  reply_to: unipileQuotedSchema.nullish(),
  reactions: z.array(unipileReactionSchema).nullish().transform((v) => v ?? []),
  seen: flagOff,
  seen_by: z.record(z.string(), z.unknown()).nullish(),
  hidden: flagOff,
  deleted: flagOff,
  edited: flagOff,
  is_event: flagOff,
  event_type: z.number().optional(),
  delivered: flagOff,
  behavior: z.unknown().optional(),
  original: z.unknown().optional(),
  subject: z.string().nullish(),
  /** Slack: number of replies in the thread this message starts. */
  replies: z.number().nonnegative().optional(),
  reply_by: z.array(z.string()).optional(),
  /** Slack: Unipile id of the thread root this message replies to. */
  parent: z.string().nullish(),
  message_type: z.string().optional(),
});
export type UnipileMessage = z.output<typeof unipileMessageSchema>;

export const unipileChatSchema = z.looseObject({
  object: z.string().optional(),
  id: z.string().min(1),
  account_id: z.string().min(1),
  /** WHATSAPP | LINKEDIN | SLACK | TWITTER | MESSENGER | INSTAGRAM | TELEGRAM; unknown types are kept (mappers skip them). */
  account_type: z.string(),
  provider_id: z.string().optional(),
  attendee_provider_id: z.string().nullish(),
  name: z.string().nullish().transform((v) => (v ? v : null)),
  /** 0 single, 1 group, 2 channel; the SDK's names are tolerated too. */
  type: z
    .union([z.number().int(), z.enum(['SINGLE', 'GROUP', 'CHANNEL'])])
    .optional()
    .transform((v) => (v === 'SINGLE' ? 0 : v === 'GROUP' ? 1 : v === 'CHANNEL' ? 2 : (v ?? 0))),
  timestamp: isoTime.nullish().transform((v) => v ?? null),
  unread_count: z.number().nonnegative().optional().transform((v) => v ?? 0),
  archived: flagOff,
  muted_until: mutedUntil,
  read_only: flagOff,
  pinned: flagOff,
  disabledFeatures: z.array(z.string()).nullish().transform((v) => v ?? []),
  /** Not in the spec: WhatsApp labels, as strings or `{name}` objects. */
  labels: z
    .array(z.union([z.string(), z.looseObject({ name: z.string() })]))
    .optional()
    .transform((v) => v?.map((l) => (typeof l === 'string' ? l : l.name))),
  subject: z.string().nullish(),
  content_type: z.string().optional(),
  folder: z.array(z.string()).optional(),
  /** Only on get_chat; has no `object` and may be null. */
  lastMessage: unipileMessageSchema.nullish(),
});
export type UnipileChat = z.output<typeof unipileChatSchema>;

const specificsObject = z.looseObject({
  provider: z.string().optional(),
  occupation: z.string().optional(),
  headline: z.string().optional(),
  location: z.string().optional(),
  network_distance: z.string().optional(),
  public_identifier: z.string().optional(),
});

export const unipileAttendeeSchema = z.looseObject({
  object: z.string().optional(),
  id: z.string().min(1),
  account_id: z.string().optional(),
  provider_id: z.string().optional(),
  name: z.string().nullish().transform((v) => v ?? ''),
  is_self: flagOff,
  hidden: flagOff,
  picture_url: z.string().nullish(),
  profile_url: z.string().nullish(),
  /** The spec says one object; a third-party scrape shows an array: take its first element. */
  specifics: z
    .union([specificsObject, z.array(specificsObject)])
    .nullish()
    .transform((v) => (Array.isArray(v) ? v[0] : (v ?? undefined))),
});
export type UnipileAttendee = z.output<typeof unipileAttendeeSchema>;

const list = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    object: z.string().optional(),
    items: z.array(item),
    cursor,
  });

export const chatListSchema = list(unipileChatSchema);
export const messageListSchema = list(unipileMessageSchema);
export const attendeeListSchema = list(unipileAttendeeSchema);
export type UnipileList<T> = { object?: string; items: T[]; cursor: string | null };

export const messageSentSchema = z.looseObject({ object: z.string().optional(), message_id: nullableId });
export type MessageSent = z.output<typeof messageSentSchema>;

export const chatStartedSchema = z.looseObject({ object: z.string().optional(), chat_id: nullableId, message_id: nullableId });
export type ChatStarted = z.output<typeof chatStartedSchema>;

export const messageForwardedSchema = z.looseObject({ object: z.string().optional(), message_id: nullableId });
export type MessageForwarded = z.output<typeof messageForwardedSchema>;

/** The getInviteLink field is [UNK] in the reference: the likely spellings are all read into `invite_link`. */
export const chatPatchedSchema = z
  .looseObject({
    object: z.string().optional(),
    invite_link: z.string().optional(),
    inviteLink: z.string().optional(),
    link: z.string().optional(),
    url: z.string().optional(),
  })
  .transform(({ inviteLink, link, url, ...rest }) => {
    const invite = rest.invite_link ?? inviteLink ?? link ?? url;
    return invite === undefined ? rest : { ...rest, invite_link: invite };
  });
export type ChatPatched = z.output<typeof chatPatchedSchema>;

export const SYNC_STATUSES = ['SYNC_STARTED', 'SYNC_RUNNING', 'SYNC_DONE', 'SYNC_ERROR', 'CHAT_DELETED'] as const;
export const chatHistorySyncSchema = z.looseObject({
  object: z.string().optional(),
  chat_id: z.string().optional(),
  /** Unknown statuses are kept as strings so a new state does not break sync. */
  status: z.string().min(1),
});
export type ChatHistorySync = z.output<typeof chatHistorySyncSchema>;

/**
 * Acknowledgements whose body is unverified (delete, edit, reaction: §2.6). Any
 * object is accepted and kept; an empty reply (upstream 204) is `{}`.
 */
export const ackSchema = z
  .union([z.looseObject({ object: z.string().optional() }), z.null(), z.undefined()])
  .transform((v) => v ?? {});
export type Ack = z.output<typeof ackSchema>;
