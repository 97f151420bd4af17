import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setApiForTests } from '../../platform';
import { fakeBackend } from '../../testing/fakeBackend';
import { ConnectPinkfish, dropConnectDraft, hasConnectDraft } from './ConnectPinkfish';

afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
/** Fills the OAuth form with made-up values and submits it. */
function submitOAuth(): void {
  type('Client id', 'cid');
  type('Client secret', 'secret');
  type('Organisation id', 'org');
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('ConnectPinkfish', () => {
  it('validates each field before asking the backend', async () => {
    const api = fakeBackend({});
    setApiForTests(api);
    render(<ConnectPinkfish onConnected={() => {}} />);
    // The keyboard starts in the first field.
    expect(document.activeElement).toBe(screen.getByLabelText('Client id'));
    type('Client id', 'cid');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Enter the client secret')).toBeTruthy();
    expect(screen.getByText('Enter the organisation id')).toBeTruthy();
    expect(api.callsTo('account:connect')).toHaveLength(0);
    // And goes to the first value to fix.
    expect(document.activeElement).toBe(screen.getByLabelText('Client secret'));
  });

  it('says what an auth failure means', async () => {
    setApiForTests(fakeBackend({ 'account:connect': () => ({ ok: false, error: { code: 'auth', message: 'token exchange: 401' } }) }));
    render(<ConnectPinkfish onConnected={() => {}} />);
    submitOAuth();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/did not accept these credentials/);
    // The message takes the focus (a screen reader reads it, the keyboard is there to correct).
    await waitFor(() => expect(document.activeElement).toBe(alert));
    // The typed values stay for a correction.
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('secret');
  });

  it('lists the connections, sends the choice and keeps no secret afterwards', async () => {
    const onConnected = vi.fn();
    const api = fakeBackend({
      'account:connect': () => ({
        connections: [
          { ref: 'r1', name: 'Genesys prod', service: 'genesys', status: 'connected' },
          { ref: 'r2', name: 'Unipile', service: 'unipile', status: 'connected' },
        ],
      }),
      'account:choose': () => ({ mode: 'live', pinkfish: { kind: 'apiKey', genesys: 'Genesys prod', unipile: null }, accounts: [] }),
    });
    setApiForTests(api);
    const { container } = render(<ConnectPinkfish onConnected={onConnected} />);
    fireEvent.click(screen.getByRole('tab', { name: 'API key' }));
    fireEvent.change(screen.getByLabelText('API key', { selector: 'input' }), { target: { value: 'pk_live_secret' } });
    type('Organisation id', 'org');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Genesys prod')).toBeTruthy();
    expect(api.callsTo('account:connect')[0]).toEqual({ credentials: { kind: 'apiKey', apiKey: 'pk_live_secret', orgId: 'org' } });
    // Nothing typed is left in the page once the backend has the credentials.
    expect(container.innerHTML).not.toContain('pk_live_secret');
    // Unipile: paste a PCID instead.
    const pasteRadios = screen.getAllByLabelText('Paste a PCID');
    fireEvent.click(pasteRadios[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Use these connections' }));
    expect(await screen.findByText('Paste the PCID, or pick a connection.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Unipile messaging PCID'), { target: { value: 'pcid-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use these connections' }));
    await waitFor(() => expect(onConnected).toHaveBeenCalled());
    expect(api.callsTo('account:choose')[0]).toEqual({ genesys: { ref: 'r1' }, unipile: { pcid: 'pcid-123' } });
  });

  it("shows the backend's own message on the field it names", async () => {
    setApiForTests(
      fakeBackend({
        'account:connect': () => ({ ok: false, error: { code: 'auth', message: 'Pinkfish accepted the credentials, but not for this organisation id. Check the organisation id.', field: 'credentials.orgId' } }),
      }),
    );
    render(<ConnectPinkfish onConnected={() => {}} />);
    submitOAuth();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/not for this organisation id/);
    const org = screen.getByLabelText('Organisation id');
    expect(org.getAttribute('aria-invalid')).toBe('true');
    // Switching to the other kind of credentials clears what was said about these.
    fireEvent.click(screen.getByRole('tab', { name: 'API key' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a refused pasted PCID on its own field, keeps every choice and takes the keyboard there', async () => {
    const refusal = 'PinkConnect has no connection with the id pasted for Unipile. Check that it was copied whole, or pick a listed connection.';
    const onConnected = vi.fn();
    const api = fakeBackend({
      'account:connect': () => ({
        connections: [
          { ref: 'g1', name: 'Genesys prod', service: 'genesys', status: 'connected' },
          { ref: 'u1', name: 'Unipile', service: 'unipile', status: 'connected' },
        ],
      }),
      // As the backend answers: the unknown id is refused on the unipile field, the corrected one kept.
      'account:choose': (input) =>
        input.unipile && 'pcid' in input.unipile && input.unipile.pcid === 'pcid-typo'
          ? { ok: false, error: { code: 'not_found', message: refusal, field: 'unipile' } }
          : { mode: 'live', pinkfish: { kind: 'oauth', genesys: 'Genesys prod', unipile: 'Pasted Unipile connection' }, accounts: [] },
    });
    setApiForTests(api);
    render(<ConnectPinkfish onConnected={onConnected} />);
    submitOAuth();
    expect(await screen.findByText('Genesys prod')).toBeTruthy();
    fireEvent.click(screen.getAllByLabelText('Paste a PCID')[1]!);
    fireEvent.change(screen.getByLabelText('Unipile messaging PCID'), { target: { value: ' pcid-typo ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use these connections' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(refusal);
    // On the Unipile choice, not the form: the field says it is wrong and is described by the message.
    const input = screen.getByLabelText('Unipile messaging PCID') as HTMLInputElement;
    expect(screen.getByRole('group', { name: 'Unipile messaging' }).contains(alert)).toBe(true);
    expect(screen.getByRole('group', { name: 'Genesys Cloud' }).contains(alert)).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    await waitFor(() => expect(document.activeElement).toBe(input));
    // Nothing the user chose or pasted is lost, and the app did not go live.
    expect(input.value).toBe(' pcid-typo ');
    expect((screen.getByRole('radio', { name: /Genesys prod/ }) as HTMLInputElement).checked).toBe(true);
    expect(onConnected).not.toHaveBeenCalled();
    expect(api.callsTo('account:choose')).toEqual([{ genesys: { ref: 'g1' }, unipile: { pcid: 'pcid-typo' } }]);

    // Correcting the id clears the message; the corrected one goes through.
    fireEvent.change(input, { target: { value: 'pcid-right' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Use these connections' }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(api.callsTo('account:choose')[1]).toEqual({ genesys: { ref: 'g1' }, unipile: { pcid: 'pcid-right' } });
  });

  it('preselects a connection that works, not the first one listed', async () => {
    const api = fakeBackend({
      'account:connect': () => ({
        connections: [
          { ref: 'old', name: 'Genesys (old sandbox)', service: 'genesys', status: 'disconnected' },
          { ref: 'good', name: 'Genesys (Demo Org)', service: 'genesys', status: 'connected' },
          { ref: 'expired', name: 'Unipile (expired)', service: 'unipile', status: 'error' },
        ],
      }),
      'account:choose': () => ({ mode: 'live', pinkfish: { kind: 'oauth', genesys: 'Genesys (Demo Org)', unipile: null }, accounts: [] }),
    });
    setApiForTests(api);
    const { container } = render(<ConnectPinkfish onConnected={() => {}} />);
    submitOAuth();
    expect(await screen.findByText('Genesys (Demo Org)')).toBeTruthy();
    // "disconnected" is not shown as working.
    expect([...container.querySelectorAll('.ob-status-ok')].map((e) => e.textContent)).toEqual(['connected']);
    fireEvent.click(screen.getByRole('button', { name: 'Use these connections' }));
    await waitFor(() => expect(api.callsTo('account:choose')).toHaveLength(1));
    // The expired Unipile connection is not chosen for the user.
    expect(api.callsTo('account:choose')[0]).toEqual({ genesys: { ref: 'good' } });
  });

  it('trims the secrets: an API key of spaces is no key, and spaces around a secret are not sent', async () => {
    const api = fakeBackend({ 'account:connect': () => ({ connections: [] }) });
    setApiForTests(api);
    render(<ConnectPinkfish onConnected={() => {}} />);
    fireEvent.click(screen.getByRole('tab', { name: 'API key' }));
    const key = screen.getByLabelText('API key', { selector: 'input' });
    fireEvent.change(key, { target: { value: '   ' } });
    type('Organisation id', 'org');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Enter the API key')).toBeTruthy();
    expect(api.callsTo('account:connect')).toHaveLength(0);
    expect(document.activeElement).toBe(key);
    fireEvent.click(screen.getByRole('tab', { name: 'OAuth client' }));
    type('Client id', ' cid ');
    type('Client secret', '  secret\n');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(api.callsTo('account:connect')).toEqual([{ credentials: { kind: 'oauth', clientId: 'cid', clientSecret: 'secret', orgId: 'org' } }]));
  });

  it('Esc goes back when nothing was typed, asks first when something was, and stays in the form', async () => {
    setApiForTests(fakeBackend({}));
    const onCancel = vi.fn();
    const outside = vi.fn();
    render(
      <div onKeyDown={outside}>
        <ConnectPinkfish onConnected={() => {}} onCancel={onCancel} />
      </div>,
    );
    const client = screen.getByLabelText('Client id');
    fireEvent.keyDown(client, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    // The page's Esc (Settings closing) never sees it.
    expect(outside).not.toHaveBeenCalled();

    type('Client id', 'cid');
    fireEvent.keyDown(client, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    const question = screen.getByRole('group', { name: 'Discard what you entered?' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep editing' })));
    fireEvent.click(within(question).getByRole('button', { name: 'Keep editing' }));
    expect(document.activeElement).toBe(client);
    expect((client as HTMLInputElement).value).toBe('cid');
    fireEvent.keyDown(client, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(outside).not.toHaveBeenCalled();
  });

  it('with a draftKey, comes back as it was left when hidden; given up, it keeps nothing', async () => {
    setApiForTests(fakeBackend({}));
    const first = render(<ConnectPinkfish onConnected={() => {}} onCancel={() => {}} draftKey="test-draft" />);
    fireEvent.click(screen.getByRole('tab', { name: 'API key' }));
    fireEvent.change(screen.getByLabelText('API key', { selector: 'input' }), { target: { value: 'pk_typed' } });
    type('Organisation id', 'org');
    first.unmount();
    expect(hasConnectDraft('test-draft')).toBe(true);
    // Nowhere but in memory.
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toContain('pk_typed');

    const again = render(<ConnectPinkfish onConnected={() => {}} onCancel={() => {}} draftKey="test-draft" />);
    expect(screen.getByRole('tab', { name: 'API key' }).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByLabelText('API key', { selector: 'input' }) as HTMLInputElement).value).toBe('pk_typed');
    expect((screen.getByLabelText('Organisation id') as HTMLInputElement).value).toBe('org');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    again.unmount();
    expect(hasConnectDraft('test-draft')).toBe(false);
    render(<ConnectPinkfish onConnected={() => {}} onCancel={() => {}} draftKey="test-draft" />);
    expect((screen.getByLabelText('Organisation id') as HTMLInputElement).value).toBe('');
    dropConnectDraft('test-draft');
  });

  it('keeps the keyboard on Connect while the credentials are checked', async () => {
    let answer!: (v: unknown) => void;
    setApiForTests(fakeBackend({ 'account:connect': () => new Promise((resolve) => (answer = resolve as never)) }));
    render(<ConnectPinkfish onConnected={() => {}} />);
    type('Client id', 'cid');
    type('Client secret', 'secret');
    type('Organisation id', 'org');
    const connect = screen.getByRole('button', { name: 'Connect' }) as HTMLButtonElement;
    connect.focus();
    fireEvent.click(connect);
    await waitFor(() => expect(connect.textContent).toBe('Checking…'));
    expect(connect.disabled).toBe(false);
    expect(connect.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(connect);
    await act(async () => answer({ ok: false, error: { code: 'offline', message: 'x' } }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));
  });
});
