import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { EventChannel, Handlers } from '../../shared/ipc/contract';
import { Vault, type KeychainBackend } from '../backend/vault/vault';
import { createBackend } from '../backend';

/** Test helpers shared by the web host's suites: a throwaway renderer build, a backend whose events the test drives, raw HTTP and WebSocket clients. */

export const INDEX_HTML = '<!doctype html><html><head><title>Switchboard</title></head><body><div id="root"></div></body></html>';
export const SECRET = 'outside-the-renderer-dir-secret';

export function makeRendererDir(): { root: string; rendererDir: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'sb-web-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  // A build output name (content hash): served as immutable.
  writeFileSync(path.join(rendererDir, 'assets', 'index-CwRNnObd.js'), 'console.log("hashed");');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  return { root, rendererDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TestBackend {
  handlers: Handlers;
  onEvent(listener: (event: EventChannel, payload: unknown) => void): () => void;
  /** Emits like the backend would, including names outside the contract (which hosts must drop). */
  emit(event: string, payload: unknown): void;
  listenerCount(): number;
}

function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  return {
    getPassword: async (service, account) => items.get(`${service}\u0000${account}`) ?? null,
    setPassword: async (service, account, password) => void items.set(`${service}\u0000${account}`, password),
    deletePassword: async (service, account) => items.delete(`${service}\u0000${account}`),
    findCredentials: async (service) => [...items].filter(([k]) => k.startsWith(`${service}\u0000`)).map(([k, password]) => ({ account: k.slice(service.length + 1), password })),
  };
}

export function makeBackend(overrides: Partial<Handlers> = {}): TestBackend {
  // The host tests are about transport and security, not the keychain: an in-memory keychain keeps
  // app:info the same whether or not the machine running them has a keyring session.
  const real = createBackend({ version: '9.8.7', host: 'web', platform: 'test-os', workspace: 'none', vault: new Vault({ keychain: memoryKeychain() }) });
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  return {
    handlers: { ...real.handlers, ...overrides },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners) l(event as EventChannel, payload);
    },
    listenerCount: () => listeners.size,
  };
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export async function get(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpReply> {
  const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers: { host: `127.0.0.1:${port}`, ...headers } });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}

export type Upgrade = { ws: WebSocket; status?: undefined } | { ws?: undefined; status: number };

export function connect(port: number, opts: { origin?: string; cookie?: string; host?: string; target?: string } = {}): Promise<Upgrade> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.host) headers.host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${opts.target ?? '/ws'}`, {
    headers,
    ...(opts.origin ? { origin: opts.origin } : {}),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Resolves with the next text frame, parsed. */
export async function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  const [data] = (await once(ws, 'message')) as [Buffer];
  return JSON.parse(data.toString('utf8')) as Record<string, unknown>;
}

export async function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) throw new Error('already closed; listen before triggering the close');
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  return { code, reason: reason.toString('utf8') };
}
