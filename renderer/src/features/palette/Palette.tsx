import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageId } from '../../../../shared/domain/ids';
import type { Conversation, Person } from '../../../../shared/domain/model';
import { NetworkIcon } from '../../components/NetworkIcon';
import { useStore } from '../../store';
import { DIALOGS } from '../shell/dialogs';
import { Highlighted } from './Highlighted';
import { Keys, useIsMac } from './keysDisplay';
import { NETWORK_LABELS } from './networks';
import { OverlayFooter, OverlayFrame } from './OverlayFrame';
import { buildPaletteActions } from './paletteActions';
import { buildSections, personDetail, type PaletteEntry } from './paletteModel';
import './palette.css';

/**
 * Ctrl/Cmd+K: jump to any conversation, person or action by typing a few letters of it.
 *
 * The input keeps focus the whole time (a combobox whose listbox options are pointed at with
 * aria-activedescendant), so typing, ↑/↓ and Enter never leave it. Forward mode (the Forward
 * message action) lists only the chats the message can go to.
 *
 * Choosing a person opens their 1:1 (Genesys creates it if needed) with the keyboard in its
 * composer; a network contact with no 1:1 yet gets the New chat dialog addressed to them, since
 * those networks start a chat with its first message.
 *
 * It opens on what the store already has (the list from the last opening) and refreshes in the
 * background, so it paints in one frame; ranking runs on every keystroke over every
 * conversation (see fuzzy.ts for why that is cheap).
 */
const PEOPLE_DEBOUNCE_MS = 150;
const PAGE_STEP = 8;

export function Palette() {
  const overlay = useStore((s) => s.overlay);
  const forward = overlay?.kind === 'palette' && overlay.mode === 'forward' && overlay.forwardMessageId ? overlay.forwardMessageId : null;
  const mode = forward ? 'forward' : 'all';

  const conversations = useStore((s) => s.paletteConversations);
  const status = useStore((s) => s.paletteStatus);
  const loadError = useStore((s) => s.paletteError);
  const peopleById = useStore((s) => s.palettePeople);
  const recentIds = useStore((s) => s.recentConversationIds);
  const activeId = useStore((s) => s.activeConversationId);
  const theme = useStore((s) => s.theme);
  const loadConversations = useStore((s) => s.loadPaletteConversations);
  const queryPeople = useStore((s) => s.queryPalettePeople);
  const closeOverlay = useStore((s) => s.closeOverlay);
  const isMac = useIsMac();

  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const uid = useId();

  useEffect(() => {
    void loadConversations();
    if (mode === 'all') void queryPeople('');
  }, [loadConversations, queryPeople, mode]);

  // People beyond the first answer are found by asking the backend for the typed text as well.
  useEffect(() => {
    const text = query.replace(/^[@#>]/, '').trim();
    if (mode !== 'all' || text.length === 0 || query.trimStart().startsWith('#') || query.trimStart().startsWith('>')) return;
    const timer = setTimeout(() => void queryPeople(text), PEOPLE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, mode, queryPeople]);

  const people = useMemo(() => Object.values(peopleById), [peopleById]);
  // Rebuilt when the things they depend on change (theme in a label, which conversation is open).
  const actions = useMemo(() => (mode === 'all' ? buildPaletteActions(() => useStore.getState(), DIALOGS) : []), [mode, theme, activeId]);
  const forwardFrom = forward ? (conversations.find((c) => c.id === activeId) ?? null) : null;

  const sections = useMemo(
    () =>
      buildSections({
        query,
        mode,
        conversations,
        people,
        actions,
        recentIds,
        forwardAccountId: forwardFrom?.accountId ?? null,
        forwardFromId: forward ? activeId : null,
      }),
    [query, mode, conversations, people, actions, recentIds, forwardFrom, forward, activeId],
  );
  const flat = useMemo(() => sections.flatMap((s) => s.entries), [sections]);
  const current = Math.min(index, Math.max(0, flat.length - 1));
  const optionId = (i: number) => `${uid}-opt-${i}`;

  useLayoutEffect(() => {
    const el = list.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [current, sections]);

  const choose = useCallback(
    async (entry: PaletteEntry | undefined) => {
      if (!entry || busy) return;
      const st = useStore.getState();
      setActionError(null);
      if (entry.kind === 'action') {
        st.closeOverlay();
        await entry.action.run();
        return;
      }
      if (entry.kind === 'conversation' && forward) {
        setBusy(true);
        const err = await st.forwardMessage(forward as MessageId, entry.conversation.id);
        setBusy(false);
        if (err) {
          setActionError(`Could not forward: ${err.message}`);
          return;
        }
        st.pushToast({ kind: 'success', message: `Forwarded to ${entry.conversation.title}` });
        st.closeOverlay();
        return;
      }
      // A conversation, or a person's 1:1 the palette already knows: open it and write.
      const known = entry.conversation;
      if (known) {
        st.openConversation(known.id);
        st.closeOverlay();
        st.focusRegion('composer');
        return;
      }
      if (entry.kind !== 'person') return;
      // Their 1:1 found (Genesys opens or creates it by user id), or a new chat to write.
      setBusy(true);
      const landed = await st.openPersonConversation(entry.person);
      setBusy(false);
      if (landed.to === 'error') {
        setActionError(landed.error.message);
        return;
      }
      st.closeOverlay();
      if (landed.to === 'conversation') {
        st.focusRegion('composer');
        return;
      }
      // As the People panel's Start a chat: the dialog takes the first message (its own focus).
      const person = entry.person;
      st.openOverlay({ kind: 'dialog', id: 'newChat', args: { ...(landed.accountId ? { accountId: landed.accountId } : {}), attendees: [{ key: person.id, label: person.name, personId: person.id }] } });
    },
    [busy, forward],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const n = flat.length;
    const move = (to: number) => {
      e.preventDefault();
      if (n > 0) setIndex(((to % n) + n) % n);
    };
    const ctrlOnly = e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
    if (e.key === 'ArrowDown' || (ctrlOnly && e.key === 'n')) move(current + 1);
    else if (e.key === 'ArrowUp' || (ctrlOnly && e.key === 'p')) move(current - 1);
    else if (e.key === 'PageDown') move(Math.min(n - 1, current + PAGE_STEP));
    else if (e.key === 'PageUp') move(Math.max(0, current - PAGE_STEP));
    else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(flat[current]);
    } else if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey) {
      // The key that opened it closes it again.
      e.preventDefault();
      e.stopPropagation();
      closeOverlay();
    }
  };

  const title = forward ? 'Forward to…' : 'Command palette';
  const titleId = `${uid}-title`;
  const loading = status === 'loading' && conversations.length === 0;
  const summary = loading ? 'Loading conversations…' : flat.length === 0 ? 'No matches' : `${flat.length} result${flat.length === 1 ? '' : 's'}`;
  let i = -1;

  return (
    <OverlayFrame labelledBy={titleId} onClose={closeOverlay} initialFocus={input} className="palette" testId="palette">
      <div className="overlay-input-row">
        <h2 id={titleId} className={forward ? 'overlay-title' : 'overlay-title visually-hidden'}>
          {title}
        </h2>
        <input
          ref={input}
          className="overlay-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${uid}-list`}
          aria-autocomplete="list"
          aria-activedescendant={flat.length > 0 ? optionId(current) : undefined}
          aria-label={forward ? 'Conversation to forward to' : 'Jump to a conversation, person or action'}
          aria-busy={busy}
          placeholder={forward ? 'Type a chat name…' : 'Jump to a conversation, person or action…'}
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
            setActionError(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {actionError && (
        <div className="overlay-status" role="alert">
          {actionError}
        </div>
      )}
      {status === 'error' && loadError && conversations.length === 0 && (
        <div className="overlay-status" role="alert">
          Conversations could not be loaded: {loadError.message}
        </div>
      )}
      <div ref={list} id={`${uid}-list`} role="listbox" aria-label={forward ? 'Chats' : 'Results'} className="overlay-list palette-list">
        {sections.map((section) => (
          <div key={section.id} role="group" aria-labelledby={`${uid}-${section.id}`}>
            <div id={`${uid}-${section.id}`} className="overlay-section" role="presentation">
              {section.title}
            </div>
            {section.entries.map((entry) => {
              i += 1;
              const at = i;
              return <Row key={entry.key} entry={entry} id={optionId(at)} index={at} selected={at === current} isMac={isMac} onHover={setIndex} onChoose={(en) => void choose(en)} />;
            })}
          </div>
        ))}
      </div>
      {!loading && flat.length === 0 && <div className="overlay-empty">{forward ? 'No chat this message can be forwarded to matches.' : 'Nothing matches. Try fewer letters, or # for conversations, @ for people, > for actions.'}</div>}
      {loading && <div className="overlay-empty">Loading conversations…</div>}
      <div className="visually-hidden" role="status" aria-live="polite">
        {summary}
      </div>
      <OverlayFooter
        hints={[
          [['↑', '↓'], 'move'],
          [['Enter'], forward ? 'forward' : 'open'],
          [['Esc'], 'close'],
          !forward && [['#'], 'conversations', ['@'], 'people', ['>'], 'actions'],
        ]}
      />
    </OverlayFrame>
  );
}

interface RowProps {
  entry: PaletteEntry;
  id: string;
  index: number;
  selected: boolean;
  isMac: boolean;
  onHover: (index: number) => void;
  onChoose: (entry: PaletteEntry) => void;
}

const Row = memo(function Row({ entry, id, index, selected, isMac, onHover, onChoose }: RowProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      data-index={index}
      data-kind={entry.kind}
      data-conversation-id={entry.kind === 'conversation' ? entry.conversation.id : entry.kind === 'person' ? entry.conversation?.id : undefined}
      data-person-id={entry.kind === 'person' ? entry.person.id : undefined}
      className={`overlay-option palette-option palette-${entry.kind}`}
      // The input keeps focus: a click chooses without blurring it.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => {
        if (!selected) onHover(index);
      }}
      onClick={() => onChoose(entry)}
    >
      {entry.kind === 'conversation' && <ConversationRow conversation={entry.conversation} positions={entry.positions} recent={entry.recent} />}
      {entry.kind === 'person' && <PersonRow person={entry.person} conversation={entry.conversation} positions={entry.positions} />}
      {entry.kind === 'action' && (
        <>
          <span className="palette-glyph palette-glyph-action" aria-hidden="true">
            ›
          </span>
          <span className="palette-main">
            <span className="palette-name">
              <Highlighted text={entry.action.label} positions={entry.positions} />
            </span>
          </span>
          {entry.action.keys?.[0] && <Keys keys={entry.action.keys[0]} isMac={isMac} />}
        </>
      )}
    </div>
  );
});

function ConversationRow({ conversation: c, positions, recent }: { conversation: Conversation; positions: number[]; recent: boolean }) {
  const network = NETWORK_LABELS[c.network];
  const kind = c.kind === 'dm' ? 'direct message' : c.kind;
  const detail = [network, kind, c.archived ? 'archived' : null, c.muted ? 'muted' : null].filter(Boolean).join(' · ');
  return (
    <>
      {/* The network is named in the detail text; the icon is for the eye only. */}
      <span className="palette-net" aria-hidden="true">
        <NetworkIcon network={c.network} size={22} title="" />
      </span>
      <span className="palette-main">
        <span className="palette-name">
          <Highlighted text={c.title} positions={positions} />
        </span>
        <span className="palette-detail">
          {detail}
          {recent ? ' · recent' : ''}
        </span>
      </span>
      {c.unreadCount > 0 && (
        <span className="palette-unread">
          {c.unreadCount > 99 ? '99+' : c.unreadCount}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </>
  );
}

/** The detail says who (headline or a readable handle) and where Enter goes; the same each time. */
function PersonRow({ person, positions }: { person: Person; conversation: Conversation | null; positions: number[] }) {
  const detail = personDetail(person);
  return (
    <>
      <span className="palette-glyph palette-avatar" aria-hidden="true">
        {[...person.name.trim()][0]?.toUpperCase() ?? '?'}
      </span>
      <span className="palette-main">
        <span className="palette-name">
          <Highlighted text={person.name} positions={positions} />
        </span>
        <span className="palette-detail">{detail}</span>
      </span>
    </>
  );
}
