import { expect, test } from '../fixtures';
import { audit, escapeRe, inbox, mod, openConversation, openPanel, panel, shootBoth, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

test('details: a room’s subject, description, owners and created date, edited by its owner', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.threadRoom.subject);
  const details = await openPanel(page, 'details');
  await expect(details.getByTestId('details-subject')).toHaveText(w.threadRoom.subject);
  await expect(details.getByTestId('details-description')).toHaveText('Threads are discussed here');
  // The user is named as "You", not by their own name.
  await expect(details.getByTestId('details-owners')).toHaveText('You');
  // Copy room address and Edit details sit side by side with a gap, not touching.
  const copyBox = (await details.getByTestId('details-copy-address').boundingBox())!;
  const editBox = (await details.getByTestId('details-edit').boundingBox())!;
  expect(Math.abs(editBox.y - copyBox.y) < 2 ? editBox.x - (copyBox.x + copyBox.width) : editBox.y - (copyBox.y + copyBox.height)).toBeGreaterThanOrEqual(6);
  await expect(details.getByText('Created')).toBeVisible();
  await shootBoth(page, testInfo, 'panel-details-room');
  await audit(page, testInfo, 'panel-details-room', '[data-testid="panel-details"]');

  await details.getByTestId('details-edit').click();
  const subject = details.getByTestId('details-subject-input');
  await expect(subject).toBeFocused();
  await subject.fill('');
  await expect(details.getByText('A room needs a subject.')).toBeVisible();
  await expect(details.getByTestId('details-save')).toBeDisabled();
  await subject.fill('Thread lab (renamed)');
  await details.getByTestId('details-description-input').fill('Now with a new description');
  await details.getByTestId('details-description-input').press('Control+Enter');
  await expect(toast(page, 'Room details saved.')).toBeVisible();
  await expect(details.getByTestId('details-subject')).toHaveText('Thread lab (renamed)');
  await expect(details.getByTestId('details-description')).toHaveText('Now with a new description');
});

test('details: someone else’s room cannot be edited, and says why', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.memberRoom.subject);
  const details = await openPanel(page, 'details');
  await expect(details.getByTestId('details-owners')).toHaveText(w.people[0]!.name);
  await expect(details.getByText('Only the room’s owners can change')).toBeVisible();
  await expect(details.getByTestId('details-edit')).toHaveCount(0);
  // Genesys rooms cannot be muted or deleted: listed with the reason, not offered.
  await details.getByTestId('details-unsupported').locator('summary').click();
  await expect(details.getByTestId('details-unsupported')).toContainText('Genesys rooms cannot be deleted; leave the room instead.');
});

test('details: a WhatsApp group’s actions — mute, archive, pin, label, unread, invite link, full history', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const details = await openPanel(page, 'details');

  await details.getByTestId('action-mute').click();
  await expect(toast(page, /^Muted/)).toBeVisible();
  await expect(details.getByTestId('action-mute')).toHaveText('Unmute');

  await details.getByTestId('action-pin').click();
  await expect(details.getByTestId('action-pin')).toHaveText('Unpin chat');
  // Said as it is: the inbox keeps its order (newest first), the chat gets its pin mark.
  await expect(toast(page, 'Chat pinned.')).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Conversations' }).locator(`[role=option][data-title="${w.whatsappGroup.name}"] .inbox-mark[title="Pinned"]`)).toBeVisible();

  await details.getByTestId('label-input').fill('Family');
  await details.getByTestId('label-input').press('Enter');
  await expect(details.getByTestId('details-labels')).toContainText('Family');

  await details.getByTestId('action-inviteLink').click();
  await expect(details.getByTestId('invite-link').getByRole('textbox')).toHaveValue(/^https:\/\//);

  await details.getByTestId('action-historyFull').click();
  await expect(toast(page, /Syncing the whole history/)).toBeVisible();

  await details.getByTestId('action-markUnread').click();
  await expect(toast(page, 'Marked as unread.')).toBeVisible();
  await shootBoth(page, testInfo, 'panel-details-chat');
  await audit(page, testInfo, 'panel-details-chat', '[data-testid="panel-details"]');

  await details.getByTestId('action-archive').click();
  await expect(toast(page, 'Archived.')).toBeVisible();
  await expect(details.getByTestId('action-archive')).toHaveText('Unarchive');
  await details.getByTestId('action-archive').click();
  await expect(details.getByTestId('action-archive')).toHaveText('Archive');
});

test('details: an action the network does not support is explained, not offered (Slack cannot mute)', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.slackChannel.name);
  const details = await openPanel(page, 'details');
  await expect(details.getByTestId('action-historyFull')).toBeVisible();
  await expect(details.getByTestId('action-mute')).toHaveCount(0);
  await expect(details.getByTestId('action-delete')).toHaveCount(0);
  const unsupported = details.getByTestId('details-unsupported');
  await unsupported.locator('summary').click();
  await expect(unsupported.locator('li[data-action="mute"]')).toContainText(/available on WhatsApp, LinkedIn only|available on WhatsApp and LinkedIn only/);
  await expect(unsupported.locator('li[data-action="delete"]')).toBeVisible();
  await shootBoth(page, testInfo, 'panel-details-unsupported');
});

test('details: delete a chat only after confirming', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.linkedinChat.name);
  const details = await openPanel(page, 'details');
  await details.getByTestId('action-delete').click();
  await expect(details.getByRole('group', { name: /Delete this chat/ })).toBeVisible();
  // The keyboard lands on Cancel: an Enter out of habit does not delete anything.
  await expect(details.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(details.getByTestId('action-delete')).toBeVisible();
  await details.getByTestId('action-delete').click();
  await details.getByTestId('action-delete-confirm').click();
  await expect(toast(page, 'Chat deleted.')).toBeVisible();
  await expect(inbox(page).getByRole('option', { name: new RegExp(`^${escapeRe(w.linkedinChat.name)},`) })).toHaveCount(0);
});

test('details: Ctrl+Shift+I lands on the first control every time, and editing gives the keyboard back to Edit details', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.pinsRoom.subject);
  // The first time the details are read for this conversation the keyboard waits for them, then
  // lands where it does the next time: on Copy room address, not on the panel itself.
  await page.keyboard.press(`${mod}+Shift+I`);
  const details = panel(page, 'details');
  const copy = details.getByTestId('details-copy-address');
  await expect(copy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page, /Room address copied|Could not copy the room address/)).toBeVisible();
  await page.keyboard.press(`${mod}+Shift+I`);
  await expect(details).toHaveCount(0);
  await page.keyboard.press(`${mod}+Shift+I`);
  await expect(copy).toBeFocused();

  // Edit, then save with Enter in the subject: the form goes, the keyboard returns to Edit details.
  const edit = details.getByTestId('details-edit');
  await edit.focus();
  await page.keyboard.press('Enter');
  const subject = details.getByTestId('details-subject-input');
  await expect(subject).toBeFocused();
  await subject.fill('Pins lab (saved with Enter)');
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Room details saved.')).toBeVisible();
  await expect(details.getByTestId('details-subject')).toHaveText('Pins lab (saved with Enter)');
  await expect(edit).toBeFocused();

  // Ctrl+Enter saves from the subject too, as the hint says, not only from the description: the hint
  // is the form's, not the description's.
  await page.keyboard.press('Enter');
  await expect(subject).toBeFocused();
  await expect(details.getByTestId('details-edit-keys')).toHaveText('Ctrl+Enter saves from any field · Esc cancels');
  await expect(details.getByTestId('details-description-input')).not.toHaveAccessibleDescription(/Ctrl\+Enter/);
  await subject.fill('Pins lab (saved with Ctrl+Enter)');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(details.getByTestId('details-subject')).toHaveText('Pins lab (saved with Ctrl+Enter)');
  await expect(edit).toBeFocused();

  // Cancel (its button, by Enter): nothing saved, the keyboard back on Edit details.
  await page.keyboard.press('Enter');
  await subject.fill('Never saved');
  await details.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(details.getByTestId('details-form')).toHaveCount(0);
  await expect(details.getByTestId('details-subject')).toHaveText('Pins lab (saved with Ctrl+Enter)');
  await expect(edit).toBeFocused();
  await shootBoth(page, testInfo, 'panel-details-after-edit');
});

test('details: Mark as unread and Mark as read keep the keyboard on the button they relabel', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.telegramGroup.name);
  const details = await openPanel(page, 'details');
  const button = details.getByTestId('action-markUnread');
  await expect(button).toHaveText(/^Mark as (un)?read$/);
  // Whichever it says first (opening the chat may have read it), twice: there and back.
  const first = (await button.textContent())!;
  const second = first === 'Mark as unread' ? 'Mark as read' : 'Mark as unread';
  await button.focus();
  for (const [label, done] of [
    [second, first === 'Mark as unread' ? 'Marked as unread.' : 'Marked as read.'],
    [first, first === 'Mark as unread' ? 'Marked as read.' : 'Marked as unread.'],
  ] as const) {
    await page.keyboard.press('Enter');
    await expect(toast(page, done)).toBeVisible();
    await expect(button).toHaveText(label);
    await expect(button).toBeFocused();
  }
});

test('details: the Add button beside "Add a label" is as tall as the field and lines up with it', async ({ page }, testInfo) => {
  const w = seeded.world;
  await openConversation(page, w.whatsappGroup.name);
  const details = await openPanel(page, 'details');
  const field = details.getByTestId('label-input');
  const add = details.locator('.label-form').getByRole('button', { name: 'Add' });
  const f = (await field.boundingBox())!;
  const b = (await add.boundingBox())!;
  expect(Math.abs(b.y - f.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(b.height - f.height)).toBeLessThanOrEqual(1);
  await shootBoth(page, testInfo, 'panel-details-label', details.locator('.label-form'));
});
