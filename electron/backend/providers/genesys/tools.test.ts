import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId, conversationSchema, messageId, messageSchema as domainMessageSchema, parseSourcedId, personId, type Message } from '../../../../shared/domain/index';
import { mapMessage, mapMessages, mapMySettings, mapOneOnOne, mapOrgSettings, mapParticipant, mapParticipants, mapRoom, mapUserSettings } from './mappers';
import { expectAppError, startGenesysHarness, type EmulatorPerson, type GenesysHarness } from './testSupport';
import { GENESYS_TOOL_FUNCTIONS, type GenesysFunctionName, type GenesysProvider } from './tools';

/**
 * Every provider function against the real emulator over HTTP: a success case
 * checked through the domain mapping (or by reading the change back) and its
 * error path. The provider is wrapped so the last test can prove all 34 were
 * exercised both ways.
 */

const UNKNOWN_ROOM = 'ffffffffffffffffffffffff@conference.demo-org.orgspan.com';
const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_MESSAGE = '00000000-0000-4000-8000-000000000001';

let H: GenesysHarness;
let g: GenesysProvider;
let me: EmulatorPerson;
let p1: EmulatorPerson, p2: EmulatorPerson, p3: EmulatorPerson, p5: EmulatorPerson;
/** Release war-room (I own it), Equipo LATAM (member, not owner), Berlin Office (not a member). */
let owned: string, memberOnly: string, outside: string;
const succeeded = new Set<GenesysFunctionName>();
const failed = new Set<GenesysFunctionName>();

function recording(provider: GenesysProvider): GenesysProvider {
  const out = {} as Record<GenesysFunctionName, unknown>;
  for (const name of Object.values(GENESYS_TOOL_FUNCTIONS)) {
    const fn = provider[name] as (...args: unknown[]) => Promise<unknown>;
    out[name] = (...args: unknown[]) =>
      fn(...args).then(
        (v) => (succeeded.add(name), v),
        (e: unknown) => {
          failed.add(name);
          throw e;
        },
      );
  }
  return out as unknown as GenesysProvider;
}

const valid = (m: Message) => expect(domainMessageSchema.safeParse(m).success).toBe(true);

beforeAll(async () => {
  H = await startGenesysHarness();
  g = recording(H.g);
  me = H.me;
  [p1, p2, p3, , p5] = H.others as [EmulatorPerson, EmulatorPerson, EmulatorPerson, EmulatorPerson, EmulatorPerson];
  const rooms = H.rooms();
  owned = rooms.find((r) => r.isOwner)!.jid;
  memberOnly = rooms.find((r) => r.isMember && !r.isOwner)!.jid;
  outside = rooms.find((r) => !r.isMember)!.jid;
});

afterAll(async () => {
  await H?.stop();
});

/** A room of my own with `count` messages I sent, oldest first. */
async function roomWithMessages(subject: string, count: number): Promise<{ jid: string; ids: string[] }> {
  const { jid } = await g.createRoom({ subject, userIds: [p1.id] });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await g.sendRoomMessage({ roomJid: jid, message: `${subject} #${i}` })).id);
  return { jid, ids };
}

describe('rooms', () => {
  it('createRoom makes a room that maps to a titled, owned room conversation', async () => {
    const { jid } = await g.createRoom({ subject: 'Ops sync', description: 'Daily stand-up', userIds: [p1.id, p2.id] });
    const room = mapRoom(await g.getRoom({ roomJid: jid }));
    expect(room.conversation).toMatchObject({ id: conversationId.genesysRoom(jid), kind: 'room', source: 'genesys', network: 'genesys', title: 'Ops sync', subject: 'Ops sync', description: 'Daily stand-up' });
    expect(conversationSchema.safeParse(room.conversation).success).toBe(true);
    expect(room.ownerIds).toEqual([personId.genesys(me.id)]);
    expect(room.pins).toEqual([]);
    expect(room.roomType).toBe('adhoc');
  });

  it('createRoom rejects a blank subject and unknown users, naming the field', async () => {
    await expectAppError(g.createRoom({ subject: '   ' }), 'invalid_input', { field: 'subject', message: 'A room needs a subject.' });
    await expectAppError(g.createRoom({ subject: 'x', userIds: [UNKNOWN_USER] }), 'invalid_input', { field: 'userIds' });
  });

  it('getRoom maps a seeded room with its pin, also when the JID arrives %40-escaped', async () => {
    const room = mapRoom(await g.getRoom({ roomJid: owned }));
    expect(room.conversation.id).toBe(conversationId.genesysRoom(owned));
    expect(room.conversation.title).toBe('Release war-room');
    expect(room.pins).toHaveLength(1);
    expect(room.pins[0]!.conversationId).toBe(room.conversation.id);
    expect(room.ownerIds).toContain(personId.genesys(me.id));
    const escaped = mapRoom(await g.getRoom({ roomJid: owned.replace('@', '%40') }));
    expect(escaped.conversation.id).toBe(room.conversation.id);
  });

  it('getRoom on an unknown room is not_found', async () => {
    await expectAppError(g.getRoom({ roomJid: UNKNOWN_ROOM }), 'not_found', { message: 'This room was not found.' });
  });

  it('updateRoom changes subject and description (read back)', async () => {
    const { jid } = await g.createRoom({ subject: 'Before' });
    await expect(g.updateRoom({ roomJid: jid, subject: 'After', description: 'Now described' })).resolves.toBeUndefined();
    const room = mapRoom(await g.getRoom({ roomJid: jid }));
    expect(room.conversation).toMatchObject({ title: 'After', subject: 'After', description: 'Now described' });
  });

  it('updateRoom by a non-owner is forbidden', async () => {
    await expectAppError(g.updateRoom({ roomJid: memberOnly, subject: 'Mine now' }), 'forbidden', { message: /Only an owner/ });
    expect(mapRoom(await g.getRoom({ roomJid: memberOnly })).conversation.title).toBe('Equipo LATAM');
  });
});

describe('room messages', () => {
  it('sendRoomMessage posts a message that maps as my own, with its mention', async () => {
    const { id } = await g.sendRoomMessage({ roomJid: owned, message: 'Deploy done, @someone please verify', mentions: [p1.id] });
    const m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    valid(m);
    expect(m).toMatchObject({
      id: messageId.genesys(id),
      conversationId: conversationId.genesysRoom(owned),
      senderId: personId.genesys(me.id),
      isOwn: true,
      text: 'Deploy done, @someone please verify',
      edited: false,
      editedAt: null,
      deleted: false,
      delivery: 'sent',
      mentions: [personId.genesys(p1.id)],
      reactions: [],
    });
    expect(m.threadRootId).toBeUndefined();
  });

  it('sendRoomMessage outside my rooms is forbidden; an empty body names the field', async () => {
    await expectAppError(g.sendRoomMessage({ roomJid: outside, message: 'hello?' }), 'forbidden', { message: 'You’re not a member of this room. Join it to send messages.' });
    await expectAppError(g.sendRoomMessage({ roomJid: owned, message: '' }), 'invalid_input', { field: 'message' });
  });

  it('getRoomMessages returns the newest page, oldest first, all mapped into the room', async () => {
    const listing = await g.getRoomMessages({ roomJid: memberOnly, limit: '4' });
    expect(listing.entities).toHaveLength(4);
    const messages = mapMessages(listing.entities, H.ctx());
    messages.forEach(valid);
    expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([conversationId.genesysRoom(memberOnly)]));
    const times = messages.map((m) => m.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const all = await g.getRoomMessages({ roomJid: memberOnly, limit: '100' });
    expect(all.entities.slice(-4).map((m) => m.id)).toEqual(listing.entities.map((m) => m.id));
  });

  it('getRoomMessages: unknown room is not_found, a bad date names the query field', async () => {
    await expectAppError(g.getRoomMessages({ roomJid: UNKNOWN_ROOM }), 'not_found');
    await expectAppError(g.getRoomMessages({ roomJid: owned, before: 'yesterday' }), 'invalid_input', { field: 'before' });
  });

  it('getRoomMessagesByIds returns exactly the messages asked for', async () => {
    const page = (await g.getRoomMessages({ roomJid: owned, limit: '5' })).entities;
    const wanted = [page[0]!.id, page[3]!.id];
    const listing = await g.getRoomMessagesByIds({ roomJid: owned, messageIds: wanted.join(',') });
    expect(listing.entities.map((m) => m.id).sort()).toEqual([...wanted].sort());
    expect(mapMessages(listing.entities, H.ctx()).every((m) => m.conversationId === conversationId.genesysRoom(owned))).toBe(true);
  });

  it('getRoomMessagesByIds with ids from another conversation is not_found', async () => {
    const foreign = (await g.getUserMessages({ userId: p1.id, limit: '2' })).entities.map((m) => m.id);
    await expectAppError(g.getRoomMessagesByIds({ roomJid: owned, messageIds: foreign.join(',') }), 'not_found');
  });

  it('editRoomMessage rewrites my message: edited with an edit time', async () => {
    const { id } = await g.sendRoomMessage({ roomJid: owned, message: 'typo here' });
    const res = await g.editRoomMessage({ roomJid: owned, messageId: id, message: 'no typo here' });
    expect(res.id).toBe(id);
    const m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    expect(m).toMatchObject({ text: 'no typo here', edited: true, isOwn: true });
    expect(m.editedAt).toEqual(expect.any(Number));
    expect(m.editedAt!).toBeGreaterThanOrEqual(m.time);
  });

  it("editRoomMessage on someone else's message is forbidden", async () => {
    const theirs = (await g.getRoomMessages({ roomJid: memberOnly, limit: '100' })).entities.find((m) => m.user?.id !== me.id)!;
    await expectAppError(g.editRoomMessage({ roomJid: memberOnly, messageId: theirs.id, message: 'hijack' }), 'forbidden', { message: /Only the author/ });
  });

  it('deleteRoomMessage removes the message (read back)', async () => {
    const { id } = await g.sendRoomMessage({ roomJid: owned, message: 'delete me' });
    await expect(g.deleteRoomMessage({ roomJid: owned, messageId: id })).resolves.toBeUndefined();
    await expectAppError(g.getMessage({ messageId: id }), 'not_found');
    const history = await g.getRoomMessages({ roomJid: owned, limit: '100' });
    expect(history.entities.some((m) => m.id === id)).toBe(false);
  });

  it('deleteRoomMessage of a message that is gone is not_found', async () => {
    await expectAppError(g.deleteRoomMessage({ roomJid: owned, messageId: UNKNOWN_MESSAGE }), 'not_found');
  });

  it('addRoomPins pins up to five; a sixth is refused with the emulator message and nothing changes', async () => {
    const { jid, ids } = await roomWithMessages('Pins', 6);
    await expect(g.addRoomPins({ roomJid: jid, pinnedMessageIds: ids.slice(0, 5) })).resolves.toBeUndefined();
    const pinned = mapRoom(await g.getRoom({ roomJid: jid })).pins.map((p) => p.messageId);
    expect(pinned).toEqual(ids.slice(0, 5).map(messageId.genesys));
    await expectAppError(g.addRoomPins({ roomJid: jid, pinnedMessageIds: [ids[5]!] }), 'invalid_input', {
      field: 'pinnedMessageIds',
      message: 'A room can have at most 5 pinned messages.',
    });
    expect(mapRoom(await g.getRoom({ roomJid: jid })).pins).toHaveLength(5);
  });

  it('deleteRoomPin unpins one message; unpinning it again is not_found', async () => {
    const { jid, ids } = await roomWithMessages('Unpin', 2);
    await g.addRoomPins({ roomJid: jid, pinnedMessageIds: ids });
    await expect(g.deleteRoomPin({ roomJid: jid, pinnedMessageId: ids[0]! })).resolves.toBeUndefined();
    expect(mapRoom(await g.getRoom({ roomJid: jid })).pins.map((p) => p.messageId)).toEqual([messageId.genesys(ids[1]!)]);
    await expectAppError(g.deleteRoomPin({ roomJid: jid, pinnedMessageId: ids[0]! }), 'not_found');
  });
});

describe('room participants', () => {
  it('getRoomParticipants lists members as person refs, me marked as self', async () => {
    const refs = mapParticipants(await g.getRoomParticipants({ roomJid: owned }), H.ctx(), H.ctx());
    expect(refs.map((r) => r.personId).sort()).toEqual([me, ...H.others.slice(0, 4)].map((p) => personId.genesys(p.id)).sort());
    expect(refs.filter((r) => r.isSelf).map((r) => r.userId)).toEqual([me.id]);
    expect(refs.every((r) => r.jid?.endsWith('@demo-org.orgspan.com'))).toBe(true);
  });

  it('getRoomParticipants of an unknown room is not_found', async () => {
    await expectAppError(g.getRoomParticipants({ roomJid: UNKNOWN_ROOM }), 'not_found');
  });

  it('getRoomParticipant resolves a member JID to a person through the directory', async () => {
    const ref = mapParticipant(await g.getRoomParticipant({ roomJid: owned, participantJid: p1.jid }), H.ctx(), H.ctx());
    expect(ref).toEqual({ personId: personId.genesys(p1.id), userId: p1.id, jid: p1.jid.toLowerCase(), isSelf: false });
  });

  it('getRoomParticipant for someone not in the room is not_found', async () => {
    await expectAppError(g.getRoomParticipant({ roomJid: owned, participantJid: p5.jid }), 'not_found');
  });

  it('addRoomParticipant adds a user (read back); an unknown user is not_found', async () => {
    const { jid } = await g.createRoom({ subject: 'Add people' });
    await expect(g.addRoomParticipant({ roomJid: jid, userId: p5.id })).resolves.toBeUndefined();
    const refs = mapParticipants(await g.getRoomParticipants({ roomJid: jid }), H.ctx());
    expect(refs.map((r) => r.userId)).toContain(p5.id);
    await expectAppError(g.addRoomParticipant({ roomJid: jid, userId: UNKNOWN_USER }), 'not_found');
  });

  it('removeRoomParticipant removes a user (read back); removing others without owning the room is forbidden', async () => {
    const { jid } = await g.createRoom({ subject: 'Remove people', userIds: [p5.id] });
    await expect(g.removeRoomParticipant({ roomJid: jid, userId: p5.id })).resolves.toBeUndefined();
    const refs = mapParticipants(await g.getRoomParticipants({ roomJid: jid }), H.ctx());
    expect(refs.map((r) => r.userId)).not.toContain(p5.id);
    await expectAppError(g.removeRoomParticipant({ roomJid: memberOnly, userId: p3.id }), 'forbidden', { message: /Only an owner/ });
  });
});

describe('1:1 conversations', () => {
  it('getOneOnOne maps to a dm conversation with its pin', async () => {
    const dm = mapOneOnOne(await g.getOneOnOne({ userId: p1.id }), p1.id, p1.name);
    expect(dm.conversation).toMatchObject({ id: conversationId.genesysDm(p1.id), kind: 'dm', title: p1.name, avatarPersonId: personId.genesys(p1.id) });
    expect(conversationSchema.safeParse(dm.conversation).success).toBe(true);
    expect(dm.pins).toHaveLength(1);
    expect(dm.pins[0]!.conversationId).toBe(dm.conversation.id);
  });

  it('getOneOnOne with an unknown user is not_found', async () => {
    await expectAppError(g.getOneOnOne({ userId: UNKNOWN_USER }), 'not_found');
  });

  it('sendUserMessage lands in the 1:1 with that user, derived from the message alone', async () => {
    const { id } = await g.sendUserMessage({ userId: p2.id, message: 'Got a minute?' });
    const m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    valid(m);
    expect(m).toMatchObject({ conversationId: conversationId.genesysDm(p2.id), isOwn: true, text: 'Got a minute?', senderId: personId.genesys(me.id) });
  });

  it('sendUserMessage to myself names userId; to an unknown user is not_found', async () => {
    await expectAppError(g.sendUserMessage({ userId: me.id, message: 'hi me' }), 'invalid_input', { field: 'userId' });
    await expectAppError(g.sendUserMessage({ userId: UNKNOWN_USER, message: 'hi' }), 'not_found');
  });

  it('getUserMessages maps both directions of the 1:1 into the same conversation', async () => {
    const listing = await g.getUserMessages({ userId: p1.id, limit: '100' });
    expect(listing.entities.length).toBeGreaterThanOrEqual(6);
    const messages = mapMessages(listing.entities, H.ctx());
    messages.forEach(valid);
    expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([conversationId.genesysDm(p1.id)]));
    expect(new Set(messages.map((m) => m.isOwn))).toEqual(new Set([true, false]));
    for (const m of messages) expect(m.senderId).toBe(personId.genesys(m.isOwn ? me.id : p1.id));
  });

  it('getUserMessages with an unknown user is not_found', async () => {
    await expectAppError(g.getUserMessages({ userId: UNKNOWN_USER }), 'not_found');
  });

  it('getUserMessagesByIds returns exactly the messages asked for', async () => {
    const page = (await g.getUserMessages({ userId: p1.id, limit: '3' })).entities;
    const listing = await g.getUserMessagesByIds({ userId: p1.id, messageIds: `${page[0]!.id},${page[2]!.id}` });
    expect(listing.entities.map((m) => m.id).sort()).toEqual([page[0]!.id, page[2]!.id].sort());
  });

  it('getUserMessagesByIds with ids from a room is not_found', async () => {
    const roomIds = (await g.getRoomMessages({ roomJid: owned, limit: '2' })).entities.map((m) => m.id);
    await expectAppError(g.getUserMessagesByIds({ userId: p1.id, messageIds: roomIds.join(',') }), 'not_found');
  });

  it('editUserMessage rewrites my 1:1 message', async () => {
    const { id } = await g.sendUserMessage({ userId: p3.id, message: 'see you at 3' });
    expect((await g.editUserMessage({ userId: p3.id, messageId: id, message: 'see you at 4' })).id).toBe(id);
    const m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    expect(m).toMatchObject({ text: 'see you at 4', edited: true, conversationId: conversationId.genesysDm(p3.id) });
    expect(m.editedAt).toEqual(expect.any(Number));
  });

  it("editUserMessage on the other person's message is forbidden", async () => {
    const theirs = (await g.getUserMessages({ userId: p1.id, limit: '100' })).entities.find((m) => m.user?.id === p1.id)!;
    await expectAppError(g.editUserMessage({ userId: p1.id, messageId: theirs.id, message: 'not mine' }), 'forbidden');
  });

  it('deleteUserMessage removes my 1:1 message (read back)', async () => {
    const { id } = await g.sendUserMessage({ userId: p3.id, message: 'oops' });
    await expect(g.deleteUserMessage({ userId: p3.id, messageId: id })).resolves.toBeUndefined();
    const ids = (await g.getUserMessages({ userId: p3.id, limit: '100' })).entities.map((m) => m.id);
    expect(ids).not.toContain(id);
  });

  it("deleteUserMessage of the other person's message is forbidden", async () => {
    const theirs = (await g.getUserMessages({ userId: p1.id, limit: '100' })).entities.find((m) => m.user?.id === p1.id)!;
    await expectAppError(g.deleteUserMessage({ userId: p1.id, messageId: theirs.id }), 'forbidden', { message: /Only the author/ });
  });

  it('addUserPins pins up to five in a 1:1; a sixth is refused with the emulator message', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await g.sendUserMessage({ userId: p2.id, message: `pin me ${i}` })).id);
    await expect(g.addUserPins({ userId: p2.id, pinnedMessageIds: ids.slice(0, 5) })).resolves.toBeUndefined();
    expect(mapOneOnOne(await g.getOneOnOne({ userId: p2.id }), p2.id).pins.map((p) => p.messageId)).toEqual(ids.slice(0, 5).map(messageId.genesys));
    await expectAppError(g.addUserPins({ userId: p2.id, pinnedMessageIds: [ids[5]!] }), 'invalid_input', {
      field: 'pinnedMessageIds',
      message: 'A 1:1 conversation can have at most 5 pinned messages.',
    });
  });

  it('deleteUserPin unpins (read back); a message that is not pinned is not_found', async () => {
    const before = mapOneOnOne(await g.getOneOnOne({ userId: p1.id }), p1.id).pins;
    const raw = parseSourcedId(before[0]!.messageId)!.raw;
    await expect(g.deleteUserPin({ userId: p1.id, pinnedMessageId: raw })).resolves.toBeUndefined();
    expect(mapOneOnOne(await g.getOneOnOne({ userId: p1.id }), p1.id).pins).toHaveLength(before.length - 1);
    await expectAppError(g.deleteUserPin({ userId: p1.id, pinnedMessageId: raw }), 'not_found');
  });
});

describe('messages, reactions and threads', () => {
  it('getMessage maps a seeded message someone else wrote as not mine, at its creation time', async () => {
    const all = (await g.getRoomMessages({ roomJid: owned, limit: '100' })).entities;
    const theirs = all.find((m) => m.user?.id !== me.id)!;
    const m = mapMessage(await g.getMessage({ messageId: theirs.id }), H.ctx());
    valid(m);
    expect(m).toMatchObject({ id: messageId.genesys(theirs.id), isOwn: false, senderId: personId.genesys(theirs.user!.id!), conversationId: conversationId.genesysRoom(owned) });
    expect(m.time).toBe(Date.parse(theirs.dateCreated as string));
  });

  it('getMessage of an unknown id is not_found', async () => {
    await expectAppError(g.getMessage({ messageId: UNKNOWN_MESSAGE }), 'not_found', { message: 'This message was not found.' });
  });

  it('setReactions replaces my reactions: counts and mine reflect it (read back)', async () => {
    const { id } = await g.sendRoomMessage({ roomJid: owned, message: 'react to this' });
    H.act('react', { messageId: id, fromUserId: p1.id, emoji: '👍' });
    await expect(g.setReactions({ messageId: id, reactions: ['👍', '🎉'] })).resolves.toBeUndefined();
    let m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    const thumbs = m.reactions.find((r) => r.emoji === '👍')!;
    expect(thumbs).toMatchObject({ count: 2, mine: true });
    expect(thumbs.personIds.sort()).toEqual([personId.genesys(me.id), personId.genesys(p1.id)].sort());
    expect(m.reactions.find((r) => r.emoji === '🎉')).toEqual({ emoji: '🎉', count: 1, mine: true, personIds: [personId.genesys(me.id)] });
    await g.setReactions({ messageId: id, reactions: [] });
    m = mapMessage(await g.getMessage({ messageId: id }), H.ctx());
    expect(m.reactions).toEqual([{ emoji: '👍', count: 1, mine: false, personIds: [personId.genesys(p1.id)] }]);
  });

  it('setReactions is refused while the org has reactions disabled', async () => {
    const { id } = await g.sendRoomMessage({ roomJid: owned, message: 'no reactions please' });
    await g.patchOrgSettings({ reactionsEnabled: false });
    try {
      await expectAppError(g.setReactions({ messageId: id, reactions: ['👍'] }), 'invalid_input', { field: 'reactions', message: 'Reactions are disabled for this organization.' });
    } finally {
      await g.patchOrgSettings({ reactionsEnabled: true });
    }
    expect(mapMessage(await g.getMessage({ messageId: id }), H.ctx()).reactions).toEqual([]);
  });

  it('getThreadMessages returns root and replies; replies point at the root, the root at nothing', async () => {
    const root = (await g.sendRoomMessage({ roomJid: owned, message: 'thread root' })).id;
    const r1 = (await g.sendRoomMessage({ roomJid: owned, message: 'reply one', threadId: root })).id;
    const r2 = (await g.sendRoomMessage({ roomJid: owned, message: 'reply two', threadId: root })).id;
    const thread = mapMessages((await g.getThreadMessages({ threadId: root })).entities, H.ctx());
    expect(thread.map((m) => m.id)).toEqual([root, r1, r2].map(messageId.genesys));
    expect(thread[0]!.threadRootId).toBeUndefined();
    expect(thread.slice(1).map((m) => m.threadRootId)).toEqual([messageId.genesys(root), messageId.genesys(root)]);
    expect(thread.every((m) => m.conversationId === conversationId.genesysRoom(owned))).toBe(true);
  });

  it('getThreadMessages of an unknown thread is not_found', async () => {
    await expectAppError(g.getThreadMessages({ threadId: UNKNOWN_MESSAGE }), 'not_found', { message: 'This thread was not found.' });
  });
});

describe('organisation settings', () => {
  it('getOrgSettings maps the defaults', async () => {
    expect(mapOrgSettings(await g.getOrgSettings())).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
  });

  it('getOrgSettings without the setting permissions is forbidden', async () => {
    H.act('permissions', { revoke: ['chat:setting:view', 'chat:setting:edit'] });
    try {
      await expectAppError(g.getOrgSettings(), 'forbidden', { message: /chat:setting:view/ });
    } finally {
      H.act('permissions', { reset: true });
    }
  });

  it('patchOrgSettings changes only what it names (read back)', async () => {
    expect(mapOrgSettings(await g.patchOrgSettings({ messageRetentionPeriodDays: 30 }))).toEqual({ messageRetentionPeriodDays: 30, reactionsEnabled: true });
    expect(mapOrgSettings(await g.getOrgSettings())).toEqual({ messageRetentionPeriodDays: 30, reactionsEnabled: true });
  });

  it('patchOrgSettings with retention 3651 is invalid_input naming the field', async () => {
    await expectAppError(g.patchOrgSettings({ messageRetentionPeriodDays: 3651 }), 'invalid_input', { field: 'messageRetentionPeriodDays', message: /from 10 to 3650/ });
  });

  it('replaceOrgSettings replaces the whole resource: omitted fields return to defaults', async () => {
    expect(mapOrgSettings(await g.replaceOrgSettings({ reactionsEnabled: false }))).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: false });
    expect(mapOrgSettings(await g.replaceOrgSettings({ messageRetentionPeriodDays: 90, reactionsEnabled: true }))).toEqual({ messageRetentionPeriodDays: 90, reactionsEnabled: true });
  });

  it('replaceOrgSettings with retention 9 is invalid_input naming the field, and changes nothing', async () => {
    await expectAppError(g.replaceOrgSettings({ messageRetentionPeriodDays: 9 }), 'invalid_input', { field: 'messageRetentionPeriodDays', message: /got 9/ });
    expect(mapOrgSettings(await g.getOrgSettings()).messageRetentionPeriodDays).toBe(90);
  });
});

describe("other users' settings", () => {
  it('getUserSettings maps the mobile notification preference', async () => {
    expect(mapUserSettings(await g.getUserSettings({ userId: p2.id }), p2.id)).toEqual({ personId: personId.genesys(p2.id), mobileNotifications: 'Always' });
  });

  it('getUserSettings of an unknown user is not_found', async () => {
    await expectAppError(g.getUserSettings({ userId: UNKNOWN_USER }), 'not_found');
  });

  it('updateUserSettings changes the preference (read back)', async () => {
    const res = await g.updateUserSettings({ userId: p2.id, mobile: { notifications: { when: 'OnlyWhenInactive' } } });
    expect(mapUserSettings(res, p2.id).mobileNotifications).toBe('OnlyWhenInactive');
    expect(mapUserSettings(await g.getUserSettings({ userId: p2.id }), p2.id).mobileNotifications).toBe('OnlyWhenInactive');
  });

  it('updateUserSettings with an unknown value names the nested field', async () => {
    await expectAppError(g.updateUserSettings({ userId: p2.id, mobile: { notifications: { when: 'Sometimes' } } }), 'invalid_input', { field: 'mobile.notifications.when' });
  });
});

describe('my settings (one lifecycle, in order)', () => {
  it('getMySettings before any exist is not_found, which maps to defaults with exists: false', async () => {
    await expectAppError(g.getMySettings(), 'not_found', { message: /have not been created/ });
    expect(mapMySettings(null)).toEqual({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false });
  });

  it('updateMySettings before they exist is not_found', async () => {
    await expectAppError(g.updateMySettings({ mobile: { notifications: { when: 'Always' } }, muted: true }), 'not_found');
  });

  it('createMySettings stores them (read back through getMySettings)', async () => {
    await expect(g.createMySettings({ muted: true })).resolves.toBeUndefined();
    expect(mapMySettings(await g.getMySettings())).toEqual({ muted: true, mentionsOnly: false, notifyOnReactions: true, mobileNotifications: 'Always', exists: true });
  });

  it('createMySettings a second time is a conflict', async () => {
    await expectAppError(g.createMySettings({ muted: false }), 'conflict', { message: /already exist/ });
  });

  it('updateMySettings changes what it names and keeps the rest', async () => {
    const res = await g.updateMySettings({ mobile: { notifications: { when: 'OnlyWhenInactive' } }, mentionsOnly: true });
    expect(mapMySettings(res)).toEqual({ muted: true, mentionsOnly: true, notifyOnReactions: true, mobileNotifications: 'OnlyWhenInactive', exists: true });
  });

  it('updateMySettings with an unknown mobile value names the field', async () => {
    await expectAppError(g.updateMySettings({ mobile: { notifications: { when: 'Never' } } }), 'invalid_input', { field: 'mobile.notifications.when' });
  });

  it('deleteMySettings removes them (read back); deleting again is not_found', async () => {
    await expect(g.deleteMySettings()).resolves.toBeUndefined();
    await expectAppError(g.getMySettings(), 'not_found');
    await expectAppError(g.deleteMySettings(), 'not_found');
  });
});

describe('coverage', () => {
  it('exercised every one of the 34 functions with a success and an error', () => {
    const all = Object.values(GENESYS_TOOL_FUNCTIONS);
    expect(all).toHaveLength(34);
    expect(all.filter((f) => !succeeded.has(f))).toEqual([]);
    expect(all.filter((f) => !failed.has(f))).toEqual([]);
  });
});
