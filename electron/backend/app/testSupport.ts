import type { EventChannel, InvokeChannel } from '../../../shared/ipc/contract';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { Result } from '../../../shared/ipc/result';
import type { KeychainBackend } from '../vault/vault';
import type { Backend } from './createBackend';

/** Test helpers for the app's channel tests: every reply and event is kept for the secret scans. */

export function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  return {
    getPassword: async (s, a) => items.get(`${s}\u0000${a}`) ?? null,
    setPassword: async (s, a, p) => void items.set(`${s}\u0000${a}`, p),
    deletePassword: async (s, a) => items.delete(`${s}\u0000${a}`),
    findCredentials: async (s) => [...items].filter(([k]) => k.startsWith(`${s}\u0000`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  };
}

export const noKeychain: KeychainBackend = {
  getPassword: () => Promise.reject(new Error('no secret service')),
  setPassword: () => Promise.reject(new Error('no secret service')),
  deletePassword: () => Promise.reject(new Error('no secret service')),
  findCredentials: () => Promise.reject(new Error('no secret service')),
};

export interface Caller {
  call<T = unknown>(channel: InvokeChannel | string, input?: unknown): Promise<Result<T>>;
  ok<T = unknown>(channel: InvokeChannel, input?: unknown): Promise<T>;
  /** The error of a call that must fail. */
  fails(channel: InvokeChannel, input?: unknown): Promise<{ code: string; message: string; field?: string }>;
  seen: unknown[];
  events: Array<{ event: EventChannel; payload: unknown }>;
}

export function caller(backend: () => Backend): Caller {
  const seen: unknown[] = [];
  const events: Array<{ event: EventChannel; payload: unknown }> = [];
  let subscribed: Backend | null = null;
  const sub = () => {
    const b = backend();
    if (subscribed !== b) {
      subscribed = b;
      b.onEvent((event, payload) => events.push({ event, payload }));
    }
    return b;
  };
  const c: Caller = {
    seen,
    events,
    async call<T>(channel: InvokeChannel | string, input?: unknown) {
      const res = (await dispatch(sub().handlers, channel, input, { host: 'web' })) as Result<T>;
      seen.push(res);
      return res;
    },
    async ok<T>(channel: InvokeChannel, input?: unknown) {
      const res = await c.call<T>(channel, input);
      if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
      return res.value;
    },
    async fails(channel: InvokeChannel, input?: unknown) {
      const res = await c.call(channel, input);
      if (res.ok) throw new Error(`${channel} succeeded but should have failed: ${JSON.stringify(res.value).slice(0, 300)}`);
      return res.error;
    },
  };
  return c;
}

export async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
