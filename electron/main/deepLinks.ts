import { deepLinkFromArgv, parseDeepLink, type DeepLinkTarget } from '../backend/desktop/deepLink';

export interface DeepLinkRouterOptions {
  /** Bring the window to the front (creating it if need be). */
  focus: () => void;
  /** Send app:navigate to the renderer. */
  navigate: (target: DeepLinkTarget) => void;
  log?: (message: string) => void;
}

export interface DeepLinkRouter {
  /** A switchboard:// URL from the OS: refused unless it parses; returns whether it was taken. */
  open(url: unknown): boolean;
  /** A command line (cold start, second instance): opens the link in it, if any. */
  openFromArgv(argv: readonly unknown[]): boolean;
  /** Opens a target that is already validated (a notification click). */
  go(target: DeepLinkTarget): void;
  /** The renderer is running and listening: anything that arrived before it is delivered now. */
  rendererReady(): void;
  /** The page is (re)loading: hold navigation until it is listening again. */
  rendererGone(): void;
}

/**
 * Where deep links, notification clicks and tray items go. A link can arrive before the renderer
 * has loaded (the app was started by the link), when app:navigate would reach nobody, so the last
 * one waits until the renderer shows it is up. Malformed links are logged without their content
 * (they may be anything) and dropped.
 */
export function createDeepLinkRouter(o: DeepLinkRouterOptions): DeepLinkRouter {
  const log = o.log ?? ((message: string) => console.warn(message));
  let ready = false;
  let pending: DeepLinkTarget | null = null;

  const go = (target: DeepLinkTarget): void => {
    o.focus();
    if (ready) o.navigate(target);
    else pending = target;
  };
  const open = (url: unknown): boolean => {
    const parsed = parseDeepLink(url);
    if (!parsed.ok) {
      log(`Ignored a switchboard: link that is not valid (${parsed.reason}).`);
      return false;
    }
    go(parsed.target);
    return true;
  };
  return {
    open,
    openFromArgv(argv) {
      const url = deepLinkFromArgv(argv);
      return url === null ? false : open(url);
    },
    go,
    rendererReady() {
      ready = true;
      if (pending) {
        const target = pending;
        pending = null;
        o.navigate(target);
      }
    },
    rendererGone() {
      ready = false;
    },
  };
}
