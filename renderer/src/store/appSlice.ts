import type { StateCreator } from 'zustand';
import type { ConversationId } from '../../../shared/domain/ids';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { getApi } from '../platform';
import { safeInvoke } from './safeInvoke';
import type { StoreState } from './index';

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  message: string;
  action?: { label: string; run: () => void };
  /** The conversation the toast is about: it goes when the user switches to another one. */
  conversationId?: ConversationId;
}

export interface AppSlice {
  info: AppInfo | null;
  infoError: WireError | null;
  loadInfo: () => Promise<void>;

  /** First-run welcome: shown only when prefs say not onboarded (unknown or unavailable: not shown). */
  onboarding: 'unknown' | 'show' | 'hidden';
  checkOnboarding: () => Promise<void>;
  /** Welcome answered (demo chosen, or Pinkfish connected). */
  finishOnboarding: () => Promise<WireError | null>;

  /** Window visible and focused enough to count as "looking" (marks read, faster sync). */
  windowVisible: boolean;
  setWindowVisible: (visible: boolean) => void;

  /**
   * The window's link to the host (web host: its socket): 'open', 'lost' (reconnecting), or 'refused'
   * (the host answers but not this page: it restarted with a new address).
   */
  hostLink: 'open' | 'lost' | 'refused';
  setHostLink: (link: 'open' | 'lost' | 'refused') => void;

  toasts: Toast[];
  pushToast: (toast: Omit<Toast, 'id'>) => number;
  dismissToast: (id: number) => void;
  /** How much of the window's bottom left corner the toasts cover (px; 0 without toasts): the inbox keeps rows out from under them. */
  toastSpace: number;
  setToastSpace: (px: number) => void;
}

let toastSeq = 0;
const MAX_TOASTS = 4;

export const createAppSlice: StateCreator<StoreState, [['zustand/devtools', never]], [], AppSlice> = (set, get) => ({
  info: null,
  infoError: null,
  loadInfo: async () => {
    try {
      const res = await getApi().invoke('app:info');
      if (res.ok) set({ info: res.value, infoError: null }, false, 'app/infoLoaded');
      else set({ infoError: res.error }, false, 'app/infoFailed');
    } catch (err) {
      set({ infoError: { code: 'network', message: err instanceof Error ? err.message : String(err) } }, false, 'app/infoFailed');
    }
  },

  onboarding: 'unknown',
  checkOnboarding: async () => {
    const res = await safeInvoke('prefs:get');
    set({ onboarding: res.ok && !res.value.onboarded ? 'show' : 'hidden' }, false, 'app/onboarding');
  },
  finishOnboarding: async () => {
    set({ onboarding: 'hidden' }, false, 'app/onboarded');
    const res = await safeInvoke('prefs:set', { onboarded: true });
    return res.ok ? null : res.error;
  },

  windowVisible: typeof document === 'undefined' ? true : document.visibilityState !== 'hidden',
  setWindowVisible: (visible) => {
    if (get().windowVisible !== visible) set({ windowVisible: visible }, false, 'app/visibility');
  },

  hostLink: 'open',
  setHostLink: (link) => {
    if (get().hostLink !== link) set({ hostLink: link }, false, 'app/hostLink');
  },

  toasts: [],
  pushToast: (toast) => {
    const id = ++toastSeq;
    // The same message twice in a row is one toast, not a stack.
    const rest = get().toasts.filter((t) => t.message !== toast.message);
    set({ toasts: [...rest, { ...toast, id }].slice(-MAX_TOASTS) }, false, 'app/toast');
    return id;
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }, false, 'app/dismissToast'),
  toastSpace: 0,
  setToastSpace: (px) => {
    if (get().toastSpace !== px) set({ toastSpace: px }, false, 'app/toastSpace');
  },
});
