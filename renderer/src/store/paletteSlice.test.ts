import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, ConversationId, MessageId } from '../../../shared/domain/ids';
import { fakeApi, makeConversation, makeMessage, makePerson } from '../features/palette/fakeApi';
import { setApiForTests } from '../platform';
import { useStore } from './index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

describe('paletteSlice', () => {
  it('reads every page of the inbox and the archived rows after the rest', async () => {
    const all = Array.from({ length: 450 }, (_, i) => makeConversation(`g:room:${i}`, `Room ${i}`, { lastActivity: 10_000 - i }));
    const api = fakeApi({
      'inbox:list': (input) => {
        if (input.filter?.kind === 'archived') return { conversations: [makeConversation('u:old', 'Old'), all[0]!], next: null };
        const from = input.after ? all.findIndex((c) => c.id === input.after!.id) + 1 : 0;
        const rows = all.slice(from, from + (input.limit ?? 50));
        const last = rows[rows.length - 1];
        return { conversations: rows, next: from + rows.length < all.length && last ? { lastActivity: last.lastActivity!, id: last.id } : null };
      },
    });
    setApiForTests(api);
    await useStore.getState().loadPaletteConversations();
    const s = useStore.getState();
    expect(s.paletteStatus).toBe('ready');
    expect(s.paletteConversations).toHaveLength(451);
    expect(s.paletteConversations.at(-1)!.id).toBe('u:old');
    // 200-row pages: three for the inbox, one for the archive.
    expect(api.callsTo('inbox:list')).toHaveLength(4);
  });

  it('shares one read between two quick openings and reports a failure', async () => {
    const api = fakeApi({ 'inbox:list': () => ({ ok: false, error: { code: 'internal', message: 'The cache is closed.' } }) });
    setApiForTests(api);
    await Promise.all([useStore.getState().loadPaletteConversations(), useStore.getState().loadPaletteConversations()]);
    expect(api.callsTo('inbox:list')).toHaveLength(2); // one 'all', one 'archived'
    expect(useStore.getState().paletteStatus).toBe('error');
    expect(useStore.getState().paletteError?.message).toBe('The cache is closed.');
  });

  it('takes in conversations that changed while it is open: new ones first, updated in place, deleted ones gone', async () => {
    const rows = [makeConversation('g:room:a', 'Alpha'), makeConversation('g:room:b', 'Beta'), makeConversation('g:room:c', 'Gamma')];
    const later: Record<string, ReturnType<typeof makeConversation>> = {
      'g:room:new': makeConversation('g:room:new', 'Pins lab'),
      'g:room:b': makeConversation('g:room:b', 'Beta renamed'),
    };
    const api = fakeApi({
      'inbox:list': (input) => ({ conversations: input.filter?.kind === 'archived' ? [] : rows, next: null }),
      'conversation:get': (input) => (later[input.id as string] ? { conversation: later[input.id as string]!, pins: [] } : { ok: false, error: { code: 'not_found', message: 'No such conversation.' } }),
    });
    setApiForTests(api);
    // Nothing loaded yet: the next opening reads everything anyway, so no request is made.
    await useStore.getState().refreshPaletteConversations(['g:room:new' as ConversationId]);
    expect(api.callsTo('conversation:get')).toHaveLength(0);

    await useStore.getState().loadPaletteConversations();
    await useStore.getState().refreshPaletteConversations(['g:room:new', 'g:room:b', 'g:room:c'] as ConversationId[]);
    expect(useStore.getState().paletteConversations.map((c) => c.title)).toEqual(['Pins lab', 'Alpha', 'Beta renamed']);
  });

  it('reads everything again when a burst of changes is larger than patching one by one is worth', async () => {
    let rows = [makeConversation('g:room:a', 'Alpha')];
    const api = fakeApi({ 'inbox:list': (input) => ({ conversations: input.filter?.kind === 'archived' ? [] : rows, next: null }) });
    setApiForTests(api);
    await useStore.getState().loadPaletteConversations();
    rows = Array.from({ length: 80 }, (_, i) => makeConversation(`g:room:${i}`, `Room ${i}`));
    await useStore.getState().refreshPaletteConversations(rows.map((c) => c.id));
    expect(api.callsTo('conversation:get')).toHaveLength(0);
    expect(useStore.getState().paletteConversations).toHaveLength(80);
  });

  it('remembers the conversations opened, most recent first, without duplicates', () => {
    const { openConversation } = useStore.getState();
    // In the same store write as the switch itself (each write runs every subscriber's selector).
    let writes = 0;
    const off = useStore.subscribe(() => writes++);
    openConversation('g:room:a' as ConversationId);
    off();
    expect(writes).toBe(1);
    expect(useStore.getState().recentConversationIds).toEqual(['g:room:a']);
    openConversation('g:room:b' as ConversationId);
    openConversation('g:room:a' as ConversationId);
    openConversation(null);
    expect(useStore.getState().recentConversationIds).toEqual(['g:room:a', 'g:room:b']);
  });

  it('collects people from queries, without the user themself', async () => {
    setApiForTests(
      fakeApi({
        'people:query': (input) => ({
          people: input.text === '' ? [makePerson('g:me', 'Me', { isSelf: true }), makePerson('g:ana', 'Ana')] : [makePerson('u:zoe', 'Zoë')],
        }),
      }),
    );
    await useStore.getState().queryPalettePeople('');
    await useStore.getState().queryPalettePeople('zo');
    expect(Object.keys(useStore.getState().palettePeople).sort()).toEqual(['g:ana', 'u:zoe']);
  });

  it('keeps no People when the backend cannot answer yet', async () => {
    setApiForTests(fakeApi({}));
    await useStore.getState().queryPalettePeople('');
    expect(useStore.getState().palettePeople).toEqual({});
    expect(useStore.getState().palettePeopleError?.code).toBe('unavailable');
  });

  it("opens a Genesys person's 1:1 by user id and a Unipile person's 1:1 chat", async () => {
    const api = fakeApi({
      'dm:open': (input) => ({ conversation: makeConversation(`g:dm:${input.userId}`, 'Ana') }),
      'people:conversations': (input) => ({ conversations: input.personId === 'u:bob' ? [makeConversation('u:chat-bob', 'Bob')] : [] }),
    });
    setApiForTests(api);
    const { openPersonConversation } = useStore.getState();
    expect(await openPersonConversation(makePerson('g:ana-id', 'Ana'))).toEqual({ to: 'conversation' });
    expect(api.callsTo('dm:open')).toEqual([{ userId: 'ana-id' }]);
    expect(useStore.getState().activeConversationId).toBe('g:dm:ana-id');
    expect(await openPersonConversation(makePerson('u:bob', 'Bob'))).toEqual({ to: 'conversation' });
    expect(useStore.getState().activeConversationId).toBe('u:chat-bob');
  });

  it('answers a new chat for a Unipile person with no 1:1 yet, from the account their messages were seen on', async () => {
    const api = fakeApi({
      'inbox:list': (q) => ({ conversations: q.filter?.kind === 'archived' ? [] : [makeConversation('u:group', 'Climbing club', { accountId: 'u:acc-wa' as AccountId })], next: null }),
      'people:conversations': () => ({ conversations: [] }),
      'people:messages': (input) => ({ messages: input.personId === 'u:carol' ? [makeMessage('u:m1', 'u:group', 'hi all')] : [], next: null }),
    });
    setApiForTests(api);
    await useStore.getState().loadPaletteConversations();
    const { openPersonConversation } = useStore.getState();
    expect(await openPersonConversation(makePerson('u:carol', 'Carol', { handle: '336@s.whatsapp.net' }))).toEqual({ to: 'newChat', accountId: 'u:acc-wa' });
    expect(api.callsTo('people:messages')).toEqual([{ personId: 'u:carol', limit: 1 }]);
    // Never seen writing: the user picks the account.
    expect(await openPersonConversation(makePerson('u:dan', 'Dan', { handle: 'dan-li' }))).toEqual({ to: 'newChat', accountId: null });
    // No id on the network: nothing to start a chat with, and it says so.
    const none = await openPersonConversation(makePerson('u:nobody', 'Nobody'));
    expect(none.to === 'error' && none.error.message).toMatch(/no chat with Nobody yet.*does not know their id/);
    expect(useStore.getState().activeConversationId).toBeNull();
  });

  it("starts a new chat from the account the network names for the person (a LinkedIn person is not written to from Instagram)", async () => {
    const api = fakeApi({
      'people:conversations': () => ({ conversations: [] }),
      'people:get': () => ({ person: { ...makePerson('u:hugo', 'Hugo Simon', { handle: 'ACoAAefDj' }), accountId: 'u:acc-li' as AccountId } }),
      'people:messages': () => ({ messages: [], next: null }),
    });
    setApiForTests(api);
    const { openPersonConversation } = useStore.getState();
    expect(await openPersonConversation(makePerson('u:hugo', 'Hugo Simon', { handle: 'ACoAAefDj' }))).toEqual({ to: 'newChat', accountId: 'u:acc-li' });
    expect(api.callsTo('people:get')).toEqual([{ personId: 'u:hugo' }]);
    expect(api.callsTo('people:messages')).toEqual([]);
  });

  it('forwards and reports the error message when refused', async () => {
    setApiForTests(fakeApi({ 'messages:forward': (input) => (input.toConversationId === 'u:ok' ? { ok: true } : { ok: false, error: { code: 'forbidden', message: 'Forwarding is disabled in this chat.' } }) }));
    const { forwardMessage } = useStore.getState();
    expect(await forwardMessage('u:m1' as MessageId, 'u:ok' as ConversationId)).toBeNull();
    expect((await forwardMessage('u:m1' as MessageId, 'u:no' as ConversationId))?.message).toBe('Forwarding is disabled in this chat.');
  });
});
