import { AppError } from '../../../shared/ipc/result';
import { errorFor } from './errors';

export type FetchFn = typeof fetch;

export interface TimedFetchOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * fetch with a timeout and caller cancellation, mapping transport failures to
 * typed errors (`timeout`, `cancelled`, `network`) with no URL or header in
 * the message (URLs can carry tokens in some deployments).
 */
export async function timedFetch(fetchFn: FetchFn, url: string, init: RequestInit, options: TimedFetchOptions): Promise<{ response: Response; text: string }> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  timer.unref?.();
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const response = await fetchFn(url, { ...init, signal });
    // The body read is covered by the same timeout: a server that stalls mid-body is a timeout too.
    const text = await response.text();
    return { response, text };
  } catch (err) {
    if (options.signal?.aborted) throw new AppError('cancelled', 'The request was cancelled.');
    if (timeout.signal.aborted) throw errorFor('timeout', { message: `Pinkfish did not answer within ${Math.round(options.timeoutMs / 1000)} s.` });
    throw errorFor('network', { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After is seconds (or an HTTP date); default when absent or unreadable. */
export function retryAfterSeconds(header: string | null, fallback = 30, now = Date.now()): number {
  if (!header) return fallback;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.ceil(Number(header));
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.max(0, Math.ceil((date - now) / 1000));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
