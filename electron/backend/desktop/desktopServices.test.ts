import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, Message, MyChatSettings } from '../../../shared/domain/model';
import { DEFAULT_PREFS, invokeChannelNames, type AppPrefs, type EventChannel, type Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { DesktopServices, type DesktopEvent } from './desktopServices';

const T0 = 1_700_000_000_000;
const ME = 'g:me';

function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  const genesys = id.startsWith('g:');
  return {
    id: id as Conversation['id'],
    accountId: (genesys ? 'g' : 'u') as Conversation['accountId'],
    source: genesys ? 'genesys' : 'unipile',
    network: genesys ? 'genesys' : 'whatsapp',
    kind: id.startsWith('g:dm:') ? 'dm' : genesys ? 'room' : 'group',
    title: `Title of ${id}`,
    lastActivity: T0,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
    ...patch,
  };
}

function message(id: string, conversationId: string, patch: Partial<Message> = {}): Message {
  return {
    id: id as Message['id'],
    conversationId: conversationId as Message['conversationId'],
    source: conversationId.startsWith('g:') ? 'genesys' : 'unipile',
    senderId: 'g:ana' as Message['senderId'],
    senderName: 'Ana',
    isOwn: false,
    text: `text of ${id}`,
    time: T0 + 1000,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
    ...patch,
  };
}

/** A backend with just enough state: conversations, messages per conversation, prefs, Genesys settings. */
function fakeBackend(init: { prefs?: Partial<AppPrefs> | 'unavailable'; settings?: Partial<MyChatSettings> | 'unavailable'; self?: string[] } = {}) {
  const state = {
    conversations: new Map<string, Conversation>(),
    messages: new Map<string, Message[]>(),
    prefs: init.prefs === 'unavailable' ? null : { ...DEFAULT_PREFS, ...init.prefs },
    settings: init.settings === 'unavailable' ? null : ({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: true, ...init.settings } as MyChatSettings),
    people: new Map<string, string>([['g:bo', 'Bo']]),
  };
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  const unavailable = () => Promise.reject(new AppError('unavailable', 'not in this test'));
  const calls: string[] = [];
  const handlers = Object.fromEntries(invokeChannelNames.map((c) => [c, unavailable])) as unknown as Handlers;
  const track = <C extends keyof Handlers>(c: C, fn: Handlers[C]) => {
    (handlers as Record<string, unknown>)[c] = (input: unknown, ctx: unknown) => {
      calls.push(c);
      return (fn as (i: unknown, x: unknown) => unknown)(input, ctx);
    };
  };
  track('prefs:get', async () => {
    if (!state.prefs) throw new AppError('unavailable', 'no prefs yet');
    return state.prefs;
  });
  track('prefs:set', async (patch) => {
    state.prefs = { ...(state.prefs ?? DEFAULT_PREFS), ...patch } as AppPrefs;
    return state.prefs;
  });
  track('mySettings:get', async () => {
    if (!state.settings) throw new AppError('unavailable', 'no settings');
    return state.settings;
  });
  track('mySettings:set', async (patch) => {
    state.settings = { ...(state.settings ?? { muted: false, mentionsOnly: false, notifyOnReactions: true, exists: true }), ...patch } as MyChatSettings;
    return state.settings;
  });
  track('account:status', async () => ({
    mode: 'demo',
    pinkfish: null,
    accounts: (init.self ?? [ME]).map((p) => ({ id: 'g', source: 'genesys', network: 'genesys', name: 'Genesys', status: 'connected', selfPersonId: p })) as never,
  }));
  track('inbox:list', async (q) => {
    const rows = [...state.conversations.values()].filter((c) => q.filter.kind !== 'unread' || c.unreadCount > 0).sort((a, b) => (a.id < b.id ? 1 : -1));
    const start = q.after ? rows.findIndex((c) => c.id === q.after!.id) + 1 : 0;
    const page = rows.slice(start, start + q.limit);
    const last = page.at(-1);
    return { conversations: page, next: start + q.limit < rows.length && last ? { lastActivity: last.lastActivity ?? 0, id: last.id } : null };
  });
  track('conversation:get', async ({ id }) => {
    const c = state.conversations.get(id);
    if (!c) throw new AppError('not_found', 'no such conversation');
    return { conversation: c, pins: [] };
  });
  track('conversation:open', async ({ id }) => ({ conversation: id ? (state.conversations.get(id) ?? null) : null }));
  track('app:setActivity', async () => ({ ok: true }));
  track('messages:page', async (q) => ({ messages: (state.messages.get(q.conversationId) ?? []).slice(-q.limit), hasOlder: false, hasNewer: false }));
  track('people:get', async ({ personId }) => {
    const name = state.people.get(personId);
    if (!name) throw new AppError('not_found', 'nobody');
    return { person: { id: personId, source: 'genesys', name, isSelf: false } };
  });
  const emit = (event: EventChannel, payload: unknown) => {
    for (const l of listeners) l(event, payload);
  };
  const backend = {
    handlers,
    onEvent(listener: (event: EventChannel, payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  /** Adds messages to the cache and announces them the way sync does. */
  const arrive = (conversationId: string, ...msgs: Message[]) => {
    state.messages.set(conversationId, [...(state.messages.get(conversationId) ?? []), ...msgs]);
    emit('messages:changed', { conversationId, ids: msgs.map((m) => m.id) });
  };
  const update = (conversationId: string, m: Message) => {
    state.messages.set(conversationId, (state.messages.get(conversationId) ?? []).map((x) => (x.id === m.id ? m : x)));
    emit('messages:changed', { conversationId, ids: [m.id] });
  };
  return { backend, state, emit, arrive, update, calls, listenerCount: () => listeners.size };
}

let now = T0;
let services: DesktopServices | null = null;

async function setup(init: Parameters<typeof fakeBackend>[0] = {}) {
  now = T0;
  const fake = fakeBackend(init);
  fake.state.conversations.set('g:room:r1@conference.x', conversation('g:room:r1@conference.x'));
  fake.state.conversations.set('g:dm:bo', conversation('g:dm:bo', { title: 'Bo' }));
  fake.state.conversations.set('u:chat1', conversation('u:chat1'));
  const log = vi.fn();
  const s = new DesktopServices({ backend: fake.backend, now: () => now, batchDelayMs: 5, recountDelayMs: 5, log });
  services = s;
  const events: DesktopEvent[] = [];
  s.on((e) => events.push(e));
  await s.start();
  const notifications = () => events.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
  const unread = () => events.flatMap((e) => (e.type === 'unread' ? [e.total] : []));
  const prefs = () => events.flatMap((e) => (e.type === 'prefs' ? [e] : []));
  return { ...fake, s, events, notifications, unread, prefs, log };
}

afterEach(() => {
  services?.dispose();
  services = null;
});

describe('preferences', () => {
  it('reads them at start and reports each change with the previous value', async () => {
    const t = await setup({ prefs: { theme: 'dark' } });
    expect(t.s.prefs.theme).toBe('dark');
    expect(t.s.prefsLoaded).toBe(true);
    expect(t.prefs()).toEqual([{ type: 'prefs', prefs: { ...DEFAULT_PREFS, theme: 'dark' }, previous: null, known: true }]);
    t.emit('prefs:changed', { ...DEFAULT_PREFS, theme: 'light', closeToTray: true });
    expect(t.prefs()[1]).toEqual({ type: 'prefs', prefs: { ...DEFAULT_PREFS, theme: 'light', closeToTray: true }, previous: { ...DEFAULT_PREFS, theme: 'dark' }, known: true });
    // The same values again are not a change.
    t.emit('prefs:changed', { ...DEFAULT_PREFS, theme: 'light', closeToTray: true });
    expect(t.prefs()).toHaveLength(2);
  });

  it('ignores a malformed prefs event', async () => {
    const t = await setup();
    t.emit('prefs:changed', { theme: 'purple' });
    expect(t.prefs()).toHaveLength(1);
    expect(t.s.prefs).toEqual(DEFAULT_PREFS);
  });

  it('falls back to the defaults while prefs are unavailable, and picks them up once the backend has them', async () => {
    const t = await setup({ prefs: 'unavailable' });
    expect(t.s.prefsLoaded).toBe(false);
    expect(t.prefs()).toEqual([{ type: 'prefs', prefs: DEFAULT_PREFS, previous: null, known: false }]);
    t.state.prefs = { ...DEFAULT_PREFS, globalShortcut: null };
    t.emit('app:ready', { mode: 'demo' });
    await vi.waitFor(() => expect(t.s.prefs.globalShortcut).toBeNull());
    // The first real prefs are applied in full: nothing before them counts as "previous".
    expect(t.prefs()[1]).toEqual({ type: 'prefs', prefs: { ...DEFAULT_PREFS, globalShortcut: null }, previous: null, known: true });
    expect(t.log).not.toHaveBeenCalled();
  });

  it('applies prefs the renderer sets through the observed handlers at once', async () => {
    const t = await setup();
    const handlers = t.s.observe(t.backend.handlers);
    await handlers['prefs:set']({ startAtLogin: true }, { host: 'electron' });
    expect(t.s.prefs.startAtLogin).toBe(true);
    expect(t.prefs().at(-1)).toMatchObject({ prefs: { startAtLogin: true }, previous: { startAtLogin: false } });
  });
});

describe('unread total', () => {
  it('counts unread, unmuted conversations at start and after each change, reporting only changes', async () => {
    const fake = await setup();
    expect(fake.unread()).toEqual([0]);
    fake.state.conversations.set('u:chat1', conversation('u:chat1', { unreadCount: 3 }));
    fake.state.conversations.set('g:dm:bo', conversation('g:dm:bo', { unreadCount: 2 }));
    fake.state.conversations.set('g:room:r1@conference.x', conversation('g:room:r1@conference.x', { unreadCount: 9, muted: true }));
    fake.emit('conversations:changed', { ids: ['u:chat1', 'g:dm:bo'] });
    await vi.waitFor(() => expect(fake.unread()).toEqual([0, 5]));
    expect(fake.s.unreadCount).toBe(5);
    fake.emit('conversations:changed', { ids: ['u:chat1'] });
    await fake.s.idle();
    expect(fake.unread()).toEqual([0, 5]);
    fake.state.conversations.set('u:chat1', conversation('u:chat1', { unreadCount: 0 }));
    fake.emit('conversations:changed', { ids: ['u:chat1'] });
    await vi.waitFor(() => expect(fake.unread()).toEqual([0, 5, 2]));
  });

  it('pages through a long unread inbox', async () => {
    const fake = await setup();
    for (let i = 0; i < 450; i++) fake.state.conversations.set(`u:c${String(i).padStart(4, '0')}`, conversation(`u:c${String(i).padStart(4, '0')}`, { unreadCount: 1 }));
    fake.emit('conversations:changed', { ids: ['u:c0001'] });
    await vi.waitFor(() => expect(fake.unread().at(-1)).toBe(450));
    expect(fake.calls.filter((c) => c === 'inbox:list').length).toBeGreaterThanOrEqual(4);
  });

  it('debounces a burst of changes into one recount', async () => {
    const fake = await setup();
    const before = fake.calls.filter((c) => c === 'inbox:list').length;
    for (let i = 0; i < 20; i++) fake.emit('conversations:changed', { ids: ['u:chat1'] });
    await fake.s.idle();
    expect(fake.calls.filter((c) => c === 'inbox:list').length - before).toBe(1);
  });
});

describe('notifications', () => {
  it('notifies a new message with who wrote where and a target to open', async () => {
    const t = await setup();
    t.arrive('g:room:r1@conference.x', message('g:m1', 'g:room:r1@conference.x', { text: 'Deploy done' }));
    await t.s.idle();
    expect(t.notifications()).toEqual([
      {
        tag: 'g:room:r1@conference.x',
        title: 'Ana in Title of g:room:r1@conference.x',
        body: 'Deploy done',
        target: { conversationId: 'g:room:r1@conference.x', messageId: 'g:m1' },
      },
    ]);
  });

  it('coalesces a burst in one conversation into one notification for the newest', async () => {
    const t = await setup();
    t.arrive('u:chat1', message('u:a', 'u:chat1', { time: T0 + 1, text: 'one' }));
    t.arrive('u:chat1', message('u:b', 'u:chat1', { time: T0 + 2, text: 'two' }));
    t.arrive('u:chat1', message('u:c', 'u:chat1', { time: T0 + 3, text: 'three' }));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(1);
    expect(t.notifications()[0]).toMatchObject({ body: 'three (+2 more)', target: { messageId: 'u:c' } });
  });

  it('hides the text when previews are off', async () => {
    const t = await setup({ prefs: { notificationPreview: false } });
    t.arrive('u:chat1', message('u:a', 'u:chat1', { text: 'secret' }));
    await t.s.idle();
    expect(t.notifications()[0]?.body).toBe('New message');
  });

  it('stays quiet for own messages, events, history and edits of messages it has seen', async () => {
    const t = await setup();
    t.arrive('u:chat1', message('u:own', 'u:chat1', { isOwn: true, senderId: 'u:me' as never }));
    t.arrive('u:chat1', message('u:event', 'u:chat1', { isEvent: true }));
    t.arrive('u:chat1', message('u:old', 'u:chat1', { time: T0 - 3_600_000 }));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
    t.arrive('u:chat1', message('u:new', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(1);
    t.update('u:chat1', message('u:new', 'u:chat1', { text: 'edited', edited: true }));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(1);
  });

  it('treats what arrives long after it was written as history (waking from sleep)', async () => {
    const t = await setup();
    now = T0 + 3 * 3_600_000;
    t.arrive('u:chat1', message('u:stale', 'u:chat1', { time: T0 + 60_000 }));
    t.arrive('u:chat1', message('u:fresh', 'u:chat1', { time: now - 5000 }));
    await t.s.idle();
    expect(t.notifications().map((n) => n.target.messageId)).toEqual(['u:fresh']);
  });

  it('skips the conversation in front of a focused window, but not when the window is unfocused or hidden', async () => {
    const t = await setup();
    const handlers = t.s.observe(t.backend.handlers);
    await handlers['conversation:open']({ id: 'u:chat1' as never }, { host: 'electron' });
    t.s.setWindowFocused(true);
    t.arrive('u:chat1', message('u:1', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);

    t.arrive('g:dm:bo', message('g:2', 'g:dm:bo'));
    await t.s.idle();
    expect(t.notifications().map((n) => n.tag)).toEqual(['g:dm:bo']);

    t.s.setWindowFocused(false);
    t.arrive('u:chat1', message('u:3', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications().map((n) => n.tag)).toEqual(['g:dm:bo', 'u:chat1']);

    t.s.setWindowFocused(true);
    await handlers['app:setActivity']({ visible: false }, { host: 'electron' });
    t.arrive('u:chat1', message('u:4', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(3);

    await handlers['app:setActivity']({ visible: true }, { host: 'electron' });
    await handlers['conversation:open']({ id: null }, { host: 'electron' });
    t.arrive('u:chat1', message('u:5', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(4);
  });

  it('respects muted conversations and the app switch', async () => {
    const t = await setup({ prefs: { notifications: true } });
    t.state.conversations.set('u:chat1', conversation('u:chat1', { muted: true }));
    t.arrive('u:chat1', message('u:1', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
    t.emit('prefs:changed', { ...DEFAULT_PREFS, notifications: false });
    t.arrive('g:dm:bo', message('g:1', 'g:dm:bo'));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
  });

  it('applies Genesys mentions-only with the user’s own person ids', async () => {
    const t = await setup({ settings: { mentionsOnly: true } });
    t.arrive('g:room:r1@conference.x', message('g:plain', 'g:room:r1@conference.x'));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
    t.arrive('g:room:r1@conference.x', message('g:mention', 'g:room:r1@conference.x', { mentions: [ME as never] }));
    await t.s.idle();
    expect(t.notifications().map((n) => n.target.messageId)).toEqual(['g:mention']);
    // A 1:1 is always addressed to the user.
    t.arrive('g:dm:bo', message('g:dm1', 'g:dm:bo'));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(2);
  });

  it('learns the user’s id from their own messages when the account does not say', async () => {
    const t = await setup({ settings: { mentionsOnly: true }, self: [] });
    t.arrive('g:room:r1@conference.x', message('g:mine', 'g:room:r1@conference.x', { isOwn: true, senderId: 'g:me2' as never }));
    t.arrive('g:room:r1@conference.x', message('g:hey', 'g:room:r1@conference.x', { mentions: ['g:me2' as never] }));
    await t.s.idle();
    expect(t.notifications().map((n) => n.target.messageId)).toEqual(['g:hey']);
  });

  it('applies Genesys muted and picks up settings the renderer changes', async () => {
    const t = await setup({ settings: { muted: true } });
    t.arrive('g:dm:bo', message('g:1', 'g:dm:bo'));
    t.arrive('u:chat1', message('u:1', 'u:chat1'));
    await t.s.idle();
    expect(t.notifications().map((n) => n.tag)).toEqual(['u:chat1']);
    const handlers = t.s.observe(t.backend.handlers);
    await handlers['mySettings:set']({ muted: false }, { host: 'electron' });
    t.arrive('g:dm:bo', message('g:2', 'g:dm:bo'));
    await t.s.idle();
    expect(t.notifications().map((n) => n.tag)).toEqual(['u:chat1', 'g:dm:bo']);
  });

  it('uses the Genesys defaults when the settings cannot be read', async () => {
    const t = await setup({ settings: 'unavailable' });
    t.arrive('g:room:r1@conference.x', message('g:1', 'g:room:r1@conference.x'));
    await t.s.idle();
    expect(t.notifications()).toHaveLength(1);
  });

  it('notifies a reaction by someone else to an own Genesys message, once, naming them', async () => {
    const t = await setup();
    const room = 'g:room:r1@conference.x';
    const mine = message('g:mine', room, { isOwn: true, senderId: ME as never, text: 'Ship it' });
    t.arrive(room, mine);
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
    t.update(room, { ...mine, reactions: [{ emoji: '👍', count: 1, mine: false, personIds: ['g:bo' as never] }] });
    await t.s.idle();
    expect(t.notifications()).toEqual([{ tag: room, title: `Bo reacted 👍 in Title of ${room}`, body: 'To: Ship it', target: { conversationId: room, messageId: 'g:mine' } }]);
    // The same reactions again, or the user's own reaction, are not news.
    t.update(room, { ...mine, reactions: [{ emoji: '👍', count: 2, mine: true, personIds: ['g:bo' as never, ME as never] }] });
    await t.s.idle();
    expect(t.notifications()).toHaveLength(1);
  });

  it('keeps reactions quiet when notify-on-reactions is off, and on Unipile', async () => {
    const t = await setup({ settings: { notifyOnReactions: false } });
    const room = 'g:room:r1@conference.x';
    const mine = message('g:mine', room, { isOwn: true, senderId: ME as never });
    const chatMine = message('u:mine', 'u:chat1', { isOwn: true, senderId: 'u:me' as never });
    t.arrive(room, mine);
    t.arrive('u:chat1', chatMine);
    await t.s.idle();
    t.update(room, { ...mine, reactions: [{ emoji: '🎉', count: 1, mine: false, personIds: [] }] });
    t.update('u:chat1', { ...chatMine, reactions: [{ emoji: '🎉', count: 1, mine: false, personIds: [] }] });
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
  });

  it('forgets what it has seen when the workspace changes, without notifying its history', async () => {
    const t = await setup();
    now = T0 + 20 * 60_000;
    t.emit('account:changed', { mode: 'live', pinkfish: null, accounts: [] });
    // Five minutes old: news in the old workspace, but history of the one just opened.
    t.arrive('u:chat1', message('u:hist', 'u:chat1', { time: now - 5 * 60_000 }));
    await t.s.idle();
    expect(t.notifications()).toEqual([]);
    t.arrive('u:chat1', message('u:new', 'u:chat1', { time: now }));
    await t.s.idle();
    expect(t.notifications().map((n) => n.target.messageId)).toEqual(['u:new']);
  });

  it('stops listening when disposed', async () => {
    const t = await setup();
    expect(t.listenerCount()).toBe(1);
    t.s.dispose();
    expect(t.listenerCount()).toBe(0);
    t.arrive('u:chat1', message('u:1', 'u:chat1'));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.notifications()).toEqual([]);
  });
});

describe('observe', () => {
  it('passes calls and answers through untouched and reports each call', async () => {
    const t = await setup();
    const onCall = vi.fn();
    const handlers = t.s.observe(t.backend.handlers, { onCall });
    await expect(handlers['conversation:open']({ id: 'u:chat1' as never }, { host: 'electron' })).resolves.toEqual({ conversation: t.state.conversations.get('u:chat1') });
    await expect(handlers['app:info'](undefined, { host: 'electron' })).rejects.toMatchObject({ code: 'unavailable' });
    expect(onCall.mock.calls.map(([c]) => c)).toEqual(['conversation:open', 'app:info']);
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannelNames].sort());
  });
});
