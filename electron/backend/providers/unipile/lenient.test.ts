import { describe, expect, it } from 'vitest';
import catalog from '../../../../shared/catalog/unipile-messaging.tools.json';
import { accountSchema, conversationSchema, messageSchema, personSchema } from '../../../../shared/domain';
import type { DecodedResult } from '../../pinkfish/decode';
import { PinkfishError } from '../../pinkfish/errors';
import type { ToolCaller } from '../common/caller';
import { capabilitiesFor, disabledFeaturesFor, networkFor } from './capabilities';
import { toAccount, toConversation, toMessage, toPerson } from './mappers';
import { allChatsPages } from './paging';
import { unipileAttendeeSchema, unipileChatSchema, unipileMessageSchema } from './schemas';
import { createUnipileProvider, UNIPILE_TOOL_FUNCTIONS, type UnipileProvider } from './tools';
import { collectPages } from '../common/paging';

/**
 * The boundary without a server: a fake ToolCaller hands the provider the
 * variants the reference says may appear (and wrong shapes), so each tolerated
 * variant and each typed failure is pinned down here. Everything that a real
 * server produces is tested against the emulator in provider.test.ts.
 */

function fake(value: unknown, content: DecodedResult['content'] = []): { call: ToolCaller; calls: Array<{ tool: string; args: Record<string, unknown> }> } {
  const calls: Array<{ tool: string; args: Record<string, unknown> }> = [];
  const call: ToolCaller = async (tool, args) => {
    calls.push({ tool, args });
    return { value: typeof value === 'function' ? (value as (a: unknown) => unknown)(args) : value, content };
  };
  return { call, calls };
}

const chat = {
  object: 'Chat',
  id: 'R8J-xM9WX7eoHLp6gSVtWQ',
  account_id: 'dfXlh46vQYCsMbVarumWlg',
  account_type: 'LINKEDIN',
  provider_id: '2-ZDEy',
  attendee_provider_id: 'ACoAAAcDMMQB',
  name: 'Kim Unipile',
  type: 0,
  timestamp: '2025-06-12T09:41:27.512Z',
  unread_count: 1,
  archived: 0,
  muted_until: null,
  read_only: 0,
};

const message = {
  object: 'Message',
  id: 'Qm9sVNB0XpO2d7xKqLw1zA',
  account_id: 'k0_s8cdss9Dz8dsQa1B2cD',
  chat_id: 'Vq3XbS1cR0mUu2yT9pLk4A',
  chat_provider_id: '120363025874123456@g.us',
  provider_id: '3EB0C431D1D27A7F1E2B',
  sender_id: '33612345678@s.whatsapp.net',
  sender_attendee_id: 'C8zaRZTlVcmfnke_Vai4Gg',
  text: 'Here is the floor plan',
  attachments: [{ id: 'att1', type: 'img', mimetype: 'image/jpeg', file_size: 184233, unavailable: false, size: { width: 1280, height: 960 }, sticker: false, url: 'att://x' }],
  timestamp: '2025-06-12T09:41:27.000Z',
  is_sender: 0,
  quoted: { provider_id: '3EB05B9D6A0F11C2A7E4', sender_id: '33698765432@s.whatsapp.net', text: 'Can you send the plan?', attachments: [] },
  reactions: [
    { value: '👍', sender_id: '33698765432@s.whatsapp.net', is_sender: true },
    { value: '👍', sender_id: '33611111111@s.whatsapp.net', is_sender: false },
    { value: '❤️', sender_id: '33611111111@s.whatsapp.net', is_sender: false },
  ],
  seen: 1,
  seen_by: { '33698765432@s.whatsapp.net': '2025-06-12T09:42:03.000Z' },
  hidden: 0,
  deleted: 0,
  edited: 0,
  is_event: 0,
  delivered: 1,
  behavior: null,
  original: '{}',
};

describe('tool → function map', () => {
  it('covers exactly the 21 catalog tools, each with a provider function', () => {
    const names = catalog.tools.map((t) => t.name).sort();
    expect(names).toHaveLength(21);
    expect(Object.keys(UNIPILE_TOOL_FUNCTIONS).sort()).toEqual(names);
    const provider = createUnipileProvider(fake({}).call);
    for (const fn of Object.values(UNIPILE_TOOL_FUNCTIONS)) expect(typeof provider[fn as keyof UnipileProvider]).toBe('function');
    expect(new Set(Object.values(UNIPILE_TOOL_FUNCTIONS)).size).toBe(21);
  });

  it("each function calls its own tool with only the catalog's argument names, required ones present", async () => {
    const schemas = new Map(catalog.tools.map((t) => [t.name, t.inputSchema as { properties: Record<string, unknown>; required?: string[] }]));
    const full: Record<string, unknown> = {
      addReaction: { message_id: 'm', reaction: '👍' },
      deleteChat: { chat_id: 'c' },
      deleteMessage: { message_id: 'm' },
      forwardMessage: { message_id: 'm', chat_id: 'c' },
      getAttendeeById: { id: 'i', account_id: 'a' },
      getAttendeeProfilePicture: { id: 'i' },
      getChat: { chat_id: 'c', account_id: 'a' },
      getMessage: { message_id: 'm' },
      getMessageAttachment: { message_id: 'm', attachment_id: 'x' },
      listAllAttendees: { cursor: 'c', limit: 1, account_id: 'a' },
      listAllChats: { unread: true, account_type: 'SLACK', account_id: 'a', before: 'b', after: 'a', limit: 1, cursor: 'c' },
      listAllMessages: { cursor: 'c', before: 'b', after: 'a', limit: 1, sender_id: 's', account_id: 'a' },
      listAttendees: { chat_id: 'c' },
      listChatMessages: { chat_id: 'c', cursor: 'x', before: 'b', after: 'a', limit: 5, sender_id: 's' },
      listChatsByAttendee: { attendee_id: 'a', cursor: 'c', before: 'b', after: 'a', limit: 1, account_id: 'a' },
      listMessagesByAttendee: { sender_id: 's', cursor: 'c', before: 'b', after: 'a', limit: 1, account_id: 'a' },
      patchChat: { chat_id: 'c', action: 'setMuteStatus', value: true },
      patchMessage: { message_id: 'm', text: 't' },
      sendMessageInChat: { chat_id: 'c', text: 't', quote_id: 'q', thread_id: 'th', typing_duration: '500', account_id: 'a', attachments: [new Uint8Array([1])], voice_message: 'AAAA', video_message: 'AAAA' },
      startNewChat: { account_id: 'a', attendees_ids: ['x'], text: 't', subject: 's', linkedin: { inmail: true }, attachments: ['AAAA'], voice_message: 'AAAA', video_message: 'AAAA' },
      syncChatHistory: { chat_id: 'c' },
    };
    for (const [tool, fn] of Object.entries(UNIPILE_TOOL_FUNCTIONS)) {
      const calls: Array<{ tool: string; args: Record<string, unknown> }> = [];
      const call: ToolCaller = async (t, args) => {
        calls.push({ tool: t, args });
        return { value: {}, content: [] };
      };
      const provider = createUnipileProvider(call) as unknown as Record<string, (a: unknown) => Promise<unknown>>;
      await provider[fn]!(full[fn]).catch(() => undefined);
      expect(calls.map((c) => c.tool), fn).toEqual([tool]);
      const schema = schemas.get(tool)!;
      const sent = Object.keys(calls[0]!.args);
      for (const k of sent) expect(Object.keys(schema.properties), `${tool} got ${k}`).toContain(k);
      for (const k of schema.required ?? []) if (k !== 'PCID') expect(sent, `${tool} lacks ${k}`).toContain(k);
      // Every catalog argument is reachable through the typed arguments.
      expect(sent.sort(), tool).toEqual(Object.keys(schema.properties).filter((k) => k !== 'PCID').sort());
    }
  });
});

describe('uploads', () => {
  it('sends bytes as standard base64 and passes base64 strings through', async () => {
    const { call, calls } = fake({ object: 'MessageSent', message_id: 'm1' });
    const p = createUnipileProvider(call);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]);
    const sent = await p.sendMessageInChat({ chat_id: 'c', attachments: [bytes, 'QUJD'], voice_message: new Uint8Array([1, 2, 3]) });
    expect(sent.message_id).toBe('m1');
    expect(calls[0]!.args.attachments).toEqual([Buffer.from(bytes).toString('base64'), 'QUJD']);
    expect(calls[0]!.args.voice_message).toBe('AQID');
  });

  it('refuses a string that is not base64 before spending a call', async () => {
    const { call, calls } = fake({});
    const p = createUnipileProvider(call);
    await expect(p.sendMessageInChat({ chat_id: 'c', attachments: ['not base64!'] })).rejects.toMatchObject({ code: 'invalid_input', field: 'attachments' });
    await expect(p.startNewChat({ account_id: 'a', attendees_ids: ['x'], video_message: 'abc' })).rejects.toMatchObject({ code: 'invalid_input', field: 'video_message' });
    expect(calls).toHaveLength(0);
  });
});

describe('tolerated variants', () => {
  it('accepts booleans, 0/1 and string flags alike', () => {
    for (const [yes, no] of [[1, 0], [true, false], ['1', '0'], ['true', 'false']] as const) {
      const m = unipileMessageSchema.parse({ ...message, is_sender: yes, deleted: no, edited: yes });
      expect([m.is_sender, m.deleted, m.edited]).toEqual([true, false, true]);
    }
  });

  it('keeps unknown fields and fills missing optional ones', () => {
    const c = unipileChatSchema.parse({ id: 'c1', account_id: 'a1', account_type: 'WHATSAPP', video_meeting: { x: 1 } });
    expect(c).toMatchObject({ video_meeting: { x: 1 }, name: null, type: 0, timestamp: null, unread_count: 0, archived: false, pinned: false, muted_until: null, disabledFeatures: [] });
  });

  it('reads muted_until as null, -1, ISO or epoch', () => {
    const now = Date.parse('2025-06-12T10:00:00.000Z');
    const at = (muted_until: unknown) => toConversation(unipileChatSchema.parse({ ...chat, muted_until }), {}, { now: () => now });
    expect(at(null)).toMatchObject({ muted: false, mutedUntil: null });
    expect(at(undefined)).toMatchObject({ muted: false, mutedUntil: null });
    expect(at(-1)).toMatchObject({ muted: true, mutedUntil: null });
    expect(at('2025-06-13T00:00:00.000Z')).toMatchObject({ muted: true, mutedUntil: Date.parse('2025-06-13T00:00:00.000Z') });
    expect(at(Date.parse('2025-06-13T00:00:00.000Z'))).toMatchObject({ muted: true, mutedUntil: Date.parse('2025-06-13T00:00:00.000Z') });
    expect(at('2025-06-01T00:00:00.000Z')).toMatchObject({ muted: false, mutedUntil: null });
  });

  it('treats a missing cursor as the last page (per-chat attendee lists omit it)', async () => {
    const p = createUnipileProvider(fake({ object: 'ChatAttendeeList', items: [{ id: 'a1', name: 'Kim', is_self: 0, provider_id: 'p1' }] }).call);
    const list = await p.listAttendees({ chat_id: 'c' });
    expect(list.cursor).toBeNull();
    expect(list.items[0]).toMatchObject({ id: 'a1', is_self: false });
  });

  it('reads attendee specifics given as an array (third-party form) like the object form', () => {
    const base = { id: 'a1', name: 'Kim', is_self: 0, provider_id: 'ACoA' };
    const asObject = toPerson(unipileAttendeeSchema.parse({ ...base, specifics: { provider: 'LINKEDIN', occupation: 'CTO' } }));
    const asArray = toPerson(unipileAttendeeSchema.parse({ ...base, specifics: [{ provider: 'LINKEDIN', occupation: 'CTO' }] }));
    expect(asObject.headline).toBe('CTO');
    expect(asArray).toEqual(asObject);
  });

  it('accepts ack replies of any object shape, or empty', async () => {
    const p = createUnipileProvider(fake(undefined).call);
    await expect(p.deleteChat({ chat_id: 'c' })).resolves.toEqual({});
    const q = createUnipileProvider(fake({ object: 'MessageReactionAdded', success: true }).call);
    await expect(q.addReaction({ message_id: 'm', reaction: '👍' })).resolves.toMatchObject({ object: 'MessageReactionAdded', success: true });
  });

  it('finds the invite link under any of the likely keys', async () => {
    for (const key of ['invite_link', 'inviteLink', 'link', 'url']) {
      const p = createUnipileProvider(fake({ object: 'ChatPatched', [key]: 'https://chat.whatsapp.com/abc' }).call);
      await expect(p.patchChat({ chat_id: 'c', action: 'getInviteLink' })).resolves.toMatchObject({ invite_link: 'https://chat.whatsapp.com/abc' });
    }
  });

  it('maps null ids in send/start/forward results to null', async () => {
    const p = createUnipileProvider(fake({ object: 'ChatStarted', chat_id: null }).call);
    await expect(p.startNewChat({ account_id: 'a', attendees_ids: ['x'] })).resolves.toMatchObject({ chat_id: null, message_id: null });
  });
});

describe('malformed results', () => {
  const cases: Array<[string, (p: UnipileProvider) => Promise<unknown>, unknown]> = [
    ['a chat with a numeric id', (p) => p.getChat({ chat_id: 'c' }), { ...chat, id: 42 }],
    ['a chat list without items', (p) => p.listAllChats(), { object: 'ChatList', cursor: null }],
    ['a message list with a string for items', (p) => p.listChatMessages({ chat_id: 'c' }), { items: 'nope', cursor: null }],
    ['a message with an unparseable timestamp', (p) => p.getMessage({ message_id: 'm' }), { ...message, timestamp: 'yesterday' }],
    ['a message whose reactions are strings', (p) => p.getMessage({ message_id: 'm' }), { ...message, reactions: ['👍'] }],
    ['an attendee that is a string', (p) => p.getAttendeeById({ id: 'a' }), 'Kim'],
    ['a sync status without status', (p) => p.syncChatHistory({ chat_id: 'c' }), { object: 'ChatHistorySync' }],
    ['a send result whose message_id is a number', (p) => p.sendMessageInChat({ chat_id: 'c', text: 'x' }), { message_id: 7 }],
    ['a cursor that is an object', (p) => p.listAllMessages(), { items: [], cursor: { last_id: 'x' } }],
    ['an ack that is an array', (p) => p.deleteMessage({ message_id: 'm' }), [1, 2]],
    ['a muted_until that is not a date', (p) => p.getChat({ chat_id: 'c' }), { ...chat, muted_until: 'soon' }],
  ];
  it.each(cases)('%s is a typed protocol error', async (_what, run, value) => {
    const err = await run(createUnipileProvider(fake(value).call)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PinkfishError);
    expect(err).toMatchObject({ code: 'protocol' });
    expect((err as Error).message).toMatch(/unexpected shape/);
  });

  it('a binary reply in no known form is a typed protocol error', async () => {
    const p = createUnipileProvider(fake({ object: 'Something' }).call);
    await expect(p.getMessageAttachment({ message_id: 'm', attachment_id: 'a' })).rejects.toMatchObject({ code: 'protocol' });
  });
});

describe('mappers (spec examples)', () => {
  it('maps the reference WhatsApp group message', () => {
    const m = toMessage(unipileMessageSchema.parse(message), {
      personIdForProviderId: (_acc, pid) => (pid === '33698765432@s.whatsapp.net' ? ('u:self' as never) : undefined),
    });
    expect(messageSchema.parse(m)).toEqual(m);
    expect(m).toMatchObject({
      id: 'u:Qm9sVNB0XpO2d7xKqLw1zA',
      conversationId: 'u:Vq3XbS1cR0mUu2yT9pLk4A',
      senderId: 'u:C8zaRZTlVcmfnke_Vai4Gg',
      isOwn: false,
      text: 'Here is the floor plan',
      time: Date.parse('2025-06-12T09:41:27.000Z'),
      delivery: 'seen',
      quote: { text: 'Can you send the plan?', senderId: 'u:self' },
      attachments: [{ id: 'att1', kind: 'image', mimeType: 'image/jpeg', size: 184233, width: 1280, height: 960 }],
      reactions: [
        { emoji: '👍', count: 2, mine: true, personIds: ['u:self'] },
        { emoji: '❤️', count: 1, mine: false, personIds: [] },
      ],
      mentions: [],
    });
  });

  it('links a quote to its message through the cache lookup, and a deleted message loses its content', () => {
    const parsed = unipileMessageSchema.parse(message);
    const linked = toMessage(parsed, { messageIdForProviderId: (chatId, pid) => (chatId === parsed.chat_id && pid === '3EB05B9D6A0F11C2A7E4' ? ('u:quoted' as never) : undefined) });
    expect(linked.quote?.messageId).toBe('u:quoted');
    expect(toMessage(parsed).quote?.messageId).toBeUndefined();
    expect(toMessage({ ...parsed, deleted: true })).toMatchObject({ deleted: true, text: null, attachments: [] });
    expect(toMessage({ ...parsed, is_sender: true, seen: false, seen_by: {}, delivered: false }).delivery).toBe('sent');
    expect(toMessage({ ...parsed, is_sender: true, seen: false, seen_by: {}, delivered: true }).delivery).toBe('delivered');
    expect(toMessage({ ...parsed, is_sender: false, seen: false }).delivery).toBe('delivered');
  });

  it('builds an account from a chat reference, named after its self attendee', () => {
    const self = unipileAttendeeSchema.parse({ id: 'me1', name: 'Alex Morgan', is_self: 1, provider_id: 'ACoAme' });
    expect(accountSchema.parse(toAccount(chat, self))).toEqual({ id: 'u:dfXlh46vQYCsMbVarumWlg', source: 'unipile', network: 'linkedin', name: 'Alex Morgan', status: 'connected', selfPersonId: 'u:me1' });
    expect(toAccount({ account_id: 'x', account_type: 'TWITTER' }).name).toBe('X');
  });

  it('maps a LinkedIn chat with the network capability gaps', () => {
    const c = toConversation(unipileChatSchema.parse({ ...chat, disabledFeatures: ['reactions'] }));
    expect(conversationSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({ id: 'u:R8J-xM9WX7eoHLp6gSVtWQ', accountId: 'u:dfXlh46vQYCsMbVarumWlg', network: 'linkedin', kind: 'dm', title: 'Kim Unipile', unreadCount: 1 });
    expect(c.disabled).toEqual(['reactions', 'forward', 'threads', 'pins']);
  });

  it('titles an unnamed chat from its other attendees', () => {
    const attendees = [
      { id: 'self', name: 'Me', is_self: true, hidden: false, provider_id: 'p0' },
      { id: 'a1', name: 'Ana', is_self: false, hidden: false, provider_id: 'p1' },
      { id: 'a2', name: 'Bo', is_self: false, hidden: false, provider_id: 'p2' },
    ];
    const c = toConversation(unipileChatSchema.parse({ ...chat, name: null, type: 1 }), { attendees: attendees.map((a) => unipileAttendeeSchema.parse(a)) });
    expect(c).toMatchObject({ title: 'Ana, Bo', kind: 'group' });
    expect(c.avatarPersonId).toBeUndefined();
  });

  it('titles an unnamed 1:1 without attendees from the other party, WhatsApp ids as phone numbers', () => {
    const wa = unipileChatSchema.parse({ ...chat, account_type: 'WHATSAPP', name: null, attendee_provider_id: '33612345678@s.whatsapp.net' });
    expect(toConversation(wa).title).toBe('+33612345678');
    expect(toConversation({ ...wa, account_type: 'LINKEDIN', attendee_provider_id: 'ACoAAAcD' }).title).toBe('ACoAAAcD');
    expect(toConversation({ ...wa, attendee_provider_id: null }).title).toBe('Untitled chat');
  });

  it('skips chats of unknown networks in pages but refuses them in the single mapper', async () => {
    const p = createUnipileProvider(fake({ items: [chat, { ...chat, id: 'mail1', account_type: 'GMAIL' }], cursor: null }).call);
    const all = await collectPages(allChatsPages(p));
    expect(all.map((c) => c.id)).toEqual(['u:R8J-xM9WX7eoHLp6gSVtWQ']);
    expect(() => toConversation(unipileChatSchema.parse({ ...chat, account_type: 'GMAIL' }))).toThrow(PinkfishError);
  });

  it('maps LinkedIn specifics to a headline and picture presence', () => {
    const person = toPerson(unipileAttendeeSchema.parse({ id: 'a', name: ' Kim ', is_self: 0, provider_id: 'ACoA', picture_url: 'https://x', specifics: { provider: 'LINKEDIN', occupation: 'Head of Partnerships' } }));
    expect(personSchema.parse(person)).toEqual(person);
    expect(person).toEqual({ id: 'u:a', source: 'unipile', name: 'Kim', isSelf: false, hasPicture: true, handle: 'ACoA', headline: 'Head of Partnerships' });
  });
});

describe('capability matrix', () => {
  it('maps every account type and knows each network', () => {
    expect(['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'].map(networkFor)).toEqual(['whatsapp', 'linkedin', 'slack', 'telegram', 'instagram', 'messenger', 'x']);
    expect(networkFor('GMAIL')).toBeNull();
  });

  it('allows forward only on WhatsApp, threads only on Slack, delete only on WhatsApp/LinkedIn', () => {
    const nets = ['whatsapp', 'linkedin', 'slack', 'telegram', 'instagram', 'messenger', 'x'] as const;
    expect(nets.filter((n) => capabilitiesFor(n).forward)).toEqual(['whatsapp']);
    expect(nets.filter((n) => capabilitiesFor(n).threads)).toEqual(['slack']);
    expect(nets.filter((n) => capabilitiesFor(n).deleteMessage)).toEqual(['whatsapp', 'linkedin']);
    expect(nets.filter((n) => capabilitiesFor(n).deleteChat)).toEqual(['whatsapp', 'linkedin']);
    expect(nets.filter((n) => capabilitiesFor(n).chatActions.setArchiveStatus)).toEqual(['whatsapp']);
    expect(capabilitiesFor('whatsapp').editWindowMs).toBe(15 * 60_000);
  });

  it("gives each chat its network's time limits on edits and deletes (none where there is no limit)", () => {
    const of = (account_type: string) => toConversation(unipileChatSchema.parse({ ...chat, account_type }));
    expect(of('LINKEDIN')).toMatchObject({ editWindowMs: 60 * 60_000, deleteWindowMs: 60 * 60_000 });
    expect(of('WHATSAPP')).toMatchObject({ editWindowMs: 15 * 60_000, deleteWindowMs: 48 * 3600_000 });
    expect(of('TELEGRAM')).toMatchObject({ editWindowMs: 48 * 3600_000 });
    // Slack edits without a limit and deletes nothing; Instagram does neither.
    for (const t of ['SLACK', 'TELEGRAM', 'INSTAGRAM']) expect(of(t).deleteWindowMs, t).toBeUndefined();
    for (const t of ['SLACK', 'INSTAGRAM']) expect(of(t).editWindowMs, t).toBeUndefined();
    expect(conversationSchema.parse(of('LINKEDIN'))).toEqual(of('LINKEDIN'));
  });

  it('adds read-only restrictions to the network gaps', () => {
    expect(disabledFeaturesFor('whatsapp')).toEqual(['threads', 'pins']);
    expect(disabledFeaturesFor('whatsapp', ['reply'], true)).toEqual(['reply', 'edit', 'delete', 'threads', 'attachments', 'pins']);
  });
});
