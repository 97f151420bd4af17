import { beforeAll, describe, expect, it } from 'vitest';
import { accountOfType, accountsOf, allPages, expectError, kit, T0, type Kit } from './testkit';

const LIST_TOOLS_WITH_LIMIT = ['list_all_chats', 'list_chat_messages', 'list_all_messages', 'list_all_attendees', 'list_chats_by_attendee', 'list_messages_by_attendee'];
const LIST_TOOLS_WITH_DATES = ['list_all_chats', 'list_chat_messages', 'list_all_messages', 'list_chats_by_attendee', 'list_messages_by_attendee'];

/** Newest first by (timestamp, id), strictly: no ties left unordered, no duplicates. */
function expectStrictlyDescending(items: Array<{ id: string; timestamp: string | null }>): void {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const ok = a.timestamp! > b.timestamp! || (a.timestamp === b.timestamp && a.id > b.id);
    if (!ok) throw new Error(`order broken at ${i}: ${a.timestamp}/${a.id} then ${b.timestamp}/${b.id}`);
  }
}

function expectUnique(items: Array<{ id: string }>): void {
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
}

describe('list parameters', () => {
  let k: Kit;
  let required: Record<string, Record<string, unknown>>;
  beforeAll(() => {
    k = kit('tiny');
    const chat = k.call('list_all_chats', {}).items[0];
    const other = k.call('list_attendees', { chat_id: chat.id }).items[1];
    required = { list_chat_messages: { chat_id: chat.id }, list_chats_by_attendee: { attendee_id: other.id }, list_messages_by_attendee: { sender_id: other.id } };
  });

  it.each(LIST_TOOLS_WITH_LIMIT)('%s rejects limit 0, 251 and 2.5 with 400 invalid_parameters and accepts 1 and 250', (tool) => {
    for (const limit of [0, 251, 2.5, -1]) expectError(k.fail(tool, { ...required[tool], limit }), 400, 'errors/invalid_parameters');
    expect(k.call(tool, { ...required[tool], limit: 1 }).items.length).toBeLessThanOrEqual(1);
    expect(k.call(tool, { ...required[tool], limit: 250 }).object).toMatch(/List$/);
  });

  it.each(LIST_TOOLS_WITH_DATES)('%s rejects dates that are not YYYY-MM-DDTHH:MM:SS.sssZ', (tool) => {
    for (const bad of ['2025-01-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000+01:00', '2025-13-45T00:00:00.000Z', 'yesterday', '3025-01-01T00:00:00.000Z'.replace('3', '5')]) {
      expectError(k.fail(tool, { ...required[tool], before: bad }), 400, 'errors/invalid_parameters');
      expectError(k.fail(tool, { ...required[tool], after: bad }), 400, 'errors/invalid_parameters');
    }
    expect(k.call(tool, { ...required[tool], after: '2020-01-01T00:00:00.000Z' }).object).toMatch(/List$/);
  });

  it('rejects a cursor that is not one of ours', () => {
    for (const cursor of ['%%%', Buffer.from('not json').toString('base64'), Buffer.from('{"limit":5}').toString('base64'), Buffer.from('{"limit":900,"cursor":{"last_id":"x"}}').toString('base64')]) {
      expectError(k.fail('list_all_messages', { cursor }), 400, 'errors/invalid_parameters');
    }
  });

  it('list_attendees returns everything with cursor null, self first', () => {
    const chat = k.call('list_all_chats', {}).items.find((c: any) => c.type !== 0);
    const res = k.call('list_attendees', { chat_id: chat.id });
    expect(res.object).toBe('ChatAttendeeList');
    expect(res.cursor).toBeNull();
    expect(res.items[0].is_self).toBe(1);
    expect(res.items.length).toBeGreaterThan(2);
  });
});

describe('cursor paging (demo scale)', () => {
  let k: Kit;
  beforeAll(() => {
    k = kit('demo', 3);
  });

  it('list_all_messages visits every visible message exactly once, newest first', () => {
    const { items, pages } = allPages(k, 'list_all_messages', { limit: 97 });
    const store = k.svc.store;
    let visible = 0;
    for (let n = 0; n < store.messageCount; n++) if (store.isVisible(n)) visible++;
    expect(items).toHaveLength(visible);
    expect(visible).toBeGreaterThan(8000);
    expect(pages).toBe(Math.ceil(visible / 97));
    expectUnique(items);
    expectStrictlyDescending(items);
  });

  it('defaults to 100 items per page', () => {
    const page = k.call('list_all_messages', {});
    expect(page.items).toHaveLength(100);
    expect(JSON.parse(Buffer.from(page.cursor, 'base64').toString()).limit).toBe(100);
  });

  it('cursors are base64 JSON carrying the filters, the limit and {last_id, last_date}', () => {
    const slack = accountOfType(k, 'SLACK');
    const page = k.call('list_all_messages', { limit: 5, account_id: slack.id });
    const decoded = JSON.parse(Buffer.from(page.cursor, 'base64').toString('utf8'));
    expect(decoded).toEqual({ account_id: slack.id, limit: 5, cursor: { last_id: page.items[4].id, last_date: page.items[4].timestamp } });
  });

  it('with a cursor, other filters are ignored and an explicit limit is honoured', () => {
    const slack = accountOfType(k, 'SLACK');
    const wa = accountOfType(k, 'WHATSAPP');
    const first = k.call('list_all_chats', { limit: 3, account_type: 'SLACK' });
    const second = k.call('list_all_chats', { cursor: first.cursor, account_type: 'WHATSAPP', account_id: wa.id, limit: 4 });
    expect(second.items).toHaveLength(4);
    expect(second.items.every((c: any) => c.account_id === slack.id)).toBe(true);
    const third = k.call('list_all_chats', { cursor: second.cursor });
    const decoded = JSON.parse(Buffer.from(second.cursor, 'base64').toString('utf8'));
    expect(decoded.limit).toBe(4);
    expect(third.items.length).toBeLessThanOrEqual(4);
    expect(third.items.every((c: any) => c.account_type === 'SLACK')).toBe(true);
  });

  it('list_all_chats pages every chat once, newest first, and each page respects the limit', () => {
    const { items } = allPages(k, 'list_all_chats', { limit: 7 });
    expect(items).toHaveLength(k.svc.stats().chats);
    expectUnique(items);
    expectStrictlyDescending(items);
    expect(items.every((c) => !('lastMessage' in c) && c.object === 'Chat')).toBe(true);
  });

  it('list_all_attendees pages every attendee once (cursor holds only last_id)', () => {
    const { items } = allPages(k, 'list_all_attendees', { limit: 13 });
    expect(items).toHaveLength(k.svc.stats().attendees);
    expectUnique(items);
    const page = k.call('list_all_attendees', { limit: 13 });
    expect(JSON.parse(Buffer.from(page.cursor, 'base64').toString()).cursor).toEqual({ last_id: page.items[12].id });
    const wa = accountOfType(k, 'WHATSAPP');
    const only = allPages(k, 'list_all_attendees', { limit: 10, account_id: wa.id }).items;
    expect(only.length).toBeGreaterThan(10);
    expect(only.every((a) => a.account_id === wa.id)).toBe(true);
    expect(only.filter((a) => a.is_self === 1)).toHaveLength(1);
  });

  it('list_chat_messages pages a long chat completely', () => {
    const store = k.svc.store;
    const busiest = store.chats.reduce((a, b) => (store.seqsForChat(a)[0]!.length >= store.seqsForChat(b)[0]!.length ? a : b));
    const { items } = allPages(k, 'list_chat_messages', { chat_id: busiest.id, limit: 50 });
    const expected = Array.from(store.seqsForChat(busiest)[0]!).filter((n) => store.isVisible(n)).length;
    expect(items).toHaveLength(expected);
    expect(items.length).toBeGreaterThan(200);
    expectUnique(items);
    expectStrictlyDescending(items);
    expect(items.every((m) => m.chat_id === busiest.id)).toBe(true);
  });

  it('list_messages_by_attendee and list_chats_by_attendee page completely', () => {
    const wa = accountOfType(k, 'WHATSAPP');
    const dms = allPages(k, 'list_all_chats', { account_id: wa.id, limit: 250 }).items.filter((c) => c.type === 0);
    const people = dms.slice(0, 4).map((c) => c.attendee_provider_id);
    const chats = allPages(k, 'list_chats_by_attendee', { attendee_id: people.join(','), limit: 2 }).items;
    expect(chats.map((c) => c.id).sort()).toEqual(dms.slice(0, 4).map((c) => c.id).sort());
    expectStrictlyDescending(chats);

    const sender = k.svc.store.attendeesByProviderId(people[0]!)[0]!;
    const msgs = allPages(k, 'list_messages_by_attendee', { sender_id: sender.id, limit: 7 }).items;
    expect(msgs.length).toBeGreaterThan(7);
    expect(msgs.every((m) => m.sender_attendee_id === sender.id)).toBe(true);
    expectUnique(msgs);
    expectStrictlyDescending(msgs);
  });
});

describe('filters', () => {
  let k: Kit;
  beforeAll(() => {
    k = kit('demo', 5);
  });

  it('before and after are exclusive bounds', () => {
    const items = k.call('list_all_messages', { limit: 50 }).items;
    const pivot = items[20];
    const after = allPages(k, 'list_all_messages', { after: pivot.timestamp, limit: 250 }).items;
    expect(after.map((m) => m.id)).toEqual(items.slice(0, 20).map((m: any) => m.id));
    const before = k.call('list_all_messages', { before: pivot.timestamp, limit: 5 }).items;
    expect(before.map((m: any) => m.id)).toEqual(items.slice(21, 26).map((m: any) => m.id));
    const chats = k.call('list_all_chats', { limit: 10 }).items;
    const newer = k.call('list_all_chats', { after: chats[3].timestamp }).items;
    expect(newer.map((c: any) => c.id)).toEqual(chats.slice(0, 3).map((c: any) => c.id));
    const window = k.call('list_chat_messages', { chat_id: items[0].chat_id, before: items[0].timestamp, after: '2000-01-01T00:00:00.000Z', limit: 3 }).items;
    expect(window.every((m: any) => m.timestamp < items[0].timestamp)).toBe(true);
  });

  it('unread=true and unread=false split the chats', () => {
    const all = allPages(k, 'list_all_chats', { limit: 250 }).items;
    const unread = allPages(k, 'list_all_chats', { unread: true }).items;
    const read = allPages(k, 'list_all_chats', { unread: false }).items;
    expect(unread.length).toBeGreaterThan(0);
    expect(read.length).toBeGreaterThan(0);
    expect(unread.every((c) => c.unread_count > 0)).toBe(true);
    expect(read.every((c) => c.unread_count === 0)).toBe(true);
    expect(unread.length + read.length).toBe(all.length);
  });

  it('account_type and comma-separated account_id narrow chats; an unknown account gives an empty list', () => {
    const tg = k.call('list_all_chats', { account_type: 'TELEGRAM' }).items;
    expect(tg.length).toBeGreaterThan(3);
    expect(tg.every((c: any) => c.account_type === 'TELEGRAM')).toBe(true);
    const [a, b] = accountsOf(k);
    const two = allPages(k, 'list_all_chats', { account_id: `${a!.id},${b!.id}`, limit: 250 }).items;
    expect(new Set(two.map((c) => c.account_id))).toEqual(new Set([a!.id, b!.id]));
    expect(k.call('list_all_chats', { account_id: 'AAAAAAAAAAAAAAAAAAAAAA' }).items).toEqual([]);
    expectError(k.fail('list_all_chats', { account_type: 'ICQ' }), 400, 'errors/invalid_parameters');
  });

  it('list_all_messages filters by account_id and sender_id (provider or attendee id); unknown ones are 404', () => {
    const li = accountOfType(k, 'LINKEDIN');
    const msgs = k.call('list_all_messages', { account_id: li.id, limit: 100 }).items;
    expect(msgs.length).toBeGreaterThan(10);
    expect(msgs.every((m: any) => m.account_id === li.id)).toBe(true);
    const someone = msgs.find((m: any) => m.is_sender === 0);
    const byPid = k.call('list_all_messages', { sender_id: someone.sender_id, limit: 250 }).items;
    const byId = k.call('list_all_messages', { sender_id: someone.sender_attendee_id, limit: 250 }).items;
    expect(byPid.length).toBeGreaterThan(0);
    expect(byPid).toEqual(byId);
    expect(byPid.every((m: any) => m.sender_id === someone.sender_id)).toBe(true);
    expectError(k.fail('list_all_messages', { account_id: 'nope' }), 404, 'errors/resource_not_found');
    expectError(k.fail('list_all_messages', { sender_id: 'nobody' }), 404, 'errors/resource_not_found');
    const inChat = k.call('list_chat_messages', { chat_id: someone.chat_id, sender_id: someone.sender_id, limit: 250 }).items;
    expect(inChat.length).toBeGreaterThan(0);
    expect(inChat.every((m: any) => m.sender_id === someone.sender_id && m.chat_id === someone.chat_id)).toBe(true);
    expect(k.call('list_chat_messages', { chat_id: someone.chat_id, sender_id: 'stranger' }).items).toEqual([]);
  });

  it('list_chats_by_attendee only returns 1:1 chats and honours account_id', () => {
    const group = allPages(k, 'list_all_chats', { limit: 250 }).items.find((c) => c.type === 1);
    const member = k.call('list_attendees', { chat_id: group.id }).items.find((a: any) => a.is_self === 0);
    const chats = k.call('list_chats_by_attendee', { attendee_id: member.provider_id }).items;
    expect(chats.every((c: any) => c.type === 0 && c.attendee_provider_id === member.provider_id)).toBe(true);
    expect(k.call('list_chats_by_attendee', { attendee_id: member.id, account_id: 'AAAAAAAAAAAAAAAAAAAAAA' }).items).toEqual([]);
  });
});

describe('incremental sync through list_all_messages(after)', () => {
  it('returns exactly what happened since, across chats, including same-millisecond ties', () => {
    const k = kit('demo', 11);
    const since = new Date(k.clock.now()).toISOString();
    k.clock.advance(1000);
    const chats = k.call('list_all_chats', { limit: 8 }).items.filter((c: any) => c.read_only === 0);
    const sent: string[] = [];
    // The clock does not move: every message shares one timestamp, so only the id orders them.
    for (const chat of chats) sent.push(k.call('send_message_in_chat', { chat_id: chat.id, text: `hi ${chat.name}` }).message_id);
    for (const chat of chats.slice(0, 3)) sent.push((k.svc.control('post', { chatId: chat.id, text: 'incoming' }) as { message_id: string }).message_id);
    const { items, pages } = allPages(k, 'list_all_messages', { after: since, limit: 2 });
    expect(pages).toBe(Math.ceil(sent.length / 2));
    expect(items.map((m) => m.id).sort()).toEqual([...sent].sort());
    expectStrictlyDescending(items);
    expect(new Set(items.map((m) => m.timestamp))).toEqual(new Set([new Date(T0 + 1000).toISOString()]));
    // A client resuming from the newest item it saw gets nothing new.
    expect(k.call('list_all_messages', { after: items[0].timestamp }).items).toEqual([]);
  });

  it('hides not-yet-synced history from every list', () => {
    const k = kit('tiny');
    const chat = k.svc.store.chats[0]!;
    const seeded = k.svc.store.seqsForChat(chat)[0]!.length;
    const listed = allPages(k, 'list_chat_messages', { chat_id: chat.id }).items.length;
    expect(listed).toBe(seeded - 2);
    const everywhere = allPages(k, 'list_all_messages', { limit: 250 }).items.filter((m) => m.chat_id === chat.id).length;
    expect(everywhere).toBe(listed);
  });
});
