import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnections } from '../../../emulator/core/connections';
import { DEMO_CREDENTIALS } from '../../../emulator/index';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../shared/domain/model';
import type { AccountStatus, ActionSupport, Diagnostics } from '../../../shared/ipc/contract';
import { Vault } from '../vault/vault';
import { createBackend, type Backend } from './createBackend';
import { CACHE_FILE } from './offline';
import { caller, memoryKeychain, until } from './testSupport';

/**
 * The management channels on the demo workspace (the emulator in-process, tiny
 * scale): conversation management, rooms, people, threads, pins, attachments,
 * forwarding, Genesys settings, the cache and diagnostics, each through
 * dispatch() with its validation. Every reply and event is scanned for secrets
 * at the end. Live-mode paths (account switch, binary forms, pins fetched by
 * id) are in live.test.ts.
 */

let backend: Backend;
let dataDir: string;
const logs: string[] = [];
const c = caller(() => backend);

type Inbox = { conversations: Conversation[] };
const inbox = async (filter: object = { kind: 'all' }) => (await c.ok<Inbox>('inbox:list', { filter, limit: 200 })).conversations;
const find = async (title: string, filter?: object) => {
  const conv = (await inbox(filter)).find((x) => x.title === title);
  if (!conv) throw new Error(`no conversation titled ${title}`);
  return conv;
};
const page = async (conversationId: ConversationId, extra: object = {}) => (await c.ok<{ messages: Message[] }>('messages:page', { conversationId, limit: 200, ...extra })).messages;
const actions = async (id: ConversationId) => Object.fromEntries((await c.ok<{ actions: ActionSupport[] }>('conversation:actions', { id })).actions.map((a) => [a.action, a]));
let me: PersonId;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-mgmt-'));
  backend = createBackend({
    version: '1.0.0',
    host: 'web',
    workspace: 'demo',
    vault: new Vault({ keychain: memoryKeychain() }),
    dataDir,
    demo: { scale: 'tiny', activityPerMinute: 0 },
    sync: { policy: { openIntervalMs: 150, cycleIntervalMs: 200, offlineMinMs: 50 } },
    log: (m, err) => logs.push(`${m} ${err instanceof Error ? err.message : String(err)}`),
  });
  await backend.ready;
  await until(async () => (await c.ok<{ progress: { phase: string } }>('sync:status')).progress.phase === 'live');
  await until(async () => (await inbox()).length >= 13);
  const status = await c.ok<AccountStatus>('account:status');
  me = status.accounts.find((a) => a.id === 'g')!.selfPersonId!;
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('account:status in the demo', () => {
  it('lists the demo mode, no stored account, and the Genesys and network accounts of the cache', async () => {
    const s = await c.ok<AccountStatus>('account:status');
    expect(s.mode).toBe('demo');
    expect(s.pinkfish).toBeNull();
    expect(s.accounts.map((a) => a.network).sort()).toEqual(['genesys', 'linkedin', 'slack', 'whatsapp']);
    expect(s.accounts.find((a) => a.id === 'g')).toMatchObject({ name: 'Genesys Cloud (Demo Org)', status: 'connected', selfPersonId: expect.stringMatching(/^g:/) });
  });
});

describe('conversation:actions', () => {
  it('follows each network’s capabilities and says why an action is missing', async () => {
    const group = await actions((await find('Laufgruppe')).id);
    for (const a of ['mute', 'archive', 'pin', 'label', 'addParticipant', 'removeParticipant', 'inviteLink', 'delete', 'historyFull', 'markUnread']) expect(group[a], a).toMatchObject({ supported: true });
    expect(group.editDetails).toMatchObject({ supported: false, reason: expect.stringMatching(/Genesys rooms/) });

    const linkedin = await actions((await find('Ava Kim')).id);
    expect(linkedin.archive).toEqual({ action: 'archive', supported: false, reason: 'Archiving is available on WhatsApp only.' });
    expect(linkedin.mute).toMatchObject({ supported: true });
    expect(linkedin.addParticipant).toEqual({ action: 'addParticipant', supported: false, reason: 'Adding people is available on WhatsApp and Telegram only.' });

    const slack = await actions((await find('general')).id);
    expect(slack.delete).toMatchObject({ supported: false, reason: 'Deleting a chat is available on WhatsApp and LinkedIn only.' });
    const waDm = await actions((await find('Rafael Rodrigues')).id);
    expect(waDm.addParticipant).toMatchObject({ supported: false, reason: expect.stringMatching(/groups only/) });

    const room = await actions((await find('Release war-room')).id);
    for (const a of ['addParticipant', 'removeParticipant', 'editDetails', 'join', 'leave']) expect(room[a], a).toMatchObject({ supported: true });
    expect(room.mute).toMatchObject({ supported: false, reason: expect.stringMatching(/Genesys/) });
    expect(room.delete).toMatchObject({ supported: false, reason: expect.stringMatching(/leave the room/) });
    const dm = await actions((await inbox({ kind: 'network', network: 'genesys' })).find((x) => x.kind === 'dm')!.id);
    expect(dm.addParticipant).toMatchObject({ supported: false, reason: 'This is a one-to-one conversation.' });
    expect(await c.fails('conversation:actions', { id: 'u:nope' })).toMatchObject({ code: 'not_found' });
  });
});

describe('conversation:set, :inviteLink, :delete', () => {
  it('mutes, archives, pins and labels a WhatsApp chat upstream and in the cache, with conversations:changed', async () => {
    const chat = await find('Rafael Rodrigues');
    const before = c.events.length;
    const muted = (await c.ok<{ conversation: Conversation }>('conversation:set', { conversationId: chat.id, action: 'mute', value: true })).conversation;
    expect(muted.muted).toBe(true);
    expect(muted.mutedUntil ?? null).toBeNull();
    expect((await c.ok<{ conversation: Conversation }>('conversation:set', { conversationId: chat.id, action: 'pin', value: true })).conversation.pinned).toBe(true);
    expect((await c.ok<{ conversation: Conversation }>('conversation:set', { conversationId: chat.id, action: 'label', value: 'Family' })).conversation.labels).toContain('Family');
    expect((await c.ok<{ conversation: Conversation }>('conversation:set', { conversationId: chat.id, action: 'archive', value: true })).conversation.archived).toBe(true);
    expect((await inbox({ kind: 'archived' })).map((x) => x.id)).toContain(chat.id);
    expect(c.events.slice(before).filter((e) => e.event === 'conversations:changed' && (e.payload as { ids: string[] }).ids.includes(chat.id))).toHaveLength(4);
    await c.ok('conversation:set', { conversationId: chat.id, action: 'archive', value: false });
    await c.ok('conversation:set', { conversationId: chat.id, action: 'mute', value: false });
    // The next chat-list refresh brings the server's state, which agrees.
    await until(async () => {
      const got = (await c.ok<{ conversation: Conversation }>('conversation:get', { id: chat.id })).conversation;
      return !got.archived && !got.muted && got.pinned && (got.labels ?? []).includes('Family');
    });
  });

  it('refuses what the network cannot do, with the reason, and values of the wrong type', async () => {
    expect(await c.fails('conversation:set', { conversationId: (await find('Ava Kim')).id, action: 'archive', value: true })).toEqual({ code: 'invalid_input', message: 'Archiving is available on WhatsApp only.' });
    expect(await c.fails('conversation:set', { conversationId: (await find('Release war-room')).id, action: 'mute', value: true })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Genesys/) });
    expect(await c.fails('conversation:set', { conversationId: (await find('Laufgruppe')).id, action: 'label', value: true })).toMatchObject({ code: 'invalid_input', field: 'value' });
    expect(await c.fails('conversation:set', { conversationId: (await find('Laufgruppe')).id, action: 'mute', value: 'yes' })).toMatchObject({ code: 'invalid_input', field: 'value' });
  });

  it('conversation:inviteLink gives a WhatsApp group’s link; a 1:1 has none', async () => {
    expect(await c.ok('conversation:inviteLink', { conversationId: (await find('Laufgruppe')).id })).toEqual({ url: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//) });
    expect(await c.fails('conversation:inviteLink', { conversationId: (await find('Grace Brown')).id })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/groups only/) });
  });

  it('conversation:delete removes a WhatsApp chat upstream and from the cache; Slack cannot', async () => {
    expect(await c.fails('conversation:delete', { conversationId: (await find('Mia Walker')).id })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/WhatsApp and LinkedIn only/) });
    const chat = await find('Grace Brown');
    expect(await c.ok('conversation:delete', { conversationId: chat.id })).toEqual({ ok: true });
    expect(await c.fails('conversation:get', { id: chat.id })).toMatchObject({ code: 'not_found' });
    expect((await inbox()).map((x) => x.id)).not.toContain(chat.id);
    expect(c.events.some((e) => e.event === 'conversations:changed' && (e.payload as { ids: string[] }).ids.includes(chat.id))).toBe(true);
  });
});

describe('Genesys rooms and 1:1s', () => {
  it('conversation:details: owners, creation, whether the user may edit and is a member', async () => {
    const owned = await find('Release war-room');
    const details = await c.ok<{ ownerIds: string[]; canEdit: boolean; isMember: boolean; createdAt: number | null; subject?: string }>('conversation:details', { conversationId: owned.id });
    expect(details).toMatchObject({ subject: 'Release war-room', canEdit: true, isMember: true, createdAt: expect.any(Number), createdBy: null });
    expect(details.ownerIds).toContain(me);
    expect(await c.ok('conversation:details', { conversationId: (await find('Equipo LATAM')).id })).toMatchObject({ canEdit: false, isMember: true });
    expect(await c.ok('conversation:details', { conversationId: (await find('Laufgruppe')).id })).toEqual({ ownerIds: [], createdAt: null, createdBy: null, canEdit: false, isMember: true });
  });

  it('rooms:update edits subject and description (owners only)', async () => {
    const room = await find('Release war-room');
    const updated = await c.ok<{ conversation: Conversation }>('rooms:update', { conversationId: room.id, subject: 'Release war-room v2', description: 'Ship it' });
    expect(updated.conversation).toMatchObject({ id: room.id, title: 'Release war-room v2', subject: 'Release war-room v2', description: 'Ship it' });
    await c.ok('rooms:update', { conversationId: room.id, subject: 'Release war-room' });
    expect(await c.fails('rooms:update', { conversationId: (await find('Equipo LATAM')).id, subject: 'Mine now' })).toMatchObject({ code: 'forbidden' });
    expect(await c.fails('rooms:update', { conversationId: room.id })).toMatchObject({ code: 'invalid_input' });
    expect(await c.fails('rooms:update', { conversationId: (await find('Laufgruppe')).id, subject: 'x' })).toMatchObject({ code: 'invalid_input' });
  });

  it('rooms:create makes a room the user owns, in the inbox and the directory; people:list shows its members', async () => {
    const people = await c.ok<{ people: Person[] }>('people:query', { text: 'ana', limit: 5 });
    const ana = people.people.find((p) => p.source === 'genesys')!;
    expect(ana.name).toBe('Ana García');
    const created = await c.ok<{ conversation: Conversation }>('rooms:create', { subject: 'Switchboard test room', description: 'made by a test', memberIds: [ana.id] });
    expect(created.conversation).toMatchObject({ kind: 'room', title: 'Switchboard test room', source: 'genesys', description: 'made by a test' });
    expect((await inbox()).map((x) => x.id)).toContain(created.conversation.id);
    const members = await c.ok<{ people: Person[] }>('people:list', { conversationId: created.conversation.id });
    expect(members.people.map((p) => p.name).sort()).toEqual(['Ana García', 'Sam Rivera']);
    expect(members.people.find((p) => p.id === me)).toMatchObject({ isSelf: true });
    expect(await c.fails('rooms:create', { subject: '   ' })).toMatchObject({ code: 'invalid_input', field: 'subject' });
    expect(await c.fails('rooms:create', { subject: 'x', memberIds: ['00000000-0000-4000-8000-000000000000'] })).toMatchObject({ code: 'invalid_input' });
  });

  it('rooms:join a room by its JID, then rooms:leave it', async () => {
    const outside = 'g:room:8e39991b742f8b7b2b99c700@conference.demo-org.orgspan.com' as ConversationId;
    expect(await c.ok('conversation:details', { conversationId: outside })).toMatchObject({ subject: 'Berlin Office', isMember: false, canEdit: false });
    const joined = await c.ok<{ conversation: Conversation }>('rooms:join', { jid: '8E39991B742F8B7B2B99C700%40conference.demo-org.orgspan.com' });
    expect(joined.conversation).toMatchObject({ id: outside, title: 'Berlin Office' });
    expect(await c.ok('conversation:details', { conversationId: outside })).toMatchObject({ isMember: true });
    expect(await c.ok('rooms:leave', { conversationId: outside })).toEqual({ ok: true });
    // Left, it stays in the inbox (to join again or archive), in its place.
    const left = (await c.ok<{ conversation: Conversation }>('conversation:get', { id: outside })).conversation;
    expect(left.lastActivity).toBe(joined.conversation.lastActivity);
    expect(await c.ok('conversation:details', { conversationId: outside })).toMatchObject({ isMember: false });
    // Sending there is refused in words, without the user's id or the room's address.
    const sent = await c.ok<{ clientId: string }>('messages:send', { conversationId: outside, text: 'Hello after leaving' });
    await until(async () => (await c.ok<{ items: Array<{ clientId: string; state: string }> }>('outbox:list')).items.some((i) => i.clientId === sent.clientId && i.state === 'failed'));
    const failed = (await c.ok<{ items: Array<{ clientId: string; lastError?: { message: string } }> }>('outbox:list')).items.find((i) => i.clientId === sent.clientId)!;
    expect(failed.lastError?.message).toBe('You’re not a member of this room. Join it to send messages.');
    await c.ok('outbox:discard', { clientId: sent.clientId });
    expect((await c.ok<{ conversation: Conversation }>('conversation:get', { id: outside })).conversation.lastMessagePreview).not.toBe('Hello after leaving');
    // Joining again is activity: the room leads the inbox.
    const rejoined = await c.ok<{ conversation: Conversation }>('rooms:join', { jid: '8e39991b742f8b7b2b99c700@conference.demo-org.orgspan.com' });
    expect(rejoined.conversation.lastActivity).toBeGreaterThan(joined.conversation.lastActivity ?? 0);
    expect(await c.ok('conversation:details', { conversationId: outside })).toMatchObject({ isMember: true });
    expect(await c.fails('rooms:join', { jid: 'someone@demo-org.orgspan.com' })).toMatchObject({ code: 'invalid_input', field: 'jid' });
    expect(await c.fails('rooms:leave', { conversationId: (await find('Laufgruppe')).id })).toMatchObject({ code: 'invalid_input' });
  });

  it('dm:open opens the 1:1 with a user by id, named from the directory', async () => {
    const chloe = (await c.ok<{ people: Person[] }>('people:query', { text: 'chloe' })).people.find((p) => p.source === 'genesys')!;
    const opened = await c.ok<{ conversation: Conversation }>('dm:open', { userId: chloe.id.slice(2) });
    expect(opened.conversation).toMatchObject({ id: `g:dm:${chloe.id.slice(2)}`, kind: 'dm', title: 'Chloé Lefèvre', avatarPersonId: chloe.id });
    expect(await c.ok('dm:open', { userId: chloe.id })).toMatchObject({ conversation: { id: opened.conversation.id } });
    expect(await c.fails('dm:open', { userId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'not_found', field: 'userId' });
    expect(await c.fails('dm:open', { userId: me })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('chats:start', () => {
  it('starts a WhatsApp chat and brings it into the inbox with its first message', async () => {
    const wa = await find('Laufgruppe');
    const res = await c.ok<{ conversation: Conversation | null; chatId: string | null }>('chats:start', { accountId: wa.accountId, attendeeIds: ['33699887766@s.whatsapp.net'], text: 'Bonjour from a test' });
    expect(res.conversation).toMatchObject({ network: 'whatsapp', kind: 'dm', accountId: wa.accountId });
    expect(res.chatId).toBe(res.conversation!.id);
    expect((await page(res.conversation!.id)).map((m) => m.text)).toContain('Bonjour from a test');
    expect((await inbox()).map((x) => x.id)).toContain(res.conversation!.id);
    expect(await c.fails('chats:start', { accountId: 'g', attendeeIds: ['x'], text: 'hi' })).toMatchObject({ code: 'invalid_input', field: 'accountId' });
    expect(await c.fails('chats:start', { accountId: wa.accountId, attendeeIds: ['not-a-number'], text: 'hi' })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('people', () => {
  it('people:list gives a chat’s attendees and names the account after its own attendee', async () => {
    const group = await find('Laufgruppe');
    const res = await c.ok<{ people: Person[] }>('people:list', { conversationId: group.id });
    expect(res.people.length).toBe(10);
    expect(res.people.filter((p) => p.isSelf)).toHaveLength(1);
    expect(res.people.every((p) => p.source === 'unipile' && p.name.length > 0)).toBe(true);
    const s = await c.ok<AccountStatus>('account:status');
    expect(s.accounts.find((a) => a.id === group.accountId)).toMatchObject({ network: 'whatsapp', selfPersonId: res.people.find((p) => p.isSelf)!.id });
    const dm = (await inbox({ kind: 'network', network: 'genesys' })).find((x) => x.kind === 'dm')!;
    const pair = await c.ok<{ people: Person[] }>('people:list', { conversationId: dm.id });
    expect(pair.people.map((p) => p.isSelf).sort()).toEqual([false, true]);
  });

  it('people:query finds cached people and, once read, Unipile’s attendee directory', async () => {
    expect((await c.ok<{ people: Person[] }>('people:query', { text: 'JURGEN' })).people.map((p) => p.name)).toContain('Jürgen Nowak');
    const all = await until(async () => {
      const r = await c.ok<{ people: Person[] }>('people:query', { limit: 200 });
      return r.people.length >= 40 ? r : null;
    });
    expect(all.people.some((p) => p.source === 'unipile') && all.people.some((p) => p.source === 'genesys')).toBe(true);
    expect((await c.ok<{ people: Person[] }>('people:query', { text: 'zzzz-nobody' })).people).toEqual([]);
  });

  it('people:get reads a person (Unipile from the network, Genesys from the directory)', async () => {
    const member = (await c.ok<{ people: Person[] }>('people:list', { conversationId: (await find('Laufgruppe')).id })).people.find((p) => !p.isSelf)!;
    expect((await c.ok<{ person: Person }>('people:get', { personId: member.id })).person).toMatchObject({ id: member.id, name: member.name, handle: member.handle });
    expect((await c.ok<{ person: Person }>('people:get', { personId: me })).person).toMatchObject({ name: 'Sam Rivera', isSelf: true });
    expect(await c.fails('people:get', { personId: 'g:00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'not_found' });
    expect(await c.fails('people:get', { personId: 'u:AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ code: 'not_found' });
  });

  it('people:picture returns an attendee’s picture, null when there is none', async () => {
    const members = (await c.ok<{ people: Person[] }>('people:list', { conversationId: (await find('Laufgruppe')).id })).people;
    const withPicture = members.find((p) => p.hasPicture)!;
    const pic = await c.ok<{ name: string; mimeType: string; size: number; base64: string }>('people:picture', { personId: withPicture.id });
    expect(pic).toMatchObject({ mimeType: 'image/png', name: expect.stringMatching(/\.png$/) });
    const bytes = Buffer.from(pic.base64, 'base64');
    expect(bytes.length).toBe(pic.size);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(await c.ok('people:picture', { personId: me })).toBeNull();
    const without = members.find((p) => p.hasPicture === false);
    if (without) expect(await c.ok('people:picture', { personId: without.id })).toBeNull();
  });

  it('people:add and people:remove in a WhatsApp group and a Genesys room; not in a 1:1', async () => {
    const group = await find('Laufgruppe');
    await c.ok('people:add', { conversationId: group.id, userId: '33611112222@s.whatsapp.net' });
    const added = await until(async () => (await c.ok<{ people: Person[] }>('people:list', { conversationId: group.id })).people.find((p) => p.handle === '33611112222@s.whatsapp.net'));
    await c.ok('people:remove', { conversationId: group.id, personId: added.id });
    expect((await c.ok<{ people: Person[] }>('people:list', { conversationId: group.id })).people.map((p) => p.handle)).not.toContain('33611112222@s.whatsapp.net');

    const room = await find('Release war-room');
    const priya = (await c.ok<{ people: Person[] }>('people:query', { text: 'priya' })).people[0]!;
    const before = (await c.ok<{ people: Person[] }>('people:list', { conversationId: room.id })).people.map((p) => p.id);
    expect(before).not.toContain(priya.id);
    await c.ok('people:add', { conversationId: room.id, userId: priya.id });
    expect((await c.ok<{ people: Person[] }>('people:list', { conversationId: room.id })).people.map((p) => p.id)).toContain(priya.id);
    await c.ok('people:remove', { conversationId: room.id, personId: priya.id });
    expect((await c.ok<{ people: Person[] }>('people:list', { conversationId: room.id })).people.map((p) => p.id)).not.toContain(priya.id);

    expect(await c.fails('people:add', { conversationId: (await find('Rafael Rodrigues')).id, userId: '33611112222@s.whatsapp.net' })).toMatchObject({ code: 'invalid_input' });
    expect(await c.fails('people:add', { conversationId: (await find('Equipo LATAM')).id, userId: 'nobody' })).toMatchObject({ code: 'not_found' });
  });

  it('people:conversations and people:messages (paged by an opaque cursor); Genesys says it cannot', async () => {
    const chat = await find('Rafael Rodrigues');
    const rafael = (await c.ok<{ people: Person[] }>('people:list', { conversationId: chat.id })).people.find((p) => !p.isSelf)!;
    expect((await c.ok<Inbox>('people:conversations', { personId: rafael.id })).conversations.map((x) => x.id)).toContain(chat.id);
    // The account's own attendee wrote more than one page of two.
    const group = await find('Laufgruppe');
    const other = (await c.ok<{ people: Person[] }>('people:list', { conversationId: group.id })).people.find((p) => p.isSelf)!;
    const first = await c.ok<{ messages: Message[]; next: string | null }>('people:messages', { personId: other.id, limit: 2 });
    expect(first.messages).toHaveLength(2);
    expect(first.messages.every((m) => m.senderId === other.id && m.senderName === other.name)).toBe(true);
    expect(first.next).toEqual(expect.any(String));
    const second = await c.ok<{ messages: Message[] }>('people:messages', { personId: other.id, limit: 2, cursor: first.next });
    expect(second.messages.map((m) => m.id)).not.toContain(first.messages[0]!.id);
    expect(second.messages[0]!.time).toBeLessThanOrEqual(first.messages[1]!.time);
    expect(await c.fails('people:messages', { personId: me, limit: 2, cursor: first.next })).toMatchObject({ code: 'invalid_input' });
    const anotherPerson = rafael;
    expect(await c.fails('people:messages', { personId: anotherPerson.id, cursor: first.next })).toMatchObject({ code: 'invalid_input', field: 'cursor' });
    expect(await c.fails('people:messages', { personId: me })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Genesys/) });

    const ana = (await c.ok<{ people: Person[] }>('people:query', { text: 'ana garc' })).people[0]!;
    expect((await c.ok<Inbox>('people:conversations', { personId: ana.id })).conversations).toEqual([expect.objectContaining({ id: `g:dm:${ana.id.slice(2)}`, kind: 'dm' })]);
    expect((await c.ok<Inbox>('people:conversations', { personId: me })).conversations).toEqual([]);
  });
});

describe('threads, pins, attachments, forward, messages:get', () => {
  it('threads:fetch brings a Genesys thread into the cache for messages:page {threadRootId}', async () => {
    const room = await find('Release war-room');
    const messages = await page(room.id);
    const reply = messages.find((m) => m.threadRootId)!;
    const res = await c.ok<{ added: number }>('threads:fetch', { conversationId: room.id, rootId: reply.threadRootId });
    expect(res.added).toBeGreaterThanOrEqual(0);
    const thread = await page(room.id, { threadRootId: reply.threadRootId });
    expect(thread.map((m) => m.id)).toEqual(expect.arrayContaining([reply.threadRootId, reply.id]));
    expect(await c.fails('threads:fetch', { conversationId: room.id, rootId: 'u:x' })).toMatchObject({ code: 'invalid_input', field: 'rootId' });
  });

  it('threads:fetch reads a Slack thread’s replies; WhatsApp has no threads', async () => {
    const channel = await find('general');
    const root = await until(async () => (await page(channel.id)).find((m) => (m.threadReplyCount ?? 0) > 0));
    const res = await c.ok<{ added: number }>('threads:fetch', { conversationId: channel.id, rootId: root.id });
    expect(res.added).toBeGreaterThanOrEqual(0);
    const thread = await page(channel.id, { threadRootId: root.id });
    expect(thread.filter((m) => m.threadRootId === root.id).length).toBe(root.threadReplyCount);
    const wa = await find('Laufgruppe');
    const m = (await page(wa.id))[0]!;
    expect(await c.fails('threads:fetch', { conversationId: wa.id, rootId: m.id })).toMatchObject({ code: 'invalid_input', message: 'Threads are available in Slack only.' });
  });

  it('pins:list resolves Genesys pins to messages (limit 5); Unipile chats have none', async () => {
    const room = await find('Release war-room');
    const pins = await c.ok<{ pins: Array<{ messageId: MessageId; message: Message | null }>; limit: number | null }>('pins:list', { conversationId: room.id });
    expect(pins.limit).toBe(5);
    expect(pins.pins.length).toBeGreaterThan(0);
    expect(pins.pins.every((p) => p.message?.id === p.messageId)).toBe(true);
    expect(await c.ok('pins:list', { conversationId: (await find('Laufgruppe')).id })).toEqual({ pins: [], limit: null });
  });

  it('attachments:get downloads a Unipile file once, then serves it from the attachment store', async () => {
    const wa = await find('Laufgruppe');
    const withFile = (await page(wa.id)).find((m) => m.attachments.some((a) => a.kind === 'file' && !a.unavailable))!;
    const att = withFile.attachments.find((a) => a.kind === 'file' && !a.unavailable)!;
    const got = await c.ok<{ name: string; mimeType: string; size: number; base64: string }>('attachments:get', { messageId: withFile.id, attachmentId: att.id });
    expect(got.size).toBe(Buffer.from(got.base64, 'base64').length);
    expect(got.size).toBeGreaterThan(0);
    if (att.name) expect(got.name).toBe(att.name);
    const stats = await c.ok<{ attachmentBytes: number }>('cache:stats');
    expect(stats.attachmentBytes).toBeGreaterThanOrEqual(got.size);
    expect(await c.ok('attachments:get', { messageId: withFile.id, attachmentId: att.id })).toEqual(got);
    expect(await c.fails('attachments:get', { messageId: withFile.id, attachmentId: 'NOPE' })).toMatchObject({ code: 'not_found' });
    const genesysMessage = (await page((await find('Release war-room')).id))[0]!;
    expect(await c.fails('attachments:get', { messageId: genesysMessage.id, attachmentId: 'x' })).toMatchObject({ code: 'invalid_input' });
  });

  it('messages:forward copies a WhatsApp message into another chat of the account', async () => {
    const from = await find('Laufgruppe');
    const to = await find('Rafael Rodrigues');
    const source = (await page(from.id)).filter((m) => !m.deleted && !m.isEvent && m.text).pop()!;
    expect(await c.ok('messages:forward', { messageId: source.id, toConversationId: to.id })).toEqual({ ok: true });
    await until(async () => (await page(to.id)).some((m) => m.isOwn && m.text === source.text));
    const li = await find('Ava Kim');
    expect(await c.fails('messages:forward', { messageId: source.id, toConversationId: li.id })).toMatchObject({ code: 'invalid_input', field: 'toConversationId' });
    const liMessage = (await page(li.id))[0]!;
    expect(await c.fails('messages:forward', { messageId: liMessage.id, toConversationId: li.id })).toMatchObject({ code: 'invalid_input', message: 'Forwarding is available on WhatsApp only.' });
  });

  it('messages:get answers from the cache, else from the network', async () => {
    const room = await find('Release war-room');
    const m = (await page(room.id))[0]!;
    expect((await c.ok<{ message: Message }>('messages:get', { messageId: m.id })).message).toEqual(m);
    expect(await c.fails('messages:get', { messageId: 'g:00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'not_found' });
    expect(await c.fails('messages:get', { messageId: 'u:AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ code: 'not_found' });
  });
});

describe('Genesys chat settings', () => {
  it('orgSettings: get, patch one field, replace both; out-of-range retention is refused', async () => {
    expect(await c.ok('orgSettings:get')).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
    expect(await c.ok('orgSettings:set', { reactionsEnabled: false })).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: false });
    expect(await c.ok('orgSettings:set', { messageRetentionPeriodDays: 30 })).toEqual({ messageRetentionPeriodDays: 30, reactionsEnabled: false });
    expect(await c.ok('orgSettings:set', { messageRetentionPeriodDays: 90, reactionsEnabled: true })).toEqual({ messageRetentionPeriodDays: 90, reactionsEnabled: true });
    expect(await c.fails('orgSettings:set', { messageRetentionPeriodDays: 5 })).toMatchObject({ code: 'invalid_input', field: 'messageRetentionPeriodDays' });
    expect(await c.fails('orgSettings:set', {})).toMatchObject({ code: 'invalid_input' });
  });

  it('mySettings: defaults before any exist, created on first set, patched after, reset to the defaults', async () => {
    expect(await c.ok('mySettings:get')).toEqual({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false });
    expect(await c.ok('mySettings:set', { mentionsOnly: true })).toMatchObject({ mentionsOnly: true, muted: false, exists: true });
    expect(await c.ok('mySettings:set', { muted: true, mobileNotifications: 'OnlyWhenInactive' })).toEqual({ muted: true, mentionsOnly: true, notifyOnReactions: true, mobileNotifications: 'OnlyWhenInactive', exists: true });
    expect(await c.ok('mySettings:get')).toMatchObject({ muted: true, mentionsOnly: true, exists: true });
    expect(await c.ok('mySettings:reset')).toEqual({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false });
    expect(await c.ok('mySettings:reset')).toMatchObject({ exists: false });
  });

  it('userSettings: get and set another user’s mobile notifications', async () => {
    const ana = (await c.ok<{ people: Person[] }>('people:query', { text: 'ana garc' })).people[0]!;
    expect(await c.ok('userSettings:get', { personId: ana.id })).toEqual({ personId: ana.id, mobileNotifications: 'Always' });
    expect(await c.ok('userSettings:set', { personId: ana.id, mobileNotifications: 'OnlyWhenInactive' })).toEqual({ personId: ana.id, mobileNotifications: 'OnlyWhenInactive' });
    expect(await c.ok('userSettings:get', { personId: ana.id })).toMatchObject({ mobileNotifications: 'OnlyWhenInactive' });
    expect(await c.fails('userSettings:get', { personId: 'u:abc' })).toMatchObject({ code: 'invalid_input' });
    expect(await c.fails('userSettings:set', { personId: ana.id, mobileNotifications: 'Never' })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('cache and diagnostics', () => {
  it('cache:stats counts the cache and its files (WAL included)', async () => {
    const s = await c.ok<{ bytes: number; messages: number; conversations: number; attachmentBytes: number }>('cache:stats');
    expect(s.messages).toBeGreaterThan(50);
    expect(s.conversations).toBeGreaterThan(10);
    expect(s.bytes).toBeGreaterThan(4096);
  });

  it('cache:clear refuses while messages wait to be sent, then empties the cache and syncs again', async () => {
    const chat = await find('Ava Kim');
    const sent = await c.ok<{ clientId: string }>('messages:send', { conversationId: chat.id, text: 'y'.repeat(8001) });
    await until(async () => (await c.ok<{ items: Array<{ state: string }> }>('outbox:list', {})).items.some((i) => i.state === 'failed'));
    expect(await c.fails('cache:clear')).toMatchObject({ code: 'conflict' });
    await c.ok('outbox:discard', { clientId: sent.clientId });

    const created = await find('Switchboard test room');
    const before = c.events.length;
    expect(await c.ok('cache:clear')).toEqual({ ok: true });
    expect(c.events.slice(before).map((e) => e.event)).toEqual(expect.arrayContaining(['account:changed', 'app:ready']));
    expect(existsSync(join(dataDir, CACHE_FILE.demo))).toBe(true);
    // Sync starts over; the room the user created is still known (the directory survives the clear).
    await until(async () => (await inbox()).some((x) => x.id === created.id), 30_000);
    await until(async () => (await c.ok<{ messages: number }>('cache:stats')).messages > 50, 30_000);
  });

  it('diagnostics:run checks the token, connections, catalog drift and probes, in a report with no secrets', async () => {
    const d = await c.ok<Diagnostics>('diagnostics:run');
    expect(d.mode).toBe('demo');
    expect(d.token).toMatchObject({ ok: true, expiresInS: expect.any(Number) });
    expect(d.token.expiresInS!).toBeGreaterThan(60);
    expect(d.connections).toHaveLength(5);
    expect(d.connections.filter((x) => x.inUse).map((x) => x.name).sort()).toEqual(['Genesys Cloud (Demo Org)', 'Unipile Messaging']);
    expect(d.servers).toEqual([
      { server: 'genesys-chat', ok: true, liveTools: 34, catalogTools: 34, missing: [], added: [], changed: [] },
      { server: 'unipile-messaging', ok: true, liveTools: 21, catalogTools: 21, missing: [], added: [], changed: [] },
    ]);
    expect(d.probe.length).toBeGreaterThan(5);
    expect(d.text).toMatch(/Genesys Cloud \(Demo Org\) \[genesys, connected\] \(in use\)/);
    expect(d.text).toMatch(/genesys-chat: 34 live, 34 bundled, no drift/);
    const wire = JSON.stringify(d);
    for (const id of createConnections(1).map((x) => x.id)) expect(wire).not.toContain(id);
    expect(wire).not.toContain(DEMO_CREDENTIALS.clientSecret);
    expect(wire).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  }, 60_000);
});

describe('no secrets', () => {
  it('lets no PCID, token or credential cross in any reply, event or log line', async () => {
    const wire = JSON.stringify({ seen: c.seen, events: c.events, logs });
    expect(wire.length).toBeGreaterThan(10_000);
    for (const secret of [...createConnections(1).map((x) => x.id), DEMO_CREDENTIALS.clientSecret, DEMO_CREDENTIALS.apiKey, DEMO_CREDENTIALS.clientId]) expect(wire).not.toContain(secret);
    expect(wire).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(wire).not.toMatch(/Bearer|PCID|access_token/i);
  });
});
