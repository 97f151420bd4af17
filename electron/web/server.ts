import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isEventChannel, type BootSnapshot } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import { AppError, fail, type Result } from '../../shared/ipc/result';
import type { Backend } from '../backend';
import { bootPage } from '../backend/app/bootPage';
import { mimeTypeFor } from '../backend/app/mimeTypes';

export interface WebHostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer): must contain index.html. */
  rendererDir: string;
  /** `bootSnapshot`, when given, puts the last drawn inbox inside index.html (backend/app/bootPage.ts). */
  backend: Pick<Backend, 'handlers' | 'onEvent'> & Partial<Pick<Backend, 'bootSnapshot'>>;
  /** Tests and restarts pass one in; otherwise 256 random bits. */
  token?: string;
  /** Largest WebSocket frame accepted; bigger ones close the socket (1009). */
  maxFrameBytes?: number;
}

export interface WebHost {
  /** Open this in a browser: it carries the token once, then the cookie takes over. */
  url: string;
  port: number;
  token: string;
  address(): AddressInfo;
  stop(): Promise<void>;
}

/** Mirrors renderer/index.html's meta policy, plus what only a header can say (frame-ancestors). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // 'self' covers ws:// to the same host and port (CSP level 3), which is all the shim needs.
  "connect-src 'self'",
  // The meta policy allows media for attachments; both policies apply, so the header must too.
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_FRAME = 1024 * 1024;
/** One tab has no reason to have more than this waiting; past it we answer instead of queueing work. */
const MAX_IN_FLIGHT_PER_SOCKET = 256;
/** A tab that stops reading (frozen, debugger) must not make the host buffer events without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;


const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

type Refusal = { status: number; reason: string };

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  // The token travels in a URL and a cookie: keep it to characters neither needs to escape.
  if (!TOKEN_SHAPE.test(token)) throw new Error('The web host token must be 16-256 URL-safe characters.');
  const tokenDigest = sha256(token);
  const tokenMatches = (candidate: string | undefined): boolean =>
    // Hashing first gives equal lengths, so timingSafeEqual never leaks the length either.
    typeof candidate === 'string' && timingSafeEqual(sha256(candidate), tokenDigest);

  const rootDir = await realpath(path.resolve(options.rendererDir)).catch(() => {
    throw new Error(`The renderer is not built (${options.rendererDir} is missing). Run \`npm run web\`, which builds it.`);
  });
  const indexStat = await stat(path.join(rootDir, 'index.html')).catch(() => null);
  if (!indexStat?.isFile()) {
    throw new Error(`The renderer is not built (${path.join(rootDir, 'index.html')} is missing). Run \`npm run web\`, which builds it.`);
  }

  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME;
  // Filled in once listening: every check below compares against the real port.
  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let cookieName = '';

  /** Host, Origin and token, in that order; shared by plain requests and WebSocket upgrades. */
  function refuse(req: IncomingMessage, requireOrigin: boolean): Refusal | null {
    const host = req.headers.host?.toLowerCase();
    // A DNS-rebound name (evil.example -> 127.0.0.1) carries its own Host: refuse anything but ours.
    if (!host || !allowedHosts.has(host)) return { status: 421, reason: 'Misdirected Request' };
    const origin = req.headers.origin;
    if (origin !== undefined ? !allowedOrigins.has(origin.toLowerCase()) : requireOrigin) {
      return { status: 403, reason: 'Forbidden' };
    }
    if (!isAuthorized(req)) return { status: 403, reason: 'Forbidden' };
    return null;
  }

  function isAuthorized(req: IncomingMessage): boolean {
    return tokenMatches(queryToken(req.url)) || tokenMatches(readCookie(req.headers.cookie, cookieName));
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '';
    // Only origin-form targets: absolute-form (proxy style) or '*' never name one of our files.
    if (!target.startsWith('/')) return sendEmpty(res, 400);
    const refusal = refuse(req, false);
    if (refusal) return sendEmpty(res, refusal.status);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendEmpty(res, 405, { Allow: 'GET, HEAD' });

    const [rawPath = '/', rawQuery = ''] = splitTarget(target);
    const params = new URLSearchParams(rawQuery);
    if (tokenMatches(params.get('token') ?? undefined)) {
      // Swap the token for a cookie and take it out of the address bar (history, screen shares).
      params.delete('token');
      const rest = params.toString();
      // Collapsing leading slashes keeps '//other.host' from becoming an open redirect.
      const location = `/${rawPath.replace(/^\/+/, '')}${rest ? `?${rest}` : ''}`;
      return sendEmpty(res, 303, {
        Location: location,
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
    }

    const file = await resolveFile(rootDir, rawPath);
    if (file.kind === 'refused') return sendEmpty(res, 403);
    if (file.kind === 'missing') return sendEmpty(res, 404);
    if (file.relative === 'index.html' && options.backend.bootSnapshot) return sendIndex(req, res, file.path, options.backend.bootSnapshot);
    await sendFile(req, res, file);
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendEmpty(res, 500);
      else res.destroy();
    });
  });
  // Browsers keep connections alive; these keep a stuck client from pinning sockets for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const [rawPath] = splitTarget(req.url ?? '');
    // A page can open a WebSocket to any host without CORS, so Origin is mandatory here.
    const refusal = refuse(req, true);
    if (refusal) return rejectUpgrade(socket, refusal.status, refusal.reason);
    if (rawPath !== '/ws') return rejectUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws);
    let inFlight = 0;
    // ws closes the socket itself on protocol errors (oversized frame: 1009, bad UTF-8: 1007);
    // without a listener the 'error' event would throw and take the host down.
    ws.on('error', () => undefined);
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(1003, 'Text frames only');
      const frame = parseFrame(data);
      if (!frame) return ws.close(1003, 'Malformed frame');
      const reply = (result: Result<unknown>) => send(ws, { id: frame.id, type: 'result', result });
      if (frame.type !== 'invoke') return reply(fail(new AppError('protocol', 'Unknown frame type.')));
      if (inFlight >= MAX_IN_FLIGHT_PER_SOCKET) {
        return reply(fail(new AppError('rate_limited', 'Too many requests in flight.', { retryAfter: 1 })));
      }
      inFlight++;
      dispatch(options.backend.handlers, frame.channel, frame.input, { host: 'web' })
        .catch((err: unknown) => fail(err))
        .then((result) => {
          inFlight--;
          reply(result);
        });
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const unsubscribe = options.backend.onEvent((event, payload) => {
    if (!isEventChannel(event)) return;
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', event, payload });
    } catch {
      return;
    }
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate();
        continue;
      }
      ws.send(text);
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Loopback only, always: the token is the sole credential and must never be reachable off-box.
      server.listen({ port: options.port ?? 0, host: LOOPBACK, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    unsubscribe();
    clearInterval(heartbeat);
    throw err;
  }

  const address = server.address() as AddressInfo;
  port = address.port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  // Browsers scope cookies by host, not port: two hosts on one machine must not overwrite each other.
  cookieName = `switchboard_${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      unsubscribe();
      clearInterval(heartbeat);
      const closing = [...wss.clients].map((ws) => closeSocket(ws));
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    })();
    return stopping;
  };

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    address: () => server.address() as AddressInfo,
    stop,
  };
}

interface InvokeFrame {
  id: number | string;
  type: unknown;
  channel: unknown;
  input: unknown;
}

/** Null when there is no id to answer to: the caller then closes the socket (1003). */
function parseFrame(data: RawData): InvokeFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(rawToString(data));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const id = record.id;
  const validId = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!validId) return null;
  return { id: id as number | string, type: record.type, channel: record.channel, input: record.input };
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch {
    // A handler returned something JSON cannot carry (BigInt, a cycle): a bug, reported generically.
    const id = (message as { id?: unknown }).id;
    text = JSON.stringify({ id, type: 'result', result: fail(new Error('unserialisable result')) });
  }
  ws.send(text);
}

function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    // A peer that never answers the close handshake must not hold up shutdown.
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'Server stopping');
  });
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function splitTarget(target: string): [string, string] {
  const q = target.indexOf('?');
  return q === -1 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
}

function queryToken(target: string | undefined): string | undefined {
  if (!target) return undefined;
  return new URLSearchParams(splitTarget(target)[1]).get('token') ?? undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

type FileLookup = { kind: 'file'; path: string; size: number; mtimeMs: number; relative: string } | { kind: 'missing' } | { kind: 'refused' };

async function resolveFile(rootDir: string, rawPath: string): Promise<FileLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused' };
  }
  // Checked on the decoded text so '%2e%2e', '%2f' and '..%5c' cannot smuggle a parent segment past us.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s === '..' || s === '.')) {
    return { kind: 'refused' };
  }
  if (decoded === '/') decoded = '/index.html';
  const candidate = path.resolve(rootDir, `.${decoded}`);
  if (!isInside(rootDir, candidate)) return { kind: 'refused' };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { kind: 'missing' };
  }
  // A symlink inside the build output must not lead out of it either.
  if (!isInside(rootDir, real)) return { kind: 'refused' };
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return { kind: 'missing' };
  return { kind: 'file', path: real, size: info.size, mtimeMs: info.mtimeMs, relative: path.relative(rootDir, real).split(path.sep).join('/') };
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root + path.sep);
}

/** Vite's build output: `assets/<name>-<content hash>.<ext>`. Its name changes whenever its bytes do. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|css|woff2?|png|svg|webp)$/;

async function sendFile(req: IncomingMessage, res: ServerResponse, found: { path: string; size: number; mtimeMs: number; relative: string }): Promise<void> {
  const file = found.path;
  const ext = path.extname(file).toLowerCase();
  const isHtml = ext === '.html';
  // The HTML is the page the token unlocks: never keep it. A hashed asset never changes, so the browser
  // keeps it (and V8 its compiled code: no download and no compile on the next start). Anything else
  // revalidates against its size and time.
  const etag = `W/"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
  const cacheControl = isHtml ? 'no-store' : HASHED_ASSET.test(found.relative) ? 'private, max-age=31536000, immutable' : 'no-cache';
  if (!isHtml && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...SECURITY_HEADERS, ETag: etag, 'Cache-Control': cacheControl });
    res.end();
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': String(found.size),
    'Cache-Control': cacheControl,
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : { ETag: etag }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', resolve);
    stream.pipe(res);
  });
}

/** index.html with the boot snapshot inside (bootPage.ts); the file is read each time, as sendFile does. */
async function sendIndex(req: IncomingMessage, res: ServerResponse, file: string, snapshot: () => Promise<BootSnapshot | null>): Promise<void> {
  const [index, snap] = await Promise.all([readFile(file, 'utf8'), snapshot().catch(() => null)]);
  const page = bootPage(index, CONTENT_SECURITY_POLICY, snap);
  const body = Buffer.from(page.html, 'utf8');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': page.csp,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': '0', ...headers });
  res.end();
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
