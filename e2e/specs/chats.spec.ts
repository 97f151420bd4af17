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
  // It names the id typed in To: that field is marked, described by it, and has the keyboard.
  await expect(to).toBeFocused();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  const errorId = await dialog.getByTestId('new-chat-error').getAttribute('id');
  expect((await to.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
});

/** Types the WhatsApp contact's name in To and picks them (not a namesake on another network). */
async function pickWhatsappContact(dialog: import('@playwright/test').Locator) {
  const { name, providerId } = seeded.world.whatsappContact;
  const to = dialog.getByTestId('new-chat-to').getByRole('combobox');
  await to.fill(name);
  const option = dialog.getByRole('option').filter({ hasText: name }).filter({ hasText: providerId });
  await expect(option).toHaveCount(1);
  for (let i = 0; i < 8 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await to.press('ArrowDown');
  await to.press('Enter');
  await expect(dialog.getByTestId('new-chat-to')).toContainText(name);
  return to;
}

test('chats: From follows the person picked to the account they belong to, and says so', async ({ page }) => {
  const w = seeded.world;
  const dialog = await openNewChat(page);
  const account = dialog.getByTestId('new-chat-account');
  const wa = w.accounts.find((a) => a.type === 'WHATSAPP')!;
  // From is the first account until someone is picked (not WhatsApp in the demo).
  await expect(account).not.toHaveValue(`u:${wa.id}`);
  await pickWhatsappContact(dialog);
  await expect(account).toHaveValue(`u:${wa.id}`);
  await expect(dialog.getByTestId('new-chat-account-note')).toHaveText(`${w.whatsappContact.name} is a WhatsApp contact, so the chat starts from your WhatsApp account.`);
  await dialog.getByTestId('new-chat-text').fill('Hello on WhatsApp');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(timeline(page).locator('article', { hasText: 'Hello on WhatsApp' })).toBeVisible();
});

test('chats: a person of another network than the account chosen is refused before sending, on To', async ({ page }) => {
  const w = seeded.world;
  const dialog = await openNewChat(page);
  const ig = w.accounts.find((a) => a.type === 'INSTAGRAM')!;
  await dialog.getByTestId('new-chat-account').selectOption(`u:${ig.id}`);
  const to = dialog.getByTestId('new-chat-to').getByRole('combobox');
  await to.fill('someone.typed');
  await to.press('Enter');
  await pickWhatsappContact(dialog);
  // Chosen by the user, with two people: From stays.
  await expect(dialog.getByTestId('new-chat-account')).toHaveValue(`u:${ig.id}`);
  await dialog.getByTestId('new-chat-text').fill('Hi both');
  await page.keyboard.press('Control+Enter');
  const error = dialog.getByText(`${w.whatsappContact.name} is a WhatsApp contact: write from your WhatsApp account, or remove them.`);
  await expect(error).toBeVisible();
  await expect(to).toBeFocused();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  expect((await to.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
  await expect(dialog).toBeVisible();
});
