import { useEffect } from 'react';
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
import { Welcome } from '../onboarding/Welcome';
import { DIALOGS } from './dialogs';

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

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const Dialog = overlay?.kind === 'dialog' ? DIALOGS[overlay.id] : undefined;
  return (
    <div className="shell">
      <div className="workspace">
        <InboxPane />
        {view.kind === 'settings' ? (
          <SettingsView />
        ) : (
          <main className="conversation" aria-label="Conversation">
            <TimelinePane />
            <Composer />
          </main>
        )}
        {panel && view.kind === 'inbox' && <SidePanel />}
      </div>
      <StatusBar />
      <Welcome />
      {overlay?.kind === 'palette' && <Palette />}
      {overlay?.kind === 'search' && <SearchOverlay />}
      {overlay?.kind === 'shortcuts' && <ShortcutSheet />}
      {Dialog && overlay?.kind === 'dialog' && <Dialog args={overlay.args} onClose={closeOverlay} />}
    </div>
  );
}
