import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBinaryPayload } from '../core/types';
import { accountOfType, allPages, expectError, kit, messagesOf, type Kit } from './testkit';

const MESSAGE_REQUIRED = ['provider_id', 'sender_id', 'text', 'attachments', 'id', 'account_id', 'chat_id', 'chat_provider_id', 'timestamp', 'is_sender', 'reactions', 'seen', 'seen_by', 'hidden', 'deleted', 'edited', 'is_event', 'delivered', 'behavior', 'original', 'sender_attendee_id'];
const CHAT_REQUIRED = ['object', 'id', 'account_id', 'account_type', 'provider_id', 'name', 'type', 'timestamp', 'unread_count', 'archived', 'muted_until', 'read_only'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('wire shapes', () => {
  let k: Kit;
  let messages: any[];
  beforeAll(() => {
    k = kit('demo', 21);
    messages = allPages(k, 'list_all_messages', { limit: 250 }).items;
  });

  it('messages carry every required key, numeric 0/1 flags and boolean reaction flags', () => {
    for (const m of messages.slice(0, 400)) {
      expect(m.object).toBe('Message');
      for (const key of MESSAGE_REQUIRED) expect(m, key).toHaveProperty(key);
      for (const flag of ['is_sender', 'seen', 'hidden', 'deleted', 'edited', 'is_event', 'delivered']) expect([0, 1]).toContain(m[flag]);
      expect(m.behavior).toBeNull();
      expect(m.timestamp).toMatch(ISO);
      expect(m.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(() => JSON.parse(m.original)).not.toThrow();
      for (const r of m.reactions) expect(typeof r.is_sender).toBe('boolean');
      if (!m.quoted) expect('quoted' in m).toBe(false);
    }
  });

  it('attachments follow the discriminated union and use att:// urls', () => {
    const atts = messages.flatMap((m) => m.attachments);
    const types = new Set(atts.map((a) => a.type));
    for (const t of ['img', 'video', 'audio', 'file']) expect(types.has(t)).toBe(true);
    for (const a of atts) {
      expect(typeof a.unavailable).toBe('boolean');
      expect(a.file_size).toBeGreaterThan(0);
      if (!a.unavailable) expect(a.url).toMatch(/^att:\/\//);
      if (a.type === 'img') expect(a.size.width > 0 && typeof a.sticker === 'boolean').toBe(true);
      if (a.type === 'video') expect(typeof a.gif).toBe('boolean');
      if (a.type === 'audio') expect(typeof a.voice_note).toBe('boolean');
      if (a.type === 'file') expect(a.file_name).toMatch(/\.\w+$/);
    }
    expect(atts.some((a) => a.unavailable)).toBe(true);
  });

  it('quotes, events, edits, deletes, Slack threads and LinkedIn fields all appear', () => {
    const quoted = messages.find((m) => m.quoted);
    expect(Object.keys(quoted.quoted).sort()).toEqual(['attachments', 'provider_id', 'sender_id', 'text']);
    expect(messages.some((m) => m.is_event === 1 && m.event_type === 3)).toBe(true);
    expect(messages.some((m) => m.is_event === 1 && (m.event_type === 8 || m.event_type === 9))).toBe(true);
    expect(messages.some((m) => m.edited === 1)).toBe(true);
    const deleted = messages.find((m) => m.deleted === 1);
    expect(deleted.text).toBeNull();
    const reply = messages.find((m) => m.parent);
    const root = k.call('get_message', { message_id: reply.parent });
    expect(root.replies).toBeGreaterThan(0);
    expect(root.reply_by).toContain(reply.sender_id);
    expect(JSON.parse(reply.original).thread_ts).toBe(root.provider_id);
    const li = messages.find((m) => m.message_type);
    expect(li.sender_urn).toBe(`urn:li:fsd_profile:${li.sender_id}`);
    expect(['MEMBER', 'ORGANIZATION']).toContain(li.attendee_type);
    const inmail = messages.find((m) => m.message_type === 'INMAIL');
    expect(typeof inmail.subject).toBe('string');
  });

  it('read receipts: own messages seen by the other side, incoming ones by the account', () => {
    const wa = accountOfType(k, 'WHATSAPP');
    const mine = messages.find((m) => m.account_id === wa.id && m.is_sender === 1 && m.seen === 1);
    expect(Object.keys(mine.seen_by).length).toBeGreaterThan(0);
    expect(Object.values(mine.seen_by).every((t) => (t as string) >= mine.timestamp)).toBe(true);
    const theirs = messages.find((m) => m.account_id === wa.id && m.is_sender === 0 && m.seen === 1);
    expect(Object.keys(theirs.seen_by)).toEqual([wa.self_provider_id]);
  });

  it('provider ids follow each network', () => {
    const chats = allPages(k, 'list_all_chats', { limit: 250 }).items;
    const byType = (t: string) => chats.filter((c) => c.account_type === t);
    expect(byType('WHATSAPP').every((c) => /@(s\.whatsapp\.net|g\.us)$/.test(c.provider_id))).toBe(true);
    expect(byType('WHATSAPP').filter((c) => c.type === 1).every((c) => c.provider_id.endsWith('@g.us'))).toBe(true);
    expect(byType('LINKEDIN').filter((c) => c.type === 0).every((c) => c.attendee_provider_id.startsWith('ACoAA'))).toBe(true);
    expect(byType('SLACK').every((c) => /^[CDG]0[A-Z0-9]{9}$/.test(c.provider_id))).toBe(true);
  });

  it('chats carry the required keys; muted_until is null, -1 or a future date', () => {
    const chats = allPages(k, 'list_all_chats', { limit: 250 }).items;
    for (const c of chats) {
      for (const key of CHAT_REQUIRED) expect(c, key).toHaveProperty(key);
      expect([0, 1, 2]).toContain(c.type);
      expect([0, 1]).toContain(c.archived);
      expect([0, 1]).toContain(c.pinned);
      expect(c.muted_until === null || c.muted_until === -1 || (typeof c.muted_until === 'string' && c.muted_until > new Date(k.clock.now()).toISOString())).toBe(true);
    }
    expect(chats.some((c) => c.muted_until === -1)).toBe(true);
    expect(chats.some((c) => c.read_only === 1)).toBe(true);
    expect(chats.some((c) => c.disabledFeatures.includes('reactions'))).toBe(true);
    expect(chats.some((c) => c.labels?.length > 0)).toBe(true);
    const inmail = chats.find((c) => c.content_type === 'inmail');
    expect(inmail.subject.length).toBeGreaterThan(0);
    expect(inmail.folder).toEqual(['INBOX', 'INBOX_LINKEDIN_CLASSIC']);
  });
});

describe('get_chat', () => {
  let k: Kit;
  beforeAll(() => {
    k = kit('tiny');
  });

  it('adds lastMessage (without object) to the chat', () => {
    const chat = k.call('list_all_chats', {}).items[0];
    const full = k.call('get_chat', { chat_id: chat.id });
    expect({ ...full, lastMessage: undefined }).toEqual({ ...chat, lastMessage: undefined });
    expect(full.lastMessage.chat_id).toBe(chat.id);
    expect(full.lastMessage.timestamp).toBe(chat.timestamp);
    expect('object' in full.lastMessage).toBe(false);
  });

  it('accepts a provider id with account_id, and requires account_id for it', () => {
    const chat = k.call('list_all_chats', { account_type: 'WHATSAPP' }).items[0];
    expect(k.call('get_chat', { chat_id: chat.provider_id, account_id: chat.account_id }).id).toBe(chat.id);
    expectError(k.fail('get_chat', { chat_id: chat.provider_id }), 400, 'errors/invalid_parameters');
    const other = accountOfType(k, 'SLACK');
    expectError(k.fail('get_chat', { chat_id: chat.id, account_id: other.id }), 404, 'errors/resource_not_found');
    expectError(k.fail('get_chat', { chat_id: chat.id, account_id: 'missing' }), 404, 'errors/resource_not_found');
  });

  it('error bodies have the Unipile shape with the request path as instance', () => {
    const err = k.fail('get_chat', { chat_id: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(err.body).toEqual({ title: 'Not Found', detail: 'Chat not found', instance: '/api/v1/chats/AAAAAAAAAAAAAAAAAAAAAA', type: 'errors/resource_not_found', status: 404 });
    expect(Object.keys(err.body)).toEqual(['title', 'detail', 'instance', 'type', 'status']);
  });
});

describe('messages, attachments and attendees', () => {
  let k: Kit;
  beforeAll(() => {
    k = kit('tiny');
  });

  it('get_message matches the list item', () => {
    const m = k.call('list_all_messages', { limit: 5 }).items[3];
    expect(k.call('get_message', { message_id: m.id })).toEqual(m);
    expectError(k.fail('get_message', { message_id: k.svc.store.codec.encode('chat', 0) }), 404, 'errors/resource_not_found');
  });

  it('get_message_attachment returns real bytes of the listed size and type', () => {
    const msgs = allPages(k, 'list_all_messages', { limit: 250 }).items.filter((m) => m.attachments.length > 0);
    const seen = new Set<string>();
    for (const m of msgs) {
      for (const a of m.attachments) {
        const bin = k.call('get_message_attachment', { message_id: m.id, attachment_id: a.id });
        expect(isBinaryPayload(bin)).toBe(true);
        expect(bin.bytes.length).toBe(a.file_size);
        expect(bin.mimeType).toBe(a.mimetype);
        expect(typeof bin.fileName).toBe('string');
        if (a.mimetype === 'image/png') expect([...bin.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        if (a.mimetype === 'application/pdf') expect(Buffer.from(bin.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
        if (a.mimetype === 'audio/wav') expect(Buffer.from(bin.bytes.subarray(0, 4)).toString()).toBe('RIFF');
        seen.add(a.mimetype);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expectError(k.fail('get_message_attachment', { message_id: 'nope', attachment_id: 'x' }), 404, 'errors/resource_not_found');
  });

  it('attendee pictures are deterministic PNGs; groups have one by chat id; 1:1 chats and picture-less attendees are 404', () => {
    const attendees = allPages(k, 'list_all_attendees', { limit: 250 }).items;
    const withPic = attendees.filter((a) => a.picture_url);
    const withoutPic = attendees.find((a) => !a.picture_url);
    const pic = k.call('get_attendee_profile_picture', { id: withPic[0].id });
    expect(pic.mimeType).toBe('image/png');
    expect(inflateSync(Buffer.from(pic.bytes.subarray(41, pic.bytes.length - 16))).length).toBe(64 * (1 + 64 * 3));
    expect(k.call('get_attendee_profile_picture', { id: withPic[0].id }).bytes).toEqual(pic.bytes);
    expect(Buffer.from(k.call('get_attendee_profile_picture', { id: withPic[1].id }).bytes).equals(Buffer.from(pic.bytes))).toBe(false);
    expectError(k.fail('get_attendee_profile_picture', { id: withoutPic.id }), 404, 'errors/resource_not_found');
    const chats = k.call('list_all_chats', {}).items;
    const group = chats.find((c: any) => c.type !== 0);
    expect(k.call('get_attendee_profile_picture', { id: group.id }).mimeType).toBe('image/png');
    expectError(k.fail('get_attendee_profile_picture', { id: chats.find((c: any) => c.type === 0).id }), 404, 'errors/resource_not_found');
  });

  it('get_attendee_by_id accepts Unipile or provider id and honours account_id', () => {
    const a = allPages(k, 'list_all_attendees', { limit: 250 }).items.find((x) => x.is_self === 0);
    expect(k.call('get_attendee_by_id', { id: a.id })).toEqual(a);
    expect(k.call('get_attendee_by_id', { id: a.provider_id, account_id: a.account_id })).toEqual(a);
    const other = accountsNot(k, a.account_id);
    expectError(k.fail('get_attendee_by_id', { id: a.id, account_id: other }), 404, 'errors/resource_not_found');
  });

  it('LinkedIn attendees carry specifics with the network distance', () => {
    const li = accountOfType(k, 'LINKEDIN');
    const people = allPages(k, 'list_all_attendees', { account_id: li.id }).items;
    expect(people.find((p) => p.is_self === 1).specifics.network_distance).toBe('SELF');
    const other = people.find((p) => p.is_self === 0);
    expect(other.specifics).toMatchObject({ provider: 'LINKEDIN', member_urn: expect.stringMatching(/^urn:li:member:\d+$/), network_distance: expect.stringMatching(/^DISTANCE_[123]$/) });
    expect(other.profile_url).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
  });

  it('list_messages_by_attendee returns only that sender, self included', () => {
    const wa = accountOfType(k, 'WHATSAPP');
    const own = k.call('list_messages_by_attendee', { sender_id: wa.self_provider_id, limit: 250 }).items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((m: any) => m.is_sender === 1)).toBe(true);
    const chat = k.call('list_all_chats', { account_id: wa.id }).items[0];
    expect(messagesOf(k, chat.id).length).toBeGreaterThan(0);
  });
});

function accountsNot(k: Kit, id: string): string {
  return (k.svc.control('accounts', {}) as Array<{ id: string }>).find((a) => a.id !== id)!.id;
}
