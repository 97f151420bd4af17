import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountId, ConversationId } from '../../../../shared/domain/ids';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation, makePerson, type HandlerTable } from '../palette/fakeApi';
import { DIALOGS } from '../shell/dialogs';
import { accountMismatch, AddParticipantDialog, JoinRoomDialog, NewChatDialog, NewRoomDialog, OpenDmDialog, roomJidError } from './RoomDialogs';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

const api = (h: HandlerTable) => {
  // Like the cache: people whose name or handle holds the text.
  const everyone = [makePerson('g:ana', 'Ana Lima'), makePerson('u:bo', 'Bo Chen', { handle: '+4470000' })];
  const a = fakeApi({ 'people:query': ({ text }) => ({ people: everyone.filter((p) => `${p.name} ${p.handle ?? ''}`.toLowerCase().includes(String(text ?? '').toLowerCase())) }), ...h });
  setApiForTests(a);
  return a;
};

describe('room dialogs', () => {
  it('are registered for the palette under their ids', () => {
    expect(Object.keys(DIALOGS)).toEqual(expect.arrayContaining(['newRoom', 'joinRoom', 'openDm', 'newChat', 'addParticipant']));
  });

  it('create a room with members picked by keyboard, then open it', async () => {
    const a = api({ 'rooms:create': (input) => ({ conversation: makeConversation('g:room:new@conference.demo', input.subject) }) });
    const onClose = vi.fn();
    render(<NewRoomDialog args={undefined} onClose={onClose} />);
    const subject = screen.getByTestId('new-room-subject');
    expect(document.activeElement).toBe(subject);
    fireEvent.submit(subject.closest('form')!);
    expect(screen.getByText('A room needs a subject.')).toBeTruthy();
    expect(a.callsTo('rooms:create')).toHaveLength(0);
    fireEvent.change(subject, { target: { value: 'Launch' } });
    const members = within(screen.getByTestId('new-room-members')).getByRole('combobox');
    fireEvent.focus(members);
    fireEvent.change(members, { target: { value: 'an' } });
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Ana Lima']));
    fireEvent.keyDown(members, { key: 'Enter' });
    fireEvent.submit(subject.closest('form')!);
    await waitFor(() => expect(a.callsTo('rooms:create')).toEqual([{ subject: 'Launch', memberIds: ['g:ana'] }]));
    expect(onClose).toHaveBeenCalled();
    expect(useStore.getState().activeConversationId).toBe('g:room:new@conference.demo');
  });

  it('check a room address before joining and show the backend’s answer', async () => {
    const a = api({ 'rooms:join': () => ({ ok: false, error: { code: 'forbidden', message: 'You are not allowed to join this room.' } }) });
    render(<JoinRoomDialog args={undefined} onClose={() => {}} />);
    const jid = screen.getByTestId('join-room-jid');
    fireEvent.change(jid, { target: { value: 'general' } });
    fireEvent.submit(jid.closest('form')!);
    expect(screen.getByText(/A room address looks like/)).toBeTruthy();
    expect(a.callsTo('rooms:join')).toHaveLength(0);
    fireEvent.change(jid, { target: { value: 'abc@conference.demo-org.orgspan.com' } });
    fireEvent.submit(jid.closest('form')!);
    expect((await screen.findByTestId('join-room-error')).textContent).toBe('You are not allowed to join this room.');
  });

  it('open a 1:1 by a pasted user id', async () => {
    const a = api({ 'dm:open': ({ userId }) => ({ conversation: makeConversation(`g:dm:${userId}`, 'Ana Lima') }) });
    const onClose = vi.fn();
    render(<OpenDmDialog args={undefined} onClose={onClose} />);
    const input = within(screen.getByTestId('open-dm-person')).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'f00d-user' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(a.callsTo('dm:open')).toEqual([{ userId: 'f00d-user' }]));
    expect(onClose).toHaveBeenCalled();
  });

  it('Enter right after the text changed never picks a suggestion found for the text before', async () => {
    const a = api({ 'dm:open': ({ userId }) => ({ conversation: makeConversation(`g:dm:${userId}`, 'Someone') }) });
    render(<OpenDmDialog args={undefined} onClose={() => {}} />);
    const box = screen.getByTestId('open-dm-person');
    const input = within(box).getByRole('combobox');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'an' } });
    await waitFor(() => expect(within(box).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ana Lima']));
    // An id pasted over it and Enter at once, while Ana is still the highlighted suggestion.
    fireEvent.change(input, { target: { value: 'f00d-user' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(within(box).getByRole('button', { name: 'Remove f00d-user' })).toBeTruthy();
    expect(within(box).queryByRole('button', { name: 'Remove Ana Lima' })).toBeNull();
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(a.callsTo('dm:open')).toEqual([{ userId: 'f00d-user' }]));
  });

  it('start a chat from a linked account, with what is missing said before sending', async () => {
    const a = api({
      'account:status': () => ({
        mode: 'demo' as const,
        pinkfish: null,
        accounts: [
          { id: 'g' as AccountId, source: 'genesys' as const, network: 'genesys' as const, name: 'Genesys', status: 'connected' as const },
          { id: 'u:wa' as AccountId, source: 'unipile' as const, network: 'whatsapp' as const, name: 'Sam WhatsApp', status: 'connected' as const },
        ],
      }),
      'chats:start': () => ({ conversation: makeConversation('u:new', 'Bo Chen'), chatId: 'u:new' }),
    });
    render(<NewChatDialog args={{ accountId: 'u:wa', attendees: [{ key: 'u:bo', label: 'Bo Chen' }] }} onClose={() => {}} />);
    // Addressed already (the People panel, the palette): the keyboard is in the first message.
    expect(document.activeElement).toBe(screen.getByTestId('new-chat-text'));
    await waitFor(() => expect((screen.getByTestId('new-chat-account') as HTMLSelectElement).value).toBe('u:wa'));
    expect(within(screen.getByTestId('new-chat-account')).getAllByRole('option')).toHaveLength(1);
    const text = screen.getByTestId('new-chat-text');
    fireEvent.submit(text.closest('form')!);
    expect(screen.getByText('Write the first message.')).toBeTruthy();
    fireEvent.change(text, { target: { value: 'Hi Bo' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:wa', attendeeIds: ['u:bo'], text: 'Hi Bo' }]));
    await waitFor(() => expect(useStore.getState().activeConversationId).toBe('u:new'));
  });

  it('keep the keyboard when submitted with fields to fix: it goes to the first one, and the button stays usable', async () => {
    const a = api({});
    const { unmount } = render(<NewRoomDialog args={undefined} onClose={() => {}} />);
    const submit = screen.getByTestId('new-room-submit') as HTMLButtonElement;
    // Tab to "Create room", Enter: the errors show and the keyboard is on the subject, not the page.
    submit.focus();
    fireEvent.click(submit);
    expect(screen.getByText('A room needs a subject.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('new-room-subject')));
    expect(submit.disabled).toBe(false);
    expect(submit.getAttribute('aria-disabled')).toBeNull();
    // The second field, when only it is wrong.
    fireEvent.change(screen.getByTestId('new-room-subject'), { target: { value: 'Launch' } });
    const description = screen.getByLabelText('Description (optional)');
    fireEvent.change(description, { target: { value: 'x'.repeat(2001) } });
    submit.focus();
    fireEvent.click(submit);
    await waitFor(() => expect(document.activeElement).toBe(description));
    expect(a.callsTo('rooms:create')).toHaveLength(0);
    unmount();

    render(<JoinRoomDialog args={undefined} onClose={() => {}} />);
    const join = screen.getByTestId('join-room-submit') as HTMLButtonElement;
    join.focus();
    fireEvent.click(join);
    expect(screen.getByText('Paste the room’s address.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('join-room-jid')));
    expect(join.disabled).toBe(false);
  });

  it('keep the keyboard on the pressed button while the form runs (aria-disabled, not disabled)', async () => {
    let answer!: (v: unknown) => void;
    api({ 'rooms:create': () => new Promise((resolve) => (answer = resolve as never)) });
    const onClose = vi.fn();
    render(<NewRoomDialog args={undefined} onClose={onClose} />);
    fireEvent.change(screen.getByTestId('new-room-subject'), { target: { value: 'Launch' } });
    const submit = screen.getByTestId('new-room-submit') as HTMLButtonElement;
    submit.focus();
    fireEvent.click(submit);
    await waitFor(() => expect(submit.textContent).toBe('Creating…'));
    expect(submit.disabled).toBe(false);
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(submit.getAttribute('aria-busy')).toBe('true');
    expect(document.activeElement).toBe(submit);
    // Pressed again meanwhile: nothing more is sent.
    fireEvent.click(submit);
    await act(async () => answer({ ok: false, error: { code: 'forbidden', message: 'Not allowed.' } }));
    expect((await screen.findByTestId('new-room-error')).textContent).toBe('Not allowed.');
    expect(document.activeElement).toBe(submit);
    expect(submit.getAttribute('aria-disabled')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  const chatApi = () =>
    api({
      'account:status': () => ({
        mode: 'demo' as const,
        pinkfish: null,
        accounts: [{ id: 'u:wa' as AccountId, source: 'unipile' as const, network: 'whatsapp' as const, name: 'Sam WhatsApp', status: 'connected' as const }],
      }),
      'chats:start': () => ({ conversation: makeConversation('u:new', 'Bo Chen'), chatId: 'u:new' }),
    });

  it('new chat: an empty "To" is marked invalid, described by its error, and takes the keyboard', async () => {
    chatApi();
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    await waitFor(() => expect((screen.getByTestId('new-chat-account') as HTMLSelectElement).value).toBe('u:wa'));
    fireEvent.change(screen.getByTestId('new-chat-text'), { target: { value: 'Hi Bo' } });
    const submit = screen.getByTestId('new-chat-submit') as HTMLButtonElement;
    submit.focus();
    fireEvent.click(submit);
    const to = within(screen.getByTestId('new-chat-to')).getByRole('combobox');
    const error = screen.getByText('Add at least one person.');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(to.closest('.sb-picker-box')!.classList.contains('sb-picker-invalid')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(submit.disabled).toBe(false);
    fireEvent.change(to, { target: { value: '+4470000' } });
    fireEvent.keyDown(to, { key: 'Enter' });
    expect(to.getAttribute('aria-invalid')).toBeNull();
  });

  it('new chat: Ctrl+Enter starts the chat from any field, as in New room', async () => {
    const a = chatApi();
    render(<NewChatDialog args={{ accountId: 'u:wa', attendees: [{ key: 'u:bo', label: 'Bo Chen' }] }} onClose={() => {}} />);
    await waitFor(() => expect((screen.getByTestId('new-chat-account') as HTMLSelectElement).value).toBe('u:wa'));
    fireEvent.change(screen.getByTestId('new-chat-text'), { target: { value: 'Hi Bo' } });
    const subject = screen.getByTestId('new-chat-subject');
    fireEvent.change(subject, { target: { value: 'Dinner' } });
    fireEvent.keyDown(subject, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:wa', attendeeIds: ['u:bo'], text: 'Hi Bo', subject: 'Dinner' }]));
  });

  // ---- New chat: a person belongs to one account -------------------------------------------

  const networksApi = (h: HandlerTable = {}) =>
    api({
      'account:status': () => ({
        mode: 'demo' as const,
        pinkfish: null,
        accounts: [
          { id: 'u:ig' as AccountId, source: 'unipile' as const, network: 'instagram' as const, name: 'Instagram', status: 'connected' as const },
          { id: 'u:wa' as AccountId, source: 'unipile' as const, network: 'whatsapp' as const, name: 'Sam WhatsApp', status: 'connected' as const },
        ],
      }),
      'people:query': ({ text }) => ({
        people: [makePerson('u:aurora', 'Aurora Ricci', { handle: '971576488662@s.whatsapp.net' }), makePerson('u:bo', 'Bo Chen', { handle: 'bo.chen' })].filter((p) => p.name.toLowerCase().includes((text ?? '').toLowerCase())),
      }),
      'people:get': ({ personId }) =>
        personId === 'u:aurora'
          ? { person: makePerson('u:aurora', 'Aurora Ricci', { accountId: 'u:wa' as AccountId }) }
          : { person: makePerson(String(personId), 'Bo Chen', { accountId: 'u:ig' as AccountId }) },
      'chats:start': () => ({ conversation: makeConversation('u:new', 'Aurora Ricci'), chatId: 'u:new' }),
      ...h,
    });

  /** Types into To and picks the first suggestion with Enter. */
  async function pickPerson(typed: string, name: string) {
    const to = within(screen.getByTestId('new-chat-to')).getByRole('combobox');
    fireEvent.focus(to);
    fireEvent.change(to, { target: { value: typed } });
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'To: suggestions' })).getAllByRole('option')[0]!.textContent).toContain(name));
    fireEvent.keyDown(to, { key: 'Enter' });
    return to;
  }

  it('new chat: From follows the person picked to their account, and says so', async () => {
    const a = networksApi();
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    await pickPerson('Aurora', 'Aurora Ricci');
    await waitFor(() => expect(from.value).toBe('u:wa'));
    expect(a.callsTo('people:get')).toEqual([{ personId: 'u:aurora' }]);
    const note = screen.getByTestId('new-chat-account-note');
    expect(note.textContent).toBe('Aurora Ricci is a WhatsApp contact, so the chat starts from your WhatsApp account.');
    expect(note.closest('[role="status"]')).toBeTruthy();
    expect(from.getAttribute('aria-describedby')?.split(' ')).toContain(note.id);
    const text = screen.getByTestId('new-chat-text');
    fireEvent.change(text, { target: { value: 'Ciao' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:wa', attendeeIds: ['u:aurora'], text: 'Ciao' }]));
  });

  it('new chat: suggestions say their network and put the From account’s people first; a known account needs no look-up', async () => {
    const a = networksApi({
      'people:query': () => ({
        people: [
          makePerson('u:al', 'Al Stone', { accountId: 'u:wa' as AccountId, handle: '33600000001@s.whatsapp.net' }),
          makePerson('u:am', 'Amy Ho'),
          makePerson('u:an', 'Ana Ruiz', { accountId: 'u:ig' as AccountId, handle: 'ana.ruiz' }),
        ],
      }),
    });
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    const to = within(screen.getByTestId('new-chat-to')).getByRole('combobox');
    fireEvent.focus(to);
    fireEvent.change(to, { target: { value: 'a' } });
    const list = () => within(screen.getByRole('listbox', { name: 'To: suggestions' })).getAllByRole('option').map((o) => o.textContent);
    // Instagram (From) first, then unknown, then WhatsApp; each with its network beside its handle.
    await waitFor(() => expect(list()).toEqual(['Ana RuizInstagram · ana.ruiz', 'Amy Ho', 'Al StoneWhatsApp · 33600000001@s.whatsapp.net']));
    fireEvent.change(from, { target: { value: 'u:wa' } });
    fireEvent.change(to, { target: { value: 'a ' } });
    await waitFor(() => expect(list()[0]).toMatch(/^Al Stone/));
    fireEvent.change(from, { target: { value: 'u:ig' } });
    fireEvent.change(to, { target: { value: 'al' } });
    await waitFor(() => expect(list()[2]).toMatch(/^Al Stone/));
    fireEvent.keyDown(to, { key: 'ArrowDown' });
    fireEvent.keyDown(to, { key: 'ArrowDown' });
    fireEvent.keyDown(to, { key: 'Enter' });
    // Picked with the account the cache knows: From follows it without asking the network.
    await waitFor(() => expect(from.value).toBe('u:wa'));
    expect(a.callsTo('people:get')).toEqual([]);
  });

  it('new chat: From follows the only person picked even when the user had chosen it', async () => {
    networksApi();
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    fireEvent.change(from, { target: { value: 'u:ig' } });
    await pickPerson('Aurora', 'Aurora Ricci');
    await waitFor(() => expect(from.value).toBe('u:wa'));
  });

  it('new chat: people of another account than the one chosen are refused before sending, on To, naming them and their network', async () => {
    const a = networksApi();
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    fireEvent.change(from, { target: { value: 'u:ig' } });
    await pickPerson('Bo', 'Bo Chen');
    await waitFor(() => expect(a.callsTo('people:get')).toHaveLength(1));
    const to = await pickPerson('Aurora', 'Aurora Ricci');
    await waitFor(() => expect(a.callsTo('people:get')).toHaveLength(2));
    // Two people, From chosen by the user: it stays.
    expect(from.value).toBe('u:ig');
    const text = screen.getByTestId('new-chat-text');
    fireEvent.change(text, { target: { value: 'Hi both' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    const error = await screen.findByText('Aurora Ricci is a WhatsApp contact: write from your WhatsApp account, or remove them.');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(a.callsTo('chats:start')).toHaveLength(0);
    // Removing her clears it, and the chat goes.
    fireEvent.click(screen.getByRole('button', { name: 'Remove Aurora Ricci' }));
    expect(screen.queryByText(/is a WhatsApp contact/)).toBeNull();
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:ig', attendeeIds: ['u:bo'], text: 'Hi both' }]));
  });

  it('new chat: people of two accounts are refused even when From was never chosen', async () => {
    const a = networksApi();
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    await pickPerson('Aurora', 'Aurora Ricci');
    await waitFor(() => expect(from.value).toBe('u:wa'));
    const to = await pickPerson('Bo', 'Bo Chen');
    await waitFor(() => expect(a.callsTo('people:get')).toHaveLength(2));
    expect(from.value).toBe('u:wa');
    fireEvent.change(screen.getByTestId('new-chat-text'), { target: { value: 'Hi' } });
    fireEvent.submit(to.closest('form')!);
    expect(screen.getByText('Bo Chen is an Instagram contact: write from your Instagram account, or remove them.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(a.callsTo('chats:start')).toHaveLength(0);
  });

  it('new chat: sent at once after a pick, it waits for the person’s account rather than address the wrong network', async () => {
    let answer!: () => void;
    const a = networksApi({
      'people:get': () => new Promise((resolve) => (answer = () => resolve({ person: makePerson('u:aurora', 'Aurora Ricci', { accountId: 'u:wa' as AccountId }) }))),
    });
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    await waitFor(() => expect((screen.getByTestId('new-chat-account') as HTMLSelectElement).value).toBe('u:ig'));
    await pickPerson('Aurora', 'Aurora Ricci');
    const text = screen.getByTestId('new-chat-text');
    fireEvent.change(text, { target: { value: 'Ciao' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('new-chat-submit').textContent).toBe('Starting…'));
    expect(a.callsTo('chats:start')).toHaveLength(0);
    await act(async () => answer());
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:wa', attendeeIds: ['u:aurora'], text: 'Ciao' }]));
  });

  it('new chat: where the account cannot be learnt (people:get fails, a typed id), From stays and the network decides', async () => {
    const a = networksApi({ 'people:get': () => ({ ok: false, error: { code: 'network', message: 'Offline.' } }) });
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    const from = screen.getByTestId('new-chat-account') as HTMLSelectElement;
    await waitFor(() => expect(from.value).toBe('u:ig'));
    const to = await pickPerson('Aurora', 'Aurora Ricci');
    fireEvent.change(to, { target: { value: 'someone.typed' } });
    fireEvent.keyDown(to, { key: 'Enter' });
    fireEvent.change(screen.getByTestId('new-chat-text'), { target: { value: 'Hi' } });
    fireEvent.submit(to.closest('form')!);
    await waitFor(() => expect(a.callsTo('chats:start')).toEqual([{ accountId: 'u:ig', attendeeIds: ['u:aurora', 'someone.typed'], text: 'Hi' }]));
    expect(a.callsTo('people:get')).toEqual([{ personId: 'u:aurora' }]);
    expect(screen.queryByTestId('new-chat-account-note')).toBeNull();
  });

  it('new chat: the network refusing a person it names marks To and puts the keyboard there', async () => {
    networksApi({ 'chats:start': () => ({ ok: false, error: { code: 'invalid_input', message: '971576488662@s.whatsapp.net is not a valid Instagram recipient id.' } }), 'people:get': () => ({ ok: false, error: { code: 'network', message: 'Offline.' } }) });
    render(<NewChatDialog args={undefined} onClose={() => {}} />);
    await waitFor(() => expect((screen.getByTestId('new-chat-account') as HTMLSelectElement).value).toBe('u:ig'));
    const to = await pickPerson('Aurora', 'Aurora Ricci');
    const text = screen.getByTestId('new-chat-text');
    fireEvent.change(text, { target: { value: 'Hi' } });
    fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true });
    const error = await screen.findByTestId('new-chat-error');
    expect(error.textContent).toBe('971576488662@s.whatsapp.net is not a valid Instagram recipient id.');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(to));
  });

  // ---- The backend's refusals go to the field they are about ---------------------------------

  it('new room: a member the organisation does not have is marked on Members, which takes the keyboard', async () => {
    for (const field of ['userIds', undefined]) {
      api({ 'rooms:create': () => ({ ok: false, error: { code: 'invalid_input', message: 'User not-a-valid-id does not exist in this organization.', ...(field ? { field } : {}) } }) });
      const { unmount } = render(<NewRoomDialog args={undefined} onClose={() => {}} />);
      const subject = screen.getByTestId('new-room-subject');
      fireEvent.change(subject, { target: { value: 'Launch' } });
      const members = within(screen.getByTestId('new-room-members')).getByRole('combobox');
      fireEvent.change(members, { target: { value: 'not-a-valid-id' } });
      fireEvent.keyDown(members, { key: 'Enter' });
      subject.focus();
      fireEvent.keyDown(subject, { key: 'Enter', ctrlKey: true });
      const error = await screen.findByTestId('new-room-error');
      expect(error.textContent).toBe('User not-a-valid-id does not exist in this organization.');
      expect(members.getAttribute('aria-invalid')).toBe('true');
      expect(members.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
      await waitFor(() => expect(document.activeElement).toBe(members));
      // Removing the member withdraws it.
      fireEvent.keyDown(members, { key: 'Backspace' });
      expect(members.getAttribute('aria-invalid')).toBeNull();
      expect(screen.queryByTestId('new-room-error')).toBeNull();
      unmount();
    }
  });

  it('a typed name that matches nobody is said so, not made a member; Enter before the suggestions waits for them', async () => {
    const people = [makePerson('g:ana', 'Ana Lima'), makePerson('g:zoe', 'Zoë Park')];
    const a = api({
      'people:query': ({ text }) => ({ people: people.filter((p) => p.name.toLowerCase().includes(String(text).toLowerCase())) }),
      'rooms:create': (input) => ({ conversation: makeConversation('g:room:new@conference.demo', input.subject) }),
    });
    render(<NewRoomDialog args={undefined} onClose={() => {}} />);
    fireEvent.change(screen.getByTestId('new-room-subject'), { target: { value: 'Launch' } });
    const box = screen.getByTestId('new-room-members');
    const members = within(box).getByRole('combobox');
    fireEvent.focus(members);
    // A name nobody has, Enter once the (empty) suggestions are in.
    fireEvent.change(members, { target: { value: 'Zed Nobody' } });
    await waitFor(() => expect(a.callsTo('people:query').some((q) => q.text === 'Zed Nobody')).toBe(true));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    fireEvent.keyDown(members, { key: 'Enter' });
    const error = await within(box).findByRole('alert');
    expect(error.textContent).toMatch(/No one called “Zed Nobody” was found/);
    expect(members.getAttribute('aria-invalid')).toBe('true');
    expect(members.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(within(box).queryByRole('button', { name: /^Remove / })).toBeNull();
    expect((members as HTMLInputElement).value).toBe('Zed Nobody');
    // Typing again withdraws it; a full name and Enter at once (before the suggestions) picks that person.
    fireEvent.change(members, { target: { value: 'Zoë Park' } });
    expect(within(box).queryByRole('alert')).toBeNull();
    fireEvent.keyDown(members, { key: 'Enter' });
    await waitFor(() => expect(within(box).getByRole('button', { name: 'Remove Zoë Park' })).toBeTruthy());
    // An id (no space) and a phone number with spaces are taken as typed.
    fireEvent.change(members, { target: { value: 'f00d-user' } });
    fireEvent.keyDown(members, { key: 'Enter' });
    fireEvent.change(members, { target: { value: '+44 7700 900123' } });
    fireEvent.keyDown(members, { key: 'Enter' });
    expect(within(box).getAllByRole('button', { name: /^Remove / }).map((b) => b.getAttribute('aria-label'))).toEqual(['Remove Zoë Park', 'Remove f00d-user', 'Remove +44 7700 900123']);
  });

  it('open a 1:1: "no such user" is marked on the person, which takes the keyboard', async () => {
    api({ 'dm:open': () => ({ ok: false, error: { code: 'not_found', message: 'No Genesys user has that id.', field: 'userId' } }) });
    render(<OpenDmDialog args={undefined} onClose={() => {}} />);
    const input = within(screen.getByTestId('open-dm-person')).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'zzz-nobody' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    const open = screen.getByTestId('open-dm-submit');
    open.focus();
    fireEvent.click(open);
    const error = await screen.findByTestId('open-dm-error');
    expect(error.textContent).toBe('No Genesys user has that id.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it('join a room: an address that names no room is marked on the address; a refusal of the user is not', async () => {
    let answer: { code: 'not_found' | 'forbidden'; message: string; field?: string } = { code: 'not_found', message: 'No Genesys room has that address.', field: 'jid' };
    api({ 'rooms:join': () => ({ ok: false, error: answer }) });
    render(<JoinRoomDialog args={undefined} onClose={() => {}} />);
    const jid = screen.getByTestId('join-room-jid');
    fireEvent.change(jid, { target: { value: 'abc@conference.demo-org.orgspan.com' } });
    const join = screen.getByTestId('join-room-submit');
    join.focus();
    fireEvent.click(join);
    const error = await screen.findByText('No Genesys room has that address.');
    expect(jid.getAttribute('aria-invalid')).toBe('true');
    expect(jid.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(jid));
    expect(screen.queryByTestId('join-room-error')).toBeNull();
    // Editing the address withdraws it; a refusal that is not about the address stays under the form.
    fireEvent.change(jid, { target: { value: 'abd@conference.demo-org.orgspan.com' } });
    expect(jid.getAttribute('aria-invalid')).toBe('false');
    answer = { code: 'forbidden', message: 'You are not allowed to join this room.' };
    join.focus();
    fireEvent.click(join);
    expect((await screen.findByTestId('join-room-error')).textContent).toBe('You are not allowed to join this room.');
    expect(jid.getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(join);
  });

  it('add a person: members are not suggested, and one named by a typed id is said to be in already, without asking the network', async () => {
    const room = 'g:room:r1@conference.demo' as ConversationId;
    const a = api({
      'conversation:actions': () => ({ actions: [{ action: 'addParticipant', supported: true }] }),
      'people:query': ({ text }) => ({ people: [makePerson('g:ana', 'Ana Lima'), makePerson('g:zoe', 'Zoë Park')].filter((p) => p.name.toLowerCase().includes(String(text).toLowerCase())) }),
      'people:add': () => ({ ok: true as const }),
    });
    useStore.setState({ conversations: { [room]: makeConversation(room, 'Launch') }, members: { [room]: [makePerson('g:ana', 'Ana Lima')] } });
    render(<AddParticipantDialog args={{ conversationId: room }} onClose={() => {}} />);
    const box = screen.getByTestId('add-participant-person');
    const input = await within(box).findByRole('combobox');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'a' } });
    await waitFor(() => expect(within(box).getAllByRole('option').map((o) => o.textContent)).toEqual(['Zoë Park']));
    expect(a.callsTo('people:query').length).toBeGreaterThan(0);
    // Ana's Genesys user id, typed.
    fireEvent.change(input, { target: { value: 'ana' } });
    await waitFor(() => expect(within(box).queryAllByRole('option')).toHaveLength(0));
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.submit(input.closest('form')!);
    expect((await within(box).findByRole('alert')).textContent).toBe('Ana Lima is already in this conversation.');
    expect(a.callsTo('people:add')).toHaveLength(0);
  });

  it('roomJidError', () => {
    expect(roomJidError('')).toMatch(/Paste/);
    expect(roomJidError('a b@conference.x')).toMatch(/no spaces/);
    expect(roomJidError('5e4d@conference.demo-org.orgspan.com')).toBeNull();
  });

  it('accountMismatch: a contact of a disconnected account is not sent to From, where that account is not offered', () => {
    const wa = { id: 'u:wa1' as AccountId, source: 'unipile' as const, network: 'whatsapp' as const, name: 'Work phone', status: 'connected' as const };
    const li = { id: 'u:li1' as AccountId, source: 'unipile' as const, network: 'linkedin' as const, name: 'Me on LinkedIn', status: 'connected' as const };
    const ana = { key: 'u:ana', label: 'Ana Lima' };
    expect(accountMismatch([ana], { 'u:ana': wa.id }, li.id, [wa, li])).toBe('Ana Lima is a WhatsApp contact: write from your WhatsApp account, or remove them.');
    const gone = { ...wa, status: 'disconnected' as const };
    const said = accountMismatch([ana], { 'u:ana': wa.id }, li.id, [gone, li])!;
    expect(said).toMatch(/^Ana Lima is a contact of your WhatsApp account, which is disconnected: reconnect it/);
    expect(said).not.toMatch(/write from/);
    // Their own account chosen, or not known: nothing to say.
    expect(accountMismatch([ana], { 'u:ana': wa.id }, wa.id, [wa, li])).toBeNull();
    expect(accountMismatch([ana], { 'u:ana': null }, li.id, [wa, li])).toBeNull();
  });
});
