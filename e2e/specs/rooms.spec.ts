import { expect, test } from '../fixtures';
import { audit, mod, openPanel, shootBoth, timeline } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

const seeded = useSeededWorld();

/** Runs a palette action by typing its label. */
async function paletteAction(page: import('@playwright/test').Page, label: string) {
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type(label);
  const option = page.getByRole('option', { name: new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first();
  await expect(option).toBeVisible();
  await page.keyboard.press('Enter');
}

test('rooms: create a room with subject, description and members, from the keyboard', async ({ page }, testInfo) => {
  const w = seeded.world;
  await paletteAction(page, 'New room…');
  const dialog = page.getByRole('dialog', { name: 'New room' });
  await expect(dialog).toBeVisible();
  const subject = dialog.getByTestId('new-room-subject');
  await expect(subject).toBeFocused();

  // Nothing is sent without a subject; the field says why.
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('A room needs a subject.')).toBeVisible();

  await subject.fill('Launch review');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Go / no-go for Friday');
  const members = dialog.getByTestId('new-room-members').getByRole('combobox');
  await members.focus();
  await page.keyboard.type(w.people[2]!.name.split(' ')[0]!);
  await expect(dialog.getByRole('option', { name: new RegExp(w.people[2]!.name) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('new-room-members')).toContainText(w.people[2]!.name);
  await shootBoth(page, testInfo, 'dialog-new-room');
  await audit(page, testInfo, 'dialog-new-room', '[role="dialog"]');
  await page.keyboard.press('Enter');

  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Launch review' }).first()).toBeVisible();
  const people = await openPanel(page, 'people');
  await expect(people.getByTestId('person-row').filter({ hasText: w.people[2]!.name })).toHaveCount(1);
  const details = await openPanel(page, 'details');
  await expect(details.getByTestId('details-description')).toHaveText('Go / no-go for Friday');
});

test('rooms: join a room by its address (JID), after the address is checked', async ({ page }, testInfo) => {
  const w = seeded.world;
  await paletteAction(page, 'Join a room by address…');
  const dialog = page.getByRole('dialog', { name: 'Join a room' });
  const jid = dialog.getByTestId('join-room-jid');
  await jid.fill('planning-room');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(/A room address looks like/)).toBeVisible();
  await shootBoth(page, testInfo, 'dialog-join-room');
  await jid.fill(w.closedRoom.jid);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: w.closedRoom.subject }).first()).toBeVisible();
  const people = await openPanel(page, 'people');
  await expect(people.getByTestId('person-row').filter({ hasText: w.me.name })).toHaveCount(1);
});

test('rooms: open a 1:1 by user id', async ({ page }) => {
  const w = seeded.world;
  const person = w.people[9]!;
  await paletteAction(page, 'Open a 1:1');
  const dialog = page.getByRole('dialog', { name: 'Open a 1:1' });
  const input = dialog.getByTestId('open-dm-person').getByRole('combobox');
  await input.fill(person.id);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('open-dm-person')).toContainText(person.id);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: person.name }).first()).toBeVisible();
  await expect(timeline(page)).toBeVisible();
});

test('rooms: a user id nobody has is refused with the backend’s message', async ({ page }) => {
  await paletteAction(page, 'Open a 1:1');
  const dialog = page.getByRole('dialog', { name: 'Open a 1:1' });
  const input = dialog.getByTestId('open-dm-person').getByRole('combobox');
  await input.fill('00000000-0000-4000-8000-000000000000');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('open-dm-error')).toContainText('No Genesys user has that id.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
