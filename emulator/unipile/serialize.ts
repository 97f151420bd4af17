/**
 * Wire shapes (reference §2): 0/1 numeric flags, optional keys omitted rather
 * than null, `object` on top-level items but not on `lastMessage`.
 */
import { specSize } from './binary';
import type { Account, AttachmentRec, Attendee, Chat } from './model';
import { originalPayload, profileUrl, READ_RECEIPT_PROVIDERS } from './providers';
import type { Store } from './store';

export type Json = Record<string, unknown>;

const pad2 = (v: number) => (v < 10 ? `0${v}` : `${v}`);

/**
 * `Date#toISOString` costs ~3 µs in Node 22 and every message carries a few
 * dates, so format by hand (Hinnant's civil-from-days; years 1970–9999).
 */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}

export function attachmentUrl(account: Account, messageId: string, attachmentId: string): string {
  return `att://${Buffer.from(`${account.id}_${messageId}_${attachmentId}`).toString('base64')}`;
}

export function attachmentSize(a: AttachmentRec): number {
  return a.bytes ? a.bytes.length : a.gen ? specSize(a.gen) : 0;
}

function attachmentJson(account: Account, messageId: string, a: AttachmentRec): Json {
  const out: Json = { id: a.id, type: a.type, file_size: attachmentSize(a), mimetype: a.mimetype, unavailable: a.unavailable };
  // Expired media keep their metadata but lose the download handle.
  if (!a.unavailable) out.url = attachmentUrl(account, messageId, a.id);
  switch (a.type) {
    case 'img':
      out.size = { width: a.width ?? 0, height: a.height ?? 0 };
      out.sticker = a.sticker ?? false;
      break;
    case 'video':
      out.size = { width: a.width ?? 0, height: a.height ?? 0 };
      out.gif = a.gif ?? false;
      break;
    case 'audio':
      if (a.duration !== undefined) out.duration = a.duration;
      out.voice_note = a.voiceNote ?? false;
      break;
    case 'file':
      out.file_name = a.fileName ?? `${a.id}.bin`;
      break;
  }
  return out;
}

export function mutedUntilJson(chat: Chat, now: number): string | -1 | null {
  if (chat.mutedUntil === -1) return -1;
  // A mute that has run out reads as "not muted".
  if (chat.mutedUntil === null || chat.mutedUntil <= now) return null;
  return iso(chat.mutedUntil);
}

export function chatJson(store: Store, chat: Chat, withLastMessage: boolean): Json {
  const account = store.accountOf(chat);
  const out: Json = {
    object: 'Chat',
    id: chat.id,
    account_id: account.id,
    account_type: account.type,
    provider_id: chat.providerId,
  };
  if (chat.other >= 0) out.attendee_provider_id = store.attendees[chat.other]!.providerId;
  Object.assign(out, {
    name: chat.name,
    type: chat.type,
    timestamp: chat.lastTs === null ? null : iso(chat.lastTs),
    unread_count: chat.unread,
    archived: chat.archived,
    muted_until: mutedUntilJson(chat, store.clock.now()),
    read_only: chat.readOnly,
    disabledFeatures: [...chat.disabledFeatures],
  });
  if (chat.subject !== undefined) out.subject = chat.subject;
  if (chat.contentType) out.content_type = chat.contentType;
  if (account.type === 'LINKEDIN') out.folder = ['INBOX', 'INBOX_LINKEDIN_CLASSIC'];
  out.pinned = chat.pinned;
  if (chat.labels.length > 0) out.labels = [...chat.labels];
  if (withLastMessage) {
    const last = store.lastMessage(chat);
    out.lastMessage = last === undefined ? null : messageJson(store, last, false);
  }
  return out;
}

function receiptDelay(n: number, k: number): number {
  return 5_000 + ((Math.imul(n + 1, 7919) + k * 104_729) >>> 0) % 900_000;
}

function receipts(store: Store, chat: Chat, account: Account, n: number, ts: number, fromMe: boolean): { seen: 0 | 1; seen_by: Record<string, string> } {
  if (fromMe) {
    if (!READ_RECEIPT_PROVIDERS.includes(account.type) || ts > chat.peerRead) return { seen: 0, seen_by: {} };
    const readers = chat.type === 0 ? chat.attendees.slice(1, 2) : chat.attendees.slice(1, 4);
    const seenBy: Record<string, string> = {};
    readers.forEach((a, k) => (seenBy[store.attendees[a]!.providerId] = iso(Math.min(chat.peerRead, ts + receiptDelay(n, k)))));
    return { seen: 1, seen_by: seenBy };
  }
  if (ts > chat.readMark) return { seen: 0, seen_by: {} };
  const self = store.attendees[account.selfAttendee]!;
  return { seen: 1, seen_by: { [self.providerId]: iso(Math.max(ts, Math.min(chat.readMark, ts + receiptDelay(n, 0)))) } };
}

export function messageJson(store: Store, n: number, withObject: boolean): Json {
  const rec = store.record(n);
  const chat = store.chats[rec.chat]!;
  const account = store.accountOf(chat);
  const sender = store.attendees[rec.sender]!;
  const fromMe = rec.sender === account.selfAttendee;
  const id = store.messageId(n);
  // One literal plus plain assignments: this runs for every item of every list.
  const out: Json = withObject ? { object: 'Message', id } : { id };
  out.account_id = account.id;
  out.chat_id = chat.id;
  out.chat_provider_id = chat.providerId;
  out.provider_id = rec.providerId;
  out.sender_id = sender.providerId;
  out.sender_attendee_id = sender.id;
  out.text = rec.text;
  out.attachments = rec.attachments.map((a) => attachmentJson(account, id, a));
  out.timestamp = iso(rec.ts);
  out.is_sender = fromMe ? 1 : 0;
  if (rec.quoted !== null) {
    const q = store.record(rec.quoted);
    const qId = store.messageId(rec.quoted);
    out.quoted = {
      provider_id: q.providerId,
      sender_id: store.attendees[q.sender]!.providerId,
      text: q.text,
      attachments: q.attachments.map((a) => attachmentJson(account, qId, a)),
    };
  }
  out.reactions = rec.reactions.map((r) => ({ value: r.value, sender_id: store.attendees[r.sender]!.providerId, is_sender: r.sender === account.selfAttendee }));
  const seen = receipts(store, chat, account, n, rec.ts, fromMe);
  out.seen = seen.seen;
  out.seen_by = seen.seen_by;
  out.hidden = rec.hidden;
  out.deleted = rec.deleted;
  out.edited = rec.edited;
  out.is_event = rec.isEvent;
  out.delivered = 1;
  out.behavior = null;
  if (rec.isEvent && rec.eventType !== undefined) out.event_type = rec.eventType;
  out.original = originalPayload(account.type, {
    chatPid: chat.providerId,
    msgPid: rec.providerId,
    senderPid: sender.providerId,
    fromMe,
    ts: rec.ts,
    text: rec.text,
    threadTs: rec.parent !== null ? store.record(rec.parent).providerId : undefined,
  });
  const replies = store.repliesOf.get(n);
  if (replies && replies.length > 0) {
    out.replies = replies.length;
    out.reply_by = [...new Set(replies.map((r) => store.attendees[store.senderOf(r)]!.providerId))];
  }
  if (rec.parent !== null) out.parent = store.messageId(rec.parent);
  if (account.type === 'LINKEDIN') {
    if (rec.subject !== undefined) out.subject = rec.subject;
    out.message_type = rec.messageType ?? 'MESSAGE';
    out.attendee_type = sender.linkedin?.organization ? 'ORGANIZATION' : 'MEMBER';
    if (!fromMe && sender.linkedin) out.attendee_distance = sender.linkedin.distance;
    out.sender_urn = `urn:li:fsd_profile:${sender.providerId}`;
  }
  return out;
}

export function attendeeJson(store: Store, a: Attendee): Json {
  const account = store.accounts[a.accountIdx]!;
  const out: Json = {
    object: 'ChatAttendee',
    id: a.id,
    account_id: account.id,
    provider_id: a.providerId,
    name: a.name,
    is_self: a.isSelf ? 1 : 0,
    hidden: 0,
  };
  if (a.pictureUrl) out.picture_url = a.pictureUrl;
  const profile = profileUrl(account.type, a.handle, a.providerId);
  if (profile) out.profile_url = profile;
  if (a.linkedin) {
    out.specifics = {
      provider: 'LINKEDIN',
      member_urn: a.linkedin.memberUrn,
      occupation: a.linkedin.occupation,
      network_distance: a.isSelf ? 'SELF' : `DISTANCE_${a.linkedin.distance}`,
      pending_invitation: false,
      location: a.linkedin.location,
    };
  } else if (account.type === 'INSTAGRAM') {
    out.specifics = {
      provider: 'INSTAGRAM',
      public_identifier: a.handle,
      relationship_status: { following: !a.isSelf, followed_by: !a.isSelf && a.idx % 3 !== 0, has_received_invitation: false, has_sent_invitation: false },
    };
  }
  return out;
}
