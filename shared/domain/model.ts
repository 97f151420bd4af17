import { z } from 'zod';
import { NETWORK_NAMES, NETWORKS, type Network } from './networks';
import { accountIdSchema, conversationIdSchema, messageIdSchema, personIdSchema, sourceSchema } from './ids';

/**
 * The domain model both providers map into. Zod schemas (not just types) because
 * these values cross the IPC contract and are validated there. Times are epoch
 * milliseconds: cheap to compare and sort, and the cache keys on them.
 */

export const networkSchema = z.enum(NETWORKS);
export type { Network };
export { NETWORK_NAMES, NETWORKS };

export const accountSchema = z.object({
  id: accountIdSchema,
  source: sourceSchema,
  network: networkSchema,
  /** Display name: the connection's name, or the linked network account's. */
  name: z.string(),
  status: z.enum(['connected', 'error', 'disconnected']),
  /** The user's own identity on that account, when known. */
  selfPersonId: personIdSchema.optional(),
});
export type Account = z.infer<typeof accountSchema>;

export const conversationKindSchema = z.enum(['room', 'dm', 'group', 'channel']);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

export const conversationSchema = z.object({
  id: conversationIdSchema,
  accountId: accountIdSchema,
  source: sourceSchema,
  network: networkSchema,
  kind: conversationKindSchema,
  title: z.string(),
  subject: z.string().optional(),
  description: z.string().optional(),
  avatarPersonId: personIdSchema.optional(),
  lastActivity: z.number().nullable(),
  lastMessagePreview: z.string().optional(),
  unreadCount: z.number().int().nonnegative(),
  muted: z.boolean(),
  /** Epoch ms until which it is muted; null = indefinitely (when muted) or not muted. */
  mutedUntil: z.number().nullable().optional(),
  archived: z.boolean(),
  pinned: z.boolean(),
  readOnly: z.boolean(),
  labels: z.array(z.string()).optional(),
  /** Features this conversation does not support (Unipile `disabledFeatures`, network limits). */
  disabled: z.array(z.enum(['reactions', 'reply', 'edit', 'delete', 'forward', 'threads', 'attachments', 'pins'])).optional(),
  /** How long after sending the network takes an edit, ms (LinkedIn 60 minutes…); absent: no limit. See messageWindows.ts. */
  editWindowMs: z.number().int().positive().optional(),
  /** How long after sending the network takes a delete for everyone, ms; absent: no limit. */
  deleteWindowMs: z.number().int().positive().optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const reactionSchema = z.object({
  emoji: z.string(),
  count: z.number().int().nonnegative(),
  mine: z.boolean(),
  personIds: z.array(personIdSchema),
});
export type Reaction = z.infer<typeof reactionSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video', 'audio', 'file', 'other']),
  name: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().nonnegative().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  unavailable: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const quoteSchema = z.object({
  messageId: messageIdSchema.optional(),
  senderId: personIdSchema.optional(),
  text: z.string().nullable(),
});
export type Quote = z.infer<typeof quoteSchema>;

export const deliverySchema = z.enum(['pending', 'failed', 'sent', 'delivered', 'seen']);
export type Delivery = z.infer<typeof deliverySchema>;

export const messageSchema = z.object({
  id: messageIdSchema,
  conversationId: conversationIdSchema,
  source: sourceSchema,
  senderId: personIdSchema.nullable(),
  senderName: z.string().optional(),
  isOwn: z.boolean(),
  text: z.string().nullable(),
  time: z.number(),
  editedAt: z.number().nullable().optional(),
  edited: z.boolean(),
  deleted: z.boolean(),
  reactions: z.array(reactionSchema),
  attachments: z.array(attachmentSchema),
  quote: quoteSchema.optional(),
  /** Root message id of the thread this message belongs to (absent for top-level messages). */
  threadRootId: messageIdSchema.optional(),
  threadReplyCount: z.number().int().nonnegative().optional(),
  mentions: z.array(personIdSchema),
  delivery: deliverySchema,
  /** Provider event (joined, changed subject…) rather than something someone wrote. */
  isEvent: z.boolean().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const personSchema = z.object({
  id: personIdSchema,
  source: sourceSchema,
  name: z.string(),
  isSelf: z.boolean(),
  /** Provider handle: Genesys JID, Unipile provider id. Not a secret; used to start chats. */
  handle: z.string().optional(),
  /**
   * The Unipile account the person was read through, when the network said (an attendee belongs to
   * one account): where a new chat with them starts from. The cache keeps the last one said (0011).
   */
  accountId: accountIdSchema.optional(),
  profileUrl: z.string().optional(),
  headline: z.string().optional(),
  hasPicture: z.boolean().optional(),
});
export type Person = z.infer<typeof personSchema>;

export const pinSchema = z.object({
  conversationId: conversationIdSchema,
  messageId: messageIdSchema,
});
export type Pin = z.infer<typeof pinSchema>;

export const orgChatSettingsSchema = z.object({
  messageRetentionPeriodDays: z.number().int().min(10).max(3650).optional(),
  reactionsEnabled: z.boolean().optional(),
});
export type OrgChatSettings = z.infer<typeof orgChatSettingsSchema>;

export const mobileNotifySchema = z.enum(['Always', 'OnlyWhenInactive']);
export const myChatSettingsSchema = z.object({
  muted: z.boolean(),
  mentionsOnly: z.boolean(),
  notifyOnReactions: z.boolean(),
  mobileNotifications: mobileNotifySchema.optional(),
  /** False when Genesys has no settings stored for the user yet (defaults shown). */
  exists: z.boolean(),
});
export type MyChatSettings = z.infer<typeof myChatSettingsSchema>;

export const userChatSettingsSchema = z.object({
  personId: personIdSchema,
  mobileNotifications: mobileNotifySchema,
});
export type UserChatSettings = z.infer<typeof userChatSettingsSchema>;
