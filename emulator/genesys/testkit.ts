/**
 * Handler-level test helpers for the Genesys service: a service on a frozen clock,
 * a caller context, and `ok`/`fail` that also record which tools each test file
 * exercised, so a file can assert it covered every tool both ways.
 */
import { createClock, type AdjustableClock } from '../core/clock';
import { NO_CONTENT, UpstreamError, type Scale, type ServiceModule, type ToolCallContext } from '../core/types';
import { createGenesysService } from './index';
import { TOOL_PREFIX } from './tools';

export const T0 = Date.parse('2025-06-02T12:00:00.000Z');

export interface Person {
  id: string;
  name: string;
  jid: string;
}
export interface RoomSummary {
  jid: string;
  subject: string;
  participants: number;
  isMember: boolean;
  isOwner: boolean;
  messages: number;
}
export interface Message {
  id: string;
  dateCreated: string;
  dateModified?: string;
  toJid: string;
  jid: string;
  body: string;
  mentions?: Record<string, string>;
  edited?: boolean;
  thread?: { id: string };
  parentThread?: { id: string };
  user: { id: string; selfUri: string };
  toUser?: { id: string; selfUri: string };
  reactions?: Array<{ emoji: string; users: Array<{ id: string; selfUri: string }> }>;
}
export interface Listing {
  entities: Message[];
}

export interface Kit {
  svc: ServiceModule;
  clock: AdjustableClock;
  ctx: ToolCallContext;
  me: { userId: string; jid: string; name: string };
  people: Person[];
  rooms: RoomSummary[];
  /** Call a tool by its short name (no `genesys_chat_` prefix) and expect success. */
  ok<T = Record<string, unknown>>(tool: string, args?: Record<string, unknown>): T;
  /** Call a tool and expect an UpstreamError; returns it. */
  fail(tool: string, args?: Record<string, unknown>): UpstreamError;
  control<T = unknown>(action: string, params?: Record<string, unknown>): T;
  succeeded: Set<string>;
  failed: Set<string>;
}

export function createKit(scale: Scale = 'tiny', seed = 1): Kit {
  const clock = createClock({ start: T0, frozen: true });
  const svc = createGenesysService({ seed, scale, clock });
  const ctx: ToolCallContext = { tokenUser: 'tester', pcid: 'pcid-genesys', clock };
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  const run = (tool: string, args: Record<string, unknown>) => {
    const handler = svc.tools[TOOL_PREFIX + tool];
    if (!handler) throw new Error(`no handler for ${tool}`);
    return handler({ PCID: ctx.pcid, ...args }, ctx);
  };
  const control = <T,>(action: string, params: Record<string, unknown> = {}) => svc.control(action, params) as T;
  return {
    svc,
    clock,
    ctx,
    me: control('me'),
    people: control('people'),
    get rooms() {
      return control<RoomSummary[]>('rooms');
    },
    ok<T>(tool: string, args: Record<string, unknown> = {}) {
      const out = run(tool, args);
      if (out instanceof Promise) throw new Error('handlers are synchronous');
      succeeded.add(tool);
      return out as T;
    },
    fail(tool, args = {}) {
      try {
        run(tool, args);
      } catch (err) {
        if (!(err instanceof UpstreamError)) throw err;
        failed.add(tool);
        return err;
      }
      throw new Error(`${tool} succeeded but a failure was expected`);
    },
    control,
    succeeded,
    failed,
  };
}

export { NO_CONTENT };
