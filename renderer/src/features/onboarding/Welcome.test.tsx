import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeBackend } from '../../testing/fakeBackend';
import { TimelinePane } from '../timeline/TimelinePane';
import { ConnectSection } from '../settings/ConnectSection';
import { Welcome } from './Welcome';
import type { ConversationId } from '../../../../shared/domain/ids';

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

describe('Welcome → Connect Pinkfish', () => {
  /** As the timeline pane shows it: only while no conversation is open. */
  function MainArea() {
    const open = useStore((s) => s.activeConversationId);
    return open ? <p>conversation</p> : <Welcome />;
  }

  it('Back and Esc return to the choices with the keyboard on "Connect Pinkfish"', () => {
    setApiForTests(fakeBackend({}));
    render(<Welcome />);
    fireEvent.click(screen.getByTestId('welcome-connect'));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.activeElement).toBe(screen.getByTestId('welcome-connect'));
    fireEvent.click(screen.getByTestId('welcome-connect'));
    // Esc in the empty form: back as well.
    fireEvent.keyDown(screen.getByLabelText('Client id'), { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('welcome-connect'));
  });

  it('hidden by a conversation opening, it keeps what was typed, says so, gives the keyboard to the conversation and leads back', async () => {
    setApiForTests(fakeBackend({}));
    render(<MainArea />);
    fireEvent.click(screen.getByTestId('welcome-connect'));
    const client = screen.getByLabelText('Client id');
    fireEvent.change(client, { target: { value: 'cid-typed' } });
    client.focus();
    const before = useStore.getState().focusRequest.seq;
    // Alt+↓ from the form (the keyboard was in the welcome, not a region).
    await act(async () => useStore.getState().openConversation('u:chat' as ConversationId));
    expect(screen.queryByTestId('welcome')).toBeNull();
    expect(useStore.getState().focusRequest.region).toBe('composer');
    expect(useStore.getState().focusRequest.seq).not.toBe(before);
    const toast = useStore.getState().toasts.find((t) => t.action);
    expect(toast?.message).toBe('What you typed to connect Pinkfish is kept, here and in Settings → Accounts.');
    // The toast goes after a while: Settings → Accounts has the same form, as it was left.
    const settings = render(<ConnectSection onDone={() => {}} />);
    expect((within(settings.container).getByLabelText('Client id') as HTMLInputElement).value).toBe('cid-typed');
    settings.unmount();
    // The toast's action closes the conversation: the form is back as it was left.
    act(() => toast!.action!.run());
    expect((screen.getByLabelText('Client id') as HTMLInputElement).value).toBe('cid-typed');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByTestId('welcome-connect')).toBeTruthy();
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
