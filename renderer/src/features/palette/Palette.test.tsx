import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, ConversationId, MessageId, PersonId } from '../../../../shared/domain/ids';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation, makeMessage, makePerson, type HandlerTable } from './fakeApi';
import { Palette } from './Palette';

const initial = useStore.getState();
const CONVERSATIONS = [
  makeConversation('g:room:war', 'Release war room', { unreadCount: 3 }),
  makeConversation('g:room:design', 'Design review'),
  makeConversation('u:fam', 'Family', { network: 'whatsapp' }),
  makeConversation('u:work', 'Work chat', { network: 'whatsapp' }),
  makeConversation('u:evil', '<img src=x onerror="window.__pwned=1">', { network: 'telegram', accountId: 'u:acc9' as AccountId }),
];

function setup(extra: HandlerTable = {}) {
  const api = fakeApi({
    'inbox:list': (input) => ({ conversations: input.filter?.kind === 'archived' ? [] : CONVERSATIONS, next: null }),
    'people:query': () => ({ people: [makePerson('g:ana-id', 'Ana Lima'), makePerson('u:bob', 'Bob Stone')] }),
    'dm:open': (input) => ({ conversation: makeConversation(`g:dm:${input.userId}`, 'Ana Lima') }),
    'messages:forward': () => ({ ok: true }),
    ...extra,
  });
  setApiForTests(api);
  return api;
}

async function openPalette(overlay: Parameters<ReturnType<typeof useStore.getState>['openOverlay']>[0] = { kind: 'palette' }) {
  act(() => useStore.getState().openOverlay(overlay));
  render(<Palette />);
  const input = screen.getByRole('combobox');
  await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(0));
  return input;
}

const optionTexts = () => screen.getAllByRole('option').map((o) => o.textContent ?? '');
const selected = () => screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');

beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

describe('Palette', () => {
  it('opens as a labelled modal dialog with the input focused and the first option selected', async () => {
    setup();
    const input = await openPalette();
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-activedescendant')).toBe(selected()!.id);
    expect(within(dialog).getByRole('listbox')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Conversations' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Actions' })).toBeTruthy();
  });

  it('filters as you type and highlights the matched letters', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'rwr' } });
    expect(optionTexts()[0]).toContain('Release war room');
    const marks = [...selected()!.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks.join('').toLowerCase()).toBe('rwr');
  });

  it('↓ then Enter opens the conversation, closes and sends focus to the composer', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '#' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selected()!.textContent).toContain('Design review');
    fireEvent.keyDown(input, { key: 'Enter' });
    const s = useStore.getState();
    expect(s.activeConversationId).toBe('g:room:design');
    expect(s.overlay).toBeNull();
    expect(s.focusRequest.region).toBe('composer');
  });

  it('↑ from the top wraps to the last option', async () => {
    setup();
    const input = await openPalette();
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    const options = screen.getAllByRole('option');
    expect(selected()).toBe(options[options.length - 1]);
  });

  it('opens a person’s Genesys 1:1 by user id from the keyboard, with the keyboard in its composer', async () => {
    const api = setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '@ana' } });
    await waitFor(() => expect(optionTexts()[0]).toContain('Ana Lima'));
    expect(selected()!.textContent).toContain('Genesys Cloud 1:1');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(useStore.getState().overlay).toBeNull());
    expect(api.callsTo('dm:open')).toEqual([{ userId: 'ana-id' }]);
    expect(useStore.getState().activeConversationId).toBe('g:dm:ana-id');
    expect(useStore.getState().focusRequest.region).toBe('composer');
  });

  it('opens the 1:1 the palette already knows, Unipile chats included, without asking the network', async () => {
    const withBob = [...CONVERSATIONS, makeConversation('u:chat-bob', 'Bobby', { network: 'telegram', kind: 'dm', accountId: 'u:acc9' as AccountId, avatarPersonId: 'u:bob' as PersonId })];
    const api = setup({ 'inbox:list': (q) => ({ conversations: q.filter?.kind === 'archived' ? [] : withBob, next: null }) });
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '@bob' } });
    await waitFor(() => expect(optionTexts()[0]).toContain('Bob Stone'));
    expect(selected()!.textContent).toContain('your 1:1, or a new chat');
    fireEvent.keyDown(input, { key: 'Enter' });
    const s = useStore.getState();
    expect(s.overlay).toBeNull();
    expect(s.activeConversationId).toBe('u:chat-bob');
    expect(s.focusRequest.region).toBe('composer');
    expect(api.callsTo('people:conversations')).toEqual([]);
    expect(api.callsTo('dm:open')).toEqual([]);
  });

  it('finds a network contact’s 1:1 on their network when the palette does not know it', async () => {
    const api = setup({ 'people:conversations': (q) => ({ conversations: q.personId === 'u:bob' ? [makeConversation('u:chat-bob', 'Bob Stone', { kind: 'dm' })] : [] }) });
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '@bob' } });
    await waitFor(() => expect(optionTexts()[0]).toContain('Bob Stone'));
    expect(selected()!.textContent).toContain('your 1:1, or a new chat');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(useStore.getState().overlay).toBeNull());
    expect(api.callsTo('people:conversations')).toEqual([{ personId: 'u:bob' }]);
    expect(useStore.getState().activeConversationId).toBe('u:chat-bob');
    expect(useStore.getState().focusRequest.region).toBe('composer');
  });

  it('turns to a new chat addressed to a network contact with no 1:1 yet (their networks start one with its first message)', async () => {
    setup({
      'people:query': () => ({ people: [makePerson('u:carol', 'Carol Nguyen', { handle: '336@s.whatsapp.net' })] }),
      'people:conversations': () => ({ conversations: [] }),
      'people:messages': () => ({ messages: [makeMessage('u:m1', 'u:fam', 'hi all')], next: null }),
    });
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '@carol' } });
    await waitFor(() => expect(optionTexts()[0]).toContain('Carol Nguyen'));
    fireEvent.keyDown(input, { key: 'Enter' });
    // From the account of the chat she was seen writing in (u:fam's), to her.
    await waitFor(() =>
      expect(useStore.getState().overlay).toEqual({ kind: 'dialog', id: 'newChat', args: { accountId: 'u:acc1', attendees: [{ key: 'u:carol', label: 'Carol Nguyen', personId: 'u:carol' }] } }),
    );
    expect(useStore.getState().activeConversationId).toBeNull();
  });

  it('shows why a person could not be opened and stays open', async () => {
    setup({ 'dm:open': () => ({ ok: false, error: { code: 'not_found', message: 'No Genesys user has that id.' } }) });
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '@ana' } });
    await waitFor(() => expect(optionTexts()[0]).toContain('Ana Lima'));
    fireEvent.keyDown(input, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toContain('No Genesys user has that id.');
    expect(useStore.getState().overlay?.kind).toBe('palette');
  });

  it('runs an action after closing, so one that opens another overlay keeps it', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '>shortcuts' } });
    expect(selected()!.textContent).toContain('keyboard shortcuts');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(useStore.getState().overlay).toEqual({ kind: 'shortcuts' }));
  });

  it('shows shortcut keys beside actions', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: '>settings' } });
    const kbds = [...selected()!.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(kbds).toEqual(['Ctrl', ',']);
  });

  it('closes on Escape and gives focus back to the opener', async () => {
    setup();
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const input = await openPalette();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(useStore.getState().overlay).toBeNull();
    cleanup();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('keeps Tab inside the dialog', async () => {
    setup();
    const input = await openPalette();
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(input);
  });

  it('chooses with the mouse too', async () => {
    setup();
    await openPalette();
    const family = screen.getAllByRole('option').find((o) => o.textContent?.includes('Family'))!;
    fireEvent.mouseMove(family);
    expect(family.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(family);
    expect(useStore.getState().activeConversationId).toBe('u:fam');
  });

  it('shows markup in names as text', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'img' } });
    expect(optionTexts()[0]).toContain('<img src=x onerror="window.__pwned=1">');
    expect(document.querySelector('img')).toBeNull();
  });

  it('says when nothing matches', async () => {
    setup();
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'zzzzqqq' } });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByText(/Nothing matches/)).toBeTruthy();
  });

  describe('forward mode', () => {
    const forward = { kind: 'palette', mode: 'forward', forwardMessageId: 'u:m1' as MessageId } as const;

    it('lists only the chats the message can go to, and forwards on Enter with a toast', async () => {
      const api = setup();
      act(() => useStore.getState().openConversation('u:fam' as ConversationId));
      const input = await openPalette(forward);
      expect(screen.getByRole('dialog', { name: 'Forward to…' })).toBeTruthy();
      // Same account (u:acc1), not the chat it is in, no Genesys rooms, no people or actions.
      expect(optionTexts()).toHaveLength(1);
      expect(optionTexts()[0]).toContain('Work chat');
      fireEvent.keyDown(input, { key: 'Enter' });
      await waitFor(() => expect(useStore.getState().overlay).toBeNull());
      expect(api.callsTo('messages:forward')).toEqual([{ messageId: 'u:m1', toConversationId: 'u:work' }]);
      expect(useStore.getState().toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Forwarded to Work chat' });
    });

    it('stays open with the reason when the forward is refused', async () => {
      setup({ 'messages:forward': () => ({ ok: false, error: { code: 'forbidden', message: 'This chat does not accept forwards.' } }) });
      act(() => useStore.getState().openConversation('u:fam' as ConversationId));
      const input = await openPalette(forward);
      fireEvent.keyDown(input, { key: 'Enter' });
      expect((await screen.findByRole('alert')).textContent).toBe('Could not forward: This chat does not accept forwards.');
      expect(useStore.getState().overlay?.kind).toBe('palette');
    });
  });
});
