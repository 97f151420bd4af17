import { appVersion, expect, test } from '../fixtures';
// TEMP(core): preloads the emulator (see pages/core.ts) until the backend's JSON import clash is fixed.
import '../pages/core';

test('the app opens, shows its title, the demo badge and app:info, and leaves a screenshot', async ({ app, target }, testInfo) => {
  await expect(app).toHaveTitle('Switchboard');
  await expect(app.getByRole('heading', { level: 1, name: 'Switchboard' })).toBeVisible();
  await expect(app.getByTestId('mode-badge')).toHaveText('Demo workspace');

  // app:info arrives over the host's transport (WebSocket or IPC); the About dialog shows it.
  await app.getByTestId('status-about').click();
  const about = app.getByRole('dialog', { name: 'About Switchboard' });
  await expect(about).toBeVisible();
  await expect(about.getByTestId('app-info')).toBeVisible();
  await expect(about.getByTestId('app-version')).toHaveText(appVersion);
  await expect(about.getByTestId('app-mode')).toHaveText('demo');
  await expect(about.getByTestId('app-host')).toHaveText(target);
  await expect(app.getByRole('alert')).toHaveCount(0);

  const shot = testInfo.outputPath('smoke.png');
  await app.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('smoke', { path: shot, contentType: 'image/png' });

  await app.keyboard.press('Escape');
  await expect(about).toHaveCount(0);
});
