/** In-memory records. Wire shapes (Chat, Message, ChatAttendee JSON) are built in serialize.ts. */
import type { GenSpec } from './binary';
import type { Lang } from './corpus';
import type { AccountType } from './providers';

export interface Account {
  idx: number;
  id: string;
  type: AccountType;
  name: string;
  selfAttendee: number;
  langs: readonly Lang[];
  /** WhatsApp Business labels known to the account (setLabel creates missing ones). */
  labels: Set<string>;
  /** Runtime-created message indexes of this account, ascending by (timestamp, id). */
  extra: number[];
}

export interface LinkedInProfile {
  distance: 1 | 2 | 3;
  occupation: string;
  location: string;
  memberUrn: string;
  organization: boolean;
}

export interface Attendee {
  idx: number;
  id: string;
  accountIdx: number;
  providerId: string;
  name: string;
  isSelf: boolean;
  lang: Lang;
  handle: string;
  pictureUrl?: string;
  linkedin?: LinkedInProfile;
  extra: number[];
}

/**
 * dm/group/channel map to Chat.type 0/1/2; the others are special cases:
 * announce = WhatsApp group where only admins post (read-only for us),
 * broadcast = Telegram channel (read-only), mpim = Slack group DM,
 * inmail/sponsored = LinkedIn (sponsored is read-only).
 */
export type ChatKind = 'dm' | 'group' | 'announce' | 'channel' | 'mpim' | 'broadcast' | 'inmail' | 'sponsored';

export type SyncStatus = 'SYNC_STARTED' | 'SYNC_RUNNING' | 'SYNC_DONE';

export interface Chat {
  idx: number;
  id: string;
  accountIdx: number;
  providerId: string;
  kind: ChatKind;
  type: 0 | 1 | 2;
  name: string | null;
  /** Global attendee indexes; the account's self attendee first. */
  attendees: number[];
  /** The other party of a 1:1 chat, else -1. */
  other: number;
  lang: Lang;
  /** Last non-hidden activity, ms; null before any message. */
  lastTs: number | null;
  unread: number;
  archived: 0 | 1;
  mutedUntil: number | -1 | null;
  readOnly: 0 | 1;
  pinned: 0 | 1;
  labels: string[];
  disabledFeatures: Array<'reactions' | 'reply'>;
  subject?: string;
  contentType?: 'inmail' | 'sponsored';
  /** Incoming messages at or before this instant count as seen by the account. */
  readMark: number;
  /** Messages the account sent at or before this instant were seen by the other side. */
  peerRead: number;
  /** Messages older than this are not fetched yet; a history sync reveals them. */
  historyFrom: number;
  selfAdmin: boolean;
  deleted: boolean;
  sync: SyncStatus | null;
  extra: number[];
}

export interface AttachmentRec {
  id: string;
  type: 'img' | 'video' | 'audio' | 'file';
  mimetype: string;
  fileName?: string;
  width?: number;
  height?: number;
  duration?: number;
  voiceNote?: boolean;
  sticker?: boolean;
  gif?: boolean;
  unavailable: boolean;
  gen?: GenSpec;
  bytes?: Uint8Array;
}

export interface ReactionRec {
  value: string;
  sender: number;
}

export interface MessageRec {
  n: number;
  chat: number;
  ts: number;
  sender: number;
  providerId: string;
  text: string | null;
  attachments: AttachmentRec[];
  quoted: number | null;
  reactions: ReactionRec[];
  edited: 0 | 1;
  deleted: 0 | 1;
  hidden: 0 | 1;
  isEvent: 0 | 1;
  eventType?: number;
  /** Slack thread root this message replies to. */
  parent: number | null;
  subject?: string;
  messageType?: 'MESSAGE' | 'INMAIL' | 'INMAIL_REPLY';
  forwarded?: boolean;
}
