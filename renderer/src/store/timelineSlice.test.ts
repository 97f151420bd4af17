import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import { setApiForTests } from '../platform';
import { fakeBackend, message, type FakeBackend } from '../testing/fakeBackend';
import { MAX_WINDOW, MEMBERS_FRESH_MS, mergeTail, prepend, PAGE, SCROLL_PAGE } from './timelineSlice';
import { useStore } from './index';

const C = 'g:room:r' as ConversationId;
const initial = useStore.getState();
let cache: Message[];
let network: Message[];
let api: FakeBackend;

function page(q: { before?: { id: MessageId }; after?: { id: MessageId }; around?: MessageId; limit?: number }) {
  const limit = q.limit ?? 50;
  if (q.around) {
    const at = cache.findIndex((m) => m.id === q.around);
    if (at < 0) return { ok: false as const, error: { code: 'not_found' as const, message: 'not in the cache' } };
    const from = Math.max(0, at - Math.floor(limit / 2));
    const slice = cache.slice(from, from + limit);
    return { messages: slice, hasOlder: from > 0, hasNewer: from + slice.length < cache.length };
  }
  if (q.after) {
    const at = cache.findIndex((m) => m.id === q.after!.id);
    const slice = cache.slice(at + 1, at + 1 + limit);
    return { messages: slice, hasOlder: true, hasNewer: at + 1 + slice.length < cache.length };
  }
  const end = q.before ? cache.findIndex((m) => m.id === q.before!.id) : cache.length;
  const start = Math.max(0, end - limit);
  return { messages: cache.slice(start, end), hasOlder: start > 0, hasNewer: !!q.before && end < cache.length };
}

beforeEach(() => {
  cache = Array.from({ length: 120 }, () => message(C));
  network = Array.from({ length: 30 }, () => message(C));
  api = fakeBackend({
    'messages:page': (q) => page(q as Parameters<typeof page>[0]),
    'messages:backfill': () => {
      if (network.length === 0) return { added: 0, done: true };
      cache = [...network, ...cache];
      const added = network.length;
      network = [];
      return { added, done: true };
    },
  });
  setApiForTests(api);
  useStore.setState(initial, true);
});
afterEach(() => setApiForTests(undefined));

const tl = () => useStore.getState().timelines[C]!;

describe('timeline slice', () => {
  it('reads a window ahead without an entry until it arrives, once however often it is asked for', async () => {
    let writes = 0;
    const off = useStore.subscribe(() => writes++);
    const first = useStore.getState().loadTimeline(C);
    const again = useStore.getState().loadTimeline(C);
    expect(useStore.getState().timelines[C]).toBeUndefined();
    await Promise.all([first, again]);
    off();
    expect(api.callsTo('messages:page')).toHaveLength(1);
    expect(tl().status).toBe('ready');
    expect(tl().messages).toHaveLength(PAGE);
    expect(writes).toBe(1);
  });

  it('shows the open conversation as loading while its window is read', async () => {
    useStore.getState().openConversation(C);
    const load = useStore.getState().loadTimeline(C);
    expect(tl().status).toBe('loading');
    await load;
    expect(tl().status).toBe('ready');
  });

  it('drops a read-ahead window still in flight when every window is reset', async () => {
    const load = useStore.getState().loadTimeline(C);
    useStore.getState().resetTimelines();
    await load;
    expect(useStore.getState().timelines[C]).toBeUndefined();
  });

  it('loads the latest page, then older pages from the cache, then backfills from the network', async () => {
    await useStore.getState().loadTimeline(C);
    expect(tl().messages).toHaveLength(PAGE);
    expect(tl().messages.at(-1)!.id).toBe(cache.at(-1)!.id);
    expect(tl().hasOlder).toBe(true);
    // Scrolling reads larger pages: the other 70 in one.
    await useStore.getState().loadOlder(C);
    expect(tl().messages).toHaveLength(120);
    expect(tl().hasOlder).toBe(false);
    expect(api.callsTo('messages:backfill')).toHaveLength(0);
    await useStore.getState().loadOlder(C);
    expect(api.callsTo('messages:backfill')).toHaveLength(1);
    expect(tl().messages).toHaveLength(150);
    expect(tl().beginning).toBe(true);
    // At the beginning nothing more is asked.
    await useStore.getState().loadOlder(C);
    expect(api.callsTo('messages:backfill')).toHaveLength(1);
  });

  it('is no longer at the beginning once a refresh replaces the window with a later one (a long run of new messages)', async () => {
    cache = cache.slice(0, 20);
    network = [];
    await useStore.getState().loadTimeline(C);
    await useStore.getState().loadOlder(C);
    expect(tl().beginning).toBe(true);
    // More new messages than a page arrive: the refresh's page no longer meets the window.
    cache = [...cache, ...Array.from({ length: PAGE + 10 }, () => message(C))];
    await useStore.getState().loadTimeline(C);
    expect(tl().messages.at(-1)!.id).toBe(cache.at(-1)!.id);
    expect(tl().hasOlder).toBe(true);
    expect(tl().beginning).toBe(false);
    // So scrolling up reads the older messages again, down to the real beginning.
    while (tl().hasOlder) await useStore.getState().loadOlder(C);
    expect(tl().messages[0]!.id).toBe(cache[0]!.id);
  });

  it('a backfill that finds nothing, answered after such a refresh, does not claim the beginning', async () => {
    cache = cache.slice(0, 20);
    network = [];
    await useStore.getState().loadTimeline(C);
    let answer!: (v: { added: number; done: boolean }) => void;
    api.handlers['messages:backfill'] = () => new Promise((r) => (answer = r));
    const older = useStore.getState().loadOlder(C);
    await expect.poll(() => api.callsTo('messages:backfill').length).toBe(1);
    cache = [...cache, ...Array.from({ length: PAGE + 10 }, () => message(C))];
    await useStore.getState().loadTimeline(C);
    answer({ added: 0, done: true });
    await older;
    expect(tl().hasOlder).toBe(true);
    expect(tl().beginning).toBe(false);
  });

  it('keeps at most MAX_WINDOW messages: far up, the newest end goes; back down, the oldest', async () => {
    cache = Array.from({ length: MAX_WINDOW + 5 * SCROLL_PAGE }, () => message(C));
    await useStore.getState().loadTimeline(C);
    const pagesUp = Math.ceil(MAX_WINDOW / SCROLL_PAGE) + 2;
    for (let i = 0; i < pagesUp; i++) await useStore.getState().loadOlder(C);
    expect(tl().messages).toHaveLength(MAX_WINDOW);
    // The oldest page read is the window's start; what fell off is the newest end, to be read again.
    const oldestRead = cache.length - PAGE - pagesUp * SCROLL_PAGE;
    expect(tl().messages[0]!.id).toBe(cache[oldestRead]!.id);
    expect(tl().messages.at(-1)!.id).toBe(cache[oldestRead + MAX_WINDOW - 1]!.id);
    expect(tl().hasNewer).toBe(true);
    expect(tl().hasOlder).toBe(true);

    // Scrolling back down reads the newer pages again and lets the oldest go.
    while (tl().hasNewer) await useStore.getState().loadNewer(C);
    expect(tl().messages).toHaveLength(MAX_WINDOW);
    expect(tl().messages.at(-1)!.id).toBe(cache.at(-1)!.id);
    expect(tl().messages[0]!.id).toBe(cache[cache.length - MAX_WINDOW]!.id);
    expect(tl().hasOlder).toBe(true);
    expect(tl().beginning).toBe(false);
    // The ids are unique and in cache order all along.
    const at = tl().messages.map((m) => cache.indexOf(m));
    expect(at.every((x, i) => i === 0 || x === at[i - 1]! + 1)).toBe(true);
  });

  it('says so when the backfill fails, and does not loop', async () => {
    cache = cache.slice(0, 10);
    api.handlers['messages:backfill'] = () => ({ ok: false, error: { code: 'offline', message: 'You are offline.' } });
    await useStore.getState().loadTimeline(C);
    await useStore.getState().loadOlder(C);
    expect(tl().older).toBe('error');
    expect(tl().error?.message).toBe('You are offline.');
  });

  it('takes new messages at the live end and keeps unchanged objects', async () => {
    await useStore.getState().loadTimeline(C);
    const kept = tl().messages[10]!;
    const fresh = message(C, { text: 'new one' });
    cache = [...cache, fresh];
    await useStore.getState().refreshMessages(C, [fresh.id]);
    expect(tl().messages.at(-1)!.text).toBe('new one');
    expect(tl().messages[10]).toBe(kept);
    expect(tl().messages).toHaveLength(PAGE + 1);
  });

  it('re-reads an edited message above the last page in place', async () => {
    await useStore.getState().loadTimeline(C);
    await useStore.getState().loadOlder(C);
    const target = tl().messages[3]!;
    cache = cache.map((m) => (m.id === target.id ? { ...m, text: 'edited', edited: true } : m));
    await useStore.getState().refreshMessages(C, [target.id]);
    expect(tl().messages.find((m) => m.id === target.id)!.text).toBe('edited');
  });

  it('jumps around a message and back to the latest', async () => {
    await useStore.getState().loadTimeline(C);
    const old = cache[5]!;
    expect(await useStore.getState().jumpToMessage(C, old.id)).toBe(true);
    expect(useStore.getState().selectedMessageId).toBe(old.id);
    expect(useStore.getState().highlight?.id).toBe(old.id);
    expect(tl().hasNewer).toBe(true);
    await useStore.getState().jumpToLatest(C);
    expect(tl().hasNewer).toBe(false);
    expect(tl().messages.at(-1)!.id).toBe(cache.at(-1)!.id);
    expect(await useStore.getState().jumpToMessage(C, 'g:unknown' as MessageId)).toBe(false);
  });

  it('merges a tail with pending messages replaced by their sent copies', () => {
    const a = message(C);
    const b = message(C);
    const pending = message(C, { delivery: 'pending' });
    const sent = message(C, { text: pending.text });
    const merged = mergeTail([a, b, pending], [b, sent], true);
    expect(merged.messages.map((m) => m.id)).toEqual([a.id, b.id, sent.id]);
    expect(prepend([b], [a, b]).map((m) => m.id)).toEqual([a.id, b.id]);
  });

  it('reads a conversation\'s people again on a switch only once they are older than the freshness window', async () => {
    let name = 'Ana';
    const people = fakeBackend({ 'people:list': () => ({ people: [{ id: 'g:u1' as PersonId, source: 'genesys', name, isSelf: false }] }) });
    setApiForTests(people);
    const s = () => useStore.getState();
    await s().loadMembers(C, { maxAgeMs: MEMBERS_FRESH_MS });
    expect(s().members[C]!.map((p) => p.name)).toEqual(['Ana']);
    name = 'Ana B.';
    // Switching back at once: no provider call.
    await s().loadMembers(C, { maxAgeMs: MEMBERS_FRESH_MS });
    expect(people.callsTo('people:list')).toHaveLength(1);
    expect(s().members[C]!.map((p) => p.name)).toEqual(['Ana']);
    // Older than the window (set back in time): read again.
    useStore.setState({ membersAt: { [C]: Date.now() - MEMBERS_FRESH_MS - 1 } });
    await s().loadMembers(C, { maxAgeMs: MEMBERS_FRESH_MS });
    expect(people.callsTo('people:list')).toHaveLength(2);
    expect(s().members[C]!.map((p) => p.name)).toEqual(['Ana B.']);
    // Without a window (a workspace reload) and after a reset: always read.
    await s().loadMembers(C);
    s().resetTimelines();
    await s().loadMembers(C, { maxAgeMs: MEMBERS_FRESH_MS });
    expect(people.callsTo('people:list')).toHaveLength(4);
  });
});
