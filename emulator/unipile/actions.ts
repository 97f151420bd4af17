/** The write tools: validation in the upstream's order, then the shared mutations. */
import { optionalString, optionalStringArray, requiredString, type Args } from './args';
import { decodeUpload, sniff } from './binary';
import { forbidden, invalidParameters, missingParameters, notFound, notImplemented, unipileError, unprocessable } from './errors';
import type { Account, AttachmentRec, Attendee, Chat } from './model';
import { createChat, createContact, edit, postMessage, react, remove, runtimeAttachmentId } from './mutations';
import {
  CHAT_ACTIONS,
  CHAT_ACTION_SUPPORT,
  DELETE_CHAT_PROVIDERS,
  DELETE_WINDOW_MS,
  EDIT_WINDOW_MS,
  FORWARD_PROVIDERS,
  HISTORY_SYNC_PROVIDERS,
  inviteLink,
  isValidRecipient,
  MAX_ATTACHMENT_BYTES,
  MAX_GROUP_ATTENDEES,
  MAX_TEXT_LENGTH,
  THREAD_PROVIDERS,
  TYPING_PROVIDERS,
  VIDEO_MESSAGE_PROVIDERS,
  VOICE_MESSAGE_PROVIDERS,
  type ChatAction,
} from './providers';
import { requireAccount, requireChat, requireMessage } from './reads';
import { SALT } from './seeded';
import type { Store } from './store';

const units = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const MINUTES = (ms: number) => (ms >= 3_600_000 ? units(ms / 3_600_000, 'hour') : units(ms / 60_000, 'minute'));

function checkText(account: Account, text: string | undefined): void {
  if (text !== undefined && text.length > MAX_TEXT_LENGTH[account.type]) {
    throw unipileError(400, 'errors/too_many_characters', `text is limited to ${MAX_TEXT_LENGTH[account.type]} characters on ${account.type}.`);
  }
}

/** Uploaded files (base64 / data: URLs) plus the LinkedIn/WhatsApp voice and video message fields. */
function parseUploads(store: Store, account: Account, args: Args): AttachmentRec[] {
  const n = store.messageCount;
  const out: AttachmentRec[] = [];
  const add = (value: string, field: string, expect?: 'audio' | 'video') => {
    const decoded = decodeUpload(value);
    if (!decoded) throw invalidParameters(`${field} must be base64 data or a data: URL.`);
    if (decoded.bytes.length > MAX_ATTACHMENT_BYTES) throw unipileError(400, 'errors/content_too_large', `${field} is larger than ${MAX_ATTACHMENT_BYTES} bytes.`);
    const kind = sniff(decoded.bytes, decoded.declaredType);
    if (expect && kind.type !== expect) throw unipileError(415, 'errors/unsupported_media_type', `${field} must be ${expect === 'audio' ? 'an audio' : 'a video'} file, got ${kind.mimetype}.`);
    const k = out.length;
    const rec: AttachmentRec = {
      id: runtimeAttachmentId(store, n, k),
      type: kind.type,
      mimetype: kind.mimetype,
      fileName: decoded.fileName ?? `${expect === 'audio' ? 'voice-message' : 'attachment'}-${k + 1}.${kind.extension}`,
      unavailable: false,
      bytes: decoded.bytes,
    };
    if (kind.type === 'img') Object.assign(rec, { width: kind.width ?? 0, height: kind.height ?? 0, sticker: false });
    if (kind.type === 'video') Object.assign(rec, { width: kind.width ?? 0, height: kind.height ?? 0, gif: false });
    if (kind.type === 'audio') rec.voiceNote = expect === 'audio';
    out.push(rec);
  };
  (optionalStringArray(args, 'attachments') ?? []).forEach((v, i) => add(v, `attachments[${i}]`));
  const voice = optionalString(args, 'voice_message');
  const video = optionalString(args, 'video_message');
  if (voice !== undefined) {
    if (!VOICE_MESSAGE_PROVIDERS.includes(account.type)) throw invalidParameters(`voice_message is not supported on ${account.type}; use attachments.`);
    add(voice, 'voice_message', 'audio');
  }
  if (video !== undefined) {
    if (!VIDEO_MESSAGE_PROVIDERS.includes(account.type)) throw invalidParameters(`video_message is only supported on LINKEDIN; use attachments.`);
    add(video, 'video_message', 'video');
  }
  return out;
}

function nonEmpty(text: string | undefined): text is string {
  return text !== undefined && text.trim().length > 0;
}

/** A Slack thread root by Unipile message id or by its provider ts. */
function findThreadRoot(store: Store, chat: Chat, threadId: string): number {
  let n = store.messageIndex(threadId);
  if (n < 0 || store.chatOf(n) !== chat || !store.isVisible(n)) {
    n = -1;
    // A Slack ts names its second: only messages of that second need their provider id rebuilt.
    const ts = /^(\d+)\.\d{6}$/.exec(threadId);
    const second = ts ? Number(ts[1]) : -1;
    const [seeded, extra] = store.seqsForChat(chat);
    for (const seq of [extra!, seeded!]) {
      for (let i = seq.length - 1; i >= 0 && n < 0 && second >= 0; i--) {
        const at = Math.floor(store.tsOf(seq[i]!) / 1000);
        if (at < second) break;
        if (at === second && store.record(seq[i]!).providerId === threadId) n = seq[i]!;
      }
    }
  }
  if (n < 0) throw notFound('Account, chat or thread not found');
  return store.record(n).parent ?? n;
}

export function sendMessage(store: Store, args: Args) {
  const chat = requireChat(store, requiredString(args, 'chat_id'));
  const account = store.accountOf(chat);
  const accountId = optionalString(args, 'account_id');
  if (accountId !== undefined && accountId !== account.id) throw notFound('Account, chat or thread not found');
  const text = optionalString(args, 'text');
  const threadId = optionalString(args, 'thread_id');
  const quoteId = optionalString(args, 'quote_id');
  const typing = optionalString(args, 'typing_duration');
  if (threadId !== undefined && !THREAD_PROVIDERS.includes(account.type)) throw invalidParameters(`thread_id is only supported for SLACK, not ${account.type}.`);
  if (typing !== undefined) {
    if (!TYPING_PROVIDERS.includes(account.type)) throw invalidParameters(`typing_duration is only supported for WHATSAPP, not ${account.type}.`);
    if (!/^\d{1,6}$/.test(typing)) throw invalidParameters('typing_duration must be a number of milliseconds.');
  }
  checkText(account, text);
  const attachments = parseUploads(store, account, args);
  if (!nonEmpty(text) && attachments.length === 0) throw missingParameters('Provide text or at least one attachment.');
  if (chat.readOnly) throw unprocessable('errors/cant_send_message', 'You cannot send messages in this read-only chat.');
  let quoted: number | null = null;
  if (quoteId !== undefined) {
    quoted = store.messageIndex(quoteId);
    if (quoted < 0 || store.chatOf(quoted) !== chat || !store.isVisible(quoted)) throw notFound('Quoted message not found in this chat');
    if (chat.disabledFeatures.includes('reply')) throw unprocessable('errors/invalid_message', 'Replies are disabled in this chat.');
    if (store.record(quoted).deleted) throw unprocessable('errors/invalid_message', 'A deleted message cannot be quoted.');
  }
  const parent = threadId !== undefined ? findThreadRoot(store, chat, threadId) : null;
  const rec = postMessage(store, chat, account.selfAttendee, { text: nonEmpty(text) ? text : null, attachments, quoted, parent });
  return { object: 'MessageSent', message_id: store.messageId(rec.n) };
}

interface LinkedInOptions {
  api: 'classic' | 'recruiter' | 'sales_navigator';
  inmail: boolean;
}

function linkedinOptions(value: unknown): LinkedInOptions {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw invalidParameters('linkedin must be an object such as {"api":"classic","inmail":true}.');
    }
  }
  if (v === undefined || v === null) return { api: 'classic', inmail: false };
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidParameters('linkedin must be an object.');
  const o = v as Record<string, unknown>;
  const api = o.api ?? 'classic';
  if (api !== 'classic' && api !== 'recruiter' && api !== 'sales_navigator') throw invalidParameters('linkedin.api must be classic, recruiter or sales_navigator.');
  return { api, inmail: o.inmail === true || o.inmail === 'true' };
}

export function startNewChat(store: Store, args: Args) {
  const account = requireAccount(store, requiredString(args, 'account_id'));
  const ids = [...new Set((optionalStringArray(args, 'attendees_ids') ?? []).map((s) => s.trim()).filter((s) => s.length > 0))];
  if (ids.length === 0) throw missingParameters('attendees_ids must contain at least one provider id.');
  const text = optionalString(args, 'text');
  const subject = optionalString(args, 'subject');
  const li = account.type === 'LINKEDIN' ? linkedinOptions(args.linkedin) : { api: 'classic' as const, inmail: false };
  if (li.api !== 'classic') throw forbidden('errors/feature_not_subscribed', `This account has no LinkedIn ${li.api === 'recruiter' ? 'Recruiter' : 'Sales Navigator'} subscription.`);
  const self = store.selfOf(account);

  const known: Array<Attendee | string> = ids.map((pid) => {
    if (pid === self.providerId) throw unprocessable('errors/invalid_recipient', 'You cannot start a chat with yourself.');
    const existing = store.attendeesByProviderId(pid).find((a) => a.accountIdx === account.idx);
    if (existing) return existing;
    if (!isValidRecipient(account.type, pid)) throw unprocessable('errors/invalid_recipient', `${pid} is not a valid ${account.type} recipient id.`);
    return pid;
  });
  if (known.length > MAX_GROUP_ATTENDEES[account.type]) throw unprocessable('errors/limit_exceeded', `A ${account.type} group can have at most ${MAX_GROUP_ATTENDEES[account.type]} other attendees.`);
  if (account.type === 'LINKEDIN' && !li.inmail) {
    const stranger = known.find((a) => typeof a === 'string' || a.linkedin?.distance !== 1);
    if (stranger !== undefined) throw unprocessable('errors/no_connection_with_recipient', 'The recipient is not a 1st-degree connection; send an InMail (linkedin.inmail) instead.');
  }
  checkText(account, text);
  const attachments = parseUploads(store, account, args);
  const hasContent = nonEmpty(text) || attachments.length > 0;
  const members = known.map((a) => (typeof a === 'string' ? createContact(store, account, a) : a));

  const send = (chat: Chat, extra: { subject?: string; messageType?: 'INMAIL' } = {}) => (hasContent ? store.messageId(postMessage(store, chat, self.idx, { text: nonEmpty(text) ? text : null, attachments, ...extra }).n) : null);

  if (members.length === 1 && !li.inmail) {
    const other = members[0]!;
    // One individual chat per person: reuse it (WhatsApp allows no other; Unipile documents the reuse).
    const existing = store.chats.find((c) => !c.deleted && c.accountIdx === account.idx && c.kind === 'dm' && c.other === other.idx);
    if (existing) return { object: 'ChatStarted', chat_id: existing.id, message_id: send(existing) };
    if (!hasContent) throw missingParameters('text or an attachment is required to start a conversation.');
    const chat = createChat(store, account, 'dm', [other], other.name);
    return { object: 'ChatStarted', chat_id: chat.id, message_id: send(chat) };
  }
  if (li.inmail) {
    if (members.length !== 1) throw invalidParameters('An InMail has exactly one recipient.');
    if (!hasContent) throw missingParameters('text is required for an InMail.');
    const subj = subject ?? '';
    const chat = createChat(store, account, 'inmail', members, members[0]!.name, { subject: subj, contentType: 'inmail', disabledFeatures: ['reactions'] });
    return { object: 'ChatStarted', chat_id: chat.id, message_id: send(chat, { subject: subj, messageType: 'INMAIL' }) };
  }
  const name = subject ?? members.map((m) => m.name.split(' ')[0]).join(', ');
  const chat = createChat(store, account, account.type === 'SLACK' ? 'mpim' : 'group', members, name);
  if (account.type === 'WHATSAPP' || account.type === 'TELEGRAM') postMessage(store, chat, self.idx, { text: `${self.name} created group "${name}"`, eventType: 3 });
  return { object: 'ChatStarted', chat_id: chat.id, message_id: send(chat) };
}

function booleanValue(action: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidParameters(`value must be a boolean for ${action}.`);
  return value;
}

function stringValue(action: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidParameters(`value must be a non-empty string for ${action}.`);
  return value.trim();
}

function requireGroupAdmin(chat: Chat, action: string, allowChannels = false): void {
  if (chat.type === 0 || (chat.type === 2 && !allowChannels)) throw invalidParameters(`${action} is only available on group chats.`);
  if (!chat.selfAdmin) throw forbidden('errors/insufficient_permissions', `You need admin rights in "${chat.name ?? chat.id}" for ${action}.`);
}

export function patchChat(store: Store, args: Args) {
  const chat = requireChat(store, requiredString(args, 'chat_id'));
  const account = store.accountOf(chat);
  const action = requiredString(args, 'action');
  if (!CHAT_ACTIONS.includes(action as ChatAction)) throw invalidParameters(`action must be one of ${CHAT_ACTIONS.join(', ')}.`);
  const act = action as ChatAction;
  const value = args.value;
  if (act !== 'getInviteLink' && (value === undefined || value === null)) throw missingParameters(`value is required for ${act}.`);
  if (!CHAT_ACTION_SUPPORT[act].includes(account.type)) throw notImplemented(`${act} is not available for ${account.type} chats.`);
  const now = store.clock.now();
  const self = store.selfOf(account);
  switch (act) {
    case 'setReadStatus':
      if (booleanValue(act, value)) {
        chat.unread = 0;
        chat.readMark = Math.max(chat.readMark, now, chat.lastTs ?? 0);
      } else {
        chat.unread = Math.max(chat.unread, 1);
      }
      break;
    case 'setMuteStatus':
      chat.mutedUntil = booleanValue(act, value) ? -1 : null;
      break;
    case 'setArchiveStatus':
      chat.archived = booleanValue(act, value) ? 1 : 0;
      break;
    case 'setPinnedStatus':
      chat.pinned = booleanValue(act, value) ? 1 : 0;
      break;
    case 'addParticipant': {
      const pid = stringValue(act, value);
      requireGroupAdmin(chat, act);
      if (chat.attendees.some((a) => store.attendees[a]!.providerId === pid)) throw unprocessable('errors/action_already_performed', `${pid} is already in this group.`);
      let person = store.attendeesByProviderId(pid).find((a) => a.accountIdx === account.idx);
      if (!person) {
        if (!isValidRecipient(account.type, pid)) throw unprocessable('errors/invalid_recipient', `${pid} is not a valid ${account.type} user id.`);
        person = createContact(store, account, pid);
      }
      chat.attendees.push(person.idx);
      postMessage(store, chat, self.idx, { text: `${self.name} added ${person.name}`, eventType: 5 });
      break;
    }
    case 'removeParticipant': {
      const pid = stringValue(act, value);
      requireGroupAdmin(chat, act);
      if (pid === self.providerId) throw invalidParameters('You cannot remove yourself; leave the group instead.');
      const idx = chat.attendees.findIndex((a) => store.attendees[a]!.providerId === pid || store.attendees[a]!.id === pid);
      if (idx < 0) throw notFound('Attendee not found in this chat');
      const person = store.attendees[chat.attendees[idx]!]!;
      chat.attendees.splice(idx, 1);
      postMessage(store, chat, self.idx, { text: `${self.name} removed ${person.name}`, eventType: 6 });
      break;
    }
    case 'setLabel': {
      const label = stringValue(act, value);
      account.labels.add(label);
      if (!chat.labels.includes(label)) chat.labels.push(label);
      break;
    }
    case 'getInviteLink':
      requireGroupAdmin(chat, act, true);
      return { object: 'ChatPatched', invite_link: inviteLink(account.type, store.stream(SALT.chat ^ 0x1417, chat.idx)) };
  }
  return { object: 'ChatPatched' };
}

export function deleteChat(store: Store, args: Args) {
  const chat = requireChat(store, requiredString(args, 'chat_id'));
  const account = store.accountOf(chat);
  if (!DELETE_CHAT_PROVIDERS.includes(account.type)) throw notImplemented(`Deleting chats is not available for ${account.type}.`);
  store.markChatDeleted(chat);
  return { object: 'ChatDeleted' };
}

function ownMessage(store: Store, n: number, what: string): { chat: Chat; account: Account } {
  const chat = store.chatOf(n);
  const account = store.accountOf(chat);
  if (store.senderOf(n) !== account.selfAttendee) throw forbidden('errors/insufficient_permissions', `Only messages sent by this account can be ${what}.`);
  return { chat, account };
}

export function patchMessage(store: Store, args: Args) {
  const n = requireMessage(store, requiredString(args, 'message_id'));
  const text = optionalString(args, 'text');
  const account = store.accountOf(store.chatOf(n));
  const window = EDIT_WINDOW_MS[account.type];
  if (window === undefined) throw notImplemented(`Editing messages is not available for ${account.type}.`);
  if (text === undefined) throw missingParameters('text is required.');
  ownMessage(store, n, 'edited');
  const rec = store.record(n);
  if (rec.deleted || rec.isEvent) throw unprocessable('errors/invalid_message', rec.deleted ? 'A deleted message cannot be edited.' : 'Events cannot be edited.');
  if (store.clock.now() - rec.ts > window) throw unprocessable('errors/unprocessable_entity', `Messages can only be edited within ${MINUTES(window)} of sending on ${account.type}.`);
  if (text.trim() === '' && rec.attachments.length === 0) throw invalidParameters('text cannot be empty.');
  checkText(account, text);
  edit(store, n, text);
  return { object: 'MessageEdited' };
}

export function deleteMessage(store: Store, args: Args) {
  const n = requireMessage(store, requiredString(args, 'message_id'));
  const account = store.accountOf(store.chatOf(n));
  const window = DELETE_WINDOW_MS[account.type];
  if (window === undefined) throw notImplemented(`Deleting messages is not available for ${account.type}.`);
  ownMessage(store, n, 'deleted');
  const rec = store.record(n);
  if (rec.deleted) throw unprocessable('errors/action_already_performed', 'This message is already deleted.');
  if (store.clock.now() - rec.ts > window) throw unprocessable('errors/unprocessable_entity', `Messages can only be deleted within ${MINUTES(window)} of sending on ${account.type}.`);
  remove(store, n);
  return { object: 'MessageDeleted' };
}

export function forwardMessage(store: Store, args: Args) {
  const n = requireMessage(store, requiredString(args, 'message_id'));
  const source = store.chatOf(n);
  const account = store.accountOf(source);
  if (!FORWARD_PROVIDERS.includes(account.type)) throw notImplemented(`Forwarding is only available for WHATSAPP, not ${account.type}.`);
  const target = requireChat(store, requiredString(args, 'chat_id'));
  if (target.accountIdx !== source.accountIdx) throw invalidParameters('The target chat belongs to another account.');
  const rec = store.record(n);
  if (rec.deleted || rec.isEvent) throw unprocessable('errors/invalid_message', 'This message cannot be forwarded.');
  if (target.readOnly) throw unprocessable('errors/cant_send_message', 'You cannot send messages in this read-only chat.');
  const next = store.messageCount;
  const attachments = rec.attachments.map((a, k) => ({ ...a, id: runtimeAttachmentId(store, next, k) }));
  const copy = postMessage(store, target, account.selfAttendee, { text: rec.text, attachments, forwarded: true });
  return { object: 'MessageForwarded', message_id: store.messageId(copy.n) };
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export function addReaction(store: Store, args: Args) {
  const n = requireMessage(store, requiredString(args, 'message_id'));
  const reaction = requiredString(args, 'reaction').trim();
  if (!EMOJI.test(reaction) || reaction.length > 16) throw invalidParameters('reaction must be a native emoji, e.g. 👍.');
  const chat = store.chatOf(n);
  if (chat.disabledFeatures.includes('reactions')) throw unprocessable('errors/unprocessable_entity', 'Reactions are disabled in this chat.');
  const rec = store.record(n);
  if (rec.deleted || rec.isEvent) throw unprocessable('errors/invalid_message', 'You cannot react to this message.');
  react(store, n, store.accountOf(chat).selfAttendee, reaction);
  return { object: 'MessageReactionAdded', success: true };
}

export function syncChatHistory(store: Store, args: Args) {
  const id = requiredString(args, 'chat_id');
  const chat = store.chatByIdAny(id);
  if (!chat || (chat.deleted && chat.sync === null)) throw notFound('Chat not found');
  if (chat.deleted) {
    chat.sync = null;
    return { object: 'ChatHistorySync', chat_id: chat.id, status: 'CHAT_DELETED' };
  }
  const account = store.accountOf(chat);
  if (!HISTORY_SYNC_PROVIDERS.includes(account.type)) throw notImplemented(`History sync is not available for ${account.type}.`);
  // Each call advances one step; a call after SYNC_DONE starts a fresh sync.
  const next = chat.sync === 'SYNC_STARTED' ? 'SYNC_RUNNING' : chat.sync === 'SYNC_RUNNING' ? 'SYNC_DONE' : 'SYNC_STARTED';
  chat.sync = next;
  if (next === 'SYNC_DONE') chat.historyFrom = 0;
  return { object: 'ChatHistorySync', chat_id: chat.id, status: next };
}
