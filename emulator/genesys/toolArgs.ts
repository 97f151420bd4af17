import type { ToolHandler } from '../core/types';

/** Handlers keyed by the tool name without its `genesys_chat_` prefix. */
export type ShortHandlers = Record<string, ToolHandler>;

/** The core has type-checked the arguments already; this only narrows for the compiler. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** `messageIds` is one comma-separated path segment. */
export function idList(value: unknown): string[] {
  return [...new Set(str(value).split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}
