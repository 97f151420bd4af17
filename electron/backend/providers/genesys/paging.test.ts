import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId, messageId, type Message } from '../../../../shared/domain/index';
import { AppError } from '../../../../shared/ipc/result';
import { collectPages, iteratePages } from '../common/paging';
import type { ToolCaller } from '../common/caller';
import { mapMessages } from './mappers';
import { createGenesysPaging, mapPages, type HistoryCursor } from './paging';
import type { GenesysMessage } from './schemas';
import { startGenesysHarness, type GenesysHarness } from './testSupport';
import { createGenesysProvider } from './tools';

const ms = (m: GenesysMessage) => (typeof m.dateCreated === 'number' ? m.dateCreated : Date.parse(m.dateCreated));

function expectStrictlyOlderPages(pages: GenesysMessage[][]): void {
  for (const page of pages) {
    const times = page.map(ms);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }
  const nonEmpty = pages.filter((p) => p.length > 0);
  for (let i = 1; i < nonEmpty.length; i++) expect(ms(nonEmpty[i]!.at(-1)!)).toBeLessThanOrEqual(ms(nonEmpty[i - 1]![0]!));
}

describe('against the emulator', () => {
  let H: GenesysHarness;
  let roomJid: string;
  let sent: string[];

  beforeAll(async () => {
    H = await startGenesysHarness();
    ({ jid: roomJid } = await H.g.createRoom({ subject: 'Paging' }));
    sent = [];
    for (let i = 0; i < 23; i++) sent.push((await H.g.sendRoomMessage({ roomJid, message: `message ${i}` })).id);
  });
  afterAll(async () => {
    await H?.stop();
  });

  it('walks a whole room history back in time: every message once, no gaps, then stops', async () => {
    const fetch = H.paging.roomHistoryPages(roomJid, { pageSize: 5 });
    const pages: GenesysMessage[][] = [];
    const cursors: Array<HistoryCursor | null> = [];
    const callsBefore = H.h.client.stats.calls;
    for await (const page of iteratePages(fetch)) {
      pages.push(page.items);
      cursors.push(page.next);
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3, 0]);
    // Five pages, then the oldest message comes back alone and the step past it is empty.
    expect(H.h.client.stats.calls - callsBefore).toBe(7);
    const walked = pages.flat().map((m) => m.id);
    expect(new Set(walked).size).toBe(walked.length);
    expect([...walked].sort()).toEqual([...sent].sort());
    // Newest page first, each page oldest first: reversing pages gives send order.
    expect(pages.slice().reverse().flat().map((m) => m.id)).toEqual(sent);
    expectStrictlyOlderPages(pages);
    expect(cursors.at(-1)).toBeNull();
    expect(cursors[0]).toEqual({ before: new Date(ms(pages[0]![0]!)).toISOString(), seen: [pages[0]![0]!.id] });
  });

  it('resumes from a persisted cursor and from a `before` start', async () => {
    const fetch = H.paging.roomHistoryPages(roomJid, { pageSize: 4 });
    const first = await fetch(null);
    const resumed = await collectPages(fetch, JSON.parse(JSON.stringify(first.next)) as HistoryCursor);
    expect([...first.items, ...resumed].map((m) => m.id).sort()).toEqual([...sent].sort());

    const pivot = (await H.g.getMessage({ messageId: sent[10]! })).dateCreated as string;
    const older = await collectPages(H.paging.roomHistoryPages(roomJid, { pageSize: 4, before: pivot }));
    expect(older.map((m) => m.id).sort()).toEqual(sent.slice(0, 10).sort());
  });

  it('walks a seeded 1:1 and a thread the same way, and maps pages to domain messages', async () => {
    const [p1] = H.others;
    const full = (await H.g.getUserMessages({ userId: p1!.id, limit: '100' })).entities.map((m) => m.id);
    const dm = mapPages(H.paging.userHistoryPages(p1!.id, { pageSize: 2, call: { priority: 'background' } }), (items) => mapMessages(items, H.ctx()));
    const messages: Message[] = await collectPages(dm);
    expect(messages.map((m) => m.id).sort()).toEqual(full.map(messageId.genesys).sort());
    expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([conversationId.genesysDm(p1!.id)]));

    const root = sent[0]!;
    const replies: string[] = [];
    for (let i = 0; i < 7; i++) replies.push((await H.g.sendRoomMessage({ roomJid, message: `reply ${i}`, threadId: root })).id);
    const thread = await collectPages(H.paging.threadHistoryPages(root, { pageSize: 3 }));
    expect(thread.map((m) => m.id).sort()).toEqual([root, ...replies].sort());
  });

  it('an unknown room fails the first page with not_found', async () => {
    await expect(H.paging.roomHistoryPages('ffffffffffffffffffffffff@conference.demo-org.orgspan.com')(null)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('against servers that differ from the emulator (fake caller)', () => {
  /** A history with ties at equal milliseconds, served by a configurable `before` rule and limit cap. */
  function fakeHistory(opts: { inclusive: boolean; cap?: number; newestFirst?: boolean }) {
    const base = Date.parse('2025-06-02T12:00:00.000Z');
    // Times: 0,1,1,1,2,3,3,4,5,5 (seconds) → ties straddle page boundaries.
    const offsets = [0, 1, 1, 1, 2, 3, 3, 4, 5, 5];
    const all = offsets.map((s, i) => ({ id: `m${i}`, dateCreated: new Date(base + s * 1000).toISOString(), body: `#${i}`, toJid: 'r@conference.x' }));
    const requests: Array<Record<string, unknown>> = [];
    const call: ToolCaller = async (_tool, args) => {
      requests.push(args);
      const before = typeof args.before === 'string' ? Date.parse(args.before) : Infinity;
      const limit = Math.min(Number(args.limit ?? 25), opts.cap ?? Infinity);
      const eligible = all.filter((m) => (opts.inclusive ? Date.parse(m.dateCreated) <= before : Date.parse(m.dateCreated) < before));
      const page = eligible.slice(-limit);
      return { value: { entities: opts.newestFirst ? page.reverse() : page }, content: [] };
    };
    return { all, requests, paging: createGenesysPaging(createGenesysProvider(call)) };
  }

  it.each([
    ['exclusive bound', { inclusive: false }],
    ['inclusive bound', { inclusive: true }],
    ['inclusive, newest-first pages', { inclusive: true, newestFirst: true }],
    // The cap is still at least the largest tie (3 messages in one millisecond).
    ['server capping limit below pageSize', { inclusive: false, cap: 3, pageSize: 5 }],
  ])('%s: every message exactly once, ties across page boundaries included', async (_name, opts: { inclusive: boolean; cap?: number; newestFirst?: boolean; pageSize?: number }) => {
    const { all, paging } = fakeHistory(opts);
    const pages: GenesysMessage[][] = [];
    for await (const page of iteratePages(paging.roomHistoryPages('r@conference.x', { pageSize: opts.pageSize ?? 3 }))) pages.push(page.items);
    const ids = pages.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(all.map((m) => m.id).sort());
    expectStrictlyOlderPages(pages);
  });

  it('sends the limit as the catalog string and asks one millisecond past the boundary', async () => {
    const { requests, paging } = fakeHistory({ inclusive: false });
    const fetch = paging.roomHistoryPages('r@conference.x', { pageSize: 3, excludeMetadata: true });
    const first = await fetch(null);
    await fetch(first.next);
    expect(requests[0]).toEqual({ roomJid: 'r@conference.x', limit: '3', excludeMetadata: true });
    // One more than pageSize: the boundary message comes back and is dropped.
    expect(requests[1]).toEqual({ roomJid: 'r@conference.x', limit: '4', excludeMetadata: true, before: new Date(Date.parse(first.next!.before) + 1).toISOString() });
  });

  it('steps past an instant shared by more messages than a page instead of looping', async () => {
    const base = Date.parse('2025-06-02T12:00:00.000Z');
    const same = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, dateCreated: new Date(base + 1000).toISOString() }));
    const older = { id: 'old', dateCreated: new Date(base).toISOString() };
    const call: ToolCaller = async (_tool, args) => {
      const before = typeof args.before === 'string' ? Date.parse(args.before) : Infinity;
      const eligible = [older, ...same].filter((m) => Date.parse(m.dateCreated) < before);
      return { value: { entities: eligible.slice(-Number(args.limit)) }, content: [] };
    };
    const paging = createGenesysPaging(createGenesysProvider(call));
    const ids = (await collectPages(paging.roomHistoryPages('r', { pageSize: 2 }), null, { maxPages: 20 })).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('old');
  });

  it('clamps pageSize to 1…100 and rejects a corrupt persisted cursor with a typed error', async () => {
    const { requests, paging } = fakeHistory({ inclusive: false });
    await paging.roomHistoryPages('r', { pageSize: 5000 })(null);
    await paging.roomHistoryPages('r', { pageSize: 0 })(null);
    expect(requests.map((r) => r.limit)).toEqual(['100', '1']);
    const err = await paging.roomHistoryPages('r')({ before: 'garbage', seen: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
  });
});
