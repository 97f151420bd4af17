import type { ConversationId } from '../../../shared/domain/ids';
import type { Network } from '../../../shared/domain/model';
import type { SearchPage } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * Full-text search over the offline cache (`search:query`): it never needs the network, so it
 * works offline. The query and its hits stay here while the overlay is closed, so reopening it
 * (Ctrl/Cmd+F) shows the last search where the user left it.
 */
export type SearchHit = SearchPage['hits'][number];

export interface SearchFilters {
  network?: Network;
  /** Only this conversation ("this conversation" in the overlay). */
  conversationId?: ConversationId;
}

/**
 * What a query asks for: one conversation is on one network, so while the search is scoped to a
 * conversation the network chosen stands aside (kept as the user's choice, not sent: together they
 * could only contradict each other).
 */
export function queryFilters(f: SearchFilters): SearchFilters {
  return f.conversationId ? { conversationId: f.conversationId } : f.network ? { network: f.network } : {};
}

export interface SearchSlice {
  searchText: string;
  searchFilters: SearchFilters;
  searchHits: SearchHit[];
  searchNext: SearchPage['next'];
  /** idle: nothing asked yet (or empty text); loading: first page; more: a further page. */
  searchStatus: 'idle' | 'loading' | 'ready' | 'more' | 'error';
  searchError: WireError | null;
  /** Names of hit senders the hits do not carry (Genesys messages name no one), by person id. */
  searchSenderNames: Record<string, string>;

  /** Runs a new search (the view debounces typing); empty text clears the results. */
  runSearch: (text: string, filters?: SearchFilters) => Promise<void>;
  /** The next page of the current search, if there is one and none is loading. */
  loadMoreSearch: () => Promise<void>;
  clearSearch: () => void;
  /** Sets the filters for the next search (the overlay reruns the current text itself). */
  setSearchFilters: (filters: SearchFilters) => void;
}

export const SEARCH_PAGE = 30;
/** `search:query` accepts at most 500 characters. */
const MAX_TEXT = 500;

// Every request carries a number; an answer to anything but the latest is dropped, so a slow
// query for "de" can never overwrite the results for "deploy" that came back first.
let seq = 0;

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => {
  const asking = new Set<string>();
  /**
   * Who wrote each hit, for senders the message does not name: one `people:get` per person not
   * known yet (the cache answers, so this works offline for anyone it has seen).
   */
  const resolveSenders = async (hits: readonly SearchHit[]) => {
    const known = { ...get().personNames, ...get().searchSenderNames };
    const ids = [...new Set(hits.filter((h) => !h.message.isOwn && !h.message.senderName && h.message.senderId).map((h) => h.message.senderId!))].filter((id) => !known[id] && !asking.has(id));
    if (ids.length === 0) return;
    for (const id of ids) asking.add(id);
    const answers = await Promise.all(ids.map((personId) => safeInvoke('people:get', { personId })));
    const names: Record<string, string> = {};
    answers.forEach((res, i) => {
      if (res.ok) names[ids[i]!] = res.value.person.name;
      // A failure is asked again with the next results (the network may be back by then).
      else asking.delete(ids[i]!);
    });
    if (Object.keys(names).length > 0) set({ searchSenderNames: { ...get().searchSenderNames, ...names } }, false, 'search/senders');
  };

  return {
    searchText: '',
    searchFilters: {},
    searchHits: [],
    searchNext: null,
    searchStatus: 'idle',
    searchError: null,
    searchSenderNames: {},

    runSearch: async (text, filters) => {
      const f = filters ?? get().searchFilters;
      const mine = ++seq;
      const query = text.trim().slice(0, MAX_TEXT);
      if (query.length === 0) {
        set({ searchText: text, searchFilters: f, searchHits: [], searchNext: null, searchStatus: 'idle', searchError: null }, false, 'search/clear');
        return;
      }
      set({ searchText: text, searchFilters: f, searchStatus: 'loading', searchError: null }, false, 'search/run');
      const res = await safeInvoke('search:query', { text: query, limit: SEARCH_PAGE, ...queryFilters(f) });
      if (mine !== seq) return;
      if (res.ok) {
        set({ searchHits: res.value.hits, searchNext: res.value.next, searchStatus: 'ready' }, false, 'search/results');
        void resolveSenders(res.value.hits);
      } else set({ searchHits: [], searchNext: null, searchStatus: 'error', searchError: res.error }, false, 'search/failed');
    },

    loadMoreSearch: async () => {
      const { searchNext, searchStatus, searchText, searchFilters } = get();
      // After a failed page the next one can be asked again (the hits shown stay).
      const retry = searchStatus === 'error' && get().searchHits.length > 0;
      if (!searchNext || (searchStatus !== 'ready' && !retry)) return;
      const mine = ++seq;
      set({ searchStatus: 'more' }, false, 'search/more');
      const res = await safeInvoke('search:query', { text: searchText.trim().slice(0, MAX_TEXT), limit: SEARCH_PAGE, before: searchNext, ...queryFilters(searchFilters) });
      if (mine !== seq) return;
      if (res.ok) {
        // A message edited between pages could come back twice; keep the first.
        const seen = new Set(get().searchHits.map((h) => h.message.id));
        const fresh = res.value.hits.filter((h) => !seen.has(h.message.id));
        set({ searchHits: [...get().searchHits, ...fresh], searchNext: res.value.next, searchStatus: 'ready' }, false, 'search/moreResults');
        void resolveSenders(fresh);
      } else {
        // The hits already shown stay; the error says why no more came.
        set({ searchStatus: 'error', searchError: res.error }, false, 'search/moreFailed');
      }
    },

    setSearchFilters: (filters) => set({ searchFilters: filters }, false, 'search/filters'),

    clearSearch: () => {
      seq++;
      set({ searchText: '', searchHits: [], searchNext: null, searchStatus: 'idle', searchError: null }, false, 'search/clear');
    },
  };
};
