import { defineConfig } from '@playwright/test';

// `npm run test:e2e`. The web host target (default) drives the system Chromium; E2E_TARGET=electron
// drives the Electron app instead (see e2e/README.md). scripts/test.mjs reads test-results/e2e.json.
// Same switch as e2e/target.ts (read here directly: this file belongs to the config tsconfig project).
const target = process.env.E2E_TARGET === 'electron' ? 'electron' : 'web';

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results/e2e',
  globalSetup: './e2e/globalSetup.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  // Each worker runs its own host on a random port; two is plenty for a small suite on CI.
  workers: target === 'electron' ? 1 : 2,
  forbidOnly: !!process.env.CI,
  // One retry on CI only, where a 2-core box runs the hosts, the browsers and the emulators at once: a
  // timing flake must not sink a landing. A test that passes only on its retry is still reported, by
  // name, as flaky (scripts/test.mjs prints them above the summary); locally every failure shows.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    target === 'electron'
      ? { name: 'electron' }
      : {
          name: 'chromium',
          use: {
            browserName: 'chromium',
            viewport: { width: 1100, height: 720 },
            launchOptions: {
              executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
              args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
            },
          },
        },
  ],
});
