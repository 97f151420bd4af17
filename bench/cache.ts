/**
 * The offline cache at scale: the emulator's bench workspace (2,037
 * conversations, 1,000,000 messages, one Genesys room of 100,000) mapped to the
 * domain (cacheCorpus.ts), written through the worker client, then searched and
 * paged. Prints one JSON line:
 *
 *   ingest_msgs_per_s     messages per second through CacheClient.upsertMessages (batches of 500, up to
 *                         128 in flight), people and conversations written first, until all are
 *                         searchable (the indexer thread caught up); ingest_stored_msgs_per_s, until
 *                         the last upsert returned
 *   loop_stall_max_ms     the main event loop's worst delay during that ingest (monitorEventLoopDelay and a
 *                         1 ms interval, whichever saw more); loop_stall_idle_ms, the same over 2 s of
 *                         nothing, is what the machine itself adds; loop_stall_p99_ms, the 99th percentile
 *                         during the ingest
 *   producer_ms           of the ingest time, what the bench's own stand-in for sync took on the main thread
 *                         (turning its stored pages back into Message objects): not the cache's work
 *   search_p95_ms         CacheClient.search (newest first, 20 hits with snippets) over the fixed mix below
 *   search_floor_p95_ms   the same MATCH expressions straight on SQLite FTS5 in this thread (rowid and
 *                         snippet, same order and limit), alternated with the full path
 *   search_ratio          search_p95_ms / search_floor_p95_ms
 *   open_last50_p95_ms    CacheClient.messagesPage(limit 50) of the largest conversation
 *   db_mb_per_million     database size (pages in use or free) per million messages
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { deserialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openCache } from '../electron/backend/cache/client';
import { createCtx } from '../electron/backend/cache/context';
import { openDb } from '../electron/backend/cache/db';
import { matchFor } from '../electron/backend/cache/search';
import type { Message } from '../shared/domain/model';
import { buildCorpus, type Scale } from './cacheCorpus';
import { threadClocks, threadCpu, whatRan } from './threads';

export interface CacheBenchOptions {
  scale?: Scale;
  /** Timed runs of each query, each path (default 15). */
  repeats?: number;
  print?: boolean;
}

export interface CacheBenchResult {
  bench: 'cache';
  ingest_msgs_per_s: number;
  /** Stored, not yet all searchable: the worker's part alone. */
  ingest_stored_msgs_per_s: number;
  search_p95_ms: number;
  search_floor_p95_ms: number;
  search_ratio: number;
  open_last50_p95_ms: number;
  loop_stall_max_ms: number;
  /** The same measure over 2 s with nothing running: what the machine itself adds. */
  loop_stall_idle_ms: number;
  loop_stall_p99_ms: number;
  producer_ms: number;
  db_mb_per_million: number;
  messages: number;
  build_s: number;
  queries: number;
}

/**
 * The fixed mix. Document counts in the million-message bench corpus (seed 1), text column:
 * wedding 3, summit 59, sharma 939 (rare); merci 12,830, staging 15,430, review 27,545 (mid);
 * the 237,127 and https 88,804 (the most common words: the corpus has no word in most messages).
 * The last word of a query is a prefix, so single words run as prefix queries too: 2- and 3-letter
 * prefixes use the prefix indexes, longer ones make FTS5 merge every matching term's postings.
 * A name ("ana": people and rooms named so) and a room title ("release war") go through the
 * name index and the scope tokens.
 */
export const QUERIES = [
  'wedding',
  'summit',
  'sharma',
  'merci',
  'staging',
  'review',
  'the',
  'https',
  'de',
  'th',
  'pr',
  'rev',
  'sta',
  'dep',
  'deploy staging',
  'thanks team',
  'customer notes',
  'the customer notes',
  'ana',
  'release war',
] as const;

const LIMIT = 20;
/**
 * Batches the stand-in for sync keeps in flight: enough for the worker always to find a full group
 * (GROUP_MESSAGES, worker.ts) queued behind the one it is writing. With 64 (two groups) its groups
 * often came short and it waited 15% of the time (thread CPU, SWITCHBOARD_CACHE_BENCH_THREADS=1):
 * 42,000–47,000 msgs/s against 51,000–52,000 with 128.
 */
const IN_FLIGHT = 128;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Gaps the 1 ms probe saw: [ms since the watch began, gap ms], and on Linux what the threads did during
 * it (threads.ts): the main thread's ms on a core and ms ready but waiting for one, then the others' ms
 * on a core, summed by name and nice value ("node nice 10": the cache worker).
 */
type Gaps = Array<[number, number] | [number, number, number, number, string]>;

/**
 * monitorEventLoopDelay and a 1 ms interval together; `stop()` returns the worst delay seen and the p99,
 * ms. `gaps`, when given, collects the probe's gaps of 10 ms or more with when they came and what the
 * threads did meanwhile.
 */
function watchLoop(gaps?: Gaps): { stop(): number; p99(): number } {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const began = performance.now();
  let last = began;
  let worst = 0;
  const clocks = gaps ? threadClocks() : null;
  let lastClocks = clocks?.read() ?? [];
  const probe = setInterval(() => {
    const now = performance.now();
    const gap = now - last - 1;
    worst = Math.max(worst, gap);
    const read = clocks?.read();
    if (gaps && gap >= 10) gaps.push(read ? [Math.round(now - began), round(gap, 1), ...whatRan(clocks!.labels, lastClocks, read)] : [Math.round(now - began), round(gap, 1)]);
    if (read) lastClocks = read;
    last = now;
  }, 1);
  delay.enable();
  return {
    stop() {
      delay.disable();
      clearInterval(probe);
      clocks?.close();
      return Math.max(delay.max / 1e6, worst);
    },
    p99: () => delay.percentile(99) / 1e6,
  };
}

/**
 * The main thread's own collections of 5 ms or more, [ms since the watch began, ms, kind]: beside the
 * loop's gaps, they tell a collection from a wait for a core.
 */
function watchCollections(): { stop(): Array<[number, number, string]> } {
  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
  };
  const began = performance.now();
  const seen: Array<[number, number, string]> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration < 5) continue;
      const kind = kinds[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      seen.push([Math.round(e.startTime - began), round(e.duration, 1), kind]);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return seen;
    },
  };
}

/** SWITCHBOARD_CACHE_BENCH_THREADS=1: where the ingest's CPU went, busiest thread first (stderr). */
function printThreadCpu(before: Map<string, number>, after: Map<string, number>, ms: number): void {
  const rows = [...after].map(([tid, s]) => [tid, s - (before.get(tid) ?? 0)] as const).filter(([, s]) => s > 0.05);
  rows.sort((a, b) => b[1] - a[1]);
  const main = String(process.pid);
  process.stderr.write(`ingest ${(ms / 1000).toFixed(1)} s; thread CPU s: ${rows.map(([tid, s]) => `${tid === main ? 'main' : tid} ${s.toFixed(1)}`).join(', ')}\n`);
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runCacheBench(opts: CacheBenchOptions = {}): Promise<CacheBenchResult> {
  const scale = opts.scale ?? 'bench';
  const repeats = opts.repeats ?? 15;
  const t0 = performance.now();
  const corpus = buildCorpus(scale);
  const buildMs = performance.now() - t0;
  // Building left a million mapped messages and both emulator services as garbage: collect it now, not
  // in the middle of the ingest the loop-stall figure is about.
  fullGc();

  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cache-bench-'));
  const path = join(dir, 'cache.db');
  const key = 'b'.repeat(64);
  const cache = await openCache({ path, key });
  try {
    await cache.upsertPeople(corpus.people);
    await cache.upsertConversations(corpus.conversations);

    // ---- the machine's own timer lateness with nothing running, for scale ----
    const idle = watchLoop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleStall = idle.stop();

    // ---- ingest, watching the main loop ----
    // SWITCHBOARD_CACHE_BENCH_GAPS=1: the loop's gaps and the main thread's collections, with their times.
    const gaps: Gaps | undefined = process.env.SWITCHBOARD_CACHE_BENCH_GAPS ? [] : undefined;
    const collections = gaps ? watchCollections() : undefined;
    const busy = watchLoop(gaps);
    const threadsBefore = threadCpu();
    const started = performance.now();
    const inFlight: Array<Promise<unknown>> = [];
    let producerMs = 0;
    // A function, so no batch stays referenced from this loop while it awaits.
    const produce = (batch: Buffer): Message[] => {
      const p = performance.now();
      const messages = deserialize(batch) as Message[];
      producerMs += performance.now() - p;
      return messages;
    };
    for (const batch of corpus.batches) {
      // The reply's `changed` ids are not needed here: dropped on arrival, they die young instead of
      // being copied by every scavenge while the other replies wait their turn.
      inFlight.push(cache.upsertMessages(produce(batch)).then(() => undefined));
      // Awaiting a reply that already came does not give the loop a turn: yield every time, as a sync
      // loop does between pages, so the bench's own work comes in steps of one batch.
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      await tick();
    }
    await Promise.all(inFlight);
    const storedMs = performance.now() - started;
    // Until searchable: the search index is written by a thread of its own, and a search waits for it
    // to apply everything written before it.
    await cache.search({ text: QUERIES[0], limit: 1 });
    const ingestMs = performance.now() - started;
    if (process.env.SWITCHBOARD_CACHE_BENCH_THREADS) printThreadCpu(threadsBefore, threadCpu(), ingestMs);
    if (gaps && collections) {
      process.stderr.write(`loop gaps ≥ 10 ms during the ingest [ms into it, gap ms, main thread ms on a core, ms waiting for one, other threads' ms on a core]: ${JSON.stringify(gaps)}\n`);
      process.stderr.write(`main-thread collections ≥ 5 ms [ms into it, ms, kind]: ${JSON.stringify(collections.stop())}\n`);
    }
    const stall = busy.stop();
    const stallP99 = busy.p99();

    // ---- search: the full path and the floor, alternated ----
    const floorDb = openDb({ path, key });
    const floorCtx = createCtx(floorDb);
    const floorSql = floorDb.prepare(
      "SELECT rowid, snippet(message_search, 0, '\u0001', '\u0002', '…', 24) FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ?",
    );
    const full: number[] = [];
    const floor: number[] = [];
    const expressions = QUERIES.map((text) => ({ text, match: matchFor(floorCtx, { text }) }));
    for (let round = -1; round < repeats; round++) {
      for (const [i, q] of expressions.entries()) {
        // Alternate which goes first so neither always meets the warmer cache.
        const order = (round + i) % 2 === 0 ? ['full', 'floor'] : ['floor', 'full'];
        for (const which of order) {
          const s = performance.now();
          if (which === 'full') await cache.search({ text: q.text, limit: LIMIT });
          else if (q.match !== null) floorSql.all(q.match, LIMIT + 1);
          const dt = performance.now() - s;
          // Round -1 warms both paths up.
          if (round >= 0) (which === 'full' ? full : floor).push(dt);
        }
      }
    }
    floorDb.close();

    // ---- opening the largest conversation ----
    const open: number[] = [];
    for (let i = -10; i < 200; i++) {
      const s = performance.now();
      await cache.messagesPage({ conversationId: corpus.biggest, limit: 50 });
      if (i >= 0) open.push(performance.now() - s);
    }

    const stats = await cache.stats();
    const searchP95 = quantile(full, 0.95);
    const floorP95 = quantile(floor, 0.95);
    const result: CacheBenchResult = {
      bench: 'cache',
      ingest_msgs_per_s: Math.round(corpus.messages / (ingestMs / 1000)),
      ingest_stored_msgs_per_s: Math.round(corpus.messages / (storedMs / 1000)),
      search_p95_ms: round(searchP95),
      search_floor_p95_ms: round(floorP95),
      search_ratio: round(floorP95 > 0 ? searchP95 / floorP95 : 0, 2),
      open_last50_p95_ms: round(quantile(open, 0.95)),
      loop_stall_max_ms: round(stall, 1),
      loop_stall_idle_ms: round(idleStall, 1),
      loop_stall_p99_ms: round(stallP99, 1),
      producer_ms: Math.round(producerMs),
      db_mb_per_million: round(stats.dbBytes / 1e6 / (corpus.messages / 1e6), 1),
      messages: corpus.messages,
      build_s: round(buildMs / 1000, 1),
      queries: QUERIES.length,
    };
    if (opts.print ?? true) process.stdout.write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
