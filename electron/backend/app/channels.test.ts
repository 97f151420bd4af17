import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnections } from '../../../emulator/core/connections';
import { DEMO_CREDENTIALS } from '../../../emulator/index';
import { conversationId, type ConversationId, type MessageId } from '../../../shared/domain/ids';
import type { Conversation, Message } from '../../../shared/domain/model';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { EventChannel, Handlers, InvokeChannel } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { startRig } from '../sync/testing/rig';
import { Vault, type KeychainBackend } from '../vault/vault';
import { offlineHandlers } from './channels';
import { createBackend, type Backend } from './createBackend';
import { CACHE_FILE } from './offline';

/**
 * Every offline-layer channel through dispatch() (validation and all), on the
 * demo workspace with a short sync policy. Every reply and every event is kept
 * and checked at the end for anything secret.
 */

function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  return {
    getPassword: async (s, a) => items.get(`${s}\u0000${a}`) ?? null,
    setPassword: async (s, a, p) => void items.set(`${s}\u0000${a}`, p),
    deletePassword: async (s, a) => items.delete(`${s}\u0000${a}`),
    findCredentials: async (s) => [...items].filter(([k]) => k.startsWith(`${s}\u0000`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  };
}

let backend: Backend;
let dataDir: string;
let vault: Vault;
const seen: unknown[] = [];
const events: Array<{ event: EventChannel; payload: unknown }> = [];

async function call<T = unknown>(channel: InvokeChannel | string, input?: unknown): Promise<Result<T>> {
  const res = (await dispatch(backend.handlers, channel, input, { host: 'web' })) as Result<T>;
  seen.push(res);
  return res;
}
async function ok<T>(channel: InvokeChannel, input?: unknown): Promise<T> {
  const res = await call<T>(channel, input);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return res.value;
}
async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-channels-'));
  // A leftover demo cache from a previous run is wiped, not reused.
  writeFileSync(join(dataDir, CACHE_FILE.demo), 'not a database');
  vault = new Vault({ keychain: memoryKeychain() });
  backend = createBackend({
    version: '1.0.0',
    host: 'web',
    workspace: 'demo',
    vault,
    dataDir,
    demo: { scale: 'tiny', activityPerMinute: 0 },
    sync: { policy: { openIntervalMs: 150, cycleIntervalMs: 200, offlineMinMs: 50 } },
    log: () => {},
  });
  backend.onEvent((event, payload) => events.push({ event, payload }));
  await backend.ready;
  // The initial sync has brought the inbox and the recent history.
  await until(async () => {
    const res = await dispatch(backend.handlers, 'sync:status', undefined, { host: 'web' });
    return res.ok && (res.value as { progress: { phase: string } }).progress.phase === 'live';
  });
});

afterAll(async () => {
  await backend?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('offline channels', () => {
  it('keeps the demo cache in its own file in the data directory, keyed from the vault', async () => {
    expect(existsSync(join(dataDir, CACHE_FILE.demo))).toBe(true);
    expect(existsSync(join(dataDir, CACHE_FILE.live))).toBe(false);
    expect(await vault.list()).toContain('cache-key');
  });

  it('inbox:list pages the inbox with keyset cursors and filters', async () => {
    const first = await until(async () => {
      const p = await ok<{ conversations: Conversation[] }>('inbox:list', { limit: 100 });
      return p.conversations.length >= 10 ? p : null;
    });
    const page1 = await ok<{ conversations: Conversation[]; next: { lastActivity: number; id: ConversationId } | null }>('inbox:list', { limit: 4 });
    expect(page1.conversations).toHaveLength(4);
    const page2 = await ok<{ conversations: Conversation[] }>('inbox:list', { limit: 4, after: page1.next });
    expect(page2.conversations.map((c) => c.id)).toEqual(first.conversations.slice(4, 8).map((c) => c.id));
    const genesys = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'network', network: 'genesys' } });
    expect(genesys.conversations.length).toBeGreaterThan(0);
    expect(genesys.conversations.every((c) => c.network === 'genesys')).toBe(true);
    const unread = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'unread' } });
    expect(unread.conversations.every((c) => c.unreadCount > 0)).toBe(true);
    const byText = await ok<{ conversations: Conversation[] }>('inbox:list', { text: first.conversations[0]!.title.slice(0, 4).toUpperCase() });
    expect(byText.conversations.map((c) => c.id)).toContain(first.conversations[0]!.id);
    // A few rows by id, in inbox order, whatever order they were asked in.
    const picked = [first.conversations[7]!.id, first.conversations[2]!.id];
    const byIds = await ok<{ conversations: Conversation[] }>('inbox:list', { ids: picked, limit: 2 });
    expect(byIds.conversations.map((c) => c.id)).toEqual([picked[1], picked[0]]);
    expect(await call('inbox:list', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ids' } });
    expect(await call('inbox:list', { filter: { kind: 'network', network: 'fax' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('inbox:list', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
  });

  it('conversation:get, :open and messages:page (before, after, around)', async () => {
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'network', network: 'genesys' } });
    const room = inbox.conversations.find((c) => c.kind === 'room')!;
    expect(await ok('conversation:get', { id: room.id })).toMatchObject({ conversation: { id: room.id }, pins: expect.any(Array) });
    expect(await call('conversation:get', { id: 'g:room:nope@conference.example' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('conversation:get', { id: 'not-an-id' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await ok('conversation:open', { id: room.id })).toMatchObject({ conversation: { id: room.id } });

    const page = await until(async () => {
      const p = await ok<{ messages: Message[]; hasOlder: boolean }>('messages:page', { conversationId: room.id, limit: 5 });
      return p.messages.length === 5 ? p : null;
    });
    const older = await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 5, before: { time: page.messages[0]!.time, id: page.messages[0]!.id } });
    expect(older.messages.every((m) => m.time <= page.messages[0]!.time)).toBe(true);
    const newer = await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 5, after: { time: older.messages[0]!.time, id: older.messages[0]!.id } });
    expect(newer.messages[0]!.id).toBe(older.messages[1]!.id);
    const around = await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 4, around: page.messages[2]!.id });
    expect(around.messages.map((m) => m.id)).toContain(page.messages[2]!.id);
    const both = { time: 1, id: page.messages[0]!.id };
    expect(await call('messages:page', { conversationId: room.id, before: both, after: both })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok<{ added: number; done: boolean }>('messages:backfill', { conversationId: room.id })).toEqual({ added: expect.any(Number), done: expect.any(Boolean) });
  });

  it('search:query finds cached messages with highlighted snippets, newest first', async () => {
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', {});
    const page = await ok<{ messages: Message[] }>('messages:page', { conversationId: inbox.conversations[0]!.id, limit: 20 });
    const word = page.messages.map((m) => m.text ?? '').join(' ').match(/\p{L}{5,}/u)![0];
    const res = await ok<{ hits: Array<{ message: Message; snippet: Array<{ text: string; hit: boolean }> }> }>('search:query', { text: word, limit: 10 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits[0]!.snippet.some((s) => s.hit)).toBe(true);
    const times = res.hits.map((h) => h.message.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await call('search:query', { text: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('drafts:set and drafts:get keep a draft per conversation; empty text clears it', async () => {
    const [c] = (await ok<{ conversations: Conversation[] }>('inbox:list', {})).conversations;
    expect(await ok('drafts:get', { conversationId: c!.id })).toBeNull();
    expect(await ok('drafts:set', { conversationId: c!.id, text: 'half a thought' })).toEqual({ ok: true });
    expect(await ok('drafts:get', { conversationId: c!.id })).toMatchObject({ conversationId: c!.id, text: 'half a thought', updatedAt: expect.any(Number) });
    await ok('drafts:set', { conversationId: c!.id, text: '' });
    expect(await ok('drafts:get', { conversationId: c!.id })).toBeNull();
  });

  it('messages:send shows pending at once, then the sent message; edit, react, pin, delete and markRead queue too', async () => {
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'network', network: 'genesys' } });
    const room = inbox.conversations.find((c) => c.kind === 'room' && !c.readOnly)!;
    await ok('drafts:set', { conversationId: room.id, text: 'about to send' });
    const sent = await ok<{ clientId: string; messageId: MessageId }>('messages:send', { conversationId: room.id, text: 'hello from the channels test' });
    expect(sent.messageId).toMatch(/^g:pending-/);
    // The draft goes with the send.
    expect(await ok('drafts:get', { conversationId: room.id })).toBeNull();
    const delivered = await until(async () => {
      const p = await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 10 });
      return p.messages.find((m) => m.text === 'hello from the channels test' && m.delivery === 'sent' && !m.id.includes('pending'));
    });
    expect(events.some((e) => e.event === 'messages:changed' && (e.payload as { ids: string[] }).ids.includes(sent.messageId))).toBe(true);

    await ok('messages:edit', { messageId: delivered.id, text: 'hello, edited' });
    await ok('messages:react', { messageId: delivered.id, emoji: '👍' });
    await ok('pins:set', { messageId: delivered.id, pinned: true });
    const shown = (await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 10 })).messages.find((m) => m.id === delivered.id)!;
    expect(shown).toMatchObject({ text: 'hello, edited', edited: true, reactions: [expect.objectContaining({ emoji: '👍', mine: true })] });
    expect((await ok<{ pins: Array<{ messageId: string }> }>('conversation:get', { id: room.id })).pins.map((p) => p.messageId)).toContain(delivered.id);
    await until(async () => (await ok<{ items: unknown[] }>('outbox:list', {})).items.length === 0);
    await ok('messages:delete', { messageId: delivered.id });
    await until(async () => (await ok<{ items: unknown[] }>('outbox:list', {})).items.length === 0);

    await ok('conversation:markRead', { conversationId: room.id });
    expect((await ok<{ conversation: Conversation }>('conversation:get', { id: room.id })).conversation.unreadCount).toBe(0);
    expect(await call('pins:set', { messageId: 'u:whatever', pinned: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('messages:send', { conversationId: room.id, text: 'x', attachments: [{ name: 'a.txt', mimeType: 'text/plain', base64: 'not base64!' }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('messages:send asked again with the same client id is one message, before and after delivery', async () => {
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'network', network: 'genesys' } });
    const room = inbox.conversations.find((c) => c.kind === 'room' && !c.readOnly)!;
    const ask = { clientId: 'lost-answer-0001', conversationId: room.id, text: 'asked three times, sent once' };
    // The window lost the answer and asked again, twice: once while the first was in flight.
    const [a, b] = await Promise.all([ok<{ clientId: string }>('messages:send', ask), ok<{ clientId: string }>('messages:send', ask)]);
    expect(a.clientId).toBe('lost-answer-0001');
    expect(b).toEqual(a);
    const count = async () => (await ok<{ messages: Message[] }>('messages:page', { conversationId: room.id, limit: 50 })).messages.filter((m) => m.text === ask.text);
    await until(async () => (await count()).some((m) => m.delivery === 'sent' && !m.id.includes('pending')));
    await until(async () => (await ok<{ items: unknown[] }>('outbox:list', {})).items.length === 0);
    // Delivered and gone from the outbox: asked once more, still the same message.
    expect(await ok('messages:send', ask)).toEqual(a);
    expect((await ok<{ items: unknown[] }>('outbox:list', {})).items).toHaveLength(0);
    expect(await count()).toHaveLength(1);
    expect(await call('messages:send', { ...ask, clientId: 'no spaces allowed' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('outbox:list, :retry and :discard act on failed sends; unknown ids are not_found', async () => {
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', { filter: { kind: 'network', network: 'linkedin' } });
    const chat = inbox.conversations.find((c) => !c.readOnly)!;
    const before = Date.now();
    const eventsBefore = events.length;
    const sent = await ok<{ clientId: string; messageId: MessageId }>('messages:send', { conversationId: chat.id, text: 'y'.repeat(8001) });
    // The send leads its conversation in the inbox at once, before the provider has seen it.
    const unsent = `${'y'.repeat(139)}…`;
    const leading = (await ok<{ conversation: Conversation }>('conversation:get', { id: chat.id })).conversation;
    expect(leading).toMatchObject({ lastMessagePreview: unsent, lastActivity: expect.any(Number) });
    expect(leading.lastActivity!).toBeGreaterThanOrEqual(before);
    expect(events.slice(eventsBefore).some((e) => e.event === 'conversations:changed' && (e.payload as { ids: string[] }).ids.includes(chat.id))).toBe(true);
    const failed = await until(async () => (await ok<{ items: Array<{ clientId: string; state: string; lastError?: { code: string } }> }>('outbox:list', { conversationId: chat.id })).items.find((i) => i.state === 'failed'));
    expect(failed).toMatchObject({ clientId: sent.clientId, lastError: { code: 'invalid_input' } });
    expect(await ok('outbox:retry', { clientId: sent.clientId })).toEqual({ ok: true });
    await until(async () => (await ok<{ items: Array<{ state: string }> }>('outbox:list', { conversationId: chat.id })).items.some((i) => i.state === 'failed'));
    const discardedAt = events.length;
    expect(await ok('outbox:discard', { clientId: sent.clientId })).toEqual({ ok: true });
    expect((await ok<{ items: unknown[] }>('outbox:list', {})).items).toEqual([]);
    // Discarded, it no longer stands for the conversation's latest message.
    expect((await ok<{ conversation: Conversation }>('conversation:get', { id: chat.id })).conversation.lastMessagePreview).not.toBe(unsent);
    expect(events.slice(discardedAt).some((e) => e.event === 'conversations:changed' && (e.payload as { ids: string[] }).ids.includes(chat.id))).toBe(true);
    expect(await call('outbox:retry', { clientId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('outbox:discard', { clientId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('sync:status, sync:historyFull and app:setActivity', async () => {
    const status = await until(async () => {
      const s = await ok<{ connection: string; progress: { phase: string } }>('sync:status');
      return s.connection === 'online' && s.progress.phase === 'live' ? s : null;
    });
    expect(status).toMatchObject({ budget: { perHour: 4500, perDay: 45000, remainingHour: expect.any(Number), pausedUntil: null }, outbox: { pending: 0, failed: 0 } });
    expect(events.some((e) => e.event === 'sync:status')).toBe(true);
    const inbox = await ok<{ conversations: Conversation[] }>('inbox:list', {});
    const genesys = inbox.conversations.find((c) => c.source === 'genesys')!;
    const whatsapp = inbox.conversations.find((c) => c.network === 'whatsapp')!;
    expect(await call('sync:historyFull', { conversationId: genesys.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok('sync:historyFull', { conversationId: whatsapp.id })).toEqual({ status: 'SYNC_STARTED' });
    expect(await ok('app:setActivity', { visible: false, idle: true })).toEqual({ ok: true });
    expect(await call('app:setActivity', { visible: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('lets no PCID, token or credential cross in any reply or event', async () => {
    const wire = JSON.stringify({ seen, events });
    expect(wire.length).toBeGreaterThan(1000);
    const pcids = createConnections(1).map((c) => c.id);
    for (const secret of [...pcids, DEMO_CREDENTIALS.clientSecret, DEMO_CREDENTIALS.apiKey, DEMO_CREDENTIALS.clientId]) expect(wire).not.toContain(secret);
    // Tokens look like JWTs.
    expect(wire).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(wire).not.toMatch(/Bearer|PCID|access_token/i);
  });

  // Last: it clears the cache the tests above read.
  it('ui:snapshot keeps the window\'s boot snapshot for the hosts; refuses one too big or malformed', async () => {
    const snapshot = { build: './assets/index-Zz99Yy88.js', theme: 'system', html: '<div role="option" data-boot-style="0">Ops &amp; on-call</div>', css: '[data-boot-style="0"]{height: 64px;}' };
    expect(await ok('ui:snapshot', snapshot)).toEqual({ ok: true });
    expect(await backend.bootSnapshot()).toEqual(snapshot);
    const tooBig = await call('ui:snapshot', { ...snapshot, html: 'x'.repeat(600 * 1024) });
    expect(tooBig.ok ? null : tooBig.error.code).toBe('invalid_input');
    expect((await call('ui:snapshot', { ...snapshot, theme: 'neon' })).ok).toBe(false);
    // Stored but not what the renderer makes (a script in it): the hosts serve the page without it.
    expect(await ok('ui:snapshot', { ...snapshot, html: '<script>alert(1)</script>' })).toEqual({ ok: true });
    expect(await backend.bootSnapshot()).toBeNull();
    // Clearing the cache takes the picture of it too.
    expect(await ok('ui:snapshot', snapshot)).toEqual({ ok: true });
    expect(await backend.bootSnapshot()).toEqual(snapshot);
    await ok('cache:clear');
    expect(await backend.bootSnapshot()).toBeNull();
  });
});

describe('offline channels without a workspace', () => {
  it('answer unavailable', async () => {
    const b = createBackend({ version: '1.0.0', host: 'web', workspace: 'none', vault: new Vault({ keychain: memoryKeychain() }) });
    try {
      expect(await dispatch(b.handlers, 'inbox:list', {}, { host: 'web' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await b.dispose();
    }
  });
});

describe('offline channels on a revoked connection', () => {
  it('never let a connection id out: not in channel errors, the sync status or the outbox', async () => {
    const r = await startRig();
    try {
      await r.engine.start();
      await r.until(async () => (await r.engine.status()).progress.phase === 'live');
      const room = conversationId.genesysRoom(r.act<Array<{ jid: string; isMember: boolean }>>('genesys', 'rooms').find((x) => x.isMember)!.jid.toLowerCase());
      const handlers = { ...offlineHandlers(async () => r.engine), 'app:info': () => Promise.reject(new Error('unused')) } as unknown as Handlers;
      const ctx = { host: 'web' as const };
      // The platform's own message for this names the connection id.
      r.emu.control.setConnectionStatus(r.pcids.genesys, 'disconnected');
      const replies = [
        await dispatch(handlers, 'messages:backfill', { conversationId: room }, ctx),
        await dispatch(handlers, 'messages:send', { conversationId: room, text: 'into the void' }, ctx),
      ];
      expect(replies[0]).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/connection/) } });
      await r.engine.open(room);
      await r.drive(10_000);
      replies.push(await dispatch(handlers, 'sync:status', undefined, ctx), await dispatch(handlers, 'outbox:list', {}, ctx));
      expect(replies[3]).toMatchObject({ ok: true, value: { items: [expect.objectContaining({ state: 'failed', lastError: expect.objectContaining({ code: 'forbidden' }) })] } });
      const wire = JSON.stringify(replies);
      expect(wire).not.toContain(r.pcids.genesys);
      expect(wire).not.toContain(r.pcids.unipile);
    } finally {
      await r.stop();
    }
  });
});
