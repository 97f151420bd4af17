import { useEffect, useState } from 'react';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useBootSnapshot } from '../../bootSnapshot';
import { useStore } from '../../store';
import { InboxPane } from '../inbox/InboxPane';
import { TimelinePane } from '../timeline/TimelinePane';
import { Composer } from '../composer/Composer';
import { StatusBar } from '../status/StatusBar';
import { SidePanel } from '../panels/SidePanel';
import { Palette } from '../palette/Palette';
import { SearchOverlay } from '../search/SearchOverlay';
import { ShortcutSheet } from '../keyboard/ShortcutSheet';
import { SettingsView } from '../settings/SettingsView';
import { MessageActionLayer } from '../timeline/MessageActionLayer';
import { useGlobalKeys } from '../keyboard/useGlobalKeys';
import { Toasts } from '../../components/Toasts';
import { DIALOGS } from './dialogs';
import { reloadAll, useBackendEvents, useHostLink } from './useBackendEvents';
import { useActivity, useConversationLifecycle } from './useConversationLifecycle';
import { useStartingPoint } from './startingPoint';
import './shell.css';

/** Where the keyboard goes when what had it went away: the composer of the open conversation, else the inbox. */
function focusWhereTheUserWorks(): void {
  const s = useStore.getState();
  s.focusRegion(s.activeConversationId ? 'composer' : 'inbox');
}

function KeychainBanner() {
  const info = useStore((s) => s.info);
  // Once read, it can go for this session: it takes two or three lines of a small window, and the
  // Accounts page says the same when credentials are about to be stored.
  const [dismissed, setDismissed] = useState(false);
  if (!info || info.keychain.available || dismissed) return null;
  return (
    <div className="banner banner-warning banner-dismissable" role="status">
      <span data-testid="keychain-banner">{info.keychain.message ?? 'The OS keychain is not available, so credentials cannot be stored.'}</span>
      <IconButton
        label="Dismiss this notice"
        size="sm"
        onClick={() => {
          setDismissed(true);
          // Its button goes with it: the keyboard to where the user works, not the page.
          focusWhereTheUserWorks();
        }}
      >
        <Icon name="close" size={14} />
      </IconButton>
    </div>
  );
}

function ToastHost() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  const setSpace = useStore((s) => s.setToastSpace);
  // F6 sends the keyboard to the toasts while any shows (their Undo, Edit, Retry are one key away).
  const focusSeq = useStore((s) => (s.focusRequest.region === 'notifications' ? s.focusRequest.seq : 0));
  return <Toasts toasts={toasts} onDismiss={dismiss} onSpace={setSpace} focusSeq={focusSeq} onFocusLost={focusWhereTheUserWorks} />;
}

/**
 * The window's layout: inbox | timeline + composer | side panel, the status bar, and one
 * overlay at a time. Regions are landmarks so F6 and screen readers find them.
 */
export function Shell() {
  const view = useStore((s) => s.view);
  const panel = useStore((s) => s.panel);
  const overlay = useStore((s) => s.overlay);
  const closeOverlay = useStore((s) => s.closeOverlay);
  const theme = useStore((s) => s.theme);

  useBackendEvents();
  useHostLink();
  useConversationLifecycle();
  useActivity();
  useGlobalKeys();
  useBootSnapshot();
  useStartingPoint();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    reloadAll();
    void useStore.getState().checkOnboarding();
    void useStore.getState().loadPrefs();
  }, []);

  const Dialog = overlay?.kind === 'dialog' ? DIALOGS[overlay.id] : undefined;
  return (
    <div className="shell">
      <KeychainBanner />
      <div className="workspace">
        <InboxPane />
        {view.kind === 'settings' ? (
          <SettingsView />
        ) : (
          <main className="conversation" aria-label="Conversation" data-boot="empty">
            <TimelinePane />
            <Composer />
          </main>
        )}
        {panel && view.kind === 'inbox' && <SidePanel />}
      </div>
      <StatusBar />
      {overlay?.kind === 'palette' && <Palette />}
      {overlay?.kind === 'search' && <SearchOverlay />}
      {overlay?.kind === 'shortcuts' && <ShortcutSheet />}
      {Dialog && overlay?.kind === 'dialog' && <Dialog args={overlay.args} onClose={closeOverlay} />}
      <MessageActionLayer />
      <ToastHost />
    </div>
  );
}
