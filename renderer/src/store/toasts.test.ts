import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/domain/ids';
import { useStore } from './index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const a = 'u:chat-a' as ConversationId;
const b = 'g:room:b@conference.demo' as ConversationId;

describe('toasts about a conversation', () => {
  it('go when the user switches to another conversation; the others stay', () => {
    const s = useStore.getState();
    s.openConversation(a);
    s.pushToast({ kind: 'info', message: 'Only Genesys conversations have pinned messages.', conversationId: a });
    s.pushToast({ kind: 'error', message: 'Could not reach Pinkfish.' });
    // Re-opening the same conversation keeps it.
    s.openConversation(a);
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Only Genesys conversations have pinned messages.', 'Could not reach Pinkfish.']);
    s.openConversation(b);
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Could not reach Pinkfish.']);
  });
});
