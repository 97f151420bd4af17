import { describe, expect, it } from 'vitest';
import { conversationId, type ConversationId, type MessageId } from '../../../shared/domain/ids';
import type { OutboxEntry } from '../cache/api';
import { ManualClock } from './clock';
import { errorFor } from './../pinkfish/errors';
import { Outbox, type OutboxExecutor } from './outbox';
import { isPendingId } from './pending';
import { cacheWith, type Rig } from './testing/rig';
import { live, useRigs } from './testing/rigTest';
import type { AsyncCache } from './types';

const rig = useRigs();
const drained = (r: Rig) => async () => (await r.cache.listOutbox(['pending', 'sending', 'ambiguous', 'done'])).length === 0;

interface ChatInfo {
  id: string;
  account_type: string;
  read_only: number;
}
function selfAttendee(r: Rig, chat: ConversationId): string {
  return r.act<Array<{ id: string; is_self: boolean | number }>>('unipile', 'attendees', { chatId: chat.slice(2) }).find((a) => a.is_self)!.id;
}
function slackChat(r: Rig): ConversationId {
  return conversationId.unipileChat(r.act<ChatInfo[]>('unipile', 'chats').find((c) => c.account_type === 'SLACK' && !c.read_only)!.id);
}

/** Texts the engine sent, in the order the sends went out (a frozen clock gives the server no order to show). */
function sentOrder(r: Rig, prefix: string): string[] {
  return r.calls.filter((c) => /send_message|post_chats_(room|user)_messages$/.test(c.tool)).map((c) => String(c.args.text ?? c.args.message)).filter((t) => t.startsWith(prefix));
}

/** Texts of own messages in a Unipile chat, as the server has them. */
async function serverTexts(r: Rig, id: ConversationId): Promise<string[]> {
  const items = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Rig['unipile']['listChatMessages']>> = await r.unipile.listChatMessages(cursor ? { chat_id: id.slice(2), cursor, limit: 250 } : { chat_id: id.slice(2), limit: 250 });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items
    .filter((m) => m.is_sender)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
    .map((m) => m.text ?? '');
}

describe('Outbox (unit)', () => {
  it('backs off exponentially with jitter, capped', () => {
    const outbox = new Outbox({ cache: {} as AsyncCache, clock: new ManualClock(), executor: {} as OutboxExecutor, random: () => 1, backoffBaseMs: 1000, backoffMaxMs: 60_000 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => outbox.backoff(n))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    const low = new Outbox({ cache: {} as AsyncCache, clock: new ManualClock(), executor: {} as OutboxExecutor, random: () => 0, backoffBaseMs: 1000 });
    expect(low.backoff(3)).toBe(2000);
  });
});

describe('Outbox against the emulator', () => {
  it('shows a send as pending at once, delivers in order per conversation and then shows the real message', async () => {
    const r = await rig();
    await live(r);
    const id = slackChat(r);
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await r.engine.send({ conversationId: id, text: `ordered ${i}` }));
    const page = await r.cache.messagesPage({ conversationId: id, limit: 20 });
    expect(page.messages.slice(-6).map((m) => [m.id, m.delivery, m.text])).toEqual(sent.map((s, i) => [s.messageId, 'pending', `ordered ${i}`]));
    await r.until(drained(r));
    expect((await serverTexts(r, id)).filter((t) => t.startsWith('ordered')).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `ordered ${i}`));
    expect(sentOrder(r, 'ordered')).toEqual([0, 1, 2, 3, 4, 5].map((i) => `ordered ${i}`));
    const after = await r.cache.messagesPage({ conversationId: id, limit: 20 });
    expect(after.messages.filter((m) => m.text?.startsWith('ordered')).map((m) => [m.delivery, m.isOwn, m.id.startsWith('u:pending')])).toEqual(Array(6).fill(['sent', true, false]));
  });

  it("a quoted reply's sent copy says what it quotes, as its pending copy did (not a blank quote until the next poll)", async () => {
    const r = await rig();
    await live(r);
    const id = slackChat(r);
    const before = await r.cache.messagesPage({ conversationId: id, limit: 20 });
    const quoted = before.messages.filter((m) => m.text && !m.deleted && !m.isEvent).at(-1)!;
    const { messageId } = await r.engine.send({ conversationId: id, text: 'quoting it', quoteId: quoted.id });
    const [pending] = await r.cache.getMessages([messageId]);
    expect(pending?.quote).toMatchObject({ messageId: quoted.id, text: quoted.text });
    // Delivered: the outbox's sent copy replaces the pending one.
    await r.until(drained(r));
    const after = await r.cache.messagesPage({ conversationId: id, limit: 20 });
    const sentCopy = after.messages.find((m) => m.text === 'quoting it' && !m.id.startsWith('u:pending'));
    expect(sentCopy?.quote).toMatchObject({ messageId: quoted.id, text: quoted.text });
    if (quoted.senderId) expect(sentCopy?.quote?.senderId).toBe(quoted.senderId);
  });

  it('a send that shows as sent can be edited at once, and the edit stays on the message the outbox then stores', async () => {
    // The outbox records the real id, then stores the sent message: held between the two here, as a
    // slow machine may hold it, the timeline already shows it as sent under that id.
    let held!: () => void;
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let storedText: string | null | undefined;
    const r = await rig({
      openCache: cacheWith({
        updateOutbox: (real) => async (seq, patch) => {
          await real.updateOutbox(seq, patch);
          if (patch.state !== 'done' || !patch.remoteId) return;
          held();
          await gate;
        },
        upsertMessages: (real) => async (messages, cursor) => {
          const res = await real.upsertMessages(messages, cursor);
          // The outbox's write of the sent message (it claims it for its conversation), not a poll's.
          const sent = cursor?.key.startsWith('outbox:claimed:') ? messages.find((m) => !isPendingId(m.id)) : undefined;
          if (sent) storedText = (await real.getMessages([sent.id]))[0]?.text;
          return res;
        },
      }),
    });
    await live(r);
    const id = slackChat(r);
    await r.engine.send({ conversationId: id, text: 'hold me' });
    await holding;
    const shown = (await r.cache.messagesPage({ conversationId: id, limit: 20 })).messages.find((m) => m.text === 'hold me')!;
    expect(shown).toMatchObject({ delivery: 'sent', isOwn: true });
    expect(isPendingId(shown.id)).toBe(false);
    await r.engine.edit(shown.id, 'edited the moment it showed');
    release();
    await r.until(drained(r));
    // The outbox's own write of the sent message kept the edit that was still on its way.
    expect(storedText).toBe('edited the moment it showed');
    expect((await serverTexts(r, id)).filter((t) => t.startsWith('edited the moment'))).toEqual(['edited the moment it showed']);
  });

  it("an edit made while the outbox is writing the sent message stays on it: the write's older copy does not cover it", async () => {
    // Held inside the outbox's write of the sent message, after it read the operations on their way:
    // an edit made then writes its own copy at once, which that write would overwrite.
    let held!: () => void;
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await rig({
      openCache: cacheWith({
        upsertMessages: (real) => async (messages, cursor) => {
          if (cursor?.key.startsWith('outbox:claimed:')) {
            held();
            await gate;
          }
          return real.upsertMessages(messages, cursor);
        },
      }),
    });
    await live(r);
    const id = slackChat(r);
    await r.engine.send({ conversationId: id, text: 'as sent' });
    await holding;
    const shown = (await r.cache.messagesPage({ conversationId: id, limit: 20 })).messages.find((m) => m.text === 'as sent')!;
    expect(isPendingId(shown.id)).toBe(false);
    // The edit stays queued (its tool refuses for now): only the outbox's overlay can keep it on screen.
    r.emu.control.setFaults({ errorRateByTool: { unipile_messaging_patch_message: 1 }, errorKind: 'upstream-503' });
    await r.engine.edit(shown.id, 'edited while it was written');
    release();
    await r.until(async () => (await r.cache.listOutbox(['pending', 'sending', 'ambiguous', 'done'])).every((e) => e.op.kind !== 'send'));
    expect((await r.cache.getMessages([shown.id]))[0]).toMatchObject({ text: 'edited while it was written', edited: true });
    expect((await r.cache.listOutbox(['pending', 'sending', 'ambiguous'])).map((e) => e.op.kind)).toEqual(['edit']);
  });

  it('retries a transient failure with backoff and delivers once', async () => {
    const r = await rig({ random: () => 1 });
    await live(r);
    const id = slackChat(r);
    r.emu.control.setFaults({ errorRateByTool: { unipile_messaging_send_message_in_chat: 1 }, errorKind: 'upstream-503' });
    const { clientId } = await r.engine.send({ conversationId: id, text: 'after the storm' });
    const seen: OutboxEntry[] = [];
    for (let i = 0; i < 4; i++) {
      await r.drive(500);
      const e = (await r.cache.listOutbox()).find((x) => x.clientId === clientId)!;
      seen.push(e);
      await r.drive(Math.max(0, e.notBefore - r.clock.now()));
    }
    // A 503 may come from behind the gateway: the send is "maybe delivered" and each retry checks history first.
    expect(seen.every((e) => e.state === 'ambiguous')).toBe(true);
    expect(seen.map((e) => e.attempts)).toEqual([1, 2, 3, 4]);
    r.emu.control.setFaults({ errorRateByTool: {} });
    await r.until(drained(r));
    expect((await serverTexts(r, id)).filter((t) => t === 'after the storm')).toHaveLength(1);
  });

  it('after an ambiguous failure finds the message in history instead of sending it twice', async () => {
    const r = await rig();
    await live(r);
    const id = slackChat(r);
    r.emu.control.resetCounters();
    // The server runs the send, then the connection drops halfway through the reply.
    r.emu.control.setFaults({ truncatedRate: 1 });
    await r.engine.send({ conversationId: id, text: 'did it go?' });
    await r.drive(200);
    expect((await r.cache.listOutbox())[0]).toMatchObject({ state: 'ambiguous' });
    r.emu.control.setFaults({ truncatedRate: 0 });
    await r.until(drained(r));
    expect((await serverTexts(r, id)).filter((t) => t === 'did it go?')).toHaveLength(1);
    expect(r.emu.control.counters().toolCalls['unipile_messaging_send_message_in_chat']).toBe(1);
  });

  it('an unsure send waiting for its next try can be discarded: it is not sent again, and the copy that did arrive comes in with sync', async () => {
    const r = await rig({ random: () => 1 });
    await live(r);
    const id = slackChat(r);
    r.emu.control.resetCounters();
    // The server runs the send, then the reply is lost: unsure, and waiting out its backoff.
    r.emu.control.setFaults({ truncatedRate: 1 });
    const { clientId } = await r.engine.send({ conversationId: id, text: 'never mind' });
    await r.drive(200);
    const waiting = (await r.cache.listOutbox()).find((e) => e.clientId === clientId)!;
    expect(waiting).toMatchObject({ state: 'ambiguous' });
    expect(waiting.notBefore).toBeGreaterThan(r.clock.now());
    await r.engine.discard(clientId);
    expect(await r.cache.listOutbox()).toEqual([]);
    r.emu.control.setFaults({ truncatedRate: 0 });
    await r.drive(10 * 60_000);
    // Sent once (the try whose reply was lost), never again.
    expect(r.emu.control.counters().toolCalls['unipile_messaging_send_message_in_chat']).toBe(1);
    expect((await serverTexts(r, id)).filter((t) => t === 'never mind')).toHaveLength(1);
  });

  it('tells apart two sends of the same text: the first delivered one is not taken for the second', async () => {
    const r = await rig();
    await live(r);
    const id = slackChat(r);
    await r.engine.send({ conversationId: id, text: 'ok' });
    await r.until(drained(r));
    r.emu.control.setFaults({ truncatedRate: 1 });
    await r.engine.send({ conversationId: id, text: 'ok' });
    await r.drive(200);
    r.emu.control.setFaults({ truncatedRate: 0 });
    await r.until(drained(r));
    await r.engine.send({ conversationId: id, text: 'ok' });
    await r.until(drained(r));
    expect((await serverTexts(r, id)).filter((t) => t === 'ok')).toHaveLength(3);
  });

  it('marks a permanent failure failed; the user can edit and retry it, or discard it', async () => {
    const r = await rig();
    await live(r);
    const linkedin = conversationId.unipileChat(r.act<ChatInfo[]>('unipile', 'chats').find((c) => c.account_type === 'LINKEDIN' && !c.read_only)!.id);
    const { clientId, messageId } = await r.engine.send({ conversationId: linkedin, text: 'x'.repeat(8001) });
    await r.drive(1000);
    const [failed] = await r.cache.listOutbox(['failed']);
    expect(failed).toMatchObject({ clientId, lastError: { code: 'invalid_input' } });
    expect((await r.cache.getMessages([messageId]))[0]).toMatchObject({ delivery: 'failed' });
    expect((await r.engine.status()).outbox).toEqual({ pending: 0, failed: 1 });

    await r.engine.retry(clientId);
    await r.drive(1000);
    expect((await r.cache.listOutbox(['failed']))).toHaveLength(1);
    await r.engine.edit(messageId, 'shorter now');
    await r.until(drained(r));
    expect((await serverTexts(r, linkedin)).filter((t) => t === 'shorter now')).toHaveLength(1);

    const second = await r.engine.send({ conversationId: linkedin, text: 'y'.repeat(8001) });
    await r.drive(1000);
    await r.engine.discard(second.clientId);
    expect(await r.cache.listOutbox()).toEqual([]);
    expect(await r.cache.getMessages([second.messageId])).toEqual([]);
  });

  it('a later message of the conversation waits for an earlier one in backoff; other conversations do not', async () => {
    const r = await rig({ random: () => 1 });
    await live(r);
    const slack = slackChat(r);
    const room = conversationId.genesysRoom(r.act<Array<{ jid: string; isMember: boolean }>>('genesys', 'rooms').find((x) => x.isMember)!.jid.toLowerCase());
    r.emu.control.setFaults({ errorRateByTool: { unipile_messaging_send_message_in_chat: 1 }, errorKind: 'http-503' });
    await r.engine.send({ conversationId: slack, text: 'first' });
    await r.engine.send({ conversationId: slack, text: 'second' });
    await r.engine.send({ conversationId: room, text: 'elsewhere' });
    await r.drive(5000);
    const states = (await r.cache.listOutbox()).map((e) => [e.op.kind === 'send' ? e.op.text : '', e.state, e.attempts]);
    expect(states).toEqual([
      ['first', 'ambiguous', expect.any(Number)],
      ['second', 'pending', 0],
    ]);
    r.emu.control.setFaults({ errorRateByTool: {} });
    await r.until(drained(r));
    expect((await serverTexts(r, slack)).filter((t) => t === 'first' || t === 'second').sort()).toEqual(['first', 'second']);
    expect(sentOrder(r, 'first').length).toBeGreaterThan(1);
    expect(r.calls.filter((c) => c.args.text === 'second')).toHaveLength(1);
    expect(r.calls.findIndex((c) => c.args.text === 'second')).toBeGreaterThan(r.calls.map((c) => c.args.text).lastIndexOf('first'));
  });

  it('survives a restart: queued offline, delivered by the next run; a send cut off mid-call is not repeated', async () => {
    const online = await rig();
    await live(online);
    const slack = slackChat(online);
    await online.detach();

    const dead = await rig({ emulator: online.emu, mcpBase: 'http://127.0.0.1:9', cache: { path: online.cachePath, key: online.key } });
    await dead.engine.start();
    for (let i = 0; i < 3; i++) await dead.engine.send({ conversationId: slack, text: `queued ${i}` });
    // A send the server did take, whose reply was lost when the process died mid-call.
    online.act('unipile', 'post', { chatId: slack.slice(2), text: 'cut off', fromAttendeeId: selfAttendee(online, slack) });
    const cut = await dead.cache.enqueue({ kind: 'send', conversationId: slack, text: 'cut off' }, 'cut-off-client', dead.clock.now() - 1000);
    await dead.cache.updateOutbox(cut.seq, { state: 'sending', attempts: 1 });
    await dead.drive(10_000);
    expect((await dead.engine.status()).connection).toBe('offline');
    expect((await dead.engine.status()).outbox.pending).toBe(4);
    await dead.detach();

    const next = await rig({ emulator: online.emu, cache: { path: online.cachePath, key: online.key } });
    await next.engine.start();
    await next.until(drained(next));
    const texts = await serverTexts(next, slack);
    expect(texts.filter((t) => t.startsWith('queued ')).sort()).toEqual(['queued 0', 'queued 1', 'queued 2']);
    expect(sentOrder(next, 'queued ')).toEqual(['queued 0', 'queued 1', 'queued 2']);
    expect(texts.filter((t) => t === 'cut off')).toHaveLength(1);
  });

  it('finishes a send recorded as delivered whose bookkeeping a crash cut short, and the queue behind it moves on', async () => {
    const online = await rig();
    await live(online);
    const slack = slackChat(online);
    const room = conversationId.genesysRoom(online.act<Array<{ jid: string; isMember: boolean }>>('genesys', 'rooms').find((x) => x.isMember)!.jid.toLowerCase());
    // What a kill between "the provider took it" and "remove it from the outbox" leaves behind.
    const taken = await online.unipile.sendMessageInChat({ chat_id: slack.slice(2), text: 'taken' });
    const a = await online.cache.enqueue({ kind: 'send', conversationId: slack, text: 'taken' }, 'taken-client', online.clock.now());
    await online.cache.updateOutbox(a.seq, { state: 'done', remoteId: `u:${taken.message_id}` as MessageId, attempts: 1 });
    const sentRoom = await online.genesys.sendRoomMessage({ roomJid: room.slice('g:room:'.length), message: 'taken too' });
    const b = await online.cache.enqueue({ kind: 'send', conversationId: room, text: 'taken too' }, 'taken-client-2', online.clock.now());
    await online.cache.updateOutbox(b.seq, { state: 'done', remoteId: `g:${sentRoom.id}` as MessageId, attempts: 1 });
    await online.cache.enqueue({ kind: 'send', conversationId: slack, text: 'behind' }, 'behind-client', online.clock.now());
    await online.cache.enqueue({ kind: 'send', conversationId: room, text: 'behind too' }, 'behind-client-2', online.clock.now());
    await online.detach();

    const next = await rig({ emulator: online.emu, cache: { path: online.cachePath, key: online.key } });
    await next.engine.start();
    await next.until(drained(next));
    expect(await next.cache.listOutbox()).toEqual([]);
    expect((await serverTexts(next, slack)).filter((t) => t === 'taken' || t === 'behind').sort()).toEqual(['behind', 'taken']);
    expect(next.calls.filter((c) => c.args.text === 'taken' || c.args.message === 'taken too')).toEqual([]);
  });

  it('queues edits, reactions, pins and deletes made offline, shows them at once, and applies them after a restart', async () => {
    const online = await rig();
    await live(online);
    const room = online.act<Array<{ jid: string; isMember: boolean; isOwner: boolean }>>('genesys', 'rooms').find((x) => x.isMember && x.isOwner)!;
    const roomConv = conversationId.genesysRoom(room.jid.toLowerCase());
    const mine = online.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: 'mine to edit', fromUserId: online.me.userId }).id;
    const gone = online.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: 'mine to delete', fromUserId: online.me.userId }).id;
    await online.engine.open(roomConv);
    await online.drive(5000);
    await online.detach();

    const dead = await rig({ emulator: online.emu, mcpBase: 'http://127.0.0.1:9', cache: { path: online.cachePath, key: online.key } });
    await dead.engine.start();
    const m = (id: string) => `g:${id}` as MessageId;
    await dead.engine.edit(m(mine), 'edited offline');
    await dead.engine.react(m(mine), '🚀', true);
    await dead.engine.pin(m(mine), true);
    await dead.engine.delete(m(gone));
    const [shown, deleted] = await dead.cache.getMessages([m(mine), m(gone)]);
    expect(shown).toMatchObject({ text: 'edited offline', edited: true, reactions: [expect.objectContaining({ emoji: '🚀', mine: true })] });
    expect(deleted).toMatchObject({ deleted: true });
    expect((await dead.cache.getPins(roomConv)).map((p) => p.messageId)).toContain(m(mine));
    await dead.drive(5000);
    await dead.detach();

    const next = await rig({ emulator: online.emu, cache: { path: online.cachePath, key: online.key } });
    await next.engine.start();
    await next.engine.open(roomConv);
    await next.until(drained(next));
    await next.drive(next.engine.scheduler.interval('open') * next.engine.scheduler.policy.metaEveryOpenPolls + 1000);
    const upstream = await next.genesys.getMessage({ messageId: mine });
    expect(upstream.body).toBe('edited offline');
    expect(JSON.stringify(upstream.reactions)).toContain('🚀');
    await expect(next.genesys.getMessage({ messageId: gone })).rejects.toMatchObject({ code: 'not_found' });
    expect((await next.genesys.getRoom({ roomJid: room.jid })).pinnedMessages?.map((p) => p.id)).toContain(mine);
    // And the cache agrees once sync has been through.
    expect(await next.cache.getMessages([m(gone)])).toEqual([]);
    expect((await next.cache.getMessages([m(mine)]))[0]).toMatchObject({ text: 'edited offline' });
  });

  it('executor failures that mean "already done" finish the entry (deleting what is gone)', async () => {
    const clock = new ManualClock();
    const entries: OutboxEntry[] = [];
    const cache = {
      enqueue: async (op: OutboxEntry['op'], clientId: string, now: number) => {
        const e: OutboxEntry = { seq: entries.length + 1, clientId, op, state: 'pending', attempts: 0, notBefore: 0, createdAt: now };
        entries.push(e);
        return e;
      },
      listOutbox: async (states?: string[]) => entries.filter((e) => !states || states.includes(e.state)),
      updateOutbox: async (seq: number, patch: Partial<OutboxEntry>) => void Object.assign(entries.find((e) => e.seq === seq)!, patch),
      removeOutbox: async (seq: number) => void entries.splice(entries.findIndex((e) => e.seq === seq), 1),
      getCursor: async () => null,
    } as unknown as AsyncCache;
    const executor: OutboxExecutor = {
      execute: async () => {
        throw errorFor('not_found');
      },
      findSent: async () => null,
      alreadyDone: (e, err) => e.op.kind === 'delete' && (err as { code?: string }).code === 'not_found',
      sentCopy: () => null,
    };
    const outbox = new Outbox({ cache, clock, executor });
    await outbox.start();
    await outbox.enqueue({ kind: 'delete', conversationId: 'u:chat' as ConversationId, messageId: 'u:m1' as MessageId });
    await outbox.enqueue({ kind: 'edit', conversationId: 'u:chat' as ConversationId, messageId: 'u:m2' as MessageId, text: 'x' });
    await outbox.whenIdle();
    outbox.stop();
    expect(entries.map((e) => [e.op.kind, e.state])).toEqual([['edit', 'failed']]);
  });
});
