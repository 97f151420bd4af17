import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import type { ConversationId } from '../../../../shared/domain/ids';
import type { Network } from '../../../../shared/domain/model';
import type { InboxFilter } from '../../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Menu, type MenuItem } from '../../components/Menu';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { NetworkIcon } from '../../components/NetworkIcon';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { useStore } from '../../store';
import { servesFocusRequest } from '../../store/uiSlice';
import { matchShortcut } from '../keyboard/keymap';
import { conversationMenuItems, toggleRead, useActionSupport } from './conversationActions';
import { InboxRow, ROW_HEIGHT } from './InboxRow';
import './inbox.css';

const NETWORK_ORDER: Network[] = ['genesys', 'whatsapp', 'linkedin', 'slack', 'telegram', 'instagram', 'messenger', 'x'];
const TEXT_DEBOUNCE_MS = 150;

function filterKey(f: InboxFilter): string {
  return f.kind === 'network' ? `network:${f.network}` : f.kind === 'account' ? `account:${f.accountId}` : f.kind;
}

/** The brand, the mode badge and the filters above the list. */
function InboxHeader() {
  const info = useStore((s) => s.info);
  return (
    <header className="inbox-header">
      <h1 className="app-title">Switchboard</h1>
      {info && (
        <span className={`mode-badge mode-${info.mode}`} data-testid="mode-badge" title={info.mode === 'demo' ? 'Sample data from the built-in demo workspace: nothing is sent anywhere, and what you write here (messages, drafts) is gone when Switchboard restarts.' : 'Connected to your Pinkfish account'}>
          {info.mode === 'demo' ? 'Demo workspace' : 'Live'}
        </span>
      )}
    </header>
  );
}

/** Type-to-filter: local state while typing, the store (and the query) after a short pause. */
function FilterBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const stored = useStore((s) => s.inboxText);
  const setInboxText = useStore((s) => s.setInboxText);
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  useEffect(() => {
    if (text === stored) return;
    const t = setTimeout(() => setInboxText(text), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, stored, setInboxText]);
  return (
    <div className="inbox-filterbox">
      <Icon name="search" size={14} />
      <input
        ref={inputRef}
        type="search"
        value={text}
        placeholder="Filter conversations"
        aria-label="Filter conversations"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
          } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && !e.altKey && !e.ctrlKey && !e.metaKey) {
            // Plain ↓ or Enter: into the list. Alt+↓ and the like are the global shortcuts (next
            // conversation), which work from here as from anywhere.
            e.preventDefault();
            setInboxText(text);
            useStore.getState().focusRegion('inbox');
          }
        }}
      />
    </div>
  );
}

/** Recomputed only when the rows change (the selector runs on every store update). */
let lastRows: object | null = null;
let lastNetworks = '';
function networksOf(rows: Record<string, { network: Network }>): string {
  if (rows === lastRows) return lastNetworks;
  const seen = new Set<string>();
  for (const id in rows) seen.add(rows[id]!.network);
  lastRows = rows;
  lastNetworks = NETWORK_ORDER.filter((n) => seen.has(n)).join(',');
  return lastNetworks;
}

function FilterChips() {
  const filter = useStore((s) => s.inboxFilter);
  const setFilter = useStore((s) => s.setInboxFilter);
  // The networks seen so far, as one string so the chips re-render only when it changes.
  const networks = useStore((s) => networksOf(s.conversations));
  const chips: Array<{ filter: InboxFilter; label: string; network?: Network }> = [
    { filter: { kind: 'all' }, label: 'All' },
    { filter: { kind: 'unread' }, label: 'Unread' },
    ...(networks ? networks.split(',') : []).map((n) => ({ filter: { kind: 'network', network: n as Network } as InboxFilter, label: NETWORK_NAMES[n as Network], network: n as Network })),
    { filter: { kind: 'archived' }, label: 'Archived' },
  ];
  const current = filterKey(filter);
  // One Tab stop for the whole row (the chip in force), the arrows between chips, as a toolbar is
  // walked: eleven stops before the list was a long way round for the keyboard.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    const to = e.key === 'ArrowRight' ? (at + 1) % buttons.length : e.key === 'ArrowLeft' ? (at - 1 + buttons.length) % buttons.length : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === to ? 0 : -1));
    buttons[to]!.focus();
  };
  const hasCurrent = chips.some((c) => filterKey(c.filter) === current);
  return (
    <div className="inbox-chips" role="toolbar" aria-label="Show" onKeyDown={onKeyDown}>
      {chips.map((c, i) => {
        const key = filterKey(c.filter);
        return (
          <button
            key={key}
            type="button"
            tabIndex={key === current || (!hasCurrent && i === 0) ? 0 : -1}
            className={`chip ${c.network ? 'chip-icon' : ''} ${key === current ? 'chip-on' : ''}`}
            aria-pressed={key === current}
            aria-label={c.network ? `Only ${c.label}` : undefined}
            title={c.network ? `Only ${c.label}` : undefined}
            onClick={() => setFilter(c.filter)}
            data-filter={key}
          >
            {c.network ? <NetworkIcon network={c.network} size={14} title="" /> : c.label}
          </button>
        );
      })}
    </div>
  );
}

/**
 * Every conversation from every account, newest activity first. A virtualized listbox: the
 * list keeps the keyboard (aria-activedescendant), arrows move, Enter opens, U marks unread.
 */
export function InboxPane() {
  const ids = useStore((s) => s.inboxIds);
  const { status, error, hasMore } = useStore(useShallow((s) => ({ status: s.inboxStatus, error: s.inboxError, hasMore: s.inboxNext !== null })));
  const openId = useStore((s) => s.activeConversationId);
  const focusRequest = useStore((s) => s.focusRequest);
  const filtered = useStore((s) => s.inboxText.trim() !== '' || s.inboxFilter.kind !== 'all');
  const list = useRef<VirtualListHandle>(null);
  const box = useRef<HTMLDivElement>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const [activeId, setActiveId] = useState<ConversationId | null>(null);
  const [menu, setMenu] = useState<{ id: ConversationId; at: { x: number; y: number } } | null>(null);

  // The keyboard highlight follows the open conversation unless the user moved it.
  useEffect(() => {
    if (openId) setActiveId(openId);
  }, [openId]);
  const active = activeId && ids.includes(activeId) ? activeId : (openId && ids.includes(openId) ? openId : (ids[0] ?? null));
  // The toasts float over the inbox's bottom (from 36 px above the window's bottom, the list ending at
  // the 26 px status bar): rows scroll clear of them, and the highlighted row is not left under one
  // (kept in view below).
  const toastSpace = useStore((s) => s.toastSpace);
  const toastInset = toastSpace > 0 ? toastSpace + 18 : 0;

  useEffect(() => {
    if (active) list.current?.scrollToKey(active, 'auto');
  }, [active]);

  // The inbox stays where the user left it while they are elsewhere (their own send moves the open
  // conversation to the top, out of view); it is brought back into view when the list gets the
  // keyboard (see onFocus), and kept in view while the list has it and rows move under it, or a toast
  // comes over it.
  const activeIndex = active ? ids.indexOf(active) : -1;
  useEffect(() => {
    if (active && box.current && document.activeElement === box.current) list.current?.scrollToKey(active, 'auto');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex, toastInset]);
  /** A press on a row focuses the list: that row becomes the highlight, no scroll to the old one. */
  const pointerDown = useRef(false);

  useEffect(() => {
    if (servesFocusRequest(focusRequest, 'inbox')) box.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  const open = useCallback((id: ConversationId) => {
    const s = useStore.getState();
    setActiveId(id);
    s.openConversation(id);
    s.focusRegion('composer');
  }, []);
  const onContextMenu = useCallback((id: ConversationId, at: { x: number; y: number }) => {
    setActiveId(id);
    setMenu({ id, at });
  }, []);

  const renderItem = useCallback(
    (i: number, key: string) => <InboxRow id={key as ConversationId} active={key === active} open={key === openId} onOpen={open} onContextMenu={onContextMenu} />,
    [active, openId, open, onContextMenu],
  );
  const estimate = useCallback(() => ROW_HEIGHT, []);
  const loadMore = useStore((s) => s.loadMoreInbox);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = active ? ids.indexOf(active) : -1;
    const move = (to: number) => {
      const next = ids[Math.max(0, Math.min(ids.length - 1, to))];
      if (next) setActiveId(next);
      e.preventDefault();
    };
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        return move(at + 1);
      case 'ArrowUp':
      case 'k':
        if (at <= 0 && e.key === 'ArrowUp') {
          e.preventDefault();
          filterInput.current?.focus();
          return;
        }
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(ids.length - 1);
      case 'PageDown':
        return move(at + 8);
      case 'PageUp':
        return move(at - 8);
    }
    const id = matchShortcut(e, 'inbox');
    if (!id || !active) return;
    e.preventDefault();
    // What a key acts on is in view first (it may have moved out of view while the list had no focus).
    if (id === 'openConversation') {
      list.current?.scrollToKey(active, 'auto');
      open(active);
    } else if (id === 'markUnread') {
      list.current?.scrollToKey(active, 'auto');
      void toggleRead(active);
    } else if (id === 'conversationMenu') {
      // Synchronously, so the row's box below is where it is drawn now.
      flushSync(() => list.current?.scrollToKey(active, 'auto'));
      const row = document.getElementById(`conv-${active}`);
      const r = row?.getBoundingClientRect();
      setMenu({ id: active, at: r ? { x: r.left + 40, y: r.bottom } : { x: 80, y: 120 } });
    }
  };

  const menuConversation = useStore((s) => (menu ? s.conversations[menu.id] : undefined));
  const support = useActionSupport(menu?.id ?? null);
  const menuItems = useMemo<Array<MenuItem | 'separator'>>(() => (menuConversation && support ? conversationMenuItems(menuConversation, open, support) : []), [menuConversation, open, support]);

  return (
    <aside className="inbox" aria-label="Conversations">
      <InboxHeader />
      <FilterBox inputRef={filterInput} />
      <FilterChips />
      {status === 'error' && ids.length === 0 ? (
        <div className="inbox-empty" role="alert">
          <p>Could not load conversations: {error?.message}</p>
          <Button size="sm" onClick={() => void useStore.getState().loadInbox()}>
            Try again
          </Button>
        </div>
      ) : ids.length === 0 ? (
        <div className="inbox-empty" role="status">
          {status === 'loading' || status === 'idle' ? <p>Loading conversations…</p> : filtered ? <p>No conversation matches.</p> : <p>No conversations yet. New ones appear here as they sync.</p>}
        </div>
      ) : (
        <VirtualList
          ref={list}
          className="inbox-list"
          keys={ids}
          estimate={estimate}
          renderItem={renderItem}
          stick="top"
          overscan={ROW_HEIGHT * 8}
          keepKeys={active ? [active] : undefined}
          bottomInset={toastInset}
          innerRef={box}
          onNearEnd={hasMore ? loadMore : undefined}
          innerProps={{
            role: 'listbox',
            'aria-label': 'Conversations',
            tabIndex: 0,
            'aria-activedescendant': active ? `conv-${active}` : undefined,
            onKeyDown,
            onFocus: () => {
              useStore.getState().setRegion('inbox');
              if (pointerDown.current) pointerDown.current = false;
              else if (active) list.current?.scrollToKey(active, 'auto');
            },
            onPointerDown: () => {
              pointerDown.current = true;
            },
            onPointerUp: () => {
              pointerDown.current = false;
            },
            className: 'inbox-listbox',
          }}
        />
      )}
      {menu && menuConversation && support && (
        <Menu
          label={`Actions for ${menuConversation.title}`}
          items={menuItems}
          at={menu.at}
          onClose={() => {
            setMenu(null);
            box.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </aside>
  );
}
