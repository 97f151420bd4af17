// TEMP(core): preload the emulator so workspace.ts's dynamic import finds it cached (Node 22 + Playwright CJS bug).
import '../../emulator/index';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page helpers for the core specs (inbox, timeline, composer, actions, keyboard, status,
 * onboarding). Conversations are opened from the inbox's own filter box and keyboard, so these
 * specs depend on nothing but the core UI.
 */
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

export const inbox = (app: Page): Locator => app.getByRole('listbox', { name: 'Conversations' });
export const timeline = (app: Page): Locator => app.getByRole('feed', { name: 'Messages' });
export const composer = (app: Page): Locator => app.getByRole('region', { name: 'Composer' }).getByRole('textbox');
export const filterBox = (app: Page): Locator => app.getByRole('searchbox', { name: 'Filter conversations' });
export const header = (app: Page): Locator => app.getByRole('main', { name: 'Conversation' }).getByRole('heading', { level: 2 }).first();

/** The inbox is there; a first-run welcome (fresh profile) is answered with the demo. */
export async function enterApp(app: Page): Promise<void> {
  // The first test of a worker waits for the demo workspace's first sync (slow on a busy machine).
  await expect(inbox(app).getByRole('option').first()).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('mode-badge')).toBeVisible();
  // The welcome shows only once the prefs have answered (first run: never answered); wait for that
  // answer rather than look once and miss a welcome that comes a moment later.
  await expect(app.locator('.tl-welcome[aria-busy="true"]')).toHaveCount(0);
  const welcome = app.getByTestId('welcome-demo');
  if (await welcome.isVisible()) await welcome.click();
  await expect(welcome).toHaveCount(0);
}

/** An inbox row by its exact title. */
export const row = (app: Page, title: string): Locator => inbox(app).locator(`[role=option][data-title="${title.replace(/"/g, '\\"')}"]`);

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Type-to-filter, then Enter (into the list) and Enter (open): the keyboard route. */
export async function openByFilter(app: Page, title: string): Promise<void> {
  await filterBox(app).fill(title);
  const option = row(app, title);
  await expect(option).toBeVisible();
  await filterBox(app).press('Enter');
  await expect(inbox(app)).toBeFocused();
  // The highlight is on the first match; walk to the exact one.
  for (let i = 0; i < 10 && (await inbox(app).getAttribute('aria-activedescendant')) !== (await option.getAttribute('id')); i++) await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(header(app)).toContainText(title);
  await expect(composer(app)).toBeFocused();
}

/** Clears the filter so the whole inbox shows again. */
export async function clearFilter(app: Page): Promise<void> {
  await filterBox(app).fill('');
  await expect(inbox(app).getByRole('option').nth(5)).toBeVisible();
}

/** The articles of the timeline (only those rendered: it is virtualized). */
export const articles = (app: Page): Locator => timeline(app).locator('article');
export const selected = (app: Page): Locator => timeline(app).locator('article[aria-current="true"]');

/** Moves the keyboard into the timeline (F6 from the composer goes round: inbox, timeline). */
export async function focusTimeline(app: Page): Promise<void> {
  await composer(app).focus();
  await app.keyboard.press('Shift+F6');
  await expect(selected(app)).toBeFocused();
}

/** Sends a message from the main composer and waits for it in the timeline. */
export async function send(app: Page, text: string): Promise<Locator> {
  await composer(app).focus();
  await composer(app).fill(text);
  await app.keyboard.press('Enter');
  await expect(composer(app)).toHaveValue('');
  const msg = articles(app).filter({ hasText: text.split('\n')[0]! }).last();
  await expect(msg).toBeVisible();
  return msg;
}

/** Keyboard to a message: into the timeline, then ↑ until the selected one has this text (live activity may add rows below). */
export async function selectByText(app: Page, text: string): Promise<void> {
  await focusTimeline(app);
  for (let i = 0; i < 30; i++) {
    if (((await selected(app).textContent()) ?? '').includes(text)) return;
    await app.keyboard.press('ArrowUp');
  }
  await expect(selected(app)).toContainText(text);
}
