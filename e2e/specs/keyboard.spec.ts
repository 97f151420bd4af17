import { expect, test } from '../fixtures';
import { composer, enterApp, filterBox, header, inbox, mod, openByFilter, selected, timeline } from '../pages/core';

test.describe('keyboard', () => {
  // Each worker's first test also waits for the demo workspace to sync.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ app }) => enterApp(app));

  test('Alt+↓/↑ switch conversations in inbox order; Alt+Shift+↓ jumps to the next unread', async ({ app }) => {
    const options = inbox(app).getByRole('option');
    await expect(options.nth(3)).toBeVisible();
    const titles = await options.evaluateAll((els) => els.slice(0, 4).map((e) => e.getAttribute('data-title') ?? ''));
    await app.keyboard.press('Alt+ArrowDown');
    await expect(header(app)).toContainText(titles[0]!);
    await app.keyboard.press('Alt+ArrowDown');
    await expect(header(app)).toContainText(titles[1]!);
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await app.keyboard.press('Alt+ArrowUp');
    await expect(header(app)).toContainText(titles[0]!);

    const unread = inbox(app).locator('[role=option][data-unread]');
    if ((await unread.count()) > 0) {
      const next = (await unread.first().getAttribute('data-title'))!;
      await app.keyboard.press('Alt+Shift+ArrowDown');
      await expect(header(app)).toContainText(next);
    }
  });

  test('F6 cycles inbox → timeline → composer, and focus is always visible', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await expect(composer(app)).toBeFocused();
    await app.keyboard.press('F6');
    await expect(inbox(app)).toBeFocused();
    await app.keyboard.press('F6');
    await expect(selected(app)).toBeFocused();
    const outline = await selected(app).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await app.keyboard.press('F6');
    await expect(composer(app)).toBeFocused();
    await app.keyboard.press('Shift+F6');
    await expect(selected(app)).toBeFocused();
  });

  test('↑/↓ and j/k select messages; End goes to the latest; Esc returns to the composer', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await app.keyboard.press('Shift+F6');
    const last = await selected(app).getAttribute('data-message-id');
    await app.keyboard.press('ArrowUp');
    await app.keyboard.press('k');
    const up2 = await selected(app).getAttribute('data-message-id');
    expect(up2).not.toBe(last);
    await expect(selected(app)).toBeFocused();
    await app.keyboard.press('j');
    await app.keyboard.press('ArrowDown');
    await expect(selected(app)).toHaveAttribute('data-message-id', last!);
    await app.keyboard.press('ArrowUp');
    await app.keyboard.press('End');
    await expect(selected(app)).toHaveAttribute('data-message-id', last!);
    await app.keyboard.press('Escape');
    await expect(composer(app)).toBeFocused();
    await expect(timeline(app).locator('article[aria-current="true"]')).toHaveCount(0);
  });

  test('End from anywhere up the history selects the latest message and keeps the keyboard on it', async ({ app }) => {
    await openByFilter(app, 'Data pipeline');
    await app.keyboard.press('Shift+F6');
    const last = await selected(app).getAttribute('data-message-id');
    await app.keyboard.press('ArrowUp');
    const before = await selected(app).getAttribute('data-message-id');
    expect(before).not.toBe(last);
    await app.keyboard.press('ArrowUp');
    await app.keyboard.press('End');
    await expect(selected(app)).toHaveAttribute('data-message-id', last!);
    await expect(selected(app)).toBeFocused();
    await app.keyboard.press('ArrowUp');
    await expect(selected(app)).toHaveAttribute('data-message-id', before!);
    // From the first message loaded, far up, where the latest's row is not drawn.
    await app.keyboard.press('Home');
    await expect(selected(app)).not.toHaveAttribute('data-message-id', last!);
    await app.keyboard.press('End');
    await expect(selected(app)).toHaveAttribute('data-message-id', last!);
    await expect(selected(app)).toBeFocused();
    await app.keyboard.press('k');
    await expect(selected(app)).toHaveAttribute('data-message-id', before!);
    await expect(selected(app)).toBeFocused();
  });

  test('Ctrl/Cmd+K palette, Ctrl/Cmd+/ shortcuts, Ctrl/Cmd+F and / search; Esc closes each', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    for (const keys of [`${mod}+k`, `${mod}+/`, `${mod}+f`]) {
      await app.keyboard.press(keys);
      const layer = app.getByRole('dialog').first();
      await expect(layer).toBeVisible();
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog')).toHaveCount(0);
    }
    // '/' searches from anywhere but a text field: from the timeline it opens search…
    await app.keyboard.press('Shift+F6');
    await app.keyboard.press('/');
    await expect(app.getByRole('dialog').first()).toBeVisible();
    await app.keyboard.press('Escape');
    // …in the composer it is just a slash.
    await composer(app).focus();
    await app.keyboard.press('/');
    await expect(composer(app)).toHaveValue('/');
    await expect(app.getByRole('dialog')).toHaveCount(0);
    await composer(app).fill('');
  });

  test('menus and dialogs give focus back to where it was', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await app.keyboard.press('Shift+F6');
    await app.keyboard.press('m');
    await expect(app.getByRole('menu', { name: 'Message actions' })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(selected(app)).toBeFocused();
    await app.getByTestId('status-about').focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('dialog', { name: 'About Switchboard' })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('status-about')).toBeFocused();
  });

  test('Esc from the palette, search or the shortcut sheet gives focus back to the filter box they were opened from', async ({ app }) => {
    // The composer has had the keyboard before: the region it last held must not win over the opener.
    await openByFilter(app, 'Squadra Milano');
    await expect(composer(app)).toBeFocused();
    await filterBox(app).focus();
    await filterBox(app).fill('squ');
    for (const keys of [`${mod}+K`, `${mod}+F`, `${mod}+/`]) {
      await app.keyboard.press(keys);
      await expect(app.getByRole('dialog')).toBeVisible();
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog')).toBeHidden();
      await expect(filterBox(app)).toBeFocused();
    }
    // What was typed is still there.
    await expect(filterBox(app)).toHaveValue('squ');
  });
});

test.describe('keyboard: Tab into the timeline', () => {
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ app }) => enterApp(app));

  test('Shift+Tab from the composer reaches the selected message, not a link inside some message', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    // The room's messages hold links (the last ones among its controls in the page's order).
    await expect(timeline(app).locator('a.msg-link').first()).toBeAttached();
    const box = app.getByRole('region', { name: 'Composer' });
    await composer(app).focus();
    for (let i = 0; i < 5 && (await box.evaluate((el) => el.contains(document.activeElement))); i++) await app.keyboard.press('Shift+Tab');
    const focused = app.locator(':focus');
    await expect(focused).toHaveJSProperty('tagName', 'ARTICLE');
    await expect(focused).toHaveAttribute('aria-current', 'true');
    // From there ↑ walks the messages as usual.
    const before = await focused.getAttribute('data-message-id');
    await app.keyboard.press('ArrowUp');
    await expect(app.locator('article[aria-current="true"]')).not.toHaveAttribute('data-message-id', before!);
  });
});
