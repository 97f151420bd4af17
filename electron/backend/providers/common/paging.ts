/**
 * One iterator shape for both providers' paging: Genesys walks back in time
 * with `before`/`after`/`limit`, Unipile hands out opaque cursors. Callers see
 * pages of items and an opaque `next` to resume from (persisted by sync).
 */
export interface Page<T, C> {
  items: T[];
  /** Where the next page starts; null when there is nothing more. */
  next: C | null;
}

export type PageFetcher<T, C> = (cursor: C | null) => Promise<Page<T, C>>;

export interface IterateOptions {
  /** Stop after this many pages (a budget guard for sync). */
  maxPages?: number;
  signal?: AbortSignal;
}

/** Yields page after page until `next` is null (or limits are hit). */
export async function* iteratePages<T, C>(fetch: PageFetcher<T, C>, start: C | null = null, options: IterateOptions = {}): AsyncGenerator<Page<T, C>> {
  let cursor = start;
  const seen = new Set<string>();
  for (let n = 0; options.maxPages === undefined || n < options.maxPages; n++) {
    if (options.signal?.aborted) return;
    const page = await fetch(cursor);
    yield page;
    if (page.next === null) return;
    // A server that hands back the same cursor would loop forever: treat it as the end.
    const key = JSON.stringify(page.next);
    if (seen.has(key)) return;
    seen.add(key);
    cursor = page.next;
  }
}

/** All items of every page (bounded by maxPages). */
export async function collectPages<T, C>(fetch: PageFetcher<T, C>, start: C | null = null, options: IterateOptions = {}): Promise<T[]> {
  const all: T[] = [];
  for await (const page of iteratePages(fetch, start, options)) all.push(...page.items);
  return all;
}
