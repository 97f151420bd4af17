import { describe, expect, it } from 'vitest';
import { QUERIES, runCacheBench } from './cache';

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
