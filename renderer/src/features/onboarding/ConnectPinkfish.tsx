import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AccountStatus, ConnectionInfo, CredentialsInput } from '../../../../shared/ipc/contract';
import type { WireError } from '../../../../shared/ipc/result';
import { Button } from '../../components/Button';
import { safeInvoke } from '../../store/safeInvoke';
import './onboarding.css';

/**
 * Connect a Pinkfish account: credentials (OAuth client or legacy API key) checked by the backend,
 * then the PinkConnect connections to use for Genesys and Unipile (or a pasted PCID).
 *
 * Secrets live only in this component's state while typed (and, with a `draftKey`, in this module's
 * memory while the form is hidden but not given up: see `drafts`); they go to the backend (and from
 * there to the keychain) and are wiped as soon as the backend has checked them. Never in storage,
 * the store or a log. Reused by Settings → Accounts.
 *
 * Esc gives up the form (`onCancel`), after asking when something was entered: nothing typed is
 * dropped by a stray key.
 */
export interface ConnectPinkfishProps {
  onConnected: (status: AccountStatus) => void;
  /** Giving up: Back/Cancel, or Esc (asked first when something was entered). */
  onCancel?: () => void;
  cancelLabel?: string;
  /** Where the form keeps what was entered when it is hidden without being given up (the welcome when a
   * conversation opens, Settings when another page shows), so it comes back as it was left. */
  draftKey?: string;
}

type Kind = CredentialsInput['kind'];
type Fields = { clientId: string; clientSecret: string; orgId: string; apiKey: string };
const EMPTY: Fields = { clientId: '', clientSecret: '', orgId: '', apiKey: '' };
type FieldErrors = Partial<Record<keyof Fields, string>>;
type Choice = { kind: 'ref'; ref: string } | { kind: 'pcid'; pcid: string } | { kind: 'none' };
type ChoiceField = 'genesys' | 'unipile';

/**
 * A hidden form's values, by `draftKey`. Memory only (the secrets typed included), and only while the
 * form is not given up: dropped on Back/Cancel/Discard, once connected, and after DRAFT_MS untouched
 * (the backend forgets checked credentials after as long).
 */
interface Draft {
  kind: Kind;
  fields: Fields;
  connections: ConnectionInfo[] | null;
  genesys: Choice;
  unipile: Choice;
  timer: ReturnType<typeof setTimeout>;
}
const drafts = new Map<string, Draft>();
const DRAFT_MS = 30 * 60_000;

function keepDraft(key: string, d: Omit<Draft, 'timer'>): void {
  const old = drafts.get(key);
  if (old) clearTimeout(old.timer);
  drafts.set(key, { ...d, timer: setTimeout(() => drafts.delete(key), DRAFT_MS) });
}

/**
 * The one Connect Pinkfish in progress: the welcome's form and Settings → Accounts' share it (they never
 * show at once), so what was typed in one is found in the other.
 */
export const CONNECT_DRAFT = 'connect-pinkfish';

/** Forgets a hidden form's values (the welcome, once answered). */
export function dropConnectDraft(key: string): void {
  const old = drafts.get(key);
  if (old) clearTimeout(old.timer);
  drafts.delete(key);
}

/** Whether a form's values are held (it was shown and not given up since). */
export function hasConnectDraft(key: string): boolean {
  return drafts.has(key);
}

/** Whether that form holds something the user entered (values typed, or credentials already checked). */
export function connectDraftHasValues(key: string): boolean {
  const d = drafts.get(key);
  return Boolean(d && (d.connections || Object.values(d.fields).some((v) => v !== '')));
}

/** What to tell the user for each way the check can fail. */
export function connectErrorMessage(e: WireError): string {
  switch (e.code) {
    case 'auth':
      // The backend says which value was refused when the answer tells (the organisation id, the API key,
      // the client id and secret): that is the message to show.
      return e.field ? e.message : 'Pinkfish did not accept these credentials. Check each value and the organisation id, then try again.';
    case 'forbidden':
      return 'These credentials are valid but may not use the MCP Farm. Ask your Pinkfish administrator for access.';
    case 'network':
      // Already says which host could not be reached and what to check.
      return e.message;
    case 'offline':
      return 'Could not reach Pinkfish. Check your connection and try again.';
    case 'timeout':
      return 'Pinkfish did not answer in time. Try again in a moment.';
    case 'rate_limited':
      return `Pinkfish asks to slow down${e.retryAfter ? `: try again in ${Math.ceil(e.retryAfter)} s` : ''}.`;
    case 'keychain_unavailable':
      return `The OS keychain is not available, so the credentials cannot be stored safely. ${e.message}`;
    case 'unavailable':
      return `Connecting is not available right now. ${e.message}`;
    default:
      return e.message;
  }
}

function Field({ id, label, value, onChange, error, type = 'text', autoComplete, hint, autoFocus }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined; type?: string; autoComplete?: string; hint?: string; autoFocus?: boolean }) {
  return (
    <div className="ob-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="ob-field-error">
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className="ob-field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/** Whether a PinkConnect status says the connection can be used ("connected", "active", "ok"; not "disconnected"). */
export function connectionWorks(status: string): boolean {
  return /^\s*(ok|active|connected|healthy|ready)\s*$/i.test(status);
}

function ServiceChoice({ id, service, label, connections, choice, onChange, error }: { id: string; service: string; label: string; connections: ConnectionInfo[]; choice: Choice; onChange: (c: Choice) => void; error?: string | undefined }) {
  const name = useId();
  return (
    <fieldset id={id} className="ob-service" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {connections.length === 0 && <p className="ob-muted">No {label} connection was found in this Pinkfish account.</p>}
      {connections.map((c) => (
        <label key={c.ref} className="ob-radio">
          <input type="radio" name={name} checked={choice.kind === 'ref' && choice.ref === c.ref} onChange={() => onChange({ kind: 'ref', ref: c.ref })} />
          <span className="ob-radio-name">{c.name}</span>
          <span className={`ob-status ob-status-${connectionWorks(c.status) ? 'ok' : 'other'}`}>{c.status}</span>
        </label>
      ))}
      <label className="ob-radio">
        <input type="radio" name={name} checked={choice.kind === 'pcid'} onChange={() => onChange({ kind: 'pcid', pcid: choice.kind === 'pcid' ? choice.pcid : '' })} />
        <span className="ob-radio-name">Paste a PCID</span>
      </label>
      {choice.kind === 'pcid' && (
        <input
          id={`${id}-pcid`}
          className="ob-pcid"
          aria-label={`${label} PCID`}
          value={choice.pcid}
          placeholder="PinkConnect id"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange({ kind: 'pcid', pcid: e.target.value })}
        />
      )}
      <label className="ob-radio">
        <input type="radio" name={name} checked={choice.kind === 'none'} onChange={() => onChange({ kind: 'none' })} />
        <span className="ob-radio-name">Don't use {service}</span>
      </label>
      {error && (
        <span id={`${id}-error`} className="ob-field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

export function ConnectPinkfish({ onConnected, onCancel, cancelLabel = 'Back', draftKey }: ConnectPinkfishProps) {
  const [draft] = useState(() => (draftKey ? drafts.get(draftKey) : undefined));
  const [kind, setKind] = useState<Kind>(draft?.kind ?? 'oauth');
  const [fields, setFields] = useState<Fields>(draft?.fields ?? EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [connections, setConnections] = useState<ConnectionInfo[] | null>(draft?.connections ?? null);
  const [genesys, setGenesys] = useState<Choice>(draft?.genesys ?? { kind: 'none' });
  const [unipile, setUnipile] = useState<Choice>(draft?.unipile ?? { kind: 'none' });
  // Given up or connected: nothing is kept any more (a last render must not keep the draft again).
  const closed = useRef(false);
  useEffect(() => {
    if (draftKey && !closed.current) keepDraft(draftKey, { kind, fields, connections, genesys, unipile });
  }, [draftKey, kind, fields, connections, genesys, unipile]);
  const close = () => {
    closed.current = true;
    if (draftKey) dropConnectDraft(draftKey);
  };
  // "Discard what you entered?", asked by Esc; the keyboard goes back where it was if the answer is no.
  const [asking, setAsking] = useState(false);
  const keepButton = useRef<HTMLButtonElement>(null);
  const askedFrom = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (asking) keepButton.current?.focus();
  }, [asking]);
  const [choiceErrors, setChoiceErrors] = useState<Partial<Record<ChoiceField, string>>>({});
  // The choice to correct, bumped on every refusal so the keyboard goes there even when it repeats.
  const [fixChoice, setFixChoice] = useState<{ field: ChoiceField; n: number } | null>(null);
  const base = useId();
  const errorBox = useRef<HTMLParagraphElement>(null);
  // The first field takes the keyboard when the form first shows, not again when the tab changes (the
  // arrow keys stay on the tabs then).
  const firstShow = useRef(true);
  useEffect(() => {
    firstShow.current = false;
  }, []);
  // Bumped on every failure, so the message takes the focus again even when its text repeats.
  const [failures, setFailures] = useState(0);
  // After the commit that shows it (a requestAnimationFrame could run before React renders it).
  useEffect(() => {
    if (failures > 0) errorBox.current?.focus();
  }, [failures]);
  // The pasted id when there is one (what to correct), else the option picked in that group.
  useEffect(() => {
    if (!fixChoice) return;
    const id = `${base}-${fixChoice.field}`;
    const target = document.getElementById(`${id}-pcid`) ?? document.getElementById(id)?.querySelector<HTMLInputElement>('input:checked');
    target?.focus();
  }, [fixChoice, base]);
  const refuseChoice = (errs: Partial<Record<ChoiceField, string>>) => {
    setChoiceErrors(errs);
    const field = (['genesys', 'unipile'] as const).find((f) => errs[f]);
    if (field) setFixChoice((prev) => ({ field, n: (prev?.n ?? 0) + 1 }));
  };
  // Changing a choice clears what was said about it; the other one's message stays.
  const choose = (field: ChoiceField, set: (c: Choice) => void) => (c: Choice) => {
    set(c);
    setChoiceErrors((e) => {
      if (!e[field]) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  };

  const set = (k: keyof Fields) => (v: string) => {
    setFields((f) => ({ ...f, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const credentials = (): CredentialsInput | null => {
    // Mirrors credentialsInputSchema (the backend checks again): importing the schema itself would
    // pull zod and the whole contract into the renderer bundle and its startup.
    const next: FieldErrors = {};
    const check = (k: keyof Fields, value: string, max: number, empty: string) => {
      if (value.length < 1) next[k] = empty;
      else if (value.length > max) next[k] = `At most ${max} characters`;
      return value;
    };
    const orgId = check('orgId', fields.orgId.trim(), 200, 'Enter the organisation id');
    const input: CredentialsInput =
      kind === 'oauth'
        ? { kind, clientId: check('clientId', fields.clientId.trim(), 500, 'Enter the client id'), clientSecret: check('clientSecret', fields.clientSecret.trim(), 4000, 'Enter the client secret'), orgId }
        : // Secrets are trimmed too: spaces around a pasted key are never part of it, and a key of spaces is none.
          { kind, apiKey: check('apiKey', fields.apiKey.trim(), 4000, 'Enter the API key'), orgId };
    if (Object.keys(next).length === 0) return input;
    setErrors(next);
    // The keyboard goes to the first value to fix.
    const order: Array<[keyof Fields, string]> = [
      ['clientId', `${base}-client`],
      ['clientSecret', `${base}-secret`],
      ['apiKey', `${base}-key`],
      ['orgId', `${base}-org`],
    ];
    const first = order.find(([k]) => next[k]);
    if (first) document.getElementById(first[1])?.focus();
    return null;
  };

  const submitCredentials = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const creds = credentials();
    if (!creds) return;
    setBusy(true);
    const res = await safeInvoke('account:connect', { credentials: creds });
    setBusy(false);
    if (!res.ok) {
      // Backend fields are named in the request's shape ('credentials.orgId'); the form's are the last part.
      const field = res.error.field?.replace(/^credentials\./, '');
      if (field && field in EMPTY && (res.error.code === 'invalid_input' || res.error.code === 'auth')) setErrors({ [field]: res.error.message });
      if (!(field && field in EMPTY && res.error.code === 'invalid_input')) setFormError(connectErrorMessage(res.error));
      setFailures((f) => f + 1);
      return;
    }
    // The backend holds the checked credentials now: nothing secret stays here.
    setFields(EMPTY);
    const list = res.value.connections;
    setConnections(list);
    // The first connection of each service that works: one that is disconnected or in error would
    // only fail on "Use these connections".
    const first = (service: ConnectionInfo['service']): Choice => {
      const c = list.find((x) => x.service === service && connectionWorks(x.status));
      return c ? { kind: 'ref', ref: c.ref } : { kind: 'none' };
    };
    setGenesys(first('genesys'));
    setUnipile(first('unipile'));
    setChoiceErrors({});
  };

  const submitChoice = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const errs: Partial<Record<ChoiceField, string>> = {};
    if (genesys.kind === 'pcid' && !genesys.pcid.trim()) errs.genesys = 'Paste the PCID, or pick a connection.';
    if (unipile.kind === 'pcid' && !unipile.pcid.trim()) errs.unipile = 'Paste the PCID, or pick a connection.';
    if (genesys.kind === 'none' && unipile.kind === 'none') errs.unipile = 'Choose at least one connection.';
    if (errs.genesys || errs.unipile) {
      refuseChoice(errs);
      return;
    }
    setChoiceErrors({});
    const pick = (c: Choice) => (c.kind === 'ref' ? { ref: c.ref } : c.kind === 'pcid' ? { pcid: c.pcid.trim() } : undefined);
    setBusy(true);
    const g = pick(genesys);
    const u = pick(unipile);
    const res = await safeInvoke('account:choose', { ...(g ? { genesys: g } : {}), ...(u ? { unipile: u } : {}) });
    setBusy(false);
    if (!res.ok) {
      // A refused connection (a pasted PCID that PinkConnect does not know, another service's, not
      // usable with these credentials, or one that could not be checked): the backend's words, on that
      // choice. Everything chosen and pasted stays for the correction.
      const field = res.error.field;
      if (field === 'genesys' || field === 'unipile') {
        refuseChoice({ [field]: res.error.message });
        return;
      }
      setFormError(connectErrorMessage(res.error));
      setFailures((f) => f + 1);
      return;
    }
    // Pasted PCIDs are secrets too: gone from state once stored.
    close();
    setGenesys({ kind: 'none' });
    setUnipile({ kind: 'none' });
    onConnected(res.value);
  };

  const cancel = () => {
    close();
    onCancel?.();
  };
  const keepEditing = () => {
    setAsking(false);
    const back = askedFrom.current;
    (back?.isConnected ? back : document.getElementById(`${base}-${kind === 'oauth' ? 'client' : 'key'}`))?.focus();
  };
  // Values typed, or credentials already checked (the connection step): worth a question before going.
  const entered = connections !== null || Object.values(fields).some((v) => v !== '');
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Escape' || !onCancel || e.defaultPrevented) return;
    // The form's Esc, not the page's: Settings would close with everything typed in it.
    e.preventDefault();
    e.stopPropagation();
    if (busy) return;
    if (asking) keepEditing();
    else if (entered) {
      askedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAsking(true);
    } else cancel();
  };

  const question = asking && (
    <div className="ob-discard" role="group" aria-label="Discard what you entered?">
      <span className="ob-discard-q">Discard what you entered{connections ? ' and stop connecting' : ''}?</span>
      <Button variant="danger" size="sm" onClick={cancel}>
        Discard
      </Button>
      <Button size="sm" ref={keepButton} onClick={keepEditing}>
        Keep editing
      </Button>
    </div>
  );

  const errorLine = formError && (
    <p ref={errorBox} className="ob-error" role="alert" tabIndex={-1}>
      {formError}
    </p>
  );

  if (connections) {
    return (
      <form className="ob-form" onSubmit={(e) => void submitChoice(e)} onKeyDown={onKeyDown} aria-label="Choose connections">
        <p className="ob-lead">Pinkfish accepted the credentials. Choose which connections Switchboard uses.</p>
        <ServiceChoice id={`${base}-genesys`} service="Genesys" label="Genesys Cloud" connections={connections.filter((c) => c.service === 'genesys')} choice={genesys} onChange={choose('genesys', setGenesys)} error={choiceErrors.genesys} />
        <ServiceChoice id={`${base}-unipile`} service="Unipile" label="Unipile messaging" connections={connections.filter((c) => c.service === 'unipile')} choice={unipile} onChange={choose('unipile', setUnipile)} error={choiceErrors.unipile} />
        {errorLine}
        {question}
        <div className="ob-buttons">
          <Button onClick={() => setConnections(null)} disabled={busy} focusableWhenDisabled>
            Back
          </Button>
          <Button type="submit" variant="primary" disabled={busy} focusableWhenDisabled aria-busy={busy || undefined}>
            {busy ? 'Connecting…' : 'Use these connections'}
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form className="ob-form" onSubmit={(e) => void submitCredentials(e)} onKeyDown={onKeyDown} aria-label="Pinkfish credentials" noValidate>
      <div className="ob-tabs" role="tablist" aria-label="Kind of credentials">
        {(['oauth', 'apiKey'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`${base}-tab-${k}`}
            aria-selected={kind === k}
            aria-controls={`${base}-panel`}
            tabIndex={kind === k ? 0 : -1}
            className={`ob-tab ${kind === k ? 'ob-tab-on' : ''}`}
            onClick={() => {
              setKind(k);
              setErrors({});
              setFormError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const next = k === 'oauth' ? 'apiKey' : 'oauth';
                setKind(next);
                setErrors({});
                setFormError(null);
                document.getElementById(`${base}-tab-${next}`)?.focus();
              }
            }}
          >
            {k === 'oauth' ? 'OAuth client' : 'API key'}
          </button>
        ))}
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={`${base}-tab-${kind}`} className="ob-panel">
        {kind === 'oauth' ? (
          <>
            <Field id={`${base}-client`} label="Client id" value={fields.clientId} onChange={set('clientId')} error={errors.clientId} autoFocus={firstShow.current} />
            <Field id={`${base}-secret`} label="Client secret" type="password" value={fields.clientSecret} onChange={set('clientSecret')} error={errors.clientSecret} autoComplete="new-password" />
          </>
        ) : (
          <Field id={`${base}-key`} label="API key" type="password" value={fields.apiKey} onChange={set('apiKey')} error={errors.apiKey} autoComplete="new-password" hint="The legacy key from the Pinkfish console." autoFocus={firstShow.current} />
        )}
        <Field id={`${base}-org`} label="Organisation id" value={fields.orgId} onChange={set('orgId')} error={errors.orgId} />
      </div>
      <p className="ob-muted">Credentials are checked with Pinkfish, then kept in your system keychain. Switchboard's window never stores them.</p>
      {errorLine}
      {question}
      <div className="ob-buttons">
        {onCancel && (
          <Button onClick={cancel} disabled={busy} focusableWhenDisabled aria-keyshortcuts="Escape">
            {cancelLabel}
          </Button>
        )}
        {/* Busy, it keeps the keyboard (aria-disabled) until the answer moves it. */}
        <Button type="submit" variant="primary" disabled={busy} focusableWhenDisabled aria-busy={busy || undefined}>
          {busy ? 'Checking…' : 'Connect'}
        </Button>
      </div>
    </form>
  );
}
