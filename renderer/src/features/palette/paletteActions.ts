import type { ComponentType } from 'react';
import type { StoreState } from '../../store';
import { SHORTCUTS } from '../keyboard/shortcuts';
import type { DialogProps } from '../shell/dialogs';
import type { PaletteAction } from './paletteModel';

/**
 * The palette's Actions: the global shortcuts that make sense as commands (read from the shortcut
 * table, so label and keys are the ones the sheet shows) plus commands without a key. Each runs
 * after the palette has closed, so one that opens another overlay (search, the shortcut sheet,
 * a dialog) is not closed again by it.
 */
const keysOf = (id: string) => SHORTCUTS.find((s) => s.id === id)?.keys;
const labelOf = (id: string, fallback: string) => SHORTCUTS.find((s) => s.id === id)?.label ?? fallback;

type Store = Pick<
  StoreState,
  | 'activeConversationId'
  | 'theme'
  | 'openOverlay'
  | 'openConversation'
  | 'setView'
  | 'togglePanel'
  | 'focusRegion'
  | 'stepConversation'
  | 'setPrefs'
  | 'setTheme'
  | 'paletteConversations'
  | 'markConversationRead'
  | 'pushToast'
  | 'searchFilters'
  | 'setSearchFilters'
>;

const NEXT_THEME = { system: 'light', light: 'dark', dark: 'system' } as const;

export function buildPaletteActions(store: () => Store, dialogs: Record<string, ComponentType<DialogProps>>): PaletteAction[] {
  const s = store();
  const hasConversation = s.activeConversationId !== null;
  const step = (direction: 1 | -1, unread: boolean) => () => {
    const id = store().stepConversation(direction, unread);
    if (id) store().openConversation(id);
  };
  const actions: PaletteAction[] = [
    { id: 'search', label: labelOf('search', 'Search messages'), keys: keysOf('search'), aliases: ['find'], run: () => store().openOverlay({ kind: 'search' }) },
    { id: 'shortcuts', label: labelOf('shortcuts', 'Keyboard shortcuts'), keys: keysOf('shortcuts'), aliases: ['help', 'keys'], run: () => store().openOverlay({ kind: 'shortcuts' }) },
    { id: 'settings', label: 'Open settings', keys: keysOf('settings'), aliases: ['preferences', 'options'], run: () => store().setView({ kind: 'settings' }) },
    {
      id: 'toggleTheme',
      label: `Switch theme (now ${s.theme}, next ${NEXT_THEME[s.theme]})`,
      aliases: ['dark mode', 'light mode', 'appearance'],
      run: () => {
        const next = NEXT_THEME[store().theme];
        // setPrefs applies and stores it (and rolls back if the backend refuses).
        void store().setPrefs({ theme: next });
      },
    },
    { id: 'nextConversation', label: labelOf('nextConversation', 'Next conversation'), keys: keysOf('nextConversation'), run: step(1, false) },
    { id: 'previousConversation', label: labelOf('previousConversation', 'Previous conversation'), keys: keysOf('previousConversation'), run: step(-1, false) },
    { id: 'nextUnread', label: labelOf('nextUnread', 'Next unread conversation'), keys: keysOf('nextUnread'), run: step(1, true) },
    { id: 'previousUnread', label: labelOf('previousUnread', 'Previous unread conversation'), keys: keysOf('previousUnread'), run: step(-1, true) },
    {
      id: 'markAllRead',
      label: 'Mark all conversations read',
      aliases: ['read all', 'clear unread'],
      run: async () => {
        const unread = store().paletteConversations.filter((c) => c.unreadCount > 0 && !c.archived);
        const results = await Promise.all(unread.map((c) => store().markConversationRead(c.id, true)));
        const failed = results.filter((r) => r !== null).length;
        if (failed > 0) store().pushToast({ kind: 'error', message: `${failed} of ${unread.length} conversations could not be marked read.` });
        else if (unread.length === 0) store().pushToast({ kind: 'success', message: 'Nothing was unread.' });
        else {
          // One key read a whole inbox: the way back is on the toast (each one marked unread again).
          const undo = () => void Promise.all(unread.map((c) => store().markConversationRead(c.id, false)));
          store().pushToast({ kind: 'success', message: `Marked ${unread.length} conversation${unread.length === 1 ? '' : 's'} read.`, action: { label: 'Undo', run: undo } });
        }
      },
    },
  ];
  if (dialogs.newRoom) actions.push({ id: 'newRoom', label: 'New room…', aliases: ['create room', 'genesys'], run: () => store().openOverlay({ kind: 'dialog', id: 'newRoom' }) });
  if (dialogs.newChat) actions.push({ id: 'newChat', label: 'New chat…', aliases: ['start chat', 'message someone'], run: () => store().openOverlay({ kind: 'dialog', id: 'newChat' }) });
  if (dialogs.joinRoom) actions.push({ id: 'joinRoom', label: 'Join a room by address…', aliases: ['jid'], run: () => store().openOverlay({ kind: 'dialog', id: 'joinRoom' }) });
  if (dialogs.openDm) actions.push({ id: 'openDm', label: 'Open a 1:1 by person or user id…', aliases: ['direct message', 'dm', 'user id'], run: () => store().openOverlay({ kind: 'dialog', id: 'openDm' }) });
  if (dialogs.addParticipant && hasConversation) actions.push({ id: 'addParticipant', label: 'Add a person to this conversation…', aliases: ['invite', 'add member'], run: () => store().openOverlay({ kind: 'dialog', id: 'addParticipant' }) });
  if (hasConversation) {
    actions.push(
      { id: 'focusComposer', label: 'Write a message in this conversation', aliases: ['composer', 'reply'], run: () => store().focusRegion('composer') },
      { id: 'togglePinsPanel', label: labelOf('togglePinsPanel', 'Pinned messages'), keys: keysOf('togglePinsPanel'), aliases: ['pins'], run: () => store().togglePanel('pins') },
      { id: 'togglePeoplePanel', label: labelOf('togglePeoplePanel', 'People'), keys: keysOf('togglePeoplePanel'), aliases: ['members', 'participants'], run: () => store().togglePanel('people') },
      { id: 'toggleDetailsPanel', label: labelOf('toggleDetailsPanel', 'Details'), keys: keysOf('toggleDetailsPanel'), aliases: ['info', 'subject'], run: () => store().togglePanel('details') },
      {
        id: 'searchHere',
        label: 'Search in this conversation',
        aliases: ['find here'],
        run: () => {
          const st = store();
          if (st.activeConversationId) st.setSearchFilters({ ...st.searchFilters, conversationId: st.activeConversationId });
          st.openOverlay({ kind: 'search' });
        },
      },
    );
  }
  return actions;
}
