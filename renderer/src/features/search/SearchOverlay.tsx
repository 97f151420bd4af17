import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationId } from '../../../../shared/domain/ids';
import type { Network } from '../../../../shared/domain/model';
import { useStore } from '../../store';
import { queryFilters, type SearchFilters, type SearchHit } from '../../store/searchSlice';
import { OverlayFooter, OverlayFrame } from '../palette/OverlayFrame';
import { NETWORKS } from '../../../../shared/domain/networks';
import { NETWORK_LABELS } from '../palette/networks';
import { formatHitDate } from './formatDate';
import './search.css';

/**
 * Ctrl/Cmd+F or `/`: full-text search over every cached message. The cache is local, so this
 * works offline, and says so. Typing is debounced; ↑/↓ move through the hits, Enter opens the
 * conversation at the message (the timeline loads the page around it and highlights it).
 */
export const SEARCH_DEBOUNCE_MS = 120;
/** Ask for the next page when the selection or the scroll is this close to the end. */
const PREFETCH_ROWS = 5;
const PREFETCH_PX = 240;
const PAGE_STEP = 6;

export function SearchOverlay() {
  const overlay = useStore((s) => s.overlay);
  const storedText = useStore((s) => s.searchText);
  const filters = useStore((s) => s.searchFilters);
  const hits = useStore((s) => s.searchHits);
  const next = useStore((s) => s.searchNext);
  const status = useStore((s) => s.searchStatus);
  const error = useStore((s) => s.searchError);
  const activeId = useStore((s) => s.activeConversationId);
  const activeTitle = useStore((s) => (s.activeConversationId ? (s.conversations[s.activeConversationId]?.title ?? null) : null));
  const activeNetwork = useStore((s) => (s.activeConversationId ? s.conversations[s.activeConversationId]?.network : undefined));
  const runSearch = useStore((s) => s.runSearch);
  const loadMore = useStore((s) => s.loadMoreSearch);
  const closeOverlay = useStore((s) => s.closeOverlay);

  const initial = overlay?.kind === 'search' && overlay.text !== undefined ? overlay.text : storedText;
  const [value, setValue] = useState(initial);
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const uid = useId();

  // "This conversation" only means something while one is open.
  const base: SearchFilters = activeId ? filters : { ...filters, conversationId: undefined };
  const scopeOn = base.conversationId !== undefined;
  // One conversation is on one network: while the search is scoped to it, the network filter stands
  // aside (shown as that network, not applied; see queryFilters), rather than silently contradicting it.
  const applied = queryFilters(base);
  const scopeStale = scopeOn && base.conversationId !== activeId;

  useLayoutEffect(() => {
    // Reopened on the last search: select it, so typing starts a new one and Enter still works.
    if (value.length > 0) input.current?.select();
  }, []);

  // A filter pointing at a conversation that is no longer open is moved to the open one.
  useEffect(() => {
    if (scopeStale && activeId) useStore.getState().setSearchFilters({ ...filters, conversationId: activeId });
  }, [scopeStale, activeId, filters]);

  // Debounced: one query per pause in typing, not one per key.
  const lastRun = useRef<string | null>(null);
  useEffect(() => {
    const key = JSON.stringify([value.trim(), applied.network ?? null, applied.conversationId ?? null]);
    if (key === lastRun.current) return;
    // Reopening on the stored search shows its hits as they are: no new query.
    if (lastRun.current === null && value === storedText && value.trim() !== '' && status !== 'idle' && status !== 'error') {
      lastRun.current = key;
      return;
    }
    const timer = setTimeout(
      () => {
        lastRun.current = key;
        setIndex(0);
        void runSearch(value, base);
      },
      value.trim() === '' ? 0 : SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
    // What is asked is `applied`, derived from these (the stored choice may change without it).
  }, [value, applied.network, applied.conversationId, runSearch]);

  const current = Math.min(index, Math.max(0, hits.length - 1));
  const optionId = (i: number) => `${uid}-hit-${i}`;

  useLayoutEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  useEffect(() => {
    if (next && status === 'ready' && hits.length > 0 && current >= hits.length - PREFETCH_ROWS) void loadMore();
  }, [current, hits.length, next, status, loadMore]);

  const open = useCallback((hit: SearchHit | undefined) => {
    if (!hit) return;
    const st = useStore.getState();
    st.closeOverlay();
    st.openMessage(hit.message);
  }, []);

  const setFilters = (f: SearchFilters) => {
    useStore.getState().setSearchFilters(f);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const n = hits.length;
    const move = (to: number) => {
      e.preventDefault();
      if (n > 0) setIndex(Math.max(0, Math.min(n - 1, to)));
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'PageDown') move(current + PAGE_STEP);
    else if (e.key === 'PageUp') move(current - PAGE_STEP);
    else if (e.key === 'Enter') {
      e.preventDefault();
      open(hits[current]);
    } else if ((e.key === 'f' || e.key === 'F') && (e.ctrlKey || e.metaKey) && !e.altKey) {
      // Ctrl/Cmd+F again: select the query (as in a browser's find bar) rather than the page's own find.
      e.preventDefault();
      e.stopPropagation();
      input.current?.select();
    }
  };

  const onScroll = () => {
    const el = list.current;
    if (el && next && status === 'ready' && el.scrollTop + el.clientHeight >= el.scrollHeight - PREFETCH_PX) void loadMore();
  };

  const titleId = `${uid}-title`;
  const hintId = `${uid}-hint`;
  const typed = value.trim() !== '';
  const settled = status === 'ready' || status === 'more' || (status === 'error' && hits.length > 0);
  const summary = !typed ? '' : status === 'loading' ? 'Searching…' : status === 'error' && hits.length === 0 ? 'Search failed' : `${hits.length}${next ? '+' : ''} result${hits.length === 1 && !next ? '' : 's'}`;

  return (
    <OverlayFrame labelledBy={titleId} describedBy={hintId} onClose={closeOverlay} initialFocus={input} className="search" testId="search">
      <div className="overlay-input-row">
        <h2 id={titleId} className="visually-hidden">
          Search messages
        </h2>
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={input}
          className="overlay-input"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={`${uid}-list`}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(current) : undefined}
          aria-label="Search messages"
          placeholder={scopeOn && activeTitle ? `Search in ${activeTitle}…` : 'Search all messages…'}
          spellCheck={false}
          autoComplete="off"
          maxLength={500}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {(status === 'loading' || status === 'more') && (
          <span className="search-spinner" aria-hidden="true" data-testid="search-busy">
            …
          </span>
        )}
      </div>
      <div className="search-filters">
        <label className="search-filter">
          <span>Network</span>
          <select
            value={(scopeOn ? activeNetwork : base.network) ?? ''}
            disabled={scopeOn}
            title={scopeOn ? 'Searching one conversation: its network' : undefined}
            onChange={(e) => {
              const network = e.target.value === '' ? undefined : (e.target.value as Network);
              setFilters({ ...base, network });
            }}
          >
            <option value="">All networks</option>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {NETWORK_LABELS[n]}
              </option>
            ))}
          </select>
        </label>
        {activeId && (
          <label className="search-filter search-scope">
            <input type="checkbox" checked={scopeOn} onChange={(e) => setFilters({ ...base, conversationId: e.target.checked ? (activeId as ConversationId) : undefined })} />
            <span>
              Only this conversation{activeTitle ? ': ' : ''}
              {activeTitle && <bdi className="search-scope-title">{activeTitle}</bdi>}
            </span>
          </label>
        )}
        <span id={hintId} className="search-hint" data-testid="search-hint">
          Searching cached history — works offline
        </span>
      </div>
      <div ref={list} id={`${uid}-list`} role="listbox" aria-label="Messages found" className="overlay-list search-list" onScroll={onScroll}>
        {hits.map((hit, i) => (
          <HitRow key={hit.message.id} hit={hit} id={optionId(i)} index={i} selected={i === current} onHover={setIndex} onOpen={open} />
        ))}
      </div>
      {status === 'error' && error && (
        <div className="overlay-status search-error" role="alert">
          {hits.length > 0 ? 'More results could not be loaded: ' : 'Search failed: '}
          {error.message}{' '}
          <button type="button" className="search-retry" onClick={() => (hits.length > 0 ? void loadMore() : void runSearch(value, base))}>
            Retry
          </button>
        </div>
      )}
      {!typed && (
        <div className="overlay-empty search-tips">
          Type a word or a phrase. Every message this device has cached is searched, including while offline.
        </div>
      )}
      {typed && settled && hits.length === 0 && (
        <div className="overlay-empty" data-testid="search-empty">
          No cached message matches “<bdi>{value.trim()}</bdi>”{scopeOn ? ' in this conversation' : ''}
          {applied.network ? ` on ${NETWORK_LABELS[applied.network]}` : ''}.
        </div>
      )}
      {typed && status === 'loading' && hits.length === 0 && <div className="overlay-empty">Searching…</div>}
      {status === 'more' && <div className="overlay-empty search-more">Loading more…</div>}
      <div className="visually-hidden" role="status" aria-live="polite">
        {summary}
      </div>
      <OverlayFooter hints={[[['↑', '↓'], 'move'], [['Enter'], 'open in conversation'], [['Tab'], 'filters'], [['Esc'], 'close']]} />
    </OverlayFrame>
  );
}

interface HitRowProps {
  hit: SearchHit;
  id: string;
  index: number;
  selected: boolean;
  onHover: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
}

const HitRow = memo(function HitRow({ hit, id, index, selected, onHover, onOpen }: HitRowProps) {
  const m = hit.message;
  const senderFallback = useStore((s) => (m.senderId ? (s.personNames[m.senderId] ?? s.searchSenderNames[m.senderId]) : undefined));
  const sender = m.isOwn ? 'You' : (m.senderName ?? senderFallback ?? '…');
  // In a 1:1 the title already is the other person.
  const showSender = sender !== hit.conversationTitle;
  const date = formatHitDate(m.time, Date.now());
  const snippet = hit.snippet.length > 0 ? hit.snippet : [{ text: m.text ?? (m.attachments.length > 0 ? 'Attachment' : ''), hit: false }];
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      data-index={index}
      data-message-id={m.id}
      data-conversation-id={m.conversationId}
      className="overlay-option search-hit"
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => {
        if (!selected) onHover(index);
      }}
      onClick={() => onOpen(hit)}
    >
      <div className="search-hit-head">
        <bdi className="search-hit-conversation">{hit.conversationTitle}</bdi>
        {showSender && (
          <>
            <span className="search-hit-sep" aria-hidden="true">
              ·
            </span>
            <bdi className="search-hit-sender">{sender}</bdi>
          </>
        )}
        <time className="search-hit-date" dateTime={new Date(m.time).toISOString()} title={date.full}>
          {date.short}
        </time>
      </div>
      <div className="search-hit-snippet">
        {snippet.map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
      </div>
    </div>
  );
});
