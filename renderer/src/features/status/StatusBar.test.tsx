import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { StatusBar } from './StatusBar';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  connection: 'online',
  progress: { phase: 'live', done: 0, total: 0 },
  budget: { perHour: 4500, perDay: 50_000, remainingHour: 4400, remainingDay: 49_000, pausedUntil: null },
  outbox: { pending: 0, failed: 0 },
  lastSyncAt: 1_000_000,
  lastError: null,
  ...over,
});

describe('StatusBar: the sync figure says "Up to date" only while it is', () => {
  it('up to date; failing when the last failure is newer than the last sync; offline says when it last synced', () => {
    act(() => useStore.setState({ syncStatus: status({}) }));
    render(<StatusBar />);
    const sync = screen.getByTestId('status-sync');
    expect(sync.textContent).toBe('Up to date');
    // An old failure, since followed by a sync: still up to date.
    act(() => useStore.setState({ syncStatus: status({ lastError: { code: 'unavailable', message: 'The upstream service failed to answer.', at: 900_000 } }) }));
    expect(sync.textContent).toBe('Up to date');
    // Every request failing since the last sync.
    act(() => useStore.setState({ syncStatus: status({ lastError: { code: 'unavailable', message: 'The upstream service failed to answer.', at: 1_200_000 } }) }));
    expect(sync.textContent).toBe('Sync failing');
    expect(sync.getAttribute('title')).toContain('The upstream service failed to answer.');
    // Offline: no check mark, but when it was last up to date.
    act(() => useStore.setState({ syncStatus: status({ connection: 'offline' }) }));
    expect(sync.textContent).toMatch(/^Last synced \d/);
    act(() => useStore.setState({ syncStatus: status({ connection: 'offline', lastSyncAt: null }) }));
    expect(sync.textContent).toBe('Not synced yet');
  });
});
