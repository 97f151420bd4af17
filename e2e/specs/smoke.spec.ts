import { appVersion, expect, test } from '../fixtures';

test('the app opens, shows its title and app:info, and leaves a screenshot', async ({ app, target }, testInfo) => {
  await expect(app).toHaveTitle('Switchboard');
  await expect(app.getByRole('heading', { level: 1, name: 'Switchboard' })).toBeVisible();

  // app:info arrives over the host's transport (WebSocket or IPC); wait for it to render.
  const info = app.getByTestId('app-info');
  await expect(info).toBeVisible();
  await expect(app.getByTestId('app-version')).toHaveText(appVersion);
  await expect(app.getByTestId('app-mode')).toHaveText('demo');
  await expect(app.getByTestId('app-host')).toHaveText(target);
  await expect(app.getByTestId('mode-badge')).toHaveText('Demo workspace');
  await expect(app.getByRole('alert')).toHaveCount(0);

  const shot = testInfo.outputPath('smoke.png');
  await app.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('smoke', { path: shot, contentType: 'image/png' });
});
