import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PersonId } from '../../../../shared/domain/ids';
import type { MyChatSettings, UserChatSettings } from '../../../../shared/domain/model';
import { useStore } from '../../store';
import { retentionError, RETENTION_MAX, RETENTION_MIN } from '../../store/settingsSlice';
import { genesysPersonKey, PersonPicker, type Picked } from '../rooms/PersonPicker';
import { ErrorNote, Field, Section, Segmented, Switch } from './controls';
import { Button } from '../../components/Button';

const MOBILE = [
  { value: 'Always', label: 'Always' },
  { value: 'OnlyWhenInactive', label: 'Only when inactive' },
] as const;

export function GenesysPage() {
  return (
    <>
      <OrgSettings />
      <MySettings />
      <OtherUserSettings />
    </>
  );
}

function OrgSettings() {
  const org = useStore((s) => s.orgSettings);
  const load = useStore((s) => s.loadOrgSettings);
  const saveOrg = useStore((s) => s.saveOrgSettings);
  const pushToast = useStore((s) => s.pushToast);
  const [days, setDays] = useState('');
  const [reactions, setReactions] = useState<boolean | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const daysRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  const stored = org?.value;
  // The form starts from what is stored, and again after each save.
  useEffect(() => {
    if (!stored) return;
    setDays(stored.messageRetentionPeriodDays === undefined ? '' : String(stored.messageRetentionPeriodDays));
    setReactions(stored.reactionsEnabled ?? null);
  }, [stored]);

  const problem = days.trim() === '' && stored?.messageRetentionPeriodDays === undefined ? null : retentionError(days);
  const daysChanged = days.trim() !== '' && Number(days) !== stored?.messageRetentionPeriodDays;
  const reactionsChanged = reactions !== null && reactions !== stored?.reactionsEnabled;
  const canSave = Boolean(stored) && !problem && (daysChanged || reactionsChanged) && !busy;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSave) return;
    setBusy(true);
    const err = await saveOrg({ ...(daysChanged ? { messageRetentionPeriodDays: Number(days) } : {}), ...(reactionsChanged && reactions !== null ? { reactionsEnabled: reactions } : {}) });
    setBusy(false);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: 'Organisation chat settings saved.' });
  };

  return (
    <Section title="Organisation" description="Chat settings for everyone in the Genesys Cloud organisation. Changing them needs the chat settings permission." testId="org-settings">
      {org?.status === 'loading' && !stored && <p className="sb-hint" aria-busy="true">Loading…</p>}
      {org?.status === 'error' && <ErrorNote error={org.error} testId="org-load-error" />}
      {stored && (
        <form onSubmit={submit} aria-label="Organisation chat settings" noValidate>
          <Field label="Keep messages for (days)" hint={`Between ${RETENTION_MIN} and ${RETENTION_MAX} days. Older messages are deleted by Genesys Cloud.`} error={problem}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={daysRef}
                id={id}
                className="sb-input sb-input-number"
                inputMode="numeric"
                value={days}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="retention-input"
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
          <Switch label="Reactions" description="Let people react to messages with emoji." checked={reactions ?? false} onChange={setReactions} testId="reactions-switch" />
          <div className="sb-form-actions">
            {/* Saving, then nothing left to save: dim but focusable (aria-disabled), so the keyboard stays on it. */}
            <Button variant="primary" type="submit" disabled={!canSave} focusableWhenDisabled aria-busy={busy || undefined} data-testid="org-save">
              {busy ? 'Saving…' : 'Save'}
            </Button>
            {(daysChanged || reactionsChanged) && (
              <Button
                onClick={() => {
                  setDays(stored.messageRetentionPeriodDays === undefined ? '' : String(stored.messageRetentionPeriodDays));
                  setReactions(stored.reactionsEnabled ?? null);
                  // The button goes once nothing is changed: the keyboard goes back to the form.
                  daysRef.current?.focus();
                }}
              >
                Undo changes
              </Button>
            )}
          </div>
          <ErrorNote error={error} testId="org-error" />
        </form>
      )}
    </Section>
  );
}

function MySettings() {
  const mine = useStore((s) => s.mySettings);
  const load = useStore((s) => s.loadMySettings);
  const save = useStore((s) => s.saveMySettings);
  const reset = useStore((s) => s.resetMySettings);
  const pushToast = useStore((s) => s.pushToast);
  const [draft, setDraft] = useState<MyChatSettings | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);
  const stored = mine?.value;
  useEffect(() => {
    if (stored) setDraft(stored);
  }, [stored]);

  const changed =
    Boolean(draft && stored) &&
    (draft!.muted !== stored!.muted || draft!.mentionsOnly !== stored!.mentionsOnly || draft!.notifyOnReactions !== stored!.notifyOnReactions || draft!.mobileNotifications !== stored!.mobileNotifications);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || busy || (!changed && stored?.exists)) return;
    setBusy(true);
    const created = !stored?.exists;
    const err = await save({ muted: draft.muted, mentionsOnly: draft.mentionsOnly, notifyOnReactions: draft.notifyOnReactions, ...(draft.mobileNotifications ? { mobileNotifications: draft.mobileNotifications } : {}) });
    setBusy(false);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: created ? 'Your chat settings were created.' : 'Your chat settings were saved.' });
  };
  const doReset = async () => {
    setBusy(true);
    const err = await reset();
    setBusy(false);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: 'Your chat settings are back to the defaults.' });
  };

  const patch = (p: Partial<MyChatSettings>) => setDraft((d) => (d ? { ...d, ...p } : d));
  return (
    <Section
      title="My chat settings"
      description={stored && !stored.exists ? 'Nothing is stored for you yet: these are the defaults. Saving creates your settings.' : 'Stored in Genesys Cloud, so they follow you to every Genesys client.'}
      testId="my-settings"
    >
      {mine?.status === 'loading' && !stored && <p className="sb-hint" aria-busy="true">Loading…</p>}
      {mine?.status === 'error' && <ErrorNote error={mine.error} />}
      {draft && (
        <form onSubmit={submit} aria-label="My chat settings">
          <Switch label="Mute all Genesys chat" description="No notifications from Genesys rooms or 1:1s." checked={draft.muted} onChange={(muted) => patch({ muted })} testId="my-muted" />
          <Switch label="Mentions only" description="Notify only when someone mentions you." checked={draft.mentionsOnly} disabled={draft.muted} onChange={(mentionsOnly) => patch({ mentionsOnly })} testId="my-mentions" />
          <Switch label="Notify on reactions" description="When someone reacts to your messages." checked={draft.notifyOnReactions} disabled={draft.muted} onChange={(notifyOnReactions) => patch({ notifyOnReactions })} testId="my-reactions" />
          <div className="sb-row">
            <div className="sb-row-text">
              <span className="sb-row-label">Mobile notifications</span>
              <p className="sb-hint">
                On the Genesys Cloud mobile app.
                {draft.mobileNotifications ? null : (
                  <>
                    {' '}
                    <strong data-testid="my-mobile-unset">Not set:</strong> the app’s own default applies until you choose.
                  </>
                )}
              </p>
            </div>
            <Segmented label="Mobile notifications" value={draft.mobileNotifications ?? null} choices={MOBILE} onChange={(mobileNotifications) => patch({ mobileNotifications })} testId="my-mobile" />
          </div>
          <div className="sb-form-actions">
            {/* Dim while saving and once saved, but focusable (aria-disabled): the keyboard stays where it was. */}
            <Button variant="primary" type="submit" disabled={busy || (!changed && stored?.exists)} focusableWhenDisabled aria-busy={busy || undefined} data-testid="my-save">
              {stored?.exists ? 'Save' : 'Create my settings'}
            </Button>
            <Button disabled={busy || !stored?.exists} focusableWhenDisabled onClick={() => void doReset()} data-testid="my-reset">
              Reset to defaults
            </Button>
          </div>
          <ErrorNote error={error} testId="my-error" />
        </form>
      )}
    </Section>
  );
}

function OtherUserSettings() {
  const settings = useStore((s) => s.userSettings);
  const load = useStore((s) => s.loadUserSettings);
  const save = useStore((s) => s.saveUserSettings);
  const pushToast = useStore((s) => s.pushToast);
  const [person, setPerson] = useState<Picked[]>([]);
  const [when, setWhen] = useState<UserChatSettings['mobileNotifications'] | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const personId = person[0]?.key as PersonId | undefined;

  useEffect(() => {
    setError(null);
    if (personId) void load(personId);
  }, [personId, load]);
  const current = personId && settings?.key === personId ? settings : null;
  useEffect(() => {
    setWhen(current?.value?.mobileNotifications ?? null);
  }, [current?.value?.mobileNotifications]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!personId || !when) return;
    const err = await save(personId, when);
    setError(err);
    if (!err) pushToast({ kind: 'success', message: `Mobile notifications saved for ${person[0]!.label}.` });
  };

  return (
    <Section title="Someone else's mobile notifications" description="For administrators: when a person's Genesys mobile app notifies them." testId="user-settings">
      <form onSubmit={submit} aria-label="Someone else's mobile notifications">
        <PersonPicker label="Person" value={person} onChange={setPerson} toKey={genesysPersonKey} placeholder="Type a name" testId="user-settings-person" />
        {current?.status === 'loading' && <p className="sb-hint" aria-busy="true">Loading…</p>}
        {current?.status === 'error' && <ErrorNote error={current.error} />}
        {current?.value && (
          <>
            <div className="sb-row">
              <div className="sb-row-text">
                <span className="sb-row-label">Mobile notifications</span>
              </div>
              <Segmented label={`Mobile notifications for ${person[0]?.label ?? ''}`} value={when} choices={MOBILE} onChange={setWhen} testId="user-mobile" />
            </div>
            <div className="sb-form-actions">
              <Button variant="primary" type="submit" disabled={!when || when === current.value.mobileNotifications} focusableWhenDisabled>
                Save
              </Button>
            </div>
          </>
        )}
        <ErrorNote error={error} />
      </form>
    </Section>
  );
}
