import { expect, test } from '../fixtures';
import { composer, focusTimeline, selected, send } from '../pages/core';
import { audit, mod, openConversation, panel, shootBoth, timeline, toast } from '../pages/panels';
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

test('threads: a reply in the thread panel takes the message actions from the keyboard', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.threadRoom.subject);
  // A message of its own starts a new thread: select it (Shift+F6 from the composer) and press t.
  const rootText = 'A fresh root for the actions thread';
  await expect(await send(page, rootText)).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
  await focusTimeline(page);
  await expect(selected(page)).toContainText(rootText);
  await page.keyboard.press('t');
  const thread = panel(page, 'thread');
  const list = thread.getByTestId('thread-list');
  await expect(list.locator('article').first()).toContainText(rootText);
  // No replies yet: it says so, and where to write the first one.
  await expect(thread.getByTestId('thread-empty')).toContainText('No replies yet');
  await expect(thread.getByTestId('thread-count')).toHaveCount(0);

  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await expect(box).toBeFocused();
  await box.fill('First reply, to be edited');
  await page.keyboard.press('Enter');
  const reply = list.locator('article', { hasText: 'First reply, to be edited' });
  await expect(reply).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
  await expect(thread.getByTestId('thread-empty')).toHaveCount(0);

  // Shift+Tab from the thread's composer reaches its messages; ↑ selects the newest reply, which shows its toolbar.
  await page.keyboard.press('Shift+Tab');
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(reply).toBeFocused();
  const tools = reply.getByRole('toolbar', { name: 'Message actions' });
  await expect(tools.getByRole('button', { name: 'More actions' })).toBeVisible();
  await expect(tools.getByRole('button', { name: 'React' })).toBeVisible();
  // Already in the thread: no "Reply in thread" on its messages.
  await expect(tools.getByRole('button', { name: 'Reply in thread' })).toHaveCount(0);
  await shootBoth(page, testInfo, 'panel-thread-actions', thread);

  // e edits it in the thread's composer, whose banner fits the narrow panel.
  await page.keyboard.press('e');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('First reply, to be edited');
  const banner = thread.getByTestId('composer-mode');
  await expect(banner).toContainText('Enter saves · Esc cancels');
  const hint = banner.locator('span', { hasText: 'Enter saves' });
  expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await box.fill('Edited in the thread');
  await page.keyboard.press('Enter');
  const edited = list.locator('article', { hasText: 'Edited in the thread' });
  await expect(edited).toContainText('(edited)');
  await expect(box).toHaveValue('');

  // + reacts; the keyboard comes back to the reply.
  await edited.click();
  await expect(edited).toBeFocused();
  await page.keyboard.press('+');
  const picker = page.getByRole('dialog', { name: 'React with an emoji' });
  await expect(picker).toBeVisible();
  await page.keyboard.type('tada');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(edited.getByRole('button', { name: /^🎉 1 reaction, including yours/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(edited).toBeFocused();

  // Shift+F10 opens its menu (no "Reply in thread" there either); Esc gives the keyboard back to it.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Edit/ })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Delete/ })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Reply in thread/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(edited).toBeFocused();
  await expect(thread).toBeVisible();

  // t says why there is nothing to open.
  await page.keyboard.press('t');
  await expect(toast(page, 'You are in this thread')).toBeVisible();

  // Delete asks first; Cancel keeps it and the keyboard on it, Delete deletes it.
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete this message?' });
  await expect(confirm).toContainText('Edited in the thread');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(edited).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(edited).toHaveCount(0);
  // The keyboard stays on the thread's messages: on the reply's "This message was deleted.", or on its
  // neighbour once the thread is read again (Genesys leaves deleted messages out of a thread's history).
  await expect(list.locator('article:focus')).toHaveCount(1);
  // Past the last message, ↓ goes on to the thread's composer.
  await page.keyboard.press('ArrowDown');
  await expect(box).toBeFocused();
  await expect(composer(page)).not.toBeFocused();
});

test('threads: Enter on a search hit that is a thread reply opens its thread with the reply selected', async ({ page }) => {
  const w = seeded.world;
  const replyText = w.threadRoom.replies[1]!;
  await openConversation(page, w.threadRoom.subject);
  await expect(timeline(page).locator('article', { hasText: w.threadRoom.root })).toBeVisible();
  // Searched from another conversation: the hit brings back the room, its root and the thread.
  await openConversation(page, w.pinsRoom.subject);
  await page.keyboard.press(`${mod}+F`);
  const search = page.getByRole('dialog', { name: 'Search messages' });
  await expect(search.getByRole('combobox', { name: 'Search messages' })).toBeFocused();
  await page.keyboard.type(replyText);
  const hits = search.getByRole('listbox', { name: 'Messages found' }).getByRole('option');
  await expect(hits.first()).toContainText(replyText);
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();

  const thread = panel(page, 'thread');
  await expect(thread).toBeVisible();
  const reply = thread.getByTestId('thread-list').locator('article', { hasText: replyText });
  await expect(reply).toHaveAttribute('aria-current', 'true');
  await expect(reply).toBeFocused();
  await expect(timeline(page).locator('article[aria-current="true"]')).toContainText(w.threadRoom.root);
});

test('threads: a quote of a thread reply goes back to that reply in the thread', async ({ page }) => {
  const w = seeded.world;
  // Slack quotes (Genesys has no quoted replies): the channel's thread, quoting its reply.
  const quoted = w.slackChannel.reply;
  await openConversation(page, w.slackChannel.name);
  await timeline(page).locator('article', { hasText: w.slackChannel.root }).getByRole('button', { name: /\d+ repl/ }).click();
  const thread = panel(page, 'thread');
  const list = thread.getByTestId('thread-list');
  // (The answer quoting it comes after it in the thread.)
  const target = list.locator('article', { hasText: quoted }).first();
  await target.click();
  // r quotes it in the thread's composer.
  await page.keyboard.press('r');
  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await expect(box).toBeFocused();
  await expect(thread.getByTestId('composer-mode')).toContainText('Replying to');
  await box.fill('Quoting the reply');
  await page.keyboard.press('Enter');
  const answer = list.locator('article', { hasText: 'Quoting the reply' });
  await expect(answer).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
  const quote = answer.locator('.msg-quote');
  await expect(quote).toContainText(quoted);
  // Another message selected, then the quote: the quoted reply has the selection and the keyboard,
  // in the thread (not a jump of the channel's timeline to a message it does not show).
  await list.locator('article').first().click();
  await quote.click();
  await expect(target).toHaveAttribute('aria-current', 'true');
  await expect(target).toBeFocused();
  await expect(thread).toBeVisible();
});

test('threads: Esc on the reply banner’s ✕ leaves the reply, not the thread, and the keyboard stays in its box', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.slackChannel.name);
  await timeline(page).locator('article', { hasText: w.slackChannel.root }).getByRole('button', { name: /\d+ repl/ }).click();
  const thread = panel(page, 'thread');
  const list = thread.getByTestId('thread-list');
  await list.locator('article', { hasText: w.slackChannel.reply }).first().click();
  await page.keyboard.press('r');
  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await expect(box).toBeFocused();
  const banner = thread.getByTestId('composer-mode');
  await expect(banner).toContainText('Replying to');
  // The keyboard on the banner's ✕ (Shift+Tab reaches it past the box's own buttons).
  await banner.getByRole('button', { name: 'Cancel (Esc)' }).focus();
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
  await expect(thread).toBeVisible();
  await expect(box).toBeFocused();
  // Leaving by the ✕ itself also hands the keyboard back to the box.
  await list.locator('article', { hasText: w.slackChannel.reply }).first().click();
  await page.keyboard.press('r');
  await expect(banner).toContainText('Replying to');
  await banner.getByRole('button', { name: 'Cancel (Esc)' }).click();
  await expect(banner).toHaveCount(0);
  await expect(box).toBeFocused();
});
