import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import { createWsApi, type WsApi, type WsApiOptions, type WebSocketFactory } from '../../renderer/src/platform/wsApi';
import { startWebHost, type WebHost } from './server';
import { makeBackend, makeRendererDir, type TestBackend } from './testSupport';

/**
 * The renderer's transport against the real web host over real sockets. Node has no cookie jar, so
 * the factory adds what the browser would: the page's Origin and the host's cookie.
 */

let dirs: ReturnType<typeof makeRendererDir>;
let host: WebHost;
let backend: TestBackend;
let apis: WsApi[];

beforeEach(() => {
  dirs = makeRendererDir();
  apis = [];
});
afterEach(async () => {
  for (const api of apis) api.close();
  await host?.stop();
  dirs.cleanup();
});

function browserLike(h: { port: number; token: string }, cookie = `switchboard_${h.port}=${h.token}`): WebSocketFactory {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin: `http://127.0.0.1:${h.port}`, headers: { cookie } });
    }
  } as unknown as WebSocketFactory;
}

function api(h: WebHost, options: WsApiOptions = {}): WsApi {
  const created = createWsApi(
    { protocol: 'http:', host: `127.0.0.1:${h.port}` },
    { WebSocket: browserLike(h), backoffMs: { initial: 20, max: 100 }, timeoutMs: 5000, ...options },
  );
  apis.push(created);
  return created;
}

async function until(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const info: AppInfo = { name: 'Switchboard', version: '9.8.7', mode: 'demo', platform: 'test-os', host: 'web', keychain: { available: true } };

describe('createWsApi', () => {
  it('invokes right after creation: the call waits for the socket to open', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host);
    // Issued synchronously, before any 'open': only the outbox can carry it.
    const [a, b] = await Promise.all([client.invoke('app:info'), client.invoke('app:info')]);
    expect(a).toEqual({ ok: true, value: info });
    expect(b).toEqual({ ok: true, value: info });
  });

  it('passes the host’s error Results through unchanged', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host);
    const bad = await (client.invoke as (c: string, i?: unknown) => Promise<unknown>)('app:info', { nope: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await (client.invoke as (c: string) => Promise<unknown>)('vault:dump');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('delivers events to subscribers and stops after unsubscribe', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host);
    await client.invoke('app:info'); // connected
    const seenByA: unknown[] = [];
    const unsubscribeA = client.on('app:ready', (p) => seenByA.push(p));
    const first = deferred<unknown>();
    const second = deferred<unknown>();
    let count = 0;
    client.on('app:ready', (p) => (++count === 1 ? first : second).resolve(p));

    backend.emit('app:ready', { mode: 'demo' });
    expect(await first.promise).toEqual({ mode: 'demo' });
    expect(seenByA).toEqual([{ mode: 'demo' }]);

    unsubscribeA();
    backend.emit('app:ready', { mode: 'live' });
    // B sees the second event; A, called in the same loop over listeners, must not have.
    expect(await second.promise).toEqual({ mode: 'live' });
    expect(seenByA).toEqual([{ mode: 'demo' }]);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host);
    await client.invoke('app:info');
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      client.on('app:ready', () => {
        throw new Error('listener bug');
      });
      const got = deferred<unknown>();
      client.on('app:ready', got.resolve);
      backend.emit('app:ready', { mode: 'demo' });
      expect(await got.promise).toEqual({ mode: 'demo' });
      expect(String(errors[0])).toMatch(/listener bug/);
    } finally {
      console.error = original;
    }
  });

  it('fails an in-flight invoke with network when the host goes away, then reconnects', async () => {
    const started = deferred<void>();
    backend = makeBackend({
      'app:info': () => {
        started.resolve();
        return new Promise<AppInfo>(() => undefined); // never answers: only the drop can settle it
      },
    });
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const { port, token } = host;
    const client = api(host);
    const inFlight = client.invoke('app:info');
    await started.promise;
    await host.stop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'network' } });

    // Same port and token, as after a restart of `npm run web --port N`.
    host = await startWebHost({ port, token, rendererDir: dirs.rendererDir, backend: makeBackend() });
    expect(await client.invoke('app:info')).toEqual({ ok: true, value: info });
  });

  it('reports the link to the host: open, dropped, open again', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const { port, token } = host;
    const client = api(host);
    const seen: boolean[] = [];
    const off = client.onConnection((open) => seen.push(open));
    await client.invoke('app:info');
    expect(seen).toEqual([true]);
    await host.stop();
    await until(() => seen.length === 2);
    expect(seen).toEqual([true, false]);
    host = await startWebHost({ port, token, rendererDir: dirs.rendererDir, backend: makeBackend() });
    // The next invoke rides the reconnect.
    expect(await client.invoke('app:info')).toMatchObject({ ok: true });
    expect(seen).toEqual([true, false, true]);
    off();
  });

  it('with the link down, an invoke tries at once instead of waiting out the backoff: it fails fast while the host is gone and succeeds once it is back', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const { port, token } = host;
    // A backoff far longer than the test: only an attempt made for the invoke itself can answer it.
    const client = api(host, { backoffMs: { initial: 120_000, max: 120_000 }, timeoutMs: 120_000 });
    const seen: boolean[] = [];
    client.onConnection((open) => seen.push(open));
    await client.invoke('app:info');
    await host.stop();
    await until(() => seen.length === 2);
    const within = <T,>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), ms))]);
    expect(await within(client.invoke('app:info'), 3000)).toMatchObject({ ok: false, error: { code: 'network' } });
    host = await startWebHost({ port, token, rendererDir: dirs.rendererDir, backend: makeBackend() });
    expect(await within(client.invoke('app:info'), 3000)).toEqual({ ok: true, value: info });
    expect(seen).toEqual([true, false, true]);
  });

  it('fails queued invokes with network when the host refuses the connection', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = createWsApi(
      { protocol: 'http:', host: `127.0.0.1:${host.port}` },
      { WebSocket: browserLike(host, `switchboard_${host.port}=stale-cookie`), backoffMs: { initial: 20, max: 100 }, timeoutMs: 5000 },
    );
    apis.push(client);
    expect(await client.invoke('app:info')).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('fails with network when nothing listens at all', async () => {
    backend = makeBackend();
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    await host.stop();
    const client = api(host);
    expect(await client.invoke('app:info')).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('times out an invoke the host never answers, and later invokes still work', async () => {
    let calls = 0;
    backend = makeBackend({
      'app:info': (_i, ctx) => (++calls === 1 ? new Promise<AppInfo>(() => undefined) : { ...info, host: ctx.host }),
    });
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host, { timeoutMs: 150 });
    const started = Date.now();
    expect(await client.invoke('app:info')).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await client.invoke('app:info')).toEqual({ ok: true, value: info });
  });

  it('settles pending invokes as cancelled on close and refuses new ones', async () => {
    backend = makeBackend({ 'app:info': () => new Promise<AppInfo>(() => undefined) });
    host = await startWebHost({ rendererDir: dirs.rendererDir, backend });
    const client = api(host);
    const pending = client.invoke('app:info');
    client.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await client.invoke('app:info')).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('builds ws:// or wss:// from the page location', async () => {
    const urls: string[] = [];
    const Recorder = class {
      readyState = 0;
      onopen = null;
      onclose: ((ev: unknown) => void) | null = null;
      onerror = null;
      onmessage = null;
      constructor(url: string) {
        urls.push(url);
      }
      send(): void {}
      close(): void {}
    } as unknown as WebSocketFactory;
    createWsApi({ protocol: 'http:', host: 'localhost:5173' }, { WebSocket: Recorder }).close();
    createWsApi({ protocol: 'https:', host: 'switchboard.example' }, { WebSocket: Recorder }).close();
    expect(urls).toEqual(['ws://localhost:5173/ws', 'wss://switchboard.example/ws']);
  });
});
