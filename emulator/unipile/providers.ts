/**
 * Everything that differs per network: id formats, limits and the capability
 * matrix. The matrix follows the tool descriptions of the published catalog
 * first (newest source), then the reference's §6; the README lists every cell
 * that was a guess.
 */
import { HashStream } from './ids';

export const ACCOUNT_TYPES = ['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const CHAT_ACTIONS = ['setReadStatus', 'setMuteStatus', 'setArchiveStatus', 'setPinnedStatus', 'addParticipant', 'removeParticipant', 'setLabel', 'getInviteLink'] as const;
export type ChatAction = (typeof CHAT_ACTIONS)[number];

/** From the catalog's `action` description ("(WhatsApp & LinkedIn only)" …). */
export const CHAT_ACTION_SUPPORT: Record<ChatAction, readonly AccountType[]> = {
  setReadStatus: ['WHATSAPP', 'LINKEDIN'],
  setMuteStatus: ['WHATSAPP', 'LINKEDIN'],
  setArchiveStatus: ['WHATSAPP'],
  setPinnedStatus: ['WHATSAPP'],
  addParticipant: ['WHATSAPP', 'TELEGRAM'],
  removeParticipant: ['WHATSAPP', 'TELEGRAM'],
  setLabel: ['WHATSAPP'],
  getInviteLink: ['WHATSAPP', 'TELEGRAM'],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Edit windows after sending; absent = editing not implemented for that provider (501). */
export const EDIT_WINDOW_MS: Partial<Record<AccountType, number>> = {
  WHATSAPP: 15 * MINUTE,
  LINKEDIN: 60 * MINUTE,
  TELEGRAM: 48 * HOUR,
  SLACK: Number.POSITIVE_INFINITY,
};

/** Delete ("for everyone") windows; absent = 501. */
export const DELETE_WINDOW_MS: Partial<Record<AccountType, number>> = {
  WHATSAPP: 48 * HOUR,
  LINKEDIN: 60 * MINUTE,
};

export const DELETE_CHAT_PROVIDERS: readonly AccountType[] = ['WHATSAPP', 'LINKEDIN'];
export const FORWARD_PROVIDERS: readonly AccountType[] = ['WHATSAPP'];
export const HISTORY_SYNC_PROVIDERS: readonly AccountType[] = ['WHATSAPP', 'LINKEDIN', 'TELEGRAM', 'SLACK'];
export const THREAD_PROVIDERS: readonly AccountType[] = ['SLACK'];
export const TYPING_PROVIDERS: readonly AccountType[] = ['WHATSAPP'];
export const VOICE_MESSAGE_PROVIDERS: readonly AccountType[] = ['LINKEDIN', 'WHATSAPP'];
export const VIDEO_MESSAGE_PROVIDERS: readonly AccountType[] = ['LINKEDIN'];
/** WhatsApp (and these) keep one reaction per user: a new one replaces the old. */
export const SINGLE_REACTION_PROVIDERS: readonly AccountType[] = ['WHATSAPP', 'INSTAGRAM', 'MESSENGER', 'TWITTER'];
/** Providers that report read receipts on the messages the account sent. */
export const READ_RECEIPT_PROVIDERS: readonly AccountType[] = ['WHATSAPP', 'LINKEDIN', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'];
/** Incoming reactions also appear as hidden event messages (WhatsApp's "X reacted 👍"). */
export const REACTION_EVENT_PROVIDERS: readonly AccountType[] = ['WHATSAPP'];

/** Provider text limits (characters); over → 400 errors/too_many_characters. */
export const MAX_TEXT_LENGTH: Record<AccountType, number> = {
  WHATSAPP: 65_536,
  LINKEDIN: 8_000,
  SLACK: 40_000,
  TELEGRAM: 4_096,
  INSTAGRAM: 1_000,
  MESSENGER: 2_000,
  TWITTER: 10_000,
};

/** Per-file cap for uploads (docs' guideline). */
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;

/** Slack allows at most 8 other people in a group DM. */
export const MAX_GROUP_ATTENDEES: Record<AccountType, number> = {
  WHATSAPP: 1023,
  LINKEDIN: 49,
  SLACK: 8,
  TELEGRAM: 199,
  INSTAGRAM: 31,
  MESSENGER: 249,
  TWITTER: 49,
};

export function supports(list: readonly AccountType[], type: AccountType): boolean {
  return list.includes(type);
}

// ---------------------------------------------------------------------------
// Provider id formats

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const HEX_UPPER = '0123456789ABCDEF';

/** Country/mobile prefixes with the number of digits that follow them. */
const WA_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['336', 8], ['337', 8], ['336', 8], ['4915', 9], ['4917', 8], ['346', 8], ['447', 9], ['1415', 7], ['1646', 7], ['3519', 8], ['393', 9], ['55119', 8], ['9715', 8],
];

export function userProviderId(type: AccountType, h: HashStream): string {
  switch (type) {
    case 'WHATSAPP': {
      const [prefix, rest] = WA_PREFIXES[h.below(WA_PREFIXES.length)]!;
      return `${prefix}${h.digits(rest)}@s.whatsapp.net`;
    }
    case 'LINKEDIN':
      return `ACoAA${h.chars(B64ISH, 34)}`;
    case 'SLACK':
      return `U0${h.chars(UPPER_ALNUM, 9)}`;
    case 'TELEGRAM':
      return `${1 + h.below(9)}${h.digits(8 + h.below(2))}`;
    case 'INSTAGRAM':
      return `1784${h.digits(13)}`;
    case 'MESSENGER':
      return `100${h.digits(12)}`;
    case 'TWITTER':
      return `1${h.digits(17 + h.below(2))}`;
  }
}

export type ChatKindForId = 'dm' | 'group' | 'channel';

export function chatProviderId(type: AccountType, kind: ChatKindForId, h: HashStream, selfPid: string, otherPid: string | null): string {
  if (kind === 'dm' && otherPid) {
    if (type === 'WHATSAPP' || type === 'TELEGRAM') return otherPid;
    if (type === 'TWITTER') return [selfPid, otherPid].sort().join('-');
  }
  switch (type) {
    case 'WHATSAPP':
      return `120363${h.digits(12)}@g.us`;
    case 'LINKEDIN': {
      const uuid = `${h.chars('0123456789abcdef', 8)}-${h.chars('0123456789abcdef', 4)}-4${h.chars('0123456789abcdef', 3)}-b${h.chars('0123456789abcdef', 3)}-${h.chars('0123456789abcdef', 12)}`;
      return `2-${Buffer.from(`${uuid}_012`).toString('base64')}`;
    }
    case 'SLACK':
      return `${kind === 'dm' ? 'D0' : kind === 'group' ? 'G0' : 'C0'}${h.chars(UPPER_ALNUM, 9)}`;
    case 'TELEGRAM':
      return `-100${h.digits(10)}`;
    case 'INSTAGRAM':
      return `340282366841710300949128${h.digits(15)}`;
    case 'MESSENGER':
      return `${kind === 'dm' ? '' : 't_'}${h.digits(16)}`;
    case 'TWITTER':
      return `1${h.digits(18)}`;
  }
}

export function messageProviderId(type: AccountType, index: number, ts: number, h: HashStream): string {
  switch (type) {
    case 'WHATSAPP':
      return `3EB0${h.chars(HEX_UPPER, 16)}`;
    case 'LINKEDIN':
      return `2-${Buffer.from(`${Math.floor(ts)}${h.digits(6)}-100&${h.chars('0123456789abcdef', 8)}_012`).toString('base64')}`;
    case 'SLACK':
      return `${Math.floor(ts / 1000)}.${String((ts % 1000) * 1000 + (index % 1000)).padStart(6, '0')}`;
    case 'TELEGRAM':
      return String(100_000 + index);
    case 'INSTAGRAM':
      return Buffer.from(`ig_message_item:1:IGMessageID:${h.digits(18)}`).toString('base64').replace(/=+$/, '');
    case 'MESSENGER':
      return `m_${h.chars(B64ISH, 43)}`;
    case 'TWITTER':
      return `1${h.digits(18)}`;
  }
}

/** Syntax a provider id must have to be a valid recipient. */
const RECIPIENT_PATTERN: Record<AccountType, RegExp> = {
  WHATSAPP: /^\d{6,15}@s\.whatsapp\.net$/,
  LINKEDIN: /^(ACo|ACw|AE)[A-Za-z0-9_-]{8,}$/,
  SLACK: /^[UW][A-Z0-9]{6,}$/,
  TELEGRAM: /^(\d{5,15}|@?[A-Za-z][A-Za-z0-9_]{4,31}|\+?\d{6,15})$/,
  INSTAGRAM: /^\d{6,20}$/,
  MESSENGER: /^\d{6,20}$/,
  TWITTER: /^\d{3,20}$/,
};

export function isValidRecipient(type: AccountType, providerId: string): boolean {
  return RECIPIENT_PATTERN[type].test(providerId);
}

/** A plausible display name for someone only known by provider id. */
export function fallbackName(type: AccountType, providerId: string): string {
  if (type === 'WHATSAPP') return `+${providerId.split('@')[0]}`;
  if (type === 'TELEGRAM' && providerId.startsWith('@')) return providerId;
  return `${type.charAt(0)}${type.slice(1).toLowerCase()} user ${providerId.slice(-4)}`;
}

export function profileUrl(type: AccountType, handle: string, providerId: string): string | undefined {
  switch (type) {
    case 'LINKEDIN':
      return `https://www.linkedin.com/in/${handle}`;
    case 'INSTAGRAM':
      return `https://www.instagram.com/${handle}`;
    case 'TWITTER':
      return `https://x.com/${handle}`;
    case 'TELEGRAM':
      return `https://t.me/${handle}`;
    case 'MESSENGER':
      return `https://www.facebook.com/profile.php?id=${providerId}`;
    default:
      return undefined;
  }
}

/** Provider CDN-shaped picture URL. Not fetchable: clients download through get_attendee_profile_picture. */
export function pictureUrl(type: AccountType, h: HashStream): string {
  switch (type) {
    case 'WHATSAPP':
      return `https://pps.whatsapp.net/v/t61.24694-24/${h.digits(9)}_${h.digits(15)}_n.jpg?oh=${h.chars(HEX_UPPER, 32).toLowerCase()}`;
    case 'LINKEDIN':
      return `https://media.licdn.com/dms/image/v2/C4E03AQ${h.chars(B64ISH, 12)}/profile-displayphoto-shrink_100_100/0/${h.digits(13)}`;
    case 'SLACK':
      return `https://avatars.slack-edge.com/2024-0${1 + h.below(9)}-1${h.below(9)}/${h.digits(13)}_${h.chars('0123456789abcdef', 20)}_192.png`;
    case 'TELEGRAM':
      return `https://cdn4.telesco.pe/file/${h.chars(B64ISH, 40)}.jpg`;
    case 'INSTAGRAM':
      return `https://scontent.cdninstagram.com/v/t51.2885-19/${h.digits(9)}_${h.digits(16)}_n.jpg`;
    case 'MESSENGER':
      return `https://scontent.xx.fbcdn.net/v/t1.30497-1/${h.digits(9)}_${h.digits(15)}_n.jpg`;
    case 'TWITTER':
      return `https://pbs.twimg.com/profile_images/${h.digits(19)}/${h.chars(B64ISH, 8)}_normal.jpg`;
  }
}

const q = JSON.stringify;

/**
 * The raw provider payload as JSON text (`original`): enough to look real, not
 * a full mirror. Built by hand because it is produced for every listed message.
 */
export function originalPayload(type: AccountType, p: { chatPid: string; msgPid: string; senderPid: string; fromMe: boolean; ts: number; text: string | null; threadTs?: string | undefined }): string {
  const secs = Math.floor(p.ts / 1000);
  switch (type) {
    case 'WHATSAPP': {
      const participant = p.chatPid.endsWith('@g.us') ? `,"participant":${q(p.senderPid)}` : '';
      return `{"key":{"remoteJid":${q(p.chatPid)},"fromMe":${p.fromMe},"id":${q(p.msgPid)}${participant}},"messageTimestamp":${secs},"status":"${p.fromMe ? 'SERVER_ACK' : 'DELIVERY_ACK'}"}`;
    }
    case 'LINKEDIN':
      return `{"entityUrn":${q(`urn:li:msg_message:(urn:li:fsd_profile:${p.senderPid},${p.msgPid})`)},"deliveredAt":${p.ts},"sender":{"entityUrn":${q(`urn:li:msg_messagingParticipant:urn:li:fsd_profile:${p.senderPid}`)}}}`;
    case 'SLACK':
      return `{"type":"message","user":${q(p.senderPid)},"ts":${q(p.msgPid)},"channel":${q(p.chatPid)}${p.threadTs ? `,"thread_ts":${q(p.threadTs)}` : ''},"text":${q(p.text ?? '')}}`;
    case 'TELEGRAM':
      return `{"_":"message","id":${Number(p.msgPid)},"peer_id":${q(p.chatPid)},"from_id":${q(p.senderPid)},"out":${p.fromMe},"date":${secs}}`;
    default:
      return `{"id":${q(p.msgPid)},"thread_id":${q(p.chatPid)},"sender_id":${q(p.senderPid)},"timestamp":${p.ts}}`;
  }
}

export function inviteLink(type: AccountType, h: HashStream): string {
  return type === 'TELEGRAM' ? `https://t.me/+${h.chars(B64ISH, 16)}` : `https://chat.whatsapp.com/${h.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 22)}`;
}
