/**
 * Builds the seeded workspace: accounts, attendees, chats, and the compact
 * message arrays (see store.ts). Everything flows from one seeded rng plus
 * hashes of (seed, n), so the same seed and scale always give the same world.
 */
import { createRng } from '../core/rng';
import type { Clock, Rng, Scale } from '../core/types';
import { COMPANIES, CITIES, FIRST_NAMES, GROUP_NAMES, INMAIL_SUBJECTS, JOB_TITLES, LAST_NAMES, SLACK_CHANNELS, TELEGRAM_CHANNELS, type Lang } from './corpus';
import { buildCsr } from './csr';
import type { Account, Attendee, ChatKind, LinkedInProfile } from './model';
import { chatProviderId, HISTORY_SYNC_PROVIDERS, pictureUrl, userProviderId, type AccountType } from './providers';
import { SALT, type Forced, type Rates } from './seeded';
import { Store } from './store';

interface ScaleConfig {
  accounts: readonly AccountType[];
  /** Chat kinds per account type, before `multiplier`. */
  plan: Partial<Record<AccountType, ReadonlyArray<readonly [ChatKind, number]>>>;
  multiplier: number;
  messages: number;
  spanDays: number;
  /** Messages in the first Slack channel (one very long conversation). */
  bigChannel: number;
  minPerChat: number;
  rates: Rates;
}

const DEMO_PLAN: ScaleConfig['plan'] = {
  WHATSAPP: [['dm', 10], ['group', 5], ['announce', 1]],
  LINKEDIN: [['dm', 6], ['group', 1], ['inmail', 2], ['sponsored', 1]],
  SLACK: [['channel', 5], ['dm', 5], ['mpim', 2]],
  TELEGRAM: [['dm', 5], ['group', 2], ['broadcast', 1]],
  INSTAGRAM: [['dm', 5], ['group', 1]],
  MESSENGER: [['dm', 4], ['group', 1]],
  TWITTER: [['dm', 3], ['group', 1]],
};

const ALL_TYPES: readonly AccountType[] = ['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'];

const SCALES: Record<Scale, ScaleConfig> = {
  tiny: {
    accounts: ['WHATSAPP', 'LINKEDIN', 'SLACK'],
    plan: { WHATSAPP: [['dm', 2], ['group', 1]], LINKEDIN: [['dm', 1], ['inmail', 1], ['sponsored', 1]], SLACK: [['channel', 1], ['dm', 1]] },
    multiplier: 1,
    messages: 64,
    spanDays: 10,
    bigChannel: 0,
    minPerChat: 6,
    rates: { attachment: 0.1, quote: 0.08, reaction: 0.15, edited: 0.05, deleted: 0.02, missedCall: 0.05, unavailable: 0 },
  },
  demo: {
    accounts: ALL_TYPES,
    plan: DEMO_PLAN,
    multiplier: 1,
    messages: 10_000,
    spanDays: 180,
    bigChannel: 0,
    minPerChat: 8,
    rates: { attachment: 0.05, quote: 0.04, reaction: 0.07, edited: 0.02, deleted: 0.006, missedCall: 0.01, unavailable: 0.02 },
  },
  bench: {
    accounts: ALL_TYPES,
    plan: DEMO_PLAN,
    multiplier: 17,
    messages: 600_000,
    spanDays: 730,
    bigChannel: 100_000,
    minPerChat: 8,
    rates: { attachment: 0.05, quote: 0.04, reaction: 0.07, edited: 0.02, deleted: 0.006, missedCall: 0.01, unavailable: 0.02 },
  },
};

const ACCOUNT_LANGS: Record<AccountType, readonly Lang[]> = {
  WHATSAPP: ['fr', 'en', 'es', 'pt', 'de', 'it', 'ar'],
  LINKEDIN: ['en', 'fr', 'de'],
  SLACK: ['en'],
  TELEGRAM: ['ru', 'en', 'de', 'ja'],
  INSTAGRAM: ['es', 'pt', 'it', 'en'],
  MESSENGER: ['en', 'it', 'fr'],
  TWITTER: ['en', 'ja'],
};

const ACCOUNT_NAMES: Record<AccountType, string> = {
  WHATSAPP: 'WhatsApp +33 6 12 34 56 78',
  LINKEDIN: 'LinkedIn — Alex Morgan',
  SLACK: 'Slack — Acme workspace',
  TELEGRAM: 'Telegram @alexmorgan',
  INSTAGRAM: 'Instagram @alex.morgan',
  MESSENGER: 'Messenger — Alex Morgan',
  TWITTER: 'X @alexmorgan_dev',
};

const SELF_NAME = 'Alex Morgan';
const LABELS = ['Important', 'Follow up', 'Family', 'Work', 'New customer'];

const TYPE_OF_KIND: Record<ChatKind, 0 | 1 | 2> = { dm: 0, inmail: 0, sponsored: 0, group: 1, announce: 1, mpim: 1, channel: 2, broadcast: 2 };
const INBOUND_ONLY: ReadonlySet<ChatKind> = new Set(['announce', 'broadcast', 'sponsored']);

function slug(name: string, hs: { digits(n: number): string }, sep: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}|\\${sep}$`, 'g'), '');
  return `${base || 'user'}${sep}${hs.digits(3)}`;
}

function handleFor(type: AccountType, name: string, hs: { digits(n: number): string }): string {
  switch (type) {
    case 'LINKEDIN':
      return slug(name, hs, '-');
    case 'INSTAGRAM':
      return slug(name, hs, '.');
    default:
      return slug(name, hs, '_');
  }
}

interface Builder {
  store: Store;
  rng: Rng;
  cfg: ScaleConfig;
  scale: Scale;
}

function addPerson(b: Builder, account: Account, lang: Lang, opts: { linkedin?: Omit<LinkedInProfile, 'memberUrn'>; name?: string } = {}): Attendee {
  const { store, rng } = b;
  const n = store.attendees.length;
  const hs = store.stream(SALT.attendee, n);
  const name = opts.name ?? `${rng.pick(FIRST_NAMES[lang])} ${rng.pick(LAST_NAMES[lang])}`;
  const providerId = userProviderId(account.type, hs);
  const hasPicture = rng.next() < 0.88;
  return store.addAttendee({
    accountIdx: account.idx,
    providerId,
    name,
    isSelf: false,
    lang,
    handle: handleFor(account.type, name, hs),
    ...(hasPicture ? { pictureUrl: pictureUrl(account.type, hs) } : {}),
    ...(opts.linkedin ? { linkedin: { ...opts.linkedin, memberUrn: `urn:li:member:${hs.digits(9)}` } } : {}),
  });
}

function linkedinProfile(rng: Rng, distance: 1 | 2 | 3, organization = false): Omit<LinkedInProfile, 'memberUrn'> {
  return { distance, occupation: organization ? 'Company page' : `${rng.pick(JOB_TITLES)} at ${rng.pick(COMPANIES)}`, location: rng.pick(CITIES), organization };
}

function uniqueName(used: Map<string, number>, base: string): string {
  const count = (used.get(base) ?? 0) + 1;
  used.set(base, count);
  return count === 1 ? base : `${base} ${count}`;
}

function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(count, copy.length));
}

function groupSize(type: AccountType, kind: ChatKind, rng: Rng): number {
  if (kind === 'mpim') return rng.int(2, 4);
  if (kind === 'announce') return rng.int(15, 40);
  if (kind === 'channel') return rng.int(6, 40);
  if (type === 'LINKEDIN') return rng.int(2, 4);
  if (type === 'TELEGRAM') return rng.int(4, 15);
  return rng.int(2, 9);
}

function buildAccount(b: Builder, type: AccountType): void {
  const { store, rng, cfg } = b;
  const account = store.addAccount(type, ACCOUNT_NAMES[type], ACCOUNT_LANGS[type]);
  const selfHs = store.stream(SALT.attendee, store.attendees.length);
  const self = store.addAttendee({
    accountIdx: account.idx,
    providerId: userProviderId(type, selfHs),
    name: SELF_NAME,
    isSelf: true,
    lang: account.langs[0]!,
    handle: handleFor(type, SELF_NAME, selfHs),
    pictureUrl: pictureUrl(type, selfHs),
    ...(type === 'LINKEDIN' ? { linkedin: { distance: 1 as const, occupation: 'Staff Engineer at Switchboard', location: 'Paris, Île-de-France, France', organization: false, memberUrn: `urn:li:member:${selfHs.digits(9)}` } } : {}),
  });
  account.selfAttendee = self.idx;
  if (type === 'WHATSAPP') for (const l of LABELS.slice(0, 3)) account.labels.add(l);

  const kinds: ChatKind[] = [];
  for (const [kind, count] of cfg.plan[type] ?? []) for (let i = 0; i < count * cfg.multiplier; i++) kinds.push(kind);
  const dmCount = kinds.filter((k) => k === 'dm').length;
  const groupCount = kinds.length - dmCount;
  const poolSize = Math.max(dmCount + 8, Math.round(dmCount + groupCount * 4));
  const pool: Attendee[] = [];
  for (let i = 0; i < poolSize; i++) pool.push(addPerson(b, account, rng.pick(account.langs), type === 'LINKEDIN' ? { linkedin: linkedinProfile(rng, 1) } : {}));

  const names = new Map<string, number>();
  let nextDm = 0;
  let channelNo = 0;
  kinds.forEach((kind, k) => {
    const h = store.stream(SALT.chat, store.chats.length);
    let members: Attendee[];
    let name: string | null;
    let lang: Lang = rng.pick(account.langs);
    let subject: string | undefined;
    if (kind === 'dm') {
      const other = pool[nextDm++ % pool.length]!;
      members = [other];
      name = other.name;
      lang = other.lang;
    } else if (kind === 'inmail') {
      const other = addPerson(b, account, 'en', { linkedin: linkedinProfile(rng, rng.next() < 0.5 ? 2 : 3) });
      members = [other];
      name = other.name;
      lang = 'en';
      subject = rng.pick(INMAIL_SUBJECTS);
    } else if (kind === 'sponsored') {
      const company = rng.pick(COMPANIES);
      members = [addPerson(b, account, 'en', { name: company, linkedin: linkedinProfile(rng, 3, true) })];
      name = company;
      lang = 'en';
    } else {
      const size = kind === 'channel' && channelNo === 0 && cfg.bigChannel > 0 ? pool.length : groupSize(type, kind, rng);
      members = sample(rng, pool, size);
      if (kind === 'channel') name = uniqueName(names, SLACK_CHANNELS[channelNo++ % SLACK_CHANNELS.length]!);
      else if (kind === 'mpim') name = members.map((m) => m.name.split(' ')[0]).join(', ');
      else if (kind === 'broadcast') name = uniqueName(names, rng.pick(TELEGRAM_CHANNELS));
      else name = uniqueName(names, rng.pick(GROUP_NAMES[lang]));
      if (kind === 'broadcast') members = members.slice(0, 1);
    }
    const kindForId = kind === 'dm' || kind === 'inmail' || kind === 'sponsored' ? 'dm' : kind === 'channel' || kind === 'broadcast' ? 'channel' : 'group';
    const other = TYPE_OF_KIND[kind] === 0 ? members[0]! : null;
    const mutedRoll = rng.next();
    const isGroup = TYPE_OF_KIND[kind] === 1;
    store.addChat({
      accountIdx: account.idx,
      providerId: chatProviderId(type, kindForId, h, self.providerId, other?.providerId ?? null),
      kind,
      type: TYPE_OF_KIND[kind],
      name,
      attendees: [self.idx, ...members.map((m) => m.idx)],
      other: other ? other.idx : -1,
      lang,
      lastTs: null,
      unread: 0,
      archived: k > 2 && kind !== 'channel' && rng.next() < 0.08 ? 1 : 0,
      // null = not muted, a future instant = muted until then, -1 = muted for good.
      mutedUntil: mutedRoll < 0.1 ? -1 : mutedRoll < 0.15 ? b.store.clock.now() + rng.int(1, 30) * 86_400_000 : mutedRoll < 0.18 ? b.store.clock.now() - rng.int(1, 30) * 86_400_000 : null,
      readOnly: INBOUND_ONLY.has(kind) ? 1 : 0,
      pinned: type === 'WHATSAPP' && (k === 0 || rng.next() < 0.1) ? 1 : 0,
      labels: type === 'WHATSAPP' && rng.next() < 0.2 ? [rng.pick(LABELS.slice(0, 3))] : [],
      disabledFeatures: kind === 'inmail' ? ['reactions'] : kind === 'sponsored' ? ['reactions', 'reply'] : [],
      ...(subject ? { subject, contentType: 'inmail' as const } : kind === 'sponsored' ? { contentType: 'sponsored' as const } : {}),
      readMark: 0,
      peerRead: 0,
      historyFrom: 0,
      // The first group of each account is ours, so admin-only actions can always be tried.
      selfAdmin: isGroup && kind !== 'announce' && kind !== 'mpim' && (k === kinds.indexOf('group') || rng.next() < 0.5),
      deleted: false,
      sync: null,
    });
  });
}

function zipfWeights(rng: Rng, count: number): Float64Array {
  const ranks = sample(rng, Array.from({ length: count }, (_, i) => i), count);
  const w = new Float64Array(count);
  ranks.forEach((chat, rank) => (w[chat] = 1 / Math.pow(rank + 1, 0.9)));
  return w;
}

function pickWeighted(cum: Float64Array, r: number): number {
  const target = r * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function generateMessages(b: Builder): void {
  const { store, rng, cfg } = b;
  const chats = store.chats;
  const C = chats.length;
  const N = cfg.messages;
  const bigChat = cfg.bigChannel > 0 ? chats.findIndex((c) => c.kind === 'channel') : -1;

  // Which chat each message belongs to: zipf popularity, plus bursts (the next message stays in the same chat).
  const weights = zipfWeights(rng, C);
  for (let c = 0; c < C; c++) {
    const kind = chats[c]!.kind;
    if (kind === 'sponsored' || kind === 'inmail') weights[c] = weights[c]! * 0.01;
    else if (INBOUND_ONLY.has(kind)) weights[c] = weights[c]! * 0.3;
  }
  if (bigChat >= 0) {
    let rest = 0;
    for (let c = 0; c < C; c++) if (c !== bigChat) rest += weights[c]!;
    weights[bigChat] = (rest * cfg.bigChannel) / (N - cfg.bigChannel);
  }
  const cum = new Float64Array(C);
  let acc = 0;
  for (let c = 0; c < C; c++) cum[c] = acc += weights[c]!;
  const STICKY = 0.6;
  const chatOf = new Int32Array(N);
  for (let n = 0; n < N; n++) chatOf[n] = n > 0 && rng.next() < STICKY ? chatOf[n - 1]! : pickWeighted(cum, rng.next());

  // Every chat gets a few messages: take them from the busiest chats.
  const counts = new Int32Array(C);
  for (let n = 0; n < N; n++) counts[chatOf[n]!] = counts[chatOf[n]!]! + 1;
  const min = Math.min(cfg.minPerChat, Math.floor(N / C));
  for (let c = 0; c < C; c++) {
    while (counts[c]! < min) {
      const n = rng.int(0, N - 1);
      const from = chatOf[n]!;
      if (from === c || counts[from]! <= min + 1) continue;
      counts[from] = counts[from]! - 1;
      counts[c] = counts[c]! + 1;
      chatOf[n] = c;
    }
  }

  // Timestamps strictly increase with n: quick replies inside a burst, longer gaps between.
  const ts = new Float64Array(N);
  const spanMs = cfg.spanDays * 86_400_000;
  const burstMean = 90_000;
  const gapMean = Math.max(1_000, (spanMs / N - STICKY * burstMean) / (1 - STICKY));
  let t = 0;
  for (let n = 0; n < N; n++) {
    const mean = n > 0 && chatOf[n] === chatOf[n - 1] ? burstMean : gapMean;
    t += 1 + -Math.log(1 - rng.next()) * mean;
    ts[n] = t;
  }
  const end = store.clock.now() - 60_000;
  const scaleBy = spanMs / t;
  let prev = -Infinity;
  for (let n = 0; n < N; n++) {
    let v = Math.floor(end - spanMs + ts[n]! * scaleBy);
    if (v <= prev) v = prev + 1;
    ts[n] = prev = v;
  }

  // Senders, and Slack threads (replies to one of the last few roots of the channel).
  const sender = new Int32Array(N);
  const roots: number[][] = chats.map(() => []);
  const threaded = new Uint8Array(C);
  const selfShare = new Float64Array(C);
  for (const chat of chats) {
    threaded[chat.idx] = store.accounts[chat.accountIdx]!.type === 'SLACK' && chat.type !== 0 ? 1 : 0;
    selfShare[chat.idx] = chat.type === 0 ? 0.45 : chat.kind === 'channel' ? 0.12 : 0.2;
  }
  for (let n = 0; n < N; n++) {
    const c = chatOf[n]!;
    const chat = chats[c]!;
    const people = chat.attendees;
    const r = rng.next();
    let who: number;
    if (chat.kind === 'announce') who = people[r < 0.7 || people.length < 3 ? 1 : 2]!;
    else if (chat.readOnly) who = people[1]!;
    else if (r < selfShare[c]!) who = people[0]!;
    else who = people[1 + (chat.type === 0 ? 0 : Math.floor(Math.pow(rng.next(), 1.6) * (people.length - 1)))]!;
    sender[n] = who;
    if (threaded[c]) {
      const list = roots[c]!;
      const r2 = rng.next();
      if (list.length > 0 && r2 < 0.18) {
        const root = list[Math.floor(rng.next() * list.length)]!;
        store.parentOf.set(n, root);
        const replies = store.repliesOf.get(root);
        if (replies) replies.push(n);
        else store.repliesOf.set(root, [n]);
      } else if (r2 < 0.45) {
        list.push(n);
        if (list.length > 4) list.shift();
      }
    }
  }

  const byChat = buildCsr(C, chatOf);
  const all = new Int32Array(N);
  for (let n = 0; n < N; n++) all[n] = n;

  // The recruiter writes first in an InMail thread.
  for (let c = 0; c < C; c++) {
    const chat = chats[c]!;
    const first = byChat.items[byChat.offsets[c]!];
    if (chat.kind === 'inmail' && first !== undefined && byChat.offsets[c + 1]! > byChat.offsets[c]!) sender[first] = chat.attendees[1]!;
    // Tiny data: every other chat ends with an incoming message so the unread filter has both kinds.
    if (b.scale === 'tiny' && c % 2 === 0) {
      const last = byChat.items[byChat.offsets[c + 1]! - 1];
      if (last !== undefined) sender[last] = chat.attendees[1]!;
    }
  }

  const chatAccount = Int32Array.from(chats, (c) => c.accountIdx);
  const accountOf = new Int32Array(N);
  for (let n = 0; n < N; n++) accountOf[n] = chatAccount[chatOf[n]!]!;
  store.seeded = {
    count: N,
    ts,
    chat: chatOf,
    sender,
    all,
    byChat,
    byAccount: buildCsr(store.accounts.length, accountOf),
    bySender: buildCsr(store.attendees.length, sender),
    forced: new Map<number, Forced>(),
    rates: cfg.rates,
  };
}

/** Per-chat state that depends on the message sequence: timestamps, unread, read receipts, history, showcase. */
function finishChats(b: Builder): void {
  const { store, rng } = b;
  const s = store.seeded;
  const forced = s.forced;
  for (const chat of store.chats) {
    const start = s.byChat.offsets[chat.idx]!;
    const end = s.byChat.offsets[chat.idx + 1]!;
    const count = end - start;
    if (count === 0) continue;
    const at = (i: number) => s.byChat.items[start + i]!;
    const self = chat.attendees[0]!;
    chat.lastTs = s.ts[at(count - 1)]!;

    let trailing = 0;
    while (trailing < count && s.sender[at(count - 1 - trailing)] !== self) trailing++;
    const unread = trailing === 0 ? 0 : b.scale === 'tiny' ? (chat.idx % 2 === 0 ? Math.min(trailing, 2) : 0) : rng.next() < 0.4 ? Math.min(trailing, rng.int(1, 6)) : 0;
    chat.unread = unread;
    chat.readMark = unread === 0 ? chat.lastTs : s.ts[at(count - unread)]! - 1;
    let lastIn = -1;
    for (let i = count - 1; i >= 0; i--) {
      if (s.sender[at(i)] !== self) {
        lastIn = i;
        break;
      }
    }
    const lastInTs = lastIn >= 0 ? s.ts[at(lastIn)]! : 0;
    chat.peerRead = trailing === 0 && rng.next() < 0.5 ? chat.lastTs : lastInTs;

    // Some long chats start out partially fetched; sync_chat_history reveals their beginning.
    const type = store.accounts[chat.accountIdx]!.type;
    if (HISTORY_SYNC_PROVIDERS.includes(type)) {
      if (b.scale === 'tiny' && chat.idx === 0) chat.historyFrom = s.ts[at(2)]!;
      else if (b.scale !== 'tiny' && count >= 30 && rng.next() < 0.35) chat.historyFrom = s.ts[at(Math.floor(count * 0.3))]!;
    }

    // Showcase: the newest messages of every chat carry one of each feature.
    if (chat.kind !== 'sponsored') {
      const plan: Array<[number, Forced]> = [
        [2, { attachment: 'photo' }],
        [3, { reactions: true }],
        [4, { quote: true }],
        [5, { attachment: 'pdf' }],
        [6, { attachment: type === 'SLACK' || type === 'TWITTER' ? 'text' : 'voice' }],
        [7, { attachment: 'video' }],
        [8, { attachment: 'text' }],
      ];
      for (const [back, feature] of plan) {
        const pos = count - back;
        if (pos >= 1) forced.set(at(pos), { ...forced.get(at(pos)), ...feature });
      }
    }

    // Every Slack channel shows at least one thread.
    if (type === 'SLACK' && chat.type !== 0 && count >= 4) {
      let hasThread = false;
      for (let i = 0; i < count && !hasThread; i++) hasThread = store.parentOf.has(at(i));
      if (!hasThread) {
        const root = at(count - 4);
        const reply = at(count - 1);
        store.parentOf.set(reply, root);
        store.repliesOf.set(root, [reply]);
        forced.delete(reply);
      }
    }
  }
}

export function generateWorld(seed: number, scale: Scale, clock: Clock): Store {
  const cfg = SCALES[scale];
  const store = new Store(seed, clock);
  const b: Builder = { store, rng: createRng((seed ^ 0x0a1b2c3d) >>> 0), cfg, scale };
  for (const type of cfg.accounts) buildAccount(b, type);
  generateMessages(b);
  finishChats(b);
  return store;
}
