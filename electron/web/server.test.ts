import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { connect as netConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import { CONTENT_SECURITY_POLICY, startWebHost, type WebHost } from './server';
import { INDEX_HTML, SECRET, closed, connect, get, makeBackend, makeRendererDir, nextMessage, type TestBackend } from './testSupport';

let dirs: ReturnType<typeof makeRendererDir>;
let backend: TestBackend;
let host: WebHost;
let origin: string;
let cookie: string;

beforeAll(async () => {
  dirs = makeRendererDir();
  backend = makeBackend({
    // Only for the test that checks a throwing handler never leaks its message or stack.
    'app:info': (_input, ctx) => {
      if (throwNext) {
        throwNext = false;
        throw new Error('database password is hunter2');
      }
      return { name: 'Switchboard', version: '9.8.7', mode: 'demo', platform: 'test-os', host: ctx.host, keychain: { available: true } };
    },
  });
  host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
  origin = `http://127.0.0.1:${host.port}`;
  cookie = `switchboard_${host.port}=${host.token}`;
});
afterAll(async () => {
  await host.stop();
  dirs.cleanup();
});
let throwNext = false;

async function open(extra: { origin?: string; cookie?: string } = {}): Promise<WebSocket> {
  const up = await connect(host.port, { origin, cookie, ...extra });
  if (!up.ws) throw new Error(`upgrade refused with ${up.status}`);
  return up.ws;
}

/** 'connected', or the error code of the failed TCP connect. */
function tryConnect(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
  });
}

async function invoke(ws: WebSocket, frame: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = nextMessage(ws);
  ws.send(JSON.stringify(frame));
  return reply;
}

describe('startup', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = host.address();
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(host.port).toBe(address.port);
    expect(host.port).toBeGreaterThan(0);
  });

  it('is unreachable on every other interface of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      // Link-local addresses need a scope to dial at all; any other address must refuse.
      .filter((i) => i && !i.internal && !i.address.startsWith('fe80:'))
      .map((i) => i!.address);
    for (const address of others) {
      expect(await tryConnect(address, host.port), address).toBe('ECONNREFUSED');
    }
    // And not on IPv6 loopback either: binding '::' or 'localhost' would have answered here.
    expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH']).toContain(await tryConnect('::1', host.port));
  });

  it('prints a URL carrying a fresh 256-bit token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    const other = await startWebHost({ rendererDir: dirs.rendererDir, backend: makeBackend() });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.stop();
    }
  });

  it('uses the given port and token', async () => {
    const probe = await startWebHost({ rendererDir: dirs.rendererDir, backend: makeBackend() });
    const port = probe.port;
    await probe.stop();
    const fixed = await startWebHost({ port, token: 'a-fixed-test-token-1234', rendererDir: dirs.rendererDir, backend: makeBackend() });
    try {
      expect(fixed.port).toBe(port);
      expect(fixed.url).toBe(`http://127.0.0.1:${port}/?token=a-fixed-test-token-1234`);
      expect((await get(port, '/', { cookie: `switchboard_${port}=a-fixed-test-token-1234` })).status).toBe(200);
    } finally {
      await fixed.stop();
    }
  });

  it('refuses a token that could not travel in a URL or cookie', async () => {
    await expect(startWebHost({ token: 'short', rendererDir: dirs.rendererDir, backend: makeBackend() })).rejects.toThrow(/token/);
    await expect(startWebHost({ token: 'has;a;semicolon;and=more', rendererDir: dirs.rendererDir, backend: makeBackend() })).rejects.toThrow(/token/);
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startWebHost({ rendererDir: `${dirs.root}/nope`, backend: makeBackend() })).rejects.toThrow(/not built/);
    await expect(startWebHost({ rendererDir: dirs.root, backend: makeBackend() })).rejects.toThrow(/index\.html/);
  });
});

describe('HTTP authentication', () => {
  it('refuses every path without the token, with no content', async () => {
    for (const target of ['/', '/index.html', '/assets/app.js', '/missing.js']) {
      const res = await get(host.port, target);
      expect(res.status, target).toBe(403);
      expect(res.body, target).toBe('');
      expect(res.headers['set-cookie'], target).toBeUndefined();
    }
  });

  it('refuses a wrong token, in the query or the cookie', async () => {
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(host.port, `/?token=${wrong}`)).status).toBe(403);
    expect((await get(host.port, '/?token=')).status).toBe(403);
    expect((await get(host.port, '/', { cookie: `switchboard_${host.port}=${wrong}` })).status).toBe(403);
    // The right value under another port's name belongs to another host.
    expect((await get(host.port, '/', { cookie: `switchboard_1=${host.token}` })).status).toBe(403);
  });

  it('trades the right token for a strict HttpOnly cookie and takes it out of the address bar', async () => {
    const res = await get(host.port, `/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.body).toBe('');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    const [pair, ...attrs] = setCookie.split(';').map((s) => s.trim());
    expect(pair).toBe(cookie);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('keeps other query parameters and never redirects off-site', async () => {
    const res = await get(host.port, `//evil.example/x?a=1&token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/evil.example/x?a=1');
  });

  it('serves the app with the cookie, with the security headers', async () => {
    const res = await get(host.port, '/', { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Switchboard</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(String(res.headers['content-security-policy']).split('; ')).toContain(directive);
    }
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('puts the backend\'s boot snapshot inside the page, its style allowed by a nonce of that response only', async () => {
    const built = makeRendererDir();
    writeFileSync(path.join(built.rendererDir, 'index.html'), INDEX_HTML.replace('</head>', '<script type="module" src="/assets/index-CwRNnObd.js"></script></head>'));
    const snapshot = { build: '/assets/index-CwRNnObd.js', theme: 'dark' as const, html: '<div role="option" data-boot-style="0">Ops</div>', css: '[data-boot-style="0"]{height: 64px;}' };
    const pictured = await startWebHost({ rendererDir: built.rendererDir, backend: { ...backend, bootSnapshot: async () => snapshot } });
    try {
      const c = { cookie: `switchboard_${pictured.port}=${pictured.token}` };
      const res = await get(pictured.port, '/', c);
      expect(res.status).toBe(200);
      const policy = String(res.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
      expect(policy.replace(` 'nonce-${nonce}'`, '')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.body).toContain(`<style nonce="${nonce}" id="boot-style">[data-boot-style="0"]{height: 64px;}</style>`);
      expect(res.body).toContain('<html data-theme="dark">');
      expect(res.body).toContain('<div id="boot" inert aria-hidden="true"><div role="option" data-boot-style="0">Ops</div></div><div id="root">');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)));
      expect(String((await get(pictured.port, '/', c)).headers['content-security-policy'])).not.toContain(nonce);
    } finally {
      await pictured.stop();
      built.cleanup();
    }
  });

  it('serves assets with their mime types', async () => {
    const js = await get(host.port, '/assets/app.js', { cookie });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect(js.body).toBe('console.log("app");');
    const css = await get(host.port, '/assets/app.css', { cookie });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get(host.port, '/assets/app.js', { cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("app");'.length));
    expect(head.body).toBe('');
  });

  it('lets the browser keep hashed build assets, revalidates the rest and never keeps the page', async () => {
    const hashed = await get(host.port, '/assets/index-CwRNnObd.js', { cookie });
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const plain = await get(host.port, '/assets/app.js', { cookie });
    expect(plain.headers['cache-control']).toBe('no-cache');
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get(host.port, '/assets/app.js', { cookie, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const stale = await get(host.port, '/assets/app.js', { cookie, 'if-none-match': 'W/"0-0"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe('console.log("app");');
    // The page itself: no validator, nothing kept.
    const page = await get(host.port, '/', { cookie });
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('accepts the token in the query on an asset too', async () => {
    const res = await get(host.port, `/assets/app.js?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/assets/app.js');
  });

  it('answers 404 for a missing file and a directory, 405 for other methods', async () => {
    expect((await get(host.port, '/nope.js', { cookie })).status).toBe(404);
    expect((await get(host.port, '/assets/', { cookie })).status).toBe(404);
    expect((await get(host.port, '/assets', { cookie })).status).toBe(404);
    const post = await get(host.port, '/', { cookie }, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/%2E%2E/secret.txt'],
    ['/..%2fsecret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/assets/%00app.js'],
    ['/%E0%A4%A'],
  ])('refuses the traversal %s', async (target) => {
    const res = await get(host.port, target, { cookie });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('Host and Origin checks', () => {
  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1:1'], ['localhost:1'], ['127.0.0.1'], ['0.0.0.0:PORT'], ['[::1]:PORT']])(
    'refuses Host %s even with the cookie',
    async (hostHeader) => {
      const res = await get(host.port, '/', { cookie, host: hostHeader.replace('PORT', String(host.port)) });
      expect(res.status).toBe(421);
      expect(res.body).toBe('');
    },
  );

  it('refuses a request with no Host at all (HTTP/1.0)', async () => {
    const socket = netConnect({ host: '127.0.0.1', port: host.port });
    await once(socket, 'connect');
    socket.write(`GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`);
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    expect(text).toMatch(/^HTTP\/1\.\d 421/);
  });

  it('accepts localhost as well as 127.0.0.1', async () => {
    const res = await get(host.port, '/', { cookie, host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` });
    expect(res.status).toBe(200);
  });

  it.each([['https://evil.example'], ['null'], ['http://127.0.0.1:1'], ['https://127.0.0.1:PORT'], ['http://127.0.0.1.evil.example:PORT']])(
    'refuses Origin %s even with the cookie',
    async (foreign) => {
      const res = await get(host.port, '/assets/app.js', { cookie, origin: foreign.replace('PORT', String(host.port)) });
      expect(res.status).toBe(403);
      expect(res.body).toBe('');
    },
  );

  it('accepts its own Origin', async () => {
    expect((await get(host.port, '/assets/app.js', { cookie, origin })).status).toBe(200);
  });
});

describe('WebSocket upgrade', () => {
  it('opens with the cookie and our Origin', async () => {
    const ws = await open();
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('opens with the token in the query instead of the cookie', async () => {
    const up = await connect(host.port, { origin, target: `/ws?token=${host.token}` });
    expect(up.ws?.readyState).toBe(WebSocket.OPEN);
    up.ws?.close();
  });

  it('refuses an upgrade without Origin, even with the cookie', async () => {
    expect(await connect(host.port, { cookie })).toEqual({ status: 403 });
  });

  it('refuses a foreign Origin', async () => {
    expect(await connect(host.port, { cookie, origin: 'https://evil.example' })).toEqual({ status: 403 });
    expect(await connect(host.port, { cookie, origin: 'http://localhost:1' })).toEqual({ status: 403 });
  });

  it('refuses without the cookie or with a wrong one', async () => {
    expect(await connect(host.port, { origin })).toEqual({ status: 403 });
    expect(await connect(host.port, { origin, cookie: `switchboard_${host.port}=nope` })).toEqual({ status: 403 });
  });

  it('refuses a foreign Host', async () => {
    expect(await connect(host.port, { origin, cookie, host: `evil.example:${host.port}` })).toEqual({ status: 421 });
    expect(await connect(host.port, { origin, cookie, host: '127.0.0.1:1' })).toEqual({ status: 421 });
  });

  it('upgrades only at /ws', async () => {
    expect(await connect(host.port, { origin, cookie, target: '/socket' })).toEqual({ status: 404 });
  });
});

describe('WebSocket protocol', () => {
  let ws: WebSocket;
  afterEach(() => ws?.close());

  it('answers app:info with host web', async () => {
    ws = await open();
    const reply = await invoke(ws, { id: 1, type: 'invoke', channel: 'app:info' });
    expect(reply).toEqual({
      id: 1,
      type: 'result',
      result: { ok: true, value: { name: 'Switchboard', version: '9.8.7', mode: 'demo', platform: 'test-os', host: 'web', keychain: { available: true } } },
    });
  });

  it('keeps string ids and answers concurrent invokes by id', async () => {
    ws = await open();
    const replies: Record<string, unknown>[] = [];
    const both = new Promise<void>((resolve) =>
      ws.on('message', (d: Buffer) => {
        replies.push(JSON.parse(String(d)) as Record<string, unknown>);
        if (replies.length === 2) resolve();
      }),
    );
    ws.send(JSON.stringify({ id: 'a', type: 'invoke', channel: 'app:info' }));
    ws.send(JSON.stringify({ id: 'b', type: 'invoke', channel: 'nope:nope' }));
    await both;
    const byId = Object.fromEntries(replies.map((r) => [r.id, r.result])) as Record<string, { ok: boolean }>;
    expect(byId.a?.ok).toBe(true);
    expect(byId.b?.ok).toBe(false);
  });

  it('rejects an unknown channel', async () => {
    ws = await open();
    const reply = await invoke(ws, { id: 2, type: 'invoke', channel: 'vault:dump' });
    expect(reply).toMatchObject({ id: 2, type: 'result', result: { ok: false, error: { code: 'unknown_channel' } } });
  });

  it('rejects bad input before the handler runs', async () => {
    ws = await open();
    const reply = await invoke(ws, { id: 3, type: 'invoke', channel: 'app:info', input: { evil: true } });
    expect(reply).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid_input' } } });
  });

  it('answers an unknown frame type with a protocol error', async () => {
    ws = await open();
    const reply = await invoke(ws, { id: 4, type: 'subscribe', channel: 'app:info' });
    expect(reply).toMatchObject({ id: 4, result: { ok: false, error: { code: 'protocol' } } });
  });

  it('turns a throwing handler into a generic internal error', async () => {
    ws = await open();
    throwNext = true;
    const reply = await invoke(ws, { id: 5, type: 'invoke', channel: 'app:info' });
    expect(reply).toMatchObject({ id: 5, result: { ok: false, error: { code: 'internal' } } });
    expect(JSON.stringify(reply)).not.toMatch(/hunter2|at .*\.ts/);
  });

  it.each([
    ['not JSON', '{"id": 1, "type": '],
    ['JSON without an id', JSON.stringify({ type: 'invoke', channel: 'app:info' })],
    ['an array', '[1,2,3]'],
    ['a bare number', '42'],
    ['an object id', JSON.stringify({ id: { x: 1 }, type: 'invoke', channel: 'app:info' })],
  ])('closes with 1003 on %s and keeps serving others', async (_name, text) => {
    ws = await open();
    const bystander = await open();
    const gone = closed(ws);
    ws.send(text);
    expect((await gone).code).toBe(1003);
    // The host is alive: the other tab and a new connection are still answered.
    expect(await invoke(bystander, { id: 6, type: 'invoke', channel: 'app:info' })).toMatchObject({ result: { ok: true } });
    const fresh = await open();
    expect(await invoke(fresh, { id: 7, type: 'invoke', channel: 'app:info' })).toMatchObject({ result: { ok: true } });
    bystander.close();
    fresh.close();
  });

  it('closes with 1003 on a binary frame', async () => {
    ws = await open();
    const gone = closed(ws);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await gone).code).toBe(1003);
  });

  it('closes with 1009 on a frame over the size cap and keeps serving', async () => {
    ws = await open();
    const gone = closed(ws);
    ws.send(JSON.stringify({ id: 8, type: 'invoke', channel: 'app:info', input: 'x'.repeat(1024 * 1024 + 1) }));
    expect((await gone).code).toBe(1009);
    const fresh = await open();
    expect(await invoke(fresh, { id: 9, type: 'invoke', channel: 'app:info' })).toMatchObject({ result: { ok: true } });
    fresh.close();
  });

  it('pushes contract events to every connected tab, and nothing else', async () => {
    ws = await open();
    const second = await open();
    const first = nextMessage(ws);
    const other = nextMessage(second);
    // Not in the contract: must not be forwarded (the next frame each tab sees is app:ready).
    backend.emit('vault:unlocked', { secret: 'x' });
    backend.emit('app:ready', { mode: 'demo' });
    expect(await first).toEqual({ type: 'event', event: 'app:ready', payload: { mode: 'demo' } });
    expect(await other).toEqual({ type: 'event', event: 'app:ready', payload: { mode: 'demo' } });
    second.close();
  });
});

describe('stop', () => {
  it('closes open sockets with 1001, unsubscribes from the backend and frees the port', async () => {
    const own = makeBackend();
    const h = await startWebHost({ rendererDir: dirs.rendererDir, backend: own });
    expect(own.listenerCount()).toBe(1);
    const up = await connect(h.port, { origin: `http://127.0.0.1:${h.port}`, cookie: `switchboard_${h.port}=${h.token}` });
    const gone = closed(up.ws!);
    await h.stop();
    expect((await gone).code).toBe(1001);
    expect(own.listenerCount()).toBe(0);
    await expect(get(h.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await h.stop(); // idempotent
  });

  it('still stops when a handler never answers', async () => {
    const own = makeBackend({ 'app:info': () => new Promise(() => undefined) });
    const h = await startWebHost({ rendererDir: dirs.rendererDir, backend: own });
    const up = await connect(h.port, { origin: `http://127.0.0.1:${h.port}`, cookie: `switchboard_${h.port}=${h.token}` });
    up.ws!.send(JSON.stringify({ id: 1, type: 'invoke', channel: 'app:info' }));
    const gone = closed(up.ws!);
    await h.stop();
    expect((await gone).code).toBe(1001);
  });
});

// Handlers speak to the user by throwing AppError: that message (and only that) must arrive intact.
it('passes an AppError message through to the tab', async () => {
  const own = makeBackend({
    'app:info': () => {
      throw new AppError('unavailable', 'Demo workspace is still starting.');
    },
  });
  const h = await startWebHost({ rendererDir: dirs.rendererDir, backend: own });
  try {
    const up = await connect(h.port, { origin: `http://127.0.0.1:${h.port}`, cookie: `switchboard_${h.port}=${h.token}` });
    const reply = await invoke(up.ws!, { id: 1, type: 'invoke', channel: 'app:info' });
    expect(reply).toEqual({ id: 1, type: 'result', result: { ok: false, error: { code: 'unavailable', message: 'Demo workspace is still starting.' } } });
    up.ws!.close();
  } finally {
    await h.stop();
  }
});
