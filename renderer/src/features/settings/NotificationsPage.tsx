import { useEffect, useState } from 'react';
import type { AppPrefs } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { ErrorNote, Section, Switch } from './controls';
import { Button } from '../../components/Button';

/** What Genesys chat settings do to desktop notifications, in one sentence. */
export function genesysNotificationRule(my: { muted: boolean; mentionsOnly: boolean; notifyOnReactions: boolean } | undefined): string {
  if (!my) return 'Your Genesys chat settings are not loaded yet; they apply as soon as they are.';
  if (my.muted) return 'Genesys chat is muted: Genesys messages never notify you.';
  const base = my.mentionsOnly ? 'Only messages that mention you notify you in Genesys chat' : 'Every new Genesys message notifies you';
  return `${base}${my.notifyOnReactions ? ', and so do reactions to your messages.' : '.'}`;
}

export function NotificationsPage({ prefs }: { prefs: AppPrefs }) {
  const setPrefs = useStore((s) => s.setPrefs);
  const mySettings = useStore((s) => s.mySettings);
  const loadMySettings = useStore((s) => s.loadMySettings);
  const setView = useStore((s) => s.setView);
  const [error, setError] = useState<{ message: string } | null>(null);

  useEffect(() => {
    if (!mySettings) void loadMySettings();
  }, [mySettings, loadMySettings]);

  const save = async (patch: Partial<AppPrefs>) => setError(await setPrefs(patch));

  return (
    <>
      <Section title="Desktop notifications" description="New messages in conversations you have not muted, while Switchboard is not in front.">
        <Switch label="Show desktop notifications" checked={prefs.notifications} onChange={(v) => void save({ notifications: v })} testId="notifications-switch" />
        <Switch
          label="Show the message text"
          description="Off: a notification says only who wrote, so nothing private shows on a shared screen."
          checked={prefs.notificationPreview}
          disabled={!prefs.notifications}
          onChange={(v) => void save({ notificationPreview: v })}
        />
      </Section>
      <Section title="What notifies you" description="Muted conversations never notify. Genesys chat follows your Genesys settings as well:">
        <p className="sb-callout" data-testid="notify-rule">
          {genesysNotificationRule(mySettings?.value)}
        </p>
        <div className="sb-inline-actions">
          <Button onClick={() => setView({ kind: 'settings', page: 'genesys' })}>
            Change Genesys chat settings
          </Button>
        </div>
      </Section>
      <ErrorNote error={error} />
    </>
  );
}
