import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnections } from '../../../emulator/core/connections';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../../../emulator/index';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../shared/domain/model';
import type { AccountStatus, ConnectionInfo, Diagnostics } from '../../../shared/ipc/contract';
import { singleHostEndpoints } from '../pinkfish/endpoints';
import { Vault } from '../vault/vault';
import { ACCOUNT_FILE } from './accounts';
import { createBackend, type Backend, type BackendOptions } from './createBackend';
import { CACHE_FILE } from './offline';
import { caller, memoryKeychain, noKeychain, until, type Caller } from './testSupport';

/**
 * Onboarding and the live workspace, with "live" pointed at a separately started
 * emulator (real HTTP), the real keychain on a throwaway service name and a real
 * data directory: account:connect's failures, account:choose switching the
 * running backend from the demo to live, what live mode learns and fetches
 * (binary forms of pictures and files, pins by id), diagnostics, a restart,
 * account:disconnect back to the demo, and a scan of every reply, event and
 * log line for the credentials and connection ids.
 */

let live: RunningEmulator;
let pcids: string[];
const backends: Backend[] = [];
const vaults: Vault[] = [];
const dirs: string[] = [];
const logs: string[] = [];
const callers: Caller[] = [];

function testVault(): Vault {
  const v = new Vault({ service: `Switchboard-test-${randomUUID()}` });
  vaults.push(v);
  return v;
}
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'switchboard-live-'));
  dirs.push(d);
  return d;
}
function start(options: Partial<BackendOptions> & { vault: Vault }): { b: Backend; c: Caller } {
  const b = createBackend({
    version: '1.0.0',
    host: 'web',
    workspace: 'demo',
    demo: { scale: 'tiny', activityPerMinute: 0 },
    liveEndpoints: singleHostEndpoints(live.url),
    // Genesys directory entries are not polled behind the test's back (pins must be fetched by id).
    sync: { policy: { openIntervalMs: 60_000, cycleIntervalMs: 600_000, offlineMinMs: 50 } },
    log: (m, err) => logs.push(`${m} ${err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err)}`),
    ...options,
  });
  backends.push(b);
  const c = caller(() => b);
  callers.push(c);
  return { b, c };
}
/** A PCID no PinkConnect connection has, pasted by the user. */
const UNKNOWN_PCID = 'pasted-unknown-pcid-9c4e';
const oauth = (over: Partial<{ clientId: string; clientSecret: string; orgId: string }> = {}) => ({ kind: 'oauth', clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, orgId: DEMO_CREDENTIALS.orgId, ...over });

/** A token host and PinkConnect that answer, with the given connections. */
async function fakePinkfish(connections: unknown[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/oauth/token')) return void res.end(JSON.stringify({ access_token: 'opaque-token', expires_in: 3600 }));
    if (req.url?.startsWith('/manage/user-connections')) return void res.end(JSON.stringify(connections));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

beforeAll(async () => {
  live = await startEmulator({ scale: 'tiny', seed: 7, activityPerMinute: 0, enableControl: true });
  pcids = live.control.connections().map((c) => (c as { id: string }).id);
});

afterAll(async () => {
  for (const b of backends.splice(0)) await b.dispose();
  for (const v of vaults.splice(0)) await v.clear().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await live?.stop();
});

describe('account:connect', () => {
  it('says precisely what is wrong: secret, organisation, API key, unreachable, no connections', async () => {
    const { c } = start({ vault: new Vault({ keychain: memoryKeychain() }), workspace: 'none' });
    expect(await c.fails('account:connect', { credentials: oauth({ clientSecret: 'wrong-secret' }) })).toMatchObject({ code: 'auth', field: 'credentials.clientSecret', message: expect.stringMatching(/client id and secret/) });
    expect(await c.fails('account:connect', { credentials: oauth({ clientId: 'nobody' }) })).toMatchObject({ code: 'auth', field: 'credentials.clientSecret' });
    expect(await c.fails('account:connect', { credentials: oauth({ orgId: 'other-org' }) })).toMatchObject({ code: 'auth', field: 'credentials.orgId', message: expect.stringMatching(/organisation id/) });
    expect(await c.fails('account:connect', { credentials: { kind: 'apiKey', apiKey: 'wrong', orgId: DEMO_CREDENTIALS.orgId } })).toMatchObject({ code: 'auth', field: 'credentials.apiKey' });
    expect(await c.fails('account:connect', { credentials: { kind: 'apiKey', apiKey: DEMO_CREDENTIALS.apiKey, orgId: 'other-org' } })).toMatchObject({ code: 'auth', field: 'credentials.orgId' });
    expect(await c.fails('account:connect', { credentials: { kind: 'oauth', clientId: '', clientSecret: 'x', orgId: 'o' } })).toMatchObject({ code: 'invalid_input', field: 'credentials.clientId' });

    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const offline = start({ vault: new Vault({ keychain: memoryKeychain() }), workspace: 'none', liveEndpoints: singleHostEndpoints(`http://127.0.0.1:${port}`) }).c;
    expect(await offline.fails('account:connect', { credentials: oauth() })).toMatchObject({ code: 'network', message: expect.stringMatching(/Cannot reach Pinkfish \(127\.0\.0\.1:\d+\)/) });

    const empty = await fakePinkfish([]);
    const onlyGmail = await fakePinkfish([{ id: 'gmail-pcid-123', name: 'My Gmail', service_key: 'gmail', status: 'connected' }]);
    try {
      const a = start({ vault: new Vault({ keychain: memoryKeychain() }), workspace: 'none', liveEndpoints: singleHostEndpoints(empty.url) }).c;
      expect(await a.fails('account:connect', { credentials: oauth() })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no PinkConnect connections/) });
      const b = start({ vault: new Vault({ keychain: memoryKeychain() }), workspace: 'none', liveEndpoints: singleHostEndpoints(onlyGmail.url) }).c;
      expect(await b.fails('account:connect', { credentials: oauth() })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/Genesys Cloud or Unipile/) });
    } finally {
      await empty.close();
      await onlyGmail.close();
    }
  });

  it('account:choose needs a checked account and a keychain', async () => {
    const { c } = start({ vault: new Vault({ keychain: memoryKeychain() }), workspace: 'none' });
    expect(await c.fails('account:choose', {})).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Connect to Pinkfish first/) });
    const { c: nk } = start({ vault: new Vault({ keychain: noKeychain }), workspace: 'none' });
    await nk.ok('account:connect', { credentials: oauth() });
    expect(await nk.fails('account:choose', {})).toMatchObject({ code: 'keychain_unavailable' });
    expect(await nk.fails('account:disconnect')).toMatchObject({ code: 'keychain_unavailable' });
  });
});

describe('account:choose tries a pasted PCID before keeping it', () => {
  it('refuses an unknown one on its field, in every error form, keeps nothing and keeps the checked credentials for a retry', async () => {
    const vault = new Vault({ keychain: memoryKeychain() });
    const { c } = start({ vault, workspace: 'none' });
    const res = await c.ok<{ connections: ConnectionInfo[] }>('account:connect', { credentials: oauth() });
    const ref = (n: string) => res.connections.find((x) => x.name === n)!.ref;
    const mode = live.control.getConfig().errorMode;
    for (const errorMode of ['isError', 'structured', 'jsonrpc'] as const) {
      live.control.setConfig({ errorMode });
      try {
        expect(await c.fails('account:choose', { genesys: { pcid: UNKNOWN_PCID } }), errorMode).toMatchObject({
          code: 'not_found',
          field: 'genesys',
          message: 'PinkConnect has no connection with the id pasted for Genesys. Check that it was copied whole, or pick a listed connection.',
        });
        expect(await c.fails('account:choose', { genesys: { ref: ref('Genesys Cloud (Demo Org)') }, unipile: { pcid: UNKNOWN_PCID } }), errorMode).toMatchObject({
          code: 'not_found',
          field: 'unipile',
          message: expect.stringMatching(/^PinkConnect has no connection with the id pasted for Unipile/),
        });
      } finally {
        live.control.setConfig({ errorMode: mode });
      }
    }
    // Both pasted and both wrong: one answer says why for each.
    const both = await c.fails('account:choose', { genesys: { pcid: UNKNOWN_PCID }, unipile: { pcid: `${UNKNOWN_PCID}-2` } });
    expect(both).toMatchObject({ code: 'not_found', field: 'genesys' });
    expect(both.message).toMatch(/id pasted for Genesys\..*id pasted for Unipile\./);
    expect(await vault.getCredentials()).toBeNull();
    expect(await vault.getPcids()).toEqual({});

    // Listed when the credentials were checked, revoked since: the call through it says so.
    const unipile = (live.control.connections() as Array<{ id: string; name: string }>).find((x) => x.name === 'Unipile Messaging')!;
    live.control.setConnectionStatus(unipile.id, 'disconnected');
    try {
      expect(await c.fails('account:choose', { unipile: { pcid: unipile.id } })).toMatchObject({ code: 'forbidden', field: 'unipile', message: expect.stringMatching(/not connected in PinkConnect/) });
    } finally {
      live.control.setConnectionStatus(unipile.id, 'connected');
    }
    expect(await vault.getCredentials()).toBeNull();

    // The same checked credentials, the corrected PCID: kept.
    const status = await c.ok<AccountStatus>('account:choose', { genesys: { ref: ref('Genesys Cloud (Demo Org)') }, unipile: { pcid: unipile.id } });
    expect(status).toMatchObject({ mode: 'live', pinkfish: { kind: 'oauth', genesys: 'Genesys Cloud (Demo Org)', unipile: 'Unipile Messaging' } });
    expect((await vault.getPcids()).unipile).toBe(unipile.id);
  }, 60_000);

  it('says it could not check when the Farm cannot be reached, rather than calling the PCID wrong', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const vault = new Vault({ keychain: memoryKeychain() });
    const { c } = start({ vault, workspace: 'none', liveEndpoints: { ...singleHostEndpoints(live.url), mcpBase: `http://127.0.0.1:${port}` } });
    await c.ok('account:connect', { credentials: oauth() });
    const genesys = (live.control.connections() as Array<{ id: string; name: string }>).find((x) => x.name === 'Genesys Cloud (Demo Org)')!;
    for (const pcid of [genesys.id, UNKNOWN_PCID]) {
      // Twice: the checked credentials are still there for the retry.
      expect(await c.fails('account:choose', { genesys: { pcid } })).toMatchObject({
        code: 'network',
        field: 'genesys',
        message: `Could not check the connection id pasted for Genesys: Pinkfish (127.0.0.1:${port}) cannot be reached. Nothing was saved, and the id may well be right; check the network, then try again.`,
      });
    }
    expect(await vault.getCredentials()).toBeNull();
  });
});

describe('the switch from the demo to a live account and back', () => {
  let b: Backend;
  let c: Caller;
  let vault: Vault;
  let dataDir: string;
  const inbox = async () => (await c.ok<{ conversations: Conversation[] }>('inbox:list', { limit: 200 })).conversations;

  beforeAll(async () => {
    vault = testVault();
    dataDir = dir();
    ({ b, c } = start({ vault, dataDir, workspace: 'auto' }));
    await b.ready;
  });

  it('starts in the demo when nothing is stored', async () => {
    expect(await c.ok('app:info')).toMatchObject({ mode: 'demo' });
    expect(await c.ok<AccountStatus>('account:status')).toMatchObject({ mode: 'demo', pinkfish: null });
  });

  it('account:connect lists the connections by opaque ref, stores nothing', async () => {
    const res = await c.ok<{ connections: ConnectionInfo[] }>('account:connect', { credentials: oauth() });
    expect(res.connections.map((x) => [x.name, x.service, x.status])).toEqual(
      expect.arrayContaining([
        ['Genesys Cloud (Demo Org)', 'genesys', 'connected'],
        ['Genesys Cloud (old sandbox)', 'genesys', 'disconnected'],
        ['Unipile Messaging', 'unipile', 'connected'],
        ['Unipile (expired)', 'unipile', 'error'],
        ['My Gmail', 'other', 'connected'],
      ]),
    );
    for (const x of res.connections) expect(pcids).not.toContain(x.ref);
    expect(await vault.list()).not.toContain('pinkfish-credentials');
    const byName = (n: string) => res.connections.find((x) => x.name === n)!.ref;
    expect(await c.fails('account:choose', { genesys: { ref: byName('My Gmail') } })).toMatchObject({ code: 'invalid_input', field: 'genesys', message: expect.stringMatching(/not a Genesys connection/) });
    expect(await c.fails('account:choose', { genesys: { ref: byName('Genesys Cloud (old sandbox)') } })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/disconnected/) });
    expect(await c.fails('account:choose', { genesys: { ref: 'made-up' } })).toMatchObject({ code: 'invalid_input', field: 'genesys' });
  });

  it('account:choose stores them in the keychain and switches the running backend to live', async () => {
    const res = await c.ok<{ connections: ConnectionInfo[] }>('account:connect', { credentials: oauth() });
    const ref = (n: string) => res.connections.find((x) => x.name === n)!.ref;
    const before = c.events.length;
    const status = await c.ok<AccountStatus>('account:choose', { genesys: { ref: ref('Genesys Cloud (Demo Org)') }, unipile: { ref: ref('Unipile Messaging') } });
    expect(status).toMatchObject({ mode: 'live', pinkfish: { kind: 'oauth', genesys: 'Genesys Cloud (Demo Org)', unipile: 'Unipile Messaging' } });
    const events = c.events.slice(before);
    expect(events.find((e) => e.event === 'account:changed')?.payload).toMatchObject({ mode: 'live' });
    expect(events.find((e) => e.event === 'app:ready')?.payload).toEqual({ mode: 'live' });
    expect(await c.ok('app:info')).toMatchObject({ mode: 'live' });
    expect(await vault.getCredentials()).toEqual(oauth());
    const stored = await vault.getPcids();
    expect([stored.genesys, stored.unipile].every((p) => p && pcids.includes(p))).toBe(true);
    expect(existsSync(join(dataDir, ACCOUNT_FILE))).toBe(true);
    // The live emulator's chats arrive through sync.
    await until(async () => (await inbox()).filter((x) => x.source === 'unipile').length >= 8, 30_000);
    expect(existsSync(join(dataDir, CACHE_FILE.live))).toBe(true);
    const s = await c.ok<AccountStatus>('account:status');
    expect(s.accounts.map((a) => a.network).sort()).toEqual(['genesys', 'linkedin', 'slack', 'whatsapp']);
    expect(s.accounts.find((a) => a.id === 'g')).toMatchObject({ name: 'Genesys Cloud (Demo Org)' });
  });

  it('live mode learns who the user is on Genesys from a room they create, then joins rooms', async () => {
    const rooms = live.control.act('genesys', 'rooms') as Array<{ jid: string; subject: string; isMember: boolean }>;
    const member = rooms.find((r) => r.isMember)!;
    const outsider = rooms.find((r) => !r.isMember)!;
    // Not known yet: a room the user is in opens all the same; one they are not in needs their id to
    // add them; an address of no room says so.
    expect((await c.ok<{ conversation: Conversation }>('rooms:join', { jid: member.jid })).conversation.title).toBe(member.subject);
    expect(await c.fails('rooms:join', { jid: outsider.jid })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not know your Genesys user id/) });
    expect(await c.fails('rooms:join', { jid: member.jid.replace(/^[^@]+/, '0000000000000000000000aa') })).toMatchObject({ code: 'not_found', field: 'jid' });
    const created = await c.ok<{ conversation: Conversation }>('rooms:create', { subject: 'Live room' });
    expect(created.conversation.title).toBe('Live room');
    const me = (live.control.act('genesys', 'me') as { userId: string }).userId;
    expect((await c.ok<AccountStatus>('account:status')).accounts.find((a) => a.id === 'g')?.selfPersonId).toBe(`g:${me}`);
    // Joining a room one is in already is harmless; its pins come with it, not its messages.
    const joined = await c.ok<{ conversation: Conversation }>('rooms:join', { jid: member.jid });
    expect(joined.conversation.title).toBe(member.subject);
  });

  it('pins:list fetches pinned messages the cache does not have (room and 1:1), by id', async () => {
    const rooms = live.control.act('genesys', 'rooms') as Array<{ jid: string; isMember: boolean; isOwner: boolean }>;
    const owned = rooms.find((r) => r.isOwner)!;
    const roomId = `g:room:${owned.jid.toLowerCase()}` as ConversationId;
    await c.ok('rooms:join', { jid: owned.jid });
    const before = (await c.ok<{ messages: Message[] }>('messages:page', { conversationId: roomId, limit: 50 })).messages.length;
    const pins = await c.ok<{ pins: Array<{ messageId: MessageId; message: Message | null }>; limit: number }>('pins:list', { conversationId: roomId });
    expect(before).toBe(0);
    expect(pins.pins.length).toBeGreaterThan(0);
    expect(pins.pins.every((p) => p.message?.id === p.messageId)).toBe(true);

    const one = (live.control.act('genesys', 'oneOnOnes') as Array<{ id: string }>)[0]!;
    const dm = await c.ok<{ conversation: Conversation }>('dm:open', { userId: one.id });
    const dmPins = await c.ok<{ pins: Array<{ message: Message | null }> }>('pins:list', { conversationId: dm.conversation.id });
    expect(dmPins.pins.length).toBeGreaterThan(0);
    expect(dmPins.pins.every((p) => p.message !== null)).toBe(true);
  });

  it('reads every binary form the platform may use, for pictures and files', async () => {
    const all = await inbox();
    const withPeople: Person[] = [];
    for (const conv of all.filter((x) => x.source === 'unipile')) {
      withPeople.push(...(await c.ok<{ people: Person[] }>('people:list', { conversationId: conv.id })).people.filter((p) => p.hasPicture));
      if (withPeople.length >= 3) break;
    }
    const files: Array<{ messageId: MessageId; attachmentId: string }> = [];
    for (const conv of all.filter((x) => x.source === 'unipile')) {
      const page = (await c.ok<{ messages: Message[] }>('messages:page', { conversationId: conv.id, limit: 50 })).messages;
      for (const m of page) for (const a of m.attachments) if (!a.unavailable && a.kind !== 'other') files.push({ messageId: m.id, attachmentId: a.id });
      if (files.length >= 3) break;
    }
    expect(withPeople.length).toBeGreaterThanOrEqual(3);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const [i, mode] of (['base64', 'image', 'url'] as const).entries()) {
      live.control.setConfig({ binaryMode: mode });
      const pic = await c.ok<{ mimeType: string; size: number; base64: string }>('people:picture', { personId: withPeople[i]!.id });
      expect(pic.mimeType, mode).toBe('image/png');
      expect(Buffer.from(pic.base64, 'base64').subarray(0, 4).toString('hex'), mode).toBe('89504e47');
      const file = await c.ok<{ size: number; base64: string }>('attachments:get', files[i]);
      expect(file.size, mode).toBeGreaterThan(0);
      expect(Buffer.from(file.base64, 'base64').length, mode).toBe(file.size);
    }
    live.control.setConfig({ binaryMode: 'base64' });
  });

  it('diagnostics:run names the connections in use, and says nothing secret', async () => {
    const d = await c.ok<Diagnostics>('diagnostics:run');
    expect(d).toMatchObject({ mode: 'live', token: { ok: true } });
    expect(d.connections.filter((x) => x.inUse).map((x) => x.name).sort()).toEqual(['Genesys Cloud (Demo Org)', 'Unipile Messaging']);
    expect(d.servers.every((s) => s.ok && s.missing.length === 0)).toBe(true);
    expect(d.text).toContain('Workspace: live');
    for (const secret of [...pcids, DEMO_CREDENTIALS.clientSecret, DEMO_CREDENTIALS.clientId]) expect(d.text).not.toContain(secret);
  }, 60_000);

  it('a restart opens the live account again, with the connection names from the data directory', async () => {
    const again = start({ vault, dataDir: dir(), workspace: 'auto' });
    await again.b.ready;
    expect(await again.c.ok('app:info')).toMatchObject({ mode: 'live' });
    // No account.json in that directory: the names are asked of PinkConnect.
    expect(await again.c.ok<AccountStatus>('account:status')).toMatchObject({ pinkfish: { kind: 'oauth', genesys: 'Genesys Cloud (Demo Org)', unipile: 'Unipile Messaging' } });
    await again.b.dispose();
  });

  it('account:choose by a pasted connection id works too', async () => {
    await c.ok('account:connect', { credentials: { kind: 'apiKey', apiKey: DEMO_CREDENTIALS.apiKey, orgId: DEMO_CREDENTIALS.orgId } });
    const unipile = (live.control.connections() as Array<{ id: string; name: string }>).find((x) => x.name === 'Unipile Messaging')!;
    const status = await c.ok<AccountStatus>('account:choose', { unipile: { pcid: unipile.id } });
    expect(status).toMatchObject({ mode: 'live', pinkfish: { kind: 'apiKey', unipile: 'Unipile Messaging', genesys: 'Genesys Cloud (Demo Org)' } });
    expect((await vault.getPcids()).unipile).toBe(unipile.id);
    // Another credential: the previous account's cache was not kept.
    await until(async () => (await inbox()).filter((x) => x.source === 'unipile').length >= 8, 30_000);
    expect((await inbox()).some((x) => x.title === 'Live room')).toBe(false);
  });

  it('a revoked connection is reported without its id', async () => {
    const genesys = (live.control.connections() as Array<{ id: string; name: string }>).find((x) => x.name === 'Genesys Cloud (Demo Org)')!;
    live.control.setConnectionStatus(genesys.id, 'disconnected');
    try {
      const err = await c.fails('orgSettings:get');
      expect(err).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/connection/) });
      expect(JSON.stringify(err)).not.toContain(genesys.id);
      const d = await c.ok<Diagnostics>('diagnostics:run');
      expect(d.connections.find((x) => x.name === genesys.name)).toMatchObject({ status: 'disconnected', inUse: true });
      expect(JSON.stringify(d)).not.toContain(genesys.id);
    } finally {
      live.control.setConnectionStatus(genesys.id, 'connected');
    }
  }, 60_000);

  it('account:disconnect removes the credentials, connection ids and live cache, and goes back to the demo', async () => {
    const before = c.events.length;
    const status = await c.ok<AccountStatus>('account:disconnect');
    expect(status).toMatchObject({ mode: 'demo', pinkfish: null });
    expect(c.events.slice(before).map((e) => e.event)).toEqual(expect.arrayContaining(['account:changed', 'app:ready']));
    expect(await vault.list()).not.toEqual(expect.arrayContaining(['pinkfish-credentials']));
    expect(await vault.list()).not.toContain('pcids');
    for (const f of [CACHE_FILE.live, `${CACHE_FILE.live}-wal`, `${CACHE_FILE.live}-shm`, ACCOUNT_FILE]) expect(existsSync(join(dataDir, f)), f).toBe(false);
    expect(await c.ok('app:info')).toMatchObject({ mode: 'demo' });
    await until(async () => (await inbox()).length >= 13, 30_000);
  });
});

describe('no secrets', () => {
  it('no reply, event or log line holds a credential, token or connection id', async () => {
    const wire = JSON.stringify({ seen: callers.map((x) => x.seen), events: callers.map((x) => x.events), logs });
    expect(wire.length).toBeGreaterThan(10_000);
    const demoPcids = createConnections(1).map((x) => x.id);
    for (const secret of [...pcids, ...demoPcids, DEMO_CREDENTIALS.clientSecret, DEMO_CREDENTIALS.apiKey, DEMO_CREDENTIALS.clientId, 'wrong-secret', 'opaque-token', 'gmail-pcid-123', UNKNOWN_PCID]) expect(wire, secret).not.toContain(secret);
    expect(wire).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(wire).not.toMatch(/Bearer|PCID|access_token/i);
  });
});
