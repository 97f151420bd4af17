import type { StateCreator } from 'zustand';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { AppPrefs } from '../../../shared/ipc/contract';
import type { StoreState } from './index';
import { perfMark } from '../perfMark';
import { afterVisit } from './paletteSlice';

/**
 * Where the user is: which conversation is open, which side panel and overlay show,
 * which region has the keyboard. Every feature reads and changes these through the
 * named actions below, so menus, shortcuts, the palette and deep links all reach the
 * same place by the same path.
 */

/** F6 cycles these, in this order (a closed side panel is skipped, and the toasts while none shows). */
export type Region = 'inbox' | 'timeline' | 'composer' | 'panel' | 'notifications';

export interface FocusRequest {
  region: Region;
  seq: number;
  ifLost?: boolean;
  /** Back to this message when the region shows it (the thread panel: after a popup on one of its messages). */
  message?: MessageId;
}

/** Whether a region's owner should act on a focus request now (see `focusRequest`). */
export function servesFocusRequest(req: FocusRequest, region: Region): boolean {
  if (req.region !== region || req.seq === 0) return false;
  if (!req.ifLost) return true;
  const at = document.activeElement;
  return at === null || at === document.body || !at.isConnected;
}
export const REGIONS: readonly Region[] = ['inbox', 'timeline', 'composer', 'panel', 'notifications'];

/** One side panel at a time. */
export type Panel =
  | { kind: 'thread'; rootId: MessageId }
  | { kind: 'pins' }
  | { kind: 'people'; personId?: PersonId }
  | { kind: 'details' };
export type PanelKind = Panel['kind'];

/** Modal layers over the window; Esc closes the top one. */
export type Overlay =
  | { kind: 'palette'; mode?: 'all' | 'forward'; forwardMessageId?: MessageId }
  | { kind: 'search'; text?: string }
  | { kind: 'shortcuts' }
  | { kind: 'dialog'; id: string; args?: Record<string, unknown> };

export type View = { kind: 'inbox' } | { kind: 'settings'; page?: string };

export type ThemeChoice = AppPrefs['theme'];

export interface UiSlice {
  activeConversationId: ConversationId | null;
  /** A message to bring into view and select once the timeline shows it (search hit, pin, deep link). */
  jumpTarget: { conversationId: ConversationId; messageId: MessageId; seq: number } | null;
  view: View;
  panel: Panel | null;
  overlay: Overlay | null;
  region: Region;
  /**
   * Bumped to ask the region's owner to move focus into it (after an action, on F6, on Esc).
   * `ifLost`: only where focus has nowhere to be (closing an overlay hands it back to whatever opened
   * it, the filter box say; the region's owner steps in only when that opener is gone).
   */
  focusRequest: FocusRequest;
  theme: ThemeChoice;

  /** `focus`: move the keyboard to that region as well, in the same store write (`focusRegion`). */
  openConversation: (id: ConversationId | null, opts?: { messageId?: MessageId; focus?: Region }) => void;
  /**
   * A message in context (a search hit, a pin, a person's message): its conversation opens on it, or,
   * for a thread reply, on the thread's root with the thread open and the reply selected in it.
   */
  openMessage: (m: { conversationId: ConversationId; id: MessageId; threadRootId?: MessageId | undefined }) => void;
  setView: (view: View) => void;
  openPanel: (panel: Panel) => void;
  togglePanel: (kind: Exclude<PanelKind, 'thread'>) => void;
  closePanel: () => void;
  openOverlay: (overlay: Overlay) => void;
  closeOverlay: () => void;
  /** Record where focus is (called by regions on focus-in). */
  setRegion: (region: Region) => void;
  /** Move the keyboard to a region (`message`: to that message of the region, see `FocusRequest`). */
  focusRegion: (region: Region, opts?: { message?: MessageId }) => void;
  /** F6 / Shift+F6. */
  cycleRegion: (direction: 1 | -1) => void;
  setTheme: (theme: ThemeChoice) => void;
}

/** Slices see the whole store through `get()` (the pattern every slice follows). */
export type SliceCreator<T> = StateCreator<StoreState, [['zustand/devtools', never]], [], T>;
type Creator = SliceCreator<UiSlice>;

let seq = 0;

const focusPatch = (region: Region, message?: MessageId): Pick<UiSlice, 'region' | 'focusRequest'> => ({ region, focusRequest: message ? { region, seq: ++seq, message } : { region, seq: ++seq } });

export const createUiSlice: Creator = (set, get) => ({
  activeConversationId: null,
  jumpTarget: null,
  view: { kind: 'inbox' },
  panel: null,
  overlay: null,
  region: 'inbox',
  focusRequest: { region: 'inbox', seq: 0 },
  theme: 'system',

  openConversation: (id, opts) => {
    const jumpTarget = id && opts?.messageId ? { conversationId: id, messageId: opts.messageId, seq: ++seq } : null;
    // A thread or person panel belongs to the conversation it was opened from.
    const panel = get().panel;
    const keepPanel = id === get().activeConversationId || panel?.kind === 'details' || panel?.kind === 'pins';
    // For the performance panel and the ui bench's switch trace.
    if (id) perfMark('open');
    // Toasts about the conversation being left go with it.
    const toasts = get().toasts;
    const kept = id === get().activeConversationId || !toasts.some((t) => t.conversationId) ? toasts : toasts.filter((t) => !t.conversationId || t.conversationId === id);
    const recent = afterVisit(get().recentConversationIds, id);
    // One write for all of it (recent list and focus included): each write runs every subscriber's selector.
    set(
      { activeConversationId: id, jumpTarget, view: { kind: 'inbox' }, panel: keepPanel ? panel : null, toasts: kept, ...(recent ? { recentConversationIds: recent } : {}), ...(opts?.focus ? focusPatch(opts.focus) : {}) },
      false,
      'ui/openConversation',
    );
  },
  openMessage: (m) => {
    const root = m.threadRootId && m.threadRootId !== m.id ? m.threadRootId : null;
    get().openConversation(m.conversationId, { messageId: root ?? m.id });
    if (!root) {
      get().focusRegion('timeline');
      return;
    }
    // The thread's panel takes the keyboard, on the reply (served once the thread shows it).
    set({ panel: { kind: 'thread', rootId: root }, region: 'panel', focusRequest: { region: 'panel', seq: ++seq, message: m.id } }, false, 'ui/openMessage');
  },
  setView: (view) => set({ view }, false, 'ui/setView'),
  openPanel: (panel) => set({ panel, region: 'panel', focusRequest: { region: 'panel', seq: ++seq } }, false, 'ui/openPanel'),
  togglePanel: (kind) => {
    if (get().panel?.kind === kind) get().closePanel();
    else get().openPanel({ kind } as Panel);
  },
  closePanel: () => set({ panel: null, region: 'composer', focusRequest: { region: 'composer', seq: ++seq } }, false, 'ui/closePanel'),
  openOverlay: (overlay) => set({ overlay }, false, 'ui/openOverlay'),
  closeOverlay: () => set({ overlay: null, focusRequest: { region: get().region, seq: ++seq, ifLost: true } }, false, 'ui/closeOverlay'),
  setRegion: (region) => {
    if (get().region !== region) set({ region }, false, 'ui/setRegion');
  },
  focusRegion: (region, opts) => set(focusPatch(region, opts?.message), false, 'ui/focusRegion'),
  cycleRegion: (direction) => {
    const open = REGIONS.filter((r) => (r !== 'panel' || get().panel !== null) && (r !== 'notifications' || get().toasts.length > 0));
    const at = Math.max(0, open.indexOf(get().region));
    const next = open[(at + direction + open.length) % open.length]!;
    get().focusRegion(next);
  },
  setTheme: (theme) => set({ theme }, false, 'ui/setTheme'),
});
