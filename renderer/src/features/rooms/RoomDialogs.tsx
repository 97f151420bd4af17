import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AccountId, ConversationId } from '../../../../shared/domain/ids';
import { parseConversationId } from '../../../../shared/domain/idParse';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { useStore } from '../../store';
import { safeInvoke } from '../../store/safeInvoke';
import type { DialogProps } from '../shell/dialogs';
import { ErrorNote, Field } from '../settings/controls';
import { genesysPersonKey, PersonPicker, unipilePersonKey, type Picked } from './PersonPicker';
import './rooms.css';

/**
 * Dialogs that start or join conversations (registered in features/shell/dialogs.ts, so the
 * palette lists them): a new Genesys room, a room by its address, a Genesys 1:1 by user id, a
 * new Unipile chat, and adding a person to the open conversation. Enter submits, Esc cancels,
 * fields are checked before anything is sent and the backend's refusal is shown in place.
 */

/** Ctrl/Cmd+Enter submits from a multi-line field (Enter there is a new line), or from any field of a form. */
function submitOnModEnter(e: KeyboardEvent<HTMLElement>, submit: () => void) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
}

/**
 * Cancel and the form's submit button, labelled by state. Neither is ever `disabled`: a button the
 * keyboard is on would drop it to <body>. While the form runs both are aria-disabled (and do nothing);
 * `blocked` (nothing here can be sent) likewise. Fields are checked on submit instead, which puts the
 * keyboard on the first one to fix.
 */
function FormFooter({ formId, busy, blocked = false, label, busyLabel, testId, onCancel }: { formId: string; busy: boolean; blocked?: boolean; label: string; busyLabel: string; testId: string; onCancel: () => void }) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy} focusableWhenDisabled>
        Cancel
      </Button>
      <Button type="submit" form={formId} variant="primary" disabled={busy || blocked} focusableWhenDisabled aria-busy={busy || undefined} data-testid={testId}>
        {busy ? busyLabel : label}
      </Button>
    </>
  );
}

/**
 * Puts the keyboard on a field after the render that marks it invalid, so it is read out with its
 * error; bumped on every refusal, so it goes there again when the same field is refused twice.
 */
function useFocusToFix() {
  const [target, setTarget] = useState<{ el: HTMLElement | null; n: number } | null>(null);
  useEffect(() => {
    target?.el?.focus();
  }, [target]);
  return (el: HTMLElement | null | undefined) => setTarget((t) => ({ el: el ?? null, n: (t?.n ?? 0) + 1 }));
}

function useBusy() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const run = async (work: () => Promise<{ message: string } | null>) => {
    setBusy(true);
    const err = await work();
    setBusy(false);
    setError(err);
    return err;
  };
  return { busy, error, run, setError };
}

export function NewRoomDialog({ onClose }: DialogProps) {
  const createRoom = useStore((s) => s.createRoom);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<Picked[]>([]);
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useBusy();
  const subjectRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const focusToFix = useFocusToFix();
  const subjectError = subject.trim() === '' ? 'A room needs a subject.' : subject.trim().length > 200 ? 'At most 200 characters.' : null;
  const descriptionError = description.length > 2000 ? `At most 2000 characters (${description.length} now).` : null;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (subjectError || descriptionError) return focusToFix(subjectError ? subjectRef.current : descriptionRef.current);
    if (busy) return;
    const err = await run(async () => {
      const res = await createRoom({ subject: subject.trim(), description, memberIds: members.map((m) => m.key) });
      return res.ok ? null : res.error;
    });
    if (!err) {
      pushToast({ kind: 'success', message: `Room “${subject.trim()}” created.` });
      onClose();
    }
  };

  return (
    <Dialog
      title="New room"
      description="A Genesys Cloud room. You become its owner; add people now or later."
      onClose={onClose}
      dismissable={!busy}
      width={480}
      footer={<FormFooter formId={formId} busy={busy} label="Create room" busyLabel="Creating…" testId="new-room-submit" onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} onKeyDown={(e) => submitOnModEnter(e, () => void submit())} noValidate className="room-form" data-testid="new-room-form">
        <Field label="Subject" error={touched ? subjectError : null}>
          {({ id, describedBy, invalid }) => (
            <input ref={subjectRef} id={id} className="sb-input" autoFocus value={subject} onChange={(e) => setSubject(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} maxLength={300} data-testid="new-room-subject" />
          )}
        </Field>
        <Field label="Description (optional)" error={descriptionError} hint="Ctrl+Enter creates the room.">
          {({ id, describedBy, invalid }) => (
            <textarea ref={descriptionRef} id={id} className="sb-textarea" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <PersonPicker label="Members (optional)" multiple allowRaw value={members} onChange={setMembers} toKey={genesysPersonKey} placeholder="Name or Genesys user id" hint="Pick people, or paste a user id and press Enter." testId="new-room-members" />
        <ErrorNote error={error} testId="new-room-error" />
      </form>
    </Dialog>
  );
}

/** Room JIDs look like `<id>@conference.<org>.orgspan.com`. */
export function roomJidError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Paste the room’s address.';
  if (/\s/.test(t)) return 'An address has no spaces.';
  if (!/^[^@]+@conference\.[^@]+$/i.test(t)) return 'A room address looks like 1a2b…@conference.your-org.orgspan.com.';
  return null;
}

export function JoinRoomDialog({ onClose }: DialogProps) {
  const joinRoom = useStore((s) => s.joinRoom);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const [jid, setJid] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useBusy();
  const jidRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();
  const problem = roomJidError(jid);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return focusToFix(jidRef.current);
    if (busy) return;
    const err = await run(async () => {
      // A room already in the inbox the user is a member of: opened, and said so (nothing to join).
      const typed = jid.trim().toLowerCase();
      const known = Object.values(useStore.getState().conversations).find((c) => {
        const p = parseConversationId(c.id);
        return p?.kind === 'room' && p.roomJid.toLowerCase() === typed;
      });
      if (known && useStore.getState().membership[known.id] !== false) {
        const d = await safeInvoke('conversation:details', { conversationId: known.id });
        if (d.ok && d.value.isMember) {
          useStore.getState().openConversation(known.id);
          pushToast({ kind: 'info', message: `You’re already a member of “${known.title}”.` });
          return null;
        }
      }
      const res = await joinRoom(jid.trim());
      if (res.ok) pushToast({ kind: 'success', message: `You joined “${res.value.title}”.` });
      return res.ok ? null : res.error;
    });
    if (!err) onClose();
  };

  return (
    <Dialog
      title="Join a room"
      description="Genesys Cloud has no room directory: join a room by its address (JID), as shared by a member."
      onClose={onClose}
      dismissable={!busy}
      width={480}
      footer={<FormFooter formId={formId} busy={busy} label="Join" busyLabel="Joining…" testId="join-room-submit" onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate data-testid="join-room-form">
        <Field label="Room address" error={touched ? problem : null}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={jidRef}
              id={id}
              className="sb-input sb-input-mono"
              autoFocus
              spellCheck={false}
              value={jid}
              placeholder="…@conference.your-org.orgspan.com"
              onChange={(e) => setJid(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="join-room-jid"
            />
          )}
        </Field>
        <ErrorNote error={error} testId="join-room-error" />
      </form>
    </Dialog>
  );
}

export function OpenDmDialog({ onClose }: DialogProps) {
  const openDm = useStore((s) => s.openDm);
  const formId = useId();
  const [who, setWho] = useState<Picked[]>([]);
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useBusy();
  const personRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const target = who[0];
    if (!target) return focusToFix(personRef.current);
    if (busy) return;
    const err = await run(async () => {
      const res = await openDm(target.key);
      return res.ok ? null : res.error;
    });
    if (!err) onClose();
  };

  return (
    <Dialog
      title="Open a 1:1"
      description="A Genesys Cloud one-to-one conversation, by person or user id."
      onClose={onClose}
      dismissable={!busy}
      width={460}
      footer={<FormFooter formId={formId} busy={busy} label="Open" busyLabel="Opening…" testId="open-dm-submit" onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate data-testid="open-dm-form">
        <PersonPicker
          label="Person"
          autoFocus
          allowRaw
          value={who}
          onChange={setWho}
          toKey={genesysPersonKey}
          placeholder="Name or Genesys user id"
          hint="Pick someone, or paste a user id and press Enter."
          error={touched && who.length === 0 ? 'Pick a person or paste their Genesys user id.' : null}
          inputRef={personRef}
          testId="open-dm-person"
        />
        <ErrorNote error={error} testId="open-dm-error" />
      </form>
    </Dialog>
  );
}

interface NewChatArgs {
  accountId?: AccountId;
  attendees?: Picked[];
}

export function NewChatDialog({ args, onClose }: DialogProps) {
  const initial = (args ?? {}) as NewChatArgs;
  const account = useStore((s) => s.accountStatus);
  const loadAccountStatus = useStore((s) => s.loadAccountStatus);
  const startChat = useStore((s) => s.startChat);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const [accountId, setAccountId] = useState<AccountId | ''>(initial.accountId?.startsWith('u:') ? initial.accountId : '');
  const [attendees, setAttendees] = useState<Picked[]>(initial.attendees ?? []);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useBusy();
  // Opened for someone from a known account (the People panel, the palette): what is left is the message.
  const firstMessage = useRef<HTMLTextAreaElement>(null);
  const accountRef = useRef<HTMLSelectElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();
  const addressed = Boolean(initial.accountId?.startsWith('u:') && initial.attendees?.length);

  useEffect(() => {
    void loadAccountStatus();
  }, [loadAccountStatus]);
  // Only linked network accounts can start chats (not the Genesys or the bare Unipile connection).
  const accounts = useMemo(() => (account?.value?.accounts ?? []).filter((a) => a.source === 'unipile' && a.id.startsWith('u:') && a.status !== 'disconnected'), [account?.value]);
  useEffect(() => {
    if (!accountId && accounts.length) setAccountId(accounts[0]!.id);
  }, [accountId, accounts]);

  const chosen = accounts.find((a) => a.id === accountId);
  const problems = {
    account: !accountId ? 'Choose the account to write from.' : null,
    attendees: attendees.length === 0 ? 'Add at least one person.' : null,
    text: text.trim() === '' ? 'Write the first message.' : null,
  };
  const invalid = Object.values(problems).some(Boolean);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (invalid || !accountId) return focusToFix(problems.account ? accountRef.current : problems.attendees ? toRef.current : firstMessage.current);
    if (busy) return;
    const err = await run(async () => {
      const res = await startChat({ accountId, attendeeIds: attendees.map((a) => a.key), text, ...(subject.trim() ? { subject: subject.trim() } : {}) });
      if (!res.ok) return res.error;
      pushToast({ kind: 'success', message: res.value ? 'Chat started.' : 'Message sent: the new chat appears once the network reports it.' });
      return null;
    });
    if (!err) onClose();
  };

  return (
    <Dialog
      title="New chat"
      description="Start a conversation on one of your linked networks with a first message."
      onClose={onClose}
      dismissable={!busy}
      width={500}
      {...(addressed ? { initialFocus: firstMessage } : {})}
      footer={<FormFooter formId={formId} busy={busy} label="Start chat" busyLabel="Starting…" testId="new-chat-submit" onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} onKeyDown={(e) => submitOnModEnter(e, () => void submit())} noValidate className="room-form" data-testid="new-chat-form">
        <Field label="From account" error={touched ? problems.account : null}>
          {({ id, describedBy, invalid: bad }) =>
            account?.status === 'error' ? (
              <ErrorNote error={account.error} />
            ) : (
              <select ref={accountRef} id={id} className="sb-select" value={accountId} onChange={(e) => setAccountId(e.target.value as AccountId)} aria-describedby={describedBy} aria-invalid={bad} autoFocus={!initial.accountId} data-testid="new-chat-account">
                {accounts.length === 0 && <option value="">{account?.status === 'loading' ? 'Loading accounts…' : 'No linked network account'}</option>}
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {NETWORK_NAMES[a.network]} · {a.name}
                    {a.status === 'error' ? ' (needs attention)' : ''}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
        <PersonPicker
          label="To"
          multiple
          allowRaw
          autoFocus={Boolean(initial.accountId)}
          value={attendees}
          onChange={setAttendees}
          toKey={unipilePersonKey}
          placeholder={chosen?.network === 'whatsapp' ? 'Name or phone number' : 'Name or network id'}
          hint={`Pick people you have talked to, or type their ${chosen?.network === 'whatsapp' ? 'phone number' : chosen?.network === 'linkedin' ? 'LinkedIn provider id' : 'id on the network'} and press Enter.`}
          error={touched ? problems.attendees : null}
          inputRef={toRef}
          testId="new-chat-to"
        />
        <Field label="Subject (optional)" hint="Used by networks that have one (LinkedIn InMail, group names).">
          {({ id, describedBy }) => <input id={id} className="sb-input" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={300} aria-describedby={describedBy} data-testid="new-chat-subject" />}
        </Field>
        <Field label="First message" error={touched ? problems.text : null} hint="Ctrl+Enter starts the chat.">
          {({ id, describedBy, invalid: bad }) => (
            <textarea ref={firstMessage} id={id} className="sb-textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={describedBy} aria-invalid={bad} data-testid="new-chat-text" />
          )}
        </Field>
        <ErrorNote error={error} testId="new-chat-error" />
      </form>
    </Dialog>
  );
}

/** Add a person to the open (or given) conversation; says why not where the network cannot. */
export function AddParticipantDialog({ args, onClose }: DialogProps) {
  const active = useStore((s) => s.activeConversationId);
  const conversationId = ((args?.conversationId as ConversationId | undefined) ?? active) as ConversationId | null;
  const conversation = useStore((s) => (conversationId ? s.conversations[conversationId] : undefined));
  const actions = useStore((s) => s.actions);
  const loadActions = useStore((s) => s.loadActions);
  const addParticipant = useStore((s) => s.addParticipant);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const [who, setWho] = useState<Picked[]>([]);
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useBusy();
  const personRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();

  useEffect(() => {
    if (conversationId) void loadActions(conversationId);
  }, [conversationId, loadActions]);
  const support = conversationId && actions?.key === conversationId ? actions.value?.find((a) => a.action === 'addParticipant') : undefined;
  const genesys = conversationId ? parseConversationId(conversationId)?.source === 'genesys' : true;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = who[0];
    if (!conversationId || busy || !support?.supported) return;
    setTouched(true);
    if (!target) return focusToFix(personRef.current);
    const err = await run(() => addParticipant(conversationId, target.key));
    if (!err) {
      pushToast({ kind: 'success', message: `${target.label} was added.` });
      onClose();
    }
  };

  return (
    <Dialog
      title="Add a person"
      description={conversation ? `To “${conversation.title}”.` : undefined}
      onClose={onClose}
      dismissable={!busy}
      width={460}
      footer={<FormFooter formId={formId} busy={busy} blocked={!support?.supported} label="Add" busyLabel="Adding…" testId="add-participant-submit" onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate data-testid="add-participant-form">
        {!conversationId ? (
          <p className="sb-hint">Open a conversation first.</p>
        ) : support && !support.supported ? (
          <p className="sb-callout" data-testid="add-participant-unsupported">
            {support.reason ?? 'People cannot be added here.'}
          </p>
        ) : (
          <PersonPicker
            label="Person"
            autoFocus
            allowRaw
            value={who}
            onChange={setWho}
            toKey={genesys ? genesysPersonKey : unipilePersonKey}
            placeholder={genesys ? 'Name or Genesys user id' : 'Name or phone / provider id'}
            error={touched && who.length === 0 ? 'Pick a person, or type their id and press Enter.' : null}
            inputRef={personRef}
            testId="add-participant-person"
          />
        )}
        <ErrorNote error={error} testId="add-participant-error" />
      </form>
    </Dialog>
  );
}
