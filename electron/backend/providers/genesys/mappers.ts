import {
  accountId,
  conversationId,
  messageId,
  personId,
  type Attachment,
  type Conversation,
  type ConversationId,
  type Message,
  type MyChatSettings,
  type OrgChatSettings,
  type Person,
  type PersonId,
  type Pin,
  type Reaction,
  type UserChatSettings,
} from '../../../../shared/domain/index';
import { PinkfishError } from '../../pinkfish/errors';
import type {
  GenesysDate,
  GenesysEntityRef,
  GenesysMentions,
  GenesysMessage,
  GenesysMySettings,
  GenesysOneOnOne,
  GenesysOrgSettings,
  GenesysParticipant,
  GenesysParticipants,
  GenesysReactions,
  GenesysRoom,
  GenesysUserSettings,
} from './schemas';

/**
 * Genesys protocol shapes → shared/domain. Pure functions: everything they need
 * that Genesys does not say in the value itself comes in as a parameter, above all
 * the signed-in user's own id (no `/chats` tool tells the caller who it is; see
 * README "Who am I").
 */

/** Who the signed-in user is on Genesys, as far as the app knows it. */
export interface GenesysSelf {
  /** The user's Genesys id (UUID); null while unknown: isOwn/mine are then false. */
  meUserId: string | null;
  /** The user's chat JID, when known: identifies own messages that lack `user.id`. */
  meJid?: string;
}

export interface MessageContext extends GenesysSelf {
  /**
   * The conversation the message was fetched from, when the caller knows it (history
   * of a room or 1:1). Without it the conversation is derived from the message.
   */
  conversationId?: ConversationId;
  /** Resolves a user JID to a user id, for values that carry only a JID (from a people directory). */
  userIdForJid?: (jid: string) => string | undefined;
}

const GENESYS_ACCOUNT = accountId.genesys();

// ---- ids, JIDs, times -------------------------------------------------------------

/**
 * The canonical form of a bare JID: `%40`-escaped forms (SDKs URL-escape path
 * parameters, and some values echo them back) decoded, and lower-cased because
 * XMPP localparts and domains compare case-insensitively. Without this, one room
 * could appear under two conversation ids.
 */
export function normalizeJid(jid: string): string {
  let value = jid.trim();
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: keep the text as it came.
    }
  }
  return value.toLowerCase();
}

/** Genesys room JIDs live on the org's `conference.` sub-domain (§9); user JIDs do not. */
export function isRoomJid(jid: string): boolean {
  return /@conference\./i.test(normalizeJid(jid));
}

export function toEpochMs(date: GenesysDate): number {
  return typeof date === 'number' ? date : Date.parse(date);
}

const nonEmpty = (s: string | null | undefined): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s : undefined);
const refId = (ref: GenesysEntityRef | string | null | undefined): string | undefined => (typeof ref === 'string' ? nonEmpty(ref) : nonEmpty(ref?.id));
const dedupe = <T>(values: T[]): T[] => [...new Set(values)];

/** A string that names a user id rather than a JID, display name or URI. */
const looksLikeUserId = (s: string) => !s.includes('@') && !s.includes('/') && !/\s/.test(s);

function userIdOf(ref: GenesysEntityRef | null | undefined, jid: string | null | undefined, ctx: Pick<MessageContext, 'userIdForJid'>): string | undefined {
  return refId(ref) ?? (nonEmpty(jid) && ctx.userIdForJid ? ctx.userIdForJid(normalizeJid(jid!)) : undefined);
}

/**
 * Who the user is, read off a 1:1's history with `otherUserId`: such a conversation has two sides, so
 * whoever wrote a message in it and is not the other person is the user (Genesys has no "who am I"
 * tool in the catalog). Undefined when only the other person wrote.
 */
export function selfInOneOnOne(items: readonly GenesysMessage[], otherUserId: string): string | undefined {
  for (const m of items) {
    const sender = refId(m.user);
    if (sender && sender !== otherUserId) return sender;
  }
  return undefined;
}

function isSelf(self: GenesysSelf, userId: string | undefined, jid?: string | null): boolean {
  if (self.meUserId && userId) return userId === self.meUserId;
  if (self.meJid && nonEmpty(jid)) return normalizeJid(jid!) === normalizeJid(self.meJid);
  return false;
}

// ---- messages ---------------------------------------------------------------------

/**
 * Mentions as person ids. The map's keys are user ids in every sample (values are
 * JIDs), but which side is which is unconfirmed, so: a key that looks like a user id
 * wins, else a value that does, else a JID resolved through the directory.
 */
export function mapMentions(mentions: GenesysMentions | null | undefined, ctx: Pick<MessageContext, 'userIdForJid'> = {}): PersonId[] {
  if (!mentions) return [];
  const ids: string[] = [];
  const fromJid = (jid: string | null | undefined) => (nonEmpty(jid) && ctx.userIdForJid ? ctx.userIdForJid(normalizeJid(jid!)) : undefined);
  if (Array.isArray(mentions)) {
    for (const m of mentions) {
      const id = typeof m === 'string' ? (looksLikeUserId(m) ? m : fromJid(m)) : (nonEmpty(m.entityId) ?? nonEmpty(m.userId) ?? nonEmpty(m.id) ?? fromJid(m.entityJid ?? m.jid));
      if (id) ids.push(id);
    }
  } else {
    for (const [key, value] of Object.entries(mentions)) {
      const text = typeof value === 'string' ? value : undefined;
      const id = looksLikeUserId(key) ? key : text && looksLikeUserId(text) ? text : (fromJid(key) ?? fromJid(text));
      if (id) ids.push(id);
    }
  }
  return dedupe(ids).map(personId.genesys);
}

/** Reactions grouped by emoji, with counts and whether the signed-in user is among them. */
export function mapReactions(reactions: GenesysReactions | null | undefined, self: GenesysSelf): Reaction[] {
  if (!reactions) return [];
  const entries = Array.isArray(reactions)
    ? reactions.map((r) => ({ emoji: r.emoji, users: r.users ?? [], count: r.count ?? undefined }))
    : Object.entries(reactions).map(([emoji, users]) => ({ emoji, users, count: undefined }));
  const byEmoji = new Map<string, { ids: string[]; anonymous: number }>();
  for (const r of entries) {
    if (r.emoji === '') continue;
    const ids = r.users.map(refId).filter((id): id is string => id !== undefined);
    const slot = byEmoji.get(r.emoji) ?? { ids: [], anonymous: 0 };
    slot.ids.push(...ids);
    // A bare count without the users (a trimmed payload) still shows the right number.
    if (ids.length === 0) slot.anonymous += r.count ?? 0;
    byEmoji.set(r.emoji, slot);
  }
  const out: Reaction[] = [];
  for (const [emoji, { ids, anonymous }] of byEmoji) {
    const unique = dedupe(ids);
    const count = unique.length + anonymous;
    if (count === 0) continue;
    out.push({ emoji, count, mine: self.meUserId !== null && unique.includes(self.meUserId), personIds: unique.map(personId.genesys) });
  }
  return out;
}

/**
 * The thread root a message replies to. `parentThread` marks replies explicitly; a
 * root's `thread.id` is its own id (so a message whose thread is itself is top
 * level), and a reply's `thread.id` is the root's. Either field may be missing.
 */
export function threadRootOf(m: Pick<GenesysMessage, 'id' | 'thread' | 'parentThread'>): string | undefined {
  const parent = refId(m.parentThread);
  if (parent && parent !== m.id) return parent;
  const thread = refId(m.thread);
  if (thread && thread !== m.id) return thread;
  return undefined;
}

const KIND_BY_EXT: Record<string, Attachment['kind']> = {
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', webp: 'image', heic: 'image', svg: 'image',
  mp4: 'video', mov: 'video', webm: 'video', mkv: 'video',
  mp3: 'audio', m4a: 'audio', ogg: 'audio', wav: 'audio', aac: 'audio',
};

function attachmentsOf(m: GenesysMessage): Attachment[] {
  const uri = nonEmpty(m.fileUri);
  if (!uri) return m.attachmentDeleted ? [{ id: `${m.id}:file`, kind: 'file', unavailable: true }] : [];
  const path = uri.split(/[?#]/)[0] ?? uri;
  const name = decodeURIComponentSafe(path.slice(path.lastIndexOf('/') + 1));
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const attachment: Attachment = { id: uri, kind: (ext && KIND_BY_EXT[ext]) || 'file' };
  if (name) attachment.name = name;
  if (m.attachmentDeleted) attachment.unavailable = true;
  return [attachment];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Which conversation a message belongs to, from the message alone: a room when
 * `toJid` is a room JID; otherwise the 1:1 with whichever side is not the caller.
 */
export function conversationOf(m: GenesysMessage, ctx: MessageContext): ConversationId {
  if (ctx.conversationId) return ctx.conversationId;
  const toJid = nonEmpty(m.toJid);
  if (toJid && isRoomJid(toJid)) return conversationId.genesysRoom(normalizeJid(toJid));
  const sender = userIdOf(m.user, m.jid, ctx);
  const recipient = userIdOf(m.toUser, m.toJid, ctx);
  const senderIsMe = isSelf(ctx, sender, m.jid);
  const recipientIsMe = isSelf(ctx, recipient, m.toJid);
  const other = senderIsMe ? recipient : recipientIsMe ? sender : undefined;
  if (other) return conversationId.genesysDm(other);
  throw new PinkfishError(
    'protocol',
    ctx.meUserId || ctx.meJid
      ? `Genesys returned message ${m.id} without enough addressing to tell which conversation it belongs to.`
      : `Message ${m.id} is a 1:1 message, and Switchboard does not yet know your Genesys user id to tell which 1:1 it belongs to.`,
  );
}

/** ChatMessageResponse → Message. */
export function mapMessage(m: GenesysMessage, ctx: MessageContext): Message {
  const senderUserId = userIdOf(m.user, m.jid, ctx);
  const edited = m.edited === true;
  const message: Message = {
    id: messageId.genesys(m.id),
    conversationId: conversationOf(m, ctx),
    source: 'genesys',
    senderId: senderUserId ? personId.genesys(senderUserId) : null,
    isOwn: isSelf(ctx, senderUserId, m.jid),
    text: m.body ?? null,
    time: toEpochMs(m.dateCreated),
    edited,
    editedAt: edited && m.dateModified != null ? toEpochMs(m.dateModified) : null,
    deleted: false,
    reactions: mapReactions(m.reactions, ctx),
    attachments: attachmentsOf(m),
    mentions: mapMentions(m.mentions, ctx),
    delivery: 'sent',
  };
  const root = threadRootOf(m);
  if (root) message.threadRootId = messageId.genesys(root);
  return message;
}

export function mapMessages(messages: GenesysMessage[], ctx: MessageContext): Message[] {
  return messages.map((m) => mapMessage(m, ctx));
}

// ---- conversations ------------------------------------------------------------------

function baseConversation(id: ConversationId, kind: 'room' | 'dm', title: string): Conversation {
  return {
    id,
    accountId: GENESYS_ACCOUNT,
    source: 'genesys',
    network: 'genesys',
    kind,
    title,
    // Genesys reports neither activity nor read state on rooms or 1:1s: sync fills these from history.
    lastActivity: null,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
  };
}

export function mapPins(refs: GenesysEntityRef[] | null | undefined, conversation: ConversationId): Pin[] {
  const ids = dedupe((refs ?? []).map((r) => refId(r)).filter((id): id is string => id !== undefined));
  return ids.map((id) => ({ conversationId: conversation, messageId: messageId.genesys(id) }));
}

export interface MappedRoom {
  conversation: Conversation;
  pins: Pin[];
  ownerIds: PersonId[];
  /** `adhoc`, `group`, `acd` … as Genesys says; kept as text so new types pass through. */
  roomType?: string;
  participantLimit?: number;
}

/**
 * Room → Conversation plus its pins and owners. The JID is `jid`, else `id` when it
 * is a JID (adhoc rooms), else the JID the room was requested by: for group rooms
 * `id` is the group's UUID and must not become the conversation id.
 */
export function mapRoom(room: GenesysRoom, requestedJid?: string): MappedRoom {
  const roomId = nonEmpty(room.id);
  const idIsJid = roomId !== undefined && (roomId.includes('@') || roomId.includes('%40'));
  const jidText = nonEmpty(room.jid) ?? (idIsJid ? roomId : undefined) ?? nonEmpty(requestedJid);
  if (!jidText) throw new PinkfishError('protocol', 'Genesys returned a room without its JID.');
  const jid = normalizeJid(jidText);
  const id = conversationId.genesysRoom(jid);
  const conversation = baseConversation(id, 'room', nonEmpty(room.subject)?.trim() ?? nonEmpty(room.name)?.trim() ?? jid);
  if (nonEmpty(room.subject)) conversation.subject = room.subject!;
  if (nonEmpty(room.description)) conversation.description = room.description!;
  const out: MappedRoom = {
    conversation,
    pins: mapPins(room.pinnedMessages, id),
    ownerIds: dedupe((room.owners ?? []).map((o) => refId(o)).filter((o): o is string => o !== undefined)).map(personId.genesys),
  };
  if (nonEmpty(room.roomType)) out.roomType = room.roomType!;
  if (typeof room.participantLimit === 'number') out.participantLimit = room.participantLimit;
  return out;
}

export interface MappedOneOnOne {
  conversation: Conversation;
  pins: Pin[];
}

/**
 * OneOnOne → Conversation. Genesys' 1:1 carries only its pins, so the other user's
 * id (how it is addressed) and display name come from the caller.
 */
export function mapOneOnOne(oneOnOne: GenesysOneOnOne, otherUserId: string, otherName?: string): MappedOneOnOne {
  const id = conversationId.genesysDm(otherUserId);
  const conversation = baseConversation(id, 'dm', nonEmpty(otherName) ?? otherUserId);
  conversation.avatarPersonId = personId.genesys(otherUserId);
  return { conversation, pins: mapPins(oneOnOne.pinnedMessages, id) };
}

// ---- participants -------------------------------------------------------------------

/** A room participant as Genesys knows it: an id and/or a JID, never a name. */
export interface ParticipantRef {
  /** Null when only a JID is known and the directory cannot resolve it. */
  personId: PersonId | null;
  userId?: string;
  jid?: string;
  isSelf: boolean;
}

export function mapParticipants(value: GenesysParticipants, self: GenesysSelf, ctx: Pick<MessageContext, 'userIdForJid'> = {}): ParticipantRef[] {
  const out: ParticipantRef[] = [];
  const seen = new Set<string>();
  for (const p of value.participants ?? []) {
    const jid = nonEmpty(p.jid) ? normalizeJid(p.jid!) : undefined;
    const userId = userIdOf(p.user, jid, ctx);
    const key = userId ?? jid;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const ref: ParticipantRef = { personId: userId ? personId.genesys(userId) : null, isSelf: isSelf(self, userId, jid) };
    if (userId) ref.userId = userId;
    if (jid) ref.jid = jid;
    out.push(ref);
  }
  return out;
}

export function mapParticipant(value: GenesysParticipant, self: GenesysSelf, ctx: Pick<MessageContext, 'userIdForJid'> = {}): ParticipantRef {
  const jid = normalizeJid(value.participantJid);
  const userId = ctx.userIdForJid?.(jid);
  const ref: ParticipantRef = { personId: userId ? personId.genesys(userId) : null, jid, isSelf: isSelf(self, userId, jid) };
  if (userId) ref.userId = userId;
  return ref;
}

/**
 * A participant as a domain Person. Genesys gives no display names: the caller
 * supplies one from its people directory; until then the JID stands in.
 */
export function personFromParticipant(ref: ParticipantRef, name?: string): Person | null {
  if (!ref.personId) return null;
  const person: Person = { id: ref.personId, source: 'genesys', name: nonEmpty(name) ?? ref.jid ?? ref.userId ?? ref.personId, isSelf: ref.isSelf };
  if (ref.jid) person.handle = ref.jid;
  return person;
}

// ---- settings -----------------------------------------------------------------------

const MOBILE_WHEN = ['Always', 'OnlyWhenInactive'] as const;
type MobileWhen = (typeof MOBILE_WHEN)[number];
const mobileWhen = (when: string | null | undefined): MobileWhen | undefined => MOBILE_WHEN.find((w) => w.toLowerCase() === when?.trim().toLowerCase());

/** Values outside the documented range are dropped rather than shown as if valid. */
export function mapOrgSettings(s: GenesysOrgSettings): OrgChatSettings {
  const out: OrgChatSettings = {};
  const days = s.messageRetentionPeriodDays;
  if (typeof days === 'number' && Number.isInteger(days) && days >= 10 && days <= 3650) out.messageRetentionPeriodDays = days;
  if (typeof s.reactionsEnabled === 'boolean') out.reactionsEnabled = s.reactionsEnabled;
  return out;
}

/** Genesys' own defaults for a user who never saved settings (what POST fills in). */
export const DEFAULT_MY_SETTINGS: Readonly<Omit<MyChatSettings, 'exists'>> = { muted: false, mentionsOnly: false, notifyOnReactions: true };

/** The caller's settings; null (GET answered not_found) means none stored yet: defaults, `exists: false`. */
export function mapMySettings(s: GenesysMySettings | null): MyChatSettings {
  if (!s) return { ...DEFAULT_MY_SETTINGS, exists: false };
  const out: MyChatSettings = {
    muted: s.muted ?? DEFAULT_MY_SETTINGS.muted,
    mentionsOnly: s.mentionsOnly ?? DEFAULT_MY_SETTINGS.mentionsOnly,
    notifyOnReactions: s.notifyOnReactions ?? DEFAULT_MY_SETTINGS.notifyOnReactions,
    exists: true,
  };
  const when = mobileWhen(s.mobile?.notifications?.when);
  if (when) out.mobileNotifications = when;
  return out;
}

/** Another user's settings. An absent or unknown `when` reads as `Always`, Genesys' default. */
export function mapUserSettings(s: GenesysUserSettings, userId: string): UserChatSettings {
  return { personId: personId.genesys(userId), mobileNotifications: mobileWhen(s.mobile?.notifications?.when) ?? 'Always' };
}
