import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import type { ConversationId } from '../../../../shared/domain/ids';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { conversation, fakeBackend, message, type FakeBackend } from '../../testing/fakeBackend';
import { SETTLE_MS, useConversationLifecycle } from './useConversationLifecycle';

const initial = useStore.getState();
const ids = ['u:a', 'u:b', 'u:c', 'u:d', 'u:e'] as ConversationId[];

function Probe() {
  useConversationLifecycle();
  return null;
}

function backend(): FakeBackend {
  return fakeBackend({
    'messages:page': (q) => ({ messages: [message(q.conversationId as string, { text: 'hi' })], hasOlder: false, hasNewer: false }),
    'conversation:open': () => ({ conversation: null }),
    'conversation:get': (q) => ({ conversation: conversation(q.id as string, 'x'), pins: [] }) as never,
    'people:list': () => ({ people: [] }),
  });
}

/** The conversations the backend was told are on screen (mounting with none open tells it `null`). */
const told = (api: FakeBackend) => api.callsTo('conversation:open').filter((c) => c.id !== null);
const open = (id: ConversationId) => act(() => useStore.setState({ activeConversationId: id }));
/** A frame and the tasks after it, plus `ms`. */
const pass = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(17 + ms);
  });

let api: FakeBackend;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date'] });
  useStore.setState(initial, true);
  api = backend();
  setApiForTests(api);
  const ready = { messages: [], hasOlder: false, hasNewer: false, status: 'ready' as const, error: null, older: 'idle' as const, beginning: false };
  // Every conversation's window was read ahead, as Alt+↓ through the inbox finds them.
  useStore.setState({
    inboxIds: ids,
    conversations: Object.fromEntries(ids.map((id) => [id, conversation(id, id)])),
    timelines: Object.fromEntries(ids.map((id) => [id, ready])),
  });
});
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
  vi.useRealTimers();
});

describe('useConversationLifecycle', () => {
  it('asks nothing for conversations passed through, and everything for the one the user stays on', async () => {
    render(<Probe />);
    open(ids[0]!);
    await pass(SETTLE_MS / 3);
    open(ids[1]!);
    await pass(SETTLE_MS / 3);
    open(ids[2]!);
    expect(told(api)).toEqual([]);
    await pass(SETTLE_MS);
    // Only the one stayed on: the backend polls it, its window is refreshed, its pins and people read.
    expect(told(api)).toEqual([{ id: ids[2] }]);
    expect(api.callsTo('messages:page')).toEqual([{ conversationId: ids[2], limit: 50 }]);
    expect(api.callsTo('conversation:get')).toEqual([{ id: ids[2] }]);
    expect(api.callsTo('people:list')).toEqual([{ conversationId: ids[2] }]);
    // Each draft is still read at once.
    expect(api.callsTo('drafts:get').map((d) => d.conversationId)).toEqual(ids.slice(0, 3));
  });

  it('reads the neighbours ahead right after the paint, even when the user moves on before it settles', async () => {
    useStore.setState({ timelines: {} });
    render(<Probe />);
    open(ids[2]!);
    // Not read ahead: its window and the backend are asked at once.
    expect(told(api)).toEqual([{ id: ids[2] }]);
    expect(api.callsTo('messages:page')).toEqual([{ conversationId: ids[2], limit: 50 }]);
    await pass(0);
    open(ids[3]!);
    const pages = api.callsTo('messages:page').map((q) => q.conversationId);
    expect(new Set(pages)).toEqual(new Set(ids));
  });
});
