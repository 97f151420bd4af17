/** The read tools: lists, gets and the two binary downloads. */
import type { BinaryPayload } from '../core/types';
import { optionalBoolean, optionalString, requiredString, type Args } from './args';
import { renderIdenticon, renderSpec } from './binary';
import { invalidParameters, notFound } from './errors';
import { hash3, looksLikeUnipileId } from './ids';
import type { Account, Attendee, Chat } from './model';
import { encodeCursor, listRequest, pageChats, pageMessages, parseDate, splitIds, type Page, type Position } from './paging';
import { ACCOUNT_TYPES, type AccountType } from './providers';
import { SALT } from './seeded';
import { attendeeJson, chatJson, iso, messageJson } from './serialize';
import type { Store } from './store';

export function requireAccount(store: Store, id: string): Account {
  const account = store.accountByIdOrUndefined(id);
  if (!account) throw notFound('Account not found');
  return account;
}

/** A live chat by Unipile id (deleted chats are gone for every tool). */
export function requireChat(store: Store, id: string): Chat {
  const chat = store.chatByIdAny(id);
  if (!chat || chat.deleted) throw notFound('Chat not found');
  return chat;
}

export function requireMessage(store: Store, id: string): number {
  const n = store.messageIndex(id);
  if (n < 0 || !store.isVisible(n)) throw notFound('Message not found');
  return n;
}

function messagePosition(store: Store, n: number): Position {
  return { last_id: store.messageId(n), last_date: iso(store.tsOf(n)) };
}

function chatPosition(chat: Chat): Position {
  return { last_id: chat.id, ...(chat.lastTs !== null ? { last_date: iso(chat.lastTs) } : {}) };
}

function messageList(store: Store, page: Page<number>, filters: Record<string, unknown>, limit: number) {
  const last = page.items[page.items.length - 1];
  return {
    object: 'MessageList',
    items: page.items.map((n) => messageJson(store, n, true)),
    cursor: page.more && last !== undefined ? encodeCursor(filters, limit, messagePosition(store, last)) : null,
  };
}

function chatList(store: Store, page: Page<Chat>, filters: Record<string, unknown>, limit: number) {
  const last = page.items[page.items.length - 1];
  return {
    object: 'ChatList',
    items: page.items.map((c) => chatJson(store, c, false)),
    cursor: page.more && last ? encodeCursor(filters, limit, chatPosition(last)) : null,
  };
}

function inDateWindow(ts: number | null, before: number | undefined, after: number | undefined): boolean {
  if (before === undefined && after === undefined) return true;
  if (ts === null) return false;
  return (before === undefined || ts < before) && (after === undefined || ts > after);
}

export function listAllChats(store: Store, args: Args) {
  const req = listRequest(args);
  const src = req.source;
  const unread = optionalBoolean(src, 'unread');
  const before = parseDate('before', src.before);
  const after = parseDate('after', src.after);
  const accountType = optionalString(src, 'account_type');
  if (accountType !== undefined && !ACCOUNT_TYPES.includes(accountType as AccountType)) throw invalidParameters(`account_type must be one of ${ACCOUNT_TYPES.join(', ')}.`);
  const accountIds = splitIds(src.account_id);
  const accounts = accountIds ? new Set(accountIds.map((id) => store.accountByIdOrUndefined(id)?.idx ?? -1)) : undefined;
  const chats = store.chatsByRecency().filter(
    (c) =>
      (unread === undefined || (c.unread > 0) === unread) &&
      (accountType === undefined || store.accountOf(c).type === accountType) &&
      (!accounts || accounts.has(c.accountIdx)) &&
      inDateWindow(c.lastTs, before, after),
  );
  const filters = { unread, before: src.before, after: src.after, account_type: accountType, account_id: accountIds };
  return chatList(store, pageChats(chats, req.limit, req.position), filters, req.limit);
}

export function getChat(store: Store, args: Args) {
  const chatId = requiredString(args, 'chat_id');
  const accountId = optionalString(args, 'account_id');
  const account = accountId !== undefined ? requireAccount(store, accountId) : undefined;
  let chat: Chat | undefined = store.chatByIdAny(chatId);
  if (chat?.deleted || (chat && account && chat.accountIdx !== account.idx)) chat = undefined;
  if (!chat && account) chat = store.chatByProviderId(account.idx, chatId);
  if (!chat && !account && !looksLikeUnipileId(chatId)) throw invalidParameters('account_id is required when chat_id is a provider id.');
  if (!chat) throw notFound('Chat not found');
  return chatJson(store, chat, true);
}

export function listChatMessages(store: Store, args: Args) {
  const chat = requireChat(store, requiredString(args, 'chat_id'));
  const req = listRequest(args);
  const src = req.source;
  const before = parseDate('before', src.before);
  const after = parseDate('after', src.after);
  const senderId = optionalString(src, 'sender_id');
  const filters = { before: src.before, after: src.after, sender_id: senderId };
  let seqs = store.seqsForChat(chat);
  let filter: ((n: number) => boolean) | undefined;
  if (senderId !== undefined) {
    const senders = store.resolveAttendees(senderId).filter((a) => a.accountIdx === chat.accountIdx && chat.attendees.includes(a.idx));
    if (senders.length === 0) return { object: 'MessageList', items: [], cursor: null };
    const senderSeqs = senders.flatMap((a) => store.seqsForSender(a));
    const senderTotal = senderSeqs.reduce((s, q) => s + q.length, 0);
    const chatTotal = seqs.reduce((s, q) => s + q.length, 0);
    // Walk whichever index is shorter and filter on the other key.
    if (senderTotal < chatTotal) {
      seqs = senderSeqs;
      filter = (n) => store.chatOf(n) === chat;
    } else {
      const ids = new Set(senders.map((a) => a.idx));
      filter = (n) => ids.has(store.senderOf(n));
    }
  }
  const page = pageMessages(store, seqs, { limit: req.limit, before, after, position: req.position, floor: chat.historyFrom, ...(filter ? { filter } : {}) });
  return messageList(store, page, filters, req.limit);
}

export function listAttendees(store: Store, args: Args) {
  const chat = requireChat(store, requiredString(args, 'chat_id'));
  return { object: 'ChatAttendeeList', items: chat.attendees.map((a) => attendeeJson(store, store.attendees[a]!)), cursor: null };
}

export function listAllMessages(store: Store, args: Args) {
  const req = listRequest(args);
  const src = req.source;
  const before = parseDate('before', src.before);
  const after = parseDate('after', src.after);
  const accountId = optionalString(src, 'account_id');
  const senderId = optionalString(src, 'sender_id');
  const account = accountId !== undefined ? requireAccount(store, accountId) : undefined;
  let seqs = account ? store.seqsForAccount(account) : store.seqsGlobal();
  if (senderId !== undefined) {
    const senders = store.resolveAttendees(senderId).filter((a) => !account || a.accountIdx === account.idx);
    if (senders.length === 0) throw notFound('Sender not found');
    seqs = senders.flatMap((a) => store.seqsForSender(a));
  }
  const page = pageMessages(store, seqs, { limit: req.limit, before, after, position: req.position, filter: (n) => store.isVisible(n) });
  return messageList(store, page, { before: src.before, after: src.after, account_id: accountId, sender_id: senderId }, req.limit);
}

export function getMessage(store: Store, args: Args) {
  return messageJson(store, requireMessage(store, requiredString(args, 'message_id')), true);
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'video/mp4': 'mp4', 'audio/wav': 'wav', 'application/pdf': 'pdf', 'text/plain': 'txt' };

export function getMessageAttachment(store: Store, args: Args): BinaryPayload {
  const n = requireMessage(store, requiredString(args, 'message_id'));
  const attachmentId = requiredString(args, 'attachment_id');
  const a = store.record(n).attachments.find((x) => x.id === attachmentId);
  if (!a) throw notFound('Attachment not found');
  if (a.unavailable) throw notFound('Attachment is no longer available from the provider');
  const bytes = a.bytes ?? (a.gen ? renderSpec(a.gen) : new Uint8Array(0));
  return { kind: 'binary', mimeType: a.mimetype, bytes, fileName: a.fileName ?? `${a.id}.${EXTENSIONS[a.mimetype] ?? 'bin'}` };
}

export function listAllAttendees(store: Store, args: Args) {
  const req = listRequest(args);
  const accountId = optionalString(req.source, 'account_id');
  const account = accountId !== undefined ? requireAccount(store, accountId) : undefined;
  const order = store.attendeesInIdOrder();
  const lastId = req.position?.last_id;
  const items: Attendee[] = [];
  let more = false;
  for (const idx of order) {
    const a = store.attendees[idx]!;
    if (account && a.accountIdx !== account.idx) continue;
    if (lastId !== undefined && a.id <= lastId) continue;
    if (items.length === req.limit) {
      more = true;
      break;
    }
    items.push(a);
  }
  const last = items[items.length - 1];
  return {
    object: 'ChatAttendeeList',
    items: items.map((a) => attendeeJson(store, a)),
    cursor: more && last ? encodeCursor({ account_id: accountId }, req.limit, { last_id: last.id }) : null,
  };
}

export function getAttendeeById(store: Store, args: Args) {
  const id = requiredString(args, 'id');
  const accountId = optionalString(args, 'account_id');
  const account = accountId !== undefined ? store.accountByIdOrUndefined(accountId) : undefined;
  const found = store.resolveAttendees(id).filter((a) => accountId === undefined || a.accountIdx === account?.idx);
  if (found.length === 0) throw notFound('Attendee not found');
  return attendeeJson(store, found[0]!);
}

export function getAttendeeProfilePicture(store: Store, args: Args): BinaryPayload {
  const id = requiredString(args, 'id');
  const attendee = store.attendeeById(id);
  if (attendee) {
    if (!attendee.pictureUrl) throw notFound('This attendee has no picture');
    return { kind: 'binary', mimeType: 'image/png', bytes: renderIdenticon(hash3(store.seed, SALT.picture, attendee.idx)), fileName: `${attendee.id}.png` };
  }
  const chat = store.chatByIdAny(id);
  if (chat && !chat.deleted) {
    // Only group chats have their own picture; a 1:1 chat's picture is the other attendee's.
    if (chat.type === 0) throw notFound('Chat has no group picture; use the attendee id');
    return { kind: 'binary', mimeType: 'image/png', bytes: renderIdenticon(hash3(store.seed, SALT.picture ^ 0xc0ffee, chat.idx)), fileName: `${chat.id}.png` };
  }
  throw notFound('Attendee not found');
}

function accountFilter(store: Store, value: unknown): Set<number> | undefined {
  const ids = splitIds(value);
  return ids ? new Set(ids.map((id) => store.accountByIdOrUndefined(id)?.idx ?? -1)) : undefined;
}

function resolveMany(store: Store, value: string): Attendee[] {
  const found = new Map<number, Attendee>();
  for (const id of splitIds(value) ?? []) for (const a of store.resolveAttendees(id)) found.set(a.idx, a);
  if (found.size === 0) throw notFound('Attendee not found');
  return [...found.values()];
}

export function listChatsByAttendee(store: Store, args: Args) {
  const attendees = resolveMany(store, requiredString(args, 'attendee_id'));
  const req = listRequest(args);
  const src = req.source;
  const before = parseDate('before', src.before);
  const after = parseDate('after', src.after);
  const accounts = accountFilter(store, src.account_id);
  const wanted = new Set(attendees.map((a) => a.idx));
  const chats = store.chatsByRecency().filter((c) => c.type === 0 && wanted.has(c.other) && (!accounts || accounts.has(c.accountIdx)) && inDateWindow(c.lastTs, before, after));
  return chatList(store, pageChats(chats, req.limit, req.position), { before: src.before, after: src.after, account_id: splitIds(src.account_id) }, req.limit);
}

export function listMessagesByAttendee(store: Store, args: Args) {
  const attendees = resolveMany(store, requiredString(args, 'sender_id'));
  const req = listRequest(args);
  const src = req.source;
  const before = parseDate('before', src.before);
  const after = parseDate('after', src.after);
  const accounts = accountFilter(store, src.account_id);
  const seqs = attendees.filter((a) => !accounts || accounts.has(a.accountIdx)).flatMap((a) => store.seqsForSender(a));
  const page = pageMessages(store, seqs, { limit: req.limit, before, after, position: req.position, filter: (n) => store.isVisible(n) });
  return messageList(store, page, { before: src.before, after: src.after, account_id: splitIds(src.account_id) }, req.limit);
}
