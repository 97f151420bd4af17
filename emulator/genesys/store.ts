import type { Clock, Scale } from '../core/types';
import { GenesysErrors } from './errors';
import { generateWorld, PARTICIPANT_LIMIT, roomJidFor } from './generate';
import { MessageIds, normalizeJid } from './ids';
import type { Conversation, MessageRecord, MyChatSettings, NotificationWhen, OneOnOne, OrgChatSettings, Person, Room } from './model';
import { deriveSeeded, seededReplyPositions, type SeededContext } from './seeded';

export const ME = 0;

export const DEFAULT_ORG_SETTINGS: Readonly<OrgChatSettings> = { messageRetentionPeriodDays: 365, reactionsEnabled: true };
export const DEFAULT_MOBILE_WHEN: NotificationWhen = 'Always';

/** Every permission the chat operations check; the caller starts with all of them. */
export const ALL_PERMISSIONS: readonly string[] = [
  'chat:chat:access', 'chat:room:add', 'chat:room:view', 'chat:room:edit', 'chat:roomMessage:add', 'chat:roomMessage:edit',
  'chat:roomMessage:delete', 'chat:participant:add', 'chat:participant:delete', 'chat:1on1:view', 'chat:1on1:edit',
  'chat:1on1Message:add', 'chat:1on1Message:view', 'chat:1on1Message:delete', 'chat:reactions:edit', 'chat:setting:view',
  'chat:setting:edit', 'chat:usersettings:view', 'chat:usersettings:edit',
];

/**
 * The org's chat state. Seeded history is positional (timestamps in one typed array,
 * content derived on read); `records` holds every message posted since, plus seeded
 * messages once something mutates them, so mutations simply shadow the derivation.
 */
export class GenesysStore {
  readonly ids: MessageIds;
  readonly errors: GenesysErrors;
  readonly people: Person[];
  readonly rooms = new Map<string, Room>();
  /** Keyed by the other person's index: every stored 1:1 is between the caller and that person. */
  readonly oneOnOnes = new Map<number, OneOnOne>();
  readonly seededTotal: number;
  readonly generatedAt: number;

  orgSettings: OrgChatSettings = { ...DEFAULT_ORG_SETTINGS };
  /** The caller's own settings resource; undefined until created (POST). */
  mySettings: MyChatSettings | undefined;
  readonly mobileWhen = new Map<number, NotificationWhen>();
  readonly permissions = new Set<string>(ALL_PERMISSIONS);

  private readonly peopleById = new Map<string, Person>();
  private readonly peopleByJid = new Map<string, Person>();
  private readonly seedTs: Float64Array;
  private readonly seededConvs: Conversation[];
  private readonly seededBases: Int32Array;
  private readonly seededCtx: SeededContext;
  private readonly records = new Map<number, MessageRecord>();
  private readonly runtimeReplies = new Map<number, number[]>();
  private nextIndex: number;
  private lastStamp: number;
  private deletedCount = 0;
  private readonly deletedIn = new Map<Conversation, number>();
  private roomNumber: number;

  constructor(
    readonly seed: number,
    scale: Scale,
    readonly clock: Clock,
  ) {
    const world = generateWorld(seed, scale, clock.now());
    this.ids = new MessageIds(seed);
    this.errors = new GenesysErrors(seed);
    this.people = world.people;
    for (const p of world.people) {
      this.peopleById.set(p.id, p);
      this.peopleByJid.set(p.jid, p);
    }
    for (const room of world.rooms) this.rooms.set(room.jid, room);
    for (const conv of world.oneOnOnes) this.oneOnOnes.set(conv.other, conv);
    this.seedTs = world.seedTs;
    this.seededTotal = world.seededTotal;
    this.generatedAt = world.generatedAt;
    this.seededConvs = [...world.rooms, ...world.oneOnOnes].filter((c) => c.seedCount > 0).sort((a, b) => a.seedBase - b.seedBase);
    this.seededBases = Int32Array.from(this.seededConvs.map((c) => c.seedBase));
    this.seededCtx = { seed, people: world.people, generatedAt: world.generatedAt };
    this.nextIndex = world.seededTotal;
    // Seeded history ends before generation time, so the first post may take the clock's reading.
    this.lastStamp = world.generatedAt - 1;
    this.roomNumber = world.rooms.length;
  }

  get me(): Person {
    return this.people[ME]!;
  }

  personById(id: string): Person | undefined {
    return this.peopleById.get(id.trim().toLowerCase());
  }

  personByJid(jid: string): Person | undefined {
    return this.peopleByJid.get(normalizeJid(jid));
  }

  room(jid: string): Room | undefined {
    return this.rooms.get(normalizeJid(jid));
  }

  /** The caller's 1:1 with `other` if anything was ever said or pinned in it. */
  findOneOnOne(other: number): OneOnOne | undefined {
    return this.oneOnOnes.get(other);
  }

  /** The caller's 1:1 with `other`; created empty on first write since every pair of users implicitly has one. */
  oneOnOne(other: number): OneOnOne {
    let conv = this.oneOnOnes.get(other);
    if (!conv) {
      conv = { kind: 'oneOnOne', other, seedBase: 0, seedCount: 0, seedAuthors: [ME, other], lang: this.people[other]!.lang, threadPeriod: 1, runtime: [], pins: [] };
      this.oneOnOnes.set(other, conv);
    }
    return conv;
  }

  canSee(person: number, conv: Conversation): boolean {
    return conv.kind === 'room' ? conv.members.has(person) : person === ME || person === conv.other;
  }

  /**
   * Creation times are strictly increasing across the service, even when the clock is
   * frozen, so `before`/`after` paging on dateCreated never has ties to skip.
   */
  stamp(): number {
    this.lastStamp = Math.max(this.clock.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  // ---- messages -------------------------------------------------------------

  /** The message with global index `n`, deleted or not; undefined if never issued. */
  messageAt(n: number): MessageRecord | undefined {
    const stored = this.records.get(n);
    if (stored || n >= this.seededTotal || n < 0) return stored;
    const conv = this.seededConv(n);
    return deriveSeeded(this.seededCtx, conv, n, this.seedTs[n]!);
  }

  /** A message by id, deleted ones included (use `live` to exclude them). */
  messageById(id: string): MessageRecord | undefined {
    const n = this.ids.decode(id);
    return n === undefined ? undefined : this.messageAt(n);
  }

  live(id: string): MessageRecord | undefined {
    const m = this.messageById(id);
    return m && !m.deleted ? m : undefined;
  }

  /** The stored (mutable) record of message `n`, materialising a seeded one on first write. */
  mutable(record: MessageRecord): MessageRecord {
    const stored = this.records.get(record.n);
    if (stored) return stored;
    this.records.set(record.n, record);
    return record;
  }

  tsOf(n: number): number {
    return n < this.seededTotal ? this.seedTs[n]! : this.records.get(n)!.ts;
  }

  isDeleted(n: number): boolean {
    return this.records.get(n)?.deleted ?? false;
  }

  length(conv: Conversation): number {
    return conv.seedCount + conv.runtime.length;
  }

  liveCount(conv: Conversation): number {
    return this.length(conv) - (this.deletedIn.get(conv) ?? 0);
  }

  /** Global index of the i-th message of a conversation (oldest first, deleted included). */
  at(conv: Conversation, i: number): number {
    return i < conv.seedCount ? conv.seedBase + i : conv.runtime[i - conv.seedCount]!;
  }

  /** Global indices of a thread (root first, then replies oldest first), deleted included. */
  thread(root: MessageRecord): number[] {
    const members = [root.n];
    if (root.n < this.seededTotal) {
      for (const pos of seededReplyPositions(this.seed, root.conv, root.n - root.conv.seedBase)) members.push(root.conv.seedBase + pos);
    }
    members.push(...(this.runtimeReplies.get(root.n) ?? []));
    return members;
  }

  append(conv: Conversation, author: number, body: string, mentions: number[], root?: MessageRecord): MessageRecord {
    const n = this.nextIndex++;
    const record: MessageRecord = { n, conv, ts: this.stamp(), author, body, mentions, root: root ? root.n : n, edited: false, reactions: [], deleted: false };
    this.records.set(n, record);
    conv.runtime.push(n);
    if (root) {
      const replies = this.runtimeReplies.get(root.n);
      if (replies) replies.push(n);
      else this.runtimeReplies.set(root.n, [n]);
    }
    return record;
  }

  markDeleted(record: MessageRecord): void {
    const stored = this.mutable(record);
    if (stored.deleted) return;
    stored.deleted = true;
    this.deletedCount++;
    this.deletedIn.set(stored.conv, (this.deletedIn.get(stored.conv) ?? 0) + 1);
    const id = this.ids.encode(stored.n);
    stored.conv.pins = stored.conv.pins.filter((p) => p !== id);
  }

  // ---- rooms ----------------------------------------------------------------

  createRoom(creator: number, subject: string, description: string | undefined, members: number[]): Room {
    const room: Room = {
      kind: 'room',
      jid: roomJidFor(this.seed, this.roomNumber++),
      subject,
      description,
      dateCreated: this.clock.now(),
      owners: new Set([creator]),
      members: new Set([creator, ...members]),
      participantLimit: PARTICIPANT_LIMIT,
      seedBase: 0,
      seedCount: 0,
      seedAuthors: [creator],
      lang: this.people[creator]!.lang,
      threadPeriod: 1,
      runtime: [],
      pins: [],
    };
    this.rooms.set(room.jid, room);
    return room;
  }

  stats(): Record<string, number> {
    return {
      rooms: this.rooms.size,
      oneOnOnes: this.oneOnOnes.size,
      messages: this.nextIndex - this.deletedCount,
      people: this.people.length,
    };
  }

  private seededConv(n: number): Conversation {
    const bases = this.seededBases;
    let lo = 0;
    let hi = bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bases[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    return this.seededConvs[lo]!;
  }
}
