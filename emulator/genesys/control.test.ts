import { beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { UpstreamError } from '../core/types';
import { ME_USER_ID } from './index';
import { createKit, type Kit, type Listing, type Message } from './testkit';

/** The control actions (acting as other people) and the simulated world. */

let k: Kit;
let roomA: string;
let roomC: string;
let p: string[];

beforeEach(() => {
  k = createKit('tiny', 1);
  roomA = k.rooms[0]!.jid;
  roomC = k.rooms[2]!.jid;
  p = k.people.map((x) => x.id);
});

const newest = (roomJid: string) => k.ok<Listing>('get_chats_room_messages', { roomJid, limit: '1' }).entities[0]!;

describe('directory actions', () => {
  it('me, people, rooms and oneOnOnes describe the org', () => {
    expect(k.control('me')).toEqual({ userId: ME_USER_ID, jid: k.people[0]!.jid, name: 'Sam Rivera' });
    expect(k.control<unknown[]>('people')).toHaveLength(8);
    expect(k.people[0]).toEqual({ id: ME_USER_ID, name: 'Sam Rivera', jid: k.me.jid });
    expect(k.rooms.map((r) => r.messages)).toEqual([12, 10, 8]);
    expect(k.control<Array<{ id: string; messages: number }>>('oneOnOnes').map((c) => [c.id, c.messages])).toEqual([
      [p[1], 6],
      [p[2], 5],
      [p[3], 4],
    ]);
  });

  it('stats counts rooms, 1:1s, live messages and people', () => {
    expect(k.svc.stats()).toEqual({ rooms: 3, oneOnOnes: 3, messages: 45, people: 8 });
    const id = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'x' }).id;
    expect(k.svc.stats().messages).toBe(46);
    k.ok('delete_chats_room_message', { roomJid: roomA, messageId: id });
    expect(k.svc.stats().messages).toBe(45);
  });
});

describe('acting as other people', () => {
  it('post in a room defaults to a member other than me and returns the id', () => {
    const { id } = k.control<{ id: string }>('post', { roomJid: roomA, text: 'from the world' });
    expect(newest(roomA)).toMatchObject({ id, body: 'from the world', user: { id: p[1] } });
  });

  it('post honours fromUserId, threadId and mentions', () => {
    const root = k.ok<{ id: string }>('post_chats_room_messages', { roomJid: roomA, message: 'root' }).id;
    const { id } = k.control<{ id: string }>('post', { roomJid: roomA, fromUserId: p[3], text: '@Sam look', threadId: root, mentions: [ME_USER_ID] });
    expect(k.ok<Message>('get_chats_message', { messageId: id })).toMatchObject({
      user: { id: p[3] },
      thread: { id: root },
      parentThread: { id: root },
      mentions: { [ME_USER_ID]: k.me.jid },
    });
  });

  it('post in a 1:1 is written by the other side unless fromUserId is me; it can start a new 1:1', () => {
    const theirs = k.control<{ id: string }>('post', { userId: p[6], text: 'psst' }).id;
    const mine = k.control<{ id: string }>('post', { userId: p[6], fromUserId: ME_USER_ID, text: 'yes?' }).id;
    const dm = k.ok<Listing>('get_chats_user_messages', { userId: p[6] }).entities;
    expect(dm.map((m) => [m.id, m.user.id, m.toJid])).toEqual([
      [theirs, p[6], k.me.jid],
      [mine, ME_USER_ID, k.people[6]!.jid],
    ]);
    expect(k.svc.stats().oneOnOnes).toBe(4);
  });

  it('post follows the service rules and rejects bad parameters', () => {
    expect(() => k.control('post', { roomJid: roomA, fromUserId: p[7], text: 'x' })).toThrow(UpstreamError);
    expect(() => k.control('post', { roomJid: roomA, userId: p[1], text: 'x' })).toThrow(/exactly one of roomJid or userId/);
    expect(() => k.control('post', { roomJid: roomA })).toThrow(RangeError);
    expect(() => k.control('post', { roomJid: 'nope', text: 'x' })).toThrow(/no room/);
    expect(() => k.control('post', { userId: p[1], fromUserId: p[2], text: 'x' })).toThrow(/fromUserId must be userId or me/);
    expect(() => k.control('post', { userId: ME_USER_ID, text: 'x' })).toThrow(RangeError);
    expect(k.svc.stats().messages).toBe(45);
  });

  it('react adds one emoji for that user', () => {
    const id = newest(roomA).id;
    k.control('react', { messageId: id, fromUserId: p[2], emoji: '🔥' });
    k.control('react', { messageId: id, fromUserId: p[2], emoji: '🔥' });
    const fire = k.ok<Message>('get_chats_message', { messageId: id }).reactions!.find((r) => r.emoji === '🔥')!;
    expect(fire.users.filter((u) => u.id === p[2])).toHaveLength(1);
    expect(() => k.control('react', { messageId: id, fromUserId: p[7], emoji: '🔥' })).toThrow(UpstreamError);
    k.ok('patch_chats_settings', { reactionsEnabled: false });
    expect(() => k.control('react', { messageId: id, fromUserId: p[2], emoji: '👀' })).toThrow(/disabled/);
  });

  it('edit and delete act as the message\'s author', () => {
    const { id } = k.control<{ id: string }>('post', { roomJid: roomA, fromUserId: p[2], text: 'draft' });
    k.clock.advance(5_000);
    expect(k.control('edit', { messageId: id, text: 'final' })).toEqual({ id });
    expect(k.ok<Message>('get_chats_message', { messageId: id })).toMatchObject({ body: 'final', edited: true, dateModified: new Date(k.clock.now()).toISOString() });
    k.control('delete', { messageId: id });
    expect(k.fail('get_chats_message', { messageId: id }).status).toBe(404);
    expect(() => k.control('delete', { messageId: id })).toThrow(/no message/);
  });

  it('createRoom makes a room with me in it unless userIds says otherwise', () => {
    const { jid } = k.control<{ jid: string }>('createRoom', { subject: 'Surprise', fromUserId: p[4] });
    expect(k.ok('get_chats_room', { roomJid: jid })).toMatchObject({ subject: 'Surprise', owners: [{ id: p[4] }] });
    expect(k.ok<Listing>('get_chats_room_messages', { roomJid: jid })).toEqual({ entities: [] });
    const other = k.control<{ jid: string }>('createRoom', { subject: 'Private', fromUserId: p[4], userIds: [p[5]] }).jid;
    expect(k.fail('get_chats_room_messages', { roomJid: other }).status).toBe(403);
    expect(() => k.control('createRoom', { subject: 'x', fromUserId: 'ghost' })).toThrow(/not a user/);
  });

  it('join adds someone to a room', () => {
    k.control('join', { roomJid: roomC, userId: ME_USER_ID });
    expect(k.ok<Listing>('get_chats_room_messages', { roomJid: roomC }).entities).toHaveLength(8);
  });

  it('permissions revokes, grants and resets the caller\'s permissions', () => {
    const after = k.control<{ permissions: string[] }>('permissions', { revoke: ['chat:room:add', 'chat:chat:access'] }).permissions;
    expect(after).not.toContain('chat:room:add');
    expect(k.fail('post_chats_rooms', { subject: 'x' }).body.code).toBe('missing.any.permissions');
    k.control('permissions', { grant: ['chat:room:add'] });
    expect(k.ok('post_chats_rooms', { subject: 'x' })).toHaveProperty('jid');
    expect(k.control<{ permissions: string[] }>('permissions', { reset: true }).permissions).toHaveLength(19);
    expect(() => k.control('permissions', { revoke: 'all' })).toThrow(RangeError);
  });

  it('an unknown action is an error that lists the known ones', () => {
    expect(() => k.control('explode')).toThrow(/unknown action 'explode' \(known: me, people, rooms, oneOnOnes, post, react, edit, delete, createRoom, join, permissions\)/);
  });
});

describe('simulateActivity', () => {
  const run = (seed: number, events: number) => {
    const kit = createKit('tiny', 1);
    const rng = createRng(seed);
    for (let i = 0; i < events; i++) kit.svc.simulateActivity(rng);
    return kit;
  };

  it('other people post, reply, react, edit and open rooms with me, where I can see it', () => {
    const kit = run(5, 300);
    const stats = kit.svc.stats();
    expect(stats.messages).toBeGreaterThan(45 + 150);
    expect(stats.rooms).toBeGreaterThan(3);
    const visible = kit.rooms.filter((r) => r.isMember);
    const posted: Message[] = [];
    for (const r of visible) posted.push(...kit.ok<Listing>('get_chats_room_messages', { roomJid: r.jid, limit: '100' }).entities);
    expect(posted.some((m) => m.parentThread)).toBe(true);
    expect(posted.some((m) => m.edited && m.body.endsWith('✏️'))).toBe(true);
    expect(posted.some((m) => m.reactions && m.reactions.length > 0)).toBe(true);
    expect(posted.some((m) => m.mentions?.[ME_USER_ID] === kit.me.jid)).toBe(true);
    expect(kit.rooms.slice(3).every((r) => r.isMember)).toBe(true);
    // The room the caller is not in stays untouched.
    expect(kit.rooms[2]!.messages).toBe(8);
    // Nothing the world did was by the caller.
    const dmAuthors = kit.control<Array<{ id: string }>>('oneOnOnes').flatMap((c) => kit.ok<Listing>('get_chats_user_messages', { userId: c.id, limit: '100' }).entities);
    expect(dmAuthors.filter((m) => Date.parse(m.dateCreated) >= kit.clock.now()).every((m) => m.user.id !== ME_USER_ID)).toBe(true);
  });

  it('is deterministic for the same rng seed', () => {
    const a = run(9, 100);
    const b = run(9, 100);
    expect(b.svc.stats()).toEqual(a.svc.stats());
    expect(b.rooms).toEqual(a.rooms);
    const args = { roomJid: a.rooms[0]!.jid, limit: '50' };
    expect(b.ok('get_chats_room_messages', args)).toEqual(a.ok('get_chats_room_messages', args));
    expect(run(10, 100).ok('get_chats_room_messages', args)).not.toEqual(a.ok('get_chats_room_messages', args));
  });

  it('skips reactions when the org has them off', () => {
    const kit = createKit('tiny', 1);
    kit.ok('patch_chats_settings', { reactionsEnabled: false });
    const seeded = kit.ok<Listing>('get_chats_room_messages', { roomJid: kit.rooms[0]!.jid }).entities;
    const rng = createRng(5);
    for (let i = 0; i < 200; i++) kit.svc.simulateActivity(rng);
    const ids = seeded.map((m) => m.id).join(',');
    expect(kit.ok<Listing>('get_chats_room_message', { roomJid: kit.rooms[0]!.jid, messageIds: ids }).entities.map((m) => m.reactions)).toEqual(seeded.map((m) => m.reactions));
    let fresh = 0;
    for (const r of kit.rooms.filter((x) => x.isMember)) {
      const page = kit.ok<Listing>('get_chats_room_messages', { roomJid: r.jid, limit: '100', after: String(kit.clock.now() - 1) }).entities;
      fresh += page.length;
      for (const m of page) expect(m.reactions).toBeUndefined();
    }
    expect(fresh).toBeGreaterThan(50);
  });
});
