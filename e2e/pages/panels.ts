import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * Page helpers shared by the panels, rooms and settings specs: getting past the first-run welcome,
 * opening conversations of a kind, switching theme, and the light/dark screenshot pairs.
 */

/** The inbox is there; a first-run welcome (fresh profile) is answered with the demo. */
export { enterApp } from './core';

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

export function inbox(app: Page): Locator {
  return app.getByRole('listbox', { name: 'Conversations' });
}

export function timeline(app: Page): Locator {
  return app.getByRole('feed', { name: 'Messages' });
}

/** Opens a conversation by its title through the palette (the inbox is virtualized). */
export async function openConversation(app: Page, title: string): Promise<void> {
  await app.keyboard.press(`${mod}+k`);
  const palette = app.getByRole('dialog').filter({ has: app.getByRole('combobox') });
  await expect(palette).toBeVisible();
  await app.keyboard.type(title);
  const option = palette.getByRole('option', { name: new RegExp(escapeRe(title)) }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(palette).toHaveCount(0);
  await expect(app.getByRole('heading', { name: title }).first()).toBeVisible();
  await expect(timeline(app).locator('article').first()).toBeVisible();
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The side panel of that kind, once open. */
export function panel(app: Page, kind: 'thread' | 'pins' | 'people' | 'details'): Locator {
  return app.getByTestId(`panel-${kind}`);
}

export async function openPanel(app: Page, kind: 'pins' | 'people' | 'details'): Promise<Locator> {
  const key = { pins: 'P', people: 'U', details: 'I' }[kind];
  await app.keyboard.press(`${mod}+Shift+${key}`);
  const p = panel(app, kind);
  await expect(p).toBeVisible();
  return p;
}

/** The newest toast with this text. */
export function toast(app: Page, text: string | RegExp): Locator {
  return app.locator('.toast').filter({ hasText: text }).last();
}

export async function setTheme(app: Page, theme: 'light' | 'dark'): Promise<void> {
  await app.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, theme);
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
}

/** `<name>-light.png` and `<name>-dark.png` of the page (or a part of it), attached to the report. */
export async function shootBoth(app: Page, testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
  const original = await app.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app, theme);
    const path = testInfo.outputPath(`${name}-${theme}.png`);
    if (target) await target.screenshot({ path });
    else await app.screenshot({ path });
    await testInfo.attach(`${name}-${theme}`, { path, contentType: 'image/png' });
  }
  await app.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, original);
}

/**
 * axe-core on one part of the window (a panel, a dialog, the settings view): no serious or critical
 * violation; everything found is attached to the report.
 */
export async function audit(page: Page, testInfo: TestInfo, name: string, selector: string): Promise<void> {
  const original = await page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  // Both themes: contrast is checked against each theme's tokens.
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const results = await new AxeBuilder({ page }).include(selector).analyze();
    const found = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
    await testInfo.attach(`axe-${name}-${theme}.json`, { body: JSON.stringify(found, null, 2), contentType: 'application/json' });
    expect(
      found.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      `serious or critical axe violations in ${name} (${theme})`,
    ).toEqual([]);
  }
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, original);
}
