import { expect, test } from '../fixtures';
import { articles, composer, enterApp, focusTimeline, mod, openByFilter, row, selectByText, selected, send, timeline } from '../pages/core';

test.describe('message actions', () => {
  // Each worker's first test also waits for the demo workspace to sync.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ app }) => enterApp(app));

  test('react from the keyboard (+), toggle it off from its pill', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await focusTimeline(app);
    await app.keyboard.press('+');
    const picker = app.getByRole('dialog', { name: 'React with an emoji' });
    await expect(picker).toBeVisible();
    await app.keyboard.type('tada');
    await app.keyboard.press('Enter');
    await expect(picker).toHaveCount(0);
    const pill = selected(app).getByRole('button', { name: /^🎉 \d+ reactions?, including yours/ });
    await expect(pill).toHaveAttribute('aria-pressed', 'true');
    // Focus is back on the message, not lost.
    await expect(selected(app)).toBeFocused();
    // Enter on the pill takes the reaction back; the pill goes, and the keyboard stays on the message.
    await pill.focus();
    await app.keyboard.press('Enter');
    await expect(selected(app).getByRole('button', { name: /^🎉 .*including yours/ })).toHaveCount(0);
    await expect(selected(app)).toBeFocused();
  });

  test("Enter on someone else's reaction adds yours and keeps the keyboard on the pill", async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await selectByText(app, 'Klingt gut, machen wir so.');
    const pill = selected(app).locator('.reaction').first();
    await expect(pill).toHaveAttribute('aria-pressed', 'false');
    const name = (await pill.getAttribute('aria-label')) ?? '';
    const count = Number(/(\d+) reaction/.exec(name)?.[1]);
    await pill.focus();
    await app.keyboard.press('Enter');
    await expect(pill).toHaveAttribute('aria-pressed', 'true');
    await expect(pill).toHaveAccessibleName(new RegExp(`^\\S+ ${count + 1} reactions, including yours`));
    await expect(pill).toBeFocused();
    // A second Enter takes it back, from the same place.
    await app.keyboard.press('Enter');
    await expect(pill).toHaveAttribute('aria-pressed', 'false');
    await expect(pill).toBeFocused();
  });

  test('reply (quote) with r, edit with e, delete with Delete after confirming', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    const mine = await send(app, 'Reply to me, then delete me');
    await expect(mine).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await selectByText(app, 'Reply to me, then delete me');
    await app.keyboard.press('r');
    await expect(composer(app)).toBeFocused();
    await expect(app.getByTestId('composer-mode')).toContainText('Replying to');
    await app.keyboard.type('quoted answer');
    await app.keyboard.press('Enter');
    const answer = articles(app).filter({ hasText: 'quoted answer' }).last();
    await expect(answer.locator('.msg-quote')).toContainText('Reply to me, then delete me');

    await selectByText(app, 'Reply to me, then delete me');
    await app.keyboard.press('e');
    await expect(composer(app)).toHaveValue('Reply to me, then delete me');
    await composer(app).fill('Edited, then delete me');
    await app.keyboard.press('Enter');
    await expect(articles(app).filter({ hasText: 'Edited, then delete me' }).first()).toContainText('(edited)');

    await selectByText(app, 'Edited, then delete me');
    await app.keyboard.press('Delete');
    const confirm = app.getByRole('alertdialog', { name: 'Delete this message?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(articles(app).filter({ hasText: 'This message was deleted.' }).first()).toBeVisible();
  });

  test('an edit emptied of its text asks to delete the message; Cancel keeps it', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    const mine = await send(app, 'Empty me out');
    await expect(mine).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await app.keyboard.press('ArrowUp');
    await expect(composer(app)).toHaveValue('Empty me out');
    await app.keyboard.press(`${mod}+A`);
    await app.keyboard.press('Backspace');
    await app.keyboard.press('Enter');
    const confirm = app.getByRole('alertdialog', { name: 'Delete this message?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(articles(app).filter({ hasText: 'Empty me out' }).last()).not.toContainText('(edited)');
    await expect(app.getByTestId('composer-mode')).toHaveCount(0);
    // Back where the user was writing.
    await expect(composer(app)).toBeFocused();

    await app.keyboard.press('ArrowUp');
    await expect(composer(app)).toHaveValue('Empty me out');
    await composer(app).fill('');
    await app.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(articles(app).filter({ hasText: 'This message was deleted.' }).last()).toBeVisible();
  });

  test("past the network's time limit, edit and delete say why instead of failing later (LinkedIn: 1 hour)", async ({ app }) => {
    await openByFilter(app, 'Grace Clarke');
    const editReason = 'LinkedIn messages can be edited only within 1 hour of sending.';
    // ↑ in the empty composer: the last own message is days old. No edit starts; the reason shows.
    await expect(articles(app).filter({ hasText: 'Great meeting you at the conference yesterday.' })).toHaveAttribute('aria-label', /^You,/);
    await app.keyboard.press('ArrowUp');
    await expect(app.getByTestId('toast').filter({ hasText: editReason })).toBeVisible();
    await expect(app.getByTestId('composer-mode')).toHaveCount(0);
    await expect(composer(app)).toHaveValue('');
    // ↑ selected that message: its menu says the same, for Edit and for Delete.
    await focusTimeline(app);
    await expect(selected(app)).toHaveAttribute('aria-label', /^You,/);
    await app.keyboard.press('m');
    const menu = app.getByRole('menu', { name: 'Message actions' });
    await expect(menu.getByRole('menuitem', { name: /Edit/ })).toHaveAttribute('aria-disabled', 'true');
    await expect(menu.getByRole('menuitem', { name: /Edit/ })).toHaveAttribute('title', editReason);
    await expect(menu.getByRole('menuitem', { name: /Delete/ })).toHaveAttribute('title', 'LinkedIn messages can be deleted only within 1 hour of sending.');
    // LinkedIn never has threads, nor pins: neither is offered.
    await expect(menu.getByRole('menuitem', { name: /Reply in thread/ })).toHaveCount(0);
    await expect(menu.getByRole('menuitem', { name: /^Pin/ })).toHaveCount(0);
    await app.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    // The keys too: e starts no edit, Delete asks nothing.
    await app.keyboard.press('e');
    await app.keyboard.press('Delete');
    await expect(app.getByTestId('toast').filter({ hasText: 'LinkedIn messages can be deleted only within 1 hour of sending.' })).toBeVisible();
    await expect(app.getByRole('alertdialog')).toHaveCount(0);
    await expect(app.getByTestId('composer-mode')).toHaveCount(0);
    await expect(app.getByTestId('status-outbox')).toHaveText('Outbox empty');
  });

  test('a send the network refuses as written points to Edit: the toast, the row and the menu', async ({ app }) => {
    await openByFilter(app, 'Grace Clarke');
    // Over LinkedIn's 8,000 characters: sent again as it is, it would be refused again.
    // Words, so it wraps into a message taller than the window.
    const tooLong = `too long ${'xxxx '.repeat(1601).trim()}`;
    await composer(app).fill(tooLong);
    await app.keyboard.press('Enter');
    const toast = app.getByTestId('toast').filter({ hasText: 'Message failed: text is limited to 8000 characters on LinkedIn.' });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(toast.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    // The toast's Edit puts it in the composer; Esc leaves it failed, as it was.
    await toast.getByRole('button', { name: 'Edit' }).click();
    await expect(app.getByTestId('composer-mode')).toContainText('Editing your message');
    await expect(composer(app)).toBeFocused();
    await expect(composer(app)).toHaveValue(tooLong);
    await app.keyboard.press('Escape');
    await expect(composer(app)).toHaveValue('');

    const failed = articles(app).filter({ hasText: 'too long' }).last();
    await expect(failed.locator('.msg-delivery-failed')).toContainText('Not sent: text is limited to 8000 characters on LinkedIn.');
    // The inbox row says which message was not sent, even after another one went.
    await send(app, 'this one goes');
    const preview = row(app, 'Grace Clarke').locator('.inbox-preview');
    await expect(preview).toContainText(/Not sent · too long xxxx xxxx/);
    await expect(preview).not.toContainText('this one goes');
    // Its own Edit takes a click while another message is selected, though the message is taller than
    // the window (pressing it selected the message, which scrolled its top into view and the button
    // away from under the pointer).
    await articles(app).filter({ hasText: 'this one goes' }).last().click();
    await expect(articles(app).filter({ hasText: 'this one goes' }).last()).toHaveAttribute('aria-current', 'true');
    // At the end of the timeline: the failed message's Edit in view, its top far above.
    await timeline(app).hover();
    await app.mouse.wheel(0, 20_000);
    await expect.poll(() => failed.evaluate((el) => el.getBoundingClientRect().top < el.closest('.vlist')!.getBoundingClientRect().top)).toBe(true);
    // A person's click: the button pressed, a few frames, then released.
    const edit = (await failed.getByRole('button', { name: 'Edit' }).boundingBox())!;
    await app.mouse.move(edit.x + edit.width / 2, edit.y + edit.height / 2);
    await app.mouse.down();
    await app.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await app.mouse.up();
    await expect(app.getByTestId('composer-mode')).toContainText('Editing your message');
    await expect(composer(app)).toHaveValue(tooLong);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('composer-mode')).toHaveCount(0);
    await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(failed.getByRole('button', { name: 'Edit' })).toBeVisible();
    // Its menu: Retry (off, saying why), Edit, Discard.
    await selectByText(app, 'too long');
    await app.keyboard.press('Shift+F10');
    const menu = app.getByRole('menu', { name: 'Message actions' });
    await expect(menu.getByRole('menuitem', { name: /Retry/ })).toHaveAttribute('aria-disabled', 'true');
    await expect(menu.getByRole('menuitem', { name: /Retry/ })).toHaveAttribute('title', /edit it/);
    await expect(menu.getByRole('menuitem', { name: /Discard/ })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /React|Reply|Forward/ })).toHaveCount(0);
    await menu.getByRole('menuitem', { name: /Edit/ }).click();
    await expect(composer(app)).toHaveValue(tooLong);
    await composer(app).fill('short enough now');
    await app.keyboard.press('Enter');
    const sent = articles(app).filter({ hasText: 'short enough now' }).last();
    await expect(sent).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await expect(articles(app).filter({ hasText: 'too long' })).toHaveCount(0);
  });

  test('pin with p (Genesys); the sixth pin explains the limit of 5', async ({ app }) => {
    await openByFilter(app, 'Data pipeline');
    await focusTimeline(app);
    const limit = app.getByRole('alert').filter({ hasText: 'at most 5 pinned messages' });
    let pinnedNow = 0;
    for (let i = 0; i < 12; i++) {
      if ((await selected(app).locator('.msg-pin').count()) === 0) {
        await app.keyboard.press('p');
        const mark = selected(app).locator('.msg-pin').first();
        await expect(mark.or(limit).first()).toBeVisible();
        if (await limit.isVisible()) {
          // The limit is explained, and nothing was pinned.
          await expect(selected(app).locator('.msg-pin')).toHaveCount(0);
          expect(pinnedNow).toBeGreaterThan(0);
          return;
        }
        pinnedNow++;
      }
      await app.keyboard.press('ArrowUp');
    }
    throw new Error(`pinned ${pinnedNow} messages without hearing about the limit`);
  });

  test('the menu lists every action, hides what the network lacks and says why others are off', async ({ app }) => {
    await openByFilter(app, 'Emma Clarke');
    await focusTimeline(app);
    // Someone else's message: walk up to one.
    for (let i = 0; i < 10 && ((await selected(app).getAttribute('aria-label')) ?? '').startsWith('You,'); i++) await app.keyboard.press('ArrowUp');
    await app.keyboard.press('m');
    const menu = app.getByRole('menu', { name: 'Message actions' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'React' })).toBeFocused();
    await expect(menu.getByRole('menuitem', { name: /Reply in thread/ })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /Edit/ })).toHaveAttribute('aria-disabled', 'true');
    await expect(menu.getByRole('menuitem', { name: /Edit/ })).toHaveAttribute('title', /own messages/);
    // Slack here: no pins at all (Genesys only), forwarding disabled for this chat.
    await expect(menu.getByRole('menuitem', { name: /^Pin/ })).toHaveCount(0);
    await expect(menu.getByRole('menuitem', { name: /Forward/ })).toHaveAttribute('aria-disabled', 'true');
    await app.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(selected(app)).toBeFocused();
  });

  test('copy text with c; forward with f opens the palette to choose where', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openByFilter(app, 'Hugo Díaz');
    const msg = await send(app, 'copy and forward me');
    await expect(msg).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await selectByText(app, 'copy and forward me');
    await app.keyboard.press('c');
    await expect(app.getByTestId('toast').filter({ hasText: 'Text copied.' })).toBeVisible();
    expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('copy and forward me');
    await app.keyboard.press('f');
    await expect(app.getByRole('dialog').filter({ has: app.getByRole('combobox') }).first()).toBeVisible();
    await app.keyboard.press('Escape');
  });

  test('reply in thread with t opens the thread panel', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    await focusTimeline(app);
    await app.keyboard.press('t');
    await expect(app.getByTestId('panel-thread').or(app.getByRole('complementary', { name: /thread/i })).first()).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(composer(app)).toBeFocused();
  });
});
