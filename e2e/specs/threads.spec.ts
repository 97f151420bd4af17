import { expect, test } from '../fixtures';
import { audit, openConversation, panel, shootBoth, timeline } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

test('threads: a Genesys thread opens with t, shows its replies and takes a reply', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.threadRoom.subject);
  await timeline(page).locator('article', { hasText: w.threadRoom.root }).click();
  await page.keyboard.press('t');
  const thread = panel(page, 'thread');
  await expect(thread).toBeVisible();
  const list = thread.getByTestId('thread-list');
  await expect(list.locator('article').first()).toContainText(w.threadRoom.root);
  for (const reply of w.threadRoom.replies) await expect(list.locator('article', { hasText: reply })).toBeVisible();
  await expect(thread.getByTestId('thread-count')).toContainText('2 replies');

  // The reply box has the keyboard; Enter sends into the thread.
  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await expect(box).toBeFocused();
  await box.fill('Agreed, shipping now.');
  await page.keyboard.press('Enter');
  await expect(list.locator('article', { hasText: 'Agreed, shipping now.' })).toBeVisible();
  await expect(thread.getByTestId('thread-count')).toContainText('3 replies');

  // ↑/↓ walk the thread's messages.
  await list.locator('article').first().click();
  await page.keyboard.press('ArrowDown');
  await expect(list.locator('article').nth(1)).toBeFocused();
  await shootBoth(page, testInfo, 'panel-thread');
  await audit(page, testInfo, 'panel-thread', '[data-testid="panel-thread"]');

  await page.keyboard.press('Escape');
  await expect(thread).toHaveCount(0);
});

test('threads: a Slack thread (Unipile thread_id) opens from its reply count', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.slackChannel.name);
  const root = timeline(page).locator('article', { hasText: w.slackChannel.root });
  await root.getByRole('button', { name: /1 reply/ }).click();
  const thread = panel(page, 'thread');
  await expect(thread.getByTestId('thread-list').locator('article', { hasText: w.slackChannel.reply })).toBeVisible();
  await thread.getByRole('textbox', { name: 'Reply in thread' }).fill('Thanks!');
  await page.keyboard.press('Enter');
  await expect(thread.getByTestId('thread-list').locator('article', { hasText: 'Thanks!' })).toBeVisible();
});
