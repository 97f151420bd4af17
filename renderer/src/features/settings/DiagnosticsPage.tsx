import { useState } from 'react';
import { useStore } from '../../store';
import { ErrorNote, formatDateTime, Section } from './controls';
import { Button } from '../../components/Button';

export function DiagnosticsPage() {
  const diagnostics = useStore((s) => s.diagnostics);
  const run = useStore((s) => s.runDiagnostics);
  const pushToast = useStore((s) => s.pushToast);
  const [copyError, setCopyError] = useState<{ message: string } | null>(null);
  const report = diagnostics?.value;
  const running = diagnostics?.status === 'loading';

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setCopyError(null);
      pushToast({ kind: 'success', message: 'Diagnostics report copied. It holds no token, secret or connection id.' });
    } catch (err) {
      setCopyError({ message: `Could not copy the report: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  return (
    <>
      <Section
        title="Checks"
        description="Checks the Pinkfish token, lists the connections, compares each server's live tool list with the catalog Switchboard was built against, and shows what the probes saw. The report holds no secret."
        testId="diagnostics"
        actions={
          <>
            {/* Pressed, it stays focusable while the checks run (aria-disabled): disabled would drop the
                keyboard to the page, and it would stay there once they are done. */}
            <Button variant="primary" onClick={() => void run()} disabled={running} focusableWhenDisabled aria-busy={running || undefined} data-testid="diagnostics-run">
              {running ? 'Running…' : report ? 'Run again' : 'Run diagnostics'}
            </Button>
            <Button onClick={() => void copy()} disabled={!report || running} data-testid="diagnostics-copy">
              Copy report
            </Button>
          </>
        }
      >
        {running && !report && (
          <p className="sb-hint" aria-busy="true">
            Running the checks…
          </p>
        )}
        {diagnostics?.status === 'error' && <ErrorNote error={diagnostics.error} testId="diagnostics-error" />}
        <ErrorNote error={copyError} />
        {!diagnostics && <p className="sb-hint">Nothing run yet. It takes a few seconds and a handful of requests.</p>}
        {report && (
          <div className="sb-diag" aria-busy={running} data-testid="diagnostics-report">
            <p className="sb-hint">
              Run {formatDateTime(report.at)} in the {report.mode === 'demo' ? 'demo workspace' : 'live workspace'}.
            </p>
            <h4 className="sb-subhead">Token</h4>
            <p data-testid="diag-token" className={report.token.ok ? 'sb-ok-text' : 'sb-error-text'}>
              {report.token.ok
                ? `Valid${report.token.expiresInS != null ? `, expires in ${Math.max(0, Math.round(report.token.expiresInS / 60))} min` : ''}.`
                : `Not valid: ${report.token.error ?? 'unknown reason'}`}
            </p>
            <h4 className="sb-subhead">Connections</h4>
            <table className="sb-table" data-testid="diag-connections">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Service</th>
                  <th scope="col">Status</th>
                  <th scope="col">Used</th>
                </tr>
              </thead>
              <tbody>
                {report.connections.map((c, i) => (
                  <tr key={i}>
                    <td>{c.name}</td>
                    <td>{c.service}</td>
                    <td>
                      <span className={`sb-badge sb-badge-${c.status === 'connected' ? 'connected' : c.status === 'error' ? 'error' : 'disconnected'}`}>{c.status}</span>
                    </td>
                    <td>{c.inUse ? 'Yes' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4 className="sb-subhead">Tool catalogs</h4>
            <table className="sb-table" data-testid="diag-servers">
              <thead>
                <tr>
                  <th scope="col">Server</th>
                  <th scope="col">Live tools</th>
                  <th scope="col">Catalog</th>
                  <th scope="col">Drift</th>
                </tr>
              </thead>
              <tbody>
                {report.servers.map((s) => {
                  const drift = [...s.missing.map((t) => `missing ${t}`), ...s.added.map((t) => `new ${t}`), ...s.changed.map((t) => `changed ${t}`)];
                  return (
                    <tr key={s.server}>
                      <td className="sb-mono">{s.server}</td>
                      <td>{s.ok ? s.liveTools : '—'}</td>
                      <td>{s.catalogTools}</td>
                      <td>
                        {!s.ok ? (
                          <span className="sb-error-text">{s.error ?? 'Not reachable'}</span>
                        ) : drift.length === 0 ? (
                          <span className="sb-ok-text">Matches the catalog</span>
                        ) : (
                          <ul className="sb-drift">
                            {drift.map((d) => (
                              <li key={d} className="sb-mono">
                                {d}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {report.probe.length > 0 && (
              <>
                <h4 className="sb-subhead">Probes</h4>
                <dl className="sb-probe" data-testid="diag-probe">
                  {report.probe.map((p, i) => (
                    <div key={i}>
                      <dt>{p.question}</dt>
                      <dd>{p.answer}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </div>
        )}
      </Section>
    </>
  );
}
