import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { getApi } from '../platform';

export interface AppSlice {
  info: AppInfo | null;
  infoError: WireError | null;
  loadInfo: () => Promise<void>;
}

export const createAppSlice: StateCreator<AppSlice, [['zustand/devtools', never]], [], AppSlice> = (set) => ({
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
});
