import type { NotificationRequest } from '../backend/desktop/desktopServices';

/** The parts of Electron's Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: (...args: unknown[]) => void): unknown;
  show(): void;
  close(): void;
}

export interface NotifierOptions {
  create: (options: { title: string; body: string; icon?: unknown; silent: boolean }) => NotificationLike;
  isSupported: () => boolean;
  icon?: unknown;
  /** Show the window and open what the notification is about. */
  onClick: (target: NotificationRequest['target']) => void;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * Native notifications. Each is kept referenced until it is clicked or closed: Electron drops the
 * click handler of a Notification object that has been garbage-collected, so a notification left
 * in the Windows action centre or macOS notification centre would otherwise open nothing. A newer
 * notification for the same conversation replaces the older one instead of piling up.
 */
export function createNotifier(o: NotifierOptions): { show(request: NotificationRequest): void; closeAll(): void; readonly open: number } {
  const log = o.log ?? ((message: string, detail?: unknown) => console.warn(message, detail));
  const live = new Map<string, NotificationLike>();
  return {
    show(request) {
      if (!o.isSupported()) return;
      try {
        live.get(request.tag)?.close();
        const n = o.create({ title: request.title, body: request.body, silent: false, ...(o.icon ? { icon: o.icon } : {}) });
        const forget = () => {
          if (live.get(request.tag) === n) live.delete(request.tag);
        };
        n.on('click', () => {
          forget();
          o.onClick(request.target);
        });
        n.on('close', forget);
        n.on('failed', (_e: unknown, error: unknown) => {
          forget();
          log('A notification could not be shown', error);
        });
        live.set(request.tag, n);
        n.show();
      } catch (err) {
        log('A notification could not be shown', err);
      }
    },
    closeAll() {
      for (const n of live.values()) n.close();
      live.clear();
    },
    get open() {
      return live.size;
    },
  };
}
