import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * Every security decision of the Electron shell, as plain functions so the
 * tests can assert them without the Electron binary. index.ts only wires these
 * to the real objects.
 */

/** The packaged renderer is served from this privileged scheme, never from file:// (see appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    experimentalFeatures: false,
    // A dropped file or link must not replace the app with arbitrary content.
    navigateOnDragDrop: false,
    // A page looping alert() could otherwise lock the user out of the window.
    safeDialogs: true,
    enableWebSQL: false,
  };
}

export interface CspOptions {
  dev: boolean;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); only honoured when `dev`. */
  devServerUrl?: string | undefined;
}

/**
 * One policy for the window, sent as a header on every response (the app://
 * protocol handler and, for the dev server, onHeadersReceived). The renderer
 * talks to the backend only through the preload, so it needs no network at
 * all: connect-src is the app itself, plus the dev server's HMR socket in
 * development. Only in development, inline script and style are allowed:
 * React Fast Refresh injects an inline preamble and Vite injects styles as
 * <style> tags. Built apps never get that relaxation.
 */
export function contentSecurityPolicy({ dev, devServerUrl }: CspOptions): string {
  const connect = ["'self'"];
  const script = ["'self'"];
  const style = ["'self'"];
  if (dev && devServerUrl) {
    script.push("'unsafe-inline'");
    style.push("'unsafe-inline'");
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`The dev server URL must be http(s), got ${url.protocol}`);
    }
    connect.push(url.origin, `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', script],
    ['style-src', style],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['media-src', ["'self'", 'blob:']],
    ['worker-src', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers every app response carries. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

const replacedHeaders = new Set(['content-security-policy', 'content-security-policy-report-only', 'x-content-type-options', 'referrer-policy']);

/**
 * For session.webRequest.onHeadersReceived: our policy replaces whatever the
 * server sent (the dev server sends none; a looser one must not win by being
 * merged), other headers pass through untouched. One exception: our own
 * policy with a style nonce added, which the app:// handler sends with the
 * boot snapshot (backend/app/bootPage.ts). It is kept only when taking the
 * nonces out gives our policy exactly, so it can allow nothing else.
 */
export function withSecurityHeaders(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let policy = csp;
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy' && values.length === 1 && ownPolicyWithNonce(values[0]!, csp)) policy = values[0]!;
    if (replacedHeaders.has(name.toLowerCase())) continue;
    out[name] = values;
  }
  for (const [name, value] of Object.entries(securityHeaders(policy))) out[name] = [value];
  return out;
}

function ownPolicyWithNonce(sent: string, csp: string): boolean {
  const withoutNonces = sent.replace(/ 'nonce-[A-Za-z0-9+/=]+'/g, '');
  return withoutNonces !== sent && withoutNonces === csp;
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Same scheme and host (and port) as the app. Compared field by field because
 * WHATWG URL gives custom schemes such as app:// an opaque "null" origin.
 */
export function isAppUrl(url: unknown, appOrigin: string): boolean {
  const u = parseUrl(url);
  const o = parseUrl(appOrigin);
  if (!u || !o || !o.host) return false;
  if (u.username || u.password) return false;
  return u.protocol === o.protocol && u.host.toLowerCase() === o.host.toLowerCase();
}

const externalSchemes = new Set(['http:', 'https:', 'mailto:']);

/**
 * The normalised URL to hand to the OS, or null. Only web and mail links
 * leave the app: any other scheme may launch a local program or file
 * (file:, smb:, ms-msdt:, custom handlers, …).
 */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  const u = parseUrl(url);
  if (!u || !externalSchemes.has(u.protocol)) return null;
  if (u.protocol === 'mailto:') return u.pathname ? u.href : null;
  if (!u.hostname) return null;
  // https://bank.example@evil.example/ is a classic look-alike; no real link needs credentials.
  if (u.username || u.password) return null;
  return u.href;
}

export function isSafeExternalUrl(url: unknown): boolean {
  return safeExternalUrl(url) !== null;
}

export interface HardenOptions {
  appOrigin: string;
  /** shell.openExternal in production; a spy in tests. */
  openExternal: (url: string) => Promise<void> | void;
  log?: (message: string, detail?: unknown) => void;
}

type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'):
 * no new windows, no navigation away from the app, no <webview>. Links the user
 * follows to the web or mail go to the OS; everything else is dropped.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const { appOrigin } = options;
  const log = options.log ?? ((message: string) => console.warn(message));
  const openOutside = (url: string): void => {
    const safe = safeExternalUrl(url);
    if (!safe) {
      log(`Refused to open ${describe(url)}: only http, https and mailto links open outside Switchboard.`);
      return;
    }
    void Promise.resolve()
      .then(() => options.openExternal(safe))
      .catch((err: unknown) => log(`Could not open ${describe(url)} externally.`, err));
  };

  contents.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url, appOrigin)) openOutside(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    openOutside(event.url);
  });

  // A redirect is not something the user clicked, so it is only stopped, never opened outside.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** What the renderer may ask for; everything else (camera, geolocation, HID, …) is denied. */
export const allowedPermissions: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** Permissions are per session, so this runs once for the default session. */
export function hardenSession(ses: HardenableSession, { appOrigin }: { appOrigin: string }): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowedPermissions.has(permission) && isAppUrl(details.requestingUrl, appOrigin));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowedPermissions.has(permission) && isAppUrl(requestingOrigin, appOrigin);
  });
  ses.setDevicePermissionHandler(() => false);
}

/** Log-safe rendering of an untrusted URL: its scheme and length, not its (possibly secret) query. */
function describe(url: string): string {
  const u = parseUrl(url);
  return u ? `a ${u.protocol} URL` : 'a malformed URL';
}
