import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeBackend } from '../../testing/fakeBackend';
import { TimelinePane } from '../timeline/TimelinePane';
import { Welcome } from './Welcome';

const initial = useStore.getState();

beforeEach(() => useStore.setState({ ...initial, onboarding: 'show' }, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

describe('Welcome', () => {
  it('choosing the demo hides it and gives the inbox the keyboard before the choice is saved', async () => {
    let answer!: (v: { ok: true; value: Record<string, never> }) => void;
    const api = fakeBackend({ 'prefs:set': () => new Promise((resolve) => (answer = resolve as never)) });
    setApiForTests(api);
    render(<Welcome />);
    const before = useStore.getState().focusRequest.seq;
    fireEvent.click(screen.getByTestId('welcome-demo'));
    expect(screen.queryByTestId('welcome')).toBeNull();
    expect(useStore.getState().focusRequest).toEqual({ region: 'inbox', seq: before + 1 });
    expect(api.callsTo('prefs:set')).toEqual([{ onboarded: true }]);
    // The user opens a conversation and types while the save is slow: the focus stays theirs.
    act(() => useStore.getState().focusRegion('composer'));
    await act(async () => answer({ ok: true, value: {} }));
    expect(useStore.getState().focusRequest.region).toBe('composer');
    expect(useStore.getState().toasts).toEqual([]);
  });

  it('a choice that could not be saved says so, and the welcome stays answered for this session', async () => {
    setApiForTests(fakeBackend({ 'prefs:set': () => ({ ok: false, error: { code: 'unavailable', message: 'disk full' } }) }));
    render(<Welcome />);
    fireEvent.click(screen.getByTestId('welcome-demo'));
    await act(async () => {});
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Could not save that the welcome was answered: disk full']);
    expect(useStore.getState().onboarding).toBe('hidden');
  });
});

describe('the main area with no conversation open', () => {
  it('waits for the prefs: neither the hint nor the welcome flashes before they answer', () => {
    setApiForTests(fakeBackend({}));
    act(() => useStore.setState({ onboarding: 'unknown', activeConversationId: null }));
    const { container } = render(<TimelinePane />);
    expect(container.querySelector('.tl-welcome[aria-busy="true"]')).not.toBeNull();
    expect(container.textContent).not.toMatch(/Pick a conversation|conversations will appear here/);
    expect(screen.queryByTestId('welcome')).toBeNull();
    act(() => useStore.setState({ onboarding: 'show' }));
    expect(screen.getByTestId('welcome')).toBeTruthy();
    act(() => useStore.setState({ onboarding: 'hidden' }));
    expect(screen.queryByTestId('welcome')).toBeNull();
    expect(container.textContent).toMatch(/Your conversations will appear here|Pick a conversation/);
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
