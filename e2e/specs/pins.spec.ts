import { expect, test } from '../fixtures';
import { focusTimeline, selected, send } from '../pages/core';
import { audit, escapeRe, mod, openConversation, openPanel, panel, shootBoth, timeline, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

test('pins: pin from the timeline up to five, the sixth is refused and the panel explains the limit', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const pins = await openPanel(page, 'pins');
  await expect(pins.getByTestId('pins-count')).toHaveText('0 pinned · at most 5');
  await expect(pins.getByTestId('pins-empty')).toBeVisible();

  // Select the newest message and pin upwards with the keyboard (p pins, ↑ moves).
  await timeline(page).locator('article', { hasText: 'Pin candidate 6' }).click();
  for (let n = 1; n <= 5; n++) {
    await page.keyboard.press('p');
    await expect(pins.getByTestId('pins-count')).toHaveText(`${n} pinned · at most 5`);
    await page.keyboard.press('ArrowUp');
  }
  await expect(pins.getByTestId('pin-row')).toHaveCount(5);
  await expect(pins.getByTestId('pins-limit')).toContainText('the most Genesys Cloud allows');

  // The sixth: refused, with the reason, and nothing changes.
  await page.keyboard.press('p');
  await expect(toast(page, /at most 5 pinned messages/)).toBeVisible();
  await expect(pins.getByTestId('pins-count')).toHaveText('5 pinned · at most 5');
  await shootBoth(page, testInfo, 'panel-pins');
  await audit(page, testInfo, 'panel-pins', '[data-testid="panel-pins"]');
});

test('pins: resolved to their content, jump to one with Enter, unpin with Delete', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const pins = await openPanel(page, 'pins');
  await expect(pins.getByTestId('pin-row')).toHaveCount(5);
  const rows = pins.getByTestId('pin-row');
  await expect(rows.filter({ hasText: 'Pin candidate 6' })).toHaveCount(1);

  // Keyboard: the first row has focus, ↓ moves, Enter jumps to the message in the timeline.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  const text = (await rows.nth(1).locator('.mcard-text').textContent())!;
  await page.keyboard.press('Enter');
  const target = timeline(page).locator('article', { hasText: text });
  await expect(target).toHaveAttribute('aria-current', 'true');

  // Unpin from the panel: the count drops and the timeline mark goes.
  await rows.first().focus();
  await page.keyboard.press('Delete');
  await expect(pins.getByTestId('pins-count')).toHaveText('4 pinned · at most 5');
  await expect(pins.getByTestId('pins-limit')).toHaveCount(0);
  await expect(toast(page, 'Message unpinned.')).toBeVisible();
  await pins.getByTestId('pin-unpin').first().click();
  await expect(pins.getByTestId('pins-count')).toHaveText('3 pinned · at most 5');
});

test('pins: a chat of another network explains that pins are a Genesys feature', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const pins = await openPanel(page, 'pins');
  await expect(pins.getByTestId('pins-unsupported')).toContainText('Genesys Cloud feature');
  await page.keyboard.press('Escape');
  await expect(pins).toHaveCount(0);
});

test('pins: Ctrl+Shift+P puts the keyboard on the first pin, and each pin is read out with the name its card shows', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  // The shortcut lands where F6 would: on the first row, so the footer's keys work at once.
  await page.keyboard.press(`${mod}+Shift+P`);
  const pins = panel(page, 'pins');
  const rows = pins.getByTestId('pin-row');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(pins).toHaveCount(0);

  // One of your own, pinned with the keyboard from the timeline (the newest message is selected first).
  const mine = `My own pin ${Date.now()}`;
  await send(page, mine);
  await focusTimeline(page);
  await expect(selected(page)).toContainText(mine);
  await page.keyboard.press('p');
  await expect(toast(page, 'Message pinned.')).toBeVisible();
  await page.keyboard.press(`${mod}+Shift+P`);
  await expect(rows.filter({ hasText: mine })).toHaveCount(1);
  await expect(rows.first()).toBeFocused();

  // Read out as "you" for your own, by name for the others (never "someone").
  await expect(rows.filter({ hasText: mine })).toHaveAttribute('aria-label', `Pinned message from you: ${mine}`);
  const other = rows.filter({ hasText: 'Pin candidate' }).first();
  const sender = (await other.locator('.mcard-sender').textContent())!;
  expect([w.people[0]!.name, w.people[1]!.name]).toContain(sender);
  await expect(other).toHaveAttribute('aria-label', new RegExp(`^Pinned message from ${escapeRe(sender)}: Pin candidate \\d$`));
  for (const label of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) expect(label).not.toMatch(/from someone/i);
});

test('pins: Enter on a pinned thread reply opens its thread with the reply selected', async ({ page }) => {
  const w = seeded.world;
  const replyText = w.threadRoom.replies[w.threadRoom.replies.length - 1]!;
  await openConversation(page, w.threadRoom.subject);
  await timeline(page).locator('article', { hasText: w.threadRoom.root }).click();
  await page.keyboard.press('t');
  const thread = panel(page, 'thread');
  const list = thread.getByTestId('thread-list');
  const reply = list.locator('article', { hasText: replyText });
  await expect(reply).toBeVisible();
  // Pin with the keyboard, out of order: the first reply, the last reply (the newest), then the root (the oldest).
  const first = w.threadRoom.replies[0]!;
  await list.locator('article').first().click();
  await page.keyboard.press('ArrowDown');
  await expect(list.locator('article', { hasText: first })).toBeFocused();
  await page.keyboard.press('p');
  await expect(list.locator('article', { hasText: first }).locator('.msg-pin')).toHaveCount(1);
  await page.keyboard.press('End');
  await expect(reply).toBeFocused();
  await page.keyboard.press('p');
  await expect(reply.locator('.msg-pin')).toHaveCount(1);
  await page.keyboard.press('Home');
  await page.keyboard.press('p');
  await expect(list.locator('article').first().locator('.msg-pin')).toHaveCount(1);

  await page.keyboard.press(`${mod}+Shift+P`);
  const pins = panel(page, 'pins');
  // Newest message first.
  await expect(pins.getByTestId('pin-row').locator('.mcard-text')).toHaveText([replyText, first, w.threadRoom.root]);
  const row = pins.getByTestId('pin-row').filter({ hasText: replyText });
  await expect(row).toHaveCount(1);
  await row.focus();
  await page.keyboard.press('Enter');
  // The thread opens again, on the reply; the timeline shows the thread's root.
  await expect(thread).toBeVisible();
  await expect(reply).toHaveAttribute('aria-current', 'true');
  await expect(reply).toBeFocused();
  await expect(timeline(page).locator('article[aria-current="true"]')).toContainText(w.threadRoom.root);
});

test('pins: unpinning keeps the keyboard in the list, so Delete can be pressed again and again', async ({ page }, testInfo) => {
  const w = seeded.world;
  // A room of its own (a member, not an owner, may pin): three pins, the newest first in the panel.
  await openConversation(page, w.memberRoom.subject);
  const texts = [`Unpin drill A ${Date.now()}`, `Unpin drill B ${Date.now()}`, `Unpin drill C ${Date.now()}`];
  for (const t of texts) await send(page, t);
  await focusTimeline(page);
  for (const t of [...texts].reverse()) {
    await expect(selected(page)).toContainText(t);
    await page.keyboard.press('p');
    await expect(selected(page).locator('.msg-pin')).toHaveCount(1);
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press(`${mod}+Shift+P`);
  const pins = panel(page, 'pins');
  const rows = pins.getByTestId('pin-row');
  await expect(rows.locator('.mcard-text')).toHaveText([texts[2]!, texts[1]!, texts[0]!]);
  await expect(pins.getByTestId('pins-count')).toHaveText('3 pinned · at most 5');
  await expect(rows.first()).toBeFocused();

  // The middle one: the pin below takes its place and the keyboard.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: texts[0]! })).toBeFocused();
  await shootBoth(page, testInfo, 'panel-pins-unpinned');
  // The last one: the one above.
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(1);
  await expect(rows.filter({ hasText: texts[2]! })).toBeFocused();
  // With its Unpin button (Enter): none left, the panel keeps the keyboard, and Esc still closes it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(pins.getByTestId('pin-unpin')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pins.getByTestId('pins-empty')).toBeVisible();
  await expect(pins).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(pins).toHaveCount(0);
});
