import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountId } from '../../../../shared/domain/ids';
import { DEFAULT_PREFS } from '../../../../shared/ipc/contract';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, type HandlerTable } from '../palette/fakeApi';
import { acceleratorError } from './GeneralPage';
import { genesysNotificationRule } from './NotificationsPage';
import { SettingsView } from './SettingsView';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

function setup(page: string, extra: HandlerTable = {}) {
  const api = fakeApi({
    'prefs:get': () => DEFAULT_PREFS,
    'prefs:set': (p) => ({ ...DEFAULT_PREFS, ...p }),
    'orgSettings:get': () => ({ messageRetentionPeriodDays: 365, reactionsEnabled: true }),
    'orgSettings:set': (p) => ({ messageRetentionPeriodDays: p.messageRetentionPeriodDays ?? 365, reactionsEnabled: p.reactionsEnabled ?? true }),
    'mySettings:get': () => ({ muted: false, mentionsOnly: false, notifyOnReactions: true, mobileNotifications: 'Always' as const, exists: true }),
    ...extra,
  });
  setApiForTests(api);
  act(() => useStore.getState().setView({ kind: 'settings', page }));
  render(<SettingsView />);
  return api;
}

describe('SettingsView', () => {
  it('moves between pages with the arrow keys, as a tab list, and goes back with Esc', async () => {
    setup('general');
    const tabs = screen.getByRole('tablist', { name: 'Settings pages' });
    const general = within(tabs).getByRole('tab', { name: 'General' });
    await waitFor(() => expect(document.activeElement).toBe(general));
    fireEvent.keyDown(general, { key: 'ArrowDown' });
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'notifications' });
    fireEvent.keyDown(tabs, { key: 'End' });
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'diagnostics' });
    fireEvent.keyDown(tabs, { key: 'ArrowDown' });
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'general' });
    fireEvent.keyDown(screen.getByTestId('settings'), { key: 'Escape' });
    expect(useStore.getState().view).toEqual({ kind: 'inbox' });
  });

  it('checks the retention period next to the field before anything is saved', async () => {
    const api = setup('genesys');
    const input = await screen.findByTestId('retention-input');
    const save = screen.getByTestId('org-save');
    expect(save).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '5' } });
    expect(screen.getByText('At least 10 days.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(save).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '4000' } });
    expect(screen.getByText('At most 3650 days (10 years).')).toBeTruthy();
    fireEvent.submit(input.closest('form')!);
    expect(api.callsTo('orgSettings:set')).toHaveLength(0);
    fireEvent.change(input, { target: { value: '30' } });
    expect(save).toHaveProperty('disabled', false);
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(api.callsTo('orgSettings:set')).toEqual([{ messageRetentionPeriodDays: 30 }]));
  });

  it('shows the backend’s refusal of org settings in place', async () => {
    setup('genesys', { 'orgSettings:set': () => ({ ok: false, error: { code: 'forbidden', message: 'You need the chat settings permission.' } }) });
    const input = await screen.findByTestId('retention-input');
    fireEvent.change(input, { target: { value: '90' } });
    fireEvent.submit(input.closest('form')!);
    expect((await screen.findByTestId('org-error')).textContent).toBe('You need the chat settings permission.');
  });

  it('says when personal settings do not exist yet and creates them on save', async () => {
    const api = setup('genesys', {
      'mySettings:get': () => ({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false }),
      'mySettings:set': (p) => ({ muted: false, mentionsOnly: p.mentionsOnly ?? false, notifyOnReactions: true, exists: true }),
    });
    expect(await screen.findByText(/Nothing is stored for you yet/)).toBeTruthy();
    const save = screen.getByTestId('my-save');
    expect(save.textContent).toBe('Create my settings');
    expect(screen.getByTestId('my-reset')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('my-mentions'));
    fireEvent.click(save);
    await waitFor(() => expect(api.callsTo('mySettings:set')).toEqual([{ muted: false, mentionsOnly: true, notifyOnReactions: true }]));
    await waitFor(() => expect(screen.getByTestId('my-save').textContent).toBe('Save'));
  });

  it('asks before clearing the cache', async () => {
    const api = setup('sync', { 'cache:stats': () => ({ bytes: 3 * 1024 * 1024, messages: 1200, conversations: 40, attachmentBytes: 0 }), 'cache:clear': () => ({ ok: true as const }), 'sync:status': () => ({ ok: false, error: { code: 'offline', message: 'x' } }) });
    expect((await screen.findByTestId('cache-size')).textContent).toBe('3.0 MB');
    fireEvent.click(screen.getByTestId('cache-clear'));
    expect(api.callsTo('cache:clear')).toHaveLength(0);
    expect(screen.getByRole('group', { name: /Delete all cached messages/ })).toBeTruthy();
    fireEvent.click(screen.getByTestId('cache-clear-confirm'));
    await waitFor(() => expect(api.callsTo('cache:clear')).toHaveLength(1));
  });

  it('applies the theme choice and moves it with the arrow keys', async () => {
    const api = setup('general');
    const group = await screen.findByRole('radiogroup', { name: 'Theme' });
    fireEvent.click(within(group).getByRole('radio', { name: 'Dark' }));
    expect(useStore.getState().theme).toBe('dark');
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    await waitFor(() => expect(useStore.getState().theme).toBe('system'));
    expect(api.callsTo('prefs:set')).toEqual([{ theme: 'dark' }, { theme: 'system' }]);
  });
});

describe('accounts and diagnostics', () => {
  const live = {
    mode: 'live' as const,
    pinkfish: { kind: 'oauth' as const, genesys: 'Genesys Cloud (Acme)', unipile: 'Unipile Messaging' },
    accounts: [{ id: 'u:wa' as AccountId, source: 'unipile' as const, network: 'whatsapp' as const, name: 'Sam on WhatsApp', status: 'error' as const }],
  };

  it('removes the account only after confirming, and says what removing does', async () => {
    const api = setup('accounts', { 'account:status': () => live, 'account:disconnect': () => ({ mode: 'demo' as const, pinkfish: null, accounts: [] }) });
    expect((await screen.findByTestId('account-mode')).textContent).toBe('Live');
    expect(screen.getByText('Needs attention')).toBeTruthy();
    fireEvent.click(screen.getByTestId('account-remove'));
    expect(screen.getByRole('group', { name: /credentials are deleted from the keychain and its cached messages/ })).toBeTruthy();
    expect(api.callsTo('account:disconnect')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('account-remove-confirm'));
    await waitFor(() => expect(screen.getByTestId('account-mode').textContent).toBe('Demo workspace'));
    expect(api.callsTo('account:disconnect')).toHaveLength(1);
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'accounts' });
  });

  it('warns that removing the account drops what it has not sent yet', async () => {
    setup('accounts', { 'account:status': () => live });
    await screen.findByTestId('account-mode');
    const item = (clientId: string, kind: 'send' | 'react' | 'read') => ({ clientId, kind, conversationId: 'u:chat' as never, state: 'pending' as const, attempts: 1, nextAttemptAt: null, createdAt: 1 });
    useStore.setState({ outboxItems: [item('a', 'send'), item('b', 'send'), item('c', 'react'), item('d', 'read')] });
    fireEvent.click(screen.getByTestId('account-remove'));
    expect(screen.getByRole('group', { name: /2 unsent messages and 1 other unsent change \(edits, reactions, pins\) will be lost too\./ })).toBeTruthy();
  });

  it('shows drift against the catalog and copies the report', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    setup('diagnostics', {
      'diagnostics:run': () => ({
        at: 1,
        mode: 'live' as const,
        token: { ok: true, expiresInS: 1800 },
        connections: [{ name: 'Genesys Cloud (Acme)', service: 'genesys' as const, status: 'connected', inUse: true }],
        servers: [
          { server: 'genesys-chat', ok: true, liveTools: 33, catalogTools: 34, missing: ['genesys_chat_put_chats_settings'], added: [], changed: [] },
          { server: 'unipile-messaging', ok: false, liveTools: 0, catalogTools: 21, missing: [], added: [], changed: [], error: 'HTTP 502 from the Farm' },
        ],
        probe: [{ question: 'Error wrapping', answer: 'isError' }],
        text: 'Switchboard diagnostics\n…',
      }),
    });
    fireEvent.click(screen.getByTestId('diagnostics-run'));
    expect((await screen.findByTestId('diag-token')).textContent).toBe('Valid, expires in 30 min.');
    expect(screen.getByText('missing genesys_chat_put_chats_settings')).toBeTruthy();
    expect(screen.getByText('HTTP 502 from the Farm')).toBeTruthy();
    fireEvent.click(screen.getByTestId('diagnostics-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('Switchboard diagnostics\n…'));
  });
});

describe('pieces', () => {
  it('checks global shortcuts as Electron accelerators', () => {
    expect(acceleratorError('CommandOrControl+Shift+Space')).toBeNull();
    expect(acceleratorError('Alt+F12')).toBeNull();
    expect(acceleratorError('Space')).toMatch(/modifiers and one key/);
    expect(acceleratorError('Ctrl+')).toMatch(/modifiers and one key/);
  });

  it('says how Genesys settings shape notifications', () => {
    expect(genesysNotificationRule({ muted: true, mentionsOnly: true, notifyOnReactions: true })).toMatch(/muted/);
    expect(genesysNotificationRule({ muted: false, mentionsOnly: true, notifyOnReactions: false })).toBe('Only messages that mention you notify you in Genesys chat.');
    expect(genesysNotificationRule({ muted: false, mentionsOnly: false, notifyOnReactions: true })).toBe('Every new Genesys message notifies you, and so do reactions to your messages.');
  });
});
