import { describe, expect, it } from 'vitest';
import { createClock } from '../core/clock';
import { createGenesysService, ME_JID, ME_USER_ID } from './index';
import { createKit, T0, type Kit, type Listing, type Message } from './testkit';

/** The seeded org at each scale: shape, determinism, realism, and bench-scale cost. */

function everyRoomMessage(k: Kit): Message[] {
  const out: Message[] = [];
  for (const room of k.rooms.filter((r) => r.isMember)) {
    let before: string | undefined;
    for (;;) {
      const got = k.ok<Listing>('get_chats_room_messages', { roomJid: room.jid, limit: '100', ...(before ? { before } : {}) }).entities;
      if (got.length === 0) break;
      out.push(...got);
      before = got[0]!.dateCreated;
    }
  }
  return out;
}

describe('determinism', () => {
  it('the same seed gives the same org, byte for byte', () => {
    const a = createKit('demo', 11);
    const b = createKit('demo', 11);
    expect(b.svc.stats()).toEqual(a.svc.stats());
    expect(b.people).toEqual(a.people);
    expect(b.rooms).toEqual(a.rooms);
    for (const room of a.rooms.filter((r) => r.isMember)) {
      const args = { roomJid: room.jid, limit: '100' };
      expect(b.ok('get_chats_room_messages', args)).toEqual(a.ok('get_chats_room_messages', args));
      expect(b.ok('get_chats_room', args)).toEqual(a.ok('get_chats_room', args));
    }
  });

  it('another seed gives other people, rooms and messages, but the same caller', () => {
    const a = createKit('demo', 11);
    const b = createKit('demo', 12);
    expect(b.people[1]!.id).not.toBe(a.people[1]!.id);
    expect(b.rooms[0]!.jid).not.toBe(a.rooms[0]!.jid);
    expect(a.me).toEqual({ userId: ME_USER_ID, jid: ME_JID, name: 'Sam Rivera' });
    expect(b.me).toEqual(a.me);
  });

  it('seeded history ends before the clock reading at generation', () => {
    const k = createKit('demo', 4);
    for (const room of k.rooms.filter((r) => r.isMember)) {
      const newest = k.ok<Listing>('get_chats_room_messages', { roomJid: room.jid, limit: '1' }).entities[0]!;
      expect(Date.parse(newest.dateCreated)).toBeLessThan(T0);
      expect(Date.parse(newest.dateCreated)).toBeGreaterThan(T0 - 3 * 24 * 3_600_000);
    }
  });
});

describe('tiny', () => {
  it('has 3 rooms, 3 1:1s, a few dozen messages, a thread and pins', () => {
    const k = createKit('tiny', 1);
    expect(k.svc.stats()).toEqual({ rooms: 3, oneOnOnes: 3, messages: 45, people: 8 });
    expect(k.rooms.map((r) => [r.isMember, r.isOwner])).toEqual([[true, true], [true, false], [false, false]]);
    const a = k.ok<Listing>('get_chats_room_messages', { roomJid: k.rooms[0]!.jid }).entities;
    expect(a.filter((m) => m.parentThread).length).toBeGreaterThan(0);
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_room', { roomJid: k.rooms[0]!.jid }).pinnedMessages).toHaveLength(1);
    expect(k.ok<{ pinnedMessages: unknown[] }>('get_chats_user', { userId: k.people[1]!.id }).pinnedMessages).toHaveLength(1);
  });
});

describe('demo', () => {
  const k = createKit('demo', 1);

  it('has about a dozen rooms, fifteen 1:1s, ~10,000 messages and 40 named people', () => {
    const stats = k.svc.stats();
    expect(stats).toMatchObject({ rooms: 12, oneOnOnes: 15, people: 40 });
    expect(stats.messages).toBeGreaterThanOrEqual(9_500);
    expect(stats.messages).toBeLessThanOrEqual(10_500);
    expect(new Set(k.people.map((p) => p.name)).size).toBe(40);
    for (const p of k.people) {
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(p.jid).toMatch(/^[0-9a-f]{24}@demo-org\.orgspan\.com$/);
    }
  });

  it('reads like a real org: languages, emoji, links, long and short texts, mentions, reactions, edits, threads, pins', () => {
    const all = everyRoomMessage(k);
    const bodies = all.map((m) => m.body);
    expect(bodies.some((b) => /[\u3040-\u30ff]/.test(b))).toBe(true); // Japanese
    expect(bodies.some((b) => /[áéíóúñçãõàèüöäßłś]/i.test(b))).toBe(true);
    expect(bodies.some((b) => /\p{Extended_Pictographic}/u.test(b))).toBe(true);
    expect(bodies.some((b) => /https:\/\/\S+/.test(b))).toBe(true);
    expect(bodies.some((b) => b.length > 200)).toBe(true);
    expect(bodies.some((b) => b.length < 12)).toBe(true);
    expect(bodies.some((b) => b.includes('\n'))).toBe(true);
    const mentioned = all.filter((m) => m.mentions);
    expect(mentioned.length).toBeGreaterThan(50);
    for (const m of mentioned.slice(0, 20)) {
      const [userId, jid] = Object.entries(m.mentions!)[0]!;
      const person = k.people.find((p) => p.id === userId)!;
      expect(jid).toBe(person.jid);
      expect(m.body.startsWith(`@${person.name}`)).toBe(true);
    }
    expect(all.filter((m) => m.reactions).length).toBeGreaterThan(200);
    expect(all.filter((m) => m.edited && m.dateModified! > m.dateCreated).length).toBeGreaterThan(50);
    expect(all.filter((m) => m.parentThread).length).toBeGreaterThan(100);
    expect(new Set(all.map((m) => m.user.id)).size).toBeGreaterThan(30);
    const pinned = k.rooms.filter((r) => r.isMember).flatMap((r) => k.ok<{ pinnedMessages: unknown[] }>('get_chats_room', { roomJid: r.jid }).pinnedMessages);
    expect(pinned.length).toBeGreaterThan(3);
  });

  it('every seeded message can be fetched by id, and forged ids are not found', () => {
    const sample = k.ok<Listing>('get_chats_room_messages', { roomJid: k.rooms[0]!.jid, limit: '5' }).entities;
    for (const m of sample) expect(k.ok('get_chats_message', { messageId: m.id })).toEqual(m);
    const forged = sample[0]!.id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(k.fail('get_chats_message', { messageId: forged }).status).toBe(404);
  });
});

describe('bench', () => {
  it('generates ~1,000 conversations and 400,000 messages (one room of exactly 100,000) quickly and lean', () => {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const ab0 = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const svc = createGenesysService({ seed: 1, scale: 'bench', clock: createClock({ start: T0, frozen: true }) });
    const ms = performance.now() - t0;
    globalThis.gc?.();
    const mem = process.memoryUsage();
    const stats = svc.stats();
    console.log(
      JSON.stringify({
        bench: 'genesys-generate',
        scale: 'bench',
        ms: Math.round(ms),
        heapDeltaMB: +((mem.heapUsed - heap0) / 1e6).toFixed(1),
        arrayBuffersDeltaMB: +((mem.arrayBuffers - ab0) / 1e6).toFixed(1),
        rssMB: Math.round(mem.rss / 1e6),
        ...stats,
      }),
    );
    expect(stats.rooms! + stats.oneOnOnes!).toBe(1000);
    expect(stats.messages).toBe(400_000);
    expect(stats.people).toBe(500);
    const rooms = svc.control('rooms', {}) as Array<{ jid: string; messages: number; isMember: boolean }>;
    const big = rooms.filter((r) => r.messages === 100_000);
    expect(big).toHaveLength(1);
    expect(big[0]!.isMember).toBe(true);

    const ctx = { tokenUser: 't', pcid: 'p', clock: createClock({ start: T0, frozen: true }) };
    const history = (extra: Record<string, unknown>) =>
      (svc.tools.genesys_chat_get_chats_room_messages!({ PCID: 'p', roomJid: big[0]!.jid, limit: '100', ...extra }, ctx) as Listing).entities;
    const newest = history({});
    const oldest = history({ after: '0' });
    expect(newest).toHaveLength(100);
    expect(oldest).toHaveLength(100);
    expect(Date.parse(oldest[0]!.dateCreated)).toBeLessThan(T0 - 600 * 24 * 3_600_000);
  });
});
