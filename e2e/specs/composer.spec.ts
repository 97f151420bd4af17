import { expect, test } from '../fixtures';
import { articles, clearFilter, composer, enterApp, header, inbox, openByFilter, row, send, timeline } from '../pages/core';

test.describe('composer', () => {
  // Each worker's first test also waits for the demo workspace to sync.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ app }) => enterApp(app));

  test('Enter sends, Shift+Enter breaks the line; the message is pending then sent', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    const oneLine = (await composer(app).boundingBox())!.height;
    await app.keyboard.type('first line');
    await app.keyboard.press('Shift+Enter');
    await app.keyboard.type('second line');
    await expect(composer(app)).toHaveValue('first line\nsecond line');
    // The box grows with its lines (20 px each), up to a limit past which it scrolls.
    await expect.poll(async () => (await composer(app).boundingBox())!.height).toBe(oneLine + 20);
    await app.keyboard.press('Shift+Enter');
    await app.keyboard.insertText(Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'));
    await expect.poll(async () => (await composer(app).boundingBox())!.height).toBe(240);
    await app.keyboard.press('Control+A');
    await app.keyboard.type('first line');
    await app.keyboard.press('Shift+Enter');
    await app.keyboard.type('second line');
    await expect(composer(app)).toHaveValue('first line\nsecond line');
    await app.keyboard.press('Enter');
    await expect(composer(app)).toHaveValue('');
    const msg = articles(app).filter({ hasText: 'second line' }).last();
    await expect(msg.locator('.msg-text')).toHaveText(/first line\nsecond line/);
    // Sent through the outbox: the pending mark goes away.
    await expect(msg).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    // And the inbox row shows it as the latest.
    await expect(inbox(app).getByRole('option').first()).toHaveAttribute('data-title', 'Lena Meyer');
  });

  test('a message taller than one line keeps the timeline at its end, whole', async ({ app }) => {
    await openByFilter(app, 'Oluwaseun Tanaka');
    // The feed's scroller.
    const scroller = timeline(app).locator('xpath=..');
    const fromEnd = () => scroller.evaluate((el) => Math.round(el.scrollHeight - el.clientHeight - el.scrollTop));
    await expect.poll(fromEnd).toBeLessThanOrEqual(1);
    await composer(app).fill(Array.from({ length: 8 }, (_, i) => `Block line ${i + 1}`).join('\n'));
    // The composer grew over the timeline: the end stays in view.
    await expect.poll(fromEnd).toBeLessThanOrEqual(1);
    await app.keyboard.press('Enter');
    const sent = articles(app).filter({ hasText: 'Block line 8' }).last();
    await expect(sent).toBeVisible();
    await expect(sent).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    // Measured taller than its estimate, the new row still ends the view (it once stopped 124 px short).
    await expect.poll(fromEnd).toBeLessThanOrEqual(1);
    await expect(app.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
    const box = (await sent.boundingBox())!;
    const view = (await scroller.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
  });

  test('↑ in an empty composer edits the last own message; Esc cancels, Enter saves', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    const msg = await send(app, 'I mean Tuesday');
    await expect(msg).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await app.keyboard.press('ArrowUp');
    await expect(app.getByTestId('composer-mode')).toContainText('Editing your message');
    await expect(composer(app)).toHaveValue('I mean Tuesday');
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('composer-mode')).toHaveCount(0);
    await expect(composer(app)).toHaveValue('');
    await expect(composer(app)).toBeFocused();
    await app.keyboard.press('ArrowUp');
    await composer(app).fill('I mean Wednesday');
    await app.keyboard.press('Enter');
    const edited = articles(app).filter({ hasText: 'I mean Wednesday' }).last();
    await expect(edited).toContainText('(edited)');
    await expect(articles(app).filter({ hasText: 'I mean Tuesday' })).toHaveCount(0);
  });

  test('@ completes the people of the conversation and sends the mention', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    // A sender shown by name: "Someone" stands in until a sender's name is known, and is no one to mention.
    const named = timeline(app).locator('.msg:not(.msg-grouped) .msg-sender').filter({ hasNotText: /^(You|Someone)$/ }).last();
    await expect(named).toBeVisible();
    const someone = (await named.textContent())!;
    await app.keyboard.type(`ping @${someone.slice(0, 3)}`);
    const list = app.getByRole('listbox', { name: 'People to mention' });
    await expect(list).toBeVisible();
    await expect(list.getByRole('option', { name: someone })).toBeVisible();
    // Walk to that person with the arrows, then Enter chooses.
    for (let i = 0; i < 8 && (await list.getByRole('option', { name: someone }).getAttribute('aria-selected')) !== 'true'; i++) await app.keyboard.press('ArrowDown');
    await app.keyboard.press('Enter');
    await expect(composer(app)).toHaveValue(`ping @${someone} `);
    await app.keyboard.type('please look');
    await app.keyboard.press('Enter');
    const msg = articles(app).filter({ hasText: 'please look' }).last();
    await expect(msg.locator('.mention')).toHaveText(`@${someone}`);
  });

  test('@ is a plain character on a network that cannot carry mentions', async ({ app }) => {
    await openByFilter(app, 'general');
    // Someone to complete if completion were offered here: '@' alone lists everyone it knows.
    const named = timeline(app).locator('.msg:not(.msg-grouped) .msg-sender').filter({ hasNotText: /^(You|Someone)$/ }).last();
    await expect(named).toBeVisible();
    const someone = (await named.textContent())!;
    await app.keyboard.type(`hi @${someone.slice(0, 2)}`);
    await expect(composer(app)).toHaveValue(`hi @${someone.slice(0, 2)}`);
    await expect(app.getByRole('listbox', { name: 'People to mention' })).toHaveCount(0);
    await expect(composer(app)).not.toHaveAttribute('aria-expanded', 'true');
    // Enter sends the text as it is, '@' included (no completion took the key).
    await app.keyboard.press('Enter');
    await expect(articles(app).filter({ hasText: `hi @${someone.slice(0, 2)}` }).last()).toBeVisible();
    await expect(composer(app)).toHaveValue('');
  });

  test('a person picked with @ while editing is mentioned by the edit, beside the ones the message had', async ({ app }) => {
    await openByFilter(app, 'Squadra Milano');
    const list = app.getByRole('listbox', { name: 'People to mention' });
    const pick = async (index: number) => {
      await expect(list).toBeVisible();
      const name = (await list.getByRole('option').nth(index).textContent())!.trim();
      for (let i = 0; i < index; i++) await app.keyboard.press('ArrowDown');
      await app.keyboard.press('Tab');
      return name;
    };
    await composer(app).focus();
    await app.keyboard.type('ship it @');
    const first = await pick(0);
    await app.keyboard.press('Enter');
    const msg = articles(app).filter({ hasText: `ship it @${first}` }).last();
    await expect(msg).not.toHaveClass(/msg-unsent/, { timeout: 20_000 });
    await expect(msg.locator('.mention')).toHaveText([`@${first}`]);

    await app.keyboard.press('ArrowUp');
    await expect(app.getByTestId('composer-mode')).toContainText('Editing your message');
    await app.keyboard.press('End');
    await app.keyboard.type(' cc @');
    const second = await pick(1);
    expect(second).not.toBe(first);
    await app.keyboard.press('Enter');
    const edited = articles(app).filter({ hasText: `cc @${second}` }).last();
    await expect(edited).toContainText('(edited)');
    await expect(edited.locator('.mention')).toHaveText([`@${first}`, `@${second}`]);
  });

  test('each conversation keeps its draft, across switches and reloads', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    await app.keyboard.type('draft for Lena');
    // Alt+↓ steps through the inbox as shown: show all of it again.
    await clearFilter(app);
    await composer(app).focus();
    await app.keyboard.press('Alt+ArrowDown');
    await expect(header(app)).not.toContainText('Lena Meyer');
    await expect(composer(app)).toHaveValue('');
    await app.keyboard.press('Alt+ArrowUp');
    await expect(header(app)).toContainText('Lena Meyer');
    await expect(composer(app)).toHaveValue('draft for Lena');
    // Typing goes on after the draft, not before it.
    await composer(app).focus();
    await app.keyboard.type('!');
    await expect(composer(app)).toHaveValue('draft for Lena!');
    await app.keyboard.press('Backspace');
    // Saved to the cache (debounced, flushed on switch): it survives a reload.
    await app.keyboard.press('Alt+ArrowDown');
    const left = (await header(app).locator('.tl-title-text').textContent())!;
    await expect(row(app, left)).toHaveAttribute('aria-selected', 'true');
    const unread = await row(app, left).getAttribute('data-unread');
    await app.reload();
    // The window opens where it was, with the keyboard in the composer (a conversation with nothing
    // unread: opening one with unread messages would read them unasked).
    if (!unread) {
      await expect(header(app)).toContainText(left);
      await expect(composer(app)).toBeFocused();
    }
    await enterApp(app);
    await openByFilter(app, 'Lena Meyer');
    await expect(composer(app)).toHaveValue('draft for Lena');
    await composer(app).fill('');
  });

  test('emoji picker inserts at the caret; files attach where the network takes them', async ({ app }) => {
    await openByFilter(app, 'Hugo Díaz');
    await app.keyboard.type('nice ');
    await app.getByRole('button', { name: 'Insert emoji' }).click();
    const picker = app.getByRole('dialog', { name: 'Insert an emoji' });
    await expect(picker.getByRole('combobox', { name: 'Search emoji' })).toBeFocused();
    await app.keyboard.type('rocket');
    await app.keyboard.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(composer(app)).toHaveValue('nice 🚀');

    // An empty file is refused when it is attached, not after a send that cannot succeed.
    const emptyChooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Attach files' }).click();
    await (await emptyChooser).setFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect(app.getByText('“empty.txt” is empty: there is nothing to send.')).toBeVisible();
    await expect(app.getByRole('list', { name: 'Files to send' })).toHaveCount(0);

    // Several at once: every file left out is named with its reason, the good one is kept.
    const mixedChooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Attach files' }).click();
    await (await mixedChooser).setFiles([
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16 * 1024 * 1024) },
      { name: 'blank.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'keep.txt', mimeType: 'text/plain', buffer: Buffer.from('kept') },
    ]);
    await expect(app.getByText(/“big\.bin” is 16\.0 MB: the limit is 15\.0 MB per file\. “blank\.txt” is empty: there is nothing to send\./)).toBeVisible();
    const files = app.getByRole('list', { name: 'Files to send' });
    await expect(files).toContainText('keep.txt');

    const chooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the e2e suite') });
    await expect(files).toContainText('notes.txt');
    // Removing a file from the keyboard hands the keyboard to the next file's button, then the text box.
    const removeKeep = files.getByRole('button', { name: 'Remove keep.txt' });
    await removeKeep.focus();
    await app.keyboard.press('Enter');
    await expect(files.getByRole('button', { name: 'Remove keep.txt' })).toHaveCount(0);
    await expect(files.getByRole('button', { name: 'Remove notes.txt' })).toBeFocused();
    await composer(app).focus();
    await app.keyboard.press('Enter');
    const msg = articles(app).filter({ hasText: 'nice 🚀' }).last();
    await expect(msg.locator('.att-file-name')).toHaveText('notes.txt');

    // Genesys takes no files: the button says why instead.
    await openByFilter(app, 'Squadra Milano');
    const attach = app.getByRole('button', { name: 'Attach files' });
    await expect(attach).toBeDisabled();
    await expect(attach).toHaveAttribute('title', /Genesys/);
  });

  test('files over the limit are named, and what was said goes once the files change', async ({ app }) => {
    await openByFilter(app, 'Lena Meyer');
    const chooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles(Array.from({ length: 11 }, (_, i) => ({ name: `f${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`file ${i + 1}`) })));
    const files = app.getByRole('list', { name: 'Files to send' });
    await expect(files.getByRole('listitem')).toHaveCount(10);
    const note = app.getByText('“f11.txt” was left out: at most 10 files per message.');
    await expect(note).toBeVisible();
    await files.getByRole('button', { name: 'Remove f1.txt' }).click();
    await expect(note).toHaveCount(0);
  });
});
