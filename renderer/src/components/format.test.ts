import { describe, expect, it } from 'vitest';
import { formatWait } from './format';

describe('formatWait', () => {
  it('reads as a person says it, rounded up', () => {
    expect(formatWait(0)).toBe('1 s');
    expect(formatWait(44_200)).toBe('45 s');
    expect(formatWait(60_000)).toBe('1 min');
    expect(formatWait(3_476_000)).toBe('58 min');
    expect(formatWait(3_600_000)).toBe('1 h');
    expect(formatWait(7_500_000)).toBe('2 h 5 min');
  });
});
