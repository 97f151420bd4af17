import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import { fakeApi, makeConversation, makeMessage } from '../features/palette/fakeApi';
import { setApiForTests } from '../platform';
import { useStore } from './index';
import { supportOf } from './panelsSlice';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

const room = 'g:room:r1@conference.demo' as ConversationId;

describe('panelsSlice', () => {
  it('drops a late answer for a conversation the user already left', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    setApiForTests(
      fakeApi({
        'pins:list': async ({ conversationId }) => {
          if (conversationId === room) await gate;
          return { pins: [{ messageId: 'g:m1' as MessageId, message: makeMessage('g:m1', String(conversationId), `pin of ${String(conversationId)}`) }], limit: 5 };
        },
      }),
    );
    const slow = useStore.getState().loadPinnedMessages(room);
    await useStore.getState().loadPinnedMessages('g:dm:u2' as ConversationId);
    release();
    await slow;
    expect(useStore.getState().pins).toMatchObject({ key: 'g:dm:u2', status: 'ready' });
  });

  it('unpins through the outbox, drops the row at once and refreshes the timeline marks', async () => {
    const api = fakeApi({
      'pins:list': () => ({ pins: ['g:a', 'g:b'].map((id) => ({ messageId: id as MessageId, message: makeMessage(id, room, id) })), limit: 5 }),
      'pins:set': () => ({ clientId: 'c1' }),
      'conversation:get': () => ({ conversation: makeConversation(room, 'Room'), pins: [] }),
    });
    setApiForTests(api);
    await useStore.getState().loadPinnedMessages(room);
    expect(await useStore.getState().unpin('g:a' as MessageId)).toBeNull();
    expect(useStore.getState().pins?.value?.pins.map((p) => p.messageId)).toEqual(['g:b']);
    expect(api.callsTo('pins:set')).toEqual([{ messageId: 'g:a', pinned: false }]);
  });

  it('shows the cached thread, fetches the rest and reads it again when replies arrived', async () => {
    let replies = [makeMessage('g:r1', room, 'first', { threadRootId: 'g:root' as MessageId })];
    const api = fakeApi({
      'messages:get': () => ({ message: makeMessage('g:root', room, 'root') }),
      'messages:page': () => ({ messages: [makeMessage('g:root', room, 'root'), ...replies], hasOlder: false, hasNewer: false }),
      'threads:fetch': () => {
        replies = [...replies, makeMessage('g:r2', room, 'second', { threadRootId: 'g:root' as MessageId })];
        return { added: 1 };
      },
    });
    setApiForTests(api);
    await useStore.getState().loadThread(room, 'g:root' as MessageId, { fetch: true });
    await vi.waitFor(() => expect(useStore.getState().thread?.value?.replies.map((m) => m.id)).toEqual(['g:r1', 'g:r2']));
    expect(useStore.getState().thread?.value?.root?.text).toBe('root');
    expect(useStore.getState().threadFetch).toMatchObject({ status: 'done' });
    expect(api.callsTo('messages:page')[0]).toMatchObject({ conversationId: room, threadRootId: 'g:root' });
  });

  it('keeps the updated row after a chat action and reports a refusal', async () => {
    const chat = makeConversation('u:c1', 'Family');
    setApiForTests(
      fakeApi({
        'conversation:set': ({ action, value }) =>
          action === 'archive' ? { ok: false, error: { code: 'invalid_input', message: 'Archiving is available on WhatsApp only.' } } : { conversation: { ...chat, muted: value === true } },
      }),
    );
    const muted = await useStore.getState().setConversationFlag(chat.id, 'mute', true);
    expect(muted.ok && muted.value.muted).toBe(true);
    expect(useStore.getState().conversations[chat.id]?.muted).toBe(true);
    const archived = await useStore.getState().setConversationFlag(chat.id, 'archive', true);
    expect(archived).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Archiving is available on WhatsApp only.' } });
  });

  it('knows an action only for the conversation it was read for', async () => {
    setApiForTests(fakeApi({ 'conversation:actions': () => ({ actions: [{ action: 'mute', supported: false, reason: 'Not on Slack.' }] }) }));
    await useStore.getState().loadActions('u:c1' as ConversationId);
    expect(supportOf(useStore.getState().actions, 'u:c1', 'mute')).toEqual({ action: 'mute', supported: false, reason: 'Not on Slack.' });
    expect(supportOf(useStore.getState().actions, 'u:c2', 'mute')).toBeNull();
  });

  it('closes everything about a deleted chat that was open', async () => {
    setApiForTests(fakeApi({ 'conversation:delete': () => ({ ok: true as const }) }));
    useStore.setState({ activeConversationId: 'u:c1' as ConversationId, panel: { kind: 'details' } });
    expect(await useStore.getState().deleteConversation('u:c1' as ConversationId)).toBeNull();
    expect(useStore.getState().activeConversationId).toBeNull();
    expect(useStore.getState().panel).toBeNull();
  });
});
