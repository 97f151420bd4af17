import { expect, test } from '../fixtures';
import { audit, mod, shootBoth, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';
import type { Page } from '@playwright/test';

const seeded = useSeededWorld();

async function openSettings(page: Page, pageId: string, label: string) {
  await page.keyboard.press(`${mod}+Comma`);
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  await settings.getByRole('tab', { name: label }).click();
  const content = page.getByTestId(`settings-page-${pageId}`);
  await expect(content).toBeVisible();
  return content;
}

test('settings: every page is reachable with the arrow keys; Esc goes back', async ({ page }, testInfo) => {
  // Six pages, each photographed and audited in two themes.
  test.setTimeout(240_000);
  await page.keyboard.press(`${mod}+Comma`);
  const tabs = page.getByRole('tablist', { name: 'Settings pages' });
  await expect(tabs.getByRole('tab', { name: 'General' })).toBeFocused();
  const pages = [
    ['general', 'General'],
    ['notifications', 'Notifications'],
    ['genesys', 'Genesys chat'],
    ['accounts', 'Accounts'],
    ['sync', 'Sync & cache'],
    ['keyboard', 'Keyboard'],
  ] as const;
  for (const [id, label] of pages) {
    await expect(tabs.getByRole('tab', { name: label })).toHaveAttribute('aria-selected', 'true');
    const content = page.getByTestId(`settings-page-${id}`);
    await expect(content).toBeVisible();
    // Each page has loaded what it shows before its picture is taken.
    await expect(content.locator('[aria-busy="true"]')).toHaveCount(0);
    if (id === 'genesys') await expect(content.getByTestId('retention-input')).toBeVisible();
    if (id === 'sync') await expect(content.getByTestId('cache-size')).toBeVisible();
    if (id === 'accounts') await expect(content.getByTestId('account-card')).toBeVisible();
    await shootBoth(page, testInfo, `settings-${id}`);
    await audit(page, testInfo, `settings-${id}`, '[data-testid="settings"]');
    await page.keyboard.press('ArrowDown');
  }
  await expect(tabs.getByRole('tab', { name: 'Diagnostics' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);
});

test('settings: the theme follows the choice at once and is kept', async ({ page }) => {
  const content = await openSettings(page, 'general', 'General');
  const theme = content.getByRole('radiogroup', { name: 'Theme' });
  await theme.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Arrows move the choice, as in any radio group.
  await page.keyboard.press('ArrowLeft');
  await expect(theme.getByRole('radio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const again = await openSettings(page, 'general', 'General');
  await again.getByRole('radio', { name: 'System' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
});

test('settings: desktop notifications on and off, kept across a reload', async ({ page }) => {
  const content = await openSettings(page, 'notifications', 'Notifications');
  const notifications = content.getByTestId('notifications-switch');
  await expect(notifications).toHaveAttribute('aria-checked', 'true');
  await notifications.click();
  await expect(notifications).toHaveAttribute('aria-checked', 'false');
  await expect(content.getByRole('switch', { name: 'Show the message text' })).toBeDisabled();
  await expect(content.getByTestId('notify-rule')).toContainText('Genesys');
  await page.reload();
  const after = await openSettings(page, 'notifications', 'Notifications');
  await expect(after.getByTestId('notifications-switch')).toHaveAttribute('aria-checked', 'false');
  await after.getByTestId('notifications-switch').click();
  await expect(after.getByTestId('notifications-switch')).toHaveAttribute('aria-checked', 'true');
});

test('settings: retention out of range is refused next to the field; a valid value saves', async ({ page }) => {
  const content = await openSettings(page, 'genesys', 'Genesys chat');
  const org = content.getByTestId('org-settings');
  const input = org.getByTestId('retention-input');
  const save = org.getByTestId('org-save');
  await input.fill('5');
  await expect(org.getByText('At least 10 days.')).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  await input.fill('3651');
  await expect(org.getByText('At most 3650 days (10 years).')).toBeVisible();
  await expect(save).toBeDisabled();
  await input.press('Enter');
  await expect(org.getByText('At most 3650 days (10 years).')).toBeVisible();
  await input.fill('90');
  await expect(org.getByText(/At (least|most)/)).toHaveCount(0);
  await input.press('Enter');
  await expect(toast(page, 'Organisation chat settings saved.')).toBeVisible();

  // Reactions off, saved, and both read back after a reload.
  await org.getByTestId('reactions-switch').click();
  await save.click();
  await expect(toast(page, 'Organisation chat settings saved.')).toBeVisible();
  await page.reload();
  const after = await openSettings(page, 'genesys', 'Genesys chat');
  await expect(after.getByTestId('retention-input')).toHaveValue('90');
  await expect(after.getByTestId('reactions-switch')).toHaveAttribute('aria-checked', 'false');
});

test('settings: my chat settings — create or update, then reset to the defaults', async ({ page }) => {
  const content = await openSettings(page, 'genesys', 'Genesys chat');
  const mine = content.getByTestId('my-settings');
  await expect(mine.getByTestId('my-save')).toBeVisible();
  await mine.getByTestId('my-mentions').click();
  await mine.getByTestId('my-mobile').getByRole('radio', { name: 'Only when inactive' }).click();
  await mine.getByTestId('my-save').click();
  await expect(toast(page, /Your chat settings were (created|saved)\./)).toBeVisible();
  await expect(mine.getByTestId('my-mentions')).toHaveAttribute('aria-checked', 'true');
  // Muted turns the rest off (they cannot apply).
  await mine.getByTestId('my-muted').click();
  await expect(mine.getByTestId('my-mentions')).toBeDisabled();
  await mine.getByTestId('my-save').click();
  await expect(toast(page, 'Your chat settings were saved.')).toBeVisible();

  await mine.getByTestId('my-reset').click();
  await expect(toast(page, 'Your chat settings are back to the defaults.')).toBeVisible();
  await expect(mine.getByTestId('my-muted')).toHaveAttribute('aria-checked', 'false');
  await expect(mine).toContainText('Nothing is stored for you yet');
});

test('settings: someone else’s mobile notifications', async ({ page }) => {
  const w = seeded.world;
  const content = await openSettings(page, 'genesys', 'Genesys chat');
  const section = content.getByTestId('user-settings');
  const picker = section.getByTestId('user-settings-person').getByRole('combobox');
  await picker.fill(w.people[3]!.name);
  await expect(section.getByRole('option', { name: new RegExp(w.people[3]!.name) })).toBeVisible();
  await picker.press('Enter');
  const mobile = section.getByTestId('user-mobile');
  await expect(mobile).toBeVisible();
  const other = (await mobile.getByRole('radio', { checked: false }).first().textContent())!;
  await mobile.getByRole('radio', { name: other }).click();
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, `Mobile notifications saved for ${w.people[3]!.name}.`)).toBeVisible();
});

test('settings: sync status and budget, cache size, and clearing the cache after confirming', async ({ page }) => {
  const content = await openSettings(page, 'sync', 'Sync & cache');
  await expect(content.getByTestId('budget-hour').getByRole('meter')).toBeVisible();
  await expect(content.getByTestId('budget-day')).toContainText(/[\d,]+ of [\d,]+ left/);
  await expect(content.getByTestId('sync-phase')).not.toBeEmpty();
  await expect(content.getByTestId('cache-messages')).not.toHaveText('0');
  await content.getByTestId('cache-clear').click();
  await expect(content.getByRole('group', { name: /Delete all cached messages/ })).toBeVisible();
  await content.getByTestId('cache-clear-confirm').click();
  await expect(toast(page, /Cache cleared/)).toBeVisible();
  await expect(content.getByTestId('cache-clear')).toBeVisible();
});

test('settings: accounts — the demo workspace and the form to add a Pinkfish account', async ({ page }) => {
  const content = await openSettings(page, 'accounts', 'Accounts');
  await expect(content.getByTestId('account-mode')).toHaveText('Demo workspace');
  await expect(content.getByTestId('account-remove')).toHaveCount(0);
  await expect(content.getByTestId('linked-accounts').getByRole('listitem')).not.toHaveCount(0);
  await content.getByTestId('account-connect').click();
  const form = content.getByTestId('account-connect-form');
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await expect(content.getByTestId('account-connect')).toBeFocused();

  // Esc in the form with values typed asks first: Settings stays, and so do the values.
  await content.getByTestId('account-connect').click();
  await form.getByLabel('Client id').fill('client-typed');
  await form.getByLabel('Client secret').fill('secret-typed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toBeVisible();
  const question = form.getByRole('group', { name: 'Discard what you entered?' });
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form.getByLabel('Client secret')).toBeFocused();
  await expect(form.getByLabel('Client secret')).toHaveValue('secret-typed');
  // Another page and back: the form is there as it was left.
  await page.getByTestId('settings').getByRole('tab', { name: 'Keyboard' }).click();
  await page.getByTestId('settings').getByRole('tab', { name: 'Accounts' }).click();
  await expect(form.getByLabel('Client id')).toHaveValue('client-typed');
  // Discarded: gone, and the keyboard is on the button that opens the form.
  await form.getByLabel('Client id').focus();
  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(form).toHaveCount(0);
  await expect(content.getByTestId('account-connect')).toBeFocused();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain('secret-typed');
});

test('settings: the keyboard page lists every shortcut', async ({ page }) => {
  const content = await openSettings(page, 'keyboard', 'Keyboard');
  for (const label of ['Pinned messages panel', 'People panel', 'Conversation details panel', 'Open the thread of the selected message', 'Settings']) {
    await expect(content.getByRole('cell', { name: label, exact: true })).toBeVisible();
  }
  // "+" is a key, shown as one (not split into two empty keys).
  const react = content.getByRole('row').filter({ has: page.getByRole('cell', { name: 'React to the selected message', exact: true }) });
  await expect(react.locator('kbd')).toHaveText(['+']);
});
