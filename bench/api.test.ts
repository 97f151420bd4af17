import { describe, expect, it } from 'vitest';
import { runApiBench } from './api';

// Not a timed test: it checks the bench runs both paths and reports consistent figures.
describe('api bench', () => {
  it('measures raw and client calls side by side and reports the overhead', async () => {
    const r = await runApiBench({ iterations: 5, print: false });
    expect(r.bench).toBe('api');
    expect(r.calls).toBe(5 * 3 * 2);
    expect(r.raw_p50_ms).toBeGreaterThan(0);
    expect(r.client_p50_ms).toBeGreaterThan(0);
    expect(r.overhead_p95_ms).toBeGreaterThanOrEqual(r.overhead_p50_ms);
  }, 60_000);
});
