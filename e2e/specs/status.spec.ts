import { expect, openSeededApp, startSeededHost, test } from '../fixtures';
import { articles, clearFilter, composer, enterApp, inbox, openByFilter, row } from '../pages/core';

test.describe('status', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the status bar shows the connection, sync, the outbox and the request budget', async ({ app }) => {
    await enterApp(app);
    await expect(app.getByTestId('status-connection')).toHaveText('Online', { timeout: 30_000 });
    await expect(app.getByTestId('status-sync')).toContainText(/Up to date|Syncing/);
    await expect(app.getByTestId('status-budget')).toHaveText(/^[\d,]+\/[\d,]+ requests left this hour$/);
    await expect(app.getByTestId('status-budget')).toHaveAttribute('title', /requests left today/);
    await expect(app.getByTestId('status-about')).toHaveText(/Demo workspace · v/);
    await app.getByTestId('status-outbox').click();
    const outbox = app.getByRole('dialog', { name: 'Outbox' });
    await expect(outbox).toContainText('Everything has been sent.');
    await app.keyboard.press('Escape');
    await expect(outbox).toHaveCount(0);
    await expect(app.getByTestId('status-outbox')).toBeFocused();
  });

  test('the outbox keeps the keyboard: a row that goes hands focus on, Esc always closes it', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'chromium', 'needs a web host of its own');
    let linkedin = '';
    const seeded = await startSeededHost((emu) => {
      const chats = emu.control.act('unipile', 'chats') as Array<{ name: string; account_type: string; read_only: boolean }>;
      linkedin = chats.find((c) => c.account_type === 'LINKEDIN' && !c.read_only && c.name)!.name;
    });
    const errors: string[] = [];
    try {
      await openSeededApp(page, seeded, errors);
      await enterApp(page);
      await openByFilter(page, linkedin);
      // Over LinkedIn's 8,000 characters: the network refuses it for good.
      await composer(page).fill(`too long ${'x'.repeat(8001)}`);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('status-outbox')).toHaveText('1 failed', { timeout: 30_000 });
      await page.getByTestId('status-outbox').click();
      const outbox = page.getByRole('dialog', { name: 'Outbox' });
      const item = outbox.getByTestId('outbox-item');
      await expect(item).toContainText('Failed');
      // Refused as written: no Retry (it would fail the same way), Edit in its place.
      await expect(item.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await expect(item.getByRole('button', { name: 'Edit' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(item.getByRole('button', { name: 'Discard' })).toBeFocused();
      // Discard: the row goes, and with no row left, Close has the focus.
      await page.keyboard.press('Enter');
      await expect(outbox).toContainText('Everything has been sent.');
      await expect(outbox.getByRole('button', { name: 'Close' })).toBeFocused();
      // Even with the focus fallen to the page, keys stay with the modal and Esc closes it (not what is behind).
      // (Read in the same task as the blur: toBeFocused also asks document.hasFocus(), which a busy
      // headless window may not have.)
      const fell = await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        return document.activeElement === document.body;
      });
      expect(fell).toBe(true);
      await page.keyboard.press('z');
      await expect(composer(page)).toHaveValue('');
      await page.keyboard.press('Escape');
      await expect(outbox).toHaveCount(0);
      await expect(composer(page)).toHaveValue('');
      expect(errors).toEqual([]);
    } finally {
      await seeded.stop();
    }
  });

  test('offline: a banner says so, sends wait in the outbox, and go out when the network is back', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'chromium', 'needs a web host of its own');
    const seeded = await startSeededHost(() => {});
    const errors: string[] = [];
    try {
      // The network goes before the test visits a room it did not open online: the first sync must
      // have found every conversation. On a busy 2-core box it has not yet when the first chat opens
      // (CI failed here twice: "Design crit" was not in the inbox).
      await seeded.synced;
      await openSeededApp(page, seeded, errors);
      await enterApp(page);
      await openByFilter(page, 'Lena Meyer');
      seeded.emulator.control.setFaults({ dropRate: 1 });
      const banner = page.getByTestId('offline-banner');
      await expect(banner).toHaveText("You're offline. Messages you send will go out when the connection is back.", { timeout: 60_000 });
      await expect(page.getByTestId('status-connection')).toHaveText('Offline');

      await composer(page).fill('sent while offline');
      await page.keyboard.press('Enter');
      const msg = articles(page).filter({ hasText: 'sent while offline' }).last();
      await expect(msg).toHaveClass(/msg-unsent/);
      // The message waits, maybe beside the read receipt of opening the chat (when it did not go out first).
      await expect(page.getByTestId('status-outbox')).toHaveText(/^[12] (sending|failed)/, { timeout: 30_000 });
      // Unconfirmed as it is, the message is its conversation's latest: it leads the inbox with it.
      await expect(row(page, 'Lena Meyer').locator('.inbox-preview')).toHaveText('sent while offline');
      await openByFilter(page, 'Design crit');
      await clearFilter(page);
      await expect(inbox(page).getByRole('option').first()).not.toHaveAttribute('data-title', 'Design crit');
      await composer(page).fill('a note for later');
      await page.keyboard.press('Enter');
      await expect(inbox(page).getByRole('option').first()).toHaveAttribute('data-title', 'Design crit');
      await expect(row(page, 'Design crit').locator('.inbox-preview')).toHaveText('a note for later');
      // Thought better of it: a message that never left is discarded, not "deleted for everyone", and
      // the keyboard stays in the timeline on its neighbour.
      await composer(page).fill('second thoughts');
      await page.keyboard.press('Enter');
      const doubt = articles(page).filter({ hasText: 'second thoughts' }).last();
      await expect(doubt).toHaveClass(/msg-unsent/);
      await page.keyboard.press('Shift+F6');
      await expect(doubt).toBeFocused();
      await page.keyboard.press('Delete');
      const discard = page.getByRole('alertdialog', { name: 'Discard this message?' });
      await expect(discard).toContainText('“second thoughts” was not sent. It will not be sent.');
      await discard.getByRole('button', { name: 'Discard' }).click();
      await expect(doubt).toHaveCount(0);
      await expect(page.locator('article.msg:focus')).toHaveCount(1);
      await expect(articles(page).filter({ hasText: 'a note for later' }).last()).toBeFocused();
      await openByFilter(page, 'Lena Meyer');
      await page.getByTestId('status-outbox').click();
      const outbox = page.getByRole('dialog', { name: 'Outbox' });
      await expect(outbox.getByTestId('outbox-item').filter({ hasText: 'sent while offline' })).toHaveCount(1);
      await page.keyboard.press('Escape');

      seeded.emulator.control.setFaults({ dropRate: 0 });
      await expect(banner).toHaveCount(0, { timeout: 60_000 });
      await expect(msg).not.toHaveClass(/msg-unsent/, { timeout: 60_000 });
      await expect(page.getByTestId('status-outbox')).toHaveText('Outbox empty', { timeout: 30_000 });
      expect(errors).toEqual([]);
    } finally {
      await seeded.stop();
    }
  });
});
