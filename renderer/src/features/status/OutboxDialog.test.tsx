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

describe('OutboxDialog remedies', () => {
  it('offers Edit, not Retry, for a send the network refused as written; Edit closes the dialog and starts the edit', () => {
    const refused: OutboxItem = { ...item('a', 'failed'), messageId: 'u:pending-a' as never, lastError: { code: 'invalid_input', message: 'text is limited to 8000 characters on LinkedIn.' } };
    const elsewhere: OutboxItem = { ...item('b', 'failed'), messageId: 'u:pending-b' as never, lastError: { code: 'forbidden', message: 'You are not a member of this room.' } };
    act(() => useStore.setState({ outboxItems: [refused, elsewhere] }));
    let closed = false;
    render(<OutboxDialog onClose={() => (closed = true)} />);
    const [rowA, rowB] = screen.getAllByTestId('outbox-item');
    expect([...rowA!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Edit', 'Discard']);
    expect([...rowB!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Retry', 'Edit', 'Discard']);
    let asked: string | undefined;
    useStore.setState({ editOutboxSend: async (clientId: string) => void (asked = clientId) });
    act(() => (rowA!.querySelector('button') as HTMLButtonElement).click());
    expect(closed).toBe(true);
    expect(asked).toBe('a');
  });
});
