import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';
import type { OutboxItem } from '../../../shared/ipc/contract';
import { setApiForTests } from '../platform';
import { fakeBackend, message, type FakeBackend } from '../testing/fakeBackend';
import { NOT_A_MEMBER_MESSAGE } from '../../../shared/ipc/refusals';
import { failedRemedy } from './syncSlice';
import { useStore } from './index';

const LI = 'u:chat-li' as ConversationId;
const OTHER = 'u:chat-other' as ConversationId;
const initial = useStore.getState();
let api: FakeBackend;

const TOO_LONG = { code: 'invalid_input', message: 'text is limited to 8000 characters on LinkedIn.' };
const failedSend = (clientId: string, messageId: MessageId, lastError = TOO_LONG, conversationId = LI): OutboxItem => ({
  clientId,
  kind: 'send',
  conversationId,
  messageId,
  state: 'failed',
  attempts: 1,
  nextAttemptAt: null,
  createdAt: 1,
  text: 'far too long',
  lastError,
});

beforeEach(() => {
  useStore.setState(initial, true);
  api = fakeBackend({ 'outbox:retry': () => ({ ok: true }), 'drafts:get': () => ({ conversationId: LI, text: 'kept draft', updatedAt: 1 }) });
  setApiForTests(api);
});
afterEach(() => setApiForTests(undefined));

async function announce(items: OutboxItem[]) {
  api.handlers['outbox:list'] = () => ({ items });
  await useStore.getState().loadOutbox();
  return useStore.getState().toasts;
}

describe('a failed write says what can get it through', () => {
  it('Retry where a retry can succeed; Edit for a send refused as written; nothing for a refused edit', async () => {
    expect(failedRemedy({ kind: 'send', lastError: TOO_LONG })).toBe('edit');
    expect(failedRemedy({ kind: 'send', lastError: { code: 'forbidden', message: 'not a member' } })).toBe('retry');
    expect(failedRemedy({ kind: 'edit', lastError: { code: 'invalid_input', message: 'too late' } })).toBe('discard');

    const toasts = await announce([
      failedSend('too-long', 'u:p1' as MessageId),
      failedSend('forbidden', 'u:p2' as MessageId, { code: 'forbidden', message: 'You are not a member of this room.' }),
      { clientId: 'late-edit', kind: 'edit', conversationId: LI, messageId: 'u:m1' as MessageId, state: 'failed', attempts: 1, nextAttemptAt: null, createdAt: 1, text: 'x', lastError: { code: 'invalid_input', message: 'Messages can only be edited within 1 hour of sending on LinkedIn.' } },
    ]);
    expect(toasts.map((t) => [t.message, t.action?.label])).toEqual([
      ['Message failed: text is limited to 8000 characters on LinkedIn.', 'Edit'],
      ['Message failed: You are not a member of this room.', 'Retry'],
      ['Edit failed: Messages can only be edited within 1 hour of sending on LinkedIn.', undefined],
    ]);
  });

  it('a room send refused for membership shows the Join notice; one refused for the connection does not lock the room', async () => {
    const room = 'g:room:r1@conference.demo' as ConversationId;
    const other = 'g:room:r2@conference.demo' as ConversationId;
    await announce([
      failedSend('conn', 'g:p1' as MessageId, { code: 'forbidden', message: 'The selected connection cannot be used. Check Settings → Accounts.' }, room),
      failedSend('member', 'g:p2' as MessageId, { code: 'forbidden', message: NOT_A_MEMBER_MESSAGE }, other),
    ]);
    expect(useStore.getState().membership[room]).toBeUndefined();
    expect(useStore.getState().membership[other]).toBe(false);
  });

  it('discarding an unsure send says a copy that got through will still show up; a plain discard says nothing more', async () => {
    api.handlers['outbox:discard'] = () => ({ ok: true });
    api.handlers['outbox:list'] = () => ({ items: [] });
    useStore.setState({ outboxItems: [{ ...failedSend('unsure', 'u:p3' as MessageId), state: 'ambiguous' }, failedSend('plain', 'u:p4' as MessageId)] });
    expect(await useStore.getState().discardOutbox('unsure')).toBeNull();
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Discarded: it will not be sent again. If the last try did get through, it shows up in the conversation.']);
    useStore.setState({ toasts: [], outboxItems: [failedSend('plain', 'u:p4' as MessageId)] });
    expect(await useStore.getState().discardOutbox('plain')).toBeNull();
    expect(useStore.getState().toasts).toEqual([]);
  });

  it('a send edited after failing and refused again is announced again (once per failing)', async () => {
    const item = failedSend('again', 'u:p9' as MessageId);
    const [first] = await announce([item]);
    // Seen failed again at the next read: not repeated (the same toast stays).
    expect((await announce([item])).map((t) => t.id)).toEqual([first!.id]);
    // Edited: queued anew (pending), then refused again: said again (a new toast, the same words).
    await announce([{ ...item, state: 'pending', lastError: undefined }]);
    const [again] = await announce([{ ...item, text: 'still far too long' }]);
    expect(again!.id).not.toBe(first!.id);
    expect(again!.message).toBe('Message failed: text is limited to 8000 characters on LinkedIn.');
  });

  it('Edit puts the failed send in its composer, selected, keeping what was being written aside', async () => {
    const pending = message(LI, { id: 'u:pending-1' as MessageId, isOwn: true, text: 'far too long', delivery: 'failed' });
    useStore.getState().openConversation(LI);
    useStore.setState({ timelines: { [LI]: { ...(useStore.getState().timelines[LI] ?? {}), messages: [pending] } as never } });
    useStore.getState().setComposerText(LI, 'half a thought');
    const toasts = await announce([failedSend('c1', pending.id)]);
    toasts[0]!.action!.run();
    await Promise.resolve();
    const s = useStore.getState();
    expect(s.composers[LI]).toMatchObject({ editingId: pending.id, text: 'far too long', stash: { text: 'half a thought' } });
    expect(s.selectedMessageId).toBe(pending.id);
    expect(s.focusRequest.region).toBe('composer');
  });

  it('Edit from elsewhere opens the conversation at the message, its stored draft set aside', async () => {
    const pending = message(LI, { id: 'u:pending-2' as MessageId, isOwn: true, text: 'far too long', delivery: 'failed' });
    api.handlers['messages:get'] = () => ({ message: pending });
    useStore.getState().openConversation(OTHER);
    useStore.setState({ outboxItems: [failedSend('c2', pending.id)] });
    await useStore.getState().editOutboxSend('c2');
    const s = useStore.getState();
    expect(s.activeConversationId).toBe(LI);
    expect(s.jumpTarget).toMatchObject({ conversationId: LI, messageId: pending.id });
    expect(s.composers[LI]).toMatchObject({ editingId: pending.id, text: 'far too long', stash: { text: 'kept draft' } });
  });
});
