import type { Page } from '@playwright/test';
import { expect, openSeededApp, startSeededHost, target, test } from '../fixtures';
import { enterApp, header } from '../pages/core';

/**
 * Global search (Ctrl/Cmd+F or `/`) over the offline cache, from the keyboard: highlighted
 * snippets with conversation, sender and date; Enter jumps to the message in its timeline; more
 * results page in; it keeps working with the network gone. Leaves search.png.
 */
// The first test of a worker waits for the demo workspace's first sync; a busy 2-core box is slow.
test.describe.configure({ timeout: 120_000 });
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';
/** In the demo corpus in both Genesys and Unipile messages ("Deploy finished, please verify on staging."). */
const WORD = 'staging';

async function inboxReady(app: Page) {
  await enterApp(app);
  await expect(app.getByRole('listbox', { name: 'Conversations' }).getByRole('option').nth(3)).toBeVisible();
}
const dialog = (app: Page) => app.getByRole('dialog', { name: 'Search messages' });
const results = (app: Page) => dialog(app).getByRole('listbox', { name: 'Messages found' });
const selectedHit = (app: Page) => results(app).locator('[role="option"][aria-selected="true"]');

test('Ctrl+F finds cached messages with highlighted snippets, and Enter jumps to the message in context', async ({ app }, testInfo) => {
  await inboxReady(app);
  await app.keyboard.press(`${MOD}+F`);
  await expect(dialog(app)).toBeVisible();
  await expect(dialog(app).getByRole('combobox', { name: 'Search messages' })).toBeFocused();
  await expect(dialog(app).getByTestId('search-hint')).toHaveText('Searching cached history — works offline');

  await app.keyboard.type(WORD);
  const first = results(app).getByRole('option').first();
  await expect(first).toBeVisible();
  await expect(first.locator('mark').first()).toHaveText(new RegExp(WORD, 'i'));
  // Conversation, sender and date on every hit.
  await expect(first.locator('.search-hit-conversation')).not.toBeEmpty();
  // (A 1:1's hits name the conversation only: its title is the sender.)
  await expect(results(app).locator('.search-hit-sender').first()).not.toBeEmpty();
  await expect(first.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  const shot = testInfo.outputPath('search.png');
  await app.screenshot({ path: shot });
  await testInfo.attach('search', { path: shot, contentType: 'image/png' });

  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  const messageId = await selectedHit(app).getAttribute('data-message-id');
  const conversation = (await selectedHit(app).locator('.search-hit-conversation').textContent())!.trim();
  await app.keyboard.press('Enter');
  await expect(dialog(app)).toBeHidden();

  // The conversation is open and the message is on screen, selected, with its neighbours around it.
  const timeline = app.getByRole('region', { name: 'Timeline' });
  await expect(header(app)).toContainText(conversation);
  const message = timeline.locator(`[role="feed"] [data-message-id="${messageId}"]`);
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute('aria-current', 'true');
  await expect(message).toBeInViewport();
  expect(await timeline.locator('[role="feed"] [data-message-id]').count()).toBeGreaterThan(1);
  // The keyboard is on it: j/k and the message shortcuts act from here.
  await expect(message).toBeFocused();
});

test('/ opens search too, Esc closes it, and more results load as you go down', async ({ app }) => {
  await inboxReady(app);
  // `/` is a shortcut only outside text fields: start from the inbox.
  await app.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first().focus();
  await app.keyboard.press('/');
  await expect(dialog(app)).toBeVisible();
  // A common word: more than one page of hits.
  await app.keyboard.type('the');
  await expect(results(app).getByRole('option').nth(29)).toBeAttached();
  const firstPage = await results(app).getByRole('option').count();
  expect(firstPage).toBe(30);
  for (let i = 0; i < 5; i++) await app.keyboard.press('PageDown');
  await expect.poll(() => results(app).getByRole('option').count()).toBeGreaterThan(firstPage);
  await expect(selectedHit(app)).toBeInViewport();

  await app.keyboard.press('Escape');
  await expect(dialog(app)).toBeHidden();
  // Reopened, it shows the same search where it was left.
  await app.keyboard.press(`${MOD}+F`);
  await expect(dialog(app).getByRole('combobox', { name: 'Search messages' })).toHaveValue('the');
  await expect(results(app).getByRole('option').first()).toBeVisible();
});

test('the network filter and "only this conversation" narrow the results', async ({ app }) => {
  await inboxReady(app);
  const hitConversations = () => results(app).getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-conversation-id') ?? ''));
  await app.keyboard.press(`${MOD}+F`);
  await app.keyboard.type(WORD);
  await expect(results(app).getByRole('option').first()).toBeVisible();
  expect(new Set((await hitConversations()).map((id) => id.slice(0, 2)))).toEqual(new Set(['g:', 'u:']));

  // Genesys only, then Slack only (a Unipile network).
  const network = dialog(app).getByRole('combobox', { name: 'Network' });
  await network.selectOption('genesys');
  await expect.poll(async () => (await hitConversations()).every((id) => id.startsWith('g:'))).toBe(true);
  await network.selectOption('slack');
  await expect.poll(async () => (await hitConversations()).every((id) => id.startsWith('u:'))).toBe(true);
  await network.selectOption('');

  // Jump into one conversation, then search only there (keyboard: Tab to the checkbox, Space).
  await dialog(app).getByRole('combobox', { name: 'Search messages' }).focus();
  await expect(results(app).getByRole('option').first()).toBeVisible();
  await expect(selectedHit(app)).toHaveAttribute('data-conversation-id', /./);
  await app.keyboard.press('Enter');
  await expect(dialog(app)).toBeHidden();
  // The demo keeps talking, so the results can change between reading the selected hit and Enter:
  // the conversation to search in is the one that opened (the timeline's).
  const opened = app.getByRole('feed', { name: 'Messages' });
  await expect(opened).toHaveAttribute('data-conversation-id', /./);
  const conversationId = await opened.getAttribute('data-conversation-id');
  expect(conversationId).toBeTruthy();
  await app.keyboard.press(`${MOD}+F`);
  const only = dialog(app).getByRole('checkbox', { name: /Only this conversation/ });
  for (let i = 0; i < 5 && !(await only.evaluate((el) => el === document.activeElement)); i++) await app.keyboard.press('Tab');
  await expect(only).toBeFocused();
  await app.keyboard.press('Space');
  await expect(only).toBeChecked();
  await expect.poll(async () => new Set(await hitConversations())).toEqual(new Set([conversationId]));
  // One conversation is on one network: the network filter stands aside, showing that network, so the
  // two filters never contradict each other in silence; unscoped, it is back as it was.
  const network2 = dialog(app).getByRole('combobox', { name: 'Network' });
  await expect(network2).toBeDisabled();
  await expect(network2).not.toHaveValue('');
  await app.keyboard.press('Space');
  await expect(only).not.toBeChecked();
  await expect(network2).toBeEnabled();
  await expect(network2).toHaveValue('');
});

test('search works offline: the network is gone, the cached history is still found', async ({ page, appErrors }) => {
  test.skip(target !== 'web', 'needs the web host to own the emulator');
  const seeded = await startSeededHost(() => {});
  try {
    // "Cached" means the first sync has read it: a busy box may not have when the inbox first shows.
    await seeded.synced;
    await openSeededApp(page, seeded, appErrors);
    await inboxReady(page);
    // Every request to the platform now fails at the socket, as with no network at all.
    seeded.emulator.control.setFaults({ dropRate: 1 });
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 30_000 });

    await page.keyboard.press(`${MOD}+F`);
    await page.keyboard.type(WORD);
    await expect(results(page).getByRole('option').first()).toBeVisible();
    await expect(results(page).getByRole('option').first().locator('mark').first()).toHaveText(new RegExp(WORD, 'i'));
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeHidden();
    await expect(page.locator('[role="feed"] [aria-current="true"]')).toBeVisible();
  } finally {
    await seeded.stop();
  }
});
