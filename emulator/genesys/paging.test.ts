import { beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../core/types';
import { createKit, type Kit, type Listing, type Message } from './testkit';

/** History paging (limit / before / after / excludeMetadata), on the demo org's busiest room. */

let k: Kit;
let room: string;
let total: number;
const page = (extra: Record<string, unknown> = {}) => k.ok<Listing>('get_chats_room_messages', { roomJid: room, ...extra }).entities;
const times = (ms: Message[]) => ms.map((m) => Date.parse(m.dateCreated));

beforeAll(() => {
  k = createKit('demo', 3);
  const busiest = k.rooms.filter((r) => r.isMember).sort((a, b) => b.messages - a.messages)[0]!;
  room = busiest.jid;
  total = busiest.messages;
});

function walkBack(limit: string): Message[] {
  const out: Message[] = [];
  let before: string | undefined;
  for (;;) {
    const got = page({ limit, ...(before ? { before } : {}) });
    if (got.length === 0) return out;
    out.unshift(...got);
    before = got[0]!.dateCreated;
  }
}

describe('limit', () => {
  it('defaults to 25 and returns the newest messages, oldest first within the page', () => {
    const got = page();
    expect(got).toHaveLength(25);
    const t = times(got);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(got.at(-1)!.id).toBe(page({ limit: '1' })[0]!.id);
  });

  it('caps at 100', () => {
    expect(page({ limit: '500' })).toHaveLength(100);
    expect(page({ limit: '100' })).toHaveLength(100);
    expect(page({ limit: ' 7 ' })).toHaveLength(7);
  });

  it.each(['0', '-1', 'abc', '1.5', '1e3'])('rejects limit %j with 400 invalid.query.param.value', (limit) => {
    const err = k.fail('get_chats_room_messages', { roomJid: room, limit });
    expect(err.status).toBe(400);
    expect(err.body.code).toBe('invalid.query.param.value');
    expect(err.body.details).toEqual([{ errorCode: 'invalid.query.param.value', fieldName: 'limit' }]);
  });
});

describe('before / after', () => {
  it('walking back with before = oldest dateCreated visits every message exactly once', () => {
    const all = walkBack('100');
    expect(all).toHaveLength(total);
    expect(new Set(all.map((m) => m.id)).size).toBe(total);
    const t = times(all);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
  });

  it('walking forward with after = newest dateCreated visits every message exactly once', () => {
    const out: Message[] = [];
    let after = '0';
    for (;;) {
      const got = page({ limit: '100', after });
      if (got.length === 0) break;
      out.push(...got);
      after = got.at(-1)!.dateCreated;
    }
    expect(out.map((m) => m.id)).toEqual(walkBack('100').map((m) => m.id));
  });

  it('bounds are exclusive', () => {
    const ten = page({ limit: '10' });
    const pivot = ten[5]!;
    expect(page({ limit: '10', before: pivot.dateCreated }).at(-1)!.id).toBe(ten[4]!.id);
    expect(page({ limit: '10', after: pivot.dateCreated })[0]!.id).toBe(ten[6]!.id);
    expect(page({ after: pivot.dateCreated, before: ten[6]!.dateCreated })).toEqual([]);
    expect(page({ after: pivot.dateCreated, before: pivot.dateCreated })).toEqual([]);
  });

  it('with both bounds the page is the newest `limit` messages strictly between them', () => {
    const ten = page({ limit: '10' });
    const got = page({ after: ten[1]!.dateCreated, before: ten[8]!.dateCreated, limit: '3' });
    expect(got.map((m) => m.id)).toEqual([ten[5]!.id, ten[6]!.id, ten[7]!.id]);
  });

  it('with only after the page is the oldest `limit` messages after it', () => {
    const all = walkBack('100');
    const got = page({ after: all[9]!.dateCreated, limit: '3' });
    expect(got.map((m) => m.id)).toEqual(all.slice(10, 13).map((m) => m.id));
  });

  it('accepts epoch milliseconds, date-only and offset date-times', () => {
    const ten = page({ limit: '10' });
    const pivot = ten[5]!;
    const ms = String(Date.parse(pivot.dateCreated));
    expect(page({ limit: '10', before: ms })).toEqual(page({ limit: '10', before: pivot.dateCreated }));
    const plusTwo = new Date(Date.parse(pivot.dateCreated) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(page({ limit: '3', before: plusTwo })).toEqual(page({ limit: '3', before: pivot.dateCreated }));
    // A zone-less date-time is UTC.
    expect(page({ limit: '3', before: pivot.dateCreated.replace('Z', '') })).toEqual(page({ limit: '3', before: pivot.dateCreated }));
    const dayOnly = pivot.dateCreated.slice(0, 10);
    const earlier = page({ limit: '5', before: dayOnly });
    expect(earlier).toHaveLength(5);
    for (const m of earlier) expect(m.dateCreated < `${dayOnly}T00:00:00.000Z`).toBe(true);
  });

  it.each(['yesterday', '2025-13-01', '2025-02-30', '2025-06-02T25:00:00Z', '2025/06/02', '12:00'])('rejects %j with 400 invalid.date', (value) => {
    for (const param of ['before', 'after']) {
      const err = k.fail('get_chats_room_messages', { roomJid: room, [param]: value });
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err.status).toBe(400);
      expect(err.body).toMatchObject({ code: 'invalid.date', messageParams: { param, value } });
    }
  });
});

describe('metadata and deletions', () => {
  it('excludeMetadata drops reactions, mentions and thread links', () => {
    const full = page({ limit: '100' });
    expect(full.some((m) => m.reactions)).toBe(true);
    expect(full.some((m) => m.parentThread)).toBe(true);
    const bare = page({ limit: '100', excludeMetadata: true });
    expect(bare.map((m) => m.id)).toEqual(full.map((m) => m.id));
    for (const m of bare) {
      expect(Object.keys(m).filter((key) => ['reactions', 'mentions', 'thread', 'parentThread'].includes(key))).toEqual([]);
      expect(m.body).toBeTruthy();
    }
  });

  it('deleted messages leave no holes in a page', () => {
    const kit = createKit('tiny', 1);
    const jid = kit.rooms[0]!.jid; // the caller owns it, so it may delete anyone's message
    const six = kit.ok<Listing>('get_chats_room_messages', { roomJid: jid, limit: '6' }).entities.map((m) => m.id);
    kit.ok('delete_chats_room_message', { roomJid: jid, messageId: six[3] });
    const five = kit.ok<Listing>('get_chats_room_messages', { roomJid: jid, limit: '5' }).entities.map((m) => m.id);
    expect(five).toEqual([six[0], six[1], six[2], six[4], six[5]]);
    expect(kit.rooms[0]!.messages).toBe(11);
  });

  it('messages posted on a frozen clock still get strictly increasing dateCreated', () => {
    const kit = createKit('tiny', 1);
    const jid = kit.rooms[0]!.jid;
    const ids = ['a', 'b', 'c'].map((message) => kit.ok<{ id: string }>('post_chats_room_messages', { roomJid: jid, message }).id);
    const got = kit.ok<Listing>('get_chats_room_messages', { roomJid: jid, limit: '3' }).entities;
    expect(got.map((m) => m.id)).toEqual(ids);
    const t = times(got);
    expect(t[1]!).toBeGreaterThan(t[0]!);
    expect(t[2]!).toBeGreaterThan(t[1]!);
    expect(kit.ok<Listing>('get_chats_room_messages', { roomJid: jid, before: got[2]!.dateCreated, limit: '1' }).entities[0]!.id).toBe(ids[1]);
  });

  it('1:1 and thread history page the same way', () => {
    const kit = createKit('demo', 3);
    const partner = kit.control<Array<{ id: string; messages: number }>>('oneOnOnes').sort((a, b) => b.messages - a.messages)[0]!;
    const dm = (extra: Record<string, unknown>) => kit.ok<Listing>('get_chats_user_messages', { userId: partner.id, ...extra }).entities;
    const newest = dm({ limit: '4' });
    expect(newest).toHaveLength(4);
    expect(dm({ limit: '2', before: newest[2]!.dateCreated }).map((m) => m.id)).toEqual([newest[0]!.id, newest[1]!.id]);
    expect(dm({ limit: '2', after: newest[1]!.dateCreated }).map((m) => m.id)).toEqual([newest[2]!.id, newest[3]!.id]);
  });
});
