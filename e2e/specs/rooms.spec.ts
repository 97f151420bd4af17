import { expect, test } from '../fixtures';
import { composer, row } from '../pages/core';
import { audit, enterApp, inbox, mod, openConversation, openPanel, panel, shootBoth, timeline, toast } from '../pages/panels';
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

test('rooms: the member suggestions leave Cancel and Create room in view, and Ctrl+Enter creates the room from Members', async ({ page }) => {
  const w = seeded.world;
  for (const size of [{ width: 900, height: 700 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    await paletteAction(page, 'New room…');
    const dialog = page.getByRole('dialog', { name: 'New room' });
    await expect(dialog.getByTestId('new-room-subject')).toBeFocused();
    const subject = `Suggestions ${size.width}`;
    await page.keyboard.type(subject);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Checked at ' + size.width);
    await page.keyboard.press('Tab');
    const members = dialog.getByTestId('new-room-members').getByRole('combobox');
    await expect(members).toBeFocused();
    await page.keyboard.type('a');
    await expect(dialog.getByRole('listbox', { name: /suggestions/ }).getByRole('option').nth(5)).toBeVisible();
    // Both buttons are on screen and nothing lies over them.
    for (const button of [dialog.getByRole('button', { name: 'Cancel' }), dialog.getByTestId('new-room-submit')]) {
      await expect(button).toBeInViewport({ ratio: 1 });
      await expect.poll(() => button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      })).toBe(true);
    }
    if (size.width === 900) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      continue;
    }
    // Pick one with the keyboard, then Ctrl+Enter from the Members field creates the room.
    await page.keyboard.press('Backspace');
    await page.keyboard.type(w.people[3]!.name);
    await expect(dialog.getByRole('option').first()).toContainText(w.people[3]!.name);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('new-room-members')).toContainText(w.people[3]!.name);
    await expect(members).toBeFocused();
    await page.keyboard.press(`${mod}+Enter`);
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { name: subject }).first()).toBeVisible();
    const people = await openPanel(page, 'people');
    await expect(people.getByTestId('person-row').filter({ hasText: w.people[3]!.name })).toHaveCount(1);
  }
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
  await expect(toast(page, `You joined “${w.closedRoom.subject}”.`)).toBeVisible();
  // Joined, the keyboard is where the first message gets written.
  await expect(composer(page)).toBeFocused();
  const people = await openPanel(page, 'people');
  await expect(people.getByTestId('person-row').filter({ hasText: w.me.name })).toHaveCount(1);

  // Joining it again: nothing to join, and it says so.
  await page.keyboard.press('Escape');
  await paletteAction(page, 'Join a room by address…');
  await dialog.getByTestId('join-room-jid').fill(w.closedRoom.jid);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(toast(page, `You’re already a member of “${w.closedRoom.subject}”.`)).toBeVisible();
  await expect(toast(page, `You joined “${w.closedRoom.subject}”.`)).toHaveCount(0);
  await expect(composer(page)).toBeFocused();
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

/** Creates a room with just a subject through the palette; it opens. */
async function newRoom(page: import('@playwright/test').Page, subject: string) {
  await paletteAction(page, 'New room…');
  const dialog = page.getByRole('dialog', { name: 'New room' });
  await dialog.getByTestId('new-room-subject').fill(subject);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: subject }).first()).toBeVisible();
}

const RAW_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|@conference\./i;

test('rooms: the address can be copied; leaving keeps the room with a Join notice; joining from Details shows at once', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const subject = 'Leave and rejoin';
  await newRoom(page, subject);
  const details = await openPanel(page, 'details');

  // The address a member shares so others can join, shown and copied.
  const address = details.getByTestId('details-address');
  await expect(address).toHaveText(/^[0-9a-z]+@conference\./);
  const jid = (await address.textContent())!;
  await details.getByTestId('details-copy-address').focus();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Room address copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(jid);

  // Leave, from the keyboard; the question says what happens, and it happens.
  await details.getByTestId('action-leave').focus();
  await page.keyboard.press('Enter');
  const question = details.getByRole('group', { name: /stays in your inbox/ });
  await expect(question).toBeVisible();
  // Genesys rooms cannot be archived: the question does not say they can.
  await expect(question).not.toContainText('archive');
  // The keyboard lands on Cancel (Enter does no harm); Shift+Tab reaches Leave.
  await expect(details.getByTestId('action-leave-cancel')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(details.getByTestId('action-leave-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You left the room.')).toBeVisible();
  const notice = page.getByTestId('join-notice');
  await expect(notice).toContainText('You’re not a member of this room');
  await expect(page.getByRole('textbox', { name: `Message ${subject}` })).toHaveCount(0);
  // The keyboard is not dropped on the page: it is on the notice's Join button.
  await expect(notice.getByRole('button', { name: 'Join room' })).toBeFocused();
  await expect(row(page, subject)).toHaveCount(1);

  // Join again from the Details panel: it shows at once, and the keyboard stays in the panel.
  const join = details.getByTestId('action-join');
  await join.focus();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You joined the room.')).toBeVisible();
  await expect(join).toHaveCount(0);
  await expect(details.getByTestId('action-leave')).toBeVisible();
  await expect(details.locator('button:focus')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: `Message ${subject}` })).toBeVisible();
});

test('rooms: a message refused after leaving says so in words, and discarding it leaves no trace in the inbox', async ({ page }) => {
  const subject = 'QA Room Alpha';
  await newRoom(page, subject);
  const details = await openPanel(page, 'details');
  await details.getByTestId('action-leave').click();
  await details.getByTestId('action-leave-confirm').click();
  await expect(toast(page, 'You left the room.')).toBeVisible();
  await page.keyboard.press('Escape');

  // A fresh window does not know yet that the user left: the composer is there and the send goes out.
  await page.reload();
  await enterApp(page);
  await paletteAction(page, subject);
  await expect(page.getByRole('heading', { name: subject }).first()).toBeVisible();
  const composer = page.getByRole('textbox', { name: `Message ${subject}` });
  await composer.fill('Hello after leaving');
  await page.keyboard.press('Enter');
  const failed = timeline(page).locator('article').filter({ hasText: 'Hello after leaving' });
  await expect(failed).toContainText('Not sent: You’re not a member of this room.');
  await expect(failed).not.toContainText(RAW_ID);
  await expect(page.locator('.toast').filter({ hasText: 'not a member' }).last()).not.toContainText(RAW_ID);
  // The refusal tells the composer: the Join notice takes its place.
  const notice = page.getByTestId('join-notice');
  await expect(notice).toBeVisible();

  await failed.getByRole('button', { name: 'Discard' }).click();
  await expect(failed).toHaveCount(0);
  await expect(row(page, subject)).not.toContainText('Hello after leaving');

  // Join from the notice with the keyboard: the composer comes back with the keyboard in it.
  await notice.getByRole('button', { name: 'Join room' }).focus();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You joined the room.')).toBeVisible();
  await expect(composer).toBeFocused();

  // After a reload the room leads the inbox (joining is activity), with no discarded preview and nothing unread.
  await page.reload();
  await enterApp(page);
  const first = inbox(page).getByRole('option').first();
  await expect(first).toHaveAttribute('data-title', subject);
  await expect(first).not.toContainText('Hello after leaving');
  await expect(first).not.toHaveAttribute('data-unread', 'true');
});

test('rooms: after leaving, the thread offers Join instead of a reply box and its messages say to join; joining reads the thread again', async ({ page }) => {
  const w = seeded.world;
  await openConversation(page, w.threadRoom.subject);
  const details = await openPanel(page, 'details');
  await details.getByTestId('action-leave').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(details.getByTestId('action-leave-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You left the room.')).toBeVisible();

  // The thread still reads, but its composer is the Join notice.
  await timeline(page).locator('article', { hasText: w.threadRoom.root }).click();
  await page.keyboard.press('t');
  const thread = panel(page, 'thread');
  const notice = thread.getByTestId('join-notice');
  await expect(notice).toContainText('You’re not a member of this room');
  await expect(thread.getByRole('textbox', { name: 'Reply in thread' })).toHaveCount(0);
  const list = thread.getByTestId('thread-list');
  const reply = list.locator('article', { hasText: w.threadRoom.replies[0]! });
  await list.locator('article').first().click();
  await page.keyboard.press('ArrowDown');
  await expect(reply).toBeFocused();
  // Writing to the room is refused with the reason, not sent to fail.
  await page.keyboard.press('p');
  await expect(toast(page, 'Join the room to pin messages.')).toBeVisible();
  await page.keyboard.press('+');
  await expect(toast(page, 'Join the room to react.')).toBeVisible();
  await expect(reply.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'React' })).toHaveCount(0);
  await expect(thread.locator('.thread-fetch-error')).toHaveCount(0);

  // Join from the thread's notice: the reply box is back with the keyboard, and no stale fetch error stays.
  await notice.getByRole('button', { name: 'Join room' }).focus();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'You joined the room.')).toBeVisible();
  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await expect(box).toBeFocused();
  await expect(thread.getByTestId('thread-count')).toContainText('2 replies');
  await expect(thread.locator('.thread-fetch-error')).toHaveCount(0);
});
