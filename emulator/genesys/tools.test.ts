import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import catalog from '../../shared/catalog/genesys-chat.tools.json';
import { NO_CONTENT, type UpstreamError } from '../core/types';
import { createKit, type Kit, type Listing, type Message } from './testkit';
import { TOOL_PREFIX } from './tools';

/**
 * Every one of the 34 tools, called as a handler: at least one success and one
 * upstream failure each (checked in afterAll), plus the rules behind them.
 */

const TOOL_NAMES = catalog.tools.map((t) => t.name.slice(TOOL_PREFIX.length));
const succeeded = new Set<string>();
const failed = new Set<string>();

let k: Kit;
let roomA: string; // me: member and owner
let roomB: string; // me: member, not owner
let roomC: string; // me: not a member
let p: string[]; // people ids, p[0] is me

beforeEach(() => {
  if (k) {
    for (const t of k.succeeded) succeeded.add(t);
    for (const t of k.failed) failed.add(t);
  }
  k = createKit('tiny', 1);
  const rooms = k.rooms;
  roomA = rooms[0]!.jid;
  roomB = rooms[1]!.jid;
  roomC = rooms[2]!.jid;
  p = k.people.map((x) => x.id);
});

afterAll(() => {
  for (const t of k.succeeded) succeeded.add(t);
  for (const t of k.failed) failed.add(t);
  expect(TOOL_NAMES.filter((t) => !succeeded.has(t))).toEqual([]);
  expect(TOOL_NAMES.filter((t) => !failed.has(t))).toEqual([]);
});

function expectError(err: UpstreamError, status: number, code: string, messagePart?: RegExp): void {
  expect(err.status).toBe(status);
  expect(err.body).toMatchObject({ status, code });
  expect(typeof err.body.message).toBe('string');
  expect(err.body.contextId).toMatch(/^[0-9a-f-]{36}$/);
  expect(err.body).toHaveProperty('messageParams');
  expect(Array.isArray(err.body.details)).toBe(true);
  expect(Array.isArray(err.body.errors)).toBe(true);
  if (messagePart) expect(err.body.message).toMatch(messagePart);
}

const roomHistory = (roomJid: string, extra: Record<string, unknown> = {}) => k.ok<Listing>('get_chats_room_messages', { roomJid, ...extra }).entities;
const dmHistory = (userId: string, extra: Record<string, unknown> = {}) => k.ok<Listing>('get_chats_user_messages', { userId, ...extra }).entities;
const postAs = (fromUserId: string, target: { roomJid: string } | { userId: string }, text = 'hello from someone else') =>
  k.control<{ id: string }>('post', { ...target, fromUserId, text }).id;

describe('the service module', () => {
  it('has exactly one handler per catalog tool', () => {
    expect(Object.keys(k.svc.tools).sort()).toEqual(catalog.tools.map((t) => t.name).sort());
    expect(k.svc.catalog.tools).toHaveLength(34);
    expect(k.svc.path).toBe('/genesys-chat');
    expect(k.svc.serviceKey).toBe('genesys');
  });
});

describe('rooms', () => {
  it('post_chats_rooms creates an adhoc room owned by the caller', () => {
    const { jid } = k.ok<{ jid: string }>('post_chats_rooms', { subject: 'Launch', description: 'go time', userIds: [p[1], p[2]] });
    expect(jid).toMatch(/^[0-9a-f]{24}@conference\.demo-org\.orgspan\.com$/);
    const room = k.ok('get_chats_room', { roomJid: jid });
    expect(room).toMatchObject({ id: jid, jid, name: 'Launch', subject: 'Launch', description: 'go time', roomType: 'adhoc', owners: [{ id: k.me.userId }], pinnedMessages: [] });
    const participants = k.ok<{ participants: Array<{ user: { id: string } }> }>('get_chats_room_participants', { roomJid: jid }).participants.map((x) => x.user.id);
    expect(participants).toEqual([k.me.userId, p[1], p[2]]);
  });

  it('post_chats_rooms rejects a blank subject, unknown users and more than 25 users', () => {
    expectError(k.fail('post_chats_rooms', { subject: '  ' }), 400, 'bad.request');
    expectError(k.fail('post_chats_rooms', { subject: 'x', userIds: ['nobody'] }), 400, 'invalid.value', /nobody/);
    const many = Array.from({ length: 26 }, (_, i) => p[i % p.length]!);
    expectError(k.fail('post_chats_rooms', { subject: 'x', userIds: many }), 400, 'constraint.validation', /25/);
    expect(k.svc.stats().rooms).toBe(3);
  });

  it('get_chats_room returns the Room model and accepts %40-encoded JIDs', () => {
    const room = k.ok<Record<string, unknown>>('get_chats_room', { roomJid: roomA.replace('@', '%40') });
    expect(room).toMatchObject({ id: roomA, jid: roomA, roomType: 'adhoc', subject: 'Release war-room', participantLimit: 1000, selfUri: `/api/v2/chats/rooms/${roomA}` });
    expect(room.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(room.pinnedMessages).toEqual([{ id: expect.any(String), selfUri: expect.stringMatching(/^\/api\/v2\/chats\/messages\//) }]);
    expect(room.owners).toEqual([{ id: k.me.userId, selfUri: `/api/v2/users/${k.me.userId}` }]);
  });

  it('get_chats_room answers 404 with a Genesys ErrorBody for an unknown room', () => {
    const err = k.fail('get_chats_room', { roomJid: '000000000000000000000000@conference.demo-org.orgspan.com' });
    expectError(err, 404, 'not.found', /Room/);
  });

  it('patch_chats_room changes only the supplied fields', () => {
    const before = k.ok<Record<string, unknown>>('get_chats_room', { roomJid: roomA });
    expect(k.ok('patch_chats_room', { roomJid: roomA, subject: 'Renamed' })).toBe(NO_CONTENT);
    const after = k.ok<Record<string, unknown>>('get_chats_room', { roomJid: roomA });
    expect(after).toMatchObject({ subject: 'Renamed', name: 'Renamed', description: before.description, pinnedMessages: before.pinnedMessages });
  });

  it('patch_chats_room replaces the owner and pin lists', () => {
    const ids = roomHistory(roomA).map((m) => m.id);
    k.ok('patch_chats_room', { roomJid: roomA, ownerIds: [k.me.userId, p[2]], pinnedMessageIds: [ids[0], ids[1]] });
    const room = k.ok<{ owners: Array<{ id: string }>; pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA });
    expect(room.owners.map((o) => o.id)).toEqual([k.me.userId, p[2]]);
    expect(room.pinnedMessages.map((x) => x.id)).toEqual([ids[0], ids[1]]);
  });

  it('patch_chats_room: owners only, at most 5 pins, owners must be participants', () => {
    expectError(k.fail('patch_chats_room', { roomJid: roomB, subject: 'mine now' }), 403, 'not.authorized');
    const ids = roomHistory(roomA).map((m) => m.id);
    expectError(k.fail('patch_chats_room', { roomJid: roomA, pinnedMessageIds: ids.slice(0, 6) }), 400, 'constraint.validation', /at most 5 pinned messages/);
    expectError(k.fail('patch_chats_room', { roomJid: roomA, ownerIds: [p[7]] }), 400, 'invalid.value');
    expectError(k.fail('patch_chats_room', { roomJid: 'nope@conference.demo-org.orgspan.com', subject: 'x' }), 404, 'not.found');
    expect(k.ok<{ subject: string }>('get_chats_room', { roomJid: roomA }).subject).toBe('Release war-room');
  });
});

describe('participants', () => {
  it('get_chats_room_participants lists JIDs and user refs; notify=true leaves out the caller', () => {
    const all = k.ok<{ participants: Array<{ jid: string; user: { id: string; selfUri: string } }> }>('get_chats_room_participants', { roomJid: roomA }).participants;
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual({ jid: k.me.jid, user: { id: k.me.userId, selfUri: `/api/v2/users/${k.me.userId}` } });
    const notify = k.ok<{ participants: unknown[] }>('get_chats_room_participants', { roomJid: roomA, notify: true }).participants;
    expect(notify).toHaveLength(4);
    expectError(k.fail('get_chats_room_participants', { roomJid: 'missing' }), 404, 'not.found');
  });

  it('get_chats_room_participant finds a member by JID, raw or encoded', () => {
    const jid = k.people[1]!.jid;
    expect(k.ok('get_chats_room_participant', { roomJid: roomA, participantJid: jid.replace('@', '%40') })).toEqual({ participantJid: jid });
    expectError(k.fail('get_chats_room_participant', { roomJid: roomA, participantJid: k.people[7]!.jid }), 404, 'not.found');
    expectError(k.fail('get_chats_room_participant', { roomJid: 'missing', participantJid: jid }), 404, 'not.found');
  });

  it('post_chats_room_participant: anyone may join; only members may add others', () => {
    expectError(k.fail('post_chats_room_messages', { roomJid: roomC, message: 'hi' }), 403, 'not.authorized');
    expectError(k.fail('post_chats_room_participant', { roomJid: roomC, userId: p[1] }), 403, 'not.authorized');
    expect(k.ok('post_chats_room_participant', { roomJid: roomC, userId: k.me.userId })).toBe(NO_CONTENT);
    expect(k.rooms[2]!.isMember).toBe(true);
    expect(k.ok('post_chats_room_messages', { roomJid: roomC, message: 'hi' })).toHaveProperty('id');
    expect(k.ok('post_chats_room_participant', { roomJid: roomC, userId: p[1] })).toBe(NO_CONTENT);
    expect(k.ok('get_chats_room_participant', { roomJid: roomC, participantJid: k.people[1]!.jid })).toEqual({ participantJid: k.people[1]!.jid });
    expectError(k.fail('post_chats_room_participant', { roomJid: roomA, userId: 'no-such-user' }), 404, 'not.found');
  });

  it('delete_chats_room_participant: owners remove others, anyone leaves', () => {
    expect(k.ok('delete_chats_room_participant', { roomJid: roomA, userId: p[1] })).toBe(NO_CONTENT);
    expectError(k.fail('get_chats_room_participant', { roomJid: roomA, participantJid: k.people[1]!.jid }), 404, 'not.found');
    expectError(k.fail('delete_chats_room_participant', { roomJid: roomA, userId: p[1] }), 404, 'not.found');
    expectError(k.fail('delete_chats_room_participant', { roomJid: roomB, userId: p[3] }), 403, 'not.authorized');
    expect(k.ok('delete_chats_room_participant', { roomJid: roomB, userId: k.me.userId })).toBe(NO_CONTENT);
    expectError(k.fail('get_chats_room_messages', { roomJid: roomB }), 403, 'not.authorized');
  });

  it('the last owner leaving hands the room to the oldest remaining member', () => {
    k.ok('delete_chats_room_participant', { roomJid: roomA, userId: k.me.userId });
    expect(k.ok<{ owners: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).owners.map((o) => o.id)).toEqual([p[1]]);
  });
});

describe('room messages', () => {
  it('post_chats_room_messages appends to history with mentions as userId → JID', () => {
    const { id } = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'ship it @Ana', mentions: [p[1]] });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const last = roomHistory(roomA).at(-1)!;
    expect(last).toMatchObject({ id, body: 'ship it @Ana', toJid: roomA, jid: k.me.jid, user: { id: k.me.userId }, thread: { id }, mentions: { [p[1]!]: k.people[1]!.jid } });
    expect(last).not.toHaveProperty('parentThread');
    expect(last).not.toHaveProperty('toUser');
    expect(last.dateCreated).toBe(new Date(k.clock.now()).toISOString());
  });

  it('post_chats_room_messages with threadId makes a reply: thread.id = parentThread.id = root id', () => {
    const root = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'root' }).id;
    const reply = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'reply', threadId: root }).id;
    // A reply to a reply stays in the root's thread.
    const nested = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'nested', threadId: reply }).id;
    const got = k.ok<Listing>('get_chats_room_message', { roomJid: roomA, messageIds: `${reply},${nested}` }).entities;
    for (const m of got) expect(m).toMatchObject({ thread: { id: root }, parentThread: { id: root } });
  });

  it('post_chats_room_messages rejects non-members, empty text, unknown threads and mentions', () => {
    expectError(k.fail('post_chats_room_messages', { roomJid: roomC, message: 'hi' }), 403, 'not.authorized');
    expectError(k.fail('post_chats_room_messages', { roomJid: roomA, message: '   ' }), 400, 'bad.request');
    expectError(k.fail('post_chats_room_messages', { roomJid: roomA, message: 'x', threadId: 'nope' }), 400, 'invalid.value');
    const otherRoomMsg = roomHistory(roomB)[0]!.id;
    expectError(k.fail('post_chats_room_messages', { roomJid: roomA, message: 'x', threadId: otherRoomMsg }), 400, 'invalid.value');
    expectError(k.fail('post_chats_room_messages', { roomJid: roomA, message: 'x', mentions: ['ghost'] }), 400, 'invalid.value');
    expectError(k.fail('post_chats_room_messages', { roomJid: 'missing', message: 'x' }), 404, 'not.found');
    expect(k.rooms[0]!.messages).toBe(12);
  });

  it('get_chats_room_messages returns the seeded history oldest first', () => {
    const all = roomHistory(roomA);
    expect(all).toHaveLength(12);
    const times = all.map((m) => Date.parse(m.dateCreated));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(all.map((m) => m.id)).size).toBe(12);
    expectError(k.fail('get_chats_room_messages', { roomJid: roomC }), 403, 'not.authorized');
    expectError(k.fail('get_chats_room_messages', { roomJid: roomA, limit: 'ten' }), 400, 'invalid.query.param.value');
    expectError(k.fail('get_chats_room_messages', { roomJid: roomA, before: 'yesterday' }), 400, 'invalid.date');
  });

  it('get_chats_room_message returns the listed ids in request order and skips unknown ones', () => {
    const [a, b] = roomHistory(roomA);
    const got = k.ok<Listing>('get_chats_room_message', { roomJid: roomA, messageIds: ` ${b!.id}, ${a!.id},nope` }).entities.map((m) => m.id);
    expect(got).toEqual([b!.id, a!.id]);
    expectError(k.fail('get_chats_room_message', { roomJid: roomA, messageIds: roomHistory(roomB)[0]!.id }), 404, 'not.found');
    expectError(k.fail('get_chats_room_message', { roomJid: roomA, messageIds: ' , ' }), 400, 'bad.request');
    expectError(k.fail('get_chats_room_message', { roomJid: roomC, messageIds: a!.id }), 403, 'not.authorized');
  });

  it('patch_chats_room_message edits the author\'s own message', () => {
    const { id } = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'typo', mentions: [p[1]] });
    k.clock.advance(60_000);
    expect(k.ok('patch_chats_room_message', { roomJid: roomA, messageId: id, message: 'fixed' })).toEqual({ id });
    const m = k.ok<Message>('get_chats_message', { messageId: id });
    expect(m).toMatchObject({ body: 'fixed', edited: true, dateModified: new Date(k.clock.now()).toISOString() });
    // The new SendMessageBody replaces the old one, mentions included.
    expect(m).not.toHaveProperty('mentions');
  });

  it('patch_chats_room_message: author only, live messages only, non-empty text', () => {
    const theirs = postAs(p[2]!, { roomJid: roomA });
    expectError(k.fail('patch_chats_room_message', { roomJid: roomA, messageId: theirs, message: 'hijack' }), 403, 'not.authorized', /author/);
    const mine = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'mine' }).id;
    expectError(k.fail('patch_chats_room_message', { roomJid: roomA, messageId: mine, message: '' }), 400, 'bad.request');
    expectError(k.fail('patch_chats_room_message', { roomJid: roomB, messageId: mine, message: 'x' }), 404, 'not.found');
    expectError(k.fail('patch_chats_room_message', { roomJid: roomA, messageId: 'nope', message: 'x' }), 404, 'not.found');
    expect(k.ok<Message>('get_chats_message', { messageId: theirs }).body).toBe('hello from someone else');
  });

  it('delete_chats_room_message removes the message from history and lookups', () => {
    const { id } = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'oops' });
    expect(k.ok('delete_chats_room_message', { roomJid: roomA, messageId: id })).toBe(NO_CONTENT);
    expect(roomHistory(roomA).map((m) => m.id)).not.toContain(id);
    expectError(k.fail('get_chats_message', { messageId: id }), 404, 'not.found');
    expectError(k.fail('delete_chats_room_message', { roomJid: roomA, messageId: id }), 404, 'not.found');
  });

  it('delete_chats_room_message: room owners may delete anyone\'s message, others only their own', () => {
    const inA = postAs(p[2]!, { roomJid: roomA });
    expect(k.ok('delete_chats_room_message', { roomJid: roomA, messageId: inA })).toBe(NO_CONTENT);
    const inB = postAs(p[3]!, { roomJid: roomB });
    expectError(k.fail('delete_chats_room_message', { roomJid: roomB, messageId: inB }), 403, 'not.authorized');
    expect(k.ok<Message>('get_chats_message', { messageId: inB }).id).toBe(inB);
  });

  it('deleting a pinned message unpins it', () => {
    const pinned = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).pinnedMessages[0]!.id;
    k.ok('delete_chats_room_message', { roomJid: roomA, messageId: pinned });
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_room', { roomJid: roomA }).pinnedMessages).toEqual([]);
  });
});

describe('room pins', () => {
  it('post_chats_room_messages_pins adds pins; re-pinning is idempotent', () => {
    const ids = roomHistory(roomA).map((m) => m.id);
    const pinsOf = () => k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).pinnedMessages.map((x) => x.id);
    const seeded = pinsOf();
    expect(seeded).toHaveLength(1);
    expect(k.ok('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: [ids[0], ids[1]] })).toBe(NO_CONTENT);
    k.ok('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: [ids[0]] });
    expect(pinsOf()).toEqual([...seeded, ids[0], ids[1]]);
  });

  it('the 6th pin is a 400 with a clear message and changes nothing', () => {
    const ids = roomHistory(roomA).map((m) => m.id);
    const seeded = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).pinnedMessages.map((x) => x.id);
    const fresh = ids.filter((id) => !seeded.includes(id));
    k.ok('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: fresh.slice(0, 4) });
    const err = k.fail('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: [fresh[4]] });
    expectError(err, 400, 'constraint.validation');
    expect(err.body.message).toBe('A room can have at most 5 pinned messages.');
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_room', { roomJid: roomA }).pinnedMessages).toHaveLength(5);
  });

  it('pinning an unknown message, an empty list, or in a room the caller is not in fails', () => {
    expectError(k.fail('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: ['nope'] }), 400, 'invalid.value', /nope/);
    expectError(k.fail('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: [] }), 400, 'bad.request');
    expectError(k.fail('post_chats_room_messages_pins', { roomJid: roomA, pinnedMessageIds: [roomHistory(roomB)[0]!.id] }), 400, 'invalid.value');
    expectError(k.fail('post_chats_room_messages_pins', { roomJid: roomC, pinnedMessageIds: [] }), 403, 'not.authorized');
  });

  it('delete_chats_room_messages_pin removes one pin; an unpinned id is 404', () => {
    const pinned = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).pinnedMessages[0]!.id;
    expect(k.ok('delete_chats_room_messages_pin', { roomJid: roomA, pinnedMessageId: pinned })).toBe(NO_CONTENT);
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_room', { roomJid: roomA }).pinnedMessages).toEqual([]);
    expectError(k.fail('delete_chats_room_messages_pin', { roomJid: roomA, pinnedMessageId: pinned }), 404, 'not.found');
    expect(k.ok<Message>('get_chats_message', { messageId: pinned }).id).toBe(pinned);
  });
});

describe('1:1 conversations', () => {
  it('get_chats_user returns the OneOnOne with its pins, empty for a user never written to', () => {
    const one = k.ok<{ pinnedMessages: Array<{ id: string; selfUri: string }> }>('get_chats_user', { userId: p[1] });
    expect(one.pinnedMessages).toHaveLength(1);
    expect(one.pinnedMessages[0]!.selfUri).toBe(`/api/v2/chats/messages/${one.pinnedMessages[0]!.id}`);
    expect(k.ok('get_chats_user', { userId: p[5] })).toEqual({ pinnedMessages: [] });
    expectError(k.fail('get_chats_user', { userId: 'no-such-user' }), 404, 'not.found');
    expectError(k.fail('get_chats_user', { userId: k.me.userId }), 400, 'bad.request');
  });

  it('get_chats_user_messages answers a listing {entities}, not a single message', () => {
    const listing = k.ok<Listing>('get_chats_user_messages', { userId: p[1] });
    expect(Object.keys(listing)).toEqual(['entities']);
    expect(listing.entities).toHaveLength(6);
    for (const m of listing.entities) {
      const toMe = m.user.id === p[1];
      expect(m.toJid).toBe(toMe ? k.me.jid : k.people[1]!.jid);
      expect(m.toUser!.id).toBe(toMe ? k.me.userId : p[1]);
    }
    expect(k.ok('get_chats_user_messages', { userId: p[5] })).toEqual({ entities: [] });
    expectError(k.fail('get_chats_user_messages', { userId: p[1], after: '2025-02-30T00:00:00Z' }), 400, 'invalid.date');
    expectError(k.fail('get_chats_user_messages', { userId: 'ghost' }), 404, 'not.found');
  });

  it('post_chats_user_messages starts a 1:1 on first send, addressed by the other user\'s id', () => {
    const { id } = k.ok<{ id: string }>('post_chats_user_messages', { userId: p[5], message: 'hola 👋' });
    expect(k.svc.stats().oneOnOnes).toBe(4);
    expect(dmHistory(p[5]!)).toEqual([
      expect.objectContaining({ id, body: 'hola 👋', jid: k.me.jid, toJid: k.people[5]!.jid, toUser: { id: p[5], selfUri: `/api/v2/users/${p[5]}` }, thread: { id } }),
    ]);
  });

  it('post_chats_user_messages rejects unknown users and empty text without creating a 1:1', () => {
    expectError(k.fail('post_chats_user_messages', { userId: 'ghost', message: 'x' }), 404, 'not.found');
    expectError(k.fail('post_chats_user_messages', { userId: p[6], message: '' }), 400, 'bad.request');
    expectError(k.fail('post_chats_user_messages', { userId: p[6], message: 'x', threadId: roomHistory(roomA)[0]!.id }), 400, 'invalid.value');
    expect(k.svc.stats().oneOnOnes).toBe(3);
  });

  it('get_chats_user_message fetches by comma-separated ids within that 1:1 only', () => {
    const [a, b] = dmHistory(p[1]!);
    expect(k.ok<Listing>('get_chats_user_message', { userId: p[1], messageIds: `${a!.id},${b!.id}` }).entities.map((m) => m.id)).toEqual([a!.id, b!.id]);
    expectError(k.fail('get_chats_user_message', { userId: p[2], messageIds: a!.id }), 404, 'not.found');
    expectError(k.fail('get_chats_user_message', { userId: p[1], messageIds: roomHistory(roomA)[0]!.id }), 404, 'not.found');
  });

  it('patch_chats_user_message edits the caller\'s message, not the other side\'s', () => {
    const mine = k.ok<{ id: string }>('post_chats_user_messages', { userId: p[1], message: 'draft' }).id;
    expect(k.ok('patch_chats_user_message', { userId: p[1], messageId: mine, message: 'final' })).toEqual({ id: mine });
    expect(dmHistory(p[1]!).at(-1)).toMatchObject({ id: mine, body: 'final', edited: true });
    const theirs = postAs(p[1]!, { userId: p[1]! });
    expectError(k.fail('patch_chats_user_message', { userId: p[1], messageId: theirs, message: 'no' }), 403, 'not.authorized');
    expectError(k.fail('patch_chats_user_message', { userId: p[2], messageId: mine, message: 'no' }), 404, 'not.found');
  });

  it('delete_chats_user_message deletes the caller\'s message only', () => {
    const mine = k.ok<{ id: string }>('post_chats_user_messages', { userId: p[1], message: 'bye' }).id;
    expect(k.ok('delete_chats_user_message', { userId: p[1], messageId: mine })).toBe(NO_CONTENT);
    expect(dmHistory(p[1]!).map((m) => m.id)).not.toContain(mine);
    const theirs = postAs(p[1]!, { userId: p[1]! });
    expectError(k.fail('delete_chats_user_message', { userId: p[1], messageId: theirs }), 403, 'not.authorized');
    expectError(k.fail('delete_chats_user_message', { userId: p[5], messageId: theirs }), 404, 'not.found');
  });

  it('post_chats_user_messages_pins pins up to 5 messages in a 1:1', () => {
    const ids = dmHistory(p[1]!).map((m) => m.id);
    const seeded = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_user', { userId: p[1] }).pinnedMessages.map((x) => x.id);
    const fresh = ids.filter((id) => !seeded.includes(id));
    expect(k.ok('post_chats_user_messages_pins', { userId: p[1], pinnedMessageIds: fresh.slice(0, 4) })).toBe(NO_CONTENT);
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_user', { userId: p[1] }).pinnedMessages).toHaveLength(5);
    const err = k.fail('post_chats_user_messages_pins', { userId: p[1], pinnedMessageIds: [fresh[4]] });
    expectError(err, 400, 'constraint.validation');
    expect(err.body.message).toBe('A 1:1 conversation can have at most 5 pinned messages.');
    expectError(k.fail('post_chats_user_messages_pins', { userId: p[5], pinnedMessageIds: [ids[0]] }), 400, 'invalid.value');
  });

  it('delete_chats_user_messages_pin removes a 1:1 pin', () => {
    const pinned = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_user', { userId: p[1] }).pinnedMessages[0]!.id;
    expect(k.ok('delete_chats_user_messages_pin', { userId: p[1], pinnedMessageId: pinned })).toBe(NO_CONTENT);
    expect(k.ok('get_chats_user', { userId: p[1] })).toEqual({ pinnedMessages: [] });
    expectError(k.fail('delete_chats_user_messages_pin', { userId: p[1], pinnedMessageId: pinned }), 404, 'not.found');
    expectError(k.fail('delete_chats_user_messages_pin', { userId: p[6], pinnedMessageId: pinned }), 404, 'not.found');
  });
});

describe('messages by id, reactions, threads', () => {
  it('get_chats_message finds a message in any conversation the caller can see', () => {
    const inRoom = roomHistory(roomA)[0]!;
    const inDm = dmHistory(p[1]!)[0]!;
    expect(k.ok('get_chats_message', { messageId: inRoom.id })).toEqual(inRoom);
    expect(k.ok('get_chats_message', { messageId: inDm.id })).toEqual(inDm);
    expectError(k.fail('get_chats_message', { messageId: '00000000-0000-4000-8000-000000000000' }), 404, 'not.found');
    const hidden = postAs(p[3]!, { roomJid: roomC });
    expectError(k.fail('get_chats_message', { messageId: hidden }), 403, 'not.authorized');
  });

  it('put_chats_message_reactions replaces the caller\'s reactions and keeps everyone else\'s', () => {
    const id = postAs(p[2]!, { roomJid: roomA });
    k.control('react', { messageId: id, fromUserId: p[2], emoji: '👍' });
    expect(k.ok('put_chats_message_reactions', { messageId: id, reactions: ['👍', '🎉'] })).toBe(NO_CONTENT);
    const ref = (uid: string) => ({ id: uid, selfUri: `/api/v2/users/${uid}` });
    expect(k.ok<Message>('get_chats_message', { messageId: id }).reactions).toEqual([
      { emoji: '👍', users: [ref(p[2]!), ref(k.me.userId)] },
      { emoji: '🎉', users: [ref(k.me.userId)] },
    ]);
    k.ok('put_chats_message_reactions', { messageId: id, reactions: ['🎉'] });
    expect(k.ok<Message>('get_chats_message', { messageId: id }).reactions).toEqual([
      { emoji: '👍', users: [ref(p[2]!)] },
      { emoji: '🎉', users: [ref(k.me.userId)] },
    ]);
    k.ok('put_chats_message_reactions', { messageId: id, reactions: [] });
    expect(k.ok<Message>('get_chats_message', { messageId: id }).reactions).toEqual([{ emoji: '👍', users: [ref(p[2]!)] }]);
  });

  it('put_chats_message_reactions is rejected when the org turns reactions off', () => {
    const id = roomHistory(roomA)[0]!.id;
    k.ok('patch_chats_settings', { reactionsEnabled: false });
    expectError(k.fail('put_chats_message_reactions', { messageId: id, reactions: ['👍'] }), 400, 'bad.request', /disabled/);
    k.ok('patch_chats_settings', { reactionsEnabled: true });
    expect(k.ok('put_chats_message_reactions', { messageId: id, reactions: ['👍'] })).toBe(NO_CONTENT);
    expectError(k.fail('put_chats_message_reactions', { messageId: 'nope', reactions: ['👍'] }), 404, 'not.found');
    expectError(k.fail('put_chats_message_reactions', { messageId: id, reactions: [''] }), 400, 'invalid.value');
  });

  it('get_chats_thread_messages returns the root and its replies', () => {
    const root = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'thread root' }).id;
    const r1 = postAs(p[1]!, { roomJid: roomA }, 'first reply');
    k.control('post', { roomJid: roomA, fromUserId: p[1], text: 'in thread', threadId: root });
    const r2 = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'second', threadId: root }).id;
    const thread = k.ok<Listing>('get_chats_thread_messages', { threadId: root }).entities;
    expect(thread.map((m) => m.body)).toEqual(['thread root', 'in thread', 'second']);
    expect(thread.at(-1)!.id).toBe(r2);
    expect(thread.map((m) => m.thread!.id)).toEqual([root, root, root]);
    expect(k.ok<Listing>('get_chats_thread_messages', { threadId: root, limit: '1' }).entities.map((m) => m.id)).toEqual([r2]);
    expect(k.ok<Listing>('get_chats_thread_messages', { threadId: r1 }).entities.map((m) => m.id)).toEqual([r1]);
    expectError(k.fail('get_chats_thread_messages', { threadId: r2 }), 404, 'not.found', /Thread/);
    expectError(k.fail('get_chats_thread_messages', { threadId: 'nope' }), 404, 'not.found');
  });

  it('seeded threads are reachable through thread history', () => {
    const pinnedRoot = k.ok<{ pinnedMessages: Array<{ id: string }> }>('get_chats_room', { roomJid: roomA }).pinnedMessages[0]!.id;
    const thread = k.ok<Listing>('get_chats_thread_messages', { threadId: pinnedRoot }).entities;
    expect(thread.length).toBeGreaterThan(1);
    expect(thread[0]!.id).toBe(pinnedRoot);
    for (const reply of thread.slice(1)) expect(reply.parentThread).toEqual({ id: pinnedRoot });
    const hidden = postAs(p[3]!, { roomJid: roomC });
    expectError(k.fail('get_chats_thread_messages', { threadId: hidden }), 403, 'not.authorized');
  });
});

describe('org settings', () => {
  it('get_chats_settings returns the defaults; without permission it is 403', () => {
    expect(k.ok('get_chats_settings')).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
    k.control('permissions', { revoke: ['chat:setting:view', 'chat:setting:edit'] });
    const err = k.fail('get_chats_settings');
    expectError(err, 403, 'missing.any.permissions', /chat:setting:view, chat:setting:edit/);
    k.control('permissions', { reset: true });
    expect(k.ok('get_chats_settings')).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
  });

  it('put_chats_settings replaces the settings: fields left out return to their defaults', () => {
    expect(k.ok('put_chats_settings', { messageRetentionPeriodDays: 30, reactionsEnabled: false })).toEqual({ messageRetentionPeriodDays: 30, reactionsEnabled: false });
    expect(k.ok('put_chats_settings', { messageRetentionPeriodDays: 10 })).toEqual({ messageRetentionPeriodDays: 10, reactionsEnabled: true });
    expect(k.ok('put_chats_settings', { messageRetentionPeriodDays: 3650 })).toMatchObject({ messageRetentionPeriodDays: 3650 });
  });

  it.each([9, 3651, 0, -5, 12.5])('rejects messageRetentionPeriodDays = %s, naming the field', (days) => {
    for (const tool of ['put_chats_settings', 'patch_chats_settings']) {
      const err = k.fail(tool, { messageRetentionPeriodDays: days });
      expectError(err, 400, 'constraint.validation', /messageRetentionPeriodDays/);
      expect(err.body.details).toEqual([{ errorCode: 'constraint.validation', fieldName: 'messageRetentionPeriodDays' }]);
    }
    expect(k.ok('get_chats_settings')).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
  });

  it('patch_chats_settings changes only what it is given', () => {
    expect(k.ok('patch_chats_settings', { messageRetentionPeriodDays: 90 })).toEqual({ messageRetentionPeriodDays: 90, reactionsEnabled: true });
    expect(k.ok('patch_chats_settings', { reactionsEnabled: false })).toEqual({ messageRetentionPeriodDays: 90, reactionsEnabled: false });
    expect(k.ok('patch_chats_settings', {})).toEqual({ messageRetentionPeriodDays: 90, reactionsEnabled: false });
  });
});

describe('user settings', () => {
  it('get_chats_user_settings returns mobile notification settings, default Always', () => {
    expect(k.ok('get_chats_user_settings', { userId: p[3] })).toEqual({ mobile: { notifications: { when: 'Always' } } });
    expectError(k.fail('get_chats_user_settings', { userId: 'ghost' }), 404, 'not.found');
  });

  it('patch_chats_user_settings sets mobile.notifications.when from its enum', () => {
    expect(k.ok('patch_chats_user_settings', { userId: p[3], mobile: { notifications: { when: 'OnlyWhenInactive' } } })).toEqual({ mobile: { notifications: { when: 'OnlyWhenInactive' } } });
    expect(k.ok('get_chats_user_settings', { userId: p[3] })).toEqual({ mobile: { notifications: { when: 'OnlyWhenInactive' } } });
    const err = k.fail('patch_chats_user_settings', { userId: p[3], mobile: { notifications: { when: 'Sometimes' } } });
    expectError(err, 400, 'invalid.value', /Always, OnlyWhenInactive/);
    expectError(k.fail('patch_chats_user_settings', { userId: p[3], mobile: { notifications: {} } }), 400, 'invalid.value');
    expectError(k.fail('patch_chats_user_settings', { userId: 'ghost', mobile: { notifications: { when: 'Always' } } }), 404, 'not.found');
    expect(k.ok('get_chats_user_settings', { userId: p[3] })).toEqual({ mobile: { notifications: { when: 'OnlyWhenInactive' } } });
  });

  it('get_chats_users_me_settings is 404 until the caller creates them', () => {
    expectError(k.fail('get_chats_users_me_settings'), 404, 'not.found');
    expect(k.ok('post_chats_users_me_settings', { muted: false })).toBe(NO_CONTENT);
    expect(k.ok('get_chats_users_me_settings')).toEqual({ muted: false, mentionsOnly: false, notifyOnReactions: true, mobile: { notifications: { when: 'Always' } } });
  });

  it('post_chats_users_me_settings is 409 when they already exist', () => {
    k.ok('post_chats_users_me_settings', { muted: true, mentionsOnly: true, notifyOnReactions: false });
    const err = k.fail('post_chats_users_me_settings', { muted: false });
    expectError(err, 409, 'conflict');
    expect(k.ok('get_chats_users_me_settings')).toMatchObject({ muted: true, mentionsOnly: true, notifyOnReactions: false });
  });

  it('patch_chats_users_me_settings updates the existing settings and returns them', () => {
    expectError(k.fail('patch_chats_users_me_settings', { mobile: { notifications: { when: 'Always' } } }), 404, 'not.found');
    k.ok('post_chats_users_me_settings', { muted: false });
    expect(k.ok('patch_chats_users_me_settings', { muted: true, mobile: { notifications: { when: 'OnlyWhenInactive' } } })).toEqual({
      muted: true,
      mentionsOnly: false,
      notifyOnReactions: true,
      mobile: { notifications: { when: 'OnlyWhenInactive' } },
    });
    // The caller's mobile setting is the same one the per-user endpoint shows.
    expect(k.ok('get_chats_user_settings', { userId: k.me.userId })).toEqual({ mobile: { notifications: { when: 'OnlyWhenInactive' } } });
    expectError(k.fail('patch_chats_users_me_settings', { mentionsOnly: true, mobile: { notifications: { when: 'Never' } } }), 400, 'invalid.value');
    expect(k.ok('get_chats_users_me_settings')).toMatchObject({ mentionsOnly: false });
  });

  it('delete_chats_users_me_settings removes them (then GET is 404 again)', () => {
    expectError(k.fail('delete_chats_users_me_settings'), 404, 'not.found');
    k.ok('post_chats_users_me_settings', { muted: true });
    expect(k.ok('delete_chats_users_me_settings')).toBe(NO_CONTENT);
    expectError(k.fail('get_chats_users_me_settings'), 404, 'not.found');
    expect(k.ok('post_chats_users_me_settings', { muted: false })).toBe(NO_CONTENT);
  });
});

describe('permissions', () => {
  it('each operation needs one of its listed permissions, checked before the resource', () => {
    k.control('permissions', { revoke: ['chat:chat:access'] });
    // chat:room:view alone still allows reading rooms.
    expect(k.ok('get_chats_room', { roomJid: roomA })).toHaveProperty('jid', roomA);
    k.control('permissions', { revoke: ['chat:room:view'] });
    expectError(k.fail('get_chats_room', { roomJid: 'missing' }), 403, 'missing.any.permissions', /chat:chat:access, chat:room:view/);
    // Operations that require no permissions keep working.
    expect(k.ok('get_chats_room_participant', { roomJid: roomA, participantJid: k.me.jid })).toEqual({ participantJid: k.me.jid });
    k.control('permissions', { grant: ['chat:chat:access'] });
    expect(k.ok('get_chats_room', { roomJid: roomA })).toHaveProperty('jid', roomA);
  });
});
