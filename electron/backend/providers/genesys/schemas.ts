import { z } from 'zod';
import { PinkfishError } from '../../pinkfish/errors';
import { parseResult } from '../common/lenient';

/**
 * Lenient schemas for the `/api/v2/chats` response models (genesys-chat-api.md §3).
 * Every object keeps unknown fields (a newer Genesys may add some) and every field
 * the spec does not mark required may be missing or null (Genesys omits unset values,
 * other serialisers write null). A present value of the wrong type is a `protocol`
 * error via parseResult, so nothing downstream ever sees a half-typed object.
 *
 * Fields the spec marks required but the client can live without (a message's
 * `thread`, `toJid`, `jid`, even `body`) are optional here too: losing a message over
 * a missing thread link would be worse than showing it as a top-level message.
 */

const isDate = (s: string) => Number.isFinite(Date.parse(s));

/** ISO-8601 as documented; epoch milliseconds tolerated in case a proxy converts dates. */
export const dateSchema = z.union([z.string().refine(isDate, { message: 'not a date' }), z.number().finite()]);
export type GenesysDate = z.infer<typeof dateSchema>;

/** AddressableEntityRef / UserReference / Entity: `{ id, selfUri }`. */
export const entityRefSchema = z.looseObject({
  id: z.string().nullish(),
  selfUri: z.string().nullish(),
});
export type GenesysEntityRef = z.infer<typeof entityRefSchema>;

/**
 * `ChatReaction[]` per the spec; the notification model's map (emoji → user ids) is
 * accepted as well, and a reaction's users may be refs or bare ids.
 */
export const reactionSchema = z.looseObject({
  emoji: z.string(),
  users: z.array(z.union([entityRefSchema, z.string()])).nullish(),
  count: z.number().int().nonnegative().nullish(),
});
export const reactionsSchema = z.union([z.array(reactionSchema), z.record(z.string(), z.array(z.union([entityRefSchema, z.string()])))]);
export type GenesysReactions = z.infer<typeof reactionsSchema>;

/**
 * `mentions` is documented as a string→string map whose meaning is unconfirmed
 * (§8: keys probably user ids, values JIDs or names). The request's array of user
 * ids and the notification model's `[{entityId, entityJid}]` are accepted too.
 */
export const mentionsSchema = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.union([z.string(), z.looseObject({ id: z.string().nullish(), entityId: z.string().nullish(), userId: z.string().nullish(), entityJid: z.string().nullish(), jid: z.string().nullish() })])),
]);
export type GenesysMentions = z.infer<typeof mentionsSchema>;

/** ChatMessageResponse. */
export const messageSchema = z.looseObject({
  id: z.string().min(1),
  dateCreated: dateSchema,
  dateModified: dateSchema.nullish(),
  toJid: z.string().nullish(),
  jid: z.string().nullish(),
  body: z.string().nullish(),
  mentions: mentionsSchema.nullish(),
  edited: z.boolean().nullish(),
  attachmentDeleted: z.boolean().nullish(),
  fileUri: z.string().nullish(),
  thread: entityRefSchema.nullish(),
  parentThread: entityRefSchema.nullish(),
  user: entityRefSchema.nullish(),
  toUser: entityRefSchema.nullish(),
  reactions: reactionsSchema.nullish(),
});
export type GenesysMessage = z.infer<typeof messageSchema>;

/** ChatMessageEntityListing: `entities` is its only field; no cursor, no total. */
export const listingSchema = z.looseObject({
  entities: z.array(messageSchema).nullish(),
});
export type GenesysMessageListing = Omit<z.infer<typeof listingSchema>, 'entities'> & { entities: GenesysMessage[] };

/** ChatSendMessageResponse (send and edit). */
export const sendResponseSchema = z.looseObject({ id: z.string().min(1) });
export type GenesysSendResponse = z.infer<typeof sendResponseSchema>;

/** CreateRoomResponse. */
export const createRoomResponseSchema = z.looseObject({ jid: z.string().min(1) });
export type GenesysCreateRoomResponse = z.infer<typeof createRoomResponseSchema>;

/** Room. `roomType` stays a string: an enum would turn a new room type into a protocol error. */
export const roomSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  dateCreated: dateSchema.nullish(),
  roomType: z.string().nullish(),
  description: z.string().nullish(),
  subject: z.string().nullish(),
  participantLimit: z.number().nullish(),
  owners: z.array(entityRefSchema).nullish(),
  pinnedMessages: z.array(entityRefSchema).nullish(),
  jid: z.string().nullish(),
  selfUri: z.string().nullish(),
});
export type GenesysRoom = z.infer<typeof roomSchema>;

/** OneOnOne: only the pins. */
export const oneOnOneSchema = z.looseObject({
  pinnedMessages: z.array(entityRefSchema).nullish(),
});
export type GenesysOneOnOne = z.infer<typeof oneOnOneSchema>;

/** RoomParticipantsResponse. */
export const participantsSchema = z.looseObject({
  participants: z
    .array(
      z.looseObject({
        jid: z.string().nullish(),
        user: entityRefSchema.nullish(),
      }),
    )
    .nullish(),
});
export type GenesysParticipants = z.infer<typeof participantsSchema>;

/** RoomParticipant: the spec's only (required) field. */
export const participantSchema = z.looseObject({ participantJid: z.string().min(1) });
export type GenesysParticipant = z.infer<typeof participantSchema>;

/** ChatSettings (org). Range checks are the mapper's business, not a protocol failure. */
export const orgSettingsSchema = z.looseObject({
  messageRetentionPeriodDays: z.number().nullish(),
  reactionsEnabled: z.boolean().nullish(),
});
export type GenesysOrgSettings = z.infer<typeof orgSettingsSchema>;

/** MobileSettings: `when` is a string so an unknown enum value is mapped, not rejected. */
export const mobileSchema = z.looseObject({
  notifications: z.looseObject({ when: z.string().nullish() }).nullish(),
});

/** ChatUserSettings (another user's, admin view). */
export const userSettingsSchema = z.looseObject({ mobile: mobileSchema.nullish() });
export type GenesysUserSettings = z.infer<typeof userSettingsSchema>;

/** UserSettingsForChat (the caller's own). */
export const mySettingsSchema = z.looseObject({
  muted: z.boolean().nullish(),
  mentionsOnly: z.boolean().nullish(),
  notifyOnReactions: z.boolean().nullish(),
  mobile: mobileSchema.nullish(),
});
export type GenesysMySettings = z.infer<typeof mySettingsSchema>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A message listing in any of the shapes seen or specified: `{ entities }` (every
 * history endpoint in practice), a single ChatMessageResponse (what the spec says
 * `get_chats_user_messages` returns — most likely a spec defect, §12.1), or a bare
 * array. Dispatching on the keys (rather than a zod union) keeps a malformed message
 * inside `entities` a protocol error instead of silently falling through to another
 * branch.
 */
export function parseMessageListing(value: unknown, what: string): GenesysMessageListing {
  if (Array.isArray(value)) return { entities: parseResult(z.array(messageSchema), value, what) };
  if (isRecord(value) && !('entities' in value) && 'id' in value) return { entities: [parseResult(messageSchema, value, what)] };
  if (value === undefined || value === null) throw new PinkfishError('protocol', `Pinkfish returned nothing where ${what} was expected.`);
  const listing = parseResult(listingSchema, value, what);
  return { ...listing, entities: listing.entities ?? [] };
}
