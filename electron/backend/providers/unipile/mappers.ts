import {
  accountId,
  conversationId,
  type Account,
  messageId,
  NETWORK_NAMES,
  personId,
  type Attachment,
  type Conversation,
  type Delivery,
  type Message,
  type MessageId,
  type Person,
  type PersonId,
  type Quote,
  type Reaction,
} from '../../../../shared/domain';
import { PinkfishError } from '../../pinkfish/errors';
import { capabilitiesFor, disabledFeaturesFor, networkFor, type UnipileNetwork } from './capabilities';
import type { UnipileAttachment, UnipileAttendee, UnipileChat, UnipileMessage, UnipileQuoted } from './schemas';

/**
 * Unipile objects → shared/domain. Pure functions over the parsed (already
 * normalised) shapes of schemas.ts.
 *
 * Unipile refers to people two ways: attendee ids (`sender_attendee_id`) and
 * provider ids (`sender_id`, reaction `sender_id`, `quoted.sender_id`). Domain
 * PersonIds are built from attendee ids only, so a provider id becomes a
 * PersonId only through `personIdForProviderId` (the cache knows the
 * attendees); without it those references are left out rather than guessed.
 */
export interface MapContext {
  /** Attendee lookup by provider id within one Unipile account. */
  personIdForProviderId?: (unipileAccountId: string, providerId: string) => PersonId | undefined;
  /** Message lookup by provider message id within one chat (quotes carry only the provider id). */
  messageIdForProviderId?: (chatId: string, providerMessageId: string) => MessageId | undefined;
  /** Clock for deciding whether a timed mute is still running (default Date.now). */
  now?: () => number;
}

const ms = (iso: string) => Date.parse(iso);

// ---------------------------------------------------------------------------
// Chats

export function conversationKind(type: number): Conversation['kind'] {
  if (type === 0) return 'dm';
  if (type === 2) return 'channel';
  return 'group';
}

export interface ConversationExtras {
  /** Attendees of the chat (list_attendees), for a title when the chat has no name and for the avatar. */
  attendees?: readonly UnipileAttendee[];
}

/** Throws a typed protocol error for an account_type Switchboard does not know; see isMappableChat. */
export function toConversation(chat: UnipileChat, extras: ConversationExtras = {}, ctx: MapContext = {}): Conversation {
  const network = networkFor(chat.account_type);
  if (!network) throw new PinkfishError('protocol', `Unipile returned a chat from an unsupported network (${chat.account_type}).`);
  const kind = conversationKind(chat.type);
  const others = (extras.attendees ?? []).filter((a) => !a.is_self);
  const mute = muteState(chat.muted_until, (ctx.now ?? Date.now)());
  const out: Conversation = {
    id: conversationId.unipileChat(chat.id),
    accountId: accountId.unipileAccount(chat.account_id),
    source: 'unipile',
    network,
    kind,
    title: chatTitle(chat, others),
    lastActivity: chat.timestamp === null ? null : ms(chat.timestamp),
    unreadCount: Math.max(0, Math.floor(chat.unread_count)),
    muted: mute.muted,
    mutedUntil: mute.until,
    archived: chat.archived,
    pinned: chat.pinned,
    readOnly: chat.read_only,
    disabled: disabledFeaturesFor(network, chat.disabledFeatures, chat.read_only),
  };
  // The network's time limits on changing a sent message, for the renderer's menus and the engine's checks.
  const caps = capabilitiesFor(network);
  if (caps.edit && caps.editWindowMs !== null) out.editWindowMs = caps.editWindowMs;
  if (caps.deleteMessage && caps.deleteWindowMs !== null) out.deleteWindowMs = caps.deleteWindowMs;
  if (chat.subject) out.subject = chat.subject;
  if (chat.labels && chat.labels.length > 0) out.labels = chat.labels;
  const avatar = kind === 'dm' ? (others.find((a) => a.provider_id === chat.attendee_provider_id) ?? others[0]) : undefined;
  if (avatar) out.avatarPersonId = personId.unipile(avatar.id);
  const preview = chat.lastMessage ? messagePreview(chat.lastMessage) : undefined;
  if (preview) out.lastMessagePreview = preview;
  return out;
}

export function isMappableChat(chat: UnipileChat): boolean {
  return networkFor(chat.account_type) !== null;
}

/** Chat name; else the other attendees' names; else the other party's provider id. */
function chatTitle(chat: UnipileChat, others: readonly UnipileAttendee[]): string {
  if (chat.name && chat.name.trim()) return chat.name.trim();
  const names = others.map((a) => a.name.trim()).filter(Boolean);
  if (names.length > 0) return names.length > 4 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  if (chat.attendee_provider_id) return readableHandle(chat.attendee_provider_id);
  if (chat.subject) return chat.subject;
  return 'Untitled chat';
}

/** WhatsApp ids are phone numbers in disguise: `33612345678@s.whatsapp.net` reads as `+33612345678`. */
function readableHandle(providerId: string): string {
  const phone = /^(\d{6,15})@s\.whatsapp\.net$/.exec(providerId);
  return phone ? `+${phone[1]}` : providerId;
}

/** `-1` mutes forever (until = null); a deadline in the past is not a mute. */
function muteState(mutedUntil: null | -1 | string, now: number): { muted: boolean; until: number | null } {
  if (mutedUntil === null) return { muted: false, until: null };
  if (mutedUntil === -1) return { muted: true, until: null };
  const until = ms(mutedUntil);
  return until > now ? { muted: true, until } : { muted: false, until: null };
}

function messagePreview(m: UnipileMessage): string | undefined {
  if (m.deleted) return 'Message deleted';
  const text = m.text?.replace(/\s+/g, ' ').trim();
  if (text) return text.length > 140 ? `${text.slice(0, 139)}…` : text;
  const a = m.attachments[0];
  if (a) return `[${ATTACHMENT_KIND[a.type] ?? 'file'}]`;
  return undefined;
}

// ---------------------------------------------------------------------------
// Messages

const ATTACHMENT_KIND: Record<string, Attachment['kind']> = { img: 'image', video: 'video', audio: 'audio', file: 'file' };

export function toAttachment(a: UnipileAttachment): Attachment {
  const out: Attachment = { id: a.id, kind: ATTACHMENT_KIND[a.type] ?? 'other' };
  if (a.file_name) out.name = a.file_name;
  if (a.mimetype) out.mimeType = a.mimetype;
  if (a.file_size !== undefined) out.size = a.file_size;
  // 0×0 is what a server sends when it does not know the dimensions.
  if (a.size && a.size.width > 0 && a.size.height > 0) {
    out.width = a.size.width;
    out.height = a.size.height;
  }
  if (a.unavailable) out.unavailable = true;
  return out;
}

/** Groups reactions by emoji in first-seen order; `mine` when the account itself reacted. */
export function groupReactions(m: UnipileMessage, ctx: MapContext = {}): Reaction[] {
  const groups = new Map<string, Reaction>();
  for (const r of m.reactions) {
    let g = groups.get(r.value);
    if (!g) groups.set(r.value, (g = { emoji: r.value, count: 0, mine: false, personIds: [] }));
    g.count++;
    if (r.is_sender) g.mine = true;
    const person = r.sender_id && m.account_id ? ctx.personIdForProviderId?.(m.account_id, r.sender_id) : undefined;
    if (person && !g.personIds.includes(person)) g.personIds.push(person);
  }
  return [...groups.values()];
}

/**
 * Own messages: seen (read receipt) > delivered > sent. Messages from others
 * have arrived by definition: `seen` there means the account has read them.
 */
export function deliveryOf(m: UnipileMessage): Delivery {
  const seenBySomeone = m.seen_by ? Object.keys(m.seen_by).length > 0 : false;
  if (m.is_sender) return m.seen || seenBySomeone ? 'seen' : m.delivered ? 'delivered' : 'sent';
  return m.seen ? 'seen' : 'delivered';
}

function toQuote(q: UnipileQuoted, m: UnipileMessage, ctx: MapContext): Quote {
  const out: Quote = { text: q.text };
  const mid = q.id ? messageId.unipile(q.id) : q.provider_id ? ctx.messageIdForProviderId?.(m.chat_id, q.provider_id) : undefined;
  if (mid) out.messageId = mid;
  const sender = q.sender_attendee_id ? personId.unipile(q.sender_attendee_id) : q.sender_id && m.account_id ? ctx.personIdForProviderId?.(m.account_id, q.sender_id) : undefined;
  if (sender) out.senderId = sender;
  if (out.text === null && q.attachments[0]) out.text = `[${ATTACHMENT_KIND[q.attachments[0].type] ?? 'file'}]`;
  return out;
}

export function toMessage(m: UnipileMessage, ctx: MapContext = {}): Message {
  const out: Message = {
    id: messageId.unipile(m.id),
    conversationId: conversationId.unipileChat(m.chat_id),
    source: 'unipile',
    senderId: m.sender_attendee_id ? personId.unipile(m.sender_attendee_id) : null,
    isOwn: m.is_sender,
    // A deleted message keeps no text even when the server still sends it.
    text: m.deleted ? null : m.text,
    time: ms(m.timestamp),
    edited: m.edited,
    deleted: m.deleted,
    reactions: groupReactions(m, ctx),
    attachments: m.deleted ? [] : m.attachments.map(toAttachment),
    mentions: [],
    delivery: deliveryOf(m),
  };
  const quoted = m.quoted ?? m.reply_to;
  if (quoted) out.quote = toQuote(quoted, m, ctx);
  if (m.parent) out.threadRootId = messageId.unipile(m.parent);
  if (m.replies !== undefined && m.replies > 0) out.threadReplyCount = Math.floor(m.replies);
  if (m.is_event) out.isEvent = true;
  return out;
}

// ---------------------------------------------------------------------------
// People

export function toPerson(a: UnipileAttendee): Person {
  const out: Person = {
    id: personId.unipile(a.id),
    source: 'unipile',
    name: a.name.trim() || (a.provider_id ? readableHandle(a.provider_id) : 'Unknown'),
    isSelf: a.is_self,
    hasPicture: Boolean(a.picture_url),
  };
  if (a.provider_id) out.handle = a.provider_id;
  if (a.account_id) out.accountId = accountId.unipileAccount(a.account_id);
  if (a.profile_url) out.profileUrl = a.profile_url;
  const headline = a.specifics?.headline ?? a.specifics?.occupation;
  if (headline) out.headline = headline;
  return out;
}

/** The network of a chat, for callers holding a parsed chat (null when unknown). */
export function chatNetwork(chat: UnipileChat): UnipileNetwork | null {
  return networkFor(chat.account_type);
}

// ---------------------------------------------------------------------------
// Accounts

/**
 * A linked network account as seen on any chat or message (no tool lists
 * accounts). Its display name is the account's own attendee when known.
 */
export function toAccount(ref: { account_id: string; account_type: string }, self?: UnipileAttendee): Account {
  const network = networkFor(ref.account_type);
  if (!network) throw new PinkfishError('protocol', `Unipile returned an account from an unsupported network (${ref.account_type}).`);
  const out: Account = {
    id: accountId.unipileAccount(ref.account_id),
    source: 'unipile',
    network,
    name: self?.name.trim() || NETWORK_NAMES[network],
    status: 'connected',
  };
  if (self) out.selfPersonId = personId.unipile(self.id);
  return out;
}
