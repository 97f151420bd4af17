import { overlayLabel, unreadDescription } from '../backend/desktop/unread';

export interface BadgeWindow {
  isDestroyed(): boolean;
  setOverlayIcon(overlay: never, description: string): void;
}

export interface BadgeOptions {
  app: { setBadgeCount(count?: number): boolean };
  platform: string;
  getWindow: () => BadgeWindow | null | undefined;
  /** The overlay image for a label from overlayLabel ('1'…'9', '9+'); built once per label. */
  overlayImage: (label: string) => unknown;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * The unread count on the dock (macOS) or launcher (Linux, where the desktop supports it) through
 * app.setBadgeCount, and on Windows, which has no badge API, as the taskbar overlay icon with an
 * accessible description.
 */
export function createBadge(o: BadgeOptions): { set(total: number): void; reapply(): void } {
  const images = new Map<string, unknown>();
  let total = 0;
  const apply = (): void => {
    try {
      if (o.platform === 'win32') {
        const win = o.getWindow();
        if (!win || win.isDestroyed()) return;
        const label = overlayLabel(total);
        if (!label) {
          win.setOverlayIcon(null as never, '');
          return;
        }
        let image = images.get(label);
        if (image === undefined) images.set(label, (image = o.overlayImage(label)));
        win.setOverlayIcon(image as never, unreadDescription(total));
      } else {
        o.app.setBadgeCount(total);
      }
    } catch (err) {
      (o.log ?? ((m: string, d?: unknown) => console.warn(m, d)))('Could not update the unread badge', err);
    }
  };
  return {
    set(next) {
      const n = Math.max(0, Math.floor(next)) || 0;
      if (n === total) return;
      total = n;
      apply();
    },
    /** After the window is created again (the overlay belongs to the window). */
    reapply: apply,
  };
}
