import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationId, PersonId } from '../../../../shared/domain/ids';
import { parseConversationId } from '../../../../shared/domain/idParse';
import type { Conversation, Person } from '../../../../shared/domain/model';
import { Button } from '../../components/Button';
import { useStore } from '../../store';
import { supportOf } from '../../store/panelsSlice';
import { genesysPersonKey, metaOf, namesPerson, PersonPicker, unipilePersonKey, type Picked } from '../rooms/PersonPicker';
import { ConfirmButton, ErrorNote } from '../settings/controls';
import { useConversation } from './hooks';
import { PersonView } from './PersonView';
import { PersonAvatar } from './PersonAvatar';
import { onRowKeys } from './roving';

/**
 * A room's participants or a chat's attendees. Enter on a person opens their profile (their 1:1
 * chats and all their messages); owners of a Genesys room, and networks that allow it, add and
 * remove people here; Genesys rooms can be joined or left.
 */
export function PeoplePanel({ conversationId, personId }: { conversationId: ConversationId; personId: PersonId | undefined }) {
  if (personId) return <PersonView key={personId} personId={personId} conversationId={conversationId} />;
  return <Participants conversationId={conversationId} />;
}

function Participants({ conversationId }: { conversationId: ConversationId }) {
  const conversation = useConversation(conversationId);
  const participants = useStore((s) => s.participants);
  const loadParticipants = useStore((s) => s.loadParticipants);
  const actions = useStore((s) => s.actions);
  const loadActions = useStore((s) => s.loadActions);
  const details = useStore((s) => s.details);
  const loadDetails = useStore((s) => s.loadDetails);
  const removeParticipant = useStore((s) => s.removeParticipant);
  const openPanel = useStore((s) => s.openPanel);
  const pushToast = useStore((s) => s.pushToast);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The row that is the list's one tab stop (roving tabindex); its Remove button is the next one.
  const [current, setCurrent] = useState(0);
  const [refocus, setRefocus] = useState<number | null>(null);
  const list = useRef<HTMLUListElement>(null);

  const isRoom = parseConversationId(conversationId)?.kind === 'room';
  useEffect(() => {
    void loadParticipants(conversationId);
    void loadActions(conversationId);
    if (isRoom) void loadDetails(conversationId);
  }, [conversationId, isRoom, loadParticipants, loadActions, loadDetails]);
  // No refresh on every conversations:changed: people:list asks the network, and a busy room changes
  // every few seconds. The list is read when the panel opens and after each add or remove.

  const data = participants?.key === conversationId ? participants : null;
  const people = data?.value ?? [];
  const roomDetails = isRoom && details?.key === conversationId ? details.value : undefined;
  const owners = new Set<string>(roomDetails?.ownerIds ?? []);
  const canRemove = supportOf(actions, conversationId, 'removeParticipant');
  const canAdd = supportOf(actions, conversationId, 'addParticipant');
  // A network that neither adds nor removes here for one reason (a 1:1) says it once, not twice.
  const sameReason = !!canAdd && !canAdd.supported && !!canRemove && !canRemove.supported && !!canAdd.reason && canAdd.reason === canRemove.reason;
  // Only a room's owners remove people: known from its details (the user cannot edit them).
  const notOwner = isRoom && roomDetails?.canEdit === false;
  const removable = !!canRemove?.supported && !notOwner;
  const at = Math.max(0, Math.min(current, people.length - 1));
  const place = conversation?.kind === 'room' || isRoom ? 'the room' : conversation?.kind === 'channel' ? 'the channel' : conversation?.kind === 'group' ? 'the group' : 'the conversation';

  const remove = async (p: Person) => {
    const index = people.findIndex((x) => x.id === p.id);
    setBusy(p.id);
    const err = await removeParticipant(conversationId, p.id);
    setBusy(null);
    setError(err);
    if (!err) {
      pushToast({ kind: 'success', message: `${p.name} was removed.` });
      // Their row (and the Remove button that had the keyboard) is gone: the next member takes it.
      setRefocus(index);
    }
  };
  useEffect(() => {
    if (refocus === null) return;
    setRefocus(null);
    const rows = list.current?.querySelectorAll<HTMLElement>('[data-row]');
    const next = rows?.[Math.min(refocus, rows.length - 1)];
    if (next) {
      setCurrent(Math.min(refocus, (rows?.length ?? 1) - 1));
      next.focus();
    } else list.current?.focus();
  }, [refocus]);
  const open = (p: Person) => openPanel({ kind: 'people', personId: p.id });
  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, p: Person) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      open(p);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      // The row's Remove, which asks first.
      const button = e.currentTarget.querySelector<HTMLButtonElement>('[data-testid="person-remove"]');
      if (!button) return;
      e.preventDefault();
      button.click();
    }
  };

  return (
    // Busy until the list is read: the side panel's keyboard waits for its first row (see SidePanel).
    <div className="people" aria-busy={!data || (data.status === 'loading' && data.value === undefined)}>
      {isRoom && <Membership conversationId={conversationId} />}
      <div className="panel-bar">
        <span className="panel-count" data-testid="people-count">
          {data?.status === 'loading' && !data.value ? 'Loading…' : `${people.length} ${people.length === 1 ? 'person' : 'people'}`}
        </span>
      </div>
      {data?.status === 'error' && <ErrorNote error={data.error} testId="people-error" />}
      <ErrorNote error={error} testId="people-action-error" />
      {people.length > 0 && (
        <ul ref={list} tabIndex={-1} className="panel-list panel-list-tight" aria-label="People in this conversation" onKeyDown={onRowKeys}>
          {people.map((p, i) => (
            <li
              key={p.id}
              className="panel-row person-row"
              data-row
              tabIndex={i === at ? 0 : -1}
              aria-label={`${p.name}${p.isSelf ? ' (you)' : ''}${owners.has(p.id) ? ', owner' : ''}`}
              aria-keyshortcuts={removable && !p.isSelf ? 'Enter Delete' : 'Enter'}
              onFocus={() => setCurrent(i)}
              data-testid="person-row"
              onKeyDown={(e) => onRowKey(e, p)}
            >
              <button type="button" className="person-open" tabIndex={-1} onClick={() => open(p)} title={`Open ${p.name}'s profile`}>
                <PersonAvatar person={p} size={28} />
                <span className="person-text">
                  <span className="person-name">
                    {p.name}
                    {p.isSelf && <span className="person-tag">you</span>}
                    {owners.has(p.id) && <span className="person-tag person-tag-owner">owner</span>}
                  </span>
                  {metaOf(p) && <span className="person-meta">{metaOf(p)}</span>}
                </span>
              </button>
              {removable && !p.isSelf && (
                <ConfirmButton small label="Remove" ariaLabel={`Remove ${p.name} from ${place}`} tabIndex={i === at ? 0 : -1} confirmLabel="Remove" question={`Remove ${p.name} from ${place}?`} busy={busy === p.id} onConfirm={() => remove(p)} testId="person-remove" />
              )}
            </li>
          ))}
        </ul>
      )}
      {people.length > 1 && (
        <p className="panel-hint">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> profile{removable ? <> · <kbd>Delete</kbd> remove</> : null}
        </p>
      )}
      {sameReason ? (
        <p className="panel-hint" data-testid="add-person-unsupported">
          {canAdd.reason}
        </p>
      ) : (
        <>
          {conversation && <AddPerson conversation={conversation} members={people} />}
          {canRemove && !canRemove.supported && canRemove.reason && people.length > 1 && <p className="panel-hint">Removing people: {canRemove.reason}</p>}
        </>
      )}
      {canRemove?.supported && notOwner && people.length > 1 && (
        <p className="panel-hint" data-testid="people-remove-owners">
          Only the room’s owners can remove people.
        </p>
      )}
    </div>
  );
}

/** Join or leave a Genesys room (leaving asks first). */
function Membership({ conversationId }: { conversationId: ConversationId }) {
  const details = useStore((s) => s.details);
  const actions = useStore((s) => s.actions);
  const joinRoom = useStore((s) => s.joinRoom);
  const leaveRoom = useStore((s) => s.leaveRoom);
  const loadDetails = useStore((s) => s.loadDetails);
  const loadParticipants = useStore((s) => s.loadParticipants);
  const pushToast = useStore((s) => s.pushToast);
  const focusRegion = useStore((s) => s.focusRegion);
  const known = useStore((s) => s.membership[conversationId]);
  const box = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const d = details?.key === conversationId ? details.value : undefined;
  if (!d) return null;
  const isMember = known ?? d.isMember;
  const join = supportOf(actions, conversationId, 'join');
  const leave = supportOf(actions, conversationId, 'leave');
  const parsed = parseConversationId(conversationId);
  const jid = parsed?.kind === 'room' ? parsed.roomJid : null;

  const doJoin = async () => {
    if (!jid) return;
    setBusy(true);
    const res = await joinRoom(jid);
    setBusy(false);
    setError(res.ok ? null : res.error);
    if (res.ok) {
      pushToast({ kind: 'success', message: 'You joined the room.' });
      void loadDetails(conversationId);
      void loadParticipants(conversationId);
      // The Join button goes; the people list (or the panel's next control) takes the keyboard.
      box.current?.parentElement?.querySelector<HTMLElement>('[data-row][tabindex="0"], [data-testid="room-leave"]')?.focus();
    }
  };
  const doLeave = async () => {
    setBusy(true);
    const err = await leaveRoom(conversationId);
    setBusy(false);
    setError(err);
    if (!err) {
      pushToast({ kind: 'success', message: 'You left the room.' });
      // The Leave button is gone: the keyboard goes to the composer's "Join room" notice.
      focusRegion('composer');
    }
  };

  return (
    <div ref={box} className="membership" data-testid="membership">
      {isMember ? (
        <>
          <span className="panel-hint">You are a member of this room.</span>
          {(leave?.supported ?? true) && <ConfirmButton small label="Leave room" confirmLabel="Leave" question="Leave this room? You stop receiving its messages. It stays in your inbox with its history, and you can join it again from there." busy={busy} onConfirm={() => doLeave()} testId="room-leave" />}
        </>
      ) : (
        <>
          <span className="panel-hint">You are not a member: you can read what is shared with you but not write.</span>
          {(join?.supported ?? true) && (
            <Button size="sm" variant="primary" onClick={() => void doJoin()} disabled={busy} data-testid="room-join">
              Join room
            </Button>
          )}
        </>
      )}
      <ErrorNote error={error} testId="membership-error" />
    </div>
  );
}

/**
 * Add someone by picking them or typing their id; hidden with the reason where the network cannot.
 * Who is already in the conversation is not suggested, and a typed id of one of them is answered
 * here rather than sent to a network that may add nobody and say it worked.
 */
function AddPerson({ conversation, members }: { conversation: Conversation; members: readonly Person[] }) {
  const actions = useStore((s) => s.actions);
  const addParticipant = useStore((s) => s.addParticipant);
  const pushToast = useStore((s) => s.pushToast);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  // Stable while the members are the same: the picker asks for suggestions again when it changes.
  const memberIds = members.map((p) => p.id).join('\n');
  const notMember = useCallback((p: Person) => !memberIds.split('\n').includes(p.id), [memberIds]);
  const support = supportOf(actions, conversation.id, 'addParticipant');
  if (!support) return null;
  if (!support.supported)
    return (
      <p className="panel-hint" data-testid="add-person-unsupported">
        Adding people: {support.reason ?? 'not possible here.'}
      </p>
    );
  const genesys = conversation.source === 'genesys';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const who = picked[0];
    if (!who || busy) return;
    const member = members.find((p) => namesPerson(p, who));
    if (member) {
      setError({ message: member.isSelf ? 'You are already in this conversation.' : `${member.name} is already in this conversation.` });
      return;
    }
    setBusy(true);
    const err = await addParticipant(conversation.id, who.key);
    setBusy(false);
    setError(err);
    if (!err) {
      // A typed id is named once the list shows who it was.
      const listed = useStore.getState().participants?.value?.find((p) => namesPerson(p, who));
      pushToast({ kind: 'success', message: `${listed?.name ?? who.label} was added.` });
      setPicked([]);
    }
  };

  return (
    <form className="add-person" onSubmit={submit} aria-label="Add a person" data-testid="add-person">
      <PersonPicker
        label="Add a person"
        value={picked}
        onChange={setPicked}
        toKey={genesys ? genesysPersonKey : unipilePersonKey}
        allowRaw
        filter={notMember}
        placeholder={genesys ? 'Name or Genesys user id' : 'Name or phone / provider id'}
        hint={genesys ? 'Pick someone, or paste their Genesys user id and press Enter.' : 'Pick someone, or type their provider id (a phone number for WhatsApp).'}
        testId="add-person-picker"
      />
      <Button type="submit" size="sm" variant="primary" disabled={!picked.length || busy} data-testid="add-person-submit">
        {busy ? 'Adding…' : 'Add'}
      </Button>
      <ErrorNote error={error} testId="add-person-error" />
    </form>
  );
}
