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
    expect(save.getAttribute('aria-disabled')).toBe('true');
    fireEvent.change(input, { target: { value: '5' } });
    expect(screen.getByText('At least 10 days.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(save.getAttribute('aria-disabled')).toBe('true');
    fireEvent.change(input, { target: { value: '4000' } });
    expect(screen.getByText('At most 3650 days (10 years).')).toBeTruthy();
    fireEvent.submit(input.closest('form')!);
    expect(api.callsTo('orgSettings:set')).toHaveLength(0);
    fireEvent.change(input, { target: { value: '30' } });
    expect(save.getAttribute('aria-disabled')).toBeNull();
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
    expect(screen.getByTestId('my-reset').getAttribute('aria-disabled')).toBe('true');
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

describe('the keyboard stays on what was pressed', () => {
  it('"Turn off" the global shortcut: dim once done, but still focused (aria-disabled)', async () => {
    const api = setup('general');
    const off = await screen.findByTestId('shortcut-off');
    off.focus();
    fireEvent.click(off);
    await waitFor(() => expect(useStore.getState().prefs?.globalShortcut).toBeNull());
    expect(api.callsTo('prefs:set')).toEqual([{ globalShortcut: null }]);
    expect(off.getAttribute('aria-disabled')).toBe('true');
    expect((off as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(off);
    // Pressed again: nothing.
    fireEvent.click(off);
    expect(api.callsTo('prefs:set')).toHaveLength(1);
  });

  it('"Run diagnostics": busy but focused while the checks run, and after', async () => {
    let answer!: (v: unknown) => void;
    const api = setup('diagnostics', { 'diagnostics:run': () => new Promise((resolve) => (answer = resolve as never)) });
    const run = screen.getByTestId('diagnostics-run') as HTMLButtonElement;
    run.focus();
    fireEvent.click(run);
    await waitFor(() => expect(run.textContent).toBe('Running…'));
    expect(run.disabled).toBe(false);
    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(run.getAttribute('aria-busy')).toBe('true');
    expect(document.activeElement).toBe(run);
    fireEvent.click(run);
    expect(api.callsTo('diagnostics:run')).toHaveLength(1);
    await act(async () => answer({ at: 1, mode: 'demo', token: { ok: true, expiresInS: null }, connections: [], servers: [], probe: [], text: 'r' }));
    await waitFor(() => expect(run.textContent).toBe('Run again'));
    expect(run.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(run);
  });

  it('"Clear" in the inline confirmation keeps the keyboard while the cache is cleared', async () => {
    let answer!: (v: unknown) => void;
    setup('sync', {
      'cache:stats': () => ({ bytes: 1024, messages: 1, conversations: 1, attachmentBytes: 0 }),
      'cache:clear': () => new Promise((resolve) => (answer = resolve as never)),
      'sync:status': () => ({ ok: false, error: { code: 'offline', message: 'x' } }),
    });
    await screen.findByTestId('cache-size');
    fireEvent.click(screen.getByTestId('cache-clear'));
    const confirm = screen.getByTestId('cache-clear-confirm') as HTMLButtonElement;
    confirm.focus();
    fireEvent.click(confirm);
    await waitFor(() => expect(confirm.textContent).toBe('Working…'));
    expect(confirm.disabled).toBe(false);
    expect(document.activeElement).toBe(confirm);
    await act(async () => answer({ ok: true }));
    // The question withdrawn: back on the button that asked it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('cache-clear')));
  });
});

describe('the Pinkfish form in Settings → Accounts', () => {
  const demo = { mode: 'demo' as const, pinkfish: null, accounts: [] };
  const openForm = async () => {
    setup('accounts', { 'account:status': () => demo, 'account:connect': () => ({ ok: false, error: { code: 'network', message: 'Could not reach Pinkfish.' } }) });
    fireEvent.click(await screen.findByTestId('account-connect'));
    return screen.getByTestId('account-connect-form');
  };

  it('Esc with values typed asks before dropping them, and never closes Settings with them', async () => {
    const form = await openForm();
    const client = within(form).getByLabelText('Client id') as HTMLInputElement;
    fireEvent.change(client, { target: { value: 'cid-typed' } });
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: 'secret-typed' } });
    fireEvent.change(within(form).getByLabelText('Organisation id'), { target: { value: 'org' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Could not reach Pinkfish.');
    client.focus();
    fireEvent.keyDown(client, { key: 'Escape' });
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'accounts' });
    const question = within(form).getByRole('group', { name: 'Discard what you entered?' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep editing' })));
    // Esc again (or Keep editing): back to the field, the values untouched.
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(within(form).queryByRole('group', { name: 'Discard what you entered?' })).toBeNull();
    expect(document.activeElement).toBe(client);
    expect(client.value).toBe('cid-typed');
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'accounts' });
    // Asked again, and discarded: the form goes and the keyboard is on the button that opens it.
    fireEvent.keyDown(client, { key: 'Escape' });
    fireEvent.click(within(form).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByTestId('account-connect-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('account-connect'));
    // Opened again: empty, nothing kept.
    fireEvent.click(screen.getByTestId('account-connect'));
    expect((within(screen.getByTestId('account-connect-form')).getByLabelText('Client id') as HTMLInputElement).value).toBe('');
    // Empty, Esc simply closes the form (not Settings).
    fireEvent.keyDown(within(screen.getByTestId('account-connect-form')).getByLabelText('Client id'), { key: 'Escape' });
    expect(screen.queryByTestId('account-connect-form')).toBeNull();
    expect(useStore.getState().view).toEqual({ kind: 'settings', page: 'accounts' });
    expect(document.activeElement).toBe(screen.getByTestId('account-connect'));
  });

  it('keeps what was typed when the form is folded away or another page shows, in memory only', async () => {
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Client id'), { target: { value: 'cid-kept' } });
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: 'secret-kept' } });
    // Folded away and opened again.
    fireEvent.click(screen.getByTestId('account-connect'));
    expect(screen.queryByTestId('account-connect-form')).toBeNull();
    fireEvent.click(screen.getByTestId('account-connect'));
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('secret-kept');
    // Another page, then back: the form is open again, as it was.
    act(() => useStore.getState().setView({ kind: 'settings', page: 'keyboard' }));
    expect(screen.queryByTestId('account-connect-form')).toBeNull();
    act(() => useStore.getState().setView({ kind: 'settings', page: 'accounts' }));
    expect((within(await screen.findByTestId('account-connect-form')).getByLabelText('Client id') as HTMLInputElement).value).toBe('cid-kept');
    // Never written anywhere.
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + JSON.stringify(useStore.getState(), (_k, v) => (typeof v === 'function' ? undefined : v));
    expect(stored).not.toContain('secret-kept');
    // Cancel drops it.
    fireEvent.click(within(screen.getByTestId('account-connect-form')).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByTestId('account-connect'));
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
  });
});

describe('the keyboard page', () => {
  it('shows the "+" key as a key, not as two empty ones', () => {
    setup('keyboard');
    const row = screen.getByRole('cell', { name: 'React to the selected message' }).closest('tr')!;
    expect([...row.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['+']);
    const palette = screen.getByRole('cell', { name: /^Command palette/ }).closest('tr')!;
    expect([...palette.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Ctrl', 'K']);
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
