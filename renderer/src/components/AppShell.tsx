import type { AppInfo } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';

export interface AppShellProps {
  info: AppInfo | null;
  error: WireError | null;
}

/** Presentational: the window frame with the mode badge. */
export function AppShell({ info, error }: AppShellProps) {
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1 className="app-title">Switchboard</h1>
        {info && (
          <span className={`mode-badge mode-${info.mode}`} data-testid="mode-badge">
            {info.mode === 'demo' ? 'Demo workspace' : 'Live'}
          </span>
        )}
      </header>
      {info && !info.keychain.available && (
        <div className="banner banner-warning" role="status" data-testid="keychain-banner">
          {info.keychain.message ?? 'The OS keychain is not available, so credentials cannot be stored.'}
        </div>
      )}
      <main className="app-main">
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
        {!info && !error && <p aria-busy="true">Starting…</p>}
        {info && (
          <dl className="app-info" data-testid="app-info">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Mode</dt>
            <dd data-testid="app-mode">{info.mode}</dd>
            <dt>Platform</dt>
            <dd data-testid="app-platform">{info.platform}</dd>
            <dt>Host</dt>
            <dd data-testid="app-host">{info.host}</dd>
          </dl>
        )}
      </main>
    </div>
  );
}
