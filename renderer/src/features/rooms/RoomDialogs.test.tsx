import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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

  it('roomJidError', () => {
    expect(roomJidError('')).toMatch(/Paste/);
    expect(roomJidError('a b@conference.x')).toMatch(/no spaces/);
    expect(roomJidError('5e4d@conference.demo-org.orgspan.com')).toBeNull();
  });
});
