import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../../shared/domain/ids';
import { useStore } from '../../store';
import { conversation } from '../../testing/fakeBackend';
import { runCommand } from './commands';

const initial = useStore.getState();
const ids = ['u:a', 'g:room:b', 'u:c'] as ConversationId[];

beforeEach(() => {
  useStore.setState(initial, true);
  useStore.setState({
    inboxIds: ids,
    conversations: { 'u:a': conversation('u:a', 'A'), 'g:room:b': conversation('g:room:b', 'B'), 'u:c': conversation('u:c', 'C', { unreadCount: 4 }) },
  });
});

const s = () => useStore.getState();

describe('global commands (keyboard, menu, tray)', () => {
  it('open the palette, search and the shortcut sheet', () => {
    runCommand('palette');
    expect(s().overlay).toEqual({ kind: 'palette' });
    runCommand('search');
    expect(s().overlay).toEqual({ kind: 'search' });
    runCommand('shortcuts');
    expect(s().overlay).toEqual({ kind: 'shortcuts' });
  });

  it('step through conversations and to the next unread', () => {
    runCommand('nextConversation');
    expect(s().activeConversationId).toBe('u:a');
    runCommand('nextConversation');
    expect(s().activeConversationId).toBe('g:room:b');
    runCommand('previousConversation');
    expect(s().activeConversationId).toBe('u:a');
    runCommand('nextUnread');
    expect(s().activeConversationId).toBe('u:c');
    // No other unread: says so instead of doing nothing silently.
    runCommand('nextUnread');
    expect(s().activeConversationId).toBe('u:c');
    expect(s().toasts.at(-1)?.message).toBe('No other unread conversation.');
  });

  it('stepping from nowhere (the page has the focus) puts the keyboard in the composer; from the inbox it stays', () => {
    (document.activeElement as HTMLElement | null)?.blur();
    // The switch and the focus in one store write: each write runs every subscriber's selector.
    let writes = 0;
    const off = useStore.subscribe(() => writes++);
    runCommand('nextConversation');
    off();
    expect(writes).toBe(1);
    expect(s().focusRequest.region).toBe('composer');
    const seq = s().focusRequest.seq;
    const list = document.createElement('div');
    list.tabIndex = 0;
    document.body.append(list);
    list.focus();
    s().setRegion('inbox');
    runCommand('nextConversation');
    expect(s().activeConversationId).toBe('g:room:b');
    expect(s().focusRequest.seq).toBe(seq);
    s().setRegion('timeline');
    runCommand('nextConversation');
    expect(s().focusRequest).toMatchObject({ region: 'timeline', seq: seq + 1 });
    list.remove();
  });

  it('Esc closes the top layer first, then the panel, then goes back to the composer', () => {
    s().openConversation('u:a' as ConversationId);
    s().openPanel({ kind: 'pins' });
    s().openOverlay({ kind: 'search' });
    s().openMessageUi({ kind: 'confirmDelete', messageId: 'u:m' as MessageId });
    runCommand('escape');
    expect(s().messageUi).toBeNull();
    expect(s().overlay).not.toBeNull();
    runCommand('escape');
    expect(s().overlay).toBeNull();
    expect(s().panel).not.toBeNull();
    runCommand('escape');
    expect(s().panel).toBeNull();
    s().selectMessage('u:m' as MessageId);
    runCommand('escape');
    expect(s().selectedMessageId).toBeNull();
    expect(s().focusRequest.region).toBe('composer');
  });

  it('toggle panels and settings like the menu asks', () => {
    runCommand('togglePinsPanel');
    expect(s().panel).toEqual({ kind: 'pins' });
    runCommand('togglePinsPanel');
    expect(s().panel).toBeNull();
    runCommand('toggleThreadPanel');
    expect(s().panel).toBeNull();
    s().selectMessage('u:m' as MessageId);
    runCommand('toggleThreadPanel');
    expect(s().panel).toEqual({ kind: 'thread', rootId: 'u:m' });
    runCommand('settings');
    expect(s().view).toEqual({ kind: 'settings' });
    runCommand('focusComposer');
    expect(s().view).toEqual({ kind: 'inbox' });
  });
});
