import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/domain/ids';
import type { Conversation } from '../../../shared/domain/model';
import { setApiForTests } from '../platform';
import { conversation, fakeBackend, type FakeBackend } from '../testing/fakeBackend';
import { mergeOrder } from './inboxSlice';
import { useStore } from './index';

const initial = useStore.getState();
let rows: Conversation[];
let api: FakeBackend;

beforeEach(() => {
  rows = [conversation('u:a', 'Ana', { unreadCount: 2 }), conversation('g:room:b', 'Build'), conversation('u:c', 'Carla', { unreadCount: 1 }), conversation('g:dm:d', 'Dev')];
  api = fakeBackend({
    'inbox:list': (q) => {
      if (q.ids) return { conversations: rows.filter((r) => q.ids!.includes(r.id)), next: null };
      const from = q.after ? rows.findIndex((r) => r.id === q.after!.id) + 1 : 0;
      const page = rows.slice(from, from + (q.limit ?? 50));
      const more = from + page.length < rows.length;
      return { conversations: page, next: more ? { lastActivity: page.at(-1)!.lastActivity ?? 0, id: page.at(-1)!.id } : null };
    },
    'conversation:markRead': () => ({ ok: true }),
  });
  setApiForTests(api);
  useStore.setState(initial, true);
});
afterEach(() => setApiForTests(undefined));

describe('inbox slice', () => {
  it('loads the first page and keeps row identity when nothing changed', async () => {
    await useStore.getState().loadInbox();
    const s = useStore.getState();
    expect(s.inboxIds).toEqual(['u:a', 'g:room:b', 'u:c', 'g:dm:d']);
    const before = s.conversations['u:a'];
    // Nothing changed, so nothing is written: every write runs every subscriber's selector.
    let writes = 0;
    const off = useStore.subscribe(() => writes++);
    await useStore.getState().refreshInbox(['u:a' as ConversationId]);
    off();
    expect(useStore.getState().conversations['u:a']).toBe(before);
    expect(writes).toBe(0);
  });

  it('re-reads only the changed rows when none of them moved, keeping the others as they were', async () => {
    await useStore.getState().loadInbox();
    const before = useStore.getState().conversations;
    const pages = api.callsTo('inbox:list').length;
    // Read elsewhere (another window, the phone): the badge goes, the row stays where it is.
    rows = rows.map((r) => (r.id === 'u:c' ? { ...r, unreadCount: 0 } : r));
    await useStore.getState().refreshInbox(['u:c' as ConversationId]);
    const s = useStore.getState();
    expect(s.conversations['u:c']!.unreadCount).toBe(0);
    expect(s.conversations['u:a']).toBe(before['u:a']);
    expect(s.inboxIds).toEqual(['u:a', 'g:room:b', 'u:c', 'g:dm:d']);
    expect(api.callsTo('inbox:list').slice(pages)).toEqual([expect.objectContaining({ ids: ['u:c'], limit: 1 })]);
  });

  it('moves a conversation with new activity to the top on refresh and updates its badge', async () => {
    await useStore.getState().loadInbox();
    rows = [conversation('g:dm:d', 'Dev', { unreadCount: 3, lastActivity: 2 }), ...rows.filter((r) => r.id !== 'g:dm:d')];
    const pages = api.callsTo('inbox:list').length;
    await useStore.getState().refreshInbox(['g:dm:d' as ConversationId]);
    const s = useStore.getState();
    expect(s.inboxIds[0]).toBe('g:dm:d');
    expect(s.conversations['g:dm:d']!.unreadCount).toBe(3);
    // Its activity moved, so its row alone could not say where it goes: the first page was read again.
    expect(api.callsTo('inbox:list').slice(pages).map((q) => q.ids ?? 'page')).toEqual([['g:dm:d'], 'page']);
  });

  it('marks read optimistically and puts the count back when the backend refuses', async () => {
    await useStore.getState().loadInbox();
    const pending = useStore.getState().markConversationRead('u:a' as ConversationId, true);
    expect(useStore.getState().conversations['u:a']!.unreadCount).toBe(0);
    expect(await pending).toBeNull();
    api.handlers['conversation:markRead'] = () => ({ ok: false, error: { code: 'network', message: 'down' } });
    await useStore.getState().loadInbox();
    const err = await useStore.getState().markConversationRead('u:c' as ConversationId, true);
    expect(err?.message).toBe('down');
    expect(useStore.getState().conversations['u:c']!.unreadCount).toBe(1);
  });

  it('under Unread, keeps the open conversation in place once read, so Alt+↓ goes on from it', async () => {
    rows = [conversation('u:a', 'Ana', { unreadCount: 2 }), conversation('u:c', 'Carla', { unreadCount: 1 }), conversation('u:e', 'Eve', { unreadCount: 5 })];
    const unread = () => rows.filter((r) => r.unreadCount > 0);
    api.handlers['inbox:list'] = (q) => ({ conversations: q.filter?.kind === 'unread' ? unread() : rows, next: null });
    useStore.getState().setInboxFilter({ kind: 'unread' });
    await useStore.getState().loadInbox();
    useStore.getState().openConversation('u:c' as ConversationId);
    // Opening it read it: the backend's Unread list no longer has it.
    rows = rows.map((r) => (r.id === 'u:c' ? { ...r, unreadCount: 0 } : r));
    await useStore.getState().refreshInbox(['u:c' as ConversationId]);
    expect(useStore.getState().inboxIds).toEqual(['u:a', 'u:c', 'u:e']);
    expect(useStore.getState().stepConversation(1)).toBe('u:e');
    expect(useStore.getState().stepConversation(-1)).toBe('u:a');
    // Once another is open, the read one goes at the next refresh.
    useStore.getState().openConversation('u:e' as ConversationId);
    await useStore.getState().refreshInbox([]);
    expect(useStore.getState().inboxIds).toEqual(['u:a', 'u:e']);
  });

  it('steps to the next and previous conversation and to the next unread (wrapping)', async () => {
    await useStore.getState().loadInbox();
    const s = () => useStore.getState();
    expect(s().stepConversation(1)).toBe('u:a');
    s().openConversation('u:a' as ConversationId);
    expect(s().stepConversation(1)).toBe('g:room:b');
    expect(s().stepConversation(-1)).toBeNull();
    expect(s().stepConversation(1, true)).toBe('u:c');
    s().openConversation('u:c' as ConversationId);
    expect(s().stepConversation(1, true)).toBe('u:a');
  });

  it('pages with the keyset cursor and asks once per cursor', async () => {
    rows = Array.from({ length: 250 }, (_, i) => conversation(`u:c${i}`, `Chat ${i}`, { lastActivity: 1000 - i }));
    await useStore.getState().loadInbox();
    expect(useStore.getState().inboxIds).toHaveLength(100);
    await Promise.all([useStore.getState().loadMoreInbox(), useStore.getState().loadMoreInbox()]);
    expect(useStore.getState().inboxIds).toHaveLength(200);
    expect(api.callsTo('inbox:list').filter((q) => q.after)).toHaveLength(1);
  });

  it('reloads with the filter and the text', async () => {
    useStore.getState().setInboxFilter({ kind: 'unread' });
    useStore.getState().setInboxText('ana');
    await new Promise((r) => setTimeout(r, 0));
    const last = api.callsTo('inbox:list').at(-1)!;
    expect(last.filter).toEqual({ kind: 'unread' });
    expect(last.text).toBe('ana');
  });

  it('merges the first page order with rows loaded below it', () => {
    const ids = (...x: string[]) => x as ConversationId[];
    expect(mergeOrder(ids('d', 'a'), ids('a', 'b', 'c', 'd', 'e'), true)).toEqual(['d', 'a', 'c', 'e']);
    expect(mergeOrder(ids('d', 'a'), ids('a', 'b'), false)).toEqual(['d', 'a']);
  });
});
