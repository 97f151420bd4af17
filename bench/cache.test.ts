import { describe, expect, it } from 'vitest';
import { gapThreads, QUERIES, runCacheBench, threadClocks } from './cache';

// Not a timed test: the bench runs end to end on the tiny workspace and reports every figure.
describe('cache bench', () => {
  it('ingests, searches and pages through the worker, and reports one line of figures', async () => {
    const r = await runCacheBench({ scale: 'tiny', repeats: 2, print: false });
    expect(r.bench).toBe('cache');
    expect(r.messages).toBe(109);
    expect(r.queries).toBe(QUERIES.length);
    for (const key of ['ingest_msgs_per_s', 'search_p95_ms', 'search_floor_p95_ms', 'search_ratio', 'open_last50_p95_ms', 'db_mb_per_million'] as const) {
      expect(r[key], key).toBeGreaterThan(0);
    }
    expect(r.loop_stall_max_ms).toBeGreaterThanOrEqual(0);
    expect(r.loop_stall_idle_ms).toBeGreaterThanOrEqual(0);
    expect(r.search_ratio).toBeCloseTo(r.search_p95_ms / r.search_floor_p95_ms, 1);
  }, 60_000);
});

// The gap probe's account of the threads (SWITCHBOARD_CACHE_BENCH_GAPS=1), read from Linux's schedstat.
describe.runIf(process.platform === 'linux')('thread clocks', () => {
  it("attribute a stretch of the main thread's own work to the main thread, and another thread's to it", async () => {
    const { Worker } = await import('node:worker_threads');
    // A thread that spins 60 ms once it is counted, named by the nice value it sets.
    const spinner = new Worker(
      `const { parentPort } = require('node:worker_threads');
       require('node:os').setPriority(0, 7);
       parentPort.once('message', () => { const end = Date.now() + 60; while (Date.now() < end); parentPort.postMessage('done'); });
       parentPort.postMessage('ready');`,
      { eval: true },
    );
    await new Promise((resolve) => spinner.once('message', resolve));
    const clocks = threadClocks()!;
    expect(clocks.labels).toContain('main');
    expect(clocks.labels.some((l) => l.endsWith('nice 7'))).toBe(true);
    const before = clocks.read();
    const done = new Promise((resolve) => spinner.once('message', resolve));
    spinner.postMessage('go');
    const end = performance.now() + 40;
    while (performance.now() < end);
    await done;
    const [mainRan, mainWaited, others] = gapThreads(clocks.labels, before, clocks.read());
    clocks.close();
    await spinner.terminate();
    expect(mainRan).toBeGreaterThanOrEqual(30);
    expect(mainWaited).toBeGreaterThanOrEqual(0);
    const spun = Number(/nice 7 ([\d.]+)/.exec(others)?.[1]);
    expect(spun).toBeGreaterThanOrEqual(45);
  });
});
