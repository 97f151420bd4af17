import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountId } from '../../../../shared/domain/ids';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation, makePerson, type HandlerTable } from '../palette/fakeApi';
import { DIALOGS } from '../shell/dialogs';
import { JoinRoomDialog, NewChatDialog, NewRoomDialog, OpenDmDialog, roomJidError } from './RoomDialogs';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

const api = (h: HandlerTable) => {
  const a = fakeApi({ 'people:query': () => ({ people: [makePerson('g:ana', 'Ana Lima'), makePerson('u:bo', 'Bo Chen', { handle: '+4470000' })] }), ...h });
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

  it('roomJidError', () => {
    expect(roomJidError('')).toMatch(/Paste/);
    expect(roomJidError('a b@conference.x')).toMatch(/no spaces/);
    expect(roomJidError('5e4d@conference.demo-org.orgspan.com')).toBeNull();
  });
});
