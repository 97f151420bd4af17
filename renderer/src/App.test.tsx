import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { App } from './App';
import { setApiForTests } from './platform';
import { useStore } from './store';
import type { Api } from '../../shared/ipc/contract';

function apiAnswering(result: Awaited<ReturnType<Api['invoke']>>): Api {
  return {
    invoke: (async () => result) as Api['invoke'],
    on: () => () => {},
  };
}

afterEach(() => {
  cleanup();
  setApiForTests(undefined);
  useStore.setState({ info: null, infoError: null });
});

describe('App', () => {
  it('shows app:info and labels the demo workspace', async () => {
    setApiForTests(apiAnswering({ ok: true, value: { name: 'Switchboard', version: '0.1.0', mode: 'demo', platform: 'linux', host: 'web', keychain: { available: true } } }));
    render(<App />);
    expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '0.1.0');
    expect(screen.getByTestId('mode-badge').textContent).toBe('Demo workspace');
  });

  it('shows the error message when the backend refuses', async () => {
    setApiForTests(apiAnswering({ ok: false, error: { code: 'internal', message: 'The backend is not ready.' } }));
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe('The backend is not ready.');
    expect(screen.queryByTestId('app-info')).toBeNull();
  });

  it('says when the keychain is missing and how to fix it', async () => {
    setApiForTests(apiAnswering({ ok: true, value: { name: 'Switchboard', version: '0.1.0', mode: 'demo', platform: 'linux', host: 'web', keychain: { available: false, message: 'Install GNOME Keyring.' } } }));
    render(<App />);
    expect((await screen.findByTestId('keychain-banner')).textContent).toBe('Install GNOME Keyring.');
  });

  it('renders markup in values as text, never as HTML', async () => {
    setApiForTests(apiAnswering({ ok: true, value: { name: 'Switchboard', version: '<img src=x onerror=alert(1)>', mode: 'live', platform: 'linux', host: 'web', keychain: { available: true } } }));
    render(<App />);
    const version = await screen.findByTestId('app-version');
    expect(version.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(version.querySelector('img')).toBeNull();
  });
});
