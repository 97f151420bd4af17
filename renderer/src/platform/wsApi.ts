import type { Api, EventChannel, InvokeChannel } from '../../../shared/ipc/contract';
import type { ErrorCode, Result } from '../../../shared/ipc/result';
import { perfMark } from '../perfMark';

/**
 * The web host's transport: the same `Api` as Electron's preload, carried over one WebSocket to
 * `/ws` on the page's own host. The HttpOnly cookie set by the host authenticates the upgrade, so
 * no secret is ever visible to this code.
 *
 * Guarantees: every invoke settles (result, `network` when the socket drops, `timeout`), invokes
 * made while connecting are queued, and a dropped socket is re-opened with backoff.
 */

/** The part of the DOM WebSocket used here; structural so Node tests can pass `ws`'s client. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface WsApiOptions {
  /** Per-invoke limit; past it the invoke resolves to a `timeout` error. */
  timeoutMs?: number;
  /** A connection attempt that neither opens nor fails within this is abandoned. */
  connectTimeoutMs?: number;
  /** Reconnect delay: doubles from the first value up to the second, with jitter. */
  backoffMs?: { initial: number; max: number };
  WebSocket?: WebSocketFactory;
}

export interface WsApi extends Api {
  /** Stops reconnecting and settles every pending invoke as `cancelled`. */
  close(): void;
  /** The socket to the host opened (true) or dropped (false); returns the unsubscribe. */
  onConnection(listener: (open: boolean) => void): () => void;
}

type LocationLike = Pick<Location, 'protocol' | 'host'>;

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Still in the outbox: not yet handed to a socket. */
  frame: string | null;
}

const OPEN = 1;

export function createWsApi(location: LocationLike, options: WsApiOptions = {}): WsApi {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const backoff = options.backoffMs ?? { initial: 250, max: 10_000 };
  const Socket: WebSocketFactory | undefined = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketFactory | undefined);

  const pending = new Map<number, Pending>();
  const outbox: number[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const connectionListeners = new Set<(open: boolean) => void>();
  let reported: boolean | null = null;
  const report = (open: boolean) => {
    if (reported === open) return;
    reported = open;
    for (const l of [...connectionListeners]) l(open);
  };

  function settle(id: number, result: Result<unknown>): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  }

  function failure(code: ErrorCode, message: string): Result<never> {
    return { ok: false, error: { code, message } };
  }

  function flush(): void {
    if (!socket || socket.readyState !== OPEN) return;
    while (outbox.length > 0) {
      const id = outbox.shift() as number;
      const p = pending.get(id);
      if (!p || p.frame === null) continue;
      const frame = p.frame;
      p.frame = null;
      try {
        socket.send(frame);
      } catch {
        settle(id, failure('network', 'The connection to Switchboard was lost.'));
      }
    }
  }

  function connect(): void {
    if (closed || socket) return;
    if (!Socket) {
      failAll('network', 'This browser has no WebSocket support.');
      return;
    }
    let ws: WebSocketLike;
    try {
      ws = new Socket(url);
    } catch {
      failAll('network', 'Could not connect to Switchboard.');
      scheduleReconnect();
      return;
    }
    socket = ws;
    const connectTimer = setTimeout(() => {
      if (ws.readyState !== OPEN) ws.close();
    }, connectTimeoutMs);

    ws.onopen = () => {
      clearTimeout(connectTimer);
      // For the performance panel and the ui bench's start-up trace (the first one is the one that counts).
      perfMark('socket-open');
      attempt = 0;
      report(true);
      flush();
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') onFrame(ev.data);
    };
    ws.onerror = () => undefined; // always followed by close, which does the work
    ws.onclose = () => {
      clearTimeout(connectTimer);
      if (socket !== ws) return;
      socket = null;
      // Whether the host ran them is unknown, so in-flight invokes fail rather than being resent;
      // queued ones fail too, so a host that is gone (or refused us) never leaves the UI waiting.
      failAll('network', 'The connection to Switchboard was lost.');
      report(false);
      scheduleReconnect();
    };
  }

  function failAll(code: ErrorCode, message: string): void {
    outbox.length = 0;
    for (const id of [...pending.keys()]) settle(id, failure(code, message));
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const base = Math.min(backoff.max, backoff.initial * 2 ** attempt);
    attempt++;
    // Jitter spreads the reconnects of several tabs after the host restarts.
    const delay = base / 2 + Math.random() * (base / 2);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function onFrame(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const frame = msg as { type?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (frame.type === 'result' && typeof frame.id === 'number') {
      settle(frame.id, isResult(frame.result) ? frame.result : failure('protocol', 'Switchboard sent a reply this version cannot read.'));
    } else if (frame.type === 'event' && typeof frame.event === 'string') {
      const set = listeners.get(frame.event as EventChannel);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(frame.payload);
        } catch (err) {
          // One broken listener must not starve the others; surface it without stopping the loop.
          if (typeof globalThis.reportError === 'function') globalThis.reportError(err);
          else console.error(err);
        }
      }
    }
  }

  const api: WsApi = {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (closed) return Promise.resolve(failure('cancelled', 'The connection to Switchboard was closed.'));
      const id = nextId++;
      const frame = JSON.stringify({ id, type: 'invoke', channel, input: args[0] });
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => settle(id, failure('timeout', `Switchboard did not answer ${channel} in time.`)), timeoutMs);
        pending.set(id, { resolve, timer, frame });
        outbox.push(id);
        if (!socket) {
          // With the link known to be down, someone is waiting on this (a send, a click): try now
          // rather than after a backoff of up to 10 s, so a host that is still gone says so at once
          // (the attempt's failure fails the invoke) and one that is back answers at once. Before
          // the first report (the page starting) the invoke rides the attempt under way.
          if (reconnectTimer && reported === false) {
            clearTimeout(reconnectTimer);
            reconnectTimer = null;
          }
          if (!reconnectTimer) connect();
        }
        flush();
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const ws = socket;
      socket = null;
      failAll('cancelled', 'The connection to Switchboard was closed.');
      ws?.close(1000);
    },
  } as WsApi;

  // Connect at once so events (app:ready, changes) arrive even before the first invoke.
  connect();
  return api;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  if (r.ok === true) return true;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}
