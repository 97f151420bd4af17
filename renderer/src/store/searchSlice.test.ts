import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import type { SearchPage } from '../../../shared/ipc/contract';
import { fakeApi, makeMessage } from '../features/palette/fakeApi';
import { setApiForTests } from '../platform';
import { useStore } from './index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

const hit = (n: number, text = `hit ${n}`) => ({ message: makeMessage(`g:m${n}`, 'g:room:a', text, { time: 1000 - n }), conversationTitle: 'Room A', snippet: [{ text, hit: true }] });

describe('searchSlice', () => {
  it('scoped to one conversation, asks for that conversation only and keeps the network chosen for later', async () => {
    const api = fakeApi({ 'search:query': (): SearchPage => ({ hits: [hit(1)], next: { time: 1, id: 'g:m1' as MessageId } }) });
    setApiForTests(api);
    await useStore.getState().runSearch('deploy', { network: 'slack', conversationId: 'g:room:a' as ConversationId });
    expect(api.callsTo('search:query')[0]).toEqual({ text: 'deploy', limit: 30, conversationId: 'g:room:a' });
    await useStore.getState().loadMoreSearch();
    expect(api.callsTo('search:query')[1]).toEqual({ text: 'deploy', limit: 30, before: { time: 1, id: 'g:m1' }, conversationId: 'g:room:a' });
    expect(useStore.getState().searchFilters).toEqual({ network: 'slack', conversationId: 'g:room:a' });
  });

  it('runs a search with the filters and pages on with `before`', async () => {
    const api = fakeApi({
      'search:query': (input): SearchPage =>
        input.before ? { hits: [hit(30), hit(31)], next: null } : { hits: Array.from({ length: 30 }, (_, i) => hit(i)), next: { time: 971, id: 'g:m29' as MessageId } },
    });
    setApiForTests(api);
    const { runSearch } = useStore.getState();
    await runSearch('deploy', { network: 'slack' });
    expect(api.callsTo('search:query')[0]).toEqual({ text: 'deploy', limit: 30, network: 'slack' });
    expect(useStore.getState().searchHits).toHaveLength(30);
    expect(useStore.getState().searchStatus).toBe('ready');
    await useStore.getState().loadMoreSearch();
    expect(api.callsTo('search:query')[1]).toMatchObject({ text: 'deploy', before: { time: 971, id: 'g:m29' }, network: 'slack' });
    expect(useStore.getState().searchHits).toHaveLength(32);
    expect(useStore.getState().searchNext).toBeNull();
    // Nothing more to load: no further call.
    await useStore.getState().loadMoreSearch();
    expect(api.callsTo('search:query')).toHaveLength(2);
  });

  it('drops the answer to an older query that arrives after a newer one', async () => {
    let release: (() => void) | null = null;
    setApiForTests(
      fakeApi({
        'search:query': async (input) => {
          if (input.text === 'de') await new Promise<void>((r) => (release = r));
          return { hits: [hit(input.text === 'de' ? 1 : 2, input.text)], next: null };
        },
      }),
    );
    const { runSearch } = useStore.getState();
    const slow = runSearch('de');
    await runSearch('deploy');
    release!();
    await slow;
    expect(useStore.getState().searchText).toBe('deploy');
    expect(useStore.getState().searchHits.map((h) => h.message.text)).toEqual(['deploy']);
  });

  it('clears on empty text without asking the backend', async () => {
    const api = fakeApi({ 'search:query': () => ({ hits: [hit(1)], next: null }) });
    setApiForTests(api);
    await useStore.getState().runSearch('x');
    await useStore.getState().runSearch('   ');
    expect(api.callsTo('search:query')).toHaveLength(1);
    expect(useStore.getState().searchHits).toEqual([]);
    expect(useStore.getState().searchStatus).toBe('idle');
  });

  it('shows a failure, keeps the hits already shown when a later page fails, and retries that page', async () => {
    let fail = true;
    setApiForTests(
      fakeApi({
        'search:query': (input) => {
          if (!input.before) return { hits: [hit(1)], next: { time: 999, id: 'g:m1' as MessageId } };
          return fail ? { ok: false, error: { code: 'internal', message: 'disk I/O error' } } : { hits: [hit(2)], next: null };
        },
      }),
    );
    await useStore.getState().runSearch('x');
    await useStore.getState().loadMoreSearch();
    expect(useStore.getState().searchStatus).toBe('error');
    expect(useStore.getState().searchError?.message).toBe('disk I/O error');
    expect(useStore.getState().searchHits).toHaveLength(1);
    fail = false;
    await useStore.getState().loadMoreSearch();
    expect(useStore.getState().searchStatus).toBe('ready');
    expect(useStore.getState().searchHits).toHaveLength(2);
  });

  it('reports a transport that throws as a network error', async () => {
    setApiForTests({
      invoke: () => Promise.reject(new Error('socket closed')),
      on: () => () => {},
    });
    await useStore.getState().runSearch('x');
    expect(useStore.getState().searchStatus).toBe('error');
    expect(useStore.getState().searchError).toEqual({ code: 'network', message: 'socket closed' });
  });
});
