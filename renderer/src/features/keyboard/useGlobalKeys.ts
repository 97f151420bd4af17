import { useEffect } from 'react';
import { useStore } from '../../store';
import { runCommand, type GlobalCommand } from './commands';
import { eventKey, isEditable, matchShortcut } from './keymap';

/** Shortcut ids of the global table that map to a command. */
const COMMANDS: Record<string, GlobalCommand> = {
  palette: 'palette',
  search: 'search',
  shortcuts: 'shortcuts',
  settings: 'settings',
  newMessage: 'newMessage',
  previousConversation: 'previousConversation',
  nextConversation: 'nextConversation',
  previousUnread: 'previousUnread',
  nextUnread: 'nextUnread',
  togglePinsPanel: 'togglePinsPanel',
  togglePeoplePanel: 'togglePeoplePanel',
  toggleDetailsPanel: 'toggleDetailsPanel',
  escape: 'escape',
};

/**
 * Global keys (window level, after the focused element had its chance): the palette, search,
 * the shortcut sheet, conversation switching, F6 regions and Esc. Single-character keys ('/')
 * never fire while typing in a field.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = useStore.getState();
      // A modal layer owns the keyboard (except the keys that toggle it off, which it handles).
      if (s.messageUi && e.key !== 'Escape') return;
      if (e.key === 'F6') {
        e.preventDefault();
        runCommand(e.shiftKey ? 'cycleRegionsBack' : 'cycleRegions');
        return;
      }
      const id = matchShortcut(e, 'global');
      if (!id) return;
      const key = eventKey(e);
      const single = !key.includes('+');
      if (single && id !== 'escape' && isEditable(e.target)) return;
      // With an overlay open, only Esc and the overlay toggles act globally; the overlay handles the rest.
      if (s.overlay && !['escape', 'palette', 'search', 'shortcuts'].includes(id)) return;
      if (s.overlay && id !== 'escape' && s.overlay.kind === id) {
        e.preventDefault();
        s.closeOverlay();
        return;
      }
      const command = COMMANDS[id];
      if (!command) return;
      e.preventDefault();
      runCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
