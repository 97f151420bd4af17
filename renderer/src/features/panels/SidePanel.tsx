import { useEffect, useRef } from 'react';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useStore } from '../../store';
import { servesFocusRequest, type PanelKind } from '../../store/uiSlice';
import { DetailsPanel } from './DetailsPanel';
import { PeoplePanel } from './PeoplePanel';
import { PinsPanel } from './PinsPanel';
import { ThreadPanel } from './ThreadPanel';
import './panels.css';

const TITLES: Record<PanelKind, string> = { thread: 'Thread', pins: 'Pinned messages', people: 'People', details: 'Details' };
/** The switcher at the top: the panels a conversation always has (a thread opens from a message). */
const SWITCHABLE: { kind: Exclude<PanelKind, 'thread'>; label: string; keys: string }[] = [
  { kind: 'pins', label: 'Pins', keys: 'Mod+Shift+P' },
  { kind: 'people', label: 'People', keys: 'Mod+Shift+U' },
  { kind: 'details', label: 'Details', keys: 'Mod+Shift+I' },
];

/**
 * The side panel: one at a time (thread, pins, people, details), beside the conversation it
 * belongs to. It is the `panel` region for F6; Esc closes it and gives the keyboard back to the
 * composer.
 */
export function SidePanel() {
  const panel = useStore((s) => s.panel);
  const conversationId = useStore((s) => s.activeConversationId);
  const closePanel = useStore((s) => s.closePanel);
  const openPanel = useStore((s) => s.openPanel);
  const setRegion = useStore((s) => s.setRegion);
  const focusRequest = useStore((s) => s.focusRequest);
  const ref = useRef<HTMLElement>(null);

  // Asked for the keyboard (opened by a shortcut, F6): the panel's preferred spot (a field marked
  // data-autofocus, else the first row of its list), else its first control. The rows of pins and
  // people come from the backend a moment after the panel opens: until then the keyboard waits on
  // the panel (or its first control) and moves to the first row as soon as it shows, unless the
  // user put the focus somewhere else in the meantime. A panel whose first controls depend on what
  // it is still reading (details) says so with aria-busy: the keyboard waits on the panel until it
  // has read them, then goes to the first control, the same one every time the panel opens.
  useEffect(() => {
    if (!servesFocusRequest(focusRequest, 'panel') || !ref.current) return;
    const el = ref.current;
    const preferred = () => el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('[data-row][tabindex="0"]');
    let placed: Element | null = null;
    let observer: MutationObserver | null = null;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      observer?.disconnect();
      observer = null;
      clearTimeout(deadline);
    };
    const place = () => {
      const at = document.activeElement;
      // The control it waited on went away with a re-render: the keyboard is nowhere, not moved on.
      if (placed && !placed.isConnected && (at === null || at === document.body)) placed = null;
      // The user moved on (clicked, typed, Tabbed): the focus stays where they put it.
      else if (placed ? at !== placed : el.contains(at) && at !== el) return stop();
      const target = preferred();
      if (target) {
        target.focus();
        return stop();
      }
      if (!placed || placed === el) {
        const busy = el.querySelector('.side-panel-body [aria-busy="true"]') !== null;
        const first = busy ? null : el.querySelector<HTMLElement>('.side-panel-body button, .side-panel-body [tabindex="0"], .side-panel-body input');
        if (first) {
          placed = first;
          first.focus();
        } else if (!placed) {
          placed = el;
          el.focus();
        }
      }
    };
    // The panel's content renders in the same commit; its preferred target may come a tick later.
    const t = setTimeout(() => {
      place();
      if (placed && !observer) {
        observer = new MutationObserver(place);
        observer.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex', 'data-autofocus', 'aria-busy'] });
        deadline = setTimeout(stop, 5000);
      }
    }, 0);
    return () => {
      clearTimeout(t);
      stop();
    };
  }, [focusRequest, panel?.kind]);

  if (!panel) return null;
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <aside
      ref={ref}
      className="side-panel"
      data-boot="omit"
      aria-label={TITLES[panel.kind]}
      data-testid={`panel-${panel.kind}`}
      tabIndex={-1}
      onFocus={() => setRegion('panel')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          closePanel();
        }
      }}
    >
      <header className="side-panel-head">
        {/* The switcher names the panel it shows; a thread has no tab, so it says so itself. */}
        <h2 className={panel.kind === 'thread' ? 'side-panel-title' : 'side-panel-title visually-hidden'}>{TITLES[panel.kind]}</h2>
        {panel.kind !== 'thread' && <span className="side-panel-spacer" />}
        <div className="side-panel-switch" role="group" aria-label="Side panels">
          {SWITCHABLE.map((s) => (
            <button
              key={s.kind}
              type="button"
              className="side-panel-tab"
              aria-pressed={panel.kind === s.kind}
              title={`${s.label} (${s.keys.replace('Mod', mac ? '⌘' : 'Ctrl')})`}
              onClick={() => (panel.kind === s.kind ? closePanel() : openPanel({ kind: s.kind }))}
            >
              {s.label}
            </button>
          ))}
        </div>
        <IconButton label="Close panel (Esc)" onClick={closePanel} size="sm">
          <Icon name="close" size={14} />
        </IconButton>
      </header>
      <div className="side-panel-body">
        {!conversationId ? (
          <p className="panel-empty">Open a conversation to see its {TITLES[panel.kind].toLowerCase()}.</p>
        ) : panel.kind === 'thread' ? (
          <ThreadPanel key={panel.rootId} conversationId={conversationId} rootId={panel.rootId} />
        ) : panel.kind === 'pins' ? (
          <PinsPanel key={conversationId} conversationId={conversationId} />
        ) : panel.kind === 'people' ? (
          <PeoplePanel key={conversationId} conversationId={conversationId} personId={panel.personId} />
        ) : (
          <DetailsPanel key={conversationId} conversationId={conversationId} />
        )}
      </div>
    </aside>
  );
}
