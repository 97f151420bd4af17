import { useStore } from '../../store';
import { CONNECT_DRAFT, connectDraftHasValues, ConnectPinkfish } from '../onboarding/ConnectPinkfish';

/**
 * Whether the form was left open with something in it (another page shown, Settings closed, or the
 * welcome's form hidden by a conversation: they share what was typed): the Accounts page shows it again.
 */
export const connectFormLeftOpen = (): boolean => connectDraftHasValues(CONNECT_DRAFT);

/** Add or re-authenticate the Pinkfish account: the onboarding form, inside settings. */
export function ConnectSection({ onDone }: { onDone: () => void }) {
  const applyAccountStatus = useStore((s) => s.applyAccountStatus);
  const pushToast = useStore((s) => s.pushToast);
  return (
    <div className="settings-connect" data-testid="account-connect-form">
      <ConnectPinkfish
        draftKey={CONNECT_DRAFT}
        onConnected={(status) => {
          applyAccountStatus(status);
          pushToast({ kind: 'success', message: status.mode === 'live' ? 'Connected: Switchboard now uses your Pinkfish account.' : 'Account saved.' });
          onDone();
        }}
        onCancel={onDone}
        cancelLabel="Cancel"
      />
    </div>
  );
}
