/**
 * What sync costs and how fast it is, on a simulated clock (an hour takes
 * seconds): the whole offline layer (scheduler, providers, budget, encrypted
 * cache) against the emulator, with the clock shared by all of them.
 *
 *  - calls_per_hour: tool calls in one hour with ~200 conversations, the window
 *    visible, a conversation open, the user idle, and the world moving a little
 *    (one event a minute). Must stay under budget_per_hour.
 *  - new_message_latency_p50_s: from another person posting (emulator control
 *    'post') to the message being in the cache, in the open conversation and in
 *    background ones (half Unipile, half Genesys), the user active.
 *
 * Prints one JSON line: {"bench":"sync","calls_per_hour":…,"budget_per_hour":…,"new_message_latency_p50_s":{"open":…,"background":…}}.
 */
import type { MessageId } from '../shared/domain/ids';
import { createRng } from '../emulator/core/rng';
import { startRig } from '../electron/backend/sync/testing/rig';

export interface SyncBenchOptions {
  /** Simulated idle time measured (default 1 h). */
  idleHours?: number;
  /** Conversations in the workspace (default 200: the demo world plus extra Genesys rooms). */
  conversations?: number;
  /** New messages timed per class (default 40). */
  samples?: number;
  print?: boolean;
}

export interface SyncBenchResult {
  bench: 'sync';
  calls_per_hour: number;
  budget_per_hour: number;
  new_message_latency_p50_s: { open: number; background: number };
  /** Calls per hour while the user is active (the latency phase), for comparison with the idle figure. */
  active_calls_per_hour: number;
  /** The background figure split: Unipile rides one cross-chat call per cycle; Genesys rooms wait their turn. */
  background_p50_s_by_source: { unipile: number; genesys: number };
  conversations: number;
  samples: { open: number; background: number };
}

const MIN = 60_000;
const H = 60 * MIN;

function p50(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

export async function runSyncBench(opts: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const idleHours = opts.idleHours ?? 1;
  const samples = opts.samples ?? 40;
  // The platform's own limits, as the app runs with them.
  const rig = await startRig({ scale: 'demo', seed: 7, budget: { perHour: 4500, perDay: 45_000 } });
  try {
    const people = rig.act<Array<{ id: string }>>('genesys', 'people');
    const other = people.find((p) => p.id !== rig.me.userId)!.id;
    const existing = rig.act<Array<{ isMember: boolean }>>('genesys', 'rooms').filter((r) => r.isMember).length + rig.act<unknown[]>('genesys', 'oneOnOnes').length + rig.act<unknown[]>('unipile', 'chats').length;
    const extra = Math.max(0, (opts.conversations ?? 200) - existing);
    for (let i = 0; i < extra; i++) {
      const { jid } = rig.act<{ jid: string }>('genesys', 'createRoom', { subject: `Project room ${i + 1}`, fromUserId: other, userIds: [rig.me.userId] });
      rig.act('genesys', 'post', { roomJid: jid, text: `Kick-off for project ${i + 1}`, fromUserId: other });
    }
    // The rooms made above are days old by the time the measurement starts.
    rig.manual!.advance(3 * 24 * H);
    await rig.engine.start();
    await rig.until(async () => (await rig.engine.status()).progress.phase === 'live', 6 * H);

    const inbox = await rig.cache.listInbox({ filter: { kind: 'all' }, limit: 500 });
    const conversations = inbox.conversations.length + (await rig.cache.listInbox({ filter: { kind: 'archived' }, limit: 500 })).conversations.length;
    const openRoom = inbox.conversations.find((c) => c.source === 'genesys' && c.kind === 'room')!;
    await rig.engine.open(openRoom.id);

    // Idle: the world moves a little, nobody at the keyboard.
    rig.engine.setActivity({ visible: true, idle: true });
    await rig.drive(10 * MIN);
    let nextWorld = rig.clock.now();
    const world = () => {
      while (rig.clock.now() >= nextWorld) {
        rig.emu.control.tickActivity();
        nextWorld += MIN;
      }
    };
    const before = rig.client.stats.calls;
    await rig.drive(idleHours * H, world);
    const callsPerHour = Math.round((rig.client.stats.calls - before) / idleHours);

    // Active: time new messages from others, in the open conversation and elsewhere.
    rig.engine.setActivity({ visible: true, idle: false });
    await rig.drive(MIN);
    const activeStart = { calls: rig.client.stats.calls, at: rig.clock.now() };
    const rng = createRng(11);
    const chats = rig.act<Array<{ id: string; read_only: number | boolean }>>('unipile', 'chats').filter((c) => !c.read_only);
    // Rooms the app knows (its directory): rooms the world created since are not discoverable (no tool lists rooms).
    const rooms = (await rig.cache.listDirectory()).filter((d) => d.conversationId.startsWith('g:room:') && d.conversationId !== openRoom.id).map((d) => ({ jid: d.conversationId.slice('g:room:'.length) }));
    const arrived = new Map<string, number>();
    const lat = { open: [] as number[], background: [] as number[] };
    const bySource = { unipile: [] as number[], genesys: [] as number[] };
    const waiting: Array<{ id: MessageId; at: number; kind: 'open' | 'background' }> = [];
    const seen = rig.events.messages.length;
    let cursor = seen;
    const collect = () => {
      for (; cursor < rig.events.messages.length; cursor++) {
        const e = rig.events.messages[cursor]!;
        for (const id of e.ids) if (!arrived.has(id)) arrived.set(id, e.at);
      }
      for (let i = waiting.length - 1; i >= 0; i--) {
        const w = waiting[i]!;
        const at = arrived.get(w.id);
        if (at !== undefined) {
          lat[w.kind].push((at - w.at) / 1000);
          if (w.kind === 'background') bySource[w.id.startsWith('u:') ? 'unipile' : 'genesys'].push((at - w.at) / 1000);
          waiting.splice(i, 1);
        }
      }
    };
    const openJid = openRoom.id.slice('g:room:'.length);
    for (let i = 0; i < samples * 2; i++) {
      await rig.drive(Math.round(20_000 + rng.next() * 40_000), collect);
      const kind = i % 2 === 0 ? 'open' : 'background';
      let id: MessageId;
      if (kind === 'open') {
        id = `g:${rig.act<{ id: string }>('genesys', 'post', { roomJid: openJid, text: `open ${i}` }).id}` as MessageId;
      } else if (rng.next() < 0.5) {
        const chat = chats[Math.floor(rng.next() * chats.length)]!;
        id = `u:${rig.act<{ message_id: string }>('unipile', 'post', { chatId: chat.id, text: `background ${i}` }).message_id}` as MessageId;
      } else {
        const room = rooms[Math.floor(rng.next() * rooms.length)]!;
        id = `g:${rig.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: `background ${i}` }).id}` as MessageId;
      }
      waiting.push({ id, at: rig.clock.now(), kind });
      collect();
    }
    await rig.until(() => (collect(), waiting.length === 0), 2 * H);
    const activeCallsPerHour = Math.round(((rig.client.stats.calls - activeStart.calls) * H) / (rig.clock.now() - activeStart.at));

    const result: SyncBenchResult = {
      bench: 'sync',
      calls_per_hour: callsPerHour,
      budget_per_hour: rig.budget.perHour,
      new_message_latency_p50_s: { open: round(p50(lat.open)), background: round(p50(lat.background)) },
      active_calls_per_hour: activeCallsPerHour,
      background_p50_s_by_source: { unipile: round(p50(bySource.unipile)), genesys: round(p50(bySource.genesys)) },
      conversations,
      samples: { open: lat.open.length, background: lat.background.length },
    };
    if (opts.print ?? true) process.stdout.write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await rig.stop();
  }
}
