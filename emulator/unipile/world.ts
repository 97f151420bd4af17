/**
 * Other people: the simulated world (simulateActivity) and the control API
 * (act as someone else on demand). Both go through mutations.ts, so their
 * traces look exactly like the seeded data and the tools' own writes.
 */
import { createRng } from '../core/rng';
import type { Rng } from '../core/types';
import { FIRST_NAMES, LAST_NAMES, REACTIONS } from './corpus';
import { HashStream } from './ids';
import type { Attendee, Chat } from './model';
import { createChat, createContact, edit, postMessage, react, remove } from './mutations';
import { pageMessages } from './paging';
import { DELETE_WINDOW_MS, userProviderId } from './providers';
import { composeText, makeAttachment, randomAttachmentKind, type AttachmentKind } from './seeded';
import { iso } from './serialize';
import type { Store } from './store';

function word(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296) >>> 0;
}

function recent(store: Store, chat: Chat, count: number): number[] {
  return pageMessages(store, store.seqsForChat(chat), { limit: count, floor: chat.historyFrom }).items;
}

/** People who may write in the chat (announcement groups: admins; channels and sponsored: the owner). */
function speakers(chat: Chat): number[] {
  const others = chat.attendees.slice(1);
  if (chat.kind === 'announce') return others.slice(0, 2);
  if (chat.kind === 'broadcast' || chat.kind === 'sponsored') return others.slice(0, 1);
  return others;
}

function pickChat(store: Store, rng: Rng): Chat | undefined {
  const live = store.chats.filter((c) => !c.deleted && speakers(c).length > 0);
  if (live.length === 0) return undefined;
  if (rng.next() < 0.7) {
    // Conversations that are already active get most of the new traffic.
    const top = live.slice().sort((a, b) => (b.lastTs ?? 0) - (a.lastTs ?? 0)).slice(0, 15);
    return rng.pick(top);
  }
  return rng.pick(live);
}

function incoming(store: Store, rng: Rng, chat: Chat): void {
  const who = rng.pick(speakers(chat));
  const account = store.accountOf(chat);
  let text: string | null = composeText(store, chat, who, word(rng));
  const roll = rng.next();
  const attachments = [];
  let quoted: number | null = null;
  let parent: number | null = null;
  if (roll < 0.15) {
    const kind = randomAttachmentKind(word(rng), account.type === 'WHATSAPP');
    attachments.push(makeAttachment(kind, word(rng)));
    if (kind !== 'photo' && kind !== 'video') text = null;
  } else if (roll < 0.25 && !chat.disabledFeatures.includes('reply')) {
    const candidates = recent(store, chat, 10).filter((n) => !store.record(n).deleted && !store.record(n).isEvent);
    if (candidates.length > 0) quoted = rng.pick(candidates);
  } else if (roll < 0.5 && account.type === 'SLACK' && chat.type !== 0) {
    const roots = recent(store, chat, 20).filter((n) => store.record(n).parent === null && !store.record(n).isEvent);
    if (roots.length > 0) parent = rng.pick(roots);
  }
  postMessage(store, chat, who, { text, attachments, quoted, parent });
}

function reactToRecent(store: Store, rng: Rng, chat: Chat): void {
  if (chat.disabledFeatures.includes('reactions')) return incoming(store, rng, chat);
  const candidates = recent(store, chat, 10).filter((n) => !store.record(n).deleted && !store.record(n).isEvent);
  if (candidates.length === 0) return incoming(store, rng, chat);
  const n = rng.pick(candidates);
  const who = speakers(chat).filter((a) => a !== store.senderOf(n));
  if (who.length === 0) return incoming(store, rng, chat);
  react(store, n, rng.pick(who), rng.pick(REACTIONS));
}

function editRecent(store: Store, rng: Rng, chat: Chat): void {
  const self = store.accountOf(chat).selfAttendee;
  const candidates = recent(store, chat, 10).filter((n) => {
    const r = store.record(n);
    return r.sender !== self && !r.deleted && !r.isEvent && r.text !== null;
  });
  if (candidates.length === 0) return incoming(store, rng, chat);
  const n = rng.pick(candidates);
  edit(store, n, composeText(store, chat, store.senderOf(n), word(rng)));
}

function deleteRecent(store: Store, rng: Rng, chat: Chat): void {
  const account = store.accountOf(chat);
  const candidates = DELETE_WINDOW_MS[account.type] === undefined ? [] : recent(store, chat, 5).filter((n) => store.senderOf(n) !== account.selfAttendee && !store.record(n).deleted && !store.record(n).isEvent);
  if (candidates.length === 0) return incoming(store, rng, chat);
  remove(store, rng.pick(candidates));
}

function newPerson(store: Store, rng: Rng, accountIdx: number, name?: string, providerId?: string): Attendee {
  const account = store.accounts[accountIdx]!;
  const lang = rng.pick(account.langs);
  const pid = providerId ?? userProviderId(account.type, new HashStream(word(rng)));
  const person = createContact(store, account, pid, name ?? `${rng.pick(FIRST_NAMES[lang])} ${rng.pick(LAST_NAMES[lang])}`);
  person.lang = lang;
  return person;
}

function newInboundChat(store: Store, rng: Rng): void {
  const account = rng.pick(store.accounts);
  const person = newPerson(store, rng, account.idx);
  if (account.type === 'LINKEDIN' && person.linkedin) person.linkedin.distance = 1;
  const chat = createChat(store, account, 'dm', [person], person.name);
  postMessage(store, chat, person.idx, { text: composeText(store, chat, person.idx, word(rng)) });
}

export function simulateActivity(store: Store, rng: Rng): void {
  const r = rng.next();
  if (r < 0.05) return newInboundChat(store, rng);
  const chat = pickChat(store, rng);
  if (!chat) return;
  if (r < 0.6) return incoming(store, rng, chat);
  if (r < 0.75) return reactToRecent(store, rng, chat);
  if (r < 0.85) return editRecent(store, rng, chat);
  if (r < 0.93) {
    chat.peerRead = store.clock.now();
    return;
  }
  deleteRecent(store, rng, chat);
}

// ---------------------------------------------------------------------------
// Control API

const ACTIONS = ['post', 'react', 'edit', 'delete', 'read', 'startChat', 'accounts', 'chats', 'attendees'] as const;
const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['photo', 'sticker', 'video', 'voice', 'audio', 'pdf', 'text'];

function param(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw new Error(`unipile control: '${name}' (string) is required`);
  return v;
}

function optionalParam(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`unipile control: '${name}' must be a string`);
  return v;
}

function chatParam(store: Store, params: Record<string, unknown>): Chat {
  const id = param(params, 'chatId');
  const chat = store.chatByIdAny(id);
  if (!chat || chat.deleted) throw new Error(`unipile control: no chat '${id}'`);
  return chat;
}

function messageParam(store: Store, params: Record<string, unknown>): number {
  const id = param(params, 'messageId');
  const n = store.messageIndex(id);
  if (n < 0 || !store.isVisible(n)) throw new Error(`unipile control: no message '${id}'`);
  return n;
}

/** `fromAttendeeId` (Unipile or provider id) must be in the chat; default: the first other attendee. */
function actor(store: Store, chat: Chat, params: Record<string, unknown>, exclude = -1): number {
  const from = optionalParam(params, 'fromAttendeeId');
  if (from === undefined) {
    const other = chat.attendees.slice(1).find((a) => a !== exclude) ?? chat.attendees[1];
    if (other === undefined) throw new Error(`unipile control: chat '${chat.id}' has nobody else in it`);
    return other;
  }
  const found = chat.attendees.find((a) => store.attendees[a]!.id === from || store.attendees[a]!.providerId === from);
  if (found === undefined) throw new Error(`unipile control: attendee '${from}' is not in chat '${chat.id}'`);
  return found;
}

function controlPost(store: Store, params: Record<string, unknown>) {
  const chat = chatParam(store, params);
  const account = store.accountOf(chat);
  const who = actor(store, chat, params);
  const text = optionalParam(params, 'text');
  const kind = optionalParam(params, 'attachment');
  if (kind !== undefined && !ATTACHMENT_KINDS.includes(kind as AttachmentKind)) throw new Error(`unipile control: attachment must be one of ${ATTACHMENT_KINDS.join(', ')}`);
  if (!text && !kind) throw new Error("unipile control: 'text' or 'attachment' is required");
  let quoted: number | null = null;
  const quoteId = optionalParam(params, 'quoteId');
  if (quoteId !== undefined) {
    quoted = store.messageIndex(quoteId);
    if (quoted < 0 || store.chatOf(quoted) !== chat) throw new Error(`unipile control: quoteId '${quoteId}' is not a message of this chat`);
  }
  let parent: number | null = null;
  const threadId = optionalParam(params, 'threadId');
  if (threadId !== undefined) {
    if (account.type !== 'SLACK') throw new Error('unipile control: threadId is only for Slack chats');
    parent = store.messageIndex(threadId);
    if (parent < 0 || store.chatOf(parent) !== chat) throw new Error(`unipile control: threadId '${threadId}' is not a message of this chat`);
    parent = store.record(parent).parent ?? parent;
  }
  const attachments = kind ? [makeAttachment(kind as AttachmentKind, (store.messageCount * 2654435761) >>> 0)] : [];
  const rec = postMessage(store, chat, who, { text: text ?? null, attachments, quoted, parent });
  return { message_id: store.messageId(rec.n), chat_id: chat.id, timestamp: iso(rec.ts) };
}

export function control(store: Store, action: string, params: Record<string, unknown>): unknown {
  switch (action) {
    case 'post':
      return controlPost(store, params);
    case 'react': {
      const n = messageParam(store, params);
      const chat = store.chatOf(n);
      const value = param(params, 'value');
      react(store, n, actor(store, chat, params, store.senderOf(n)), value);
      return { ok: true };
    }
    case 'edit': {
      const n = messageParam(store, params);
      edit(store, n, param(params, 'text'));
      return { ok: true };
    }
    case 'delete':
      remove(store, messageParam(store, params));
      return { ok: true };
    case 'read': {
      const chat = chatParam(store, params);
      chat.peerRead = store.clock.now();
      return { ok: true };
    }
    case 'startChat': {
      const accountId = param(params, 'accountId');
      const account = store.accountByIdOrUndefined(accountId);
      if (!account) throw new Error(`unipile control: no account '${accountId}'`);
      const providerId = optionalParam(params, 'providerId');
      const existing = providerId ? store.attendeesByProviderId(providerId).find((a) => a.accountIdx === account.idx) : undefined;
      const rng = createRng((store.seed ^ Math.imul(store.attendees.length + 1, 0x2c1b3c6d)) >>> 0);
      const person = existing ?? newPerson(store, rng, account.idx, optionalParam(params, 'name'), providerId);
      if (person.linkedin) person.linkedin.distance = 1;
      const chat = store.chats.find((c) => !c.deleted && c.accountIdx === account.idx && c.kind === 'dm' && c.other === person.idx) ?? createChat(store, account, 'dm', [person], person.name);
      const rec = postMessage(store, chat, person.idx, { text: param(params, 'text') });
      return { chat_id: chat.id, message_id: store.messageId(rec.n), attendee_id: person.id, provider_id: person.providerId };
    }
    case 'accounts':
      return store.accounts.map((a) => {
        const self = store.selfOf(a);
        return { id: a.id, type: a.type, name: a.name, self_attendee_id: self.id, self_provider_id: self.providerId, chats: store.chats.filter((c) => !c.deleted && c.accountIdx === a.idx).length };
      });
    case 'chats': {
      const accountId = optionalParam(params, 'accountId');
      return store.chats
        .filter((c) => !c.deleted && (accountId === undefined || store.accountOf(c).id === accountId))
        .map((c) => ({ id: c.id, name: c.name, account_id: store.accountOf(c).id, account_type: store.accountOf(c).type, type: c.type, kind: c.kind, read_only: c.readOnly, attendees: c.attendees.length }));
    }
    case 'attendees':
      return chatParam(store, params).attendees.map((a) => {
        const at = store.attendees[a]!;
        return { id: at.id, provider_id: at.providerId, name: at.name, is_self: at.isSelf };
      });
    default:
      throw new Error(`unknown unipile control action '${action}' (expected one of: ${ACTIONS.join(', ')})`);
  }
}
