import { useId, useLayoutEffect, useState, type ReactNode } from 'react';
import type { AccountStatus } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { CONNECT_DRAFT as DRAFT, connectDraftHasValues, ConnectPinkfish, dropConnectDraft } from './ConnectPinkfish';
import './onboarding.css';

/**
 * First run: the demo workspace (clearly a demo) or a Pinkfish account. Shown only when the
 * stored prefs say the welcome was never answered, in the main area while no conversation is
 * open: it never blocks the inbox, the palette or the keyboard (not a modal).
 *
 * So a conversation opened from the keyboard (Alt+↓) or Settings can hide it in the middle of
 * Connect Pinkfish: the form keeps what was typed (in memory, see ConnectPinkfish's drafts) and comes
 * back as it was, here or in Settings → Accounts; a toast says so and leads back, and the keyboard goes
 * to the conversation.
 */
function Card({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="welcome-card" aria-labelledby={id} data-testid="welcome">
      <h2 id={id}>{title}</h2>
      {description && <p className="ob-lead">{description}</p>}
      {children}
    </section>
  );
}

export function Welcome() {
  const show = useStore((s) => s.onboarding === 'show');
  // Back where it was hidden with something typed: in the form, as it was left.
  const [step, setStep] = useState<'choose' | 'connect' | 'done'>(() => (connectDraftHasValues(DRAFT) ? 'connect' : 'choose'));
  const [connected, setConnected] = useState<AccountStatus | null>(null);
  // Back from the form: the keyboard returns to the choice that opened it.
  const [backFromConnect, setBackFromConnect] = useState(false);
  // A layout effect's cleanup runs while the card is still in the page, so it can tell whether the
  // keyboard was in it.
  useLayoutEffect(
    () => () => {
      const s = useStore.getState();
      // Answered (finish() placed the keyboard itself), or never shown.
      if (s.onboarding !== 'show') return;
      const at = document.activeElement;
      const hadKeyboard = Boolean(at?.closest('.welcome-card'));
      const kept = connectDraftHasValues(DRAFT);
      queueMicrotask(() => {
        const now = useStore.getState();
        const lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
        if (hadKeyboard && lost && now.activeConversationId) now.focusRegion('composer');
        if (kept)
          now.pushToast({
            kind: 'info',
            message: 'What you typed to connect Pinkfish is kept, here and in Settings → Accounts.',
            action: { label: 'Back to it', run: () => useStore.getState().openConversation(null) },
          });
      });
    },
    [],
  );
  if (!show) return null;

  const finish = async () => {
    // Hidden at once, and the inbox takes the keyboard at once: moving focus after the save would
    // take it back from wherever the user went in the meantime (a conversation, its composer).
    dropConnectDraft(DRAFT);
    const saved = useStore.getState().finishOnboarding();
    useStore.getState().focusRegion('inbox');
    const err = await saved;
    if (err) useStore.getState().pushToast({ kind: 'error', message: `Could not save that the welcome was answered: ${err.message}` });
  };

  if (step === 'connect') {
    return (
      <Card title="Connect Pinkfish" description="Switchboard reaches Genesys Cloud and Unipile through your Pinkfish account.">
        <ConnectPinkfish
          draftKey={DRAFT}
          onCancel={() => {
            setStep('choose');
            setBackFromConnect(true);
          }}
          onConnected={(status) => {
            setConnected(status);
            setStep('done');
            useStore.getState().applyAccountStatus(status);
          }}
        />
      </Card>
    );
  }

  if (step === 'done') {
    const accounts = connected?.accounts ?? [];
    const chosen = [
      connected?.pinkfish?.genesys ? { service: 'Genesys Cloud', name: connected.pinkfish.genesys } : null,
      connected?.pinkfish?.unipile ? { service: 'Unipile', name: connected.pinkfish.unipile } : null,
    ].filter((c): c is { service: string; name: string } => c !== null);
    return (
      <Card title="You're connected">
        <p className="ob-lead" role="status">
          Switchboard is now in live mode{connected?.pinkfish ? ` with your Pinkfish ${connected.pinkfish.kind === 'oauth' ? 'OAuth client' : 'API key'}` : ''}. Your conversations will appear as they sync.
        </p>
        {/* Every connection chosen: a Unipile one's networks are only known once its accounts are read. */}
        {chosen.length > 0 && (
          <ul className="ob-accounts" aria-label="Connections">
            {chosen.map((c) => (
              <li key={c.service}>
                {c.service}: {c.name}
              </li>
            ))}
          </ul>
        )}
        {accounts.length > 0 && (
          <ul className="ob-accounts" aria-label="Accounts found so far">
            {accounts.map((a) => (
              <li key={a.id}>
                {a.name} <span className="ob-muted">({a.network}, {a.status})</span>
              </li>
            ))}
          </ul>
        )}
        <div className="ob-buttons">
          {/* The one thing to do here: the keyboard is on it. */}
          <button type="button" className="btn btn-primary btn-md" autoFocus onClick={() => void finish()}>
            Start
          </button>
        </div>
      </Card>
    );
  }

  return (
    <Card title="Welcome to Switchboard" description="All your Genesys Cloud chats and messaging accounts in one fast, keyboard-first inbox.">
      <div className="ob-choices">
        {/* The keyboard starts on the first choice (the page itself had it, and Tab went through the
            inbox's filter and every chip first). */}
        <button type="button" className="ob-choice" autoFocus={!backFromConnect} onClick={() => void finish()} data-testid="welcome-demo">
          <strong>Explore the demo workspace</strong>
          <span>A sample company with rooms, direct messages and seven networks. Clearly marked as a demo: nothing is sent anywhere, and it starts afresh each time Switchboard starts.</span>
        </button>
        <button type="button" className="ob-choice" autoFocus={backFromConnect} onClick={() => setStep('connect')} data-testid="welcome-connect">
          <strong>Connect Pinkfish</strong>
          <span>Use your own Genesys Cloud and Unipile accounts through Pinkfish (OAuth client or API key).</span>
        </button>
      </div>
      <p className="ob-muted">
        Tip: <kbd>Ctrl</kbd> + <kbd>/</kbd> lists every keyboard shortcut.
      </p>
    </Card>
  );
}
