import { describe, expect, it } from 'vitest';
import catalogJson from '../../shared/catalog/unipile-messaging.tools.json';
import { isBinaryPayload } from '../core/types';
import { createUnipileService } from './index';
import { accountOfType, allPages, expectError, kit, manualClock, messagesOf, type Kit } from './testkit';

function chatsByKind(k: Kit): Record<string, Array<{ id: string; kind: string; account_type: string }>> {
  const out: Record<string, Array<{ id: string; kind: string; account_type: string }>> = {};
  for (const c of k.svc.control('chats', {}) as Array<{ id: string; kind: string; account_type: string }>) (out[`${c.account_type}:${c.kind}`] ??= []).push(c);
  return out;
}

/** Ids every row of the table below needs, from a fresh tiny world. */
function fixtures(k: Kit) {
  const chats = chatsByKind(k);
  const waDm = chats['WHATSAPP:dm']![0]!.id;
  const waGroup = chats['WHATSAPP:group']![0]!.id;
  const liDm = chats['LINKEDIN:dm']![0]!.id;
  const inmail = chats['LINKEDIN:inmail']![0]!.id;
  const slackChannel = chats['SLACK:channel']![0]!.id;
  const waMessages = messagesOf(k, waDm);
  const inbound = waMessages.find((m) => m.is_sender === 0 && m.is_event === 0 && m.deleted === 0)!;
  const withAttachment = messagesOf(k, waGroup).concat(waMessages).find((m) => m.attachments.length > 0 && !m.attachments[0].unavailable)!;
  const other = k.call('list_attendees', { chat_id: waDm }).items.find((a: any) => a.is_self === 0);
  const self = accountOfType(k, 'WHATSAPP');
  return { waDm, waGroup, liDm, inmail, slackChannel, inbound, withAttachment, other, self };
}

type Fx = ReturnType<typeof fixtures>;
type Row = { ok: (k: Kit, f: Fx) => unknown; check: (r: any) => void; bad: (k: Kit, f: Fx) => ReturnType<Kit['fail']>; status: number; type: string };

const sendOwn = (k: Kit, chatId: string) => k.call('send_message_in_chat', { chat_id: chatId, text: 'mine' }).message_id as string;

const TABLE: Record<string, Row> = {
  list_all_chats: { ok: (k) => k.call('list_all_chats', { limit: 5 }), check: (r) => expect(r.items).toHaveLength(5), bad: (k) => k.fail('list_all_chats', { limit: 0 }), status: 400, type: 'errors/invalid_parameters' },
  get_chat: { ok: (k, f) => k.call('get_chat', { chat_id: f.waDm }), check: (r) => expect(r.object).toBe('Chat'), bad: (k) => k.fail('get_chat', { chat_id: 'AAAAAAAAAAAAAAAAAAAAAA' }), status: 404, type: 'errors/resource_not_found' },
  patch_chat: {
    ok: (k, f) => k.call('patch_chat', { chat_id: f.waDm, action: 'setReadStatus', value: true }),
    check: (r) => expect(r).toEqual({ object: 'ChatPatched' }),
    bad: (k, f) => k.fail('patch_chat', { chat_id: f.slackChannel, action: 'setArchiveStatus', value: true }),
    status: 501,
    type: 'errors/feature_not_implemented',
  },
  delete_chat: { ok: (k, f) => k.call('delete_chat', { chat_id: f.waDm }), check: (r) => expect(r).toEqual({ object: 'ChatDeleted' }), bad: (k, f) => k.fail('delete_chat', { chat_id: f.slackChannel }), status: 501, type: 'errors/feature_not_implemented' },
  list_chat_messages: { ok: (k, f) => k.call('list_chat_messages', { chat_id: f.waGroup }), check: (r) => expect(r.items.length).toBeGreaterThan(0), bad: (k) => k.fail('list_chat_messages', { chat_id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  send_message_in_chat: {
    ok: (k, f) => k.call('send_message_in_chat', { chat_id: f.waDm, text: 'hello' }),
    check: (r) => expect(r).toEqual({ object: 'MessageSent', message_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) }),
    bad: (k, f) => k.fail('send_message_in_chat', { chat_id: f.waDm, text: 'x', thread_id: 'abc' }),
    status: 400,
    type: 'errors/invalid_parameters',
  },
  list_attendees: { ok: (k, f) => k.call('list_attendees', { chat_id: f.waGroup }), check: (r) => expect(r.cursor).toBeNull(), bad: (k) => k.fail('list_attendees', { chat_id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  sync_chat_history: { ok: (k, f) => k.call('sync_chat_history', { chat_id: f.waDm }), check: (r) => expect(r.status).toBe('SYNC_STARTED'), bad: (k) => k.fail('sync_chat_history', { chat_id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  list_all_messages: { ok: (k) => k.call('list_all_messages', { limit: 10 }), check: (r) => expect(r.items).toHaveLength(10), bad: (k) => k.fail('list_all_messages', { before: '2025-01-01' }), status: 400, type: 'errors/invalid_parameters' },
  get_message: { ok: (k, f) => k.call('get_message', { message_id: f.inbound.id }), check: (r) => expect(r.object).toBe('Message'), bad: (k) => k.fail('get_message', { message_id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  patch_message: {
    ok: (k, f) => k.call('patch_message', { message_id: sendOwn(k, f.waDm), text: 'fixed' }),
    check: (r) => expect(r).toEqual({ object: 'MessageEdited' }),
    bad: (k, f) => k.fail('patch_message', { message_id: f.inbound.id, text: 'not mine' }),
    status: 403,
    type: 'errors/insufficient_permissions',
  },
  delete_message: {
    ok: (k, f) => k.call('delete_message', { message_id: sendOwn(k, f.waDm) }),
    check: (r) => expect(r).toEqual({ object: 'MessageDeleted' }),
    bad: (k, f) => k.fail('delete_message', { message_id: sendOwn(k, f.slackChannel) }),
    status: 501,
    type: 'errors/feature_not_implemented',
  },
  forward_message: {
    ok: (k, f) => k.call('forward_message', { message_id: f.inbound.id, chat_id: f.waGroup }),
    check: (r) => expect(r.object).toBe('MessageForwarded'),
    bad: (k, f) => k.fail('forward_message', { message_id: messagesOf(k, f.liDm)[0].id, chat_id: f.liDm }),
    status: 501,
    type: 'errors/feature_not_implemented',
  },
  add_reaction: {
    ok: (k, f) => k.call('add_reaction', { message_id: f.inbound.id, reaction: '👍' }),
    check: (r) => expect(r).toEqual({ object: 'MessageReactionAdded', success: true }),
    bad: (k, f) => k.fail('add_reaction', { message_id: messagesOf(k, f.inmail)[0].id, reaction: '👍' }),
    status: 422,
    type: 'errors/unprocessable_entity',
  },
  get_message_attachment: {
    ok: (k, f) => k.call('get_message_attachment', { message_id: f.withAttachment.id, attachment_id: f.withAttachment.attachments[0].id }),
    check: (r) => expect(isBinaryPayload(r) && r.bytes.length === r.bytes.byteLength && r.bytes.length > 0).toBe(true),
    bad: (k, f) => k.fail('get_message_attachment', { message_id: f.withAttachment.id, attachment_id: 'NOPE' }),
    status: 404,
    type: 'errors/resource_not_found',
  },
  list_all_attendees: { ok: (k) => k.call('list_all_attendees', { limit: 3 }), check: (r) => expect(r.items).toHaveLength(3), bad: (k) => k.fail('list_all_attendees', { account_id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  get_attendee_by_id: { ok: (k, f) => k.call('get_attendee_by_id', { id: f.other.id }), check: (r) => expect(r.object).toBe('ChatAttendee'), bad: (k) => k.fail('get_attendee_by_id', { id: 'nope' }), status: 404, type: 'errors/resource_not_found' },
  get_attendee_profile_picture: {
    ok: (k, f) => k.call('get_attendee_profile_picture', { id: f.self.self_attendee_id }),
    check: (r) => expect(r.mimeType).toBe('image/png'),
    bad: (k) => k.fail('get_attendee_profile_picture', { id: 'nope' }),
    status: 404,
    type: 'errors/resource_not_found',
  },
  list_chats_by_attendee: {
    ok: (k, f) => k.call('list_chats_by_attendee', { attendee_id: f.other.id }),
    check: (r) => expect(r.items).toHaveLength(1),
    bad: (k) => k.fail('list_chats_by_attendee', { attendee_id: 'nobody' }),
    status: 404,
    type: 'errors/resource_not_found',
  },
  list_messages_by_attendee: {
    ok: (k, f) => k.call('list_messages_by_attendee', { sender_id: f.other.provider_id }),
    check: (r) => expect(r.items.length).toBeGreaterThan(0),
    bad: (k) => k.fail('list_messages_by_attendee', { sender_id: 'nobody' }),
    status: 404,
    type: 'errors/resource_not_found',
  },
  start_new_chat: {
    ok: (k, f) => ({ started: k.call('start_new_chat', { account_id: f.self.id, attendees_ids: [f.other.provider_id], text: 'again' }), expected: f.waDm }),
    check: (r) => expect(r.started.chat_id).toBe(r.expected),
    bad: (k, f) => k.fail('start_new_chat', { account_id: f.self.id, attendees_ids: ['not-a-number'], text: 'hi' }),
    status: 422,
    type: 'errors/invalid_recipient',
  },
};

describe('unipile service module', () => {
  it('mounts at /unipile-messaging with the published catalog and one handler per tool', () => {
    const { svc } = kit();
    expect(svc.path).toBe('/unipile-messaging');
    expect(svc.serviceKey).toBe('unipile-api');
    expect(svc.catalog).toEqual(catalogJson);
    const names = svc.catalog.tools.map((t) => t.name);
    expect(names).toHaveLength(21);
    expect(Object.keys(svc.tools).sort()).toEqual([...names].sort());
    expect(Object.keys(TABLE).map((t) => `unipile_messaging_${t}`).sort()).toEqual([...names].sort());
  });

  describe.each(Object.entries(TABLE))('%s', (_tool, row) => {
    it('succeeds', () => {
      const k = kit();
      row.check(row.ok(k, fixtures(k)));
    });
    it(`fails with ${row.status} ${row.type}`, () => {
      const k = kit();
      const err = row.bad(k, fixtures(k));
      expectError(err, row.status, row.type);
      expect(err.body.instance).toMatch(/^\/api\/v1\/(chats|messages|chat_attendees)/);
    });
  });

  it('is deterministic for a seed and different across seeds', () => {
    const snapshot = (seed: number) => {
      const k = kit('demo', seed);
      return JSON.stringify([k.call('list_all_chats', { limit: 250 }), k.call('list_all_messages', { limit: 250 }), k.call('list_all_attendees', { limit: 250 })]);
    };
    const a = snapshot(7);
    expect(snapshot(7)).toBe(a);
    expect(snapshot(8)).not.toBe(a);
  });

  it('tiny: WhatsApp, LinkedIn and Slack, ~8 chats and a few dozen messages with every feature', () => {
    const k = kit('tiny');
    const stats = k.svc.stats();
    expect(stats.accounts).toBe(3);
    expect(stats.chats).toBe(8);
    expect(stats.messages).toBeGreaterThanOrEqual(40);
    expect(stats.messages).toBeLessThanOrEqual(100);
    expect(stats.attendees).toBeGreaterThan(10);
    expect(new Set((k.svc.control('accounts', {}) as any[]).map((a) => a.type))).toEqual(new Set(['WHATSAPP', 'LINKEDIN', 'SLACK']));
    const all = allPages(k, 'list_all_messages', { limit: 250 }).items;
    expect(all.some((m) => m.attachments.length > 0)).toBe(true);
    expect(all.some((m) => m.quoted)).toBe(true);
    expect(all.some((m) => m.reactions.length > 0)).toBe(true);
    expect(all.some((m) => m.parent)).toBe(true);
    expect(all.some((m) => m.replies > 0)).toBe(true);
  });

  it('demo: seven accounts, about sixty chats and ~10,000 messages in several scripts with emoji and links', () => {
    const k = kit('demo');
    const stats = k.svc.stats();
    expect(stats.accounts).toBe(7);
    expect(stats.chats).toBeGreaterThanOrEqual(55);
    expect(stats.chats).toBeLessThanOrEqual(70);
    expect(stats.messages).toBe(10_000);
    expect(new Set((k.svc.control('accounts', {}) as any[]).map((a) => a.type))).toEqual(new Set(['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER']));
    const texts = allPages(k, 'list_all_messages', { limit: 250 }).items.map((m) => m.text ?? '');
    const has = (re: RegExp) => texts.some((t) => re.test(t));
    expect(has(/[\u0400-\u04ff]/)).toBe(true); // Cyrillic
    expect(has(/[\u0600-\u06ff]/)).toBe(true); // Arabic
    expect(has(/[\u3040-\u30ff]/)).toBe(true); // Japanese kana
    expect(has(/\p{Extended_Pictographic}/u)).toBe(true);
    expect(has(/https:\/\//)).toBe(true);
    expect(texts.some((t) => t.length > 300)).toBe(true);
    expect(texts.some((t) => t.length > 0 && t.length < 5)).toBe(true);
  });

  it('bench: generates ~1,000 chats and 600,000 messages compactly (time and memory printed)', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const svc = createUnipileService({ seed: 1, scale: 'bench', clock: manualClock() });
    const ms = performance.now() - t0;
    const after = process.memoryUsage();
    const stats = svc.stats();
    const s = svc.store.seeded;
    const typedMb = [s.ts, s.chat, s.sender, s.all, s.byChat.items, s.byChat.offsets, s.byAccount.items, s.byAccount.offsets, s.bySender.items, s.bySender.offsets].reduce((sum, a) => sum + a.byteLength, 0) / 1048576;
    // Heap deltas are only meaningful with --expose-gc; the typed-array total is exact.
    const grewMb = (after.heapUsed + after.external - before.heapUsed - before.external) / 1048576;
    console.log(`[unipile bench] generated ${JSON.stringify(stats)} in ${ms.toFixed(0)} ms; message arrays ${typedMb.toFixed(1)} MB; heap+external +${grewMb.toFixed(1)} MB; rss ${(after.rss / 1048576).toFixed(0)} MB`);
    expect(typedMb).toBeLessThan(64);
    expect(stats.chats).toBeGreaterThanOrEqual(1000);
    expect(stats.messages).toBe(600_000);
    // The big Slack channel holds ~100k messages.
    const biggest = Math.max(...svc.store.chats.map((c) => svc.store.seqsForChat(c)[0]!.length));
    expect(biggest).toBeGreaterThan(80_000);
    const t1 = performance.now();
    const page = svc.tools.unipile_messaging_list_all_messages!({ after: new Date(Date.UTC(2026, 0, 15, 11, 0)).toISOString() }, { tokenUser: 'u', pcid: 'p', clock: manualClock() }) as { items: Array<{ timestamp: string }> };
    console.log(`[unipile bench] list_all_messages(after = 1 h ago) → ${page.items.length} items in ${(performance.now() - t1).toFixed(1)} ms`);
    expect(page.items.every((m) => m.timestamp > '2026-01-15T11:00:00.000Z')).toBe(true);
  });
});
