import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId, type ConversationId, type MessageId } from '../../../shared/domain/ids';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createRng } from '../../../emulator/core/rng';
import { openCacheInThread, type CacheStore } from '../cache/client';
import { RequestBudget } from '../pinkfish/budget';
import { listConnections, pickConnections } from '../pinkfish/connections';
import { McpClient } from '../pinkfish/mcpClient';
import { TokenManager } from '../pinkfish/tokens';
import { bindServer } from '../providers/common/caller';
import { iteratePages } from '../providers/common/paging';
import { createGenesysPaging, createGenesysProvider } from '../providers/genesys/index';
import { createUnipileProvider } from '../providers/unipile/index';
import type { ChildConfig } from './testing/syncChild';

/**
 * SIGKILL at 20 random moments while the backend syncs (initial sync,
 * polling, backfill, outbox sends) in a process of its own. After every kill
 * the encrypted cache must open, pass PRAGMA integrity_check and hold no
 * message twice; a last run must then catch up with everything, send every
 * queued message exactly once, and end with an empty outbox.
 */

const KILLS = 20;
const CHILD = resolve(__dirname, 'testing', 'syncChild.ts');
const ROOT = resolve(__dirname, '..', '..', '..');

let emu: RunningEmulator;
let dir: string;
const key = randomBytes(32).toString('hex');
let cachePath: string;
let targets: ConversationId[];
let room: { jid: string };
let chatId: string;

beforeAll(async () => {
  // Replies take a little while, as over a real network: kills land in the middle of calls too.
  emu = await startEmulator({ scale: 'demo', seed: 3, enableControl: true, activityPerMinute: 600, ratePerHour: 0, ratePerDay: 0, faults: { latencyMs: 10, jitterMs: 30 } });
  dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
  cachePath = join(dir, 'cache.db');
  const act = <T>(service: string, action: string, params?: Record<string, unknown>) => emu.control.act(service, action, params) as T;
  const me = act<{ userId: string }>('genesys', 'me');
  const other = act<Array<{ id: string }>>('genesys', 'people').find((p) => p.id !== me.userId)!;
  room = act<{ jid: string }>('genesys', 'createRoom', { subject: 'Crash test', fromUserId: other.id, userIds: [me.userId] });
  act('genesys', 'post', { roomJid: room.jid, text: 'welcome', fromUserId: other.id });
  const account = act<Array<{ id: string; type: string }>>('unipile', 'accounts').find((a) => a.type === 'WHATSAPP')!;
  chatId = act<{ chat_id: string }>('unipile', 'startChat', { accountId: account.id, text: 'hello there', name: 'Crash Tester' }).chat_id;
  const dm = act<Array<{ id: string }>>('genesys', 'oneOnOnes')[0]!;
  targets = [conversationId.genesysRoom(room.jid.toLowerCase()), conversationId.unipileChat(chatId), conversationId.genesysDm(dm.id)];
});

afterAll(async () => {
  await emu?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  lines: string[];
  waitFor(line: string, ms: number): Promise<void>;
  exited: Promise<number | null>;
}

function startChild(config: Omit<ChildConfig, 'url' | 'credentials' | 'cachePath' | 'key' | 'targets' | 'open'>): Run {
  const full: ChildConfig = { ...config, url: emu.url, credentials: emu.credentials, cachePath, key, targets, open: targets[0]! };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(full)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters.filter((x) => x.line === l)) w.resolve();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    lines,
    exited,
    waitFor(line, ms) {
      if (lines.includes(line)) return Promise.resolve();
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`child did not say '${line}' within ${ms} ms; stderr: ${stderr.slice(-2000)}`)), ms);
        waiters.push({ line, resolve: () => (clearTimeout(timer), resolvePromise()) });
        void exited.then((code) => {
          clearTimeout(timer);
          if (!lines.includes(line)) reject(new Error(`child exited (${code}) before '${line}'; stderr: ${stderr.slice(-2000)}`));
        });
      });
    },
  };
}

/** Every message of a conversation in the cache, pending sends included (oldest first). */
function cached(store: CacheStore, id: ConversationId) {
  const out = [];
  let before: { time: number; id: MessageId } | undefined;
  for (;;) {
    const page = store.messagesPage({ conversationId: id, limit: 500, ...(before ? { before } : {}) });
    out.unshift(...page.messages);
    const first = page.messages.find((m) => m.delivery !== 'pending' && m.delivery !== 'failed');
    if (!page.hasOlder || !first) return out;
    before = { time: first.time, id: first.id };
  }
}

/**
 * Opens the cache as the app would after the crash. No message may be stored
 * twice. A send the server took just before the kill may show both as the
 * synced message and as its unconfirmed outbox copy until the restarted outbox
 * settles it (one history check), so pending copies are counted apart.
 */
function checkCache(expectedTexts: Set<string>): { store: CacheStore; sent: Map<string, number>; pending: Map<string, number> } {
  const store = openCacheInThread({ path: cachePath, key });
  expect(store.integrityCheck()).toBe('ok');
  const sent = new Map<string, number>();
  const pending = new Map<string, number>();
  const inbox = store.listInbox({ filter: { kind: 'all' }, limit: 500 }).conversations;
  for (const c of inbox) {
    const messages = cached(store, c.id);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size, `duplicate message ids in ${c.id}`).toBe(ids.length);
    for (const m of messages) {
      if (!m.text || !expectedTexts.has(m.text)) continue;
      const into = m.delivery === 'pending' || m.delivery === 'failed' ? pending : sent;
      into.set(m.text, (into.get(m.text) ?? 0) + 1);
    }
  }
  for (const [text, n] of sent) expect(n, `"${text}" stored ${n} times`).toBe(1);
  for (const [text, n] of pending) expect(n, `"${text}" queued ${n} times`).toBe(1);
  const unconfirmed = new Set(store.listOutbox(['sending', 'ambiguous', 'done']).map((e) => (e.op.kind === 'send' ? e.op.text : '')));
  for (const text of pending.keys()) if (sent.has(text)) expect(unconfirmed.has(text), `"${text}" shown as sent and as waiting`).toBe(true);
  return { store, sent, pending };
}

async function upstreamTexts(): Promise<string[]> {
  const tokens = new TokenManager({ credentials: { kind: 'oauth', ...emu.credentials }, authBase: emu.url });
  const budget = new RequestBudget({ perHour: 1e6, perDay: 1e7 });
  const client = new McpClient({ tokens, budget, mcpBase: emu.url });
  const picked = pickConnections(await listConnections({ tokens, proxyBase: emu.url, statuses: ['connected'] }));
  const genesys = createGenesysProvider(bindServer(client, 'genesys-chat', () => picked.genesys[0]!.id));
  const unipile = createUnipileProvider(bindServer(client, 'unipile-messaging', () => picked.unipile[0]!.id));
  const texts: string[] = [];
  const paging = createGenesysPaging(genesys);
  for await (const p of iteratePages(paging.roomHistoryPages(room.jid, { pageSize: 100 }))) texts.push(...p.items.map((m) => m.body ?? ''));
  for await (const p of iteratePages(paging.userHistoryPages(targets[2]!.slice('g:dm:'.length), { pageSize: 100 }))) texts.push(...p.items.map((m) => m.body ?? ''));
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof unipile.listChatMessages>> = await unipile.listChatMessages(cursor ? { chat_id: chatId, cursor, limit: 250 } : { chat_id: chatId, limit: 250 });
    texts.push(...page.items.map((m) => m.text ?? ''));
    cursor = page.cursor;
  } while (cursor);
  budget.close();
  return texts;
}

describe('sync survives SIGKILL', () => {
  it(`reopens intact after ${KILLS} kills at random moments, without duplicates, and resumes`, async () => {
    const rng = createRng(20261121);
    const enqueued = new Set<string>();
    // Ids, not texts: the emulator's world edits and deletes other people's recent messages.
    const markers: MessageId[] = [];
    for (let run = 0; run < KILLS; run++) {
      const r = startChild({ sends: 8, tag: `k${run}`, drain: false });
      await r.waitFor('ready', 30_000);
      await new Promise((res) => setTimeout(res, Math.floor(rng.next() * 700)));
      r.child.kill('SIGKILL');
      await r.exited;
      for (const l of r.lines) if (l.startsWith('enqueued ')) enqueued.add(l.slice('enqueued '.length));
      const { store } = checkCache(enqueued);
      store.close();
      // The world keeps going while the app is down: sync must pick these up later.
      const g = emu.control.act('genesys', 'post', { roomJid: room.jid, text: `marker-${run}` }) as { id: string };
      const u = emu.control.act('unipile', 'post', { chatId, text: `marker-${run}` }) as { message_id: string };
      markers.push(`g:${g.id}` as MessageId, `u:${u.message_id}` as MessageId);
    }
    expect(enqueued.size).toBeGreaterThan(0);

    const last = startChild({ sends: 0, tag: 'last', drain: true });
    await last.waitFor('drained', 60_000);
    expect(await last.exited).toBe(0);

    const { store, sent, pending } = checkCache(enqueued);
    try {
      expect(store.listOutbox()).toEqual([]);
      expect(store.getCursor('sync:initial')).toBe('done');
      expect(pending.size).toBe(0);
      for (const t of enqueued) expect(sent.get(t), `queued "${t}" in the cache`).toBe(1);
      const found = new Set(store.getMessages(markers).map((m) => m.id));
      for (const id of markers) expect(found.has(id), `${id}, posted while the app was down, is in the cache`).toBe(true);
    } finally {
      store.close();
    }
    const upstream = await upstreamTexts();
    for (const t of enqueued) expect(upstream.filter((x) => x === t), `"${t}" sent once`).toHaveLength(1);
  }, 120_000);
});
