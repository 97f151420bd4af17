import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationId, PersonId } from '../../../../shared/domain/ids';
import { parseConversationId } from '../../../../shared/domain/idParse';
import type { Conversation } from '../../../../shared/domain/model';
import type { ActionSupport, ChatAction } from '../../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { NetworkIcon } from '../../components/NetworkIcon';
import { formatFull } from '../../components/format';
import { useStore } from '../../store';
import type { RoomDetails } from '../../store/panelsSlice';
import { copyRoomAddress } from '../inbox/conversationActions';
import { genesysPersonKey, PersonPicker, type Picked } from '../rooms/PersonPicker';
import { ConfirmButton, ErrorNote, Field } from '../settings/controls';
import { useConversation, useConversationChanges } from './hooks';

const KIND: Record<Conversation['kind'], string> = { room: 'room', dm: '1:1', group: 'group', channel: 'channel' };

/** Labels of the actions as the "not available here" list names them. */
const ACTION_LABEL: Record<ChatAction, string> = {
  markUnread: 'Mark as unread',
  mute: 'Mute',
  archive: 'Archive',
  pin: 'Pin chat',
  label: 'Labels',
  addParticipant: 'Add people',
  removeParticipant: 'Remove people',
  inviteLink: 'Invite link',
  delete: 'Delete',
  historyFull: 'Sync full history',
  editDetails: 'Edit details',
  join: 'Join',
  leave: 'Leave',
};

/**
 * A conversation's details and everything that can be done to it as a whole. What the network
 * cannot do is listed with the reason (from `conversation:actions`), never offered and then failed.
 */
export function DetailsPanel({ conversationId }: { conversationId: ConversationId }) {
  const conversation = useConversation(conversationId);
  const details = useStore((s) => s.details);
  const loadDetails = useStore((s) => s.loadDetails);
  const actions = useStore((s) => s.actions);
  const loadActions = useStore((s) => s.loadActions);
  const participants = useStore((s) => s.participants);
  const loadParticipants = useStore((s) => s.loadParticipants);
  const isRoom = parseConversationId(conversationId)?.kind === 'room';
  // What joining or leaving just changed shows at once, before the details are read again.
  const membership = useStore((s) => (isRoom ? s.membership[conversationId] : undefined));

  useEffect(() => {
    void loadDetails(conversationId);
    void loadActions(conversationId);
    if (isRoom) void loadParticipants(conversationId);
  }, [conversationId, isRoom, loadDetails, loadActions, loadParticipants]);
  useConversationChanges(conversationId, () => void loadActions(conversationId), { conversation: true });

  const d = details?.key === conversationId ? details : null;
  const a = actions?.key === conversationId ? actions.value : undefined;
  const names = new Map<string, string>((participants?.key === conversationId ? (participants.value ?? []) : []).map((p) => [p.id, p.name]));
  // Read for the first time: what comes first in the panel (a room's Copy room address, a chat's
  // People) is not there yet, so the side panel keeps the keyboard until it is (see SidePanel).
  const reading = (l: { status: string; value?: unknown } | null | undefined) => !l || (l.status === 'loading' && l.value === undefined);
  const busy = !conversation || reading(d) || reading(actions?.key === conversationId ? actions : null);

  return (
    <div className="details" data-testid="details" aria-busy={busy}>
      {conversation && (
        <div className="details-head">
          <NetworkIcon network={conversation.network} size={28} />
          <div className="details-head-text">
            <h3 className="details-title" data-testid="details-title">
              {conversation.title}
            </h3>
            <p className="panel-hint">
              {NETWORK_NAMES[conversation.network]} {KIND[conversation.kind]}
              {conversation.readOnly ? ' · read only' : ''}
              {conversation.muted ? ' · muted' : ''}
              {conversation.archived ? ' · archived' : ''}
              {conversation.pinned ? ' · pinned' : ''}
            </p>
          </div>
        </div>
      )}
      {d?.status === 'error' && <ErrorNote error={d.error} testId="details-error" />}
      {d?.value && conversation && (isRoom ? <RoomAbout conversationId={conversationId} details={d.value} names={names} /> : <ChatAbout conversation={conversation} details={d.value} />)}
      {conversation && a && <ConversationActions conversation={conversation} actions={a} isMember={membership ?? d?.value?.isMember ?? true} />}
    </div>
  );
}

function RoomAbout({ conversationId, details, names }: { conversationId: ConversationId; details: RoomDetails; names: Map<string, string> }) {
  const [editing, setEditing] = useState(false);
  // Saved or cancelled, the form (and the field or button that had the keyboard) is gone: the
  // keyboard goes back to Edit details, where it came from, unless the user put it elsewhere.
  const editButton = useRef<HTMLButtonElement>(null);
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (editing || !edited) return;
    setEdited(false);
    const at = document.activeElement;
    if (at === null || at === document.body || !at.isConnected) editButton.current?.focus();
  }, [editing, edited]);
  const selfIds = useStore((s) => s.selfIds);
  const listedSelf = useStore((s) => (s.participants?.key === conversationId ? s.participants.value?.find((p) => p.isSelf)?.id : undefined));
  const isSelf = (id: string) => !!selfIds[id] || id === listedSelf;
  const parsed = parseConversationId(conversationId);
  const jid = parsed?.kind === 'room' ? parsed.roomJid : null;
  if (editing)
    return (
      <RoomEditForm
        conversationId={conversationId}
        details={details}
        names={names}
        onDone={() => {
          setEditing(false);
          setEdited(true);
        }}
      />
    );
  return (
    <section className="panel-section" aria-label="About this room">
      <dl className="details-facts">
        <dt>Subject</dt>
        <dd data-testid="details-subject">{details.subject ?? <span className="panel-hint">None</span>}</dd>
        <dt>Description</dt>
        <dd className="details-description" data-testid="details-description">
          {details.description ?? <span className="panel-hint">None</span>}
        </dd>
        <dt>Owners</dt>
        <dd data-testid="details-owners">{details.ownerIds.length ? details.ownerIds.map((id) => (isSelf(id) ? 'You' : (names.get(id) ?? id))).join(', ') : <span className="panel-hint">None listed</span>}</dd>
        <dt>Created</dt>
        <dd>{details.createdAt ? formatFull(details.createdAt) : <span className="panel-hint">Unknown</span>}</dd>
        {jid && (
          <>
            <dt>Address</dt>
            <dd className="details-address" data-testid="details-address">
              {jid}
            </dd>
          </>
        )}
      </dl>
      <div className="details-actions" data-testid="details-room-actions">
        {jid && (
          <Button size="sm" onClick={() => void copyRoomAddress(conversationId)} data-testid="details-copy-address">
            Copy room address
          </Button>
        )}
        {details.canEdit && (
          <Button size="sm" ref={editButton} onClick={() => setEditing(true)} data-testid="details-edit">
            Edit details
          </Button>
        )}
      </div>
      {!details.canEdit && <p className="panel-hint">Only the room’s owners can change its subject, description and owners.</p>}
    </section>
  );
}

function RoomEditForm({ conversationId, details, names, onDone }: { conversationId: ConversationId; details: RoomDetails; names: Map<string, string>; onDone: () => void }) {
  const updateRoom = useStore((s) => s.updateRoom);
  const pushToast = useStore((s) => s.pushToast);
  const [subject, setSubject] = useState(details.subject ?? '');
  const [description, setDescription] = useState(details.description ?? '');
  const [owners, setOwners] = useState<Picked[]>(details.ownerIds.map((id) => ({ key: id, label: names.get(id) ?? id, personId: id })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);

  const subjectError = subject.trim() === '' ? 'A room needs a subject.' : subject.length > 200 ? 'At most 200 characters.' : null;
  const descriptionError = description.length > 2000 ? `At most 2000 characters (${description.length} now).` : null;
  const ownersError = owners.length === 0 ? 'A room needs at least one owner.' : null;
  const ownersChanged = owners.map((o) => o.key).sort().join() !== [...details.ownerIds].sort().join();
  const changed = subject.trim() !== (details.subject ?? '') || description !== (details.description ?? '') || ownersChanged;
  const valid = !subjectError && !descriptionError && !ownersError;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!valid || !changed || busy) return;
    setBusy(true);
    const err = await updateRoom(conversationId, {
      ...(subject.trim() !== (details.subject ?? '') ? { subject: subject.trim() } : {}),
      ...(description !== (details.description ?? '') ? { description } : {}),
      ...(ownersChanged ? { ownerIds: owners.map((o) => o.key as PersonId) } : {}),
    });
    setBusy(false);
    setError(err);
    if (!err) {
      pushToast({ kind: 'success', message: 'Room details saved.' });
      onDone();
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // Ctrl/Cmd+Enter saves from any field, as the hint says (the owners picker leaves it to the form).
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      onDone();
    }
  };

  return (
    <form className="panel-section details-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Edit room details" data-testid="details-form" noValidate>
      <Field label="Subject" error={subjectError}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="sb-input" value={subject} onChange={(e) => setSubject(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} maxLength={300} data-autofocus autoFocus data-testid="details-subject-input" />
        )}
      </Field>
      <Field label="Description" error={descriptionError}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="sb-textarea"
            rows={4}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="details-description-input"
          />
        )}
      </Field>
      <PersonPicker label="Owners" multiple value={owners} onChange={setOwners} toKey={genesysPersonKey} placeholder="Add an owner" testId="details-owners-picker" />
      {ownersError && (
        <p className="sb-field-error" role="alert">
          {ownersError}
        </p>
      )}
      {/* For the whole form, not one field: the keys work from every one of them. */}
      <p className="sb-hint" data-testid="details-edit-keys">
        Ctrl+Enter saves from any field · Esc cancels
      </p>
      <div className="sb-form-actions">
        <Button type="submit" variant="primary" size="sm" disabled={!valid || !changed || busy} data-testid="details-save">
          {busy ? 'Saving…' : 'Save'}
        </Button>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <ErrorNote error={error} testId="details-save-error" />
    </form>
  );
}

function ChatAbout({ conversation, details }: { conversation: Conversation; details: RoomDetails }) {
  const openPanel = useStore((s) => s.openPanel);
  const dm = parseConversationId(conversation.id);
  return (
    <section className="panel-section" aria-label="About this conversation">
      <dl className="details-facts">
        {(details.subject ?? conversation.subject) && (
          <>
            <dt>Subject</dt>
            <dd data-testid="details-subject">{details.subject ?? conversation.subject}</dd>
          </>
        )}
        {details.description && (
          <>
            <dt>Description</dt>
            <dd className="details-description">{details.description}</dd>
          </>
        )}
        <dt>Network</dt>
        <dd>{NETWORK_NAMES[conversation.network]}</dd>
        {conversation.labels && conversation.labels.length > 0 && (
          <>
            <dt>Labels</dt>
            <dd data-testid="details-labels">
              {conversation.labels.map((l) => (
                <span key={l} className="details-label">
                  {l}
                </span>
              ))}
            </dd>
          </>
        )}
        {conversation.lastActivity && (
          <>
            <dt>Last activity</dt>
            <dd>{formatFull(conversation.lastActivity)}</dd>
          </>
        )}
      </dl>
      {dm?.kind === 'dm' && (
        <Button size="sm" onClick={() => openPanel({ kind: 'people', personId: `g:${dm.userId}` as PersonId })}>
          View their profile
        </Button>
      )}
      {conversation.kind !== 'dm' && dm?.kind !== 'dm' && (
        <Button size="sm" onClick={() => openPanel({ kind: 'people' })}>
          People
        </Button>
      )}
    </section>
  );
}

function ConversationActions({ conversation, actions, isMember }: { conversation: Conversation; actions: ActionSupport[]; isMember: boolean }) {
  const setFlag = useStore((s) => s.setConversationFlag);
  const markRead = useStore((s) => s.markConversationRead);
  const inviteLink = useStore((s) => s.inviteLink);
  const historyFull = useStore((s) => s.historyFull);
  const deleteConversation = useStore((s) => s.deleteConversation);
  const leaveRoom = useStore((s) => s.leaveRoom);
  const joinRoom = useStore((s) => s.joinRoom);
  const pushToast = useStore((s) => s.pushToast);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState<ChatAction | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const focusRegion = useStore((s) => s.focusRegion);
  const section = useRef<HTMLElement>(null);
  // Joined: the Join button is gone, so the keyboard moves to the panel's next control (once the
  // buttons are enabled again), not to the page.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus || busy !== null) return;
    setRefocus(false);
    section.current?.querySelector<HTMLButtonElement>('.details-actions button:not([disabled]):not([data-testid="action-join"])')?.focus();
  }, [refocus, busy]);

  const ok = (action: ChatAction) => actions.find((a) => a.action === action)?.supported === true;
  const run = async (action: ChatAction, work: () => Promise<{ message: string } | null>, done?: string) => {
    setBusy(action);
    const err = await work();
    setBusy(null);
    setError(err);
    if (!err && done) pushToast({ kind: 'success', message: done });
  };
  const flag = (action: 'mute' | 'archive' | 'pin' | 'label', value: boolean | string, done: string) =>
    run(action, async () => {
      const res = await setFlag(conversation.id, action, value);
      return res.ok ? null : res.error;
    }, done);

  const unread = conversation.unreadCount > 0;
  // Join and leave belong to rooms, shown by membership; the rest by what the network supports.
  // Room-only actions say nothing useful about a chat of another network, so they are left out there.
  const roomOnly = new Set<ChatAction>(conversation.source === 'unipile' ? ['editDetails', 'join', 'leave'] : []);
  const unsupported = actions.filter((a) => !a.supported && !roomOnly.has(a.action) && !(a.action === 'join' && isMember) && !(a.action === 'leave' && !isMember));

  const submitLabel = (e: FormEvent) => {
    e.preventDefault();
    const l = label.trim();
    if (!l) return;
    void flag('label', l, `Label “${l}” added.`).then(() => setLabel(''));
  };

  return (
    <section ref={section} className="panel-section" aria-labelledby="details-actions-h" data-testid="details-actions">
      <h3 id="details-actions-h" className="panel-subhead">
        Conversation
      </h3>
      {/* While one runs the others wait; the one pressed keeps the keyboard (focusableWhenDisabled)
          and stays under it, relabelled, instead of dropping it to the page. Pinning marks the chat
          (on the network, and with a pin in the inbox); the inbox keeps its newest-first order, so
          the toast promises no move to the top. */}
      <div className="details-actions">
        {ok('markUnread') && (
          <Button size="sm" disabled={busy !== null} focusableWhenDisabled onClick={() => void run('markUnread', () => markRead(conversation.id, unread), unread ? 'Marked as read.' : 'Marked as unread.')} data-testid="action-markUnread">
            {unread ? 'Mark as read' : 'Mark as unread'}
          </Button>
        )}
        {ok('mute') && (
          <Button size="sm" disabled={busy !== null} focusableWhenDisabled aria-pressed={conversation.muted} onClick={() => void flag('mute', !conversation.muted, conversation.muted ? 'Unmuted.' : 'Muted: no notifications from this chat.')} data-testid="action-mute">
            {conversation.muted ? 'Unmute' : 'Mute'}
          </Button>
        )}
        {ok('archive') && (
          <Button size="sm" disabled={busy !== null} focusableWhenDisabled aria-pressed={conversation.archived} onClick={() => void flag('archive', !conversation.archived, conversation.archived ? 'Moved back to the inbox.' : 'Archived.')} data-testid="action-archive">
            {conversation.archived ? 'Unarchive' : 'Archive'}
          </Button>
        )}
        {ok('pin') && (
          <Button size="sm" disabled={busy !== null} focusableWhenDisabled aria-pressed={conversation.pinned} onClick={() => void flag('pin', !conversation.pinned, conversation.pinned ? 'Chat unpinned.' : 'Chat pinned.')} data-testid="action-pin">
            {conversation.pinned ? 'Unpin chat' : 'Pin chat'}
          </Button>
        )}
        {ok('historyFull') && (
          <Button
            size="sm"
            disabled={busy !== null}
            focusableWhenDisabled
            onClick={() =>
              void run('historyFull', async () => {
                const res = await historyFull(conversation.id);
                if (res.ok) pushToast({ kind: 'success', message: `Syncing the whole history from its beginning (${res.value}). It arrives in the background.` });
                return res.ok ? null : res.error;
              })
            }
            data-testid="action-historyFull"
          >
            {busy === 'historyFull' ? 'Starting…' : 'Sync full history'}
          </Button>
        )}
        {ok('inviteLink') && (
          <Button
            size="sm"
            disabled={busy !== null}
            focusableWhenDisabled
            onClick={() =>
              void run('inviteLink', async () => {
                const res = await inviteLink(conversation.id);
                if (res.ok) setLink(res.value);
                return res.ok ? null : res.error;
              })
            }
            data-testid="action-inviteLink"
          >
            Get invite link
          </Button>
        )}
        {conversation.kind === 'room' && !isMember && ok('join') && (
          <Button
            size="sm"
            variant="primary"
            disabled={busy !== null}
            focusableWhenDisabled
            onClick={() => {
              let joined = false;
              void run('join', async () => {
                const p = parseConversationId(conversation.id);
                if (p?.kind !== 'room') return null;
                const res = await joinRoom(p.roomJid);
                joined = res.ok;
                return res.ok ? null : res.error;
              }, 'You joined the room.').then(() => setRefocus(joined));
            }}
            data-testid="action-join"
          >
            Join room
          </Button>
        )}
      </div>
      {link && (
        <div className="invite-link" data-testid="invite-link">
          <input className="sb-input sb-input-mono" readOnly value={link} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} />
          <Button
            size="sm"
            onClick={() =>
              void navigator.clipboard.writeText(link).then(
                () => pushToast({ kind: 'success', message: 'Invite link copied.' }),
                () => setError({ message: 'Could not copy: select the link and copy it yourself.' }),
              )
            }
          >
            Copy
          </Button>
        </div>
      )}
      {ok('label') && (
        <form className="label-form" onSubmit={submitLabel} aria-label="Add a label">
          <input className="sb-input" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Add a label" maxLength={100} aria-label="Label" data-testid="label-input" />
          <Button type="submit" size="sm" disabled={!label.trim() || busy !== null}>
            Add
          </Button>
        </form>
      )}
      <div className="details-danger">
        {conversation.kind === 'room' && isMember && ok('leave') && (
          <ConfirmButton
            small
            label="Leave room"
            confirmLabel="Leave"
            question="Leave this room? You stop receiving its messages. It stays in your inbox with its history, and you can join it again from there."
            busy={busy === 'leave'}
            onConfirm={() =>
              run('leave', async () => {
                const err = await leaveRoom(conversation.id);
                // The Leave button is gone: the keyboard goes to the composer's "Join room" notice.
                if (!err) focusRegion('composer');
                return err;
              }, 'You left the room.')
            }
            testId="action-leave"
          />
        )}
        {ok('delete') && (
          <ConfirmButton
            small
            label="Delete chat"
            confirmLabel="Delete"
            question={`Delete this chat for you on ${NETWORK_NAMES[conversation.network]}? This cannot be undone.`}
            busy={busy === 'delete'}
            onConfirm={() => run('delete', () => deleteConversation(conversation.id), 'Chat deleted.')}
            testId="action-delete"
          />
        )}
      </div>
      <ErrorNote error={error} testId="details-action-error" />
      {unsupported.length > 0 && (
        <details className="unsupported" data-testid="details-unsupported">
          <summary>Not available in this {KIND[conversation.kind]} ({unsupported.length})</summary>
          <ul>
            {unsupported.map((a) => (
              <li key={a.action} data-action={a.action}>
                <span className="unsupported-name">{ACTION_LABEL[a.action]}</span>
                <span className="unsupported-reason">{a.reason ?? 'Not supported here.'}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
