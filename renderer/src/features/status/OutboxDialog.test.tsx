import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../../shared/domain/ids';
import type { OutboxItem } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { OutboxDialog } from './StatusBar';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

const item = (clientId: string, state: OutboxItem['state']): OutboxItem => ({
  clientId,
  kind: 'send',
  conversationId: 'u:c1' as ConversationId,
  state,
  attempts: 1,
  nextAttemptAt: null,
  createdAt: 1,
  text: 'hello',
  ...(state === 'failed' ? { lastError: { code: 'bad_request', message: 'Too long' } } : {}),
});

describe('OutboxDialog focus', () => {
  it('hands the focus on once when the focused row goes, and does not pull it back on a later render', () => {
    act(() => useStore.setState({ outboxItems: [item('a', 'failed'), item('b', 'failed')] }));
    render(<OutboxDialog onClose={() => {}} />);
    const discardA = screen.getAllByRole('button', { name: 'Discard' })[0]!;
    act(() => discardA.focus());
    // Row a goes: focus moves to the next row's first button, not to <body>.
    act(() => useStore.setState({ outboxItems: [item('b', 'failed')] }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry' }));
    // The last row goes: Close.
    act(() => useStore.setState({ outboxItems: [] }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    // The user (or the page) puts the focus elsewhere; a later render leaves it there.
    act(() => (document.activeElement as HTMLElement).blur());
    expect(document.activeElement).toBe(document.body);
    act(() => useStore.setState({ outboxItems: [] }));
    expect(document.activeElement).toBe(document.body);
  });
});
