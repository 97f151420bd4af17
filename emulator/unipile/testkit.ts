/** Shared set-up for this folder's tests: a service on a hand-driven clock and call helpers. */
import { UpstreamError, type Scale, type ToolCallContext } from '../core/types';
import { createUnipileService, type UnipileService } from './index';

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface ManualClock {
  now(): number;
  advance(ms: number): number;
  set(ms: number): void;
}

export function manualClock(start = T0): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => (t += ms),
    set: (ms) => {
      t = ms;
    },
  };
}

export interface Kit {
  svc: UnipileService;
  clock: ManualClock;
  /** Call a tool by its short name (without the `unipile_messaging_` prefix). */
  call<T = any>(tool: string, args?: Record<string, unknown>): T;
  /** Call a tool that must fail; returns the UpstreamError. */
  fail(tool: string, args?: Record<string, unknown>): UpstreamError;
}

export function kit(scale: Scale = 'tiny', seed = 42, start = T0): Kit {
  const clock = manualClock(start);
  const svc = createUnipileService({ seed, scale, clock });
  const ctx: ToolCallContext = { tokenUser: 'test-user', pcid: 'pcid-test', clock };
  const call = (tool: string, args: Record<string, unknown> = {}) => {
    const handler = svc.tools[`unipile_messaging_${tool}`];
    if (!handler) throw new Error(`no tool ${tool}`);
    return handler({ PCID: 'pcid-test', ...args }, ctx) as any;
  };
  const fail = (tool: string, args: Record<string, unknown> = {}) => {
    try {
      call(tool, args);
    } catch (err) {
      if (err instanceof UpstreamError) return err;
      throw err;
    }
    throw new Error(`${tool} succeeded but a failure was expected`);
  };
  return { svc, clock, call, fail };
}

/** Every page of a list tool, following cursors; fails loudly on a runaway loop. */
export function allPages<T = any>(k: Kit, tool: string, args: Record<string, unknown>, maxPages = 10_000): { items: T[]; pages: number } {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: T[]; cursor: string | null } = k.call(tool, cursor ? { ...pick(args, ['chat_id', 'attendee_id', 'sender_id']), cursor, ...(args.limit ? { limit: args.limit } : {}) } : args);
    items.push(...page.items);
    cursor = page.cursor;
    if (++pages > maxPages) throw new Error('too many pages');
  } while (cursor);
  return { items, pages };
}

/** Path parameters go with every page; filters ride inside the cursor (passing sender_id again is harmless: ignored). */
function pick(args: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (args[key] !== undefined) out[key] = args[key];
  return out;
}

export function chatsOf(k: Kit, filter: (c: any) => boolean = () => true): any[] {
  return allPages(k, 'list_all_chats', { limit: 250 }).items.filter(filter);
}

export function accountsOf(k: Kit): Array<{ id: string; type: string; self_attendee_id: string; self_provider_id: string }> {
  return k.svc.control('accounts', {}) as never;
}

export function accountOfType(k: Kit, type: string) {
  const a = accountsOf(k).find((x) => x.type === type);
  if (!a) throw new Error(`no ${type} account`);
  return a;
}

export function messagesOf(k: Kit, chatId: string): any[] {
  return allPages(k, 'list_chat_messages', { chat_id: chatId, limit: 250 }).items;
}

/** A tiny valid PNG (1×1) as base64, for uploads. */
export const PNG_1X1_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function expectError(err: UpstreamError, status: number, type: string): void {
  const body = err.body as Record<string, unknown>;
  if (err.status !== status || body.status !== status || body.type !== type || typeof body.title !== 'string' || typeof body.instance !== 'string' || !String(body.instance).startsWith('/api/v1/')) {
    throw new Error(`expected ${status} ${type}, got ${err.status} ${JSON.stringify(body)}`);
  }
}
