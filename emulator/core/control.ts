import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from './activity';
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus } from './connections';
import type { CounterSnapshot } from './counters';
import type { FaultSettings } from './faults';
import { readBody, sendJson } from './http';
import { BINARY_MODES, ERROR_MODES } from './results';
import type { CoreState, RuntimeConfig } from './state';
import { UpstreamError } from './types';

export interface CountersView extends CounterSnapshot {
  /** Live sliding-window usage per token user. */
  rateLimit: Record<string, { hour: number; day: number; perHour: number; perDay: number }>;
  activity: { perMinute: number; errors: number; lastError?: string };
}

/** The same operations as `/__control/*`, for callers in the same process. */
export interface EmulatorControl {
  /** Run a service-specific action (post as another user …); see the service's README for actions. */
  act(service: string, action: string, params?: Record<string, unknown>): unknown;
  /** Move the shared clock forward; returns the new reading (ms since epoch). */
  advanceClock(ms: number): number;
  now(): number;
  getFaults(): FaultSettings;
  /** Merge a partial update; throws RangeError on a bad value. */
  setFaults(patch: Partial<FaultSettings>): FaultSettings;
  counters(): CountersView;
  resetCounters(): void;
  setActivity(perMinute: number): void;
  /** Run one world event now. */
  tickActivity(): void;
  getConfig(): RuntimeConfig;
  setConfig(patch: Partial<RuntimeConfig>): RuntimeConfig;
  /** Expire every token issued so far (exercise the client's refresh path). */
  expireTokens(): number;
  connections(): Connection[];
  setConnectionStatus(id: string, status: ConnectionStatus): Connection;
  /** Per-service counts (rooms, chats, messages …). */
  stats(): Record<string, Record<string, number>>;
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function nonNegativeNumber(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ControlError(400, `${name} must be a non-negative number`);
  return v;
}

export function createControl(state: CoreState, activity: Activity): EmulatorControl {
  return {
    act(service, action, params = {}) {
      const module = state.services[service];
      if (!module) throw new ControlError(404, `unknown service '${service}' (expected ${Object.keys(state.services).join(' or ')})`);
      if (typeof action !== 'string' || action === '') throw new ControlError(400, 'action is required');
      return module.control(action, params);
    },
    advanceClock(ms) {
      return state.clock.advance(nonNegativeNumber('advanceMs', ms));
    },
    now: () => state.clock.now(),
    getFaults: () => structuredClone(state.faults.settings),
    setFaults(patch) {
      try {
        return structuredClone(state.faults.update(patch));
      } catch (err) {
        throw new ControlError(400, err instanceof Error ? err.message : String(err));
      }
    },
    counters: () => ({
      ...state.counters.snapshot(),
      rateLimit: state.limiter.usage(),
      activity: { perMinute: activity.perMinute, errors: activity.errors, ...(activity.lastError ? { lastError: activity.lastError } : {}) },
    }),
    resetCounters() {
      state.counters.reset();
    },
    setActivity(perMinute) {
      activity.set(nonNegativeNumber('perMinute', perMinute));
    },
    tickActivity: () => activity.tick(),
    getConfig: () => ({ ...state.config }),
    setConfig(patch) {
      const next = { ...state.config };
      for (const [key, value] of Object.entries(patch ?? {})) {
        switch (key) {
          case 'errorMode':
            if (!ERROR_MODES.includes(value as never)) throw new ControlError(400, `errorMode must be one of ${ERROR_MODES.join(', ')}`);
            next.errorMode = value as RuntimeConfig['errorMode'];
            break;
          case 'binaryMode':
            if (!BINARY_MODES.includes(value as never)) throw new ControlError(400, `binaryMode must be one of ${BINARY_MODES.join(', ')}`);
            next.binaryMode = value as RuntimeConfig['binaryMode'];
            break;
          case 'sseReplies':
            if (typeof value !== 'boolean') throw new ControlError(400, 'sseReplies must be a boolean');
            next.sseReplies = value;
            break;
          case 'ratePerHour':
          case 'ratePerDay':
          case 'fileUrlTtl':
            next[key] = nonNegativeNumber(key, value);
            break;
          case 'tokenTtl':
            if (nonNegativeNumber(key, value) === 0) throw new ControlError(400, 'tokenTtl must be positive');
            next.tokenTtl = value as number;
            break;
          default:
            throw new ControlError(400, `unknown config key '${key}'`);
        }
      }
      state.config = next;
      state.limiter.settings = { perHour: next.ratePerHour, perDay: next.ratePerDay };
      state.tokens.setTtl(next.tokenTtl);
      state.files.ttlMs = next.fileUrlTtl * 1000;
      return { ...next };
    },
    expireTokens: () => state.tokens.expireAll(),
    connections: () => state.connections.map((c) => ({ ...c })),
    setConnectionStatus(id, status) {
      const conn = state.connections.find((c) => c.id === id);
      if (!conn) throw new ControlError(404, `unknown connection '${id}'`);
      if (!CONNECTION_STATUSES.includes(status)) throw new ControlError(400, `status must be one of ${CONNECTION_STATUSES.join(', ')}`);
      conn.status = status;
      return { ...conn };
    },
    stats() {
      const out: Record<string, Record<string, number>> = {};
      for (const [name, module] of Object.entries(state.services)) out[name] = module.stats();
      return out;
    },
  };
}

type Route = (control: EmulatorControl, body: Record<string, unknown>) => unknown;

const ROUTES: Record<string, Route> = {
  'POST /__control/act': (c, b) => c.act(String(b.service ?? ''), String(b.action ?? ''), (b.params as Record<string, unknown>) ?? {}),
  'GET /__control/clock': (c) => ({ now: c.now() }),
  'POST /__control/clock': (c, b) => ({ now: c.advanceClock(b.advanceMs as number) }),
  'GET /__control/faults': (c) => c.getFaults(),
  'PUT /__control/faults': (c, b) => c.setFaults(b as Partial<FaultSettings>),
  'GET /__control/counters': (c) => c.counters(),
  'POST /__control/reset-counters': (c) => {
    c.resetCounters();
    return { ok: true };
  },
  'POST /__control/activity': (c, b) => {
    if (b.tick === true) c.tickActivity();
    if (b.perMinute !== undefined) c.setActivity(b.perMinute as number);
    return { perMinute: c.counters().activity.perMinute };
  },
  'GET /__control/config': (c) => c.getConfig(),
  'PUT /__control/config': (c, b) => c.setConfig(b as Partial<RuntimeConfig>),
  'POST /__control/expire-tokens': (c) => ({ expired: c.expireTokens() }),
  'GET /__control/connections': (c) => c.connections(),
  'POST /__control/connections': (c, b) => c.setConnectionStatus(String(b.id ?? ''), b.status as ConnectionStatus),
  'GET /__control/stats': (c) => c.stats(),
};

/** `/__control/*` over HTTP. Answers 404 for everything when control is disabled. */
export async function handleControlHttp(state: CoreState, control: EmulatorControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = state.opts.enableControl ? ROUTES[`${req.method} ${path}`] : undefined;
  const finish = (status: number, value: unknown) => {
    sendJson(res, status, value ?? null);
  };
  if (!route) return finish(404, { error: 'not_found', message: state.opts.enableControl ? `no control route ${req.method} ${path}` : 'not found' });
  let body: Record<string, unknown> = {};
  const text = await readBody(req, 1024 * 1024);
  if (text.trim() !== '') {
    // A JSON Content-Type forces a CORS preflight, so a web page cannot drive the control API.
    if (!(req.headers['content-type'] ?? '').includes('application/json')) {
      return finish(415, { error: 'unsupported_media_type', message: 'send the body as application/json' });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return finish(400, { error: 'bad_request', message: 'body must be a JSON object' });
      body = parsed as Record<string, unknown>;
    } catch {
      return finish(400, { error: 'bad_request', message: 'body is not valid JSON' });
    }
  }
  try {
    let value = route(control, body);
    if (value instanceof Promise) value = await value;
    finish(200, value === undefined ? { ok: true } : value);
  } catch (err) {
    if (err instanceof ControlError) return finish(err.status, { error: 'control_error', message: err.message });
    if (err instanceof UpstreamError) return finish(err.status, { error: 'upstream_error', message: err.message, status: err.status, body: err.body });
    // A hook that throws a plain Error was almost always given a bad action or params.
    finish(400, { error: 'bad_request', message: err instanceof Error ? err.message : String(err) });
  }
}
