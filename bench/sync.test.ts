import { describe, expect, it } from 'vitest';
import { runSyncBench } from './sync';

// Not a timed test: a short run must report the figures in the documented shape, under budget.
describe('sync bench', () => {
  it('prints calls per hour against the budget and new-message latency, open vs background', async () => {
    const r = await runSyncBench({ idleHours: 0.25, conversations: 120, samples: 4, print: false });
    expect(Object.keys(r).slice(0, 4)).toEqual(['bench', 'calls_per_hour', 'budget_per_hour', 'new_message_latency_p50_s']);
    expect(r.bench).toBe('sync');
    expect(r.conversations).toBeGreaterThanOrEqual(120);
    expect(r.calls_per_hour).toBeGreaterThan(0);
    expect(r.calls_per_hour).toBeLessThan(r.budget_per_hour);
    expect(r.samples).toEqual({ open: 4, background: 4 });
    expect(r.new_message_latency_p50_s.open).toBeGreaterThan(0);
    expect(r.new_message_latency_p50_s.open).toBeLessThan(r.new_message_latency_p50_s.background);
  }, 120_000);
});
