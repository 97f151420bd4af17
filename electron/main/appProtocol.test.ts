import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appScheme, createAppProtocolHandler, mimeTypeFor, resolveAppFile } from './appProtocol';
import { contentSecurityPolicy } from './security';

describe('the app:// scheme', () => {
  it('is registered standard and secure, with fetch, and without bypassing CSP', () => {
    expect(appScheme.scheme).toBe('app');
    expect(appScheme.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(appScheme.privileges?.bypassCSP).not.toBe(true);
    expect(appScheme.privileges?.corsEnabled).not.toBe(true);
  });
});

describe('resolveAppFile', () => {
  const root = '/srv/app/out/renderer';

  it.each([
    ['app://switchboard/', '/srv/app/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://switchboard/index.html', '/srv/app/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://switchboard/assets/index-abc.js?v=1#x', '/srv/app/out/renderer/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://switchboard/assets/a%20b.css', '/srv/app/out/renderer/assets/a b.css', 'text/css; charset=utf-8'],
    // The URL parser folds literal dot segments before we see them, so these stay inside the root.
    ['app://switchboard/../../etc/passwd', '/srv/app/out/renderer/etc/passwd', 'application/octet-stream'],
    ['app://switchboard/assets/../index.html', '/srv/app/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://switchboard/%2e%2e/%2e%2e/etc/passwd', '/srv/app/out/renderer/etc/passwd', 'application/octet-stream'],
  ])('serves %s from %s', (url, path, mimeType) => {
    expect(resolveAppFile(root, url)).toEqual({ ok: true, path, mimeType });
  });

  it.each([
    ['app://switchboard/..%2f..%2fetc%2fpasswd', 403],
    ['app://switchboard/%2e%2e%2f%2e%2e%2fetc/passwd', 403],
    ['app://switchboard/assets/..%2f..%2f..%2fsecret', 403],
    ['app://switchboard/..%5c..%5cwindows%5cwin.ini', 403],
    ['app://switchboard/index.html%00.png', 403],
    ['app://switchboard/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['https://switchboard/index.html', 404],
    ['not a url', 400],
  ])('refuses %s with %d', (url, status) => {
    expect(resolveAppFile(root, url)).toEqual({ ok: false, status });
  });

  it('never resolves outside the root, whatever the input', () => {
    const nasty = ['..', '%2e%2e', '..%2f', '%2e%2e%2f', '%252e%252e%252f', '....//', '.%2e/', '%2e./', '..;/', '%c0%ae%c0%ae/'];
    for (const a of nasty) {
      for (const b of nasty) {
        const r = resolveAppFile(root, `app://switchboard/${a}${b}etc/passwd`);
        if (r.ok) expect(r.path.startsWith(`${root}/`), `${a}${b}`).toBe(true);
      }
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['x.html', 'text/html; charset=utf-8'],
    ['x.JS', 'text/javascript; charset=utf-8'],
    ['x.woff2', 'font/woff2'],
    ['x.svg', 'image/svg+xml'],
    ['x.unknown', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (path, type) => {
    expect(mimeTypeFor(path)).toBe(type);
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let root: string;
  const csp = contentSecurityPolicy({ dev: false });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-app-protocol-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const handler = () => createAppProtocolHandler({ root, csp, readFile, log: vi.fn() });

  it('serves index.html with the CSP and nosniff headers', async () => {
    const res = await handler()(new Request('app://switchboard/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Switchboard</title>');
  });

  it('serves assets with their MIME type', async () => {
    const res = await handler()(new Request('app://switchboard/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('refuses to serve a file beside the root through an encoded traversal', async () => {
    const res = await handler()(new Request('app://switchboard/..%2fsecret.txt'));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers 404 for a missing file or a directory', async () => {
    expect((await handler()(new Request('app://switchboard/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://switchboard/assets'))).status).toBe(404);
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await handler()(new Request('app://switchboard/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()(new Request('app://switchboard/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('puts the boot snapshot inside index.html with a fresh style nonce, never kept; as built when it fails', async () => {
    const built = join(dir, 'built');
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(built, 'index.html'), '<!doctype html><html lang="en"><head><script type="module" src="./assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
    const snapshot = { build: './assets/index-Ab12Cd34.js', theme: 'light' as const, html: '<aside aria-label="Conversations"><div role="option" data-boot-style="0">Ops</div></aside>', css: '[data-boot-style="0"]{height: 64px;}' };
    const h = createAppProtocolHandler({ root: built, csp, readFile, bootSnapshot: async () => snapshot });
    const a = await h(new Request('app://switchboard/'));
    const page = await a.text();
    expect(page).toContain('<div id="boot" inert aria-hidden="true"><aside aria-label="Conversations">');
    const nonce = /'nonce-([^']+)'/.exec(a.headers.get('content-security-policy')!)![1]!;
    expect(page).toContain(`<style nonce="${nonce}" id="boot-style">[data-boot-style="0"]{height: 64px;}</style>`);
    expect(a.headers.get('cache-control')).toBe('no-store');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    const b = await h(new Request('app://switchboard/index.html'));
    expect(b.headers.get('content-security-policy')).not.toContain(nonce);
    // Only the page: an asset is served as it is.
    expect((await h(new Request('app://switchboard/assets/app.js'))).headers.get('cache-control')).toBe('no-cache');

    const failing = createAppProtocolHandler({ root: built, csp, readFile, bootSnapshot: () => Promise.reject(new Error('cache closed')) });
    const plain = await failing(new Request('app://switchboard/'));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-security-policy')).toBe(csp);
    expect(await plain.text()).not.toContain('id="boot"');
  });

  it('answers 500 without detail when reading fails unexpectedly, and logs it', async () => {
    const log = vi.fn();
    const h = createAppProtocolHandler({ root, csp, log, readFile: () => Promise.reject(Object.assign(new Error('EIO at /secret/path'), { code: 'EIO' })) });
    const res = await h(new Request('app://switchboard/index.html'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(log).toHaveBeenCalledTimes(1);
  });
});
