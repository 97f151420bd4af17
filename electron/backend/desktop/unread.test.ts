import { describe, expect, it } from 'vitest';
import { badgeLabel, overlayLabel, unreadDescription, unreadTotal } from './unread';

const NOW = 1_700_000_000_000;
const c = (unreadCount: number, muted = false, mutedUntil: number | null = null) => ({ unreadCount, muted, mutedUntil });

describe('unreadTotal', () => {
  it('adds the unread counts of conversations that are not muted', () => {
    expect(unreadTotal([], NOW)).toBe(0);
    expect(unreadTotal([c(3), c(0), c(2)], NOW)).toBe(5);
    expect(unreadTotal([c(3), c(7, true)], NOW)).toBe(3);
    expect(unreadTotal([c(3), c(7, true, NOW + 1000)], NOW)).toBe(3);
  });

  it('counts a conversation again once its mute has ended', () => {
    expect(unreadTotal([c(3), c(7, true, NOW - 1)], NOW)).toBe(10);
  });
});

describe('labels', () => {
  it.each([
    [0, '', '', 'Switchboard'],
    [-3, '', '', 'Switchboard'],
    [Number.NaN, '', '', 'Switchboard'],
    [1, '1', '1', 'Switchboard — 1 unread message'],
    [9, '9', '9', 'Switchboard — 9 unread messages'],
    [10, '10', '9+', 'Switchboard — 10 unread messages'],
    [99, '99', '9+', 'Switchboard — 99 unread messages'],
    [100, '99+', '9+', 'Switchboard — 100 unread messages'],
    [12345, '99+', '9+', 'Switchboard — 12345 unread messages'],
  ])('%s unread → badge %j, overlay %j, %j', (n, badge, overlay, description) => {
    expect(badgeLabel(n)).toBe(badge);
    expect(overlayLabel(n)).toBe(overlay);
    expect(unreadDescription(n)).toBe(description);
  });
});
