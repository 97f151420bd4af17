import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import { createAppSlice, type AppSlice } from './appSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

/**
 * One store made of typed slices. Each feature owns its slice file; a slice may read
 * others through `get()` but changes them only through their named actions.
 */
export type StoreState = AppSlice & UiSlice;

export const useStore = create<StoreState>()(
  devtools((...a) => ({ ...createAppSlice(...a), ...createUiSlice(...a) }), { name: 'switchboard', enabled: import.meta.env.DEV }),
);
