import { describe, expect, it } from 'vitest';
import { createClock } from './clock';

describe('createClock', () => {
  it('frozen: moves only through advance', () => {
    const c = createClock({ start: 1_000, frozen: true });
    expect(c.now()).toBe(1_000);
    expect(c.advance(500)).toBe(1_500);
    expect(c.now()).toBe(1_500);
    expect(() => c.advance(-1)).toThrow(RangeError);
  });

  it('running: follows wall time from its start, shifted by advance', () => {
    const c = createClock({ start: Date.UTC(2030, 0, 1) });
    expect(Math.abs(c.now() - Date.UTC(2030, 0, 1))).toBeLessThan(1_000);
    const before = c.now();
    c.advance(3_600_000);
    expect(c.now() - before).toBeGreaterThanOrEqual(3_600_000);
    c.setFrozen(true);
    const frozen = c.now();
    c.setFrozen(false);
    expect(c.now()).toBeGreaterThanOrEqual(frozen);
  });
});
