import { describe, expect, it } from 'vitest';
import { conversationId, type ConversationId, type MessageId, type PersonId } from '../../../shared/domain/ids';
import { GENESYS_KEYS } from './genesysSync';
import { cacheWith, type Rig } from './testing/rig';
import { live, useRigs } from './testing/rigTest';
import { UNIPILE_KEYS } from './unipileSync';

const rig = useRigs();

interface RoomInfo {
  jid: string;
  subject: string;
  isMember: boolean;
  isOwner: boolean;
  messages: number;
}
const roomId = (jid: string) => conversationId.genesysRoom(jid.toLowerCase());
const toolCalls = (r: Rig) => r.emu.control.counters().toolCallsTotal;

async function allMessages(r: Rig, id: ConversationId) {
  const out = [];
  let before: { time: number; id: MessageId } | undefined;
  for (;;) {
    const page = await r.cache.messagesPage({ conversationId: id, limit: 200, ...(before ? { before } : {}) });
    out.unshift(...page.messages.filter((m) => m.delivery !== 'pending' && m.delivery !== 'failed'));
    if (!page.hasOlder || page.messages.length === 0) return out;
    before = { time: page.messages[0]!.time, id: page.messages[0]!.id };
  }
}

describe('SyncEngine against the emulator', () => {
  it('fills in the inbox previews of the chats the first sync did not read, a few a cycle', async () => {
    const r = await rig({ scale: 'demo' });
    await live(r);
    const unipileRows = async () => (await r.cache.listInbox({ filter: { kind: 'all' }, limit: 500 })).conversations.filter((c) => c.source === 'unipile');
    const blank = async () => (await unipileRows()).filter((c) => !c.lastMessagePreview).length;
    const before = await blank();
    // The chat list carries no last message: after the first sync some rows have none.
    expect(before).toBeGreaterThan(0);
    const calls = r.calls.length;
    await r.until(async () => (await blank()) === 0, 60 * 60_000);
    // One page a chat, no more.
    const pages = r.calls.slice(calls).filter((c) => c.tool.endsWith('list_chat_messages')).length;
    expect(pages).toBeLessThanOrEqual(before);
  });

  it("learns the user's Genesys id from a 1:1's history, and credits their own messages to them", async () => {
    const r = await rig({ knownSelf: false, seedDirectory: false });
    expect(r.engine.genesysSelf().meUserId).toBeNull();
    const other = r.act<Array<{ id: string }>>('genesys', 'oneOnOnes')[0]!;
    const id = conversationId.genesysDm(other.id);
    await r.engine.backfill(id);
    expect(r.engine.genesysSelf().meUserId).toBe(r.me.userId);
    const messages = await allMessages(r, id);
    const own = messages.filter((m) => m.isOwn);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((m) => m.senderId === `g:${r.me.userId}`)).toBe(true);
    expect(messages.filter((m) => !m.isOwn).every((m) => m.senderId === `g:${other.id}`)).toBe(true);
    // Remembered with the cache: a restart knows it before any call.
    expect(JSON.parse((await r.cache.getCursor(GENESYS_KEYS.self))!)).toMatchObject({ meUserId: r.me.userId });
  });

  it('serves the inbox from the cache before any network call, then syncs on', async () => {
    const first = await rig();
    await live(first);
    const count = (await first.cache.listInbox({ filter: { kind: 'all' }, limit: 100 })).conversations.length;
    await first.detach();

    const second = await rig({ emulator: first.emu, cache: { path: first.cachePath, key: first.key } });
    first.emu.control.resetCounters();
    await second.engine.start();
    const inbox = await second.cache.listInbox({ filter: { kind: 'all' }, limit: 100 });
    expect(inbox.conversations).toHaveLength(count);
    expect(toolCalls(second)).toBe(0);
    // No initial sync again: it resumes from the committed cursors.
    await second.drive(20_000);
    expect(toolCalls(second)).toBeGreaterThan(0);
    expect((await second.engine.status()).progress.phase).toBe('live');
  });

  it('initial sync: the inbox first (every Unipile chat, the Genesys directory), then recent history', async () => {
    const r = await rig();
    const phases: string[] = [];
    r.engine.start();
    await r.until(async () => {
      const p = (await r.engine.status()).progress.phase;
      if (phases.at(-1) !== p) phases.push(p);
      return p === 'live';
    });
    expect(phases[0]).toMatch(/starting|inbox/);
    expect(phases).toContain('live');

    const rooms = r.act<RoomInfo[]>('genesys', 'rooms');
    const oneOnOnes = r.act<Array<{ id: string; name: string }>>('genesys', 'oneOnOnes');
    const chats = r.act<Array<{ id: string }>>('unipile', 'chats');
    const inbox = (await r.cache.listInbox({ filter: { kind: 'all' }, limit: 100 })).conversations;
    const ids = new Set(inbox.map((c) => c.id));
    for (const room of rooms.filter((x) => x.isMember)) expect(ids).toContain(roomId(room.jid));
    for (const room of rooms.filter((x) => !x.isMember)) expect(ids).not.toContain(roomId(room.jid));
    for (const o of oneOnOnes) expect(ids).toContain(conversationId.genesysDm(o.id));
    for (const c of chats) expect(ids).toContain(conversationId.unipileChat(c.id));

    const room = inbox.find((c) => c.id === roomId(rooms[0]!.jid))!;
    expect(room.title).toBe(rooms[0]!.subject);
    expect(room.lastActivity).not.toBeNull();
    const dm = inbox.find((c) => c.id === conversationId.genesysDm(oneOnOnes[0]!.id))!;
    expect(dm.title).toBe(oneOnOnes[0]!.name);
    // Unnamed Unipile 1:1s are titled after their attendee once attendees were read.
    for (const c of inbox.filter((x) => x.source === 'unipile' && x.kind === 'dm')) expect(c.title).not.toMatch(/@|^\+?\d+$/);
    // Every Unipile 1:1 whose attendees were read, named or not, knows its other person (its picture).
    const read = [];
    for (const c of inbox.filter((x) => x.source === 'unipile' && x.kind === 'dm')) if (await r.cache.getCursor(UNIPILE_KEYS.attendees(c.id))) read.push(c);
    expect(read.length).toBeGreaterThan(0);
    for (const c of read) expect(c.avatarPersonId, c.title).toMatch(/^u:/);
    expect(inbox.filter((c) => c.source === 'unipile' && c.unreadCount > 0).length).toBeGreaterThanOrEqual(3);
    // Recent history of the most active conversations is cached.
    for (const c of inbox.slice(0, 5)) expect((await allMessages(r, c.id)).length).toBeGreaterThan(0);
    // Every cursor is in place for the next cycle.
    expect(await r.cache.getCursor(UNIPILE_KEYS.messages)).toMatch(/"after"/);
    expect(await r.cache.getCursor(GENESYS_KEYS.newest(room.id))).toMatch(/"time"/);
  });

  it('tells the window only of conversations that changed, not of the whole chat list each cycle', async () => {
    const r = await rig();
    await live(r);
    const rows = async () => new Map((await r.cache.listInbox({ filter: { kind: 'all' }, limit: 500 })).conversations.map((c) => [c.id, c]));
    const before = await rows();
    const [events, calls] = [r.events.conversations.length, r.calls.length];
    await r.drive(r.engine.scheduler.interval('cycle') * 3);
    // The cycles ran and read the chat list (every chat, most of them as they were)…
    const lists = r.calls.slice(calls).filter((c) => c.tool.endsWith('list_all_chats')).length;
    expect(lists).toBeGreaterThanOrEqual(1);
    // …and what was said to have changed did change.
    const after = await rows();
    const told = new Set(r.events.conversations.slice(events).flatMap((e) => e.ids));
    for (const id of told) expect(after.get(id), id).not.toEqual(before.get(id));
    expect(told.size).toBeLessThan(before.size);
  });

  it('brings new messages from others: the open conversation within seconds, the rest within their interval', async () => {
    const r = await rig();
    await live(r);
    const [open, other] = r.act<RoomInfo[]>('genesys', 'rooms').filter((x) => x.isMember);
    await r.engine.open(roomId(open!.jid));
    await r.drive(5_000);
    const unreadBefore = (await r.cache.getConversation(roomId(other!.jid)))!.unreadCount;

    const posted = `g:${r.act<{ id: string }>('genesys', 'post', { roomJid: open!.jid, text: 'hello open room' }).id}` as MessageId;
    await r.drive(r.engine.scheduler.interval('open') + 1);
    expect((await r.cache.getMessages([posted]))[0]?.text).toBe('hello open room');
    expect(r.events.messages.some((e) => e.ids.includes(posted))).toBe(true);
    expect((await r.cache.getConversation(roomId(open!.jid)))!.unreadCount).toBe(0);

    const elsewhere = `g:${r.act<{ id: string }>('genesys', 'post', { roomJid: other!.jid, text: 'hello other room' }).id}` as MessageId;
    const chat = r.act<Array<{ id: string; read_only: number }>>('unipile', 'chats').find((c) => !c.read_only)!;
    const unipileUnread = (await r.cache.getConversation(conversationId.unipileChat(chat.id)))!.unreadCount;
    const uni = `u:${r.act<{ message_id: string }>('unipile', 'post', { chatId: chat.id, text: 'hello unipile' }).message_id}` as MessageId;
    await r.drive(r.engine.scheduler.interval('cycle') + 1);
    expect((await r.cache.getMessages([uni]))[0]?.text).toBe('hello unipile');
    expect((await r.cache.getConversation(conversationId.unipileChat(chat.id)))!.unreadCount).toBe(unipileUnread + 1);
    await r.drive(10 * 60_000);
    expect((await r.cache.getMessages([elsewhere]))[0]?.text).toBe('hello other room');
    expect((await r.cache.getConversation(roomId(other!.jid)))!.unreadCount).toBe(unreadBefore + 1);
  });

  it('an open room the user is not in is no sync problem: its refusal to be read is not reported as the last error', async () => {
    const r = await rig();
    await live(r);
    const outside = r.act<RoomInfo[]>('genesys', 'rooms').find((x) => !x.isMember)!;
    expect((await r.engine.status()).lastError).toBeNull();
    await r.engine.open(roomId(outside.jid));
    const calls = r.calls.length;
    await r.drive(3 * r.engine.scheduler.interval('open') + 1);
    // It was asked (and refused: the emulator answers a non-member as Genesys does)…
    expect(r.calls.slice(calls).some((c) => c.tool.includes('room') && c.tool.includes('message'))).toBe(true);
    // …and the status still has nothing to report.
    expect((await r.engine.status()).lastError).toBeNull();
    expect((await r.engine.status()).connection).toBe('online');
  });

  it('reconciles edits, deletes, reactions and pins in the open Genesys room (deletes leave nothing behind)', async () => {
    const r = await rig();
    await live(r);
    const room = r.act<RoomInfo[]>('genesys', 'rooms').find((x) => x.isMember && x.isOwner)!;
    const id = roomId(room.jid);
    await r.engine.open(id);
    const people = r.act<Array<{ id: string }>>('genesys', 'people');
    const someone = people.find((p) => p.id !== r.me.userId)!.id;
    const a = r.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: 'to edit', fromUserId: someone }).id;
    const b = r.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: 'to delete', fromUserId: someone }).id;
    await r.drive(5_000);
    expect(await r.cache.getMessages([`g:${a}` as MessageId, `g:${b}` as MessageId])).toHaveLength(2);

    r.act('genesys', 'edit', { messageId: a, text: 'edited!' });
    r.act('genesys', 'react', { messageId: a, fromUserId: someone, emoji: '🎉' });
    r.act('genesys', 'delete', { messageId: b });
    await r.genesys.addRoomPins({ roomJid: room.jid, pinnedMessageIds: [a] });
    // Pins ride the room metadata, read every few polls of the open conversation.
    await r.drive(r.engine.scheduler.interval('open') * r.engine.scheduler.policy.metaEveryOpenPolls + 1000);
    const [edited] = await r.cache.getMessages([`g:${a}` as MessageId]);
    expect(edited).toMatchObject({ text: 'edited!', edited: true });
    expect(edited!.reactions).toEqual([expect.objectContaining({ emoji: '🎉', count: 1, mine: false })]);
    expect(await r.cache.getMessages([`g:${b}` as MessageId])).toEqual([]);
    expect((await r.cache.getPins(id)).map((p) => p.messageId)).toContain(`g:${a}`);
  });

  it('reconciles edits, deletes and reactions in the open Unipile chat', async () => {
    const r = await rig();
    await live(r);
    const chat = r.act<Array<{ id: string; account_type: string; read_only: number }>>('unipile', 'chats').find((c) => c.account_type === 'SLACK' && !c.read_only)!;
    const id = conversationId.unipileChat(chat.id);
    await r.engine.open(id);
    const m1 = r.act<{ message_id: string }>('unipile', 'post', { chatId: chat.id, text: 'first' }).message_id;
    const m2 = r.act<{ message_id: string }>('unipile', 'post', { chatId: chat.id, text: 'second' }).message_id;
    await r.drive(5_000);
    r.act('unipile', 'edit', { messageId: m1, text: 'first, edited' });
    r.act('unipile', 'react', { messageId: m1, value: '👍' });
    r.act('unipile', 'delete', { messageId: m2 });
    await r.drive(5_000);
    const [one, two] = await r.cache.getMessages([`u:${m1}` as MessageId, `u:${m2}` as MessageId]);
    expect(one).toMatchObject({ text: 'first, edited', edited: true, reactions: [expect.objectContaining({ emoji: '👍' })] });
    expect(two).toMatchObject({ deleted: true, text: null });
  });

  it("an edit, a reaction and a read mark made while a poll's page is being written stay: the page's older copy does not cover them", async () => {
    // The page's write of one row is held after ingest has read the operations on their way (as a slow
    // machine may hold it), and the user acts meanwhile.
    let held: { id: string; reached(): void; gate: Promise<void> } | null = null;
    const holdWriteOf = (id: string) => {
      let reached!: () => void;
      let release!: () => void;
      const atWrite = new Promise<void>((resolve) => (reached = resolve));
      held = { id, reached, gate: new Promise<void>((resolve) => (release = resolve)) };
      return { atWrite, release };
    };
    const hold = async (rows: ReadonlyArray<{ id: string }>) => {
      const h = held;
      if (h && rows.some((row) => row.id === h.id)) {
        held = null;
        h.reached();
        await h.gate;
      }
    };
    const r = await rig({
      openCache: cacheWith({
        upsertMessages: (real) => async (rows, cursor) => (await hold(rows), real.upsertMessages(rows, cursor)),
        upsertConversations: (real) => async (rows) => (await hold(rows), real.upsertConversations(rows)),
      }),
    });
    await live(r);
    const chats = r.act<Array<{ id: string; account_type: string; read_only: number }>>('unipile', 'chats');
    const chat = chats.find((c) => c.account_type === 'SLACK' && !c.read_only)!;
    const id = conversationId.unipileChat(chat.id);
    await r.engine.open(id);
    const mine = `u:${(await r.unipile.sendMessageInChat({ chat_id: chat.id, text: 'as sent' })).message_id!}` as MessageId;
    await r.drive(5_000);
    const [page] = await r.cache.getMessages([mine]);
    expect(page).toMatchObject({ text: 'as sent', isOwn: true, reactions: [] });
    // Everything stays queued (the network refuses it for now): only the overlay keeps it on screen.
    r.emu.control.setFaults({ errorRate: 1, errorKind: 'upstream-503' });
    const message = holdWriteOf(mine);
    const writing = r.engine.ingestBatch({ messages: [page!] });
    await message.atWrite;
    await r.engine.edit(mine, 'edited meanwhile');
    await r.engine.react(mine, '🎉', true);
    message.release();
    await writing;
    expect((await r.cache.getMessages([mine]))[0]).toMatchObject({ text: 'edited meanwhile', edited: true, reactions: [expect.objectContaining({ emoji: '🎉', mine: true })] });

    // A chat marked unread while the chat list's page of it is being written (LinkedIn takes read state upstream).
    const linkedIn = conversationId.unipileChat(chats.find((c) => c.account_type === 'LINKEDIN' && !c.read_only)!.id);
    await r.engine.markRead(linkedIn, true);
    const listed = (await r.cache.getConversation(linkedIn))!;
    expect(listed.unreadCount).toBe(0);
    const conversation = holdWriteOf(linkedIn);
    const listing = r.engine.ingestBatch({ conversations: [listed] });
    await conversation.atWrite;
    await r.engine.markRead(linkedIn, false);
    conversation.release();
    await listing;
    expect((await r.cache.getConversation(linkedIn))!.unreadCount).toBeGreaterThan(0);
    // Still unconfirmed (the queue keeps a chat's latest read mark), so nothing but the overlay put them there.
    expect((await r.cache.listOutbox(['pending', 'sending', 'ambiguous'])).map((e) => (e.op.kind === 'read' ? `read ${e.op.read}` : e.op.kind))).toEqual(['edit', 'react', 'read false']);
  });

  it("a pin made while a poll's pin list is being written stays pinned: the list's older copy does not cover it", async () => {
    let held: { reached(): void; gate: Promise<void> } | null = null;
    let release!: () => void;
    const r = await rig({
      openCache: cacheWith({
        setPins: (real) => async (...args) => {
          const h = held;
          held = null;
          if (h) {
            h.reached();
            await h.gate;
          }
          return real.setPins(...args);
        },
      }),
    });
    await live(r);
    const room = r.act<Array<{ jid: string; isMember: boolean; isOwner: boolean }>>('genesys', 'rooms').find((x) => x.isMember && x.isOwner)!;
    const id = conversationId.genesysRoom(room.jid.toLowerCase());
    const post = (text: string) => `g:${r.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text, fromUserId: r.me.userId }).id}` as MessageId;
    const posted = post('pin me meanwhile');
    const pinnedElsewhere = post('pinned by someone else');
    await r.engine.open(id);
    await r.drive(5_000);
    const listed = (await r.cache.getPins(id)).map((p) => p.messageId);
    expect(listed).not.toContain(posted);
    // The pin stays queued (the network refuses everything for now): only the overlay keeps it pinned.
    r.emu.control.setFaults({ errorRate: 1, errorKind: 'upstream-503' });
    const atWrite = new Promise<void>((reached) => (held = { reached, gate: new Promise<void>((resolve) => (release = resolve)) }));
    // The poll brings the room's pins as the server has them: someone else pinned a message.
    const writing = r.engine.ingestBatch({ pins: [{ conversationId: id, messageIds: [...listed, pinnedElsewhere] }] });
    await atWrite;
    await r.engine.pin(posted, true);
    release();
    await writing;
    expect((await r.cache.getPins(id)).map((p) => p.messageId).sort()).toEqual([...listed, pinnedElsewhere, posted].sort());
    expect((await r.cache.listOutbox(['pending', 'sending', 'ambiguous'])).map((e) => e.op.kind)).toEqual(['pin']);
  });

  it("refuses an edit or delete past the network's time limit before queuing anything; within it, both go", async () => {
    const r = await rig();
    await live(r);
    const chat = r.act<Array<{ id: string; account_type: string; read_only: number }>>('unipile', 'chats').find((c) => c.account_type === 'LINKEDIN' && !c.read_only)!;
    const id = conversationId.unipileChat(chat.id);
    await r.engine.open(id);
    const fresh = (await r.unipile.sendMessageInChat({ chat_id: chat.id, text: 'sent just now' })).message_id!;
    await r.drive(5_000);
    expect(await r.cache.getConversation(id)).toMatchObject({ editWindowMs: 60 * 60_000, deleteWindowMs: 60 * 60_000 });
    const old = (await allMessages(r, id)).find((m) => m.isOwn && !m.deleted && !m.isEvent && r.clock.now() - m.time > 2 * 60 * 60_000)!;
    expect(old).toBeDefined();
    const calls = r.calls.length;
    const refusal = { code: 'invalid_input', message: 'LinkedIn messages can be edited only within 1 hour of sending.' };
    await expect(r.engine.edit(old.id, 'too late')).rejects.toMatchObject(refusal);
    await expect(r.engine.delete(old.id)).rejects.toMatchObject({ code: 'invalid_input', message: 'LinkedIn messages can be deleted only within 1 hour of sending.' });
    // Nothing queued, nothing shown as done, nothing sent.
    expect(await r.cache.listOutbox()).toEqual([]);
    expect((await r.cache.getMessages([old.id]))[0]).toMatchObject({ text: old.text, edited: old.edited, deleted: false });
    await r.drive(1_000);
    expect(r.calls.slice(calls).filter((c) => /patch_message|delete_message/.test(c.tool))).toEqual([]);

    const mine = `u:${fresh}` as MessageId;
    expect((await r.cache.getMessages([mine]))[0]).toMatchObject({ isOwn: true });
    await r.engine.edit(mine, 'sent just now, edited');
    await r.until(async () => (await r.cache.listOutbox()).length === 0);
    expect((await r.unipile.getMessage({ message_id: fresh })).text).toBe('sent just now, edited');
  });

  it('an edit of a Genesys message carries the mentions added with it, and keeps the ones it had', async () => {
    const r = await rig();
    await live(r);
    const room = r.act<RoomInfo[]>('genesys', 'rooms').find((x) => x.isMember)!;
    const id = roomId(room.jid);
    await r.engine.open(id);
    const others = r.act<Array<{ id: string }>>('genesys', 'people').filter((p) => p.id !== r.me.userId);
    const [ana, ren] = [others[0]!.id, others[1]!.id];
    const mine = r.act<{ id: string }>('genesys', 'post', { roomJid: room.jid, text: 'ping @Ana', fromUserId: r.me.userId, mentions: [ana] }).id;
    await r.drive(5_000);
    const mid = `g:${mine}` as MessageId;
    expect((await r.cache.getMessages([mid]))[0]!.mentions).toEqual([`g:${ana}`]);
    await r.engine.edit(mid, 'ping @Ana cc @Ren', [`g:${ren}` as PersonId]);
    // Shown at once with both…
    expect((await r.cache.getMessages([mid]))[0]).toMatchObject({ text: 'ping @Ana cc @Ren', mentions: [`g:${ana}`, `g:${ren}`] });
    await r.until(async () => (await r.cache.listOutbox()).length === 0);
    // …and sent with both (Genesys replaces the body's mentions with the edit's).
    const edit = r.calls.filter((c) => c.tool.endsWith('patch_chats_room_message')).at(-1)!;
    expect(edit.args).toMatchObject({ message: 'ping @Ana cc @Ren', mentions: [ana, ren] });
    await r.drive(r.engine.scheduler.interval('open') * 2);
    expect((await r.cache.getMessages([mid]))[0]!.mentions.sort()).toEqual([`g:${ana}`, `g:${ren}`].sort());
  });

  it('a chat marked unread on a network without read status stays unread through sync until it is opened', async () => {
    const r = await rig();
    await live(r);
    // A chat the server counts as read, so only the local mark can make it unread.
    const slack = await r.cache.listInbox({ filter: { kind: 'network', network: 'slack' }, limit: 200 });
    const id = slack.conversations.find((c) => c.unreadCount === 0)!.id;
    expect((await r.cache.getConversation(id))!.unreadCount).toBe(0);
    await r.engine.markRead(id, false);
    // Whole inbox cycles: list_all_chats says 0 unread for it, the user's mark wins.
    await r.drive(120_000);
    expect((await r.cache.getConversation(id))!.unreadCount).toBeGreaterThan(0);
    await r.engine.markRead(id, true);
    await r.drive(60_000);
    expect((await r.cache.getConversation(id))!.unreadCount).toBe(0);
  });

  it('backfills older history on demand until the beginning, and sync_chat_history reveals what was never visible', async () => {
    const r = await rig();
    await live(r);
    const room = r.act<RoomInfo[]>('genesys', 'rooms').find((x) => x.isMember)!;
    let res = { added: 0, done: false };
    for (let i = 0; i < 20 && !res.done; i++) res = await r.engine.backfill(roomId(room.jid));
    expect(res.done).toBe(true);
    expect((await allMessages(r, roomId(room.jid))).length).toBe(r.act<RoomInfo[]>('genesys', 'rooms').find((x) => x.jid === room.jid)!.messages);

    // Tiny's chat 0 starts without its two oldest messages (not synced upstream yet).
    const chat = r.act<Array<{ id: string }>>('unipile', 'chats')[0]!;
    const id = conversationId.unipileChat(chat.id);
    res = { added: 0, done: false };
    for (let i = 0; i < 20 && !res.done; i++) res = await r.engine.backfill(id);
    const before = (await allMessages(r, id)).length;
    expect(await r.engine.historyFull(id)).toEqual({ status: 'SYNC_STARTED' });
    await r.drive(30_000);
    const after = await allMessages(r, id);
    expect(after.length).toBe(before + 2);
    expect(after.map((m) => m.id)).toEqual([...new Set(after.map((m) => m.id))]);
  });

  it('records Genesys rooms opened by JID and 1:1s opened by user id in the directory', async () => {
    const r = await rig({ seedDirectory: false });
    await live(r);
    expect(await r.cache.listDirectory()).toEqual([]);
    const room = r.act<RoomInfo[]>('genesys', 'rooms').find((x) => x.isMember)!;
    const conv = await r.engine.open(roomId(room.jid));
    expect(conv).toMatchObject({ id: roomId(room.jid), title: room.subject });
    const person = r.act<Array<{ id: string }>>('genesys', 'people').find((p) => p.id !== r.me.userId)!;
    await r.engine.open(conversationId.genesysDm(person.id));
    const dir = await r.cache.listDirectory();
    expect(dir.map((d) => [d.conversationId, d.via]).sort()).toEqual([
      [conversationId.genesysDm(person.id), 'opened'],
      [roomId(room.jid), 'opened'],
    ].sort());
    // The 1:1 is the open one now; the room waits for the next cycle's round-robin (never polled: first).
    await r.drive(r.engine.scheduler.interval('cycle') + 1000);
    expect((await allMessages(r, roomId(room.jid))).length).toBeGreaterThan(0);
    await expect(r.engine.open(conversationId.genesysRoom('nope@conference.demo-org.orgspan.com'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('spends nothing while the budget is paused by Retry-After', async () => {
    const r = await rig();
    await live(r);
    await r.engine.open(conversationId.unipileChat(r.act<Array<{ id: string }>>('unipile', 'chats')[0]!.id));
    r.budget.pause(120);
    const calls = toolCalls(r);
    await r.drive(119_000);
    expect(toolCalls(r)).toBe(calls);
    await r.drive(10_000);
    expect(toolCalls(r)).toBeGreaterThan(calls);
  });
});
