/**
 * State changes shared by the tools (after their validation), the world
 * simulation and the control API, so all three leave the same traces.
 */
import { hash3 } from './ids';
import type { Account, AttachmentRec, Attendee, Chat, ChatKind, MessageRec } from './model';
import { chatProviderId, fallbackName, messageProviderId, REACTION_EVENT_PROVIDERS, SINGLE_REACTION_PROVIDERS } from './providers';
import { SALT } from './seeded';
import type { Store } from './store';

export function createContact(store: Store, account: Account, providerId: string, name?: string): Attendee {
  const digits = providerId.replace(/\D/g, '').slice(-6) || String(store.attendees.length);
  return store.addAttendee({
    accountIdx: account.idx,
    providerId,
    name: name ?? fallbackName(account.type, providerId),
    isSelf: false,
    lang: account.langs[0]!,
    handle: `user_${digits}`,
    ...(account.type === 'LINKEDIN' ? { linkedin: { distance: 3 as const, occupation: '', location: '', organization: false, memberUrn: `urn:li:member:${digits}` } } : {}),
  });
}

const TYPE_OF_KIND: Record<ChatKind, 0 | 1 | 2> = { dm: 0, inmail: 0, sponsored: 0, group: 1, announce: 1, mpim: 1, channel: 2, broadcast: 2 };

export function createChat(store: Store, account: Account, kind: ChatKind, members: Attendee[], name: string | null, extra: Partial<Chat> = {}): Chat {
  const self = store.selfOf(account);
  const type = TYPE_OF_KIND[kind];
  const h = store.stream(SALT.chat, store.chats.length);
  const other = type === 0 ? members[0]! : null;
  return store.addChat({
    accountIdx: account.idx,
    providerId: chatProviderId(account.type, type === 0 ? 'dm' : type === 2 ? 'channel' : 'group', h, self.providerId, other?.providerId ?? null),
    kind,
    type,
    name,
    attendees: [self.idx, ...members.map((m) => m.idx)],
    other: other ? other.idx : -1,
    lang: other?.lang ?? account.langs[0]!,
    lastTs: null,
    unread: 0,
    archived: 0,
    mutedUntil: null,
    readOnly: 0,
    pinned: 0,
    labels: [],
    disabledFeatures: [],
    readMark: store.clock.now(),
    peerRead: 0,
    historyFrom: 0,
    selfAdmin: type !== 0,
    deleted: false,
    sync: null,
    ...extra,
  });
}

export interface PostOptions {
  text: string | null;
  attachments?: AttachmentRec[];
  quoted?: number | null;
  parent?: number | null;
  hidden?: 0 | 1;
  eventType?: number;
  subject?: string;
  messageType?: MessageRec['messageType'];
  forwarded?: boolean;
}

export function postMessage(store: Store, chat: Chat, sender: number, opts: PostOptions): MessageRec {
  const account = store.accountOf(chat);
  const n = store.messageCount;
  const ts = store.clock.now();
  const rec: Omit<MessageRec, 'n'> = {
    chat: chat.idx,
    ts,
    sender,
    providerId: messageProviderId(account.type, n, ts, store.stream(SALT.providerId, n)),
    text: opts.text,
    attachments: opts.attachments ?? [],
    quoted: opts.quoted ?? null,
    reactions: [],
    edited: 0,
    deleted: 0,
    hidden: opts.hidden ?? 0,
    isEvent: opts.eventType !== undefined ? 1 : 0,
    parent: opts.parent ?? null,
  };
  if (opts.eventType !== undefined) rec.eventType = opts.eventType;
  if (opts.forwarded) rec.forwarded = true;
  if (account.type === 'LINKEDIN') {
    rec.messageType = opts.messageType ?? (chat.kind === 'inmail' ? 'INMAIL_REPLY' : 'MESSAGE');
    if (opts.subject !== undefined) rec.subject = opts.subject;
  }
  return store.append(rec);
}

/** Attachment ids for runtime messages: deterministic from the message slot and position. */
export function runtimeAttachmentId(store: Store, n: number, k: number): string {
  const hex = (v: number) => v.toString(16).toUpperCase().padStart(8, '0');
  return (hex(hash3(store.seed, SALT.attachment, n)) + hex(hash3(store.seed, n, k)) + hex(hash3(k, n, store.seed))).slice(0, 20);
}

export function react(store: Store, n: number, sender: number, value: string): void {
  const chat = store.chatOf(n);
  const account = store.accountOf(chat);
  const m = store.mutable(n);
  if (SINGLE_REACTION_PROVIDERS.includes(account.type)) m.reactions = m.reactions.filter((r) => r.sender !== sender);
  else if (m.reactions.some((r) => r.sender === sender && r.value === value)) return;
  m.reactions.push({ value, sender });
  if (sender !== account.selfAttendee && REACTION_EVENT_PROVIDERS.includes(account.type)) {
    // WhatsApp surfaces reactions as hidden event messages, which is how list_all_messages(after) sees them.
    const who = store.attendees[sender]!.name;
    const target = m.text ? `"${m.text.length > 40 ? `${m.text.slice(0, 40)}…` : m.text}"` : 'a message';
    postMessage(store, chat, sender, { text: `${who} reacted ${value} to ${target}`, hidden: 1, eventType: m.sender === account.selfAttendee ? 2 : 1 });
  }
}

export function edit(store: Store, n: number, text: string): void {
  const m = store.mutable(n);
  m.text = text;
  m.edited = 1;
}

export function remove(store: Store, n: number): void {
  const m = store.mutable(n);
  m.deleted = 1;
  m.text = null;
  m.attachments = [];
  m.reactions = [];
  m.quoted = null;
}
