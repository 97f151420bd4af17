import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { ConfirmButton, ErrorNote, formatBytes, formatDateTime, Section } from './controls';

const PHASE: Record<SyncStatus['progress']['phase'], string> = { starting: 'Starting', inbox: 'Loading the inbox', history: 'Fetching history', live: 'Up to date, following new messages' };
const CONNECTION: Record<SyncStatus['connection'], string> = { connecting: 'Connecting', online: 'Online', offline: 'Offline' };

function Meter(props: { label: string; remaining: number; total: number; testId?: string }) {
  const used = Math.max(0, props.total - props.remaining);
  const ratio = props.total > 0 ? props.remaining / props.total : 0;
  const tone = ratio < 0.1 ? 'danger' : ratio < 0.3 ? 'warning' : 'ok';
  return (
    <div className="sb-meter" data-testid={props.testId}>
      <div className="sb-meter-head">
        <span className="sb-row-label">{props.label}</span>
        <span className="sb-meter-figure">
          {props.remaining.toLocaleString()} of {props.total.toLocaleString()} left
        </span>
      </div>
      <div className="sb-meter-track" role="meter" aria-label={props.label} aria-valuemin={0} aria-valuemax={props.total} aria-valuenow={props.remaining} aria-valuetext={`${props.remaining} of ${props.total} calls left, ${used} used`}>
        <div className={`sb-meter-fill sb-meter-${tone}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
    </div>
  );
}

export function SyncPage() {
  const sync = useStore((s) => s.syncStatus);
  const refreshSync = useStore((s) => s.refreshSyncStatus);
  const cache = useStore((s) => s.cacheStats);
  const loadCache = useStore((s) => s.loadCacheStats);
  const clearCache = useStore((s) => s.clearCache);
  const pushToast = useStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);

  useEffect(() => {
    void refreshSync();
    void loadCache();
  }, [refreshSync, loadCache]);

  const clear = async () => {
    setBusy(true);
    const err = await clearCache();
    setBusy(false);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: 'Cache cleared. Your accounts are untouched; messages sync again.' });
  };

  const stats = cache?.value;
  return (
    <>
      <Section title="Sync" description="Switchboard spends its request budget where you look: the open conversation first, then the inbox." testId="sync-status">
        {!sync ? (
          <p className="sb-hint" aria-busy="true">
            Loading…
          </p>
        ) : (
          <>
            <dl className="sb-facts">
              <dt>Connection</dt>
              <dd>
                <span className={`sb-dot sb-dot-${sync.connection}`} aria-hidden="true" /> {CONNECTION[sync.connection]}
              </dd>
              <dt>Progress</dt>
              <dd data-testid="sync-phase">
                {PHASE[sync.progress.phase]}
                {sync.progress.total > 0 && sync.progress.phase !== 'live' ? ` (${sync.progress.done} of ${sync.progress.total})` : ''}
              </dd>
              <dt>Last sync</dt>
              <dd>{formatDateTime(sync.lastSyncAt)}</dd>
              <dt>Unsent</dt>
              <dd>
                {sync.outbox.pending} waiting, {sync.outbox.failed} failed
              </dd>
              {sync.lastError && (
                <>
                  <dt>Last problem</dt>
                  <dd className="sb-error-text">{sync.lastError.message}</dd>
                </>
              )}
            </dl>
            <div className="sb-meters">
              <Meter label="Requests this hour" remaining={Math.floor(sync.budget.remainingHour)} total={sync.budget.perHour} testId="budget-hour" />
              <Meter label="Requests today" remaining={Math.floor(sync.budget.remainingDay)} total={sync.budget.perDay} testId="budget-day" />
            </div>
            {sync.budget.pausedUntil && sync.budget.pausedUntil > Date.now() && (
              <p className="sb-callout sb-callout-warning">The platform asked Switchboard to wait: sync resumes at {formatDateTime(sync.budget.pausedUntil)}.</p>
            )}
          </>
        )}
      </Section>
      <Section
        title="Cache"
        description="Messages and attachments kept on this computer (encrypted) so Switchboard opens at once and works offline."
        testId="cache"
        actions={
          <ConfirmButton
            label="Clear cache"
            confirmLabel="Clear"
            question="Delete all cached messages and attachments? Credentials stay; everything syncs again."
            busy={busy}
            disabled={!stats}
            onConfirm={() => clear()}
            testId="cache-clear"
          />
        }
      >
        {cache?.status === 'error' && <ErrorNote error={cache.error} />}
        {stats ? (
          <dl className="sb-stats" data-testid="cache-stats">
            <div>
              <dt>Size on disk</dt>
              <dd data-testid="cache-size">{formatBytes(stats.bytes)}</dd>
            </div>
            <div>
              <dt>Messages</dt>
              <dd data-testid="cache-messages">{stats.messages.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Conversations</dt>
              <dd>{stats.conversations.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Attachments</dt>
              <dd>{formatBytes(stats.attachmentBytes)}</dd>
            </div>
          </dl>
        ) : (
          cache?.status !== 'error' && (
            <p className="sb-hint" aria-busy="true">
              Loading…
            </p>
          )
        )}
        <ErrorNote error={error} testId="cache-error" />
      </Section>
    </>
  );
}
