import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AccountId, ConversationId, PersonId } from '../../../../shared/domain/ids';
import type { Account, Person } from '../../../../shared/domain/model';
import { parseConversationId } from '../../../../shared/domain/idParse';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { useStore } from '../../store';
import { safeInvoke } from '../../store/safeInvoke';
import type { WireError } from '../../../../shared/ipc/result';
import type { DialogProps } from '../shell/dialogs';
import { ErrorNote, Field } from '../settings/controls';
import { genesysPersonKey, metaOf, namesPerson, PersonPicker, unipilePersonKey, type Picked } from './PersonPicker';
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

/** A refusal from the backend, with the field it is about when one can tell (see `useBusy`). */
type Refusal<F extends string> = WireError & { at?: F };

/**
 * Runs the form's work and keeps its refusal. `fieldOf` says which field a refusal is about (the
 * backend's `field`, or what the message names), so the form shows it there, marks that field
 * invalid and puts the keyboard on it; anything else is said under the form.
 */
function useBusy<F extends string = never>(fieldOf?: (e: WireError) => F | null) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal<F> | null>(null);
  const run = async (work: () => Promise<WireError | null>): Promise<Refusal<F> | null> => {
    setBusy(true);
    const err = await work();
    const at = err ? fieldOf?.(err) : null;
    const refusal = err ? (at ? { ...err, at } : err) : null;
    setBusy(false);
    setError(refusal);
    return refusal;
  };
  /** The refusal said at `field`, if it is there. */
  const at = (field: F) => (error?.at === field ? error.message : null);
  /** Editing the field a refusal was about withdraws it. */
  const edited = (field: F) => setError((e) => (e?.at === field ? null : e));
  /** For the note under the form: only what no field shows. */
  const general = error && !error.at ? error : null;
  return { busy, error, general, at, edited, run, setError };
}

/** The backend's `field`, when it is one of `names`. */
const named = (e: WireError, names: readonly string[]) => e.field !== undefined && names.includes(e.field);

/** A refusal of a one-field form that is about what was typed there (not a permission, the network…). */
const aboutTheInput = (e: WireError) => e.code === 'invalid_input' || e.code === 'not_found';

/** The picked person a refusal names by their id (typed, the user id, the network's handle). */
function namedPerson(e: WireError, picked: readonly Picked[]): Picked | undefined {
  const text = e.message.toLowerCase();
  return picked.find((p) => [p.key, p.key.replace(/^[gu]:/, ''), p.handle].some((id) => id && id.length >= 3 && text.includes(id.toLowerCase())));
}

export function NewRoomDialog({ onClose }: DialogProps) {
  const createRoom = useStore((s) => s.createRoom);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<Picked[]>([]);
  const [touched, setTouched] = useState(false);
  const { busy, general, at, edited, run } = useBusy<'subject' | 'description' | 'members'>((e) =>
    named(e, ['subject']) ? 'subject' : named(e, ['description']) ? 'description' : named(e, ['memberIds', 'userIds']) || namedPerson(e, members) ? 'members' : null,
  );
  const subjectRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const membersRef = useRef<HTMLInputElement>(null);
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
    if (err?.at) return focusToFix(err.at === 'subject' ? subjectRef.current : err.at === 'description' ? descriptionRef.current : membersRef.current);
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
        <Field label="Subject" error={(touched ? subjectError : null) ?? at('subject')}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={subjectRef}
              id={id}
              className="sb-input"
              autoFocus
              value={subject}
              onChange={(e) => {
                setSubject(e.target.value);
                edited('subject');
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              maxLength={300}
              data-testid="new-room-subject"
            />
          )}
        </Field>
        <Field label="Description (optional)" error={descriptionError ?? at('description')} hint="Ctrl+Enter creates the room.">
          {({ id, describedBy, invalid }) => (
            <textarea
              ref={descriptionRef}
              id={id}
              className="sb-textarea"
              rows={3}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                edited('description');
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <PersonPicker
          label="Members (optional)"
          multiple
          allowRaw
          value={members}
          onChange={(next) => {
            setMembers(next);
            edited('members');
          }}
          toKey={genesysPersonKey}
          placeholder="Name or Genesys user id"
          hint="Pick people, or paste a user id and press Enter."
          error={at('members')}
          errorTestId="new-room-error"
          inputRef={membersRef}
          testId="new-room-members"
        />
        <ErrorNote error={general} testId="new-room-error" />
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
  // The address is all there is: what says it is wrong or names no room is about it.
  const { busy, general, at, edited, run } = useBusy<'jid'>((e) => (named(e, ['jid']) || (e.field === undefined && aboutTheInput(e)) ? 'jid' : null));
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
    if (err?.at) return focusToFix(jidRef.current);
    if (!err) {
      onClose();
      // In the room, the keyboard goes where its first message is written, as after New room (the
      // dialog's close would hand it back to the inbox row the palette was opened from).
      useStore.getState().focusRegion('composer');
    }
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
        <Field label="Room address" error={(touched ? problem : null) ?? at('jid')}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={jidRef}
              id={id}
              className="sb-input sb-input-mono"
              autoFocus
              spellCheck={false}
              value={jid}
              placeholder="…@conference.your-org.orgspan.com"
              onChange={(e) => {
                setJid(e.target.value);
                edited('jid');
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="join-room-jid"
            />
          )}
        </Field>
        <ErrorNote error={general} testId="join-room-error" />
      </form>
    </Dialog>
  );
}

export function OpenDmDialog({ onClose }: DialogProps) {
  const openDm = useStore((s) => s.openDm);
  const formId = useId();
  const [who, setWho] = useState<Picked[]>([]);
  const [touched, setTouched] = useState(false);
  // The person is all there is: what says the id is wrong or names nobody is about them.
  const { busy, general, at, edited, run } = useBusy<'person'>((e) => (named(e, ['userId']) || (e.field === undefined && aboutTheInput(e)) ? 'person' : null));
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
    if (err?.at) return focusToFix(personRef.current);
    if (!err) onClose();
  };
  const refused = at('person');

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
          onChange={(next) => {
            setWho(next);
            edited('person');
          }}
          toKey={genesysPersonKey}
          placeholder="Name or Genesys user id"
          hint="Pick someone, or paste a user id and press Enter."
          error={touched && who.length === 0 ? 'Pick a person or paste their Genesys user id.' : refused}
          errorTestId={refused ? 'open-dm-error' : undefined}
          inputRef={personRef}
          testId="open-dm-person"
        />
        <ErrorNote error={general} testId="open-dm-error" />
      </form>
    </Dialog>
  );
}

interface NewChatArgs {
  accountId?: AccountId;
  attendees?: Picked[];
}

/** The account each picked attendee belongs to, by their key: null when it cannot be told (a typed id, a failed look-up). */
type Learned = Readonly<Record<string, AccountId | null>>;

const aOrAn = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The person id a picked attendee travels as (a typed network id is none). */
function unipilePersonOf(p: Picked): PersonId | null {
  const id = p.personId ?? p.key;
  return id.startsWith('u:') ? (id as PersonId) : null;
}

/**
 * What stops a chat from `from` with these people: the first one known to be another account's
 * contact (an attendee belongs to one account), named with their network. People whose account
 * is not known are left to the network to accept or refuse.
 */
export function accountMismatch(attendees: readonly Picked[], learned: Learned, from: AccountId | '', accounts: readonly Account[]): string | null {
  for (const p of attendees) {
    const theirs = learned[p.key];
    if (!theirs || theirs === from) continue;
    const account = accounts.find((a) => a.id === theirs);
    if (!account) continue;
    const network = NETWORK_NAMES[account.network];
    const several = accounts.filter((a) => a.network === account.network && a.id.startsWith('u:')).length > 1;
    // A disconnected account is not offered in From: pointing there would send the user looking for it.
    if (account.status === 'disconnected')
      return `${p.label} is a contact of your ${network} account${several ? ` “${account.name}”` : ''}, which is disconnected: reconnect it on ${network} (Settings › Accounts shows its state), or remove them.`;
    return `${p.label} is ${aOrAn(network)} ${network} contact: write from your ${network} account${several ? ` “${account.name}”` : ''}, or remove them.`;
  }
  return null;
}

/**
 * The account a person just picked moves From to: theirs, when it is one to write from, every other
 * picked person whose account is known is on it too, and the user has not chosen From themselves
 * with several people picked (the first person picked decides; after that a mismatch is said instead).
 */
function accountFor(person: Picked, attendees: readonly Picked[], learned: Learned, chosenByUser: boolean, usable: readonly Account[]): Account | null {
  const theirs = learned[person.key];
  if (!theirs || !attendees.some((a) => a.key === person.key)) return null;
  if (chosenByUser && attendees.length > 1) return null;
  if (attendees.some((a) => learned[a.key] && learned[a.key] !== theirs)) return null;
  return usable.find((a) => a.id === theirs) ?? null;
}

export function NewChatDialog({ args, onClose }: DialogProps) {
  const initial = (args ?? {}) as NewChatArgs;
  const account = useStore((s) => s.accountStatus);
  const loadAccountStatus = useStore((s) => s.loadAccountStatus);
  const startChat = useStore((s) => s.startChat);
  const pushToast = useStore((s) => s.pushToast);
  const formId = useId();
  const noteId = useId();
  const [accountId, setAccountId] = useState<AccountId | ''>(initial.accountId?.startsWith('u:') ? initial.accountId : '');
  // From as the caller (a conversation's account) or the user set it, rather than the first account.
  const [fromChosen, setFromChosen] = useState(Boolean(initial.accountId?.startsWith('u:')));
  const [attendees, setAttendees] = useState<Picked[]>(initial.attendees ?? []);
  const [learned, setLearned] = useState<Learned>({});
  const [switched, setSwitched] = useState<{ key: string; accountId: AccountId; message: string } | null>(null);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, general, at, edited, run, setError } = useBusy<'from' | 'to' | 'subject' | 'text'>((e) =>
    named(e, ['accountId', 'account_id'])
      ? 'from'
      : named(e, ['attendeeIds', 'attendees_ids']) || namedPerson(e, attendees)
        ? 'to'
        : named(e, ['subject'])
          ? 'subject'
          : named(e, ['text'])
            ? 'text'
            : null,
  );
  // Opened for someone from a known account (the People panel, the palette): what is left is the message.
  const firstMessage = useRef<HTMLTextAreaElement>(null);
  const accountRef = useRef<HTMLSelectElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();
  const addressed = Boolean(initial.accountId?.startsWith('u:') && initial.attendees?.length);

  useEffect(() => {
    void loadAccountStatus();
  }, [loadAccountStatus]);
  const allAccounts = useMemo(() => account?.value?.accounts ?? [], [account?.value]);
  // Only linked network accounts can start chats (not the Genesys or the bare Unipile connection).
  const accounts = useMemo(() => allAccounts.filter((a) => a.source === 'unipile' && a.id.startsWith('u:') && a.status !== 'disconnected'), [allAccounts]);
  useEffect(() => {
    if (!accountId && accounts.length) setAccountId(accounts[0]!.id);
  }, [accountId, accounts]);

  // What the answers of people:get (which come later) are weighed against: the form as it is then.
  const live = useRef({ accountId, attendees, fromChosen, learned, accounts });
  live.current = { accountId, attendees, fromChosen, learned, accounts };
  const lookups = useRef(new Map<string, Promise<AccountId | null>>());

  /** The account a picked person belongs to: as the cache knows it, or asked of the network once per person. */
  const learn = (p: Picked): Promise<AccountId | null> => {
    const personId = unipilePersonOf(p);
    if (!personId) return Promise.resolve(null);
    let pending = lookups.current.get(p.key);
    if (!pending && p.accountId) {
      live.current.learned = { ...live.current.learned, [p.key]: p.accountId };
      setLearned(live.current.learned);
      pending = Promise.resolve(p.accountId);
      lookups.current.set(p.key, pending);
    }
    if (!pending) {
      pending = safeInvoke('people:get', { personId }).then((res) => {
        const theirs = res.ok ? (res.value.person.accountId ?? null) : null;
        live.current.learned = { ...live.current.learned, [p.key]: theirs };
        setLearned(live.current.learned);
        return theirs;
      });
      lookups.current.set(p.key, pending);
    }
    return pending;
  };

  /** A person was picked: once their account is known, From follows it where it may (see `accountFor`). */
  const follow = async (p: Picked) => {
    await learn(p);
    const now = live.current;
    const to = accountFor(p, now.attendees, now.learned, now.fromChosen, now.accounts);
    if (!to || to.id === now.accountId) return;
    const network = NETWORK_NAMES[to.network];
    const several = now.accounts.filter((a) => a.network === to.network).length > 1;
    live.current.accountId = to.id;
    setAccountId(to.id);
    setSwitched({ key: p.key, accountId: to.id, message: `${p.label} is ${aOrAn(network)} ${network} contact, so the chat starts from your ${network} account${several ? ` “${to.name}”` : ''}.` });
    setError((e) => (e?.at === 'from' ? null : e));
  };

  // People the dialog was opened with: their account is learnt too, and From follows it as for a pick.
  useEffect(() => {
    for (const p of initial.attendees ?? []) void follow(p);
    // Once, for the people the dialog opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseAttendees = (next: Picked[]) => {
    const before = new Set(attendees.map((a) => a.key));
    live.current.attendees = next;
    setAttendees(next);
    edited('to');
    for (const p of next) if (!before.has(p.key)) void follow(p);
  };

  const chosen = accounts.find((a) => a.id === accountId);
  // Suggestions: the chosen account's people first, then those whose account is not known, then the
  // rest; each says which network (and, with several of one network, which account) they are on.
  const rankForFrom = useCallback((p: Person) => (!p.accountId ? 1 : p.accountId === accountId ? 0 : 2), [accountId]);
  const metaWithNetwork = useCallback(
    (p: Person) => {
      const theirs = p.accountId ? allAccounts.find((a) => a.id === p.accountId) : undefined;
      const several = theirs ? allAccounts.filter((a) => a.network === theirs.network && a.id.startsWith('u:')).length > 1 : false;
      const where = theirs ? `${NETWORK_NAMES[theirs.network]}${several ? ` · ${theirs.name}` : ''}` : undefined;
      return [where, metaOf(p)].filter(Boolean).join(' · ') || undefined;
    },
    [allAccounts],
  );
  const mismatch = accountMismatch(attendees, learned, accountId, allAccounts);
  const problems = {
    account: !accountId ? 'Choose the account to write from.' : null,
    attendees: attendees.length === 0 ? 'Add at least one person.' : mismatch,
    text: text.trim() === '' ? 'Write the first message.' : null,
  };
  const invalid = Object.values(problems).some(Boolean);
  const note = switched && switched.accountId === accountId && attendees.some((a) => a.key === switched.key) ? switched.message : null;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (invalid || !accountId) return focusToFix(problems.account ? accountRef.current : problems.attendees ? toRef.current : firstMessage.current);
    if (busy) return;
    const err = await run(async () => {
      // Someone whose account is still being asked for: wait, so nobody is addressed on the wrong network.
      await Promise.all(attendees.map(learn));
      const from = live.current.accountId;
      if (!from) return { code: 'invalid_input', message: 'Choose the account to write from.', field: 'accountId' };
      const wrong = accountMismatch(attendees, live.current.learned, from, allAccounts);
      if (wrong) return { code: 'invalid_input', message: wrong, field: 'attendeeIds' };
      const res = await startChat({ accountId: from, attendeeIds: attendees.map((a) => a.key), text, ...(subject.trim() ? { subject: subject.trim() } : {}) });
      if (!res.ok) return res.error;
      pushToast({ kind: 'success', message: res.value ? 'Chat started.' : 'Message sent: the new chat appears once the network reports it.' });
      return null;
    });
    if (err?.at) return focusToFix({ from: accountRef.current, to: toRef.current, subject: subjectRef.current, text: firstMessage.current }[err.at]);
    if (!err) onClose();
  };

  const toError = (touched ? problems.attendees : null) ?? at('to');
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
        <Field label="From account" error={(touched ? problems.account : null) ?? at('from')}>
          {({ id, describedBy, invalid: bad }) =>
            account?.status === 'error' ? (
              <ErrorNote error={account.error} />
            ) : (
              <>
                <select
                  ref={accountRef}
                  id={id}
                  className="sb-select"
                  value={accountId}
                  onChange={(e) => {
                    setAccountId(e.target.value as AccountId);
                    setFromChosen(true);
                    // Who can be addressed depends on the account: what was refused for either is withdrawn.
                    setError((err) => (err?.at === 'from' || err?.at === 'to' ? null : err));
                  }}
                  aria-describedby={[describedBy, note ? noteId : null].filter(Boolean).join(' ') || undefined}
                  aria-invalid={bad}
                  autoFocus={!initial.accountId}
                  data-testid="new-chat-account"
                >
                  {accounts.length === 0 && <option value="">{account?.status === 'loading' ? 'Loading accounts…' : 'No linked network account'}</option>}
                  {accounts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {NETWORK_NAMES[a.network]} · {a.name}
                      {a.status === 'error' ? ' (needs attention)' : ''}
                    </option>
                  ))}
                </select>
                {/* Said when From follows the person picked (a live region, present before it speaks). */}
                <div role="status" aria-live="polite">
                  {note && (
                    <p className="sb-hint" id={noteId} data-testid="new-chat-account-note">
                      {note}
                    </p>
                  )}
                </div>
              </>
            )
          }
        </Field>
        <PersonPicker
          label="To"
          multiple
          allowRaw
          autoFocus={Boolean(initial.accountId)}
          value={attendees}
          onChange={chooseAttendees}
          toKey={unipilePersonKey}
          rank={rankForFrom}
          metaFor={metaWithNetwork}
          placeholder={chosen?.network === 'whatsapp' ? 'Name or phone number' : 'Name or network id'}
          hint={`Pick people you have talked to, or type their ${chosen?.network === 'whatsapp' ? 'phone number' : chosen?.network === 'linkedin' ? 'LinkedIn provider id' : 'id on the network'} and press Enter.`}
          error={toError}
          errorTestId={toError && toError === at('to') ? 'new-chat-error' : undefined}
          inputRef={toRef}
          testId="new-chat-to"
        />
        <Field label="Subject (optional)" hint="Used by networks that have one (LinkedIn InMail, group names)." error={at('subject')}>
          {({ id, describedBy, invalid: bad }) => (
            <input
              ref={subjectRef}
              id={id}
              className="sb-input"
              value={subject}
              onChange={(e) => {
                setSubject(e.target.value);
                edited('subject');
              }}
              maxLength={300}
              aria-describedby={describedBy}
              aria-invalid={bad}
              data-testid="new-chat-subject"
            />
          )}
        </Field>
        <Field label="First message" error={(touched ? problems.text : null) ?? at('text')} hint="Ctrl+Enter starts the chat.">
          {({ id, describedBy, invalid: bad }) => (
            <textarea
              ref={firstMessage}
              id={id}
              className="sb-textarea"
              rows={3}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                edited('text');
              }}
              aria-describedby={describedBy}
              aria-invalid={bad}
              data-testid="new-chat-text"
            />
          )}
        </Field>
        <ErrorNote error={general} testId="new-chat-error" />
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
  // Not every refusal here is about the person (a network may not add people at all): only what
  // names their id, or says there is nobody with it.
  const { busy, general, at, edited, run, setError } = useBusy<'person'>((e) => (named(e, ['userId']) || (e.field === undefined && (e.code === 'not_found' || namedPerson(e, who))) ? 'person' : null));
  const personRef = useRef<HTMLInputElement>(null);
  const focusToFix = useFocusToFix();

  useEffect(() => {
    if (conversationId) void loadActions(conversationId);
  }, [conversationId, loadActions]);
  const support = conversationId && actions?.key === conversationId ? actions.value?.find((a) => a.action === 'addParticipant') : undefined;
  const genesys = conversationId ? parseConversationId(conversationId)?.source === 'genesys' : true;
  // Who is in already (as far as the window knows): not suggested, and not "added" a second time.
  const members = useStore((s) => (conversationId ? (s.members[conversationId] ?? (s.participants?.key === conversationId ? s.participants.value : null)) : null));
  const notMember = useCallback((p: Person) => !members?.some((m) => m.id === p.id), [members]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = who[0];
    if (!conversationId || busy || !support?.supported) return;
    setTouched(true);
    if (!target) return focusToFix(personRef.current);
    const already = members?.find((m) => namesPerson(m, target));
    if (already) {
      setError({ code: 'invalid_input', message: `${already.name} is already in this conversation.`, at: 'person' });
      return focusToFix(personRef.current);
    }
    const err = await run(() => addParticipant(conversationId, target.key));
    if (err?.at) return focusToFix(personRef.current);
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
            onChange={(next) => {
              setWho(next);
              edited('person');
            }}
            toKey={genesys ? genesysPersonKey : unipilePersonKey}
            filter={notMember}
            placeholder={genesys ? 'Name or Genesys user id' : 'Name or phone / provider id'}
            error={touched && who.length === 0 ? 'Pick a person, or type their id and press Enter.' : at('person')}
            errorTestId={at('person') ? 'add-participant-error' : undefined}
            inputRef={personRef}
            testId="add-participant-person"
          />
        )}
        <ErrorNote error={general} testId="add-participant-error" />
      </form>
    </Dialog>
  );
}
