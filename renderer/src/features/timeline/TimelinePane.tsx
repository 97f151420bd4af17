import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import { Avatar } from '../../components/Avatar';
import { Button, IconButton } from '../../components/Button';
import { DateSeparator } from '../../components/DateSeparator';
import { Icon } from '../../components/Icon';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { NetworkIcon } from '../../components/NetworkIcon';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { useStore } from '../../store';
import { servesFocusRequest } from '../../store/uiSlice';
import { conversationMenuItems, useActionSupport } from '../inbox/conversationActions';
import { Menu } from '../../components/Menu';
import { matchShortcut } from '../keyboard/keymap';
import { OfflineBanner } from '../status/OfflineBanner';
import { Welcome } from '../onboarding/Welcome';
import { runAction, type MessageAction } from './messageActions';
import { MessageRow } from './MessageRow';
import { buildRows, latestShown, type Row } from './rows';
import './timeline.css';
import { perfMark } from '../../perfMark';

/** How long after a press in the timeline a new selection counts as made by it. */
const POINTER_SELECT_MS = 500;

const TOP = '__top';
const NO_ROWS: Row[] = [];

function ConversationHeader({ id }: { id: ConversationId }) {
  const c = useStore((s) => s.conversations[id]);
  const panel = useStore((s) => s.panel?.kind ?? null);
  const togglePanel = useStore((s) => s.togglePanel);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const more = useRef<HTMLButtonElement>(null);
  const support = useActionSupport(menuAt ? id : null);
  if (!c) return <header className="tl-header" />;
  const openIt = (cid: ConversationId) => useStore.getState().openConversation(cid);
  return (
    <header className="tl-header">
      <Avatar name={c.title} seed={c.id} size={28} square={c.kind !== 'dm'} />
      <div className="tl-title-box">
        <h2 className="tl-title">
          <span className="tl-title-text">{c.title}</span>
          <NetworkIcon network={c.network} size={14} />
          {c.muted && (
            <span className="tl-mark" title="Muted">
              <Icon name="mute" size={13} />
            </span>
          )}
        </h2>
        <p className="tl-sub">
          {NETWORK_NAMES[c.network]} · {c.kind === 'dm' ? 'Direct message' : c.kind === 'room' ? 'Room' : c.kind === 'channel' ? 'Channel' : 'Group'}
          {c.description ? ` · ${c.description}` : ''}
          {c.readOnly ? ' · Read-only' : ''}
        </p>
      </div>
      <div className="tl-actions">
        {c.source === 'genesys' && (
          <IconButton label="Pinned messages" title="Pinned messages (Ctrl+Shift+P)" aria-pressed={panel === 'pins'} onClick={() => togglePanel('pins')}>
            <Icon name="pin" />
          </IconButton>
        )}
        <IconButton label="People" title="People (Ctrl+Shift+U)" aria-pressed={panel === 'people'} onClick={() => togglePanel('people')}>
          <Icon name="people" />
        </IconButton>
        <IconButton label="Details" title="Details (Ctrl+Shift+I)" aria-pressed={panel === 'details'} onClick={() => togglePanel('details')}>
          <Icon name="info" />
        </IconButton>
        <IconButton
          ref={more}
          label="Conversation actions"
          aria-haspopup="menu"
          onClick={() => {
            const r = more.current?.getBoundingClientRect();
            setMenuAt(r ? { x: r.right - 220, y: r.bottom + 4 } : { x: 400, y: 60 });
          }}
        >
          <Icon name="more" />
        </IconButton>
      </div>
      {menuAt && support && (
        <Menu
          label={`Actions for ${c.title}`}
          items={conversationMenuItems(c, openIt, support).filter((i) => i === 'separator' || i.id !== 'open')}
          at={menuAt}
          onClose={() => {
            setMenuAt(null);
            more.current?.focus();
          }}
        />
      )}
    </header>
  );
}

function TopRow({ id }: { id: ConversationId }) {
  // The beginning only when nothing older is left to read from the cache either (as the rows' setsize says).
  const { older, beginning, error } = useStore(useShallow((s) => ({ older: s.timelines[id]?.older ?? 'idle', beginning: (s.timelines[id]?.beginning ?? false) && !s.timelines[id]?.hasOlder, error: s.timelines[id]?.error ?? null })));
  const title = useStore((s) => s.conversations[id]?.title ?? '');
  const empty = useStore((s) => (s.timelines[id]?.messages.length ?? 0) === 0);
  if (older === 'loading' || older === 'backfilling')
    return (
      <div className="tl-top" role="status">
        <span className="spinner" aria-hidden="true" /> Loading older messages…
      </div>
    );
  if (older === 'error')
    return (
      <div className="tl-top tl-top-error" role="alert">
        Could not load older messages{error ? `: ${error.message}` : '.'}
        <Button size="sm" onClick={() => void useStore.getState().loadOlder(id).catch(() => {})}>
          Try again
        </Button>
      </div>
    );
  if (beginning)
    return (
      <div className="tl-top tl-beginning">
        <strong>Beginning of the conversation</strong>
        <span>
          This is the start of {title ? `“${title}”` : 'this conversation'}.{empty ? ' No messages yet: say hello!' : ''}
        </span>
      </div>
    );
  return <div className="tl-top tl-top-idle" />;
}

function estimateRow(rowsByKey: Map<string, Row>) {
  return (key: string) => {
    if (key === TOP) return 40;
    const r = rowsByKey.get(key);
    if (!r || r.kind === 'date') return 40;
    const m = r.message;
    let h = r.grouped ? 24 : 48;
    const len = m.text?.length ?? 0;
    h += Math.floor(len / 90) * 20;
    if (m.quote) h += 44;
    for (const a of m.attachments) h += a.kind === 'image' ? 210 : 56;
    if (m.reactions.length) h += 28;
    if (r.replies) h += 28;
    return h;
  };
}

function Timeline({ id }: { id: ConversationId }) {
  const data = useStore((s) => s.timelines[id]);
  const selected = useStore((s) => s.selectedMessageId);
  const highlight = useStore((s) => s.highlight);
  const jumpTarget = useStore((s) => s.jumpTarget);
  const focusRequest = useStore((s) => s.focusRequest);
  const list = useRef<VirtualListHandle>(null);
  const feed = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);

  const messages = data?.messages;
  const hasRows = !!messages && messages.length > 0;
  // The first commit with messages (this component is keyed by conversation): for the performance
  // panel and the ui bench's switch trace.
  useLayoutEffect(() => {
    if (hasRows) perfMark('timeline-rows');
  }, [hasRows]);
  const rows = useMemo(() => (messages ? buildRows(messages, { orphanRepliesInline: !data?.hasOlder }) : NO_ROWS), [messages, data?.hasOlder]);
  const keys = useMemo(() => [TOP, ...rows.map((r) => r.key)], [rows]);
  const rowsByKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const messageKeys = useMemo(() => rows.flatMap((r) => (r.kind === 'message' ? [r.key as MessageId] : [])), [rows]);
  const estimate = useMemo(() => estimateRow(rowsByKey), [rowsByKey]);
  const hasOlder = !!data?.hasOlder || !data?.beginning;
  const hasNewer = !!data?.hasNewer;

  // A jump (search hit, pin, deep link, quote): load around it, select, bring it to the middle.
  useEffect(() => {
    if (!jumpTarget || jumpTarget.conversationId !== id) return;
    let cancelled = false;
    void useStore
      .getState()
      .jumpToMessage(id, jumpTarget.messageId)
      .then((ok) => {
        if (cancelled) return;
        if (!ok) {
          useStore.getState().pushToast({ kind: 'error', message: 'That message is not in the cache (it may have been deleted).' });
          return;
        }
        requestAnimationFrame(() => list.current?.scrollToKey(jumpTarget.messageId, 'center'));
      });
    return () => {
      cancelled = true;
    };
  }, [jumpTarget, id]);

  // Keyboard selection: keep the selected message in view and give it the focus when the timeline has
  // it, or had it until the previous selection's row went (End from far up: that row is no longer drawn
  // once the new one is selected, and the focus fell to the page with it). A control inside the
  // selected message (a reaction pill) keeps the focus it has.
  useEffect(() => {
    if (!selected || !rowsByKey.has(selected)) return;
    // A message selected by a click is where the pointer is, in view: scrolling it "into view" moved a
    // message taller than the window under the pointer between press and release, so a click on its
    // Edit or Discard landed elsewhere.
    if (performance.now() - pointerAt.current > POINTER_SELECT_MS) list.current?.scrollToKey(selected, 'auto');
    const el = document.getElementById(`msg-${selected}`);
    const active = document.activeElement;
    const fell = (active === null || active === document.body) && useStore.getState().region === 'timeline';
    if (el && (fell || feed.current?.contains(active)) && !el.contains(active)) el.focus({ preventScroll: true });
    else if (!el && fell) requestAnimationFrame(() => document.getElementById(`msg-${selected}`)?.focus({ preventScroll: true }));
  }, [selected, rowsByKey]);

  // A request for the timeline's focus is served once, when there is something to focus: one made as
  // the conversation opens (a search hit, Shift+F6 at once) waits for its messages rather than being
  // dropped while they load, which left the focus on the page.
  const servedRequest = useRef(0);
  const loaded = data?.status === 'ready' || data?.status === 'error';
  useEffect(() => {
    if (focusRequest.region !== 'timeline' || focusRequest.seq === 0 || servedRequest.current === focusRequest.seq) return;
    if (!servesFocusRequest(focusRequest, 'timeline')) {
      servedRequest.current = focusRequest.seq;
      return;
    }
    const s = useStore.getState();
    // Meanwhile the user went elsewhere (clicked a conversation in the inbox): not taken from there.
    if (s.region !== 'timeline') return;
    const target = s.selectedMessageId && rowsByKey.has(s.selectedMessageId) ? s.selectedMessageId : messageKeys[messageKeys.length - 1];
    if (!target) {
      if (!feed.current || !loaded) return;
      servedRequest.current = focusRequest.seq;
      feed.current.focus({ preventScroll: true });
      return;
    }
    servedRequest.current = focusRequest.seq;
    s.selectMessage(target);
    list.current?.scrollToKey(target, 'auto');
    // The selected row is always rendered (keepKeys): focus it now, so the next key lands on it.
    const el = document.getElementById(`msg-${target}`);
    if (el) el.focus({ preventScroll: true });
    else requestAnimationFrame(() => document.getElementById(`msg-${target}`)?.focus({ preventScroll: true }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest, hasRows, loaded]);

  // The message that had the focus (and where it was): when it leaves the timeline under the keyboard
  // (a pending message discarded, a failed one deleted), the focus goes to its neighbour instead of
  // falling to the page.
  const lastFocus = useRef<{ key: MessageId; at: number } | null>(null);
  /** When the pointer last went down in the timeline: a selection that soon after is the click's. */
  const pointerAt = useRef(-Infinity);
  const onFeedFocus = (e: FocusEvent<HTMLDivElement>) => {
    // Tab or Shift+Tab from outside lands on the first or last link or button the rows hold, in
    // whichever message that is, with none selected. The timeline's tab stop is its selected message,
    // as F6 reaches it; a click on a link (no focus ring: not :focus-visible) is left alone.
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-message-id]');
    const from = e.relatedTarget as Node | null;
    if (row && target !== row && row.getAttribute('aria-current') !== 'true' && !(from && e.currentTarget.contains(from)) && target.matches(':focus-visible')) {
      useStore.getState().focusRegion('timeline');
      return;
    }
    useStore.getState().setRegion('timeline');
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-message-id]')?.dataset.messageId as MessageId | undefined;
    lastFocus.current = key ? { key, at: messageKeys.indexOf(key) } : null;
  };
  useLayoutEffect(() => {
    const was = lastFocus.current;
    if (!was || rowsByKey.has(was.key)) return;
    lastFocus.current = null;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const next = messageKeys[Math.min(Math.max(was.at, 0), messageKeys.length - 1)];
    const el = next ? document.getElementById(`msg-${next}`) : null;
    // Only a neighbour that is drawn (it is, beside a message just discarded in view): selecting one
    // that is not would scroll the timeline away from where the user is (a window trimmed far off).
    if (next && el) {
      useStore.getState().selectMessage(next);
      el.focus({ preventScroll: true });
    } else {
      feed.current?.focus({ preventScroll: true });
    }
  }, [rowsByKey, messageKeys]);

  const loadOlder = useCallback(() => {
    const d = useStore.getState().timelines[id];
    if (d && d.status === 'ready' && d.older === 'idle' && !d.beginning) void useStore.getState().loadOlder(id);
  }, [id]);
  const loadNewer = useCallback(() => {
    const d = useStore.getState().timelines[id];
    if (d?.hasNewer) void useStore.getState().loadNewer(id);
  }, [id]);

  const setsize = hasOlder ? -1 : messageKeys.length;
  const posOf = useMemo(() => new Map(messageKeys.map((k, i) => [k, i + 1])), [messageKeys]);
  const renderItem = useCallback(
    (_i: number, key: string) => {
      if (key === TOP) return <TopRow id={id} />;
      const r = rowsByKey.get(key);
      if (!r) return null;
      if (r.kind === 'date') return <DateSeparator label={r.label} />;
      return (
        <MessageRow
          message={r.message}
          grouped={r.grouped}
          replies={r.replies}
          lastReplyAt={r.lastReplyAt}
          selected={r.key === selected}
          highlighted={highlight?.id === r.key}
          posinset={hasOlder ? undefined : posOf.get(r.key as MessageId)}
          setsize={setsize}
        />
      );
    },
    [id, rowsByKey, selected, highlight, posOf, setsize, hasOlder],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('button, a, input, textarea') && e.target !== e.currentTarget) {
      // Keys on a button inside a message belong to the button, except moving between messages.
      if (!['ArrowUp', 'ArrowDown'].includes(e.key)) return;
    }
    const s = useStore.getState();
    const at = s.selectedMessageId ? messageKeys.indexOf(s.selectedMessageId) : messageKeys.length;
    const select = (i: number) => {
      const k = messageKeys[Math.max(0, Math.min(messageKeys.length - 1, i))];
      if (k) s.selectMessage(k);
      if (i < 0) loadOlder();
      e.preventDefault();
    };
    const id2 = matchShortcut(e, 'timeline');
    if (!id2) return;
    if (id2 === 'selectPrevious') return select(at - 1);
    if (id2 === 'selectNext') {
      if (at >= messageKeys.length - 1 && !hasNewer) {
        // Past the last message: on to the composer, where typing happens.
        e.preventDefault();
        s.focusRegion('composer');
        return;
      }
      return select(at + 1);
    }
    if (id2 === 'selectFirst') return select(0);
    if (id2 === 'jumpToLatest') {
      e.preventDefault();
      void jumpToLatest().then(() => {
        // The latest message the timeline shows: its rows as they are now (the jump may have loaded a
        // newer window), not the newest message loaded, which can be a thread reply it does not show.
        const t = useStore.getState().timelines[id];
        const last = t ? latestShown(t.messages, { orphanRepliesInline: !t.hasOlder }) : null;
        if (last) useStore.getState().selectMessage(last);
      });
      return;
    }
    const m = s.selectedMessageId ? s.timelines[id]?.messages.find((x) => x.id === s.selectedMessageId) : undefined;
    if (!m) return;
    e.preventDefault();
    if (id2 === 'messageMenu') {
      const r = document.getElementById(`msg-${m.id}`)?.getBoundingClientRect();
      s.openMessageUi({ kind: 'menu', messageId: m.id, at: r ? { x: Math.max(8, r.right - 260), y: r.top + 8 } : { x: 300, y: 200 } });
      return;
    }
    const map: Record<string, MessageAction> = { reply: 'reply', edit: 'edit', thread: 'thread', pin: 'pin', react: 'react', delete: 'delete', forward: 'forward', copy: 'copy' };
    const action = map[id2];
    if (action) runAction(action, m);
  };

  const jumpToLatest = useCallback(async () => {
    if (useStore.getState().timelines[id]?.hasNewer) await useStore.getState().jumpToLatest(id);
    list.current?.scrollToEnd();
  }, [id]);

  if (!data || (data.status === 'loading' && data.messages.length === 0)) {
    return (
      <div className="tl-empty" role="status">
        <span className="spinner" aria-hidden="true" /> Loading messages…
      </div>
    );
  }
  if (data.status === 'error' && data.messages.length === 0) {
    return (
      <div className="tl-empty" role="alert">
        <p>Could not load this conversation: {data.error?.message}</p>
        <Button size="sm" onClick={() => void useStore.getState().loadTimeline(id)}>
          Try again
        </Button>
      </div>
    );
  }

  return (
    <div className="tl-body">
      <VirtualList
        ref={list}
        className="tl-list"
        keys={keys}
        estimate={estimate}
        renderItem={renderItem}
        stick="bottom"
        anchorSkip={1}
        keepKeys={selected ? [selected] : undefined}
        // Ask for the next page well before the top: while sync writes, a read can take tens of ms.
        edge={1500}
        onNearStart={loadOlder}
        onNearEnd={hasNewer ? loadNewer : undefined}
        onAtEndChange={setAtEnd}
        innerRef={feed}
        innerProps={{
          role: 'feed',
          'aria-label': 'Messages',
          'data-conversation-id': id,
          'aria-busy': data.older === 'loading' || data.older === 'backfilling' ? true : undefined,
          tabIndex: -1,
          onKeyDown,
          onFocus: onFeedFocus,
          onPointerDown: () => (pointerAt.current = performance.now()),
          className: 'tl-feed',
        }}
      />
      {(!atEnd || hasNewer) && (
        <button
          type="button"
          className="tl-latest"
          onClick={() => {
            // The button goes away once at the end: the focus goes to the composer, not to the page.
            void jumpToLatest();
            useStore.getState().focusRegion('composer');
          }}
        >
          <Icon name="arrowDown" size={14} /> Jump to latest
        </button>
      )}
    </div>
  );
}

/** The open conversation: header, offline banner and the virtualized timeline. */
export function TimelinePane() {
  const id = useStore((s) => s.activeConversationId);
  const hasInbox = useStore((s) => s.inboxIds.length > 0);
  // An empty list because of the filter box or a chip, not an empty workspace.
  const filtered = useStore((s) => s.inboxText.trim() !== '' || s.inboxFilter.kind !== 'all');
  const onboarding = useStore((s) => s.onboarding);
  return (
    <section className="timeline" aria-label="Timeline">
      {id ? <ConversationHeader id={id} /> : null}
      <OfflineBanner />
      {id ? (
        <Timeline key={id} id={id} />
      ) : onboarding === 'unknown' ? (
        // Until the prefs say whether the welcome was answered: neither the hint nor the welcome, so
        // a first run does not flash the hint, and a later run not the welcome.
        <div className="tl-welcome" aria-busy="true" />
      ) : onboarding === 'show' ? (
        <div className="tl-welcome">
          <Welcome />
        </div>
      ) : (
        <div className="tl-welcome">
          <h2>{hasInbox || filtered ? 'Pick a conversation' : 'Your conversations will appear here'}</h2>
          <p>
            <kbd>Alt</kbd> + <kbd>↓</kbd> opens the next one, <kbd>Ctrl</kbd> + <kbd>K</kbd> finds any, <kbd>Ctrl</kbd> + <kbd>/</kbd> lists every shortcut.
          </p>
        </div>
      )}
    </section>
  );
}
