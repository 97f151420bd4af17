import { expect, test } from '../fixtures';
import type { Page } from '@playwright/test';
import { audit, escapeRe, mod, openConversation, openPanel, panel, shootBoth, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

/**
 * The pins room's People panel opened with Ctrl+Shift+U, the keyboard moved to its second row. The
 * first row has the keyboard at once (as with F6): ↓ moves without Tabbing into the panel first.
 */
async function keyboardOnSecondPerson(page: Page) {
  await openConversation(page, seeded.world.pinsRoom.subject);
  await page.keyboard.press(`${mod}+Shift+U`);
  const people = panel(page, 'people');
  const rows = people.getByTestId('person-row');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = rows.nth(1);
  await expect(second).toBeFocused();
  return { people, rows, second };
}

test('people: a room’s participants, add by user id, remove after confirming', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const people = await openPanel(page, 'people');
  const rows = people.getByTestId('person-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: w.me.name })).toContainText('owner');
  await expect(people.getByTestId('membership')).toContainText('You are a member');

  // Add by pasting a Genesys user id (Enter turns it into a chip, Add sends it).
  const newcomer = w.people[6]!;
  const picker = people.getByTestId('add-person-picker').getByRole('combobox');
  await picker.fill(newcomer.id);
  await picker.press('Enter');
  await people.getByTestId('add-person-submit').click();
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: newcomer.name })).toHaveCount(1);
  await shootBoth(page, testInfo, 'panel-people');
  await audit(page, testInfo, 'panel-people', '[data-testid="panel-people"]');

  // Remove asks first; Esc withdraws the question, the second time it goes ahead.
  const row = rows.filter({ hasText: newcomer.name });
  await row.getByTestId('person-remove').click();
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('person-remove')).toBeFocused();
  await expect(people).toBeVisible();
  await row.getByTestId('person-remove').click();
  await row.getByTestId('person-remove-confirm').click();
  await expect(toast(page, `${newcomer.name} was removed.`)).toBeVisible();
  await expect(rows).toHaveCount(5);
  // The Remove button that had the keyboard is gone with its row: the next member has it, not the page.
  await expect(people.locator('[data-testid="person-row"]:focus')).toHaveCount(1);
});

test('people: from a person, their 1:1 and a message to them', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const people = await openPanel(page, 'people');
  const ana = w.people[0]!;
  const row = people.getByTestId('person-row').filter({ hasText: ana.name });
  // Keyboard: rows move with ↓, Enter opens the person.
  await people.getByTestId('person-row').first().focus();
  await page.keyboard.press('ArrowDown');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(people.getByTestId('person-profile')).toContainText(ana.name);
  await expect(people.getByTestId('person-chats').getByRole('listitem')).toHaveCount(1);
  // Esc goes back to the list (with the keyboard on it), not out of the panel; a second Esc closes it.
  await page.keyboard.press('Escape');
  await expect(people.getByTestId('person-profile')).toHaveCount(0);
  await expect(people.getByTestId('person-row').first()).toBeFocused();
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(people.getByTestId('person-profile')).toContainText(ana.name);
  await people.getByTestId('person-message').click();
  await expect(page.getByRole('heading', { name: ana.name }).first()).toBeVisible();
});

test('people: a chat’s attendees with pictures, their chats, all their messages, start a chat', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const people = await openPanel(page, 'people');
  const contact = people.getByTestId('person-row').filter({ hasText: w.whatsappContact.name });
  await expect(contact.locator('img[src^="data:image/png"]')).toBeVisible();
  await contact.locator('.person-open').click();
  const profile = people.getByTestId('person-profile');
  await expect(profile).toContainText(w.whatsappContact.name);
  await expect(profile.locator('img[src^="data:image/png"]')).toBeVisible();
  // list_chats_by_attendee answered (a list, or the note that there is no 1:1 yet) and list_messages_by_attendee too.
  const chats = people.getByRole('region', { name: '1:1 chats' });
  await expect(chats.getByTestId('person-chats').or(chats.getByText('No 1:1 chat with them yet.'))).toBeVisible();
  await expect(people.getByTestId('person-messages').getByRole('listitem').first()).toContainText(w.whatsappContact.name);
  await shootBoth(page, testInfo, 'panel-person');
  await audit(page, testInfo, 'panel-person', '[data-testid="panel-people"]');

  await people.getByTestId('person-message').click();
  const dialog = page.getByRole('dialog', { name: 'New chat' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('new-chat-to')).toContainText(w.whatsappContact.name);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await people.getByTestId('person-back').click();
  await expect(people.getByTestId('person-row').first()).toBeVisible();
});

test('people: add and remove a participant of a WhatsApp group (Unipile patch_chat)', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const people = await openPanel(page, 'people');
  const rows = people.getByTestId('person-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const picker = people.getByTestId('add-person-picker').getByRole('combobox');
  await picker.fill('33698765432@s.whatsapp.net');
  await picker.press('Enter');
  await people.getByTestId('add-person-submit').click();
  await expect(toast(page, /was added\./)).toBeVisible();
  await expect(rows).toHaveCount(before + 1);

  // The same number again: said to be in the group already, without asking the network (whose
  // answer, with some networks, is to add nobody and say it worked).
  await picker.fill('33698765432@s.whatsapp.net');
  await picker.press('Enter');
  await people.getByTestId('add-person-submit').click();
  await expect(people.getByTestId('add-person-error')).toHaveText(/^.+ is already in this conversation\.$/);
  await expect(rows).toHaveCount(before + 1);

  // A network refusal is shown where the action was taken: a number WhatsApp does not accept.
  await picker.fill('123@s.whatsapp.net');
  await picker.press('Enter');
  await people.getByTestId('add-person-submit').click();
  await expect(people.getByTestId('add-person-error')).toContainText('not a valid');

  const added = rows.last();
  await added.getByTestId('person-remove').click();
  await added.getByTestId('person-remove-confirm').click();
  await expect(rows).toHaveCount(before);
});

test('people: a network that cannot add people says so instead of offering it', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.linkedinChat.name);
  const people = await openPanel(page, 'people');
  await expect(people.getByTestId('add-person-unsupported')).toContainText(/WhatsApp and Telegram only|groups only/);
  await expect(people.getByTestId('add-person')).toHaveCount(0);
  await expect(people.getByTestId('person-remove')).toHaveCount(0);
});

test('people: leave a room after confirming; it stays in the inbox, to join again', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.memberRoom.subject);
  const people = await openPanel(page, 'people');
  // Only its owners remove people: no Remove offered, and the reason said, before anyone tries.
  await expect(people.getByTestId('person-row')).not.toHaveCount(0);
  await expect(people.getByTestId('people-remove-owners')).toHaveText('Only the room’s owners can remove people.');
  await expect(people.getByTestId('person-remove')).toHaveCount(0);
  await people.getByTestId('room-leave').focus();
  await page.keyboard.press('Enter');
  await expect(people.getByRole('group', { name: /Leave this room\?.*stays in your inbox/ })).toBeVisible();
  // The keyboard is on Cancel; Shift+Tab reaches Leave.
  await expect(people.getByTestId('room-leave-cancel')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(people.getByTestId('room-leave-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You left the room.')).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: new RegExp(`^${escapeRe(w.memberRoom.subject)}`) })).toHaveCount(1);
  await expect(people.getByTestId('membership')).toContainText('You are not a member');
  // The Leave button went: the keyboard is on the composer's Join notice, not on the page.
  await expect(page.getByTestId('join-notice').getByRole('button', { name: 'Join room' })).toBeFocused();
});

test('people: Ctrl+Shift+U puts the keyboard on the list, one tab stop, each Remove names who it removes', async ({ page }) => {
  const { people, rows, second } = await keyboardOnSecondPerson(page);
  const name = (await second.locator('.person-name').evaluate((el) => el.firstChild?.textContent ?? '')).trim();
  expect(name).not.toBe('');

  // The list is one tab stop: Tab goes to this row's Remove (named for who it removes), then out of the list.
  await expect(people.locator('[data-testid="person-remove"]:not([tabindex="-1"])')).toHaveCount(1);
  await page.keyboard.press('Tab');
  const remove = second.getByTestId('person-remove');
  await expect(remove).toBeFocused();
  await expect(remove).toHaveAccessibleName(`Remove ${name} from the room`);
  await page.keyboard.press('Tab');
  await expect(people.getByTestId('add-person-picker').getByRole('combobox')).toBeFocused();

  // Delete on a row asks the same question as its Remove; Esc withdraws it and nobody goes.
  await page.keyboard.press('Shift+Tab');
  await expect(remove).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(second).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(second.getByRole('group', { name: `Remove ${name} from the room?` })).toBeVisible();
  await expect(second.getByTestId('person-remove-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(remove).toBeFocused();
  await expect(people).toBeVisible();
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
});

test('people: members are not offered to add again, and a typed id of one is answered without asking the network', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  const people = await openPanel(page, 'people');
  const rows = people.getByTestId('person-row');
  const member = w.people[0]!;
  await expect(rows.filter({ hasText: member.name })).toHaveCount(1);
  const count = await rows.count();
  const picker = people.getByTestId('add-person-picker').getByRole('combobox');

  // Suggestions: someone who is not in the room is, a member is not.
  const outsider = w.people[5]!;
  await picker.fill(outsider.name);
  await expect(people.getByRole('option', { name: new RegExp(escapeRe(outsider.name)) })).toHaveCount(1);
  await picker.fill(member.name);
  // (The suggestions for the new text are in once the outsider has gone from them.)
  await expect(people.getByRole('option', { name: new RegExp(escapeRe(outsider.name)) })).toHaveCount(0);
  await picker.press('Enter');
  await expect(people.getByText(`No one called “${member.name}” was found.`, { exact: false })).toBeVisible();
  await expect(people.getByRole('option', { name: new RegExp(escapeRe(member.name)) })).toHaveCount(0);

  // Their Genesys user id, typed: said at once, nothing sent, nobody "added".
  await picker.fill(member.id);
  await picker.press('Enter');
  await people.getByTestId('add-person-submit').click();
  await expect(people.getByTestId('add-person-error')).toHaveText(`${member.name} is already in this conversation.`);
  await expect(page.locator('.toast').filter({ hasText: 'was added.' })).toHaveCount(0);
  await expect(rows).toHaveCount(count);
});

test('people: the question before removing someone has a line of its own, over nobody’s avatar or name', async ({ page }, testInfo) => {
  const { people, second: row } = await keyboardOnSecondPerson(page);
  await page.keyboard.press('Delete');
  const question = row.locator('.sb-confirm');
  await expect(question).toBeVisible();
  const q = (await question.boundingBox())!;
  const panelBox = (await people.boundingBox())!;
  for (const part of [row.locator('.avatar'), row.locator('.person-name')]) {
    const b = (await part.boundingBox())!;
    expect(b.width).toBeGreaterThan(10);
    const overlaps = b.x < q.x + q.width && q.x < b.x + b.width && b.y < q.y + q.height && q.y < b.y + b.height;
    expect(overlaps, 'the question is drawn over the person it names').toBe(false);
  }
  // Within the panel, not past its edge.
  expect(q.x + q.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
  await shootBoth(page, testInfo, 'panel-people-remove-question');
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('person-remove')).toBeFocused();
});
