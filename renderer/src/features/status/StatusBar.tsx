import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { formatTime, formatWait } from '../../components/format';
import { useStore } from '../../store';
import { failedRemedy, outboxLabel } from '../../store/syncSlice';
import './status.css';

const PHASES = { starting: 'Starting', inbox: 'Syncing inbox', history: 'Syncing history', live: 'Up to date' } as const;

/** The unsent writes, failed first, each with Retry (where it can succeed), Edit (a failed send) and Discard. */
export function OutboxDialog({ onClose }: { onClose: () => void }) {
  const items = useStore((s) => s.outboxItems);
  const titles = useStore(useShallow((s) => Object.fromEntries(items.map((i) => [i.conversationId, s.conversations[i.conversationId]?.title ?? 'A conversation']))));
  const sorted = [...items].sort((a, b) => Number(b.state === 'failed') - Number(a.state === 'failed') || a.createdAt - b.createdAt);
  const list = useRef<HTMLUListElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  // The row that last had the focus: when its button goes (Retry, Discard, sent), focus moves to that
  // row's next button, else the next row's, else Close, rather than falling to <body>. Once only: a
  // later render must not pull the focus back (the row's own focus handler records it again).
  const focused = useRef<{ clientId: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const was = focused.current;
    const active = document.activeElement;
    if (!was || (active && active !== document.body && active.isConnected)) return;
    focused.current = null;
    const rows = [...(list.current?.querySelectorAll<HTMLElement>('[data-testid="outbox-item"]') ?? [])];
    const row = rows.find((r) => r.dataset.clientId === was.clientId) ?? rows[Math.min(was.index, rows.length - 1)];
    (row?.querySelector<HTMLElement>('button') ?? close.current)?.focus();
  });
  return (
    <Dialog
      title="Outbox"
      onClose={onClose}
      width={520}
      description={items.length ? 'What you did that has not reached the network yet.' : undefined}
      footer={
        <Button ref={close} onClick={onClose}>
          Close
        </Button>
      }
    >
      {items.length === 0 ? (
        <p className="outbox-empty">Everything has been sent.</p>
      ) : (
        <ul ref={list} className="outbox-list" aria-label="Unsent items">
          {sorted.map((i, index) => (
            <li key={i.clientId} className={`outbox-item outbox-${i.state}`} data-testid="outbox-item" data-client-id={i.clientId} onFocus={() => (focused.current = { clientId: i.clientId, index })}>
              <div className="outbox-what">
                <strong>{outboxLabel(i)}</strong> in {titles[i.conversationId]}
                {i.text && <span className="outbox-text">“{i.text.length > 80 ? `${i.text.slice(0, 80)}…` : i.text}”</span>}
                <span className="outbox-state">
                  {i.state === 'failed' ? `Failed: ${i.lastError?.message ?? 'unknown error'}` : i.state === 'ambiguous' ? 'Checking whether it went out…' : i.nextAttemptAt ? `Retrying at ${new Date(i.nextAttemptAt).toLocaleTimeString()}` : i.state === 'sending' ? 'Sending…' : 'Waiting to send'}
                </span>
              </div>
              <div className="outbox-buttons">
                {i.state === 'failed' && failedRemedy(i) === 'retry' && (
                  <Button size="sm" onClick={() => void useStore.getState().retryOutbox(i.clientId)}>
                    Retry
                  </Button>
                )}
                {i.state === 'failed' && i.kind === 'send' && i.messageId && (
                  <Button
                    size="sm"
                    onClick={() => {
                      // The dialog goes: the message is changed in its composer.
                      onClose();
                      void useStore.getState().editOutboxSend(i.clientId);
                    }}
                  >
                    Edit
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => void useStore.getState().discardOutbox(i.clientId)}>
                  Discard
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** About: what app:info says (version, mode, platform, host). */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const info = useStore((s) => s.info);
  const error = useStore((s) => s.infoError);
  return (
    <Dialog title="About Switchboard" onClose={onClose} footer={<Button onClick={onClose}>Close</Button>}>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
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
          <dt>Keychain</dt>
          <dd>{info.keychain.available ? 'Available' : (info.keychain.message ?? 'Not available')}</dd>
        </dl>
      )}
    </Dialog>
  );
}

/**
 * Connection, sync progress, outbox and the request budget: always there, never in the way.
 * The outbox count opens the list of unsent items.
 */
export function StatusBar() {
  const status = useStore((s) => s.syncStatus);
  const info = useStore((s) => s.info);
  const failedCount = useStore((s) => s.outboxItems.filter((i) => i.state === 'failed').length);
  const pendingCount = useStore((s) => s.outboxItems.filter((i) => i.state !== 'failed').length);
  const [open, setOpen] = useState<'outbox' | 'about' | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const paused = status?.budget.pausedUntil ?? null;
  const tick = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => {
    if (!paused) return;
    tick.current = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      if (tick.current) clearInterval(tick.current);
    };
  }, [paused]);

  const hostLink = useStore((s) => s.hostLink);
  // The window's own link comes first: with it down, the backend's last word is stale.
  const connection = hostLink !== 'open' ? 'offline' : (status?.connection ?? 'connecting');
  const failed = Math.max(status?.outbox.failed ?? 0, failedCount);
  const pending = Math.max(status?.outbox.pending ?? 0, pendingCount);
  // The backend's figures are as of before the link dropped: not shown as if current beside "Reconnecting…".
  const linked = hostLink === 'open';
  const p = linked ? status?.progress : undefined;
  const budget = linked ? status?.budget : undefined;
  const lowBudget = budget ? budget.remainingHour < budget.perHour * 0.1 : false;
  // "Up to date" only while it is: offline it says when it last was, and while every request fails
  // (the last failure is newer than the last success) it says so instead of showing a check.
  // (The shared formatter: toLocaleTimeString with options builds one per call, about 120 µs a render.)
  const lastSync = status?.lastSyncAt ? formatTime(status.lastSyncAt) : null;
  const failing = !!status?.lastError?.at && status.lastError.at > (status.lastSyncAt ?? 0);
  const liveState = connection === 'offline' ? 'offline' : failing ? 'failing' : 'live';
  const liveLabel = liveState === 'offline' ? (lastSync ? `Last synced ${lastSync}` : 'Not synced yet') : liveState === 'failing' ? 'Sync failing' : PHASES.live;
  const connLabel =
    hostLink === 'refused'
      ? 'Switchboard restarted: open the address it printed'
      : hostLink === 'lost'
        ? 'Reconnecting to Switchboard…'
        : connection === 'online'
          ? 'Online'
          : connection === 'offline'
            ? 'Offline'
            : 'Connecting…';

  return (
    <footer className="statusbar" aria-label="Status" data-boot="empty">
      <span className={`sb-item sb-conn sb-${connection}`} data-testid="status-connection" title={status?.lastError ? `Last error: ${status.lastError.message}` : undefined}>
        <span className="sb-dot" aria-hidden="true" />
        {connLabel}
      </span>
      {p && (
        <span
          className={`sb-item ${p.phase === 'live' && liveState === 'failing' ? 'sb-failing' : ''}`}
          data-testid="status-sync"
          title={[status?.lastSyncAt ? `Last sync ${new Date(status.lastSyncAt).toLocaleTimeString()}` : null, failing ? `Last error: ${status!.lastError!.message}` : null].filter(Boolean).join(' · ') || undefined}
        >
          {p.phase === 'live' ? (
            liveState === 'live' ? <Icon name="check" size={13} /> : liveState === 'failing' ? <Icon name="alert" size={13} /> : null
          ) : (
            <span className="sb-progress" role="progressbar" aria-label={PHASES[p.phase]} aria-valuemin={0} aria-valuemax={p.total || 1} aria-valuenow={Math.min(p.done, p.total || 1)}>
              <span style={{ width: `${p.total ? Math.round((p.done / p.total) * 100) : 0}%` }} />
            </span>
          )}
          {p.phase === 'live' ? liveLabel : PHASES[p.phase]}
          {p.phase !== 'live' && p.total > 0 ? ` ${p.done}/${p.total}` : ''}
        </span>
      )}
      {(linked || failed > 0 || pending > 0) && (
        <button
          type="button"
          className={`sb-item sb-button ${failed ? 'sb-failed' : ''}`}
          data-testid="status-outbox"
          onClick={() => setOpen('outbox')}
          aria-haspopup="dialog"
          title="Show unsent messages and actions"
        >
          <Icon name={failed ? 'alert' : 'send'} size={13} />
          {failed ? `${failed} failed` : pending ? `${pending} sending` : 'Outbox empty'}
          {failed > 0 && pending > 0 ? ` · ${pending} sending` : ''}
        </button>
      )}
      <span className="sb-spacer" />
      {linked && paused && paused > now && (
        <span className="sb-item sb-warn" role="status" title="Pinkfish answered that too many requests were made; Switchboard waits as it asked, then goes on by itself.">
          Pinkfish asked to wait · resumes in {formatWait(paused - now)}
        </span>
      )}
      {budget && (
        <span className={`sb-item ${lowBudget ? 'sb-warn' : ''}`} data-testid="status-budget" title={`${budget.remainingDay.toLocaleString()} of ${budget.perDay.toLocaleString()} requests left today`}>
          {budget.remainingHour.toLocaleString()}/{budget.perHour.toLocaleString()} requests left this hour
        </span>
      )}
      {info && (
        <button type="button" className={`sb-item sb-button sb-mode sb-mode-${info.mode}`} onClick={() => setOpen('about')} aria-haspopup="dialog" data-testid="status-about" title="About Switchboard">
          {info.mode === 'demo' ? 'Demo workspace' : 'Live'} · v{info.version}
        </button>
      )}
      {open === 'outbox' && <OutboxDialog onClose={() => setOpen(null)} />}
      {open === 'about' && <AboutDialog onClose={() => setOpen(null)} />}
    </footer>
  );
}
