import { createRng, hashUnit } from '../core/rng';
import type { Rng, Scale } from '../core/types';
import { FIRST_NAMES, LAST_NAMES, ROOM_SUBJECTS, type Lang } from './corpus';
import { hash32, jidLocalFor, ME_JID, ME_NAME, ME_USER_ID, MessageIds, ROOM_JID_DOMAIN, SALT, USER_JID_DOMAIN, uuidFor } from './ids';
import type { Conversation, OneOnOne, Person, Room } from './model';
import { seededRootPos } from './seeded';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const PARTICIPANT_LIMIT = 1000;

/** The generated world: conversations carry their seeded message ranges; timestamps are in `seedTs`. */
export interface SeedWorld {
  people: Person[];
  rooms: Room[];
  oneOnOnes: OneOnOne[];
  /** Creation time of every seeded message by global index, strictly increasing within a conversation. */
  seedTs: Float64Array;
  seededTotal: number;
  generatedAt: number;
}

interface RoomPlan {
  count: number;
  members: number[];
  owner: number;
  subject: string;
  description?: string;
  lang: Lang;
}

interface Plan {
  people: number;
  rooms: RoomPlan[];
  /** Message count per 1:1, with person `i + 1`. */
  oneOnOnes: number[];
  roomThreadPeriod: number;
  dmThreadPeriod: number;
  /** Milliseconds between the newest seeded message of a conversation and generation time, at most. */
  recency: number;
  spanFor(count: number): number;
  pins(conv: Conversation, rng: Rng): number[];
}

export function personName(i: number): { name: string; lang: Lang } {
  if (i === 0) return { name: ME_NAME, lang: 'en' };
  const k = i - 1;
  const [first, lang] = FIRST_NAMES[k % FIRST_NAMES.length]!;
  // The stride keeps the 1,680 first/last pairs distinct for every bench-sized org.
  const last = LAST_NAMES[(7 * k + 3 * Math.floor(k / FIRST_NAMES.length)) % LAST_NAMES.length]!;
  return { name: `${first} ${last}`, lang };
}

export function makePerson(seed: number, i: number): Person {
  const { name, lang } = personName(i);
  if (i === 0) return { idx: 0, id: ME_USER_ID, jid: ME_JID, name, lang };
  return { idx: i, id: uuidFor(seed, SALT.personId, i), jid: `${jidLocalFor(seed, SALT.personJid, i)}@${USER_JID_DOMAIN}`, name, lang };
}

export function roomJidFor(seed: number, roomNumber: number): string {
  return `${jidLocalFor(seed, SALT.roomJid, roomNumber)}@${ROOM_JID_DOMAIN}`;
}

/** `size` distinct integers from [from, to). */
function sample(rng: Rng, from: number, to: number, size: number): number[] {
  const chosen = new Set<number>();
  const want = Math.min(size, to - from);
  while (chosen.size < want) chosen.add(rng.int(from, to - 1));
  return [...chosen];
}

function roomPlans(rng: Rng, counts: number[], people: number, sizes: [number, number], notMember: (i: number) => boolean): RoomPlan[] {
  return counts.map((count, i) => {
    const [subject, description, lang] = ROOM_SUBJECTS[i % ROOM_SUBJECTS.length]!;
    const round = Math.floor(i / ROOM_SUBJECTS.length);
    const others = sample(rng, 1, people, rng.int(sizes[0], sizes[1]));
    const members = notMember(i) ? others : [0, ...others];
    // Me owns about half of the rooms it is in, so owner-only paths show up in the demo.
    const owner = members[0] === 0 && rng.next() < 0.5 ? 0 : others[0]!;
    return { count, members, owner, subject: round > 0 ? `${subject} ${round + 1}` : subject, description, lang };
  });
}

function hashedPins(seed: number, conv: Conversation, rng: Rng, max: number): number[] {
  const want = rng.int(0, max);
  const pins = new Set<number>();
  for (let k = 0; k < want && conv.seedCount > 0; k++) {
    let pos = hash32(seed ^ SALT.pin, conv.seedBase + k) % conv.seedCount;
    // Prefer pinning thread roots and standalone messages over replies.
    if (seededRootPos(seed, conv, pos) >= 0) pos = seededRootPos(seed, conv, pos);
    pins.add(pos);
  }
  return [...pins];
}

function planFor(scale: Scale, seed: number, rng: Rng): Plan {
  if (scale === 'tiny') {
    return {
      people: 8,
      rooms: [
        { count: 12, members: [0, 1, 2, 3, 4], owner: 0, subject: 'Release war-room', description: 'Coordination for the weekly release train 🚂', lang: 'en' },
        { count: 10, members: [0, 2, 3, 4, 5, 6], owner: 2, subject: 'Equipo LATAM', description: 'Ventas y soporte para Latinoamérica', lang: 'es' },
        { count: 8, members: [3, 4, 5, 6, 7], owner: 3, subject: 'Berlin Office', lang: 'de' },
      ],
      oneOnOnes: [6, 5, 4],
      roomThreadPeriod: 6,
      dmThreadPeriod: 4,
      recency: 2 * HOUR,
      spanFor: () => 6 * HOUR,
      // Fixed so tests can rely on a pinned thread root in the first room and a pin in the first 1:1.
      pins: (conv) => (conv.kind === 'room' ? (conv.seedBase === 0 ? [3] : []) : conv.other === 1 ? [0] : []),
    };
  }
  if (scale === 'demo') {
    const roomCounts = [2200, 1500, 1200, 900, 700, 500, 400, 300, 200, 120, 60, 20];
    return {
      people: 40,
      rooms: roomPlans(rng, roomCounts, 40, [3, 18], (i) => i === roomCounts.length - 1),
      oneOnOnes: [300, 250, 200, 180, 160, 140, 120, 100, 90, 80, 70, 60, 50, 40, 30],
      roomThreadPeriod: 25,
      dmThreadPeriod: 30,
      recency: 2 * DAY,
      spanFor: (count) => Math.min(365, Math.max(3, count / 20)) * DAY,
      pins: (conv, r) => hashedPins(seed, conv, r, conv.kind === 'room' ? 3 : 2),
    };
  }
  // bench: 600 rooms + 400 1:1s = 1,000 conversations, exactly 400,000 messages, one room of 100,000.
  const conversations = 1000;
  const rest = 300_000;
  const weights = Array.from({ length: conversations - 1 }, () => 0.2 + rng.next() * 1.6);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / total) * rest));
  counts[counts.length - 1]! += rest - counts.reduce((a, b) => a + b, 0);
  const roomCounts = [100_000, ...counts.slice(0, 599)];
  const plans = roomPlans(rng, roomCounts, 500, [3, 40], (i) => i % 10 === 9);
  plans[0]!.members = [0, ...sample(rng, 1, 500, 80)];
  plans[0]!.owner = 0;
  return {
    people: 500,
    rooms: plans,
    oneOnOnes: counts.slice(599),
    roomThreadPeriod: 40,
    dmThreadPeriod: 40,
    recency: 30 * DAY,
    spanFor: (count) => (count >= 100_000 ? 730 : Math.min(365, Math.max(3, count / 20))) * DAY,
    pins: (conv, r) => hashedPins(seed, conv, r, 3),
  };
}

/** Fills `seedTs[base … base+count)` backwards from a recent instant with exponential gaps (≥ 1 s). */
function fillTimestamps(seedTs: Float64Array, base: number, count: number, newest: number, span: number, rng: Rng): void {
  const meanGap = count > 1 ? span / count : 0;
  let t = Math.floor(newest);
  for (let pos = count - 1; pos >= 0; pos--) {
    seedTs[base + pos] = t;
    t -= 1000 + Math.floor(-Math.log(1 - rng.next()) * meanGap);
  }
}

export function generateWorld(seed: number, scale: Scale, now: number): SeedWorld {
  const rng = createRng(seed ^ 0x5eed5eed);
  const plan = planFor(scale, seed, rng);
  const people = Array.from({ length: plan.people }, (_, i) => makePerson(seed, i));
  const seededTotal = plan.rooms.reduce((a, r) => a + r.count, 0) + plan.oneOnOnes.reduce((a, c) => a + c, 0);
  const seedTs = new Float64Array(seededTotal);
  const generatedAt = now;
  let base = 0;

  const newestFor = (n: number) => generatedAt - 60_000 - Math.floor(hashUnit(seed ^ 0x7e57, n) * plan.recency);
  const ids = new MessageIds(seed);

  const rooms: Room[] = plan.rooms.map((p, i) => {
    fillTimestamps(seedTs, base, p.count, newestFor(i), plan.spanFor(p.count), rng);
    const members = new Set(p.members);
    const room: Room = {
      kind: 'room',
      jid: roomJidFor(seed, i),
      subject: p.subject,
      description: p.description,
      dateCreated: (p.count > 0 ? seedTs[base]! : generatedAt) - DAY,
      owners: new Set([p.owner]),
      members,
      participantLimit: PARTICIPANT_LIMIT,
      seedBase: base,
      seedCount: p.count,
      seedAuthors: members.has(0) ? [0, ...p.members.filter((m) => m !== 0)] : [...p.members],
      lang: p.lang,
      threadPeriod: plan.roomThreadPeriod,
      runtime: [],
      pins: [],
    };
    base += p.count;
    return room;
  });

  const oneOnOnes: OneOnOne[] = plan.oneOnOnes.map((count, i) => {
    const other = i + 1;
    fillTimestamps(seedTs, base, count, newestFor(1000 + i), plan.spanFor(count), rng);
    const conv: OneOnOne = {
      kind: 'oneOnOne',
      other,
      seedBase: base,
      seedCount: count,
      seedAuthors: [0, other],
      lang: people[other]!.lang,
      threadPeriod: plan.dmThreadPeriod,
      runtime: [],
      pins: [],
    };
    base += count;
    return conv;
  });

  for (const conv of [...rooms, ...oneOnOnes]) {
    conv.pins = plan.pins(conv, rng).map((pos) => ids.encode(conv.seedBase + pos));
  }
  return { people, rooms, oneOnOnes, seedTs, seededTotal, generatedAt };
}
