import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import {
  APP_ORIGIN,
  allowedPermissions,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isSafeExternalUrl,
  safeExternalUrl,
  secureWebPreferences,
  withSecurityHeaders,
} from './security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', true],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('uses the given preload and nothing that re-enables Node', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in production: no inline script, no eval, nothing remote', () => {
    const csp = contentSecurityPolicy({ dev: false });
    const d = directives(csp);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src']) {
      expect(d.get(name), name).toEqual(["'none'"]);
    }
  });

  it('ignores the dev server outside development', () => {
    expect(contentSecurityPolicy({ dev: false, devServerUrl: 'http://localhost:5173' })).not.toContain('localhost');
  });

  it('adds only the dev server origin and its HMR socket to connect-src in development', () => {
    const d = directives(contentSecurityPolicy({ dev: true, devServerUrl: 'http://localhost:5173/' }));
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    // React Fast Refresh's inline preamble and Vite's injected <style> tags need inline, in dev only.
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('script-src')).not.toContain("'unsafe-eval'");
    const secure = directives(contentSecurityPolicy({ dev: true, devServerUrl: 'https://127.0.0.1:4000' }));
    expect(secure.get('connect-src')).toEqual(["'self'", 'https://127.0.0.1:4000', 'wss://127.0.0.1:4000']);
  });

  it('refuses a dev server that is not http(s)', () => {
    expect(() => contentSecurityPolicy({ dev: true, devServerUrl: 'file:///tmp/index.html' })).toThrow(/http/);
  });
});

describe('withSecurityHeaders', () => {
  it('replaces any policy the server sent (in any case) and keeps the rest', () => {
    const csp = contentSecurityPolicy({ dev: false });
    const out = withSecurityHeaders(
      { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': 'text/html', 'X-Content-Type-Options': ['sniff'] },
      csp,
    );
    const cspHeaders = Object.entries(out).filter(([name]) => name.toLowerCase() === 'content-security-policy');
    expect(cspHeaders).toEqual([['Content-Security-Policy', [csp]]]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(Object.entries(out).filter(([n]) => n.toLowerCase() === 'x-content-type-options')).toEqual([['X-Content-Type-Options', ['nosniff']]]);
  });

  it('adds the headers when the server sent none', () => {
    expect(withSecurityHeaders(undefined, 'x')['Content-Security-Policy']).toEqual(['x']);
  });

  it("keeps the app:// handler's policy with a style nonce (the boot snapshot), and nothing looser", () => {
    const csp = contentSecurityPolicy({ dev: false });
    const withNonce = csp.replace("style-src 'self'", "style-src 'self' 'nonce-abc123=='");
    expect(withNonce).not.toBe(csp);
    expect(withSecurityHeaders({ 'Content-Security-Policy': withNonce }, csp)['Content-Security-Policy']).toEqual([withNonce]);
    // A nonce plus anything else is not ours: replaced.
    const looser = withNonce.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    expect(withSecurityHeaders({ 'Content-Security-Policy': looser }, csp)['Content-Security-Policy']).toEqual([csp]);
    expect(withSecurityHeaders({ 'Content-Security-Policy': [withNonce, "script-src *"] }, csp)['Content-Security-Policy']).toEqual([csp]);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://switchboard/index.html', APP_ORIGIN, true],
    ['app://switchboard/', APP_ORIGIN, true],
    ['app://SWITCHBOARD/assets/x.js', APP_ORIGIN, true],
    ['app://evil/index.html', APP_ORIGIN, false],
    ['app://switchboard.evil/index.html', APP_ORIGIN, false],
    ['app://user@switchboard/index.html', APP_ORIGIN, false],
    ['https://switchboard/index.html', APP_ORIGIN, false],
    ['file:///app/out/renderer/index.html', APP_ORIGIN, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://127.0.0.1:5173/', 'http://localhost:5173', false],
    ['not a url', APP_ORIGIN, false],
    ['', APP_ORIGIN, false],
  ])('%s against %s → %s', (url, origin, expected) => {
    expect(isAppUrl(url, origin)).toBe(expected);
  });

  it('is false for non-strings', () => {
    expect(isAppUrl(undefined, APP_ORIGIN)).toBe(false);
    expect(isAppUrl({ toString: () => 'app://switchboard/' }, APP_ORIGIN)).toBe(false);
  });
});

describe('the openExternal scheme allowlist', () => {
  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.COM/Path', 'https://example.com/Path'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
  ])('opens %s', (url, normalised) => {
    expect(safeExternalUrl(url)).toBe(normalised);
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'slack://open',
    'switchboard://open',
    'app://switchboard/index.html',
    'ftp://example.com/',
    'blob:https://example.com/uuid',
    'about:blank',
    'chrome://settings',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'mailto:',
    'https://',
    'http//missing-colon.example',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(9000)}`,
  ])('refuses %s', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://example.com']])('refuses the non-string %j', (value) => {
    expect(isSafeExternalUrl(value)).toBe(false);
  });
});

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: Listener) => {
      emitter.on(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  };
  const navEvent = (url: string) => {
    const event = { url, defaultPrevented: false, preventDefault: vi.fn(() => (event.defaultPrevented = true)) };
    return event;
  };
  return {
    contents: contents as unknown as WebContents,
    emit: (name: string, url: string) => {
      const event = navEvent(url);
      emitter.emit(name, event, url);
      return event;
    },
    open: (url: string) => openHandler?.({ url }),
    hasOpenHandler: () => openHandler !== undefined,
  };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('hardenWebContents', () => {
  function setup(appOrigin = APP_ORIGIN) {
    const fake = fakeContents();
    const openExternal = vi.fn(async (_url: string) => {});
    const log = vi.fn();
    hardenWebContents(fake.contents, { appOrigin, openExternal, log });
    return { ...fake, openExternal, log };
  }

  describe('will-navigate', () => {
    it('lets the app navigate within itself', async () => {
      const t = setup();
      const event = t.emit('will-navigate', 'app://switchboard/index.html#/inbox');
      await settle();
      expect(event.preventDefault).not.toHaveBeenCalled();
      expect(t.openExternal).not.toHaveBeenCalled();
    });

    it('allows the dev server in development', () => {
      const t = setup('http://localhost:5173');
      expect(t.emit('will-navigate', 'http://localhost:5173/').preventDefault).not.toHaveBeenCalled();
      expect(t.emit('will-navigate', 'http://localhost:9999/').preventDefault).toHaveBeenCalled();
    });

    it.each(['https://example.com/', 'http://example.com/', 'mailto:a@example.com'])('stops %s and opens it outside', async (url) => {
      const t = setup();
      const event = t.emit('will-navigate', url);
      await settle();
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(t.openExternal).toHaveBeenCalledWith(url);
    });

    it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://evil/'])('stops %s and opens nothing', async (url) => {
      const t = setup();
      const event = t.emit('will-navigate', url);
      await settle();
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(t.openExternal).not.toHaveBeenCalled();
      expect(t.log).toHaveBeenCalled();
    });

    it('does not leak an unhandled rejection when the OS cannot open a link', async () => {
      const t = setup();
      t.openExternal.mockRejectedValueOnce(new Error('no handler'));
      t.emit('will-navigate', 'https://example.com/');
      await settle();
      await settle();
      expect(t.log).toHaveBeenCalledWith(expect.stringContaining('Could not open'), expect.any(Error));
    });
  });

  describe('will-redirect', () => {
    it('allows a redirect within the app', () => {
      const t = setup();
      expect(t.emit('will-redirect', 'app://switchboard/index.html').preventDefault).not.toHaveBeenCalled();
    });

    it('stops a redirect away from the app without opening it', async () => {
      const t = setup();
      const event = t.emit('will-redirect', 'https://example.com/');
      await settle();
      expect(event.preventDefault).toHaveBeenCalled();
      expect(t.openExternal).not.toHaveBeenCalled();
    });
  });

  it('refuses every <webview>', () => {
    const t = setup();
    expect(t.emit('will-attach-webview', 'app://switchboard/index.html').preventDefault).toHaveBeenCalled();
  });

  describe('window.open', () => {
    it.each([
      ['https://example.com/', true],
      ['http://example.com/', true],
      ['mailto:a@example.com', true],
      ['app://switchboard/index.html', false],
      ['about:blank', false],
      ['file:///etc/passwd', false],
      ['javascript:alert(1)', false],
      ['data:text/html,x', false],
      ['custom-scheme://x', false],
    ])('denies %s (opened outside: %s)', async (url, external) => {
      const t = setup();
      expect(t.hasOpenHandler()).toBe(true);
      expect(t.open(url)).toEqual({ action: 'deny' });
      await settle();
      if (external) expect(t.openExternal).toHaveBeenCalledWith(url);
      else expect(t.openExternal).not.toHaveBeenCalled();
    });
  });
});

describe('hardenSession', () => {
  function setup() {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: { requestingUrl: string }) => void) | undefined;
    let check: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const ses = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    hardenSession(ses as never, { appOrigin: APP_ORIGIN });
    const ask = (permission: string, url = 'app://switchboard/index.html') => {
      const cb = vi.fn();
      request?.({}, permission, cb, { requestingUrl: url });
      expect(cb).toHaveBeenCalledTimes(1);
      return cb.mock.calls[0]?.[0] as boolean;
    };
    return { ask, check: (p: string, origin: string) => check?.({}, p, origin, {}), device: () => device?.() };
  }

  it('grants only the allowlisted permissions, and only to the app', () => {
    const t = setup();
    expect([...allowedPermissions].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
    expect(t.ask('notifications')).toBe(true);
    expect(t.ask('clipboard-sanitized-write')).toBe(true);
    expect(t.ask('notifications', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'display-capture', 'fullscreen', 'unknown']) {
      expect(t.ask(p), p).toBe(false);
    }
  });

  it('answers permission checks the same way and denies every device', () => {
    const t = setup();
    expect(t.check('notifications', APP_ORIGIN)).toBe(true);
    expect(t.check('notifications', 'https://evil.example')).toBe(false);
    expect(t.check('media', APP_ORIGIN)).toBe(false);
    expect(t.device()).toBe(false);
  });
});
