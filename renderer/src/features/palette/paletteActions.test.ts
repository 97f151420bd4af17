import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation } from './fakeApi';
import { buildPaletteActions } from './paletteActions';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

describe('palette actions', () => {
  it('"Mark all conversations read" reads every unread one and offers Undo, which marks exactly those unread again', async () => {
    const api = fakeApi({ 'conversation:markRead': () => ({ ok: true }) });
    setApiForTests(api);
    const unread = [makeConversation('u:a', 'Anna', { unreadCount: 2 }), makeConversation('g:room:b', 'Build room', { unreadCount: 1 })];
    const read = makeConversation('u:c', 'Carl', { unreadCount: 0 });
    const archived = makeConversation('u:d', 'Dora', { unreadCount: 3, archived: true });
    useStore.setState({ paletteConversations: [...unread, read, archived] });
    const action = buildPaletteActions(() => useStore.getState(), {}).find((a) => a.id === 'markAllRead')!;
    await action.run();
    expect(api.callsTo('conversation:markRead')).toEqual(unread.map((c) => ({ conversationId: c.id, read: true })));
    const toast = useStore.getState().toasts.at(-1)!;
    expect(toast.message).toBe('Marked 2 conversations read.');
    expect(toast.action?.label).toBe('Undo');
    toast.action!.run();
    await expect.poll(() => api.callsTo('conversation:markRead').length).toBe(4);
    expect(api.callsTo('conversation:markRead').slice(2)).toEqual(unread.map((c) => ({ conversationId: c.id, read: false })));
  });
});
