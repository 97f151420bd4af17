import { useEffect, useLayoutEffect } from 'react';
import { dismissBootSnapshot } from './bootSnapshot';
import { useStore } from './store';
import { Shell } from './features/shell/Shell';
import { takeStartupPrefetch } from './startup';

/**
 * The app: the shell once `app:info` says which workspace this is. A backend that refuses
 * `app:info` is shown as such (the message, never a stack trace) instead of an empty window.
 */
export function App() {
  const info = useStore((s) => s.info);
  const error = useStore((s) => s.infoError);
  const loadInfo = useStore((s) => s.loadInfo);
  useEffect(() => {
    if (!takeStartupPrefetch('info')) void loadInfo();
  }, [loadInfo]);
  const failed = Boolean(error && !info);
  // The failure must be seen, not the last inbox over it.
  useLayoutEffect(() => {
    if (failed) dismissBootSnapshot();
  }, [failed]);
  if (failed && error) {
    return (
      <div className="app-failed">
        <h1 className="app-title">Switchboard</h1>
        <p role="alert" className="error">
          {error.message}
        </p>
        <button type="button" className="btn btn-secondary btn-md" onClick={() => void loadInfo()}>
          Try again
        </button>
      </div>
    );
  }
  return <Shell />;
}
