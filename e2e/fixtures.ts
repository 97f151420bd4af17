import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, test as base, expect, type Page } from '@playwright/test';
// Loaded before the backend, so Node's module cache holds the emulator (and the tool catalogs it and
// the backend's diagnostics both import) before the demo workspace's dynamic import asks for it:
// in the other order, Node 22 under Playwright's loader fails that import ("missed cache").
import { startEmulator } from '../emulator/index';
import { createBackend, type Backend, type BackendOptions } from '../electron/backend';
import type { SyncStatus } from '../shared/ipc/contract';
import { singleHostEndpoints } from '../electron/backend/pinkfish/endpoints';
import { Vault } from '../electron/backend/vault/vault';
import { dispatch } from '../shared/ipc/dispatch';
import type { Result } from '../shared/ipc/result';
import { startWebHost, type WebHost } from '../electron/web/server';
import { appVersion, electronBinary, repoRoot, target, type Target } from './target';

export { expect } from '@playwright/test';
export { appVersion, target, type Target } from './target';

/**
 * Specs ask for `app`: the app's window, loaded and authenticated, whichever host carries it.
 *   web (default)       — the web host runs in this worker (same code as `npm run web`) and `app`
 *                         is a fresh Chromium page that opened the printed URL.
 *   E2E_TARGET=electron — `app` is the first window of the Electron app launched from out/main.
 * A spec never branches on the host except through `target` (for example host 'web' vs 'electron').
 */
export interface AppFixtures {
  target: Target;
  app: Page;
  /** Console errors and uncaught exceptions in `app`; any left at the end fail the test. */
  appErrors: string[];
}
export interface WorkerFixtures {
  /** The running web host for the web target, null for Electron. */
  webHost: WebHost | null;
}

function collectErrors(page: Page, into: string[]): void {
  // CSP violations and failed module loads surface only here, so they must fail the run.
  page.on('console', (msg) => {
    // Chromium asks for /favicon.ico on its own and logs the 404; the app never requests it.
    if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) into.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => into.push(`pageerror: ${err.message}`));
}

type AppFixture = Parameters<typeof base.extend<AppFixtures, WorkerFixtures>>[0]['app'];

const webApp: AppFixture = async ({ page, webHost, appErrors }, use) => {
  if (!webHost) throw new Error('web target without a web host');
  collectErrors(page, appErrors);
  const response = await page.goto(webHost.url);
  // The token URL answers with a cookie and a redirect to '/': what the user lands on.
  expect(response?.status(), 'status of the app page').toBe(200);
  expect(page.url()).toBe(`http://127.0.0.1:${webHost.port}/`);
  await use(page);
};

const electronApp: AppFixture = async ({ appErrors }, use, testInfo) => {
  const executablePath = electronBinary();
  if (!executablePath) throw new Error('E2E_TARGET=electron: the Electron binary is not installed here.');
  // A throwaway profile: window state and cache from one run must not leak into the next.
  const userData = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));
  const electronApp = await _electron.launch({
    executablePath,
    args: [repoRoot, `--user-data-dir=${userData}`],
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    tracesDir: testInfo.outputPath('traces'),
  });
  try {
    const window = await electronApp.firstWindow();
    collectErrors(window, appErrors);
    await window.waitForLoadState('domcontentloaded');
    await use(window);
  } finally {
    await electronApp.close();
    rmSync(userData, { recursive: true, force: true });
  }
};

export const test = base.extend<AppFixtures, WorkerFixtures>({
  webHost: [
    async ({}, use) => {
      if (target !== 'web') return use(null);
      const backend = createBackend({ version: appVersion, host: 'web', workspace: 'demo' });
      // Specs look conversations up by name: the first one of a worker must not race the first sync.
      const synced = firstSync(backend);
      await backend.ready;
      await synced;
      const host = await startWebHost({ rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'), backend });
      try {
        await use(host);
      } finally {
        await host.stop();
        await backend.dispose();
      }
    },
    // The demo world and its first sync take a while on a busy 2-core box.
    { scope: 'worker', timeout: 120_000 },
  ],
  target: async ({}, use) => use(target),
  appErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'errors in the app window').toEqual([]);
  },
  // Chosen once per run: each variant names only the fixtures it needs, so the Electron run never
  // launches Chromium and the web run never looks for Electron.
  app: target === 'electron' ? electronApp : webApp,
});

/** The demo emulator handed to `startSeededHost`'s `prepare` (its `control` seeds data and faults). */
export type DemoEmulator = Parameters<NonNullable<NonNullable<BackendOptions['demo']>['onEmulator']>>[0];

export interface SeededHost {
  host: WebHost;
  /** The backend behind `host` (a spec that restarts the host serves it again). */
  backend: Backend;
  emulator: DemoEmulator;
  /**
   * Resolves once the first sync has read every conversation's newest page: specs that name the
   * conversations `prepare` made wait for it (on a busy 2-core CI box it can take many seconds).
   */
  synced: Promise<void>;
  /** Pages `openSeededApp` opened on it: `stop` closes them first (see there). */
  pages: Set<Page>;
  stop(): Promise<void>;
}

/**
 * A web host of its own on a demo backend whose emulator `prepare` changes before the app first reads
 * it (the injection spec's hostile data, the offline search spec's faults). Web target only: the
 * Electron app builds its own backend. Open it with `openSeededApp`.
 */
export async function startSeededHost(prepare: (emulator: DemoEmulator) => void | Promise<void>, demo: Omit<NonNullable<BackendOptions['demo']>, 'onEmulator'> = {}): Promise<SeededHost> {
  let emulator: DemoEmulator | null = null;
  const backend = createBackend({
    version: appVersion,
    host: 'web',
    workspace: 'demo',
    demo: {
      activityPerMinute: 0,
      ...demo,
      onEmulator: async (emu) => {
        emulator = emu;
        await prepare(emu);
      },
    },
  });
  const synced = firstSync(backend);
  await backend.ready;
  const host = await startWebHost({ rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'), backend });
  if (!emulator) throw new Error('the demo workspace did not start its emulator');
  const pages = new Set<Page>();
  return {
    host,
    backend,
    emulator,
    synced,
    pages,
    async stop() {
      // A page left open on a stopped host logs its reconnect attempts as console errors (the
      // browser's own ERR_CONNECTION_REFUSED) before the test's error check runs: close it first.
      await Promise.all([...pages].map((page) => page.close().catch(() => {})));
      await host.stop();
      await backend.dispose();
    },
  };
}

/** Resolves when the backend's sync reaches 'live' (every conversation's newest page read) once. */
function firstSync(backend: Backend): Promise<void> {
  return new Promise((resolve) => {
    const off = backend.onEvent((event, payload) => {
      if (event === 'sync:status' && (payload as SyncStatus).progress.phase === 'live') {
        off();
        resolve();
      }
    });
  });
}

/** Opens a `startSeededHost` app in `page` the way the `app` fixture opens the shared one (errors collected). */
export async function openSeededApp(page: Page, seeded: Pick<SeededHost, 'host'> & Partial<Pick<SeededHost, 'pages'>>, errors: string[]): Promise<void> {
  seeded.pages?.add(page);
  page.once('close', () => seeded.pages?.delete(page));
  collectErrors(page, errors);
  const response = await page.goto(seeded.host.url);
  expect(response?.status(), 'status of the app page').toBe(200);
}

export interface LiveHost {
  host: WebHost;
  /** The emulator that plays live Pinkfish: its `credentials` are what the user types. */
  pinkfish: Awaited<ReturnType<typeof startEmulator>>;
  /** The keychain on a throwaway service name the backend stores the account in. */
  vault: Vault;
  /** Calls a backend channel directly (what the host would dispatch), for checks behind the UI. */
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  stop(): Promise<void>;
}

/**
 * A web host whose backend starts as 'auto' (demo until an account is stored) with "live" pointed at
 * an emulator of its own and the real keychain on a throwaway service name: the accounts spec adds,
 * re-authenticates and removes a Pinkfish account against it. Web target only. Open it with `openSeededApp`.
 */
export async function startLiveHost(): Promise<LiveHost> {
  const pinkfish = await startEmulator({ scale: 'tiny', seed: 7, activityPerMinute: 0, enableControl: true });
  const vault = new Vault({ service: `Switchboard-e2e-${randomUUID()}` });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-live-'));
  const backend = createBackend({ version: appVersion, host: 'web', workspace: 'auto', vault, dataDir, liveEndpoints: singleHostEndpoints(pinkfish.url), demo: { scale: 'tiny', activityPerMinute: 0 } });
  await backend.ready;
  const host = await startWebHost({ rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'), backend });
  return {
    host,
    pinkfish,
    vault,
    invoke: (channel, input) => dispatch(backend.handlers, channel, input, { host: 'web' }),
    async stop() {
      await host.stop();
      await backend.dispose();
      await vault.clear().catch(() => {});
      await pinkfish.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
