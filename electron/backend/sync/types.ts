import type { CacheApi } from '../cache/api';
import type { ConversationId, MessageId } from '../../../shared/domain/ids';

/**
 * The cache as sync sees it: every CacheApi method, awaited. The worker-thread
 * `CacheClient` is this shape; `asAsyncCache` adapts the in-thread cache (tests,
 * the crash child) so both run the same code.
 */
export type AsyncCache = {
  [K in keyof CacheApi]: CacheApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export function asAsyncCache(api: CacheApi): AsyncCache {
  return new Proxy({} as AsyncCache, {
    get(_target, name: string) {
      const fn = (api as unknown as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return undefined;
      return async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(api, args);
    },
  });
}

/** What sync tells the app about; the app turns these into contract events. */
export interface SyncEvents {
  conversationsChanged(ids: ConversationId[]): void;
  messagesChanged(conversationId: ConversationId, ids: MessageId[]): void;
  /** Something in the status (online, progress, budget, outbox) may have moved. */
  statusChanged(): void;
}

export const noEvents: SyncEvents = {
  conversationsChanged() {},
  messagesChanged() {},
  statusChanged() {},
};
