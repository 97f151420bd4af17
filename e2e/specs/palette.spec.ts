import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { composer, enterApp, focusTimeline, header, inbox as inboxOf, mod } from '../pages/core';

/**
 * The command palette (Ctrl/Cmd+K), driven from the keyboard only: jump to a conversation, a
 * person's 1:1 (only people one can be opened with are listed) and an action; Esc closes it and
 * gives focus back. Leaves palette.png.
 */
// The first test of a worker waits for the demo workspace's first sync; a busy 2-core box is slow.
test.describe.configure({ timeout: 120_000 });
const MOD = mod;

async function inboxReady(app: Page) {
  await enterApp(app);
  const inbox = inboxOf(app);
  await expect(inbox.getByRole('option').nth(5)).toBeVisible();
  return inbox;
}

const palette = (app: Page) => app.getByRole('dialog', { name: 'Command palette' });
const paletteInput = (app: Page) => palette(app).getByRole('combobox');
const selectedOption = (app: Page) => app.getByRole('dialog').locator('[role="option"][aria-selected="true"]');

test('Ctrl+K jumps to a conversation by a few letters of its title', async ({ app }, testInfo) => {
  const inbox = await inboxReady(app);
  // A conversation further down the inbox, so the jump is visible.
  const target = inbox.getByRole('option').nth(4);
  const targetId = await target.getAttribute('data-conversation-id');
  const title = (await target.getAttribute('data-title')) ?? '';
  expect(title.length).toBeGreaterThan(2);

  await app.keyboard.press(`${MOD}+K`);
  await expect(palette(app)).toBeVisible();
  await expect(paletteInput(app)).toBeFocused();
  await expect(palette(app).getByRole('group', { name: 'Conversations' })).toBeVisible();

  // Every other letter of the title's first word, then a word start of the second: a fuzzy query.
  const words = title.split(/\s+/);
  const query = words[0]!.length > 3 ? words[0]!.slice(0, 4) : title.slice(0, 4);
  await app.keyboard.type(query);
  await expect(selectedOption(app)).toBeVisible();
  await expect(palette(app).locator('mark').first()).toBeVisible();

  const shot = testInfo.outputPath('palette.png');
  await app.screenshot({ path: shot });
  await testInfo.attach('palette', { path: shot, contentType: 'image/png' });

  // Walk down to the target with ↓ (it matches its own first letters, so it is in the list).
  const options = palette(app).getByRole('option');
  const count = await options.count();
  let found = false;
  for (let i = 0; i < count; i++) {
    if ((await selectedOption(app).getAttribute('data-kind')) === 'conversation' && (await selectedOption(app).textContent())?.includes(title)) {
      found = true;
      break;
    }
    await app.keyboard.press('ArrowDown');
  }
  expect(found, `"${title}" among the matches for "${query}"`).toBe(true);
  await app.keyboard.press('Enter');
  await expect(palette(app)).toBeHidden();
  await expect(inbox.locator(`[data-conversation-id="${targetId}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('Esc closes the palette and gives focus back to where it was', async ({ app }) => {
  const inbox = await inboxReady(app);
  await inbox.focus();
  const focused = () => app.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName}|${el.getAttribute('role') ?? ''}|${el.getAttribute('aria-label') ?? ''}` : 'none';
  });
  const before = await focused();
  expect(before).toBe('DIV|listbox|Conversations');
  await app.keyboard.press(`${MOD}+K`);
  await expect(paletteInput(app)).toBeFocused();
  // Tab stays inside.
  await app.keyboard.press('Tab');
  await expect(paletteInput(app)).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(palette(app)).toBeHidden();
  expect(await focused()).toBe(before);
});

/** The People options as data: who, the 1:1 the palette knows for them (if any), the detail shown. */
async function peopleRows(app: Page) {
  return palette(app)
    .getByRole('group', { name: 'People' })
    .getByRole('option')
    .evaluateAll((os) => os.map((o) => ({ person: o.getAttribute('data-person-id') ?? '', conversation: o.getAttribute('data-conversation-id'), name: o.querySelector('.palette-name')?.textContent?.trim() ?? '', detail: o.querySelector('.palette-detail')?.textContent ?? '' })));
}

async function clearQuery(app: Page) {
  await app.keyboard.press(`${MOD}+A`);
  await app.keyboard.press('Backspace');
  await expect(paletteInput(app)).toHaveValue('');
}

/** Types `@name` and walks ↓ to that person's option (several people may share a name). */
async function selectPerson(app: Page, row: { person: string; name: string }) {
  await clearQuery(app);
  await app.keyboard.type(`@${row.name}`);
  await expect(selectedOption(app)).toHaveAttribute('data-kind', 'person');
  for (let i = 0; i < 20 && (await selectedOption(app).getAttribute('data-person-id')) !== row.person; i++) await app.keyboard.press('ArrowDown');
  await expect(selectedOption(app)).toHaveAttribute('data-person-id', row.person);
}

test('@ finds a person and Enter opens (or creates) the 1:1 with them, the keyboard in its composer', async ({ app }) => {
  const inbox = await inboxReady(app);
  await app.keyboard.press(`${MOD}+K`);
  await app.keyboard.type('@');
  await expect(palette(app).getByRole('group', { name: 'People' }).getByRole('option').first()).toBeVisible();
  const rows = await peopleRows(app);
  // Each says where Enter goes.
  for (const r of rows) expect(r.detail, r.name).toMatch(/1:1|new chat/);

  // A Genesys colleague: Genesys opens the 1:1 by user id, creating it if needed.
  const colleague = rows.find((r) => r.person.startsWith('g:') && r.conversation === null) ?? rows.find((r) => r.person.startsWith('g:'));
  expect(colleague, 'a Genesys colleague among the people').toBeTruthy();
  await selectPerson(app, colleague!);
  await app.keyboard.press('Enter');
  await expect(palette(app)).toBeHidden();
  await expect(header(app)).toContainText(colleague!.name);
  await expect(composer(app)).toBeFocused();
  await expect(inbox.locator(`[data-conversation-id="g:dm:${colleague!.person.slice(2)}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('@ a network contact: Enter opens your 1:1 with them, or a new chat addressed to them', async ({ app }) => {
  await inboxReady(app);
  await app.keyboard.press(`${MOD}+K`);
  await app.keyboard.type('@');
  await expect(palette(app).getByRole('group', { name: 'People' }).getByRole('option').first()).toBeVisible();
  const contacts = (await peopleRows(app)).filter((r) => r.person.startsWith('u:') && r.conversation === null);
  expect(contacts.length, 'network contacts among the people').toBeGreaterThan(0);
  const newChat = app.getByRole('dialog', { name: 'New chat' });
  let started = false;
  for (const contact of contacts.slice(0, 4)) {
    if (!(await palette(app).isVisible())) await app.keyboard.press(`${MOD}+K`);
    await selectPerson(app, contact);
    await app.keyboard.press('Enter');
    await expect(palette(app)).toBeHidden();
    // Never a dead end: their 1:1 with the keyboard in its composer, or the New chat dialog to them.
    const landed = async () => ((await newChat.isVisible()) ? 'newChat' : (await composer(app).evaluate((el) => el === document.activeElement)) ? 'conversation' : 'pending');
    await expect.poll(landed).not.toBe('pending');
    if ((await landed()) === 'conversation') continue;
    await expect(newChat.getByTestId('new-chat-to')).toContainText(contact.name);
    // The keyboard in the dialog: in the first message when the account is known (they were seen
    // writing there), else on the account to write from.
    const focused = () => app.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
    await expect.poll(focused).toMatch(/^new-chat-(text|account)$/);
    await app.keyboard.press('Escape');
    await expect(newChat).toBeHidden();
    started = true;
    break;
  }
  expect(started, 'a contact without a 1:1 got the New chat dialog').toBe(true);
});

test('> runs an action: the shortcut sheet and the theme', async ({ app }) => {
  await inboxReady(app);
  await app.keyboard.press(`${MOD}+K`);
  await app.keyboard.type('>shortcuts');
  await expect(selectedOption(app)).toContainText('keyboard shortcuts');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await app.keyboard.press('Escape');

  const theme = () => app.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await app.keyboard.press(`${MOD}+K`);
  await app.keyboard.type('dark mode');
  await expect(selectedOption(app)).toContainText('Switch theme');
  await app.keyboard.press('Enter');
  await expect.poll(theme).not.toBe(before);
});

test('forwarding a message opens the palette on the chats it can go to; Enter forwards it', async ({ app }) => {
  const inbox = await inboxReady(app);
  // Forwarding is a WhatsApp feature: open a WhatsApp chat and select its newest message.
  const chat = inbox.locator('[role="option"][data-network="whatsapp"]').first();
  const from = await chat.getAttribute('data-conversation-id');
  await chat.click();
  await focusTimeline(app);
  await app.keyboard.press('f');
  const forward = app.getByRole('dialog', { name: 'Forward to…' });
  await expect(forward).toBeVisible();
  await expect(forward.getByRole('combobox')).toBeFocused();
  // Only chats of the same account, never the one the message is in, and no people or actions.
  const targets = forward.getByRole('option');
  await expect(targets.first()).toBeVisible();
  await expect(forward.getByRole('group', { name: 'People' })).toHaveCount(0);
  await expect(forward.getByRole('group', { name: 'Actions' })).toHaveCount(0);
  expect(await targets.evaluateAll((os) => os.map((o) => o.getAttribute('data-conversation-id')))).not.toContain(from);
  const to = (await selectedOption(app).locator('.palette-name').textContent())!.trim();
  await app.keyboard.press('Enter');
  await expect(forward).toBeHidden();
  await expect(app.getByText(`Forwarded to ${to}`)).toBeVisible();
});
