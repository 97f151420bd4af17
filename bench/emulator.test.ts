import { describe, expect, it } from 'vitest';
import { fakeFactories } from '../emulator/core/fakeServices';
import { startEmulatorCore } from '../emulator/core/server';
import { runEmulatorBench } from './emulator';

describe('runEmulatorBench', () => {
  it('measures calls per second and p95 over loopback (fake services, short run)', async () => {
    const result = await runEmulatorBench({ start: (o) => startEmulatorCore({ ...o, scale: 'tiny' }, fakeFactories()), durationMs: 400, warmupMs: 100, concurrency: 8, print: false });
    expect(result.bench).toBe('emulator');
    expect(result.calls_per_s).toBeGreaterThan(50);
    expect(result.p95_ms).toBeGreaterThan(0);
  });
});
