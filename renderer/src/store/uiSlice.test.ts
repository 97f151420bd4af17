import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import { useStore } from './index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const room = 'g:room:r1@conference.demo' as ConversationId;

describe('openMessage', () => {
  it('opens a message of the timeline on it, with the keyboard in the timeline', () => {
    useStore.getState().openMessage({ conversationId: room, id: 'g:m1' as MessageId });
    const s = useStore.getState();
    expect(s.activeConversationId).toBe(room);
    expect(s.jumpTarget).toMatchObject({ conversationId: room, messageId: 'g:m1' });
    expect(s.panel).toBeNull();
    expect(s.focusRequest).toMatchObject({ region: 'timeline' });
  });

  it('opens a thread reply in its thread: the timeline on the root, the thread panel on the reply', () => {
    useStore.setState({ activeConversationId: room, panel: { kind: 'pins' } });
    useStore.getState().openMessage({ conversationId: room, id: 'g:reply' as MessageId, threadRootId: 'g:root' as MessageId });
    const s = useStore.getState();
    expect(s.jumpTarget).toMatchObject({ conversationId: room, messageId: 'g:root' });
    expect(s.panel).toEqual({ kind: 'thread', rootId: 'g:root' });
    expect(s.region).toBe('panel');
    expect(s.focusRequest).toMatchObject({ region: 'panel', message: 'g:reply' });
  });

  it('treats a thread root (its own root) as a timeline message', () => {
    useStore.getState().openMessage({ conversationId: room, id: 'g:root' as MessageId, threadRootId: 'g:root' as MessageId });
    expect(useStore.getState().panel).toBeNull();
    expect(useStore.getState().jumpTarget).toMatchObject({ messageId: 'g:root' });
  });
});

describe('cycleRegion', () => {
  it('stops on the toasts only while one shows, after the side panel', () => {
    const s = () => useStore.getState();
    s().focusRegion('composer');
    s().cycleRegion(1);
    expect(s().region).toBe('inbox');
    s().focusRegion('composer');
    void s().pushToast({ kind: 'info', message: '“Lena” archived.' });
    s().cycleRegion(1);
    expect(s().focusRequest.region).toBe('notifications');
    s().cycleRegion(1);
    expect(s().region).toBe('inbox');
    s().cycleRegion(-1);
    expect(s().region).toBe('notifications');
  });
});
