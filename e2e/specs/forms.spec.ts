import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { mod } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

/**
 * Forms and their buttons in a real browser: where the keyboard goes when a form refuses or runs (a
 * disabled button under the focus drops it to <body>, which a DOM without layout does not show), and
 * how settings rows and inline confirmations fit narrow windows.
 */
useSeededWorld();

async function paletteAction(page: Page, label: string) {
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type(label);
  await expect(page.getByRole('option', { name: new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toBeVisible();
  await page.keyboard.press('Enter');
}

async function openSettings(page: Page, label: string, id: string) {
  await page.keyboard.press(`${mod}+Comma`);
  await page.getByTestId('settings').getByRole('tab', { name: label }).click();
  const content = page.getByTestId(`settings-page-${id}`);
  await expect(content).toBeVisible();
  return content;
}

/** Tab from the first field to the submit button, then Enter: as the keyboard user does. */
async function tabToAndPress(page: Page, button: Locator) {
  for (let i = 0; i < 12 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
}

const box = async (l: Locator) => (await l.boundingBox())!;

test('forms: a refused submit puts the keyboard on the first field to fix, the button stays usable', async ({ page }) => {
  await paletteAction(page, 'New room…');
  const room = page.getByRole('dialog', { name: 'New room' });
  await tabToAndPress(page, room.getByTestId('new-room-submit'));
  await expect(room.getByText('A room needs a subject.')).toBeVisible();
  await expect(room.getByTestId('new-room-subject')).toBeFocused();
  await expect(room.getByTestId('new-room-submit')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(room).toHaveCount(0);

  await paletteAction(page, 'Join a room by address…');
  const join = page.getByRole('dialog', { name: 'Join a room' });
  await tabToAndPress(page, join.getByTestId('join-room-submit'));
  await expect(join.getByText('Paste the room’s address.')).toBeVisible();
  await expect(join.getByTestId('join-room-jid')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(join).toHaveCount(0);

  await paletteAction(page, 'New chat…');
  const chat = page.getByRole('dialog', { name: 'New chat' });
  await chat.getByTestId('new-chat-text').fill('Hello');
  await tabToAndPress(page, chat.getByTestId('new-chat-submit'));
  const to = chat.getByTestId('new-chat-to').getByRole('combobox');
  await expect(chat.getByText('Add at least one person.')).toBeVisible();
  await expect(to).toBeFocused();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(chat.getByTestId('new-chat-submit')).toBeEnabled();
});

/** The field has the keyboard, is marked invalid and is described by `message`. */
async function refusedAt(field: Locator, message: string) {
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const described = await field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? ''));
  expect(described).toContain(message);
}

test('forms: the backend’s refusal puts the keyboard on the field it is about', async ({ page }) => {
  await paletteAction(page, 'New room…');
  const room = page.getByRole('dialog', { name: 'New room' });
  await room.getByTestId('new-room-subject').fill('Refused room');
  const members = room.getByTestId('new-room-members').getByRole('combobox');
  await members.fill('not-a-valid-id');
  await members.press('Enter');
  await room.getByTestId('new-room-subject').focus();
  await page.keyboard.press('Control+Enter');
  await refusedAt(members, 'User not-a-valid-id does not exist in this organization.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(room).toHaveCount(0);

  await paletteAction(page, 'Open a 1:1');
  const dm = page.getByRole('dialog', { name: 'Open a 1:1' });
  const person = dm.getByTestId('open-dm-person').getByRole('combobox');
  await person.fill('zzz-nobody');
  await person.press('Enter');
  await tabToAndPress(page, dm.getByTestId('open-dm-submit'));
  await refusedAt(person, 'No Genesys user has that id.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dm).toHaveCount(0);

  await paletteAction(page, 'Join a room by address…');
  const join = page.getByRole('dialog', { name: 'Join a room' });
  const jid = join.getByTestId('join-room-jid');
  await jid.fill('no-such-room@conference.demo-org.orgspan.com');
  await tabToAndPress(page, join.getByTestId('join-room-submit'));
  await expect(jid).toBeFocused();
  await expect(jid).toHaveAttribute('aria-invalid', 'true');
  await expect(join.getByTestId('join-room-error')).toHaveCount(0);
});

test('forms: settings buttons that go dim once pressed keep the keyboard', async ({ page }) => {
  const general = await openSettings(page, 'General', 'general');
  const off = general.getByRole('button', { name: 'Turn off' });
  await off.focus();
  await page.keyboard.press('Enter');
  await expect(general.getByText('Off', { exact: true })).toBeVisible();
  await expect(off).toHaveAttribute('aria-disabled', 'true');
  await expect(off).toBeFocused();
  // Back on for the other tests of this file's host.
  await general.getByPlaceholder('CommandOrControl+Shift+Space').fill('CommandOrControl+Shift+Space');
  const save = general.getByRole('button', { name: 'Save' });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(general.getByText('Now: CommandOrControl+Shift+Space')).toBeVisible();
  await expect(save).toBeFocused();

  await page.getByTestId('settings').getByRole('tab', { name: 'Diagnostics' }).click();
  const diagnostics = page.getByTestId('settings-page-diagnostics');
  const run = diagnostics.getByTestId('diagnostics-run');
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(diagnostics.getByTestId('diagnostics-report')).toBeVisible();
  await expect(run).toHaveText('Run again');
  await expect(run).toBeFocused();
});

test('forms: the Clear cache question fits its card at 1100 px', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  const sync = await openSettings(page, 'Sync & cache', 'sync');
  await expect(sync.getByTestId('cache-size')).toBeVisible();
  await sync.getByTestId('cache-clear').click();
  const card = sync.getByTestId('cache');
  const question = card.getByRole('group', { name: /Delete all cached messages/ });
  await expect(sync.getByTestId('cache-clear-cancel')).toBeFocused();
  const c = await box(card);
  for (const part of [question, sync.getByTestId('cache-clear-confirm'), sync.getByTestId('cache-clear-cancel')]) {
    const b = await box(part);
    expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.width);
  }
  // The card's description keeps a readable width (it was squeezed into a one-word column).
  const description = card.locator('.sb-section-head .sb-hint').first();
  expect((await box(description)).width).toBeGreaterThan(300);
});

test('forms: at 800 px the theme choice sits beside or under its label, never over it', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  const general = await openSettings(page, 'General', 'general');
  const label = general.locator('#theme-label');
  const choice = general.getByRole('radiogroup', { name: 'Theme' });
  await expect(choice).toBeVisible();
  // The whole word fits its box, and the box does not run under the choice.
  expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const l = await box(label);
  const g = await box(choice);
  const overlaps = l.x < g.x + g.width && g.x < l.x + l.width && l.y < g.y + g.height && g.y < l.y + l.height;
  expect(overlaps).toBe(false);
});
