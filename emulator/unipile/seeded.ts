/**
 * Content of seeded messages, derived on demand from (seed, n): text,
 * attachments, quote, reactions, edited/deleted flags, LinkedIn and event
 * fields. Nothing here is stored; the same n always yields the same record.
 */
import { CASUAL, EMOJI_ONLY, EMOJI_TAILS, FILE_NAMES, LINKEDIN_TEXTS, LINKS, LONG_TEXTS, REACTIONS, SLACK_TEXTS, SPONSORED_TEXTS, TEXT_FILE_NAMES } from './corpus';
import { HashStream, hash3, unit } from './ids';
import type { AttachmentRec, Chat, MessageRec, ReactionRec } from './model';
import { DELETE_WINDOW_MS, EDIT_WINDOW_MS, messageProviderId } from './providers';
import { csrGroup } from './csr';
import type { Store } from './store';

/** Probabilities per seeded message (they differ per scale so tiny data is dense with features). */
export interface Rates {
  attachment: number;
  quote: number;
  reaction: number;
  edited: number;
  deleted: number;
  missedCall: number;
  unavailable: number;
}

export type AttachmentKind = 'photo' | 'sticker' | 'video' | 'voice' | 'audio' | 'pdf' | 'text';

/** Features pinned on specific messages so every scale shows each of them (showcase). */
export interface Forced {
  attachment?: AttachmentKind;
  quote?: boolean;
  reactions?: boolean;
}

export const SALT = {
  text: 0x7e47,
  attachment: 0xa77a,
  reaction: 0x4eac,
  providerId: 0x9a1d,
  picture: 0x91c7,
  attendee: 0xa77e,
  chat: 0xc4a7,
} as const;

function phrase(store: Store, chat: Chat, senderIdx: number, hs: HashStream): string {
  const account = store.accountOf(chat);
  const sender = store.attendees[senderIdx]!;
  const lang = sender.isSelf || chat.type === 0 ? chat.lang : sender.lang;
  if (account.type === 'SLACK') return hs.below(10) < 8 ? SLACK_TEXTS[hs.below(SLACK_TEXTS.length)]! : CASUAL.en[hs.below(CASUAL.en.length)]!;
  if (account.type === 'LINKEDIN') {
    if (chat.kind === 'sponsored') return SPONSORED_TEXTS[hs.below(SPONSORED_TEXTS.length)]!;
    const list = LINKEDIN_TEXTS[lang] ?? LINKEDIN_TEXTS.en!;
    return list[hs.below(list.length)]!;
  }
  const list = CASUAL[lang];
  return list[hs.below(list.length)]!;
}

/** A message text: mostly short, sometimes two sentences, emoji, a link, or a long paragraph. */
export function composeText(store: Store, chat: Chat, senderIdx: number, word: number): string {
  const hs = new HashStream(word);
  const style = hs.below(100);
  if (style < 55) return phrase(store, chat, senderIdx, hs);
  if (style < 68) return `${phrase(store, chat, senderIdx, hs)} ${phrase(store, chat, senderIdx, hs)}`;
  if (style < 76) return phrase(store, chat, senderIdx, hs) + EMOJI_TAILS[hs.below(EMOJI_TAILS.length)]!;
  if (style < 81) return EMOJI_ONLY[hs.below(EMOJI_ONLY.length)]!;
  if (style < 88) return hs.below(3) === 0 ? LINKS[hs.below(LINKS.length)]! : `${phrase(store, chat, senderIdx, hs)} ${LINKS[hs.below(LINKS.length)]!}`;
  if (style < 92) return LONG_TEXTS[hs.below(LONG_TEXTS.length)]!;
  if (style < 96) {
    const parts: string[] = [];
    const count = 4 + hs.below(5);
    for (let i = 0; i < count; i++) parts.push(phrase(store, chat, senderIdx, hs));
    return parts.join(hs.below(2) === 0 ? ' ' : '\n');
  }
  return `${phrase(store, chat, senderIdx, hs)}?`.replace(/[.!?]\?$/, '?');
}

const HEX = '0123456789ABCDEF';

/** One attachment of `kind`; every property (and the bytes, later) derive from `key`. */
export function makeAttachment(kind: AttachmentKind, key: number, unavailable = false): AttachmentRec {
  const hs = new HashStream(key);
  const id = hs.chars(HEX, 20);
  switch (kind) {
    case 'photo': {
      const width = 96 + hs.below(5) * 32;
      const height = Math.round((width * (hs.below(2) === 0 ? 3 : 4)) / 4);
      return { id, type: 'img', mimetype: 'image/png', width, height, sticker: false, unavailable, gen: { kind: 'png', width, height, key } };
    }
    case 'sticker':
      return { id, type: 'img', mimetype: 'image/png', width: 96, height: 96, sticker: true, unavailable, gen: { kind: 'png', width: 96, height: 96, key } };
    case 'video':
      return { id, type: 'video', mimetype: 'video/mp4', width: 640, height: 360, gif: false, unavailable, gen: { kind: 'mp4', width: 640, height: 360, key } };
    case 'voice':
    case 'audio': {
      const seconds = 1 + hs.below(5);
      return { id, type: 'audio', mimetype: 'audio/wav', duration: seconds, voiceNote: kind === 'voice', unavailable, gen: { kind: 'wav', seconds, key } };
    }
    case 'pdf': {
      const fileName = FILE_NAMES[hs.below(FILE_NAMES.length)]!;
      return { id, type: 'file', mimetype: 'application/pdf', fileName, unavailable, gen: { kind: 'pdf', title: fileName.replace(/\.pdf$/, ''), key } };
    }
    case 'text': {
      const fileName = TEXT_FILE_NAMES[hs.below(TEXT_FILE_NAMES.length)]!;
      const mimetype = fileName.endsWith('.csv') ? 'text/csv' : fileName.endsWith('.md') ? 'text/markdown' : 'text/plain';
      return { id, type: 'file', mimetype, fileName, unavailable, gen: { kind: 'text', name: fileName, key } };
    }
  }
}

const RANDOM_KINDS: readonly AttachmentKind[] = ['photo', 'photo', 'photo', 'photo', 'photo', 'pdf', 'voice', 'video', 'text', 'audio'];

export function randomAttachmentKind(word: number, allowSticker: boolean): AttachmentKind {
  if (allowSticker && word % 17 === 0) return 'sticker';
  return RANDOM_KINDS[word % RANDOM_KINDS.length]!;
}

function seededReactions(chat: Chat, sender: number, hs: HashStream): ReactionRec[] {
  const candidates = chat.attendees.filter((a) => a !== sender);
  if (candidates.length === 0) return [];
  const count = Math.min(candidates.length, 1 + (hs.below(4) === 0 ? 1 + hs.below(2) : 0));
  const out: ReactionRec[] = [];
  const used = new Set<number>();
  while (out.length < count) {
    const who = candidates[hs.below(candidates.length)]!;
    if (used.has(who)) continue;
    used.add(who);
    out.push({ value: REACTIONS[hs.below(REACTIONS.length)]!, sender: who });
  }
  return out;
}

export function buildSeeded(store: Store, n: number): MessageRec {
  const s = store.seeded;
  const chat = store.chats[s.chat[n]!]!;
  const account = store.accountOf(chat);
  const type = account.type;
  const sender = s.sender[n]!;
  const ts = s.ts[n]!;
  const seed = store.seed;
  const forced = s.forced.get(n);
  const pos = store.seededPosition(n);
  const parent = store.parentOf.get(n) ?? null;
  const rates = s.rates;

  const rec: MessageRec = {
    n,
    chat: chat.idx,
    ts,
    sender,
    providerId: messageProviderId(type, n, ts, store.stream(SALT.providerId, n)),
    text: null,
    attachments: [],
    quoted: null,
    reactions: [],
    edited: 0,
    deleted: 0,
    hidden: 0,
    isEvent: 0,
    parent,
  };

  if (type === 'LINKEDIN') {
    rec.messageType = chat.kind === 'inmail' ? (pos === 0 ? 'INMAIL' : 'INMAIL_REPLY') : 'MESSAGE';
    if (pos === 0 && chat.subject) rec.subject = chat.subject;
  }

  if (pos === 0 && chat.kind === 'group' && (type === 'WHATSAPP' || type === 'TELEGRAM')) {
    rec.isEvent = 1;
    rec.eventType = 3; // GROUP_CREATE
    rec.text = `${store.attendees[sender]!.name} created group "${chat.name ?? ''}"`;
    return rec;
  }
  if (!forced && type === 'WHATSAPP' && chat.kind === 'dm' && sender !== account.selfAttendee && unit(seed, n, 6) < rates.missedCall) {
    rec.isEvent = 1;
    rec.eventType = unit(seed, n, 7) < 0.7 ? 8 : 9; // CALL_MISSED_VOICE / _VIDEO
    return rec;
  }

  rec.text = composeText(store, chat, sender, hash3(seed ^ SALT.text, n, 1));

  const attachmentKind = forced?.attachment ?? (unit(seed, n, 1) < rates.attachment ? randomAttachmentKind(hash3(seed, n, 11), type === 'WHATSAPP') : undefined);
  if (attachmentKind) {
    rec.attachments = [makeAttachment(attachmentKind, hash3(seed ^ SALT.attachment, n, 0), !forced && unit(seed, n, 8) < rates.unavailable)];
    const captioned = (attachmentKind === 'photo' || attachmentKind === 'video') && unit(seed, n, 9) < 0.4;
    if (!captioned) rec.text = null;
  }

  const canReply = !chat.disabledFeatures.includes('reply');
  if (pos > 0 && parent === null && canReply && (forced?.quote || (!forced && unit(seed, n, 2) < rates.quote))) {
    const seq = csrGroup(s.byChat, chat.idx);
    const back = 1 + (hash3(seed, n, 12) % Math.min(3, pos));
    rec.quoted = seq[pos - back]!;
  }

  if (!chat.disabledFeatures.includes('reactions') && (forced?.reactions || (!forced && unit(seed, n, 3) < rates.reaction))) {
    rec.reactions = seededReactions(chat, sender, new HashStream(hash3(seed ^ SALT.reaction, n, 0)));
  }

  if (!forced && EDIT_WINDOW_MS[type] !== undefined && unit(seed, n, 4) < rates.edited && rec.text !== null) rec.edited = 1;
  if (!forced && DELETE_WINDOW_MS[type] !== undefined && unit(seed, n, 5) < rates.deleted) {
    rec.deleted = 1;
    rec.text = null;
    rec.attachments = [];
    rec.reactions = [];
    rec.quoted = null;
  }
  return rec;
}
