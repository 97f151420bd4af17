import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import { createAppSlice, type AppSlice } from './appSlice';

/** One store made of typed slices; later issues add inbox, timeline, composer… */
export type StoreState = AppSlice;

export const useStore = create<StoreState>()(
  devtools((...a) => ({ ...createAppSlice(...a) }), { name: 'switchboard', enabled: import.meta.env.DEV }),
);
