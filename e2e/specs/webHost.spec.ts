import path from 'node:path';
import { startWebHost } from '../../electron/web/server';
import { expect, openSeededApp, startSeededHost, target, test } from '../fixtures';
import { repoRoot } from '../target';

// What only a real browser can show about the web host's token handling; the HTTP/WS checks
// themselves are covered in electron/web/server.test.ts.
test.describe('web host sign-in', () => {
  test.skip(target !== 'web', 'the Electron app has no token');

  test('the token leaves the address bar and lives only in an HttpOnly, SameSite=Strict cookie', async ({ app, webHost, context }) => {
    expect(app.url()).not.toContain(webHost!.token);
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({
        name: `switchboard_${webHost!.port}`,
        domain: '127.0.0.1',
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
      }),
    ]);
    // Page script cannot read it.
    expect(await app.evaluate(() => document.cookie)).toBe('');
    // The app reached the backend with it: app:info rendered through the WebSocket (in About).
    await app.getByTestId('status-about').click();
    await expect(app.getByTestId('app-host')).toHaveText('web');
  });

  test('a browser without the token gets an empty 403', async ({ browser, webHost }) => {
    const stranger = await browser.newContext();
    try {
      const page = await stranger.newPage();
      const url = `http://127.0.0.1:${webHost!.port}/`;
      const response = page.waitForResponse(url);
      // Chromium shows its own error page for an error status with an empty body, and says so.
      await expect(page.goto(url)).rejects.toThrow(/ERR_HTTP_RESPONSE_CODE_FAILURE/);
      expect((await response).status()).toBe(403);
      expect((await response).headers()['content-length']).toBe('0');
      await expect(page.getByTestId('app-info')).toHaveCount(0);
    } finally {
      await stranger.close();
    }
  });

  test('a host restarted after a long pause is still found: the page says to open its new address', async ({ page }) => {
    const seeded = await startSeededHost(() => {});
    const { port } = seeded.host;
    let again: Awaited<ReturnType<typeof startWebHost>> | null = null;
    try {
      // The page's own errors while its host is down are the browser's failed connections: expected here.
      await openSeededApp(page, seeded, []);
      const status = page.getByTestId('status-connection');
      await expect(status).toHaveText(/Online|Connecting/);
      await seeded.host.stop();
      await expect(status).toHaveText('Reconnecting to Switchboard…');
      // Stale figures are not shown beside it.
      await expect(page.getByTestId('status-sync')).toHaveCount(0);
      // The first look finds nothing listening: the host is back only after it.
      await page.waitForEvent('requestfailed', (r) => r.method() === 'HEAD');
      again = await startWebHost({ port, rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'), backend: seeded.backend });
      // A new run has a new token: the old page cannot reconnect and is told what to do.
      await expect(status).toHaveText('Switchboard restarted: open the address it printed', { timeout: 30_000 });
    } finally {
      await page.close();
      await again?.stop();
      await seeded.stop();
    }
  });
});
