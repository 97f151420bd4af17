import { afterEach, describe, expect, it } from 'vitest';
import { conversationId, type ConversationId, type MessageId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/ipc/result';
import { iteratePages } from '../providers/common/paging';
import { createGenesysPaging } from '../providers/genesys/index';
import { startRig, type Rig } from './testing/rig';

/**
 * The reliability bar for the outbox: nothing lost, nothing sent
 * twice, order kept, whatever the network does. Every verdict is read back from
 * the emulator's own state (faults off), not from what the client believes.
 */

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0).reverse()) await r.stop();
});

interface Upstream {
  text: string;
  own: boolean;
  reactions: string[];
}

/** Everything the server holds in a conversation (all pages), as text, sender and own reactions. */
/**
 * What the server holds, read after the faults are switched off. The rig's client gives up after
 * 150 ms, which a busy machine (the whole suite in parallel) can exceed on a clean call: a read
 * that times out is read again, any other error fails the test.
 */
async function upstream(r: Rig, id: ConversationId): Promise<Upstream[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readUpstream(r, id);
    } catch (err) {
      if (attempt >= 5 || !(err instanceof AppError && err.code === 'timeout')) throw err;
    }
  }
}

async function readUpstream(r: Rig, id: ConversationId): Promise<Upstream[]> {
  const out: Upstream[] = [];
  if (id.startsWith('u:')) {
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Rig['unipile']['listChatMessages']>> = await r.unipile.listChatMessages(cursor ? { chat_id: id.slice(2), cursor, limit: 250 } : { chat_id: id.slice(2), limit: 250 });
      for (const m of page.items) out.push({ text: m.text ?? '', own: m.is_sender, reactions: m.reactions.filter((x) => x.is_sender).map((x) => x.value) });
      cursor = page.cursor;
    } while (cursor);
    return out;
  }
  const paging = createGenesysPaging(r.genesys);
  const target = id.startsWith('g:room:') ? paging.roomHistoryPages(id.slice('g:room:'.length), { pageSize: 100 }) : paging.userHistoryPages(id.slice('g:dm:'.length), { pageSize: 100 });
  for await (const page of iteratePages(target)) {
    for (const m of page.items) {
      const reactions = Array.isArray(m.reactions) ? m.reactions.filter((x) => JSON.stringify(x.users ?? []).includes(r.me.userId)).map((x) => x.emoji) : [];
      out.push({ text: m.body ?? '', own: m.user?.id === r.me.userId, reactions });
    }
  }
  return out;
}

/** The order in which each text was first put on the wire, per conversation. */
function firstAttempts(r: Rig, prefix: string): Map<string, string[]> {
  const seen = new Set<string>();
  const byTarget = new Map<string, string[]>();
  for (const c of r.calls) {
    if (!/send_message_in_chat|post_chats_(room|user)_messages$/.test(c.tool)) continue;
    const text = String(c.args.text ?? c.args.message);
    if (!text.startsWith(prefix) || seen.has(text)) continue;
    seen.add(text);
    const target = String(c.args.chat_id ?? c.args.roomJid ?? c.args.userId);
    byTarget.set(target, [...(byTarget.get(target) ?? []), text]);
  }
  return byTarget;
}

const indexOf = (text: string) => Number(/-(\d+)/.exec(text)![1]);

async function targets(r: Rig, n: number): Promise<ConversationId[]> {
  const chats = r.act<Array<{ id: string; account_type: string; read_only: number }>>('unipile', 'chats').filter((c) => !c.read_only && ['SLACK', 'TELEGRAM', 'LINKEDIN'].includes(c.account_type));
  const rooms = r.act<Array<{ jid: string; isMember: boolean }>>('genesys', 'rooms').filter((x) => x.isMember);
  const dms = r.act<Array<{ id: string }>>('genesys', 'oneOnOnes');
  const all = [
    ...rooms.map((x) => conversationId.genesysRoom(x.jid.toLowerCase())),
    ...chats.map((c) => conversationId.unipileChat(c.id)),
    ...dms.map((d) => conversationId.genesysDm(d.id)),
  ];
  return all.slice(0, n);
}

const drained = (r: Rig) => async () => (await r.cache.listOutbox(['pending', 'sending', 'ambiguous', 'done'])).length === 0;

describe('outbox reliability', () => {
  it('delivers 100 messages composed offline exactly once each, in order, after reconnecting', async () => {
    const r = await startRig();
    rigs.push(r);
    await r.engine.start();
    await r.until(async () => (await r.engine.status()).progress.phase === 'live');
    const convs = await targets(r, 3);

    // Every call is cut off before the server sees it.
    r.emu.control.setFaults({ dropRate: 1 });
    for (let i = 0; i < 100; i++) await r.engine.send({ conversationId: convs[i % convs.length]!, text: `offline-${i}` });
    await r.drive(15 * 60_000);
    const offline = await r.engine.status();
    expect(offline.connection).toBe('offline');
    expect(offline.outbox).toEqual({ pending: 100, failed: 0 });
    // Shown as pending while offline.
    const page = await r.cache.messagesPage({ conversationId: convs[0]!, limit: 100 });
    expect(page.messages.filter((m) => m.text?.startsWith('offline-') && m.delivery === 'pending')).toHaveLength(34);

    r.emu.control.setFaults({ dropRate: 0 });
    await r.until(drained(r), 30 * 60_000);
    expect((await r.engine.status()).outbox).toEqual({ pending: 0, failed: 0 });

    for (const id of convs) {
      const texts = (await upstream(r, id)).filter((m) => m.text.startsWith('offline-'));
      const expected = Array.from({ length: 100 }, (_, i) => i).filter((i) => i % convs.length === convs.indexOf(id));
      expect(texts.map((m) => indexOf(m.text)).sort((a, b) => a - b)).toEqual(expected);
      expect(texts.every((m) => m.own)).toBe(true);
    }
    for (const order of firstAttempts(r, 'offline-').values()) expect(order.map(indexOf)).toEqual([...order.map(indexOf)].sort((a, b) => a - b));
  }, 120_000);

  it('2,000 operations with 10% server errors and timeouts: nothing lost, nothing duplicated', async () => {
    // Wall clock: hangs and timeouts are real time anyway, and every message gets its own moment.
    const r = await startRig({
      manualClock: false,
      clientTimeoutMs: 150,
      outbox: { concurrency: 6, backoffBaseMs: 20, backoffMaxMs: 400 },
      policy: { openIntervalMs: 200, cycleIntervalMs: 300, offlineMinMs: 50, offlineMaxMs: 400 },
    });
    rigs.push(r);
    await r.engine.start();
    await r.until(async () => (await r.engine.status()).progress.phase === 'live');
    const convs: ConversationId[] = [];
    for (const id of await targets(r, 20)) {
      const c = await r.cache.getConversation(id);
      if (c && !c.disabled?.some((f) => f === 'edit' || f === 'reactions')) convs.push(id);
    }
    convs.splice(6);
    expect(convs.filter((c) => c.startsWith('u:')).length).toBeGreaterThanOrEqual(2);
    r.emu.control.setFaults({ errorRate: 0.05, hangRate: 0.05, hangMaxMs: 1000 });

    const SENDS = 1600;
    for (let i = 0; i < SENDS; i++) await r.engine.send({ conversationId: convs[i % convs.length]!, text: `chaos-${i}` });
    await r.until(drained(r), 120_000);

    // Edits and reactions on what was delivered: 400 more operations under the same faults.
    const delivered = new Map<number, { id: MessageId; conv: ConversationId }>();
    for (const id of convs) {
      let before: { time: number; id: MessageId } | undefined;
      for (;;) {
        const page = await r.cache.messagesPage({ conversationId: id, limit: 500, ...(before ? { before } : {}) });
        for (const m of page.messages) if (m.text?.startsWith('chaos-') && !m.id.includes('pending')) delivered.set(indexOf(m.text), { id: m.id, conv: id });
        if (!page.hasOlder || page.messages.length === 0) break;
        before = { time: page.messages[0]!.time, id: page.messages[0]!.id };
      }
    }
    expect(delivered.size).toBe(SENDS);
    for (let k = 0; k < 200; k++) {
      const edit = delivered.get(k * 7)!;
      await r.engine.edit(edit.id, `chaos-${k * 7} (edited)`);
      const react = delivered.get(k * 7 + 3)!;
      await r.engine.react(react.id, '👍', true);
    }
    await r.until(drained(r), 60_000);
    r.emu.control.setFaults({ errorRate: 0, hangRate: 0 });

    const failed = await r.cache.listOutbox(['failed']);
    expect(failed).toEqual([]);
    const all: Upstream[] = [];
    for (const id of convs) all.push(...(await upstream(r, id)).filter((m) => m.text.startsWith('chaos-')));
    const counts = new Map<number, number>();
    for (const m of all) counts.set(indexOf(m.text), (counts.get(indexOf(m.text)) ?? 0) + 1);
    expect(counts.size).toBe(SENDS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (let k = 0; k < 200; k++) {
      expect(all.find((m) => indexOf(m.text) === k * 7)!.text).toBe(`chaos-${k * 7} (edited)`);
      expect(all.find((m) => indexOf(m.text) === k * 7 + 3)!.reactions).toContain('👍');
    }
    for (const order of firstAttempts(r, 'chaos-').values()) expect(order.map(indexOf)).toEqual([...order.map(indexOf)].sort((a, b) => a - b));
    // The faults did fire, and the ambiguous path was exercised.
    const faults = r.emu.control.counters().faults as Record<string, number>;
    expect((faults['hang'] ?? 0) + (faults['upstream-503'] ?? 0)).toBeGreaterThan(100);
  }, 180_000);
});
