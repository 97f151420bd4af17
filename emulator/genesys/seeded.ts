import { hashUnit } from '../core/rng';
import { EMOJI, LANGS, textsFor, type Lang } from './corpus';
import { hash32, SALT } from './ids';
import type { Conversation, MessageRecord, Person, Reaction } from './model';

/**
 * Seeded messages are never stored: everything about message `n` (author, text,
 * mentions, reactions, edit, thread) is a pure function of (seed, n, its conversation),
 * so a 100,000-message room costs one Float64 timestamp per message.
 */

/** A thread root gets replies among the next REPLY_SPAN messages. */
const REPLY_SPAN = 5;
const ME = 0;

function threadOffset(conv: Conversation): number {
  return conv.threadPeriod >> 1;
}

/** Position of the thread root that seeded position `pos` replies to, or -1 when `pos` is not a reply. */
export function seededRootPos(seed: number, conv: Conversation, pos: number): number {
  const r0 = threadOffset(conv);
  if (pos < r0) return -1;
  const d = (pos - r0) % conv.threadPeriod;
  if (d === 0 || d > REPLY_SPAN) return -1;
  if (d === 1 || hashUnit(seed ^ SALT.reply, conv.seedBase + pos) < 0.45) return pos - d;
  return -1;
}

/** Seeded positions that reply to the seeded message at `rootPos`, oldest first. */
export function seededReplyPositions(seed: number, conv: Conversation, rootPos: number): number[] {
  const replies: number[] = [];
  const end = Math.min(rootPos + REPLY_SPAN, conv.seedCount - 1);
  for (let pos = rootPos + 1; pos <= end; pos++) {
    if (seededRootPos(seed, conv, pos) === rootPos) replies.push(pos);
  }
  return replies;
}

function pickAuthor(seed: number, conv: Conversation, n: number): number {
  const pool = conv.seedAuthors;
  if (pool.length === 1) return pool[0]!;
  const u = hashUnit(seed ^ SALT.author, n);
  const meFirst = pool[0] === ME;
  const meShare = conv.kind === 'oneOnOne' ? 0.45 : 0.18;
  if (meFirst && u < meShare) return ME;
  const h = hash32(seed ^ SALT.author, n + 0x40000000);
  return meFirst ? pool[1 + (h % (pool.length - 1))]! : pool[h % pool.length]!;
}

export function seededText(seed: number, n: number, lang: Lang): string {
  const texts = textsFor(lang);
  const shape = hashUnit(seed ^ SALT.textShape, n);
  const first = texts[hash32(seed ^ SALT.text, n) % texts.length]!;
  if (shape < 0.88) return first;
  // A few long messages: several sentences, sometimes on separate lines.
  const count = shape < 0.95 ? 2 : 3 + (hash32(seed ^ SALT.textShape, n + 1) % 3);
  const parts = [first];
  for (let k = 1; k < count; k++) parts.push(texts[hash32(seed ^ SALT.text, n * 8 + k) % texts.length]!);
  return parts.join(shape > 0.97 ? '\n\n' : ' ');
}

function seededReactions(seed: number, pool: readonly number[], n: number): Reaction[] {
  const kinds = 1 + (hash32(seed ^ SALT.reaction, n * 4 + 1) % 2);
  const reactions: Reaction[] = [];
  for (let k = 0; k < kinds; k++) {
    const emoji = EMOJI[hash32(seed ^ SALT.reaction, n * 4 + 2 + k) % EMOJI.length]!;
    if (reactions.some((r) => r.emoji === emoji)) continue;
    const want = 1 + (hash32(seed ^ SALT.reaction, n * 4 + 3 + k) % Math.min(3, pool.length));
    const start = hash32(seed ^ SALT.reaction, n * 4 + k) % pool.length;
    const users: number[] = [];
    for (let j = 0; j < want; j++) users.push(pool[(start + j) % pool.length]!);
    reactions.push({ emoji, users });
  }
  return reactions;
}

export interface SeededContext {
  seed: number;
  people: readonly Person[];
  /** Generation time: seeded edits never claim a later dateModified. */
  generatedAt: number;
}

export function deriveSeeded(ctx: SeededContext, conv: Conversation, n: number, ts: number): MessageRecord {
  const { seed, people } = ctx;
  const pos = n - conv.seedBase;
  const author = pickAuthor(seed, conv, n);
  const lang = hashUnit(seed ^ SALT.textLang, n) < 0.7 ? conv.lang : (people[author]?.lang ?? LANGS[0]!);
  let body = seededText(seed, n, lang);
  const mentions: number[] = [];
  const pool = conv.seedAuthors;
  if (conv.kind === 'room' && pool.length > 1 && hashUnit(seed ^ SALT.mention, n) < 0.08) {
    const start = hash32(seed ^ SALT.mention, n) % pool.length;
    const mentioned = pool[start] === author ? pool[(start + 1) % pool.length]! : pool[start]!;
    mentions.push(mentioned);
    body = `@${people[mentioned]!.name} ${body}`;
  }
  const reactions = hashUnit(seed ^ SALT.reaction, n) < 0.12 ? seededReactions(seed, pool, n) : [];
  const edited = hashUnit(seed ^ SALT.edit, n) < 0.04;
  const rootPos = seededRootPos(seed, conv, pos);
  const record: MessageRecord = {
    n,
    conv,
    ts,
    author,
    body,
    mentions,
    root: rootPos < 0 ? n : conv.seedBase + rootPos,
    edited,
    reactions,
    deleted: false,
  };
  if (edited) record.dateModified = Math.min(ts + 60_000 + (hash32(seed ^ SALT.edit, n) % 1_800_000), ctx.generatedAt);
  return record;
}
