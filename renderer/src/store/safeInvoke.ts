import type { InvokeArgs, InvokeChannel, InvokeOutput } from '../../../shared/ipc/contract';
import type { Result, WireError } from '../../../shared/ipc/result';
import { getApi } from '../platform';

/**
 * `getApi().invoke` that never throws: a transport that rejects (socket gone, a bug in a shim)
 * becomes a `network` error the view can show like any other, so no action leaves a spinner behind.
 */
export async function safeInvoke<C extends InvokeChannel>(channel: C, ...input: InvokeArgs<C>): Promise<Result<InvokeOutput<C>>> {
  try {
    return await getApi().invoke(channel, ...input);
  } catch (err) {
    return { ok: false, error: { code: 'network', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** A piece of remote data for one key (a conversation, a person): what a panel shows while it loads or fails. */
export type Loadable<T> =
  | { key: string; status: 'loading'; value?: T }
  | { key: string; status: 'ready'; value: T }
  | { key: string; status: 'error'; error: WireError; value?: T };

export function loading<T>(key: string, previous: Loadable<T> | null): Loadable<T> {
  // Keep what was shown for the same key, so a refresh does not blank the panel.
  return previous && previous.key === key && previous.value !== undefined ? { key, status: 'loading', value: previous.value } : { key, status: 'loading' };
}

export function settle<T>(key: string, res: Result<T>, previous: Loadable<T> | null): Loadable<T> {
  if (res.ok) return { key, status: 'ready', value: res.value };
  const kept = previous && previous.key === key ? previous.value : undefined;
  return kept === undefined ? { key, status: 'error', error: res.error } : { key, status: 'error', error: res.error, value: kept };
}

/** The failure of an action, for the view to show; null when it worked. */
export type ActionError = WireError | null;
export const errorOf = (res: Result<unknown>): ActionError => (res.ok ? null : res.error);
