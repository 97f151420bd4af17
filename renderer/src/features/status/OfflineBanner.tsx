import { useStore } from '../../store';
import { Icon } from '../../components/Icon';
import './status.css';

/** Shown at the top of the timeline while the backend cannot reach the network. */
export function OfflineBanner() {
  const offline = useStore((s) => s.syncStatus?.connection === 'offline');
  if (!offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <Icon name="cloudOff" size={15} />
      You're offline. Messages you send will go out when the connection is back.
    </div>
  );
}
