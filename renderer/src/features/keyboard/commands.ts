import type { AppCommand } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';

/**
 * What each global command does. The keyboard, the app menu and the tray (`app:command`)
 * all land here, so they cannot disagree.
 */
export type GlobalCommand = AppCommand | 'cycleRegions' | 'cycleRegionsBack' | 'escape';

function step(direction: 1 | -1, unread: boolean): void {
  const s = useStore.getState();
  const next = s.stepConversation(direction, unread);
  if (!next) {
    if (unread) s.pushToast({ kind: 'info', message: 'No other unread conversation.' });
    return;
  }
  const nowhere = !document.activeElement || document.activeElement === document.body;
  // Keep the keyboard where it was: in the inbox, or in the timeline (the new one's messages, once
  // they are there); from anywhere else, or from nowhere (the page itself), in the composer.
  const focus = s.region === 'timeline' && !nowhere ? 'timeline' : s.region !== 'inbox' || nowhere ? 'composer' : undefined;
  s.openConversation(next, focus ? { focus } : undefined);
}

export function runCommand(command: GlobalCommand): void {
  const s = useStore.getState();
  switch (command) {
    case 'palette':
      return s.openOverlay({ kind: 'palette' });
    case 'search':
      return s.openOverlay({ kind: 'search' });
    case 'shortcuts':
      return s.openOverlay({ kind: 'shortcuts' });
    case 'settings':
      return s.setView({ kind: 'settings' });
    case 'newMessage':
      return s.openOverlay({ kind: 'palette' });
    case 'nextConversation':
      return step(1, false);
    case 'previousConversation':
      return step(-1, false);
    case 'nextUnread':
      return step(1, true);
    case 'previousUnread':
      return step(-1, true);
    case 'toggleThreadPanel':
      if (s.panel?.kind === 'thread') return s.closePanel();
      if (s.selectedMessageId) return s.openPanel({ kind: 'thread', rootId: s.selectedMessageId });
      s.pushToast({ kind: 'info', message: 'Select a message first (↑ in the timeline), then open its thread.' });
      return;
    case 'togglePinsPanel':
      return s.togglePanel('pins');
    case 'togglePeoplePanel':
      return s.togglePanel('people');
    case 'toggleDetailsPanel':
      return s.togglePanel('details');
    case 'focusComposer':
      if (s.view.kind !== 'inbox') s.setView({ kind: 'inbox' });
      return s.focusRegion('composer');
    case 'cycleRegions':
      return s.cycleRegion(1);
    case 'cycleRegionsBack':
      return s.cycleRegion(-1);
    case 'escape':
      if (s.messageUi) return s.closeMessageUi();
      if (s.overlay) return s.closeOverlay();
      if (s.panel) return s.closePanel();
      if (s.view.kind === 'settings') {
        s.setView({ kind: 'inbox' });
        return s.focusRegion('composer');
      }
      s.selectMessage(null);
      return s.focusRegion('composer');
  }
}
