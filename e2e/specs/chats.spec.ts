import { expect, test } from '../fixtures';
import { audit, mod, shootBoth, timeline } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

async function openNewChat(page: import('@playwright/test').Page) {
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('New chat…');
  await expect(page.getByRole('option', { name: /New chat…/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New chat' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('chats: start a new chat — account, attendee, subject, first message', async ({ page }, testInfo) => {
  const w = seeded.world;
  const dialog = await openNewChat(page);
  const account = dialog.getByTestId('new-chat-account');
  await expect(account.getByRole('option')).toHaveCount(w.accounts.length);
  const wa = w.accounts.find((a) => a.type === 'WHATSAPP')!;
  await account.selectOption(`u:${wa.id}`);

  // What is missing is said before anything is sent.
  await dialog.getByTestId('new-chat-submit').click();
  await expect(dialog.getByText('Add at least one person.')).toBeVisible();
  await expect(dialog.getByText('Write the first message.')).toBeVisible();

  const to = dialog.getByTestId('new-chat-to').getByRole('combobox');
  await to.fill(w.whatsappContact.providerId);
  await to.press('Enter');
  await dialog.getByTestId('new-chat-subject').fill('Dinner plans');
  await dialog.getByTestId('new-chat-text').fill('Hello from Switchboard');
  await shootBoth(page, testInfo, 'dialog-new-chat');
  await audit(page, testInfo, 'dialog-new-chat', '[role="dialog"]');
  await dialog.getByTestId('new-chat-text').press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(timeline(page).locator('article', { hasText: 'Hello from Switchboard' })).toBeVisible();
});

test('chats: the network’s refusal is shown in the dialog', async ({ page }) => {
  const dialog = await openNewChat(page);
  const li = seeded.world.accounts.find((a) => a.type === 'LINKEDIN')!;
  await dialog.getByTestId('new-chat-account').selectOption(`u:${li.id}`);
  const to = dialog.getByTestId('new-chat-to').getByRole('combobox');
  await to.fill('not-a-linkedin-id');
  await to.press('Enter');
  await dialog.getByTestId('new-chat-text').fill('Hi');
  await dialog.getByTestId('new-chat-submit').click();
  await expect(dialog.getByTestId('new-chat-error')).toBeVisible();
  await expect(dialog).toBeVisible();
});
