import type { Page } from '@playwright/test';
import { expect, openSeededApp, startLiveHost, target, test, type LiveHost } from '../fixtures';
import { enterApp, inbox, mod, toast } from '../pages/panels';

/**
 * Settings → Accounts against a live Pinkfish: an emulator of the spec's own plays it, the backend
 * starts in the demo ('auto', nothing stored) and keeps the account in the real keychain on a
 * throwaway service name. Add, re-authenticate (a wrong secret first), remove.
 */
test.skip(target !== 'web', 'the backend is built in this worker only for the web host');

let live: LiveHost;
// A chat only the live emulator has: seeing it in the inbox proves the app shows live data.
const LIVE_CONTACT = 'Quillon Livewright';

test.beforeAll(async () => {
  live = await startLiveHost();
  const accounts = live.pinkfish.control.act('unipile', 'accounts') as Array<{ id: string }>;
  live.pinkfish.control.act('unipile', 'startChat', { accountId: accounts[0]!.id, name: LIVE_CONTACT, text: 'Hello from the live side' });
});
test.afterAll(async () => {
  await live?.stop();
});

async function openAccounts(page: Page) {
  await page.keyboard.press(`${mod}+Comma`);
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.getByTestId('settings').getByRole('tab', { name: 'Accounts' }).click();
  const content = page.getByTestId('settings-page-accounts');
  await expect(content.getByTestId('account-card')).toBeVisible();
  return content;
}

async function typeCredentials(content: ReturnType<Page['getByTestId']>, secret: string) {
  const { clientId, orgId } = live.pinkfish.credentials;
  const form = content.getByTestId('account-connect-form');
  await expect(form.getByRole('form', { name: 'Pinkfish credentials' })).toBeVisible();
  await form.getByLabel('Client id').fill(clientId);
  await form.getByLabel('Client secret').fill(secret);
  await form.getByLabel('Organisation id').fill(orgId);
  await form.getByRole('button', { name: 'Connect' }).click();
  return form;
}

async function chooseConnections(form: ReturnType<Page['getByTestId']>) {
  const choose = form.getByRole('form', { name: 'Choose connections' });
  await expect(choose).toBeVisible();
  // Every connection of the account is listed, the unusable ones with their status.
  await expect(choose.getByRole('radio', { name: /Genesys Cloud \(old sandbox\)/ })).toBeVisible();
  await expect(choose.getByRole('radio', { name: /Unipile \(expired\)/ })).toBeVisible();
  await choose.getByRole('radio', { name: /Genesys Cloud \(Demo Org\)/ }).check();
  await choose.getByRole('radio', { name: /Unipile Messaging/ }).check();
  await choose.getByRole('button', { name: 'Use these connections' }).click();
  await expect(form).toHaveCount(0);
}

async function status(): Promise<{ mode: string; pinkfish: unknown }> {
  const res = await live.invoke('account:status');
  if (!res.ok) throw new Error(`account:status failed: ${res.error.code} ${res.error.message}`);
  return res.value as { mode: string; pinkfish: unknown };
}

test('accounts: add a live Pinkfish account, re-authenticate, a wrong secret, remove', async ({ page, appErrors }, testInfo) => {
  test.setTimeout(180_000);
  await openSeededApp(page, live, appErrors);
  await enterApp(page);
  await expect(page.getByTestId('mode-badge')).toHaveText('Demo workspace');

  await test.step('add: connect, pick Genesys and Unipile, the app goes live', async () => {
    const content = await openAccounts(page);
    await expect(content.getByTestId('account-mode')).toHaveText('Demo workspace');
    await content.getByTestId('account-connect').click();
    const form = await typeCredentials(content, live.pinkfish.credentials.clientSecret);
    await chooseConnections(form);
    await expect(toast(page, 'Connected: Switchboard now uses your Pinkfish account.')).toBeVisible();
    await expect(content.getByTestId('account-mode')).toHaveText('Live');
    const card = content.getByTestId('account-card');
    await expect(card.getByText('Genesys Cloud (Demo Org)', { exact: true })).toBeVisible();
    await expect(card.getByText('Unipile Messaging', { exact: true })).toBeVisible();
    await expect(content.getByRole('list', { name: 'Linked network accounts' }).getByText('Genesys Cloud (Demo Org)', { exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('settings-accounts-live.png') });
    expect(await status()).toMatchObject({ mode: 'live', pinkfish: { kind: 'oauth', genesys: 'Genesys Cloud (Demo Org)', unipile: 'Unipile Messaging' } });
    expect(await live.vault.getCredentials()).toMatchObject({ kind: 'oauth', clientId: live.pinkfish.credentials.clientId });

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings')).toHaveCount(0);
    await expect(page.getByTestId('mode-badge')).toHaveText('Live');
    await expect(inbox(page).getByRole('option', { name: new RegExp(LIVE_CONTACT) }).first()).toBeVisible();
  });

  await test.step('a wrong secret is refused with a clear message, the account stays', async () => {
    const content = await openAccounts(page);
    await expect(content.getByTestId('account-connect')).toHaveText('Re-authenticate');
    await content.getByTestId('account-connect').click();
    const form = await typeCredentials(content, 'not-the-secret');
    const alert = form.getByRole('alert');
    // The backend's own words: which values were refused.
    await expect(alert).toHaveText('Pinkfish did not accept this client id and secret. Copy them again from Pinkfish → API credentials.');
    await expect(alert).toBeFocused();
    await expect(content.getByTestId('account-mode')).toHaveText('Live');
    expect(await status()).toMatchObject({ mode: 'live' });

    await test.step('re-authenticate with the right secret: still live', async () => {
      await chooseConnections(await typeCredentials(content, live.pinkfish.credentials.clientSecret));
      await expect(content.getByTestId('account-mode')).toHaveText('Live');
      expect(await status()).toMatchObject({ mode: 'live', pinkfish: { kind: 'oauth' } });
    });
  });

  await test.step('remove: confirm, back to the demo, the keychain is empty', async () => {
    const content = page.getByTestId('settings-page-accounts');
    await content.getByTestId('account-remove').click();
    const confirm = content.getByRole('group', { name: /Remove the account\?/ });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(toast(page, /The Pinkfish account was removed/)).toBeVisible();
    await expect(content.getByTestId('account-mode')).toHaveText('Demo workspace');
    await expect(content.getByTestId('account-remove')).toHaveCount(0);
    await expect(content.getByTestId('account-connect')).toHaveText('Add Pinkfish account');
    expect(await status()).toMatchObject({ mode: 'demo', pinkfish: null });
    expect(await live.vault.getCredentials()).toBeNull();
    expect(await live.vault.list()).not.toContain('pinkfish-credentials');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('mode-badge')).toHaveText('Demo workspace');
    await expect(inbox(page).getByRole('option', { name: new RegExp(LIVE_CONTACT) })).toHaveCount(0);
  });
});
