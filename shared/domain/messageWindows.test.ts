import { describe, expect, it } from 'vitest';
import { windowClosed, windowReason, windowText } from './messageWindows';

const MIN = 60_000;

describe('message change windows', () => {
  it('says a window in whole units, singular or plural', () => {
    expect([windowText(MIN), windowText(15 * MIN), windowText(60 * MIN), windowText(48 * 60 * MIN), windowText(90 * MIN)]).toEqual(['1 minute', '15 minutes', '1 hour', '48 hours', '90 minutes']);
    expect(windowReason('linkedin', 'edit', 60 * MIN)).toBe('LinkedIn messages can be edited only within 1 hour of sending.');
    expect(windowReason('x', 'delete', 2 * 60 * MIN)).toBe('X messages can be deleted only within 2 hours of sending.');
  });

  it('is closed only once the window has passed, and never where the network sets none', () => {
    const li = { network: 'linkedin' as const, editWindowMs: 60 * MIN };
    expect(windowClosed(li, 0, 'edit', 60 * MIN)).toBeNull();
    expect(windowClosed(li, 0, 'edit', 60 * MIN + 1)).toBe('LinkedIn messages can be edited only within 1 hour of sending.');
    expect(windowClosed(li, 0, 'delete', 1e12)).toBeNull();
    expect(windowClosed(undefined, 0, 'edit', 1e12)).toBeNull();
  });
});
