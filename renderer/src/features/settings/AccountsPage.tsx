import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Account } from '../../../../shared/domain/model';
import { useStore } from '../../store';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { NetworkIcon } from '../../components/NetworkIcon';
import { ConfirmButton, ErrorNote, Section } from './controls';
import { connectFormLeftOpen, ConnectSection } from './ConnectSection';
import { Button } from '../../components/Button';

const STATUS_LABEL: Record<Account['status'], string> = { connected: 'Connected', error: 'Needs attention', disconnected: 'Disconnected' };

/** Removing the account drops what it has not sent yet: the question says so, with how much. */
export function unsentNote(unsent: { messages: number; other: number }): string {
  const parts = [
    unsent.messages ? `${unsent.messages} unsent message${unsent.messages === 1 ? '' : 's'}` : '',
    unsent.other ? `${unsent.other} other unsent change${unsent.other === 1 ? '' : 's'} (edits, reactions, pins)` : '',
  ].filter(Boolean);
  return parts.length ? ` ${parts.join(' and ')} will be lost too.` : '';
}

export function AccountsPage() {
  const account = useStore((s) => s.accountStatus);
  const load = useStore((s) => s.loadAccountStatus);
  const disconnect = useStore((s) => s.disconnectAccount);
  const pushToast = useStore((s) => s.pushToast);
  // Open again if it was left open with something typed in it (another page shown, Settings closed).
  const [connecting, setConnecting] = useState(connectFormLeftOpen);
  // Where the keyboard goes when the form closes (connected, cancelled) or the account is removed:
  // what it was on goes with it.
  const connectButton = useRef<HTMLButtonElement>(null);
  const formDone = () => {
    setConnecting(false);
    connectButton.current?.focus();
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const unsent = useStore(
    useShallow((s) => ({
      messages: s.outboxItems.filter((i) => i.kind === 'send').length,
      other: s.outboxItems.filter((i) => i.kind !== 'send' && i.kind !== 'read').length,
    })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const status = account?.value;
  const remove = async () => {
    setBusy(true);
    const err = await disconnect();
    setBusy(false);
    setError(err);
    if (!err) {
      pushToast({ kind: 'success', message: 'The Pinkfish account was removed: its credentials left the keychain and its cached data was deleted.' });
      connectButton.current?.focus();
    }
  };

  return (
    <>
      <Section
        title="Pinkfish account"
        description="Switchboard reaches Genesys Cloud and Unipile through your Pinkfish account. Its credentials live in the operating system's keychain, never in Switchboard's files."
        testId="pinkfish-account"
      >
        {account?.status === 'loading' && !status && <p className="sb-hint" aria-busy="true">Loading…</p>}
        {account?.status === 'error' && <ErrorNote error={account.error} testId="account-load-error" />}
        {status && (
          <div className="sb-account-card" data-testid="account-card">
            <div className="sb-account-main">
              <span className={`sb-badge ${status.mode === 'demo' ? 'sb-badge-warning' : 'sb-badge-accent'}`} data-testid="account-mode">
                {status.mode === 'demo' ? 'Demo workspace' : 'Live'}
              </span>
              {status.pinkfish ? (
                <dl className="sb-facts">
                  <dt>Sign-in</dt>
                  <dd>{status.pinkfish.kind === 'oauth' ? 'OAuth client credentials' : 'API key (legacy)'}</dd>
                  <dt>Genesys connection</dt>
                  <dd>{status.pinkfish.genesys ?? 'None chosen'}</dd>
                  <dt>Unipile connection</dt>
                  <dd>{status.pinkfish.unipile ?? 'None chosen'}</dd>
                </dl>
              ) : (
                <p className="sb-hint">No Pinkfish account is stored: you are looking at demo data from the built-in emulator.</p>
              )}
            </div>
            <div className="sb-account-actions">
              {/* Folding the form away keeps what was typed in it (Cancel in the form drops it). */}
              <Button ref={connectButton} variant="primary" onClick={() => setConnecting((v) => !v)} aria-expanded={connecting} data-testid="account-connect">
                {status.pinkfish ? 'Re-authenticate' : 'Add Pinkfish account'}
              </Button>
              {status.pinkfish && (
                <ConfirmButton
                  label="Remove account"
                  confirmLabel="Remove"
                  question={`Remove the account? Its credentials are deleted from the keychain and its cached messages from this computer.${unsentNote(unsent)}`}
                  busy={busy}
                  onConfirm={() => remove()}
                  testId="account-remove"
                />
              )}
            </div>
          </div>
        )}
        <ErrorNote error={error} testId="account-error" />
        {connecting && <ConnectSection onDone={formDone} />}
      </Section>
      {status && (
        <Section title="Linked networks" description="The Genesys connection and each network account linked in Unipile. Link or unlink networks in Unipile itself." testId="linked-accounts">
          {status.accounts.length === 0 ? (
            <p className="sb-hint">None yet: they appear once the first sync has listed them.</p>
          ) : (
            <ul className="sb-list" aria-label="Linked network accounts">
              {status.accounts.map((a) => (
                <li key={a.id} className="sb-list-row">
                  <NetworkIcon network={a.network} size={24} />
                  <span className="sb-list-main">
                    <span className="sb-list-title">{a.name}</span>
                    {a.name !== NETWORK_NAMES[a.network] && <span className="sb-list-meta">{NETWORK_NAMES[a.network]}</span>}
                  </span>
                  <span className={`sb-badge sb-badge-${a.status}`}>{STATUS_LABEL[a.status]}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
    </>
  );
}
