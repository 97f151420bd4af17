import { expect, test } from '../fixtures';
import type { Locator, Page } from '@playwright/test';
import { clearFilter, composer, enterApp, filterBox, header, inbox, mod, openByFilter, row, send } from '../pages/core';

/** Where a row sits in the (virtual) list: 0 is the top of the inbox. */
const offsetOf = (option: Locator) => option.evaluate((el) => new DOMMatrix(getComputedStyle(el.parentElement!).transform).m42);
const palette = (app: Page) => app.getByRole('dialog', { name: 'Command palette' });

test.describe('inbox', () => {
  // Each worker's first test also waits for the demo workspace to sync.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ app }) => enterApp(app));

  test('one list of every account, newest first, with network, unread and marks; leaves inbox.png', async ({ app }, testInfo) => {
    const options = inbox(app).getByRole('option');
    await expect(options.nth(12)).toBeVisible();
    // Genesys and several Unipile networks side by side in the one list.
    const networks = new Set(await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-network'))));
    expect(networks.has('genesys')).toBe(true);
    expect([...networks].filter((n) => n && n !== 'genesys').length).toBeGreaterThanOrEqual(3);
    // Unread rows carry a count pill and say so to screen readers.
    const unread = inbox(app).locator('[role=option][data-unread]').first();
    await expect(unread).toBeVisible();
    await expect(unread).toHaveAccessibleName(/\d+ unread/);
    await expect(unread.locator('.inbox-unread')).toHaveText(/^\d+\+?$/);
    // Virtualized: a bounded number of rows in the DOM.
    expect(await options.count()).toBeLessThan(40);
    const shot = testInfo.outputPath('inbox.png');
    await app.screenshot({ path: shot });
    await testInfo.attach('inbox', { path: shot, contentType: 'image/png' });
  });

  test('filters: Unread, one network, Archived, and type-to-filter', async ({ app }) => {
    const options = inbox(app).getByRole('option');
    await app.getByRole('button', { name: 'Unread', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Unread', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(options.first()).toHaveAttribute('data-unread');
    // The list is re-read after the click: wait for the filtered rows, not just any row.
    await expect.poll(() => options.evaluateAll((els) => els.length > 0 && els.every((e) => e.hasAttribute('data-unread')))).toBe(true);

    await app.getByRole('button', { name: 'Only Genesys' }).click();
    await expect.poll(() => options.evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-network') === 'genesys'))).toBe(true);

    await app.getByRole('button', { name: 'Only Slack' }).click();
    await expect(options.first()).toHaveAttribute('data-network', 'slack');

    await app.getByRole('button', { name: 'Archived', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Archived', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(options.first().or(app.getByText('No conversation matches.'))).toBeVisible();
    await expect.poll(() => options.evaluateAll((els) => els.every((e) => (e.textContent ?? '').includes('archived')))).toBe(true);

    await app.getByRole('button', { name: 'All', exact: true }).click();
    await filterBox(app).fill('war-room');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveAttribute('data-title', 'Release war-room');
    await expect(options.first()).toHaveAccessibleName(/^Release war-room .*, Genesys/);
    await filterBox(app).fill('zzzz-no-such-thing');
    await expect(app.getByText('No conversation matches.')).toBeVisible();
    await clearFilter(app);
  });

  test('opening a conversation marks it read; U marks it unread again, and that is kept', async ({ app }) => {
    await app.getByRole('button', { name: 'Unread', exact: true }).click();
    const first = inbox(app).getByRole('option').first();
    await expect(first).toHaveAttribute('data-unread');
    const title = (await first.getAttribute('data-title'))!;
    await app.getByRole('button', { name: 'All', exact: true }).click();
    await openByFilter(app, title);
    const it = row(app, title);
    await expect(it).not.toHaveAttribute('data-unread');
    await expect(it).toHaveAttribute('aria-selected', 'true');

    // Keyboard: F6 to the inbox, U on the highlighted (open) conversation.
    await composer(app).focus();
    await app.keyboard.press('F6');
    await expect(inbox(app)).toBeFocused();
    await app.keyboard.press('u');
    await expect(it).toHaveAccessibleName(/1 unread/);
    await expect(app.getByRole('status').filter({ hasText: 'marked as unread' })).toBeVisible();

    // Stored by the backend, not just drawn: a reload shows it still unread.
    await app.reload();
    await expect(inbox(app).getByRole('option').first()).toBeVisible();
    await filterBox(app).fill(title);
    await expect(row(app, title)).toHaveAttribute('data-unread');
  });

  test('archiving from the conversation menu says so, and Undo brings the chat back', async ({ app }) => {
    await filterBox(app).fill('Lena Meyer');
    await expect(row(app, 'Lena Meyer')).toBeVisible();
    await row(app, 'Lena Meyer').click({ button: 'right' });
    await app.getByRole('menu', { name: 'Actions for Lena Meyer' }).getByRole('menuitem', { name: /^Archive/ }).click();
    const note = app.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: '“Lena Meyer” archived.' });
    await expect(note).toBeVisible();
    // F6 reaches the toasts while one shows (after the regions); Enter on Undo acts, and the keyboard
    // goes back to where it was, not to the page.
    const undo = note.getByRole('button', { name: 'Undo' });
    for (let i = 0; i < 6 && !(await undo.evaluate((el) => el === document.activeElement)); i++) await app.keyboard.press('F6');
    await expect(undo).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(note).toHaveCount(0);
    expect(await app.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    await expect(row(app, 'Lena Meyer')).toBeVisible();
    await expect(row(app, 'Lena Meyer')).not.toContainText('archived');
    await expect(app.getByRole('status').filter({ hasText: '“Lena Meyer” is back in the inbox.' })).toBeVisible();
  });

  test('the filter chips are one Tab stop, walked with the arrows', async ({ app }) => {
    const chip = (name: string) => app.getByRole('toolbar', { name: 'Show' }).getByRole('button', { name, exact: true });
    await filterBox(app).focus();
    await app.keyboard.press('Tab');
    await expect(chip('All')).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(chip('Unread')).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(chip('Unread')).toHaveAttribute('aria-pressed', 'true');
    // One Tab from the chips reaches the list; back again lands on the chip in force.
    await app.keyboard.press('Tab');
    await expect(inbox(app)).toBeFocused();
    await app.keyboard.press('Shift+Tab');
    await expect(chip('Unread')).toBeFocused();
    await app.keyboard.press('End');
    await expect(chip('Archived')).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(chip('All')).toBeFocused();
    await app.keyboard.press('Space');
    await expect(chip('All')).toHaveAttribute('aria-pressed', 'true');
  });

  test('a toast over the end of the inbox does not hide the highlighted row', async ({ app }) => {
    await expect(inbox(app).getByRole('option').nth(3)).toBeVisible();
    await inbox(app).focus();
    // End highlights the last row, drawn at the bottom of the list: where the toasts show.
    await app.keyboard.press('End');
    const last = inbox(app).locator('[role="option"].inbox-row-active');
    await expect(last).toBeVisible();
    await app.keyboard.press('u');
    const toastBox = app.getByRole('region', { name: 'Notifications' });
    await expect(toastBox.getByRole('status').filter({ hasText: 'marked as unread' })).toBeVisible();
    // The list scrolls the row clear of the toast (it can: the list gains room below its last row).
    await expect
      .poll(async () => {
        const [r, t] = await Promise.all([last.boundingBox(), toastBox.boundingBox()]);
        return r && t ? Math.round(t.y - (r.y + r.height)) : -1;
      })
      .toBeGreaterThanOrEqual(0);
    await expect(inbox(app)).toBeFocused();
  });

  test('arrows move through the list, Enter opens, the context menu offers the conversation actions', async ({ app }) => {
    const options = inbox(app).getByRole('option');
    await expect(options.nth(3)).toBeVisible();
    await filterBox(app).focus();
    await app.keyboard.press('ArrowDown');
    await expect(inbox(app)).toBeFocused();
    const firstId = await options.first().getAttribute('id');
    await expect(inbox(app)).toHaveAttribute('aria-activedescendant', firstId!);
    await app.keyboard.press('ArrowDown');
    await app.keyboard.press('ArrowDown');
    const thirdId = await options.nth(2).getAttribute('id');
    await expect(inbox(app)).toHaveAttribute('aria-activedescendant', thirdId!);
    const title = (await options.nth(2).getAttribute('data-title'))!;
    await app.keyboard.press('Enter');
    await expect(header(app)).toContainText(title);
    await expect(composer(app)).toBeFocused();

    await app.keyboard.press('F6');
    await expect(inbox(app)).toBeFocused();
    await app.keyboard.press('m');
    const menu = app.getByRole('menu', { name: `Actions for ${title}` });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /Mark as (un)?read/ })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /Mute|Unmute/ })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(inbox(app)).toBeFocused();
  });

  test("the conversation menu shows what a network cannot do as unavailable, with the reason", async ({ app }) => {
    // Telegram chats can be neither archived nor muted through Unipile.
    await app.getByRole('button', { name: 'Only Telegram', exact: true }).click();
    // Once the filter has applied (the first row read before it would name another conversation).
    await expect(inbox(app).locator('[role="option"]:not([data-network="telegram"])')).toHaveCount(0);
    const telegram = inbox(app).getByRole('option').first();
    await expect(telegram).toBeVisible();
    const title = (await telegram.getAttribute('data-title'))!;
    await telegram.click({ button: 'right' });
    const menu = app.getByRole('menu', { name: `Actions for ${title}` });
    const archive = menu.getByRole('menuitem', { name: /^(Archive|Unarchive)/ });
    await expect(archive).toHaveAttribute('aria-disabled', 'true');
    await expect(archive).toHaveAttribute('title', /Archiving is available on .* only\./);
    // The keyboard reaches it too, and then the reason is on screen, not only in a tooltip.
    await expect(archive.locator('.menu-reason')).toHaveCount(0);
    await archive.hover();
    await expect(archive.locator('.menu-reason')).toHaveText(/Archiving is available on .* only\./);
    await app.keyboard.press('Home');
    await expect(archive.locator('.menu-reason')).toHaveCount(0);
    await app.keyboard.press('End');
    await expect(archive).toBeFocused();
    await expect(archive.locator('.menu-reason')).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /Mark as (un)?read/ })).not.toHaveAttribute('aria-disabled', 'true');
    await app.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
  });

  test('after the user sends in a conversation far down, F6 brings its row back into view; u and m act on a row in view', async ({ app }) => {
    // Far down the inbox, opened from the palette: the inbox scrolls to it.
    await app.keyboard.press(`${mod}+K`);
    await app.keyboard.type('Tokyo');
    await expect(palette(app).locator('[role="option"][aria-selected="true"]')).toContainText('Tokyo');
    await app.keyboard.press('Enter');
    await expect(palette(app)).toBeHidden();
    await expect(header(app)).toContainText('Tokyo');
    const open = inbox(app).locator('[role=option][aria-selected="true"]');
    await expect(open).toBeInViewport();
    expect(await offsetOf(open)).toBeGreaterThan(await inbox(app).evaluate((el) => el.parentElement!.clientHeight));

    // The user's own send moves it to the top; the inbox (not focused) stays where the user left it.
    await send(app, `inbox stays put ${Date.now()}`);
    await expect.poll(() => offsetOf(open)).toBe(0);
    await expect(open).not.toBeInViewport();

    // F6 to the inbox: the highlighted (open) row is scrolled into view.
    await app.keyboard.press('F6');
    await expect(inbox(app)).toBeFocused();
    await expect(inbox(app)).toHaveAttribute('aria-activedescendant', (await open.getAttribute('id'))!);
    await expect(open).toBeInViewport({ ratio: 1 });

    // m: the menu opens next to the row, inside the window.
    await app.keyboard.press('m');
    const menu = app.getByRole('menu', { name: /^Actions for Tokyo/ });
    await expect(menu).toBeVisible();
    await expect(menu).toBeInViewport({ ratio: 1 });
    const [rowBox, menuBox] = [await open.boundingBox(), await menu.boundingBox()];
    expect(Math.abs(menuBox!.y - (rowBox!.y + rowBox!.height))).toBeLessThan(rowBox!.height + menuBox!.height);
    await app.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(inbox(app)).toBeFocused();

    // Scrolled away with the wheel, u first brings the row it marks into view.
    await inbox(app).evaluate((el) => { el.parentElement!.scrollTop = 3000; });
    await expect(open).not.toBeInViewport();
    await app.keyboard.press('u');
    await expect(open).toHaveAccessibleName(/1 unread/);
    await expect(open).toBeInViewport({ ratio: 1 });
  });

  test('a new Genesys 1:1 opened from the palette comes to the top of the inbox', async ({ app }) => {
    await expect(inbox(app).getByRole('option').nth(5)).toBeVisible();
    await app.keyboard.press(`${mod}+K`);
    await app.keyboard.type('@');
    const people = palette(app).getByRole('group', { name: 'People' }).getByRole('option');
    await expect(people.first()).toBeVisible();
    // A Genesys colleague the user has no 1:1 with yet.
    const fresh = await people.evaluateAll((os) => os.map((o) => ({ person: o.getAttribute('data-person-id') ?? '', conversation: o.getAttribute('data-conversation-id') })).find((r) => r.person.startsWith('g:') && r.conversation === null)?.person);
    expect(fresh, 'a Genesys colleague without a 1:1').toBeTruthy();
    const selected = palette(app).locator('[role="option"][aria-selected="true"]');
    for (let i = 0; i < 60 && (await selected.getAttribute('data-person-id')) !== fresh; i++) await app.keyboard.press('ArrowDown');
    await expect(selected).toHaveAttribute('data-person-id', fresh!);
    await app.keyboard.press('Enter');
    await expect(palette(app)).toBeHidden();
    await expect(composer(app)).toBeFocused();
    const dm = inbox(app).locator(`[data-conversation-id="g:dm:${fresh!.slice(2)}"]`);
    await expect(dm).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => offsetOf(dm)).toBe(0);
    await expect(dm).toBeInViewport({ ratio: 1 });
  });
});
