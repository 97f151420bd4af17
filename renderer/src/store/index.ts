import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import { createAppSlice, type AppSlice } from './appSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createPanelsSlice, type PanelsSlice } from './panelsSlice';
import { createPeopleSlice, type PeopleSlice } from './peopleSlice';
import { createRoomsSlice, type RoomsSlice } from './roomsSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createInboxSlice, type InboxSlice } from './inboxSlice';
import { createTimelineSlice, type TimelineSlice } from './timelineSlice';
import { createComposerSlice, type ComposerSlice } from './composerSlice';
import { createSyncSlice, type SyncSlice } from './syncSlice';
import { createSearchSlice, type SearchSlice } from './searchSlice';
import { createPaletteSlice, type PaletteSlice } from './paletteSlice';

/**
 * One store made of typed slices. Each feature owns its slice file; a slice may read
 * others through `get()` but changes them only through their named actions.
 */
export type StoreState = AppSlice & UiSlice & PanelsSlice & PeopleSlice & RoomsSlice & SettingsSlice & InboxSlice & TimelineSlice & ComposerSlice & SyncSlice & SearchSlice & PaletteSlice;

export const useStore = create<StoreState>()(
  devtools((...a) => ({ ...createAppSlice(...a), ...createUiSlice(...a), ...createPanelsSlice(...a), ...createPeopleSlice(...a), ...createRoomsSlice(...a), ...createSettingsSlice(...a), ...createInboxSlice(...a), ...createTimelineSlice(...a), ...createComposerSlice(...a), ...createSyncSlice(...a), ...createSearchSlice(...a), ...createPaletteSlice(...a) }), { name: 'switchboard', enabled: import.meta.env.DEV }),
);
