import { describe, expect, it, vi } from 'vitest';
import { createBadge } from './badge';

function setup(platform: string) {
  const app = { setBadgeCount: vi.fn(() => true) };
  const win = { isDestroyed: vi.fn(() => false), setOverlayIcon: vi.fn() };
  const overlayImage = vi.fn((label: string) => `image:${label}`);
  const badge = createBadge({ app, platform, getWindow: () => win, overlayImage });
  return { app, win, overlayImage, badge };
}

describe('the unread badge', () => {
  it.each(['darwin', 'linux'])('uses app.setBadgeCount on %s, only when the total changes', (platform) => {
    const { app, win, badge } = setup(platform);
    badge.set(4);
    badge.set(4);
    badge.set(0);
    expect(app.setBadgeCount.mock.calls).toEqual([[4], [0]]);
    expect(win.setOverlayIcon).not.toHaveBeenCalled();
  });

  it('uses the taskbar overlay on Windows, with a description, and clears it', () => {
    const { app, win, overlayImage, badge } = setup('win32');
    badge.set(3);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith('image:3', 'Switchboard — 3 unread messages');
    badge.set(42);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith('image:9+', 'Switchboard — 42 unread messages');
    badge.set(17);
    badge.set(0);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
    // One image per label, reused.
    expect(overlayImage.mock.calls).toEqual([['3'], ['9+']]);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('re-applies the overlay to a new window', () => {
    const { win, badge } = setup('win32');
    badge.set(2);
    win.setOverlayIcon.mockClear();
    badge.reapply();
    expect(win.setOverlayIcon).toHaveBeenCalledWith('image:2', 'Switchboard — 2 unread messages');
  });

  it('ignores nonsense and survives a failing platform call', () => {
    const app = { setBadgeCount: vi.fn(() => { throw new Error('no launcher'); }) };
    const log = vi.fn();
    const badge = createBadge({ app, platform: 'linux', getWindow: () => null, overlayImage: () => null, log });
    expect(() => badge.set(5)).not.toThrow();
    expect(log).toHaveBeenCalled();
    badge.set(Number.NaN);
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });
});
