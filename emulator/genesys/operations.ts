import type { Conversation, MessageRecord, OneOnOne, Person, Room } from './model';
import { ME, type GenesysStore } from './store';

export const MAX_PINS = 5;
export const MAX_ROOM_USERS_ON_CREATE = 25;
export const MAX_REACTIONS_PER_USER = 20;

/**
 * The chat operations with their rules (membership, authorship, limits), shared by
 * the tool handlers (acting as the caller), the control API and the simulated world
 * (acting as other people). Rule violations throw the Genesys UpstreamError the real
 * service would return.
 */
export class ChatOperations {
  constructor(private readonly store: GenesysStore) {}

  private get errors() {
    return this.store.errors;
  }

  // ---- lookups --------------------------------------------------------------

  room(jid: string): Room {
    const room = this.store.room(jid);
    if (!room) throw this.errors.notFound('Room', jid);
    return room;
  }

  /** A user named in a path parameter. */
  user(id: string): Person {
    const person = this.store.personById(id);
    if (!person) throw this.errors.notFound('User', id);
    return person;
  }

  /** The actor's 1:1 partner named in a path parameter. */
  partner(actor: number, id: string): Person {
    const person = this.user(id);
    if (person.idx === actor) throw this.errors.badRequest('A 1:1 conversation needs another user; {id} is the caller.', { id }, 'userId');
    return person;
  }

  requireMember(room: Room, actor: number): void {
    if (!room.members.has(actor)) {
      throw this.errors.notAuthorized('User {userId} is not a participant of room {roomJid}.', { userId: this.store.people[actor]!.id, roomJid: room.jid });
    }
  }

  /** A live message of `conv` named in a path parameter. */
  messageIn(conv: Conversation | undefined, id: string): MessageRecord {
    const m = this.store.live(id);
    if (!m || m.conv !== conv) throw this.errors.notFound('Message', id);
    return m;
  }

  /** A live message anywhere, visible to `actor`. */
  visibleMessage(actor: number, id: string): MessageRecord {
    const m = this.store.live(id);
    if (!m) throw this.errors.notFound('Message', id);
    if (!this.store.canSee(actor, m.conv)) throw this.errors.notAuthorized('User {userId} cannot see message {messageId}.', { userId: this.store.people[actor]!.id, messageId: id });
    return m;
  }

  // ---- messages -------------------------------------------------------------

  private text(message: unknown): string {
    if (typeof message !== 'string' || message.trim() === '') throw this.errors.badRequest('The message body must not be empty.', {}, 'message');
    return message;
  }

  private mentions(ids: unknown): number[] {
    if (!Array.isArray(ids)) return [];
    const out: number[] = [];
    for (const id of ids) {
      const person = typeof id === 'string' ? this.store.personById(id) : undefined;
      if (!person) throw this.errors.invalidValue('mentions', 'Cannot mention {id}: no such user in this organization.', { id: String(id) });
      if (!out.includes(person.idx)) out.push(person.idx);
    }
    return out;
  }

  private threadRoot(conv: Conversation | undefined, threadId: unknown): MessageRecord | undefined {
    if (threadId === undefined || threadId === null || threadId === '') return undefined;
    const m = typeof threadId === 'string' ? this.store.live(threadId) : undefined;
    if (!m || m.conv !== conv) throw this.errors.invalidValue('threadId', 'Thread {threadId} does not exist in this conversation.', { threadId: String(threadId) });
    // Replying to a reply continues the root's thread: Genesys threads are one level deep.
    return m.root === m.n ? m : this.store.messageAt(m.root);
  }

  /**
   * Sends as `actor`. `conv` is undefined for a 1:1 nobody has written in yet: `create`
   * makes it, but only once the message is known to be valid, so a rejected send
   * leaves no empty conversation behind.
   */
  post(conv: Conversation | undefined, actor: number, message: unknown, mentions?: unknown, threadId?: unknown, create?: () => Conversation): MessageRecord {
    if (conv?.kind === 'room') this.requireMember(conv, actor);
    const body = this.text(message);
    const mentioned = this.mentions(mentions);
    const root = this.threadRoot(conv, threadId);
    const target = conv ?? create?.();
    if (!target) throw new Error('post needs a conversation or a way to create one');
    return this.store.append(target, actor, body, mentioned, root);
  }

  /** The whole SendMessageBody replaces the old one: omitted mentions are cleared; threadId cannot move a message. */
  edit(conv: Conversation | undefined, actor: number, messageId: string, message: unknown, mentions?: unknown): MessageRecord {
    if (conv?.kind === 'room') this.requireMember(conv, actor);
    const m = this.messageIn(conv, messageId);
    if (m.author !== actor) throw this.errors.notAuthorized('Only the author can edit message {messageId}.', { messageId });
    const body = this.text(message);
    const mentioned = this.mentions(mentions);
    const stored = this.store.mutable(m);
    stored.body = body;
    stored.mentions = mentioned;
    stored.edited = true;
    stored.dateModified = Math.max(this.store.clock.now(), stored.ts);
    return stored;
  }

  /** Deleted messages vanish from history, lookups and pins. Authors may delete; room owners may delete anything in their room. */
  remove(conv: Conversation | undefined, actor: number, messageId: string): void {
    if (conv?.kind === 'room') this.requireMember(conv, actor);
    const m = this.messageIn(conv, messageId);
    const isOwner = m.conv.kind === 'room' && m.conv.owners.has(actor);
    if (m.author !== actor && !isOwner) throw this.errors.notAuthorized('Only the author or a room owner can delete message {messageId}.', { messageId });
    this.store.markDeleted(m);
  }

  private requireReactions(): void {
    if (!this.store.orgSettings.reactionsEnabled) throw this.errors.badRequest('Reactions are disabled for this organization.', {}, 'reactions');
  }

  /** PUT semantics: `emojis` becomes the actor's whole set of reactions on the message. */
  setReactions(actor: number, messageId: string, emojis: unknown): void {
    this.requireReactions();
    const m = this.visibleMessage(actor, messageId);
    const wanted: string[] = [];
    for (const e of Array.isArray(emojis) ? emojis : []) {
      if (typeof e !== 'string' || e.trim() === '' || e.length > 64) throw this.errors.invalidValue('reactions', 'Invalid reaction "{reaction}".', { reaction: String(e) });
      if (!wanted.includes(e)) wanted.push(e);
    }
    if (wanted.length > MAX_REACTIONS_PER_USER) {
      throw this.errors.constraint('reactions', 'A user can add at most {max} reactions to a message.', { max: String(MAX_REACTIONS_PER_USER) });
    }
    const stored = this.store.mutable(m);
    const reactions = stored.reactions.map((r) => ({ emoji: r.emoji, users: r.users.filter((u) => u !== actor) }));
    for (const emoji of wanted) {
      const existing = reactions.find((r) => r.emoji === emoji);
      if (existing) existing.users.push(actor);
      else reactions.push({ emoji, users: [actor] });
    }
    stored.reactions = reactions.filter((r) => r.users.length > 0);
  }

  /** Adds one reaction without touching the actor's others (the control API's and the world's "react"). */
  addReaction(actor: number, messageId: string, emoji: string): void {
    const m = this.visibleMessage(actor, messageId);
    const current = m.reactions.filter((r) => r.users.includes(actor)).map((r) => r.emoji);
    if (!current.includes(emoji)) this.setReactions(actor, messageId, [...current, emoji]);
  }

  // ---- pins -----------------------------------------------------------------

  private pinTargets(conv: Conversation | undefined, ids: unknown, field: string): string[] {
    const out: string[] = [];
    for (const id of Array.isArray(ids) ? ids : []) {
      const m = typeof id === 'string' ? this.store.live(id) : undefined;
      if (!m || m.conv !== conv) throw this.errors.invalidValue(field, 'Message {messageId} does not exist in this conversation.', { messageId: String(id) });
      const canonical = this.store.ids.encode(m.n);
      if (!out.includes(canonical)) out.push(canonical);
    }
    return out;
  }

  private tooManyPins(conv: Conversation, field: string) {
    const where = conv.kind === 'room' ? 'A room' : 'A 1:1 conversation';
    return this.errors.constraint(field, `${where} can have at most {max} pinned messages.`, { max: String(MAX_PINS) });
  }

  /** Adds pins (already pinned ids are ignored); all or nothing when the limit would be exceeded. */
  addPins(conv: Conversation | undefined, actor: number, ids: unknown): void {
    if (conv?.kind === 'room') this.requireMember(conv, actor);
    const targets = this.pinTargets(conv, ids, 'pinnedMessageIds');
    // With no conversation yet, any target fails above; an empty list ends here.
    if (targets.length === 0 || !conv) throw this.errors.badRequest('pinnedMessageIds must name at least one message.', {}, 'pinnedMessageIds');
    const next = [...conv.pins, ...targets.filter((id) => !conv.pins.includes(id))];
    if (next.length > MAX_PINS) throw this.tooManyPins(conv, 'pinnedMessageIds');
    conv.pins = next;
  }

  removePin(conv: Conversation | undefined, actor: number, pinnedMessageId: string): void {
    if (conv?.kind === 'room') this.requireMember(conv, actor);
    const m = this.store.messageById(pinnedMessageId);
    const id = m ? this.store.ids.encode(m.n) : pinnedMessageId;
    if (!conv || !conv.pins.includes(id)) throw this.errors.notFound('Pinned message', pinnedMessageId);
    conv.pins = conv.pins.filter((p) => p !== id);
  }

  // ---- rooms ----------------------------------------------------------------

  private users(field: string, ids: unknown): number[] {
    const out: number[] = [];
    for (const id of Array.isArray(ids) ? ids : []) {
      const person = typeof id === 'string' ? this.store.personById(id) : undefined;
      if (!person) throw this.errors.invalidValue(field, 'User {userId} does not exist in this organization.', { userId: String(id) });
      if (!out.includes(person.idx)) out.push(person.idx);
    }
    return out;
  }

  createRoom(actor: number, subject: unknown, description: unknown, userIds: unknown): Room {
    if (typeof subject !== 'string' || subject.trim() === '') throw this.errors.badRequest('A room needs a subject.', {}, 'subject');
    if (Array.isArray(userIds) && userIds.length > MAX_ROOM_USERS_ON_CREATE) {
      throw this.errors.constraint('userIds', 'A room can be created with at most {max} users.', { max: String(MAX_ROOM_USERS_ON_CREATE) });
    }
    const members = this.users('userIds', userIds);
    return this.store.createRoom(actor, subject, typeof description === 'string' ? description : undefined, members);
  }

  /** RoomUpdateRequest: only supplied fields change; ownerIds and pinnedMessageIds replace their lists. Owners only. */
  updateRoom(room: Room, actor: number, patch: { subject?: unknown; description?: unknown; ownerIds?: unknown; pinnedMessageIds?: unknown }): void {
    this.requireMember(room, actor);
    if (!room.owners.has(actor)) throw this.errors.notAuthorized('Only an owner can change room {roomJid}.', { roomJid: room.jid });
    if (patch.subject !== undefined && (typeof patch.subject !== 'string' || patch.subject.trim() === '')) {
      throw this.errors.badRequest('A room needs a subject.', {}, 'subject');
    }
    let owners: number[] | undefined;
    if (patch.ownerIds !== undefined) {
      owners = this.users('ownerIds', patch.ownerIds);
      if (owners.length === 0) throw this.errors.badRequest('A room needs at least one owner.', {}, 'ownerIds');
      const outsider = owners.find((o) => !room.members.has(o));
      if (outsider !== undefined) {
        throw this.errors.invalidValue('ownerIds', 'User {userId} must be a participant to own the room.', { userId: this.store.people[outsider]!.id });
      }
    }
    let pins: string[] | undefined;
    if (patch.pinnedMessageIds !== undefined) {
      pins = this.pinTargets(room, patch.pinnedMessageIds, 'pinnedMessageIds');
      if (pins.length > MAX_PINS) throw this.tooManyPins(room, 'pinnedMessageIds');
    }
    if (typeof patch.subject === 'string') room.subject = patch.subject;
    if (typeof patch.description === 'string') room.description = patch.description;
    if (owners) room.owners = new Set(owners);
    if (pins) room.pins = pins;
  }

  /** Members may add anyone; a non-member may only add themself (join). Adding a member again is a no-op. */
  join(room: Room, actor: number, userId: string): void {
    const person = this.user(userId);
    if (person.idx !== actor) this.requireMember(room, actor);
    if (room.members.has(person.idx)) return;
    if (room.members.size >= room.participantLimit) {
      throw this.errors.constraint('userId', 'Room {roomJid} is full ({limit} participants).', { roomJid: room.jid, limit: String(room.participantLimit) });
    }
    room.members.add(person.idx);
  }

  /** Anyone may leave; only owners may remove others. The oldest remaining member inherits an orphaned room. */
  leave(room: Room, actor: number, userId: string): void {
    const person = this.user(userId);
    if (!room.members.has(person.idx)) throw this.errors.notFound('Participant', userId);
    if (person.idx !== actor && !room.owners.has(actor)) {
      throw this.errors.notAuthorized('Only an owner can remove other participants from room {roomJid}.', { roomJid: room.jid });
    }
    room.members.delete(person.idx);
    room.owners.delete(person.idx);
    const heir = room.members.values().next();
    if (room.owners.size === 0 && !heir.done) room.owners.add(heir.value);
  }

  /** The caller's 1:1 with `userId` for reading: undefined when nothing was ever said in it. */
  readOneOnOne(userId: string): OneOnOne | undefined {
    return this.store.findOneOnOne(this.partner(ME, userId).idx);
  }

  /** A factory for the 1:1 between `actor` and `userId` (one side is always the caller), for `post`. */
  oneOnOneFactory(actor: number, userId: string): () => OneOnOne {
    const other = this.partner(actor, userId).idx;
    if (actor !== ME && other !== ME) throw this.errors.notAuthorized('The emulator only keeps the caller\'s 1:1 conversations.');
    return () => this.store.oneOnOne(actor === ME ? other : actor);
  }
}
