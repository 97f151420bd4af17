import { expect, test } from '../fixtures';
import { audit, openConversation, openPanel, shootBoth, timeline, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

test('pins: pin from the timeline up to five, the sixth is refused and the panel explains the limit', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const pins = await openPanel(page, 'pins');
  await expect(pins.getByTestId('pins-count')).toHaveText('0 of 5 pinned');
  await expect(pins.getByTestId('pins-empty')).toBeVisible();

  // Select the newest message and pin upwards with the keyboard (p pins, ↑ moves).
  await timeline(page).locator('article', { hasText: 'Pin candidate 6' }).click();
  for (let n = 1; n <= 5; n++) {
    await page.keyboard.press('p');
    await expect(pins.getByTestId('pins-count')).toHaveText(`${n} of 5 pinned`);
    await page.keyboard.press('ArrowUp');
  }
  await expect(pins.getByTestId('pin-row')).toHaveCount(5);
  await expect(pins.getByTestId('pins-limit')).toContainText('the most Genesys Cloud allows');

  // The sixth: refused, with the reason, and nothing changes.
  await page.keyboard.press('p');
  await expect(toast(page, /at most 5 pinned messages/)).toBeVisible();
  await expect(pins.getByTestId('pins-count')).toHaveText('5 of 5 pinned');
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
  await expect(pins.getByTestId('pins-count')).toHaveText('4 of 5 pinned');
  await expect(pins.getByTestId('pins-limit')).toHaveCount(0);
  await expect(toast(page, 'Message unpinned.')).toBeVisible();
  await pins.getByTestId('pin-unpin').first().click();
  await expect(pins.getByTestId('pins-count')).toHaveText('3 of 5 pinned');
});

test('pins: a chat of another network explains that pins are a Genesys feature', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const pins = await openPanel(page, 'pins');
  await expect(pins.getByTestId('pins-unsupported')).toContainText('Genesys Cloud feature');
  await page.keyboard.press('Escape');
  await expect(pins).toHaveCount(0);
});
