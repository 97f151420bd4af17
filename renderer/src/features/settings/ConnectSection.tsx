import { useStore } from '../../store';
import { ConnectPinkfish } from '../onboarding/ConnectPinkfish';

/** Add or re-authenticate the Pinkfish account: the onboarding form, inside settings. */
export function ConnectSection({ onDone }: { onDone: () => void }) {
  const applyAccountStatus = useStore((s) => s.applyAccountStatus);
  const pushToast = useStore((s) => s.pushToast);
  return (
    <div className="settings-connect" data-testid="account-connect-form">
      <ConnectPinkfish
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
