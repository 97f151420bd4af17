import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { AccountsPage } from './AccountsPage';
import { ErrorNote } from './controls';
import { DiagnosticsPage } from './DiagnosticsPage';
import { GeneralPage } from './GeneralPage';
import { GenesysPage } from './GenesysPage';
import { KeyboardPage } from './KeyboardPage';
import { NotificationsPage } from './NotificationsPage';
import { settingsPage, SETTINGS_PAGES, type SettingsPageId } from './pages';
import { SyncPage } from './SyncPage';
import './settings.css';
import { Button } from '../../components/Button';

/**
 * Settings, in place of the conversation: a vertical tab list of pages (arrows move between them,
 * as in any tab list) and the page. Esc goes back to the conversation.
 */
export function SettingsView() {
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);
  const focusRegion = useStore((s) => s.focusRegion);
  const prefs = useStore((s) => s.prefs);
  const prefsError = useStore((s) => s.prefsError);
  const loadPrefs = useStore((s) => s.loadPrefs);
  const page = settingsPage(view.kind === 'settings' ? view.page : undefined);
  const tabsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadPrefs();
  }, [loadPrefs]);

  // Opening settings puts the keyboard on the page list.
  useEffect(() => {
    tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, []);

  const go = (id: SettingsPageId, focus = false) => {
    setView({ kind: 'settings', page: id });
    if (focus) queueMicrotask(() => tabsRef.current?.querySelector<HTMLElement>(`#settings-tab-${id}`)?.focus());
  };
  const close = () => {
    setView({ kind: 'inbox' });
    focusRegion('composer');
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = SETTINGS_PAGES.findIndex((p) => p.id === page);
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? SETTINGS_PAGES.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    go(SETTINGS_PAGES[(to + SETTINGS_PAGES.length) % SETTINGS_PAGES.length]!.id, true);
  };

  const current = SETTINGS_PAGES.find((p) => p.id === page)!;
  return (
    <section
      className="settings"
      aria-label="Settings"
      data-testid="settings"
      onKeyDown={(e) => {
        // An open inline question or suggestion list takes Esc first (they stop it).
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <nav className="settings-nav" aria-label="Settings pages">
        <h2 className="settings-title">Settings</h2>
        <div role="tablist" aria-orientation="vertical" aria-label="Settings pages" ref={tabsRef} onKeyDown={onTabKey}>
          {SETTINGS_PAGES.map((p) => (
            <button
              key={p.id}
              id={`settings-tab-${p.id}`}
              type="button"
              role="tab"
              aria-selected={p.id === page}
              aria-controls="settings-page"
              tabIndex={p.id === page ? 0 : -1}
              className="settings-tab"
              onClick={() => go(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
        <Button className="settings-close" onClick={close} aria-keyshortcuts="Escape">
          Back to messages <kbd className="sb-kbd">Esc</kbd>
        </Button>
      </nav>
      <div id="settings-page" role="tabpanel" aria-labelledby={`settings-tab-${page}`} className="settings-page" data-testid={`settings-page-${page}`}>
        <header className="settings-page-head">
          <h2 className="settings-page-title">{current.label}</h2>
          <p className="sb-hint">{current.description}</p>
        </header>
        {page === 'general' || page === 'notifications' ? (
          prefs ? (
            page === 'general' ? (
              <GeneralPage prefs={prefs} />
            ) : (
              <NotificationsPage prefs={prefs} />
            )
          ) : prefsError ? (
            <ErrorNote error={prefsError} testId="prefs-error" />
          ) : (
            <p className="sb-hint" aria-busy="true">
              Loading…
            </p>
          )
        ) : page === 'genesys' ? (
          <GenesysPage />
        ) : page === 'accounts' ? (
          <AccountsPage />
        ) : page === 'sync' ? (
          <SyncPage />
        ) : page === 'keyboard' ? (
          <KeyboardPage />
        ) : (
          <DiagnosticsPage />
        )}
      </div>
    </section>
  );
}
