import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { descendants, processKind, threadClocks, threadCpu, whatRan } from './threads';

// The benches' account of the threads (SWITCHBOARD_CACHE_BENCH_GAPS=1, SWITCHBOARD_UI_BENCH_THREADS=1).
describe.runIf(process.platform === 'linux')('thread clocks', () => {
  it("put a stretch of the main thread's own work on the main thread, and another thread's on it", async () => {
    // A thread that spins for 60 ms of its own CPU time when told, known by the nice value it sets. Both
    // spins count the thread's own time (getrusage), not the wall's: on a busy machine a spinning thread
    // can spend most of 40 ms of wall time waiting for a core, and the clocks would rightly say so.
    const spinner = new Worker(
      `const { parentPort } = require('node:worker_threads');
       require('node:os').setPriority(0, 7);
       const ms = (u) => (u.user + u.system) / 1000;
       // on, not once: the listener keeps the thread alive after it answers, so its clock can still be read.
       parentPort.on('message', () => { const end = ms(process.threadCpuUsage()) + 60; while (ms(process.threadCpuUsage()) < end); parentPort.postMessage('done'); });
       parentPort.postMessage('ready');`,
      { eval: true },
    );
    await new Promise((resolve) => spinner.once('message', resolve));
    const clocks = threadClocks()!;
    expect(clocks.labels).toContain('main');
    expect(clocks.labels.filter((l) => l.endsWith('nice 7'))).toHaveLength(1);
    const before = clocks.read();
    const done = new Promise((resolve) => spinner.once('message', resolve));
    spinner.postMessage('go');
    const cpu = () => {
      const u = process.threadCpuUsage();
      return (u.user + u.system) / 1000;
    };
    const end = cpu() + 40;
    while (cpu() < end);
    await done;
    const [mainRan, mainWaited, others] = whatRan(clocks.labels, before, clocks.read());
    clocks.close();
    await spinner.terminate();
    expect(mainRan).toBeGreaterThanOrEqual(30);
    // The coarser count the cache bench prints per thread (SWITCHBOARD_CACHE_BENCH_THREADS=1) saw it too.
    expect(threadCpu().get(String(process.pid))).toBeGreaterThanOrEqual(0.03);
    expect(mainWaited).toBeGreaterThanOrEqual(0);
    expect(Number(/nice 7 ([\d.]+)/.exec(others)?.[1])).toBeGreaterThanOrEqual(45);
  });

  it('count a thread that ended between two readings as idle since, never as negative time', async () => {
    const brief = new Worker(
      `const { parentPort } = require('node:worker_threads');
       require('node:os').setPriority(0, 9);
       parentPort.once('message', () => process.exit(0));
       parentPort.postMessage('ready');`,
      { eval: true },
    );
    await new Promise((resolve) => brief.once('message', resolve));
    const clocks = threadClocks()!;
    const at = clocks.labels.indexOf('node nice 9');
    expect(at).toBeGreaterThanOrEqual(0);
    const before = clocks.read();
    expect(before[2 * at]).toBeGreaterThan(0); // it ran, starting up
    const exited = new Promise((resolve) => brief.once('exit', resolve));
    brief.postMessage('go');
    await exited;
    const after = clocks.read();
    clocks.close();
    expect(after.slice(2 * at, 2 * at + 2)).toEqual(before.slice(2 * at, 2 * at + 2));
    expect(whatRan(clocks.labels, before, after)[2]).not.toMatch(/-/);
  });

  it("label another process's threads with its kind, and find it among this one's descendants", async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 30; while (Date.now() < end); setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(descendants()).toContain(child.pid);
      expect(processKind(child.pid!)).toBe('node');
      const clocks = threadClocks([{ pid: child.pid!, prefix: 'child ' }])!;
      expect(clocks.labels).toContain('child main');
      expect(clocks.labels.every((l) => l.startsWith('child '))).toBe(true);
      clocks.close();
    } finally {
      child.kill();
    }
  });
});
