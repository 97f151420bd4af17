import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../../shared/domain/ids';
import type { ActionSupport, ChatAction } from '../../../../shared/ipc/contract';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation, makeMessage, makePerson, type HandlerTable } from '../palette/fakeApi';
import { SidePanel } from './SidePanel';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

const ROOM = makeConversation('g:room:r1@conference.demo', 'Release room');
const CHAT = makeConversation('u:c1', 'Family', { network: 'slack', disabled: ['pins'] });

function open(conversation: typeof ROOM, panel: Parameters<ReturnType<typeof useStore.getState>['openPanel']>[0], handlers: HandlerTable) {
  const api = fakeApi({ 'conversation:get': () => ({ conversation, pins: [] }), ...handlers });
  setApiForTests(api);
  act(() => {
    useStore.getState().upsertConversation(conversation);
    useStore.getState().openConversation(conversation.id);
    useStore.getState().openPanel(panel);
  });
  render(<SidePanel />);
  return api;
}

const pins = (n: number) => Array.from({ length: n }, (_, i) => ({ messageId: `g:p${i}` as MessageId, message: makeMessage(`g:p${i}`, ROOM.id, `Pinned ${i}`) }));

describe('Pins panel', () => {
  it('says how many are pinned and the most there can be, and explains the limit before a sixth pin fails', async () => {
    open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: pins(5), limit: 5 }) });
    expect((await screen.findByTestId('pins-count')).textContent).toBe('5 pinned · at most 5');
    expect(screen.getByTestId('pins-limit').textContent).toMatch(/the most Genesys Cloud allows\. Unpin one before pinning another/);
    expect(screen.getAllByTestId('pin-row')).toHaveLength(5);
  });

  it('jumps with Enter and unpins with Delete, moving with the arrows', async () => {
    const api = open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: pins(3), limit: 5 }), 'pins:set': () => ({ clientId: 'x' }) });
    const rows = await screen.findAllByTestId('pin-row');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1]!, { key: 'Enter' });
    expect(useStore.getState().jumpTarget).toMatchObject({ conversationId: ROOM.id, messageId: 'g:p1' });
    fireEvent.keyDown(rows[1]!, { key: 'Delete' });
    await waitFor(() => expect(api.callsTo('pins:set')).toEqual([{ messageId: 'g:p1', pinned: false }]));
    await waitFor(() => expect(screen.getAllByTestId('pin-row')).toHaveLength(2));
  });

  it('reads "3 pinned · at most 5", not "3 of 5" (as if two were missing)', async () => {
    open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: pins(3), limit: 5 }) });
    expect((await screen.findByTestId('pins-count')).textContent).toBe('3 pinned · at most 5');
  });

  it('keeps the keyboard in the list when unpinning: the next pin, the one above after the last, then the panel', async () => {
    let left = pins(3);
    open(ROOM, { kind: 'pins' }, {
      'pins:list': () => ({ pins: left, limit: 5 }),
      'pins:set': ({ messageId }) => {
        left = left.filter((p) => p.messageId !== messageId);
        return { clientId: 'x' };
      },
    });
    const rows = await screen.findAllByTestId('pin-row');
    rows[1]!.focus();
    fireEvent.keyDown(rows[1]!, { key: 'Delete' });
    await waitFor(() => expect(screen.getAllByTestId('pin-row')).toHaveLength(2));
    // The pin below took its place, and the keyboard with it.
    expect(document.activeElement).toBe(screen.getByRole('listitem', { name: /Pinned 2$/ }));
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    fireEvent.keyDown(document.activeElement!, { key: 'Delete' });
    await waitFor(() => expect(screen.getAllByTestId('pin-row')).toHaveLength(1));
    // It was the last: the one above.
    expect(document.activeElement).toBe(screen.getByRole('listitem', { name: /Pinned 0$/ }));
    // By its Unpin button too; none left, the panel has it.
    const unpin = screen.getByTestId('pin-unpin');
    unpin.focus();
    fireEvent.click(unpin);
    await screen.findByTestId('pins-empty');
    expect(document.activeElement).toBe(screen.getByTestId('panel-pins'));
  });

  it('explains that chats of other networks have no pinned messages', async () => {
    const api = open(CHAT, { kind: 'pins' }, {});
    expect((await screen.findByTestId('pins-unsupported')).textContent).toMatch(/Genesys Cloud feature/);
    expect(api.callsTo('pins:list')).toHaveLength(0);
  });
});

function support(map: Partial<Record<ChatAction, string | true>>): ActionSupport[] {
  return (Object.entries(map) as [ChatAction, string | true][]).map(([action, v]) => (v === true ? { action, supported: true } : { action, supported: false, reason: v }));
}

describe('Details panel', () => {
  it('offers what the network supports and lists the rest with the reason', async () => {
    const api = open(CHAT, { kind: 'details' }, {
      'conversation:details': () => ({ ownerIds: [], createdAt: null, createdBy: null, canEdit: false, isMember: true }),
      'conversation:actions': () => ({ actions: support({ markUnread: true, mute: 'Muting is available on WhatsApp and LinkedIn only.', historyFull: true, delete: 'Deleting a chat is available on WhatsApp and LinkedIn only.', join: 'Only Genesys rooms can be joined from Switchboard.' }) }),
      'sync:historyFull': () => ({ status: 'SYNC_STARTED' }),
    });
    await screen.findByTestId('action-historyFull');
    expect(screen.queryByTestId('action-mute')).toBeNull();
    expect(screen.queryByTestId('action-delete')).toBeNull();
    const list = screen.getByTestId('details-unsupported');
    expect(within(list).getByText('Muting is available on WhatsApp and LinkedIn only.')).toBeTruthy();
    expect(within(list).getByText('Deleting a chat is available on WhatsApp and LinkedIn only.')).toBeTruthy();
    // Join concerns rooms one is not in: not listed for a member.
    expect(within(list).queryByText(/joined/)).toBeNull();
    fireEvent.click(screen.getByTestId('action-historyFull'));
    await waitFor(() => expect(api.callsTo('sync:historyFull')).toEqual([{ conversationId: CHAT.id }]));
    await waitFor(() => expect(useStore.getState().toasts.at(-1)?.message).toMatch(/SYNC_STARTED/));
  });

  it('asks before deleting a chat', async () => {
    const wa = makeConversation('u:wa', 'Neighbours', { network: 'whatsapp' });
    const api = open(wa, { kind: 'details' }, {
      'conversation:details': () => ({ ownerIds: [], createdAt: null, createdBy: null, canEdit: false, isMember: true }),
      'conversation:actions': () => ({ actions: support({ delete: true, mute: true }) }),
      'conversation:delete': () => ({ ok: true as const }),
    });
    fireEvent.click(await screen.findByTestId('action-delete'));
    expect(api.callsTo('conversation:delete')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('action-delete-confirm'));
    await waitFor(() => expect(api.callsTo('conversation:delete')).toEqual([{ conversationId: wa.id }]));
    await waitFor(() => expect(useStore.getState().activeConversationId).toBeNull());
  });

  it('lets owners edit a room, checking the subject before saving', async () => {
    const api = open(ROOM, { kind: 'details' }, {
      'conversation:details': () => ({ subject: 'Release', description: 'Ship it', ownerIds: ['g:me' as PersonId], createdAt: 1_700_000_000_000, createdBy: null, canEdit: true, isMember: true }),
      'conversation:actions': () => ({ actions: support({ markUnread: true, editDetails: true, leave: true }) }),
      'people:list': () => ({ people: [makePerson('g:me', 'Sam Rivera', { isSelf: true })] }),
      'rooms:update': () => ({ conversation: ROOM }),
    });
    expect((await screen.findByTestId('details-owners')).textContent).toBe('You'); // the user themself (isSelf), not their own name
    fireEvent.click(screen.getByTestId('details-edit'));
    const subject = screen.getByTestId('details-subject-input');
    fireEvent.change(subject, { target: { value: '  ' } });
    expect(screen.getByText('A room needs a subject.')).toBeTruthy();
    expect(screen.getByTestId('details-save')).toHaveProperty('disabled', true);
    fireEvent.change(subject, { target: { value: 'Release 2.0' } });
    fireEvent.submit(subject.closest('form')!);
    await waitFor(() => expect(api.callsTo('rooms:update')).toEqual([{ conversationId: ROOM.id, subject: 'Release 2.0' }]));
  });

  const ownRoom = (onUpdate: () => void = () => {}) => ({
    'conversation:details': () => ({ subject: 'Release', description: 'Ship it', ownerIds: ['g:me' as PersonId], createdAt: null, createdBy: null, canEdit: true, isMember: true }),
    'conversation:actions': () => ({ actions: support({ markUnread: true, editDetails: true }) }),
    'people:list': () => ({ people: [makePerson('g:me', 'Sam Rivera', { isSelf: true })] }),
    'rooms:update': () => {
      onUpdate();
      return { conversation: ROOM };
    },
  });

  it('saves with Ctrl+Enter from any field of the edit form, as its hint says, and gives the keyboard back to Edit details', async () => {
    const api = open(ROOM, { kind: 'details' }, ownRoom());
    fireEvent.click(await screen.findByTestId('details-edit'));
    const subject = screen.getByTestId('details-subject-input');
    fireEvent.change(subject, { target: { value: 'Release 3.0' } });
    fireEvent.keyDown(subject, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(api.callsTo('rooms:update')).toEqual([{ conversationId: ROOM.id, subject: 'Release 3.0' }]));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('details-edit')));
    // From the owners picker too (Cmd+Enter on a Mac).
    fireEvent.click(screen.getByTestId('details-edit'));
    fireEvent.change(screen.getByTestId('details-description-input'), { target: { value: 'Ship it today' } });
    fireEvent.keyDown(within(screen.getByTestId('details-owners-picker')).getByRole('combobox'), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(api.callsTo('rooms:update')).toHaveLength(2));
  });

  it('gives the keyboard back to Edit details when the edit is cancelled', async () => {
    open(ROOM, { kind: 'details' }, ownRoom());
    fireEvent.click(await screen.findByTestId('details-edit'));
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.click(cancel);
    expect(screen.queryByTestId('details-form')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('details-edit')));
    // Esc in a field cancels the same way.
    fireEvent.click(screen.getByTestId('details-edit'));
    fireEvent.keyDown(screen.getByTestId('details-subject-input'), { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('details-edit')));
  });

  it('keeps the keyboard on an action while it runs, not on the page', async () => {
    let answer: () => void = () => {};
    open(CHAT, { kind: 'details' }, {
      'conversation:details': () => ({ ownerIds: [], createdAt: null, createdBy: null, canEdit: false, isMember: true }),
      'conversation:actions': () => ({ actions: support({ markUnread: true }) }),
      'conversation:markRead': () => new Promise((resolve) => (answer = () => resolve({ ok: true as const }))),
    });
    const button = await screen.findByTestId('action-markUnread');
    button.focus();
    fireEvent.click(button);
    // Busy: it does nothing more, but it is not `disabled`, which would drop the keyboard to the page.
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'));
    expect(button).toHaveProperty('disabled', false);
    act(() => answer());
    await waitFor(() => expect(button.textContent).toBe('Mark as read'));
    expect(document.activeElement).toBe(button);
  });

  it('puts the keyboard on its first control once the details are read, even the first time', async () => {
    let answer: () => void = () => {};
    open(ROOM, { kind: 'details' }, {
      ...ownRoom(),
      'conversation:details': () =>
        new Promise((resolve) => (answer = () => resolve({ subject: 'Release', ownerIds: ['g:me' as PersonId], createdAt: null, createdBy: null, canEdit: true, isMember: true }))),
    });
    // The actions are there before the details: the keyboard waits on the panel, not on them.
    await screen.findByTestId('action-markUnread');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('panel-details')));
    expect(screen.getByTestId('details').getAttribute('aria-busy')).toBe('true');
    act(() => answer());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('details-copy-address')));
  });
});

describe('People panel', () => {
  it('lists participants, opens a person with Enter and shows their chats and messages', async () => {
    const api = open(CHAT, { kind: 'people' }, {
      'people:list': () => ({ people: [makePerson('u:bo', 'Bo Chen', { headline: 'Designer' }), makePerson('u:me', 'Sam', { isSelf: true })] }),
      'conversation:actions': () => ({ actions: support({ addParticipant: 'Adding people is available on WhatsApp and Telegram only.', removeParticipant: 'Removing people is available on WhatsApp and Telegram only.' }) }),
      'people:get': ({ personId }) => ({ person: makePerson(String(personId), 'Bo Chen', { headline: 'Designer', handle: 'U123' }) }),
      'people:conversations': () => ({ conversations: [makeConversation('u:dm-bo', 'Bo Chen', { network: 'slack', kind: 'dm' })] }),
      'people:messages': () => ({ messages: [makeMessage('u:m1', 'u:dm-bo', 'See you at 10')], next: null }),
    });
    const rows = await screen.findAllByTestId('person-row');
    expect(rows).toHaveLength(2);
    expect(screen.getByTestId('add-person-unsupported').textContent).toMatch(/WhatsApp and Telegram only/);
    expect(screen.queryByTestId('person-remove')).toBeNull();
    fireEvent.keyDown(rows[0]!, { key: 'Enter' });
    expect(useStore.getState().panel).toEqual({ kind: 'people', personId: 'u:bo' });
    expect(await screen.findByText('See you at 10')).toBeTruthy();
    expect(within(screen.getByTestId('person-chats')).getByText('Bo Chen')).toBeTruthy();
    expect(api.callsTo('people:messages')).toEqual([{ personId: 'u:bo', limit: 30 }]);
  });

  it('adds someone by a typed id and asks before removing', async () => {
    let people = [makePerson('g:ana', 'Ana Lima'), makePerson('g:me', 'Sam', { isSelf: true })];
    const api = open(ROOM, { kind: 'people' }, {
      'people:list': () => ({ people }),
      'people:query': () => ({ people: [] }),
      'conversation:actions': () => ({ actions: support({ addParticipant: true, removeParticipant: true, leave: true }) }),
      'conversation:details': () => ({ ownerIds: ['g:me' as PersonId], createdAt: null, createdBy: null, canEdit: true, isMember: true }),
      'people:add': ({ userId }) => {
        people = [...people, makePerson(userId, 'New person')];
        return { ok: true as const };
      },
      'people:remove': () => ({ ok: true as const }),
    });
    const input = within(await screen.findByTestId('add-person-picker')).getByRole('combobox');
    fireEvent.change(input, { target: { value: '7c1e-user' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('add-person-submit'));
    await waitFor(() => expect(api.callsTo('people:add')).toEqual([{ conversationId: ROOM.id, userId: '7c1e-user' }]));
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('person-remove')[0]!);
    expect(api.callsTo('people:remove')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('person-remove-confirm'));
    await waitFor(() => expect(api.callsTo('people:remove')).toEqual([{ conversationId: ROOM.id, personId: 'g:ana' }]));
  });
});

describe('Add a person', () => {
  const members = [makePerson('g:ana', 'Ana Lima', { handle: 'ana@demo' }), makePerson('g:me', 'Sam', { isSelf: true })];
  const room = (extra: HandlerTable = {}) =>
    open(ROOM, { kind: 'people' }, {
      'people:list': () => ({ people: members }),
      'people:query': () => ({ people: [makePerson('g:ana', 'Ana Lima'), makePerson('g:bo', 'Bo Chen')] }),
      'conversation:actions': () => ({ actions: support({ addParticipant: true, removeParticipant: true }) }),
      'conversation:details': () => ({ ownerIds: ['g:me' as PersonId], createdAt: null, createdBy: null, canEdit: true, isMember: true }),
      'people:add': () => ({ ok: true as const }),
      ...extra,
    });

  it('does not suggest who is already in the conversation', async () => {
    room();
    await screen.findAllByTestId('person-row');
    const input = within(screen.getByTestId('add-person-picker')).getByRole('combobox');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'a' } });
    expect(await screen.findByRole('option', { name: /Bo Chen/ })).toBeTruthy();
    expect(screen.queryByRole('option', { name: /Ana Lima/ })).toBeNull();
  });

  it('says a typed id is someone already in the conversation instead of asking the network', async () => {
    const api = room();
    await screen.findAllByTestId('person-row');
    const input = within(screen.getByTestId('add-person-picker')).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'ana' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('add-person-submit'));
    expect((await screen.findByTestId('add-person-error')).textContent).toBe('Ana Lima is already in this conversation.');
    expect(api.callsTo('people:add')).toHaveLength(0);
    expect(useStore.getState().toasts).toHaveLength(0);
  });

  it('says it once when people can neither be added nor removed for the same reason', async () => {
    const reason = 'People can be added or removed in groups only.';
    open(makeConversation('u:wa-dm', 'Lena', { network: 'whatsapp', kind: 'dm' }), { kind: 'people' }, {
      'people:list': () => ({ people: [makePerson('u:lena', 'Lena'), makePerson('u:me', 'Sam', { isSelf: true })] }),
      'conversation:actions': () => ({ actions: support({ addParticipant: reason, removeParticipant: reason }) }),
    });
    expect((await screen.findByTestId('add-person-unsupported')).textContent).toBe(reason);
    expect(screen.getByTestId('panel-people').textContent!.split(reason)).toHaveLength(2);
    expect(screen.queryByText(/^(Adding|Removing) people:/)).toBeNull();
  });
});

describe('Side panel', () => {
  it('closes with Esc and gives the keyboard to the composer', async () => {
    open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: [], limit: 5 }) });
    await screen.findByTestId('pins-empty');
    fireEvent.keyDown(screen.getByTestId('panel-pins'), { key: 'Escape' });
    expect(useStore.getState().panel).toBeNull();
    expect(useStore.getState().focusRequest.region).toBe('composer');
  });

  it('switches panels from its header', async () => {
    open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: [], limit: 5 }) });
    fireEvent.click(screen.getByRole('button', { name: 'People' }));
    expect(useStore.getState().panel).toEqual({ kind: 'people' });
  });

  it('renders names and text from the network as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    open(ROOM, { kind: 'pins' }, { 'pins:list': () => ({ pins: [{ messageId: 'g:x' as MessageId, message: makeMessage('g:x', ROOM.id, evil, { senderName: evil }) }], limit: 5 }) });
    const row = await screen.findByTestId('pin-row');
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain(evil);
  });
});


describe('Thread panel', () => {
  it('highlights the mentions a message has, as the timeline does (not every @Name in its text)', async () => {
    const root = makeMessage('g:root', ROOM.id, 'ship it?');
    const reply = makeMessage('g:r1', ROOM.id, 'ship it cc @Ren Kim, not @Ana Lima', { threadRootId: root.id, mentions: ['g:ren' as PersonId] });
    open(ROOM, { kind: 'thread', rootId: root.id }, { 'messages:get': () => ({ message: root }), 'messages:page': () => ({ messages: [root, reply], hasOlder: false, hasNewer: false }), 'threads:fetch': () => ({ added: 0 }) });
    act(() => useStore.setState({ personNames: { 'g:ren': 'Ren Kim', 'g:ana': 'Ana Lima' } }));
    const text = await screen.findByText((_, el) => el?.classList.contains('msg-text') === true && /cc @Ren Kim/.test(el.textContent ?? ''));
    expect([...text.querySelectorAll('.mention')].map((m) => m.textContent)).toEqual(['@Ren Kim']);
  });
});
