import { SHORTCUTS } from '../../renderer/src/features/keyboard/shortcuts';
import { expect, test } from '../fixtures';
import { enterApp } from '../pages/core';

/**
 * The shortcut sheet (Ctrl/Cmd+/): every shortcut of the table, grouped, with the platform's key
 * names, filterable, keyboard only. Leaves shortcuts.png.
 */
// The first test of a worker waits for the demo workspace's first sync; a busy 2-core box is slow.
test.describe.configure({ timeout: 120_000 });
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

test('Ctrl+/ lists every shortcut by where it works, filters as you type, and Esc closes it', async ({ app }, testInfo) => {
  await enterApp(app);
  await app.keyboard.press(`${MOD}+Slash`);
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const filter = sheet.getByRole('searchbox', { name: 'Filter shortcuts' });
  await expect(filter).toBeFocused();

  await expect(sheet.locator('[data-shortcut]')).toHaveCount(SHORTCUTS.length);
  await expect(sheet.getByRole('heading', { level: 3, name: 'Anywhere' })).toBeVisible();
  await expect(sheet.getByRole('heading', { level: 3, name: /^Messages/ })).toBeVisible();
  await expect(sheet.getByRole('heading', { level: 3, name: 'Composer' })).toBeVisible();
  const palette = sheet.locator('[data-shortcut="palette"] kbd');
  await expect(palette).toHaveText([process.platform === 'darwin' ? '⌘' : 'Ctrl', 'K']);

  const shot = testInfo.outputPath('shortcuts.png');
  await app.screenshot({ path: shot });
  await testInfo.attach('shortcuts', { path: shot, contentType: 'image/png' });

  await app.keyboard.type('thread');
  await expect(sheet.locator('[data-shortcut="thread"]')).toBeVisible();
  await expect.poll(() => sheet.locator('[data-shortcut]').count()).toBeLessThan(SHORTCUTS.length);
  // Tab reaches the list (to scroll it) and comes back: focus stays in the sheet.
  await app.keyboard.press('Tab');
  await expect(sheet.getByRole('region', { name: 'Shortcuts' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(filter).toBeFocused();

  await app.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // The same key toggles it.
  await app.keyboard.press(`${MOD}+Slash`);
  await expect(sheet).toBeVisible();
  await app.keyboard.press(`${MOD}+Slash`);
  await expect(sheet).toBeHidden();
});
