import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME, securityHeaders } from './security';
import { mimeTypeFor } from '../backend/app/mimeTypes';
import { bootPage } from '../backend/app/bootPage';
import type { BootSnapshot } from '../../shared/ipc/contract';

/**
 * The packaged renderer is served from app://switchboard/ rather than file://:
 * file:// pages share one origin with every file on disk, while a standard,
 * secure custom scheme gets its own origin, so 'self' in the CSP means the app
 * and nothing else.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  // codeCache: V8 keeps the compiled bundle between starts (it needs `standard`), as Chromium does for http.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export { mimeTypeFor };

export type AppFileResolution = { ok: true; path: string; mimeType: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file under `root`, or refuses it. The URL parser
 * already folds literal `..` segments, but percent-encoded separators
 * (`..%2f..%2f`) only become separators after decoding, hence the check on the
 * resolved path rather than on the URL.
 */
export function resolveAppFile(root: string, requestUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { ok: false, status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // NUL truncates paths in native code; a backslash is a separator on Windows. Neither appears in a built asset name.
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 403 };
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const base = resolve(root);
  const path = resolve(base, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const rel = relative(base, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { ok: false, status: 403 };
  return { ok: true, path, mimeType: mimeTypeFor(path) };
}

export interface AppProtocolOptions {
  /** The built renderer: out/renderer inside the app (asar) or the project. */
  root: string;
  csp: string;
  readFile: (path: string) => Promise<Uint8Array>;
  log?: (message: string, detail?: unknown) => void;
  /** The last drawn inbox for index.html (backend/app/bootPage.ts); without it the page is served as built. */
  bootSnapshot?: () => Promise<BootSnapshot | null>;
}

/** The protocol.handle() handler for app://. Plain Request → Response, so it runs under Node in tests. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const { root, csp, readFile } = options;
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(message, detail));
  const headers = securityHeaders(csp);
  const refuse = (status: number): Response => new Response(null, { status, headers });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = resolveAppFile(root, request.url);
    if (!file.ok) return refuse(file.status);
    let body: Uint8Array;
    try {
      body = await readFile(file.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return refuse(404);
      log(`app:// could not read ${relative(root, file.path)}`, err);
      return refuse(500);
    }
    if (options.bootSnapshot && relative(root, file.path) === 'index.html') {
      const snapshot = await options.bootSnapshot().catch(() => null);
      const page = bootPage(new TextDecoder().decode(body), csp, snapshot);
      return new Response(request.method === 'HEAD' ? null : page.html, {
        status: 200,
        // It holds conversation titles and previews: never kept in Chromium's HTTP cache.
        headers: { ...securityHeaders(page.csp), 'Content-Type': file.mimeType, 'Cache-Control': 'no-store' },
      });
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: { ...headers, 'Content-Type': file.mimeType, 'Cache-Control': 'no-cache' },
    });
  };
}
