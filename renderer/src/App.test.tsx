import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from './App';
import { setApiForTests } from './platform';
import { useStore } from './store';
import type { AppInfo } from '../../shared/ipc/contract';
import { conversation, fakeBackend, message, type FakeBackend } from './testing/fakeBackend';

const initial = useStore.getState();
const INFO: AppInfo = { name: 'Switchboard', version: '0.1.0', mode: 'demo', platform: 'linux', host: 'web', keychain: { available: true } };

function backend(info: AppInfo | null, extra: Parameters<typeof fakeBackend>[0] = {}): FakeBackend {
  const chats = [conversation('g:room:a', 'Release war-room', { unreadCount: 2 }), conversation('u:b', 'Lena Meyer')];
  return fakeBackend({
    'app:info': () => (info ? info : { ok: false, error: { code: 'internal', message: 'The backend is not ready.' } }),
    'inbox:list': () => ({ conversations: chats, next: null }),
    'messages:page': (q) => ({ messages: [message(q.conversationId as string, { text: 'hello <b>there</b>' })], hasOlder: false, hasNewer: false }),
    'messages:backfill': () => ({ added: 0, done: true }),
    'conversation:open': () => ({ conversation: null }),
    'conversation:markRead': () => ({ ok: true }),
    'sync:status': () => ({
      connection: 'online',
      progress: { phase: 'live', done: 1, total: 1 },
      budget: { perHour: 4500, perDay: 45000, remainingHour: 4321, remainingDay: 44000, pausedUntil: null },
      outbox: { pending: 0, failed: 0 },
      lastSyncAt: null,
      lastError: null,
    }),
    'outbox:list': () => ({ items: [] }),
    ...extra,
  });
}

beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

describe('App', () => {
  it('labels the demo workspace and shows app:info in About', async () => {
    setApiForTests(backend(INFO));
    render(<App />);
    expect((await screen.findByTestId('mode-badge')).textContent).toBe('Demo workspace');
    fireEvent.click(await screen.findByTestId('status-about'));
    const about = await screen.findByRole('dialog', { name: 'About Switchboard' });
    expect(within(about).getByTestId('app-version').textContent).toBe('0.1.0');
    expect(within(about).getByTestId('app-host').textContent).toBe('web');
  });

  it('lists the inbox and shows the request budget', async () => {
    setApiForTests(backend(INFO));
    render(<App />);
    expect(await screen.findByRole('option', { name: /Release war-room.*2 unread/ })).toBeTruthy();
    expect((await screen.findByTestId('status-budget')).textContent).toContain('4,321');
  });

  it('marks a conversation with a message that could not be sent, in its inbox row', async () => {
    const failed = { clientId: 'f1', kind: 'send' as const, conversationId: 'u:b' as never, state: 'failed' as const, attempts: 3, nextAttemptAt: null, createdAt: 1, lastError: { code: 'invalid_input', message: 'refused' } };
    setApiForTests(backend(INFO, { 'outbox:list': () => ({ items: [failed] }) }));
    render(<App />);
    const lena = await screen.findByRole('option', { name: /Lena Meyer/ });
    await screen.findByText(/Not sent/);
    expect(lena.textContent).toMatch(/Not sent/);
    expect(lena.getAttribute('aria-label') ?? lena.textContent).toMatch(/a message was not sent/);
    expect(screen.getByRole('option', { name: /Release war-room/ }).textContent).not.toMatch(/Not sent/);
  });

  it('shows the error message when the backend refuses', async () => {
    setApiForTests(backend(null));
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe('The backend is not ready.');
    expect(screen.queryByTestId('app-info')).toBeNull();
  });

  it('says when the keychain is missing and how to fix it', async () => {
    setApiForTests(backend({ ...INFO, keychain: { available: false, message: 'Install GNOME Keyring.' } }));
    render(<App />);
    expect((await screen.findByTestId('keychain-banner')).textContent).toBe('Install GNOME Keyring.');
    // Read once, it can go.
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    expect(screen.queryByTestId('keychain-banner')).toBeNull();
  });

  it('renders markup in values and messages as text, never as HTML', async () => {
    setApiForTests(backend({ ...INFO, version: '<img src=x onerror=alert(1)>' }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('status-about'));
    const version = await screen.findByTestId('app-version');
    expect(version.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(version.querySelector('img')).toBeNull();
    fireEvent.keyDown(version, { key: 'Escape' });
    act(() => useStore.getState().openConversation('g:room:a' as never));
    const feed = await screen.findByRole('feed', { name: 'Messages' });
    expect(await within(feed).findByText('hello <b>there</b>')).toBeTruthy();
    expect(feed.querySelector('b')).toBeNull();
  });

  it('marks a conversation read when it is opened', async () => {
    const api = backend(INFO);
    setApiForTests(api);
    render(<App />);
    await screen.findByRole('option', { name: /Release war-room/ });
    act(() => useStore.getState().openConversation('g:room:a' as never));
    await screen.findByRole('feed', { name: 'Messages' });
    expect(api.callsTo('conversation:markRead')).toEqual([{ conversationId: 'g:room:a', read: true }]);
    expect(api.callsTo('conversation:open').at(-1)).toEqual({ id: 'g:room:a' });
  });
});
