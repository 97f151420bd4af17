import { AppError } from '../../../../shared/ipc/result';
import type { Page, PageFetcher } from '../common/paging';
import { toEpochMs } from './mappers';
import type { GenesysMessage, GenesysMessageListing } from './schemas';
import type { GenesysCallOptions, GenesysProvider, HistoryArgs } from './tools';

/**
 * History paging behind the common iterator. Genesys listings carry no cursor
 * (§7): the client walks back in time with `before = <oldest dateCreated seen>`.
 * Whether `before` is inclusive, and whether two messages can share a
 * millisecond, is unconfirmed, so each request asks for one millisecond past the
 * boundary and drops the ids already delivered at that instant. That yields no
 * duplicate if the bound is inclusive and no gap if it is exclusive or ties exist.
 */

/** Resume point of a backwards walk; JSON-safe so sync can persist it. */
export interface HistoryCursor {
  /** ISO-8601 `dateCreated` of the oldest message delivered so far. */
  before: string;
  /** Ids delivered whose `dateCreated` is exactly `before`. */
  seen: string[];
}

export interface HistoryPageOptions {
  /** Messages per request (sent as the catalog's string `limit`); default 50, clamped to 1…100. */
  pageSize?: number;
  /** Start strictly before this instant (ISO-8601) instead of now. */
  before?: string;
  excludeMetadata?: boolean;
  /** Budget priority and cancellation for every page request (sync passes 'background'). */
  call?: GenesysCallOptions;
}

export const DEFAULT_PAGE_SIZE = 50;
/** The emulator's cap, and the largest page Genesys is assumed to honour. */
export const MAX_PAGE_SIZE = 100;

type ListingFetch = (args: HistoryArgs, options?: GenesysCallOptions) => Promise<GenesysMessageListing>;

const iso = (ms: number) => new Date(ms).toISOString();

function historyPages(fetchListing: ListingFetch, options: HistoryPageOptions): PageFetcher<GenesysMessage, HistoryCursor> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
  const request = async (before: string | undefined, limit: number) => {
    const args: HistoryArgs = { limit: String(limit) };
    if (before !== undefined) args.before = before;
    if (options.excludeMetadata !== undefined) args.excludeMetadata = options.excludeMetadata;
    return (await fetchListing(args, options.call)).entities;
  };

  return async (cursor): Promise<Page<GenesysMessage, HistoryCursor>> => {
    let fresh: GenesysMessage[];
    if (cursor === null) {
      fresh = await request(options.before, pageSize);
    } else {
      const boundary = toEpochMs(cursor.before);
      if (!Number.isFinite(boundary)) throw new AppError('invalid_input', 'The saved history position is not a date; history will restart from the newest messages.', { field: 'before' });
      const seen = new Set(cursor.seen);
      // Room for the re-delivered boundary messages, so a page still brings pageSize new ones.
      const limit = Math.min(MAX_PAGE_SIZE, pageSize + seen.size);
      fresh = [];
      // Past the boundary first (no gap whatever the bound's inclusivity). A reply made
      // only of already-delivered messages means the walk is done, or that more messages
      // share the boundary instant than one reply holds: step onto the boundary, then
      // before it (for a server whose bound is inclusive), until something new or nothing comes.
      for (const before of [boundary + 1, boundary, boundary - 1]) {
        const entities = await request(iso(before), limit);
        fresh = entities.filter((m) => !seen.has(m.id));
        if (fresh.length > 0 || entities.length === 0) break;
      }
    }
    const items = sortOldestFirst(uniqueById(fresh));
    // The end is an empty reply, not a short one: a short reply may only mean the
    // server caps `limit` below what was asked, and stopping there would leave a gap.
    if (items.length === 0) return { items, next: null };
    const oldestMs = toEpochMs(items[0]!.dateCreated);
    const atOldest = items.filter((m) => toEpochMs(m.dateCreated) === oldestMs).map((m) => m.id);
    const carried = cursor !== null && toEpochMs(cursor.before) === oldestMs ? cursor.seen : [];
    return { items, next: { before: iso(oldestMs), seen: [...new Set([...carried, ...atOldest])] } };
  };
}

function uniqueById(messages: GenesysMessage[]): GenesysMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}

/** Page order is unconfirmed upstream (§7), so it is normalised here. */
function sortOldestFirst(messages: GenesysMessage[]): GenesysMessage[] {
  return messages
    .map((m, i) => ({ m, i, t: toEpochMs(m.dateCreated) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.m);
}

/** Maps the items of every page (e.g. to domain Messages) while keeping the cursor. */
export function mapPages<T, U, C>(fetch: PageFetcher<T, C>, map: (items: T[]) => U[]): PageFetcher<U, C> {
  return async (cursor) => {
    const page = await fetch(cursor);
    return { items: map(page.items), next: page.next };
  };
}

export interface GenesysPaging {
  /** A room's history, newest page first; items within a page oldest first. */
  roomHistoryPages(roomJid: string, options?: HistoryPageOptions): PageFetcher<GenesysMessage, HistoryCursor>;
  /** A 1:1's history with `userId`, the same way. */
  userHistoryPages(userId: string, options?: HistoryPageOptions): PageFetcher<GenesysMessage, HistoryCursor>;
  /** A thread (root and replies) named by its root message id, the same way. */
  threadHistoryPages(threadId: string, options?: HistoryPageOptions): PageFetcher<GenesysMessage, HistoryCursor>;
}

export function createGenesysPaging(provider: GenesysProvider): GenesysPaging {
  return {
    roomHistoryPages: (roomJid, options = {}) => historyPages((args, o) => provider.getRoomMessages({ roomJid, ...args }, o), options),
    userHistoryPages: (userId, options = {}) => historyPages((args, o) => provider.getUserMessages({ userId, ...args }, o), options),
    threadHistoryPages: (threadId, options = {}) => historyPages((args, o) => provider.getThreadMessages({ threadId, ...args }, o), options),
  };
}
