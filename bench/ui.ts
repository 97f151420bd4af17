/**
 * The renderer at scale: the real app (web host + backend, live workspace) over an offline cache
 * of 1,000,000 messages, in the system Chromium, driven by Playwright. Prints one JSON line:
 *
 *   startup_to_inbox_ms   navigation start → the first inbox row painted (median of `runs` loads): a
 *                         returning user's, so the boot snapshot's (the inbox as last drawn, served
 *                         inside the page: electron/backend/app/bootPage.ts)
 *   startup_live_ms       the same for the app's own rows (bundle run, inbox read over the socket)
 *   startup_floor_ms      the same for a static page with one element, served by the same kind of
 *                         server in the same Chromium, loads alternated with the app's: what any page
 *                         costs here. startup_ratio = app / floor (target ≤ 1.5)
 *   switch_p95_ms         Alt+↓ keydown → the next conversation's timeline rows painted (target ≤ 50);
 *                         switch_p50_ms, the median of the same
 *   scroll_frame_p95_ms   frame-to-frame time while scrolling up through `scrollMessages` messages of
 *                         the 100,000-message room, one step per frame (target ≤ 16.7)
 *   dom_nodes_max         the most elements in the document during that scroll (bounded if the
 *                         timeline is virtualised, whatever the history length)
 *   renderer_heap_mb      JS heap in use after the scroll, after a garbage collection (CDP)
 *
 * "Painted" is measured in the page: an init script watches the DOM, and on the frame where the
 * element appears takes the time after that frame (requestAnimationFrame, then a message-channel
 * task, which runs once the frame is produced). The same probe times the floor page.
 *
 * The cache. Building a million-message cache takes minutes (the emulator's bench workspace mapped to
 * the domain, then ingested: see cache.ts), so it is built once and kept in
 * `$XDG_CACHE_HOME/switchboard/bench-ui/` (override: SWITCHBOARD_UI_BENCH_CACHE), named after a hash
 * of the cache schema and the corpus code, and copied for each run (the app writes to it). The
 * workspace is "live" against an emulator of the same seed and scale started as a process of its own (with
 * the corpus's clock), so sync runs in the background as it would, on data that matches the cache.
 * Credentials and the cache key sit in an in-memory keychain: nothing touches the OS keychain.
 *
 * The 10,000 messages scrolled are the newest 10,000 of the 100,000-message room: the timeline pages
 * older history in from the cache (50 a page) as the scroll nears its top, which is exactly the long
 * scroll a user makes; the other 90,000 are never asked for, as a user would not reach them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createBackend, type Backend } from '../electron/backend';
import { openCache } from '../electron/backend/cache/client';
import { LATEST_VERSION } from '../electron/backend/cache/migrations/index';
import { singleHostEndpoints } from '../electron/backend/pinkfish/endpoints';
import { Vault, type KeychainBackend } from '../electron/backend/vault/vault';
import { startWebHost, type WebHost } from '../electron/web/server';
import type { Handlers } from '../shared/ipc/contract';
import type { Message } from '../shared/domain/model';
import { buildCorpus, type Scale } from './cacheCorpus';
import { descendants, processKind, threadClocks, whatRan } from './threads';
import { armSwitch, frameProbe, paintProbe, scrollProbe, startupMarks } from './uiProbes';

export interface UiBenchOptions {
  /** 'bench' (1,000,000 messages, the default); smaller ones for a quick check of the bench itself. */
  scale?: Scale;
  /** Page loads of each kind (app and floor, alternated) after one warm-up of each; default 7. */
  runs?: number;
  /** Alt+↓ presses timed; default 30. */
  switches?: number;
  /** Messages to scroll through in the largest conversation; default 10,000. */
  scrollMessages?: number;
  print?: boolean;
  /** Where the built cache is kept between runs. */
  cacheDir?: string;
}

export interface UiBenchResult {
  bench: 'ui';
  startup_to_inbox_ms: number;
  startup_floor_ms: number;
  startup_ratio: number;
  /** The app's own inbox rows painted (the boot snapshot's are the first figure's). */
  startup_live_ms: number;
  switch_p95_ms: number;
  /** The median switch, beside the tail the target is about. */
  switch_p50_ms: number;
  switch_ratio: number;
  scroll_frame_p95_ms: number;
  scroll_frame_p50_ms: number;
  scroll_ratio: number;
  /** rAF frame-to-frame p95 on the floor page doing nothing: what this Chromium gives at best. */
  frame_floor_p95_ms: number;
  dom_nodes_max: number;
  renderer_heap_mb: number;
  /** The heap before that collection (what the scroll left, garbage included). */
  renderer_heap_before_gc_mb: number;
  targets: { startup_ratio: number; switch_p95_ms: number; scroll_frame_p95_ms: number };
  /** What the figures are about. */
  cache_messages: number;
  conversations: number;
  scrolled_messages: number;
  scroll_frames: number;
  /** Frames where the timeline was at the top of what it had loaded, waiting for the next page. */
  scroll_wait_frames: number;
  switch_samples: number;
  startup_samples: number;
  /** Seconds spent building the cache this run (0 when a kept one was reused). */
  cache_build_s: number;
  total_s: number;
}

const TARGETS = { startup_ratio: 1.5, switch_p95_ms: 50, scroll_frame_p95_ms: 16.7 } as const;
/** The corpus's clock (bench/cacheCorpus.ts NOW): the emulator starts there so its data matches the cache. */
const CORPUS_NOW = Date.UTC(2026, 10, 1);
const CACHE_KEY = 'c'.repeat(64);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };

// What the probes look for: the app's inbox rows and timeline (core's markup), and the floor's one element.
const INBOX_ROW = '[role="listbox"][aria-label="Conversations"] [role="option"]';
const SELECTED_ROW = '[role="listbox"][aria-label="Conversations"] [role="option"][aria-selected="true"]';
const FEED = '[role="feed"][aria-label="Messages"]';
const MESSAGE_ROW = 'article[data-message-id]';
const FLOOR_ELEMENT = '#bench-floor';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const median = (values: readonly number[]) => quantile(values, 0.5);

// ---- the cache, built once -----------------------------------------------------------------

interface CacheMeta {
  messages: number;
  conversations: number;
  biggest: string;
  biggestTitle: string;
}

function filesHash(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(p).update(readFileSync(p));
  return h.digest('hex').slice(0, 12);
}

function cacheStamp(scale: Scale): string {
  const migrations = join(root, 'electron', 'backend', 'cache', 'migrations');
  const files = readdirSync(migrations)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(migrations, f));
  return `${scale}-v${LATEST_VERSION}-${filesHash([...files, join(root, 'electron', 'backend', 'cache', 'searchFile.ts'), join(root, 'bench', 'cacheCorpus.ts')])}`;
}

/** The cache and its search file (electron/backend/cache/searchFile.ts), each with its WAL and shared memory. */
const cacheFiles = (path: string) => [path, `${path}-search`].flatMap((f) => [f, `${f}-wal`, `${f}-shm`]);

/**
 * Removes what a build stopped part-way (Ctrl+C, a crash) left behind: `building-<pid>.db` files whose
 * process is gone. At bench scale such a build can leave hundreds of megabytes. Returns the names removed.
 */
export function sweepAbandonedBuilds(dir: string): string[] {
  const removed: string[] = [];
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const pid = /^building-(\d+)\.db/.exec(f)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    rmSync(join(dir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The kept cache for this scale, built first if there is none (minutes at bench scale). */
export async function keptCache(scale: Scale, dir: string): Promise<{ path: string; meta: CacheMeta; buildS: number }> {
  mkdirSync(dir, { recursive: true });
  sweepAbandonedBuilds(dir);
  const stamp = cacheStamp(scale);
  const path = join(dir, `cache-${stamp}.db`);
  const metaPath = join(dir, `cache-${stamp}.json`);
  if (existsSync(path) && existsSync(metaPath)) return { path, meta: JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta, buildS: 0 };

  // A cache of an older schema or corpus is never used again: make room for the new one.
  for (const f of readdirSync(dir)) if (f.startsWith(`cache-${scale}-`)) rmSync(join(dir, f), { force: true });
  const started = performance.now();
  process.stderr.write(`bench ui: building the ${scale} cache once (kept in ${dir})…\n`);
  const corpus = buildCorpus(scale);
  const building = join(dir, `building-${process.pid}.db`);
  for (const f of cacheFiles(building)) rmSync(f, { force: true });
  const cache = await openCache({ path: building, key: CACHE_KEY });
  try {
    await cache.upsertPeople(corpus.people);
    await cache.upsertConversations(corpus.conversations);
    const inFlight: Array<Promise<unknown>> = [];
    for (const batch of corpus.batches) {
      inFlight.push(cache.upsertMessages(deserialize(batch) as Message[]).then(() => undefined));
      if (inFlight.length >= 32) await inFlight.shift();
    }
    await Promise.all(inFlight);
    // A search waits for the indexer to apply everything written: the kept search file is complete, so
    // no run starts with the indexer still at work.
    await cache.search({ text: 'bench', limit: 1 });
  } finally {
    await cache.close();
  }
  for (const f of cacheFiles(building)) if (existsSync(f)) renameSync(f, f.replace(building, path));
  const meta: CacheMeta = {
    messages: corpus.messages,
    conversations: corpus.conversations.length,
    biggest: corpus.biggest,
    biggestTitle: corpus.conversations.find((c) => c.id === corpus.biggest)?.title ?? '',
  };
  writeFileSync(metaPath, JSON.stringify(meta));
  return { path, meta, buildS: (performance.now() - started) / 1000 };
}

/** Secrets for this run only: the bench never touches the OS keychain. */
function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  const k = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    getPassword: async (s, a) => items.get(k(s, a)) ?? null,
    setPassword: async (s, a, p) => void items.set(k(s, a), p),
    deletePassword: async (s, a) => items.delete(k(s, a)),
    findCredentials: async (s) => [...items].filter(([key]) => key.startsWith(`${s}\u0000`)).map(([key, password]) => ({ account: key.split('\u0000')[1]!, password })),
  };
}

function buildRenderer(dir: string): void {
  // The same production build the web host serves (scripts/web.mjs), into a folder of the bench's own.
  const minify = process.env.SWITCHBOARD_UI_BENCH_PROFILE ? '0' : '1';
  const out = spawnSync(process.execPath, [join(root, 'scripts', 'web.mjs'), '--build-only'], { cwd: root, env: { ...process.env, SWITCHBOARD_RENDERER_DIR: dir, SWITCHBOARD_RENDERER_MINIFY: minify }, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`renderer build failed: ${out.stderr || out.stdout}`);
}

/** Backend time per channel, per bench phase (count, p50, p95, max, ms), for finding where a figure goes. */
function channelTrace() {
  let current = 'setup';
  const samples = new Map<string, number[]>();
  const record = (key: string, ms: number) => {
    let list = samples.get(key);
    if (!list) samples.set(key, (list = []));
    list.push(ms);
  };
  return {
    /** One page load's or switch's milestones, ms from its start. */
    milestones(prefix: string, marks: Record<string, number>) {
      for (const [name, ms] of Object.entries(marks)) record(`${prefix} ${name}`, ms);
    },
    phase(name: string) {
      current = name;
    },
    wrap(handlers: Handlers): Handlers {
      const out: Record<string, unknown> = {};
      for (const [channel, handler] of Object.entries(handlers) as Array<[string, (...a: unknown[]) => unknown]>) {
        out[channel] = async (...args: unknown[]) => {
          const t = performance.now();
          try {
            return await handler(...args);
          } finally {
            record(`${current} ${channel}`, performance.now() - t);
          }
        };
      }
      return out as Handlers;
    },
    report() {
      for (const [key, list] of [...samples].sort()) {
        process.stderr.write(`bench ui trace: ${key.padEnd(40)} n=${String(list.length).padStart(4)} p50=${round(quantile(list, 0.5))} p95=${round(quantile(list, 0.95))} max=${round(Math.max(...list))}\n`);
      }
    },
  };
}

/**
 * The emulator as a process of its own (`npm run emulator`), as Pinkfish is a service elsewhere: in
 * this process its work (a million-message world answering sync) would share the backend's event loop
 * and count against every channel the app waits on.
 */
async function emulatorProcess(scale: Scale): Promise<{ url: string; credentials: { clientId: string; clientSecret: string; orgId: string }; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, join(root, 'emulator', 'cli.ts'), '--port', '0', '--scale', scale, '--seed', '1', '--start-time', String(CORPUS_NOW)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const field = (name: string) => out.match(new RegExp(`${name}:\\s+(\\S+)`))?.[1];
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      if (field('org id')) resolve();
    });
    void exited.then(() => reject(new Error(`the emulator exited before listening: ${err}`)));
  });
  const url = out.match(/listening on (\S+)/)?.[1];
  if (!url) throw new Error(`unexpected emulator output: ${out}`);
  return {
    url,
    credentials: { clientId: field('client id')!, clientSecret: field('client secret')!, orgId: field('org id')! },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A page load's first inbox row painted (the boot snapshot's, when served) and the app's own. */
async function timedLoad(page: Page, url: string): Promise<{ painted: number; live: number }> {
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.painted != null && window.__bench.live != null, undefined, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => ({ painted: window.__bench!.painted!, live: window.__bench!.live! }));
}

/** A positive whole number from the environment, or undefined. */
function envCount(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of 1 or more, not "${raw}".`);
  return n;
}

export const defaultCacheDir = () => process.env.SWITCHBOARD_UI_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'switchboard', 'bench-ui');

// ---- the run -------------------------------------------------------------------------------

export async function runUiBench(opts: UiBenchOptions = {}): Promise<UiBenchResult> {
  const t0 = performance.now();
  const scale = opts.scale ?? 'bench';
  // SWITCHBOARD_UI_BENCH_LOADS / _SWITCHES: more samples when comparing two builds (the p95 of 30
  // switches is their second slowest, and moves with the machine).
  const runs = opts.runs ?? envCount('SWITCHBOARD_UI_BENCH_LOADS') ?? 15;
  const switches = opts.switches ?? envCount('SWITCHBOARD_UI_BENCH_SWITCHES') ?? 30;
  const scrollMessages = opts.scrollMessages ?? 10_000;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();

  // SWITCHBOARD_UI_BENCH_TRACE=1: how long the backend took per channel in each phase, on stderr.
  const trace = process.env.SWITCHBOARD_UI_BENCH_TRACE ? channelTrace() : null;
  // SWITCHBOARD_UI_BENCH_PROFILE=<dir>: CPU profiles of the switch and scroll phases (open them in DevTools),
  // from an unminified renderer build. The figures of such a run are not comparable.
  const profileDir = process.env.SWITCHBOARD_UI_BENCH_PROFILE ?? null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const kept = await keptCache(scale, cacheDir);
  const work = mkdtempSync(join(tmpdir(), 'switchboard-ui-bench-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  for (const f of cacheFiles(kept.path)) if (existsSync(f)) copyFileSync(f, join(dataDir, `cache.db${f.slice(kept.path.length)}`));

  // Its own folder per build mode: the build is skipped when the folder is newer than the sources.
  const rendererDir = join(tmpdir(), profileDir ? 'switchboard-ui-bench-renderer-unminified' : 'switchboard-ui-bench-renderer');
  buildRenderer(rendererDir);
  const floorDir = join(work, 'floor');
  mkdirSync(floorDir);
  writeFileSync(join(floorDir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><link rel="icon" href="data:,"><title>floor</title></head><body><div id="bench-floor">Switchboard</div></body></html>');

  const emulator = await emulatorProcess(scale);
  const vault = new Vault({ keychain: memoryKeychain(), service: 'switchboard-ui-bench' });
  await vault.setCredentials({ kind: 'oauth', ...emulator.credentials });
  await vault.set('cache-key', CACHE_KEY);
  const backend: Backend = createBackend({
    version: 'bench',
    host: 'web',
    vault,
    workspace: 'live',
    dataDir,
    liveEndpoints: singleHostEndpoints(emulator.url),
    // Sync's complaints (none expected) must not interleave with the one JSON line.
    log: (message, err) => process.stderr.write(`bench ui (backend): ${message}: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  let host: WebHost | null = null;
  let floor: WebHost | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  // SWITCHBOARD_UI_BENCH_CHROME_TRACE=<file>: a Chrome trace of the switches (chrome://tracing, Perfetto).
  const chromeTrace = process.env.SWITCHBOARD_UI_BENCH_CHROME_TRACE;
  try {
    await backend.ready;
    // A returning user: no welcome screen over the inbox.
    await backend.handlers['prefs:set']({ onboarded: true }, { host: 'web' });
    host = await startWebHost({ rendererDir, backend: { onEvent: backend.onEvent, handlers: trace ? trace.wrap(backend.handlers) : backend.handlers, bootSnapshot: backend.bootSnapshot } });
    floor = await startWebHost({ rendererDir: floorDir, backend: { handlers: {} as Handlers, onEvent: () => () => {} } });

    const launch = {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--enable-precise-memory-info'],
    };
    // The pages run in a browser profile on disk, as Electron's window does: there Chromium keeps V8's
    // code cache of the bundle between loads (the app:// scheme asks for it), which an off-the-record
    // context (Playwright's newContext) keeps for no page. A Chrome trace needs the Browser object, which
    // a persistent context has not, so that run takes an off-the-record context (its figures are not
    // comparable anyway).
    if (chromeTrace) {
      browser = await chromium.launch(launch);
      context = await browser.newContext({ viewport: VIEWPORT });
    } else {
      context = await chromium.launchPersistentContext(join(work, 'profile'), { ...launch, viewport: VIEWPORT });
    }
    // A page error would make the figures meaningless (or the run hang): say so on stderr.
    context.on('weberror', (e) => process.stderr.write(`bench ui: page error: ${e.error().message}\n`));
    context.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`bench ui: console error: ${m.text()} (${m.location().url})\n`);
    });
    // tsx keeps function names by wrapping them in a `__name` helper that exists only in this process:
    // give the page one, so the serialised probes run there.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await context.addInitScript(paintProbe, { any: `${INBOX_ROW}, ${FLOOR_ELEMENT}`, live: `#root ${INBOX_ROW}, ${FLOOR_ELEMENT}` });
    // The token URLs set each host's cookie and count as the warm-up loads (bundle parsed once).
    const warm = await context.newPage();
    await timedLoad(warm, host.url);
    // A returning user's window has drawn its inbox before: the boot snapshot is stored.
    const snapshotBy = performance.now() + 15_000;
    while (!(await backend.bootSnapshot())) {
      if (performance.now() > snapshotBy) throw new Error('The renderer stored no boot snapshot within 15 s.');
      await warm.waitForTimeout(100);
    }
    await timedLoad(warm, floor.url);
    await warm.close();

    // ---- startup: app and floor alternated, each in a fresh page ----
    trace?.phase('startup');
    const appUrl = `http://127.0.0.1:${host.port}/`;
    const floorUrl = `http://127.0.0.1:${floor.port}/`;
    const app: number[] = [];
    const live: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const which of i % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const)) {
        const page = await context.newPage();
        const t = await timedLoad(page, which === 'app' ? appUrl : floorUrl);
        if (which === 'app') {
          app.push(t.painted);
          live.push(t.live);
        } else bare.push(t.painted);
        if (trace && which === 'app') trace.milestones('startup page', await page.evaluate(startupMarks));
        await page.close();
      }
    }

    // ---- what a frame costs on a page with nothing to do ----
    const idle = await context.newPage();
    await timedLoad(idle, floorUrl);
    const floorFrames = await idle.evaluate(frameProbe, 2000);
    await idle.close();

    // ---- switching conversations with Alt+↓ ----
    trace?.phase('switch');
    const page = await context.newPage();
    await timedLoad(page, appUrl);
    await page.locator(INBOX_ROW).first().click();
    await page.locator(`${FEED} ${MESSAGE_ROW}`).first().waitFor({ timeout: 30_000 });
    const switchTimes: number[] = [];
    if (chromeTrace) await browser!.startTracing(page, { path: chromeTrace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'] });
    const switchProfiler = profileDir ? await context.newCDPSession(page) : null;
    if (switchProfiler) {
      await switchProfiler.send('Profiler.enable');
      await switchProfiler.send('Profiler.setSamplingInterval', { interval: 250 });
      await switchProfiler.send('Profiler.start');
    }
    // SWITCHBOARD_UI_BENCH_THREADS=1: each switch's threads (threads.ts): the renderers' main threads' time
    // on a core and waiting for one, and the other threads' of this process and the browser's, from just
    // before the switch is armed until its figure is read.
    const clocks = process.env.SWITCHBOARD_UI_BENCH_THREADS ? threadClocks([{ pid: process.pid, prefix: 'bench ' }, ...descendants().map((pid) => ({ pid, prefix: `${processKind(pid)} ` }))]) : null;
    const switchThreads: Array<[number, ...ReturnType<typeof whatRan>]> = [];
    for (let i = 0; i < switches; i++) {
      const before = clocks?.read();
      await page.evaluate(armSwitch, { feed: FEED, row: MESSAGE_ROW, selected: SELECTED_ROW });
      await page.keyboard.press('Alt+ArrowDown');
      const ms = await page.evaluate(() => window.__benchSwitch!);
      if (ms !== null) switchTimes.push(ms);
      if (clocks && before && ms !== null) switchThreads.push([round(ms), ...whatRan(clocks.labels, before, clocks.read(), 'renderer main')]);
      if (trace && ms !== null) {
        // The Event Timing cross-check lands 300 ms after the switch (see armSwitch).
        await page.evaluate(() => new Promise((r) => setTimeout(r, 350)));
        trace.milestones('switch page', { ...(await page.evaluate(() => window.__benchSwitchMarks ?? {})), painted: ms });
      }
    }

    if (clocks) {
      clocks.close();
      // The slowest and the fastest, for the contrast.
      const sorted = switchThreads.sort((a, b) => b[0] - a[0]);
      process.stderr.write(`switches [ms, renderer main ms on a core, ms waiting for one, other threads' ms on a core], slowest and fastest:\n${[...sorted.slice(0, 5), ...sorted.slice(-3)].map((r) => JSON.stringify(r)).join('\n')}\n`);
    }
    if (chromeTrace) await browser!.stopTracing();
    if (switchProfiler) writeFileSync(join(profileDir!, 'switch.cpuprofile'), JSON.stringify((await switchProfiler.send('Profiler.stop')).profile));

    // ---- scrolling the largest conversation ----
    trace?.phase('scroll');
    // Opened through the palette, as a user would jump there.
    await page.keyboard.press('Control+K');
    await page.keyboard.type(kept.meta.biggestTitle);
    // Titles repeat at bench scale: walk down to the one with this id.
    const chosen = page.locator('[role="dialog"] [role="option"][aria-selected="true"]');
    await chosen.waitFor();
    for (let i = 0; i < 50 && (await chosen.getAttribute('data-conversation-id')) !== kept.meta.biggest; i++) await page.keyboard.press('ArrowDown');
    if ((await chosen.getAttribute('data-conversation-id')) !== kept.meta.biggest) throw new Error(`the palette does not offer ${kept.meta.biggestTitle}`);
    await page.keyboard.press('Enter');
    await page.locator(`${FEED} ${MESSAGE_ROW}`).first().waitFor({ timeout: 30_000 });
    // Let the first page settle (images, the pinned-to-bottom layout) before the clock starts.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const profiler = profileDir ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 250 });
      await profiler.send('Profiler.start');
    }
    const scroll = await page.evaluate(scrollProbe, { feed: FEED, row: MESSAGE_ROW, target: scrollMessages, step: 240, maxMs: 180_000 });
    if (profiler) writeFileSync(join(profileDir!, 'scroll.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapOf = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
    const heapBefore = await heapOf();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfter = await heapOf();

    const startup = median(app);
    const floorMs = median(bare);
    const switchP95 = quantile(switchTimes, 0.95);
    // The first delta spans the wait between evaluate and the first frame: not a scroll frame.
    const scrollP95 = quantile(scroll.frames.slice(1), 0.95);
    const result: UiBenchResult = {
      bench: 'ui',
      startup_to_inbox_ms: round(startup),
      startup_floor_ms: round(floorMs),
      startup_ratio: round(floorMs > 0 ? startup / floorMs : 0, 2),
      startup_live_ms: round(median(live)),
      switch_p95_ms: round(switchP95),
      switch_p50_ms: round(quantile(switchTimes, 0.5)),
      switch_ratio: round(switchP95 / TARGETS.switch_p95_ms, 2),
      scroll_frame_p95_ms: round(scrollP95),
      scroll_frame_p50_ms: round(quantile(scroll.frames.slice(1), 0.5)),
      scroll_ratio: round(scrollP95 / TARGETS.scroll_frame_p95_ms, 2),
      frame_floor_p95_ms: round(quantile(floorFrames, 0.95)),
      dom_nodes_max: scroll.domMax,
      renderer_heap_mb: round(heapAfter),
      renderer_heap_before_gc_mb: round(heapBefore),
      targets: TARGETS,
      cache_messages: kept.meta.messages,
      conversations: kept.meta.conversations,
      scrolled_messages: scroll.seen,
      scroll_frames: scroll.frames.length,
      scroll_wait_frames: scroll.waits,
      switch_samples: switchTimes.length,
      startup_samples: app.length,
      cache_build_s: round(kept.buildS),
      total_s: round((performance.now() - t0) / 1000),
    };
    if (opts.print ?? true) process.stdout.write(`${JSON.stringify(result)}\n`);
    trace?.report();
    return result;
  } finally {
    await context?.close();
    await browser?.close();
    await host?.stop();
    await floor?.stop();
    await backend.dispose();
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
