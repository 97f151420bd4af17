import { expect, test } from '../fixtures';
import { audit, mod, shootBoth, toast } from '../pages/panels';
import { useSeededWorld } from '../pages/seeded';

useSeededWorld();

test('diagnostics: token, connections, each server’s tools against the catalog, probes; a report without secrets', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.keyboard.press(`${mod}+Comma`);
  await page.getByRole('tab', { name: 'Diagnostics' }).click();
  const content = page.getByTestId('settings-page-diagnostics');
  await expect(content.getByTestId('diagnostics-copy')).toBeDisabled();
  await content.getByTestId('diagnostics-run').click();
  const report = content.getByTestId('diagnostics-report');
  await expect(report).toBeVisible();
  await expect(report.getByTestId('diag-token')).toContainText('Valid');
  await expect(report.getByTestId('diag-connections').locator('tbody tr')).not.toHaveCount(0);
  const servers = report.getByTestId('diag-servers').locator('tbody tr');
  await expect(servers).toHaveCount(2);
  await expect(servers.filter({ hasText: 'genesys' })).toContainText('34');
  await expect(servers.filter({ hasText: 'unipile' })).toContainText('21');
  await expect(report.getByTestId('diag-servers')).toContainText('Matches the catalog');
  await shootBoth(page, testInfo, 'settings-diagnostics');
  await audit(page, testInfo, 'settings-diagnostics', '[data-testid="settings"]');

  await content.getByTestId('diagnostics-copy').click();
  await expect(toast(page, /Diagnostics report copied/)).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/genesys/i);
  expect(text).toMatch(/unipile/i);
  // No secret of the demo workspace (the emulator's fixed credentials) and no bearer token.
  for (const secret of ['demo-secret', 'demo-api-key', 'Bearer ', 'eyJ']) expect(text).not.toContain(secret);
});
