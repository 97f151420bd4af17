import type { Conversation, Message, Person } from '../../../../shared/domain';
import type { CallOptions } from '../../pinkfish/mcpClient';
import type { Page, PageFetcher } from '../common/paging';
import type { ListAllAttendeesArgs, ListAllChatsArgs, ListAllMessagesArgs, ListChatMessagesArgs, ListChatsByAttendeeArgs, ListMessagesByAttendeeArgs } from './args';
import { isMappableChat, toConversation, toMessage, toPerson, type MapContext } from './mappers';
import type { UnipileChat, UnipileList, UnipileMessage } from './schemas';
import type { UnipileProvider } from './tools';

/**
 * Unipile's cursor lists behind the common Page/PageFetcher shape: `next` is the
 * opaque cursor (persist it to resume), null on the last page. Only the loop's
 * termination is trusted: pages may be short while a cursor remains (§4 [UNK]),
 * so callers iterate until `next` is null.
 *
 * With a cursor the first call's filters are not resent: the cursor carries them
 * (the upstream query is "filters + limit" or "cursor + limit", §4). Path
 * parameters (chat_id, attendee_id, sender_id) are always sent, and so is `limit`.
 *
 * Items come back mapped to the domain. Chats of a network Switchboard does not
 * know are skipped, and so are hidden messages (e.g. WhatsApp's "X reacted 👍"
 * events, which the reaction on the target message already shows) unless
 * `includeHidden` is set.
 */

export interface PagingOptions {
  ctx?: MapContext;
  call?: CallOptions;
  includeHidden?: boolean;
}

type Filters<T> = Omit<T, 'cursor'>;

function cursorPages<R, T>(load: (cursor: string | null) => Promise<UnipileList<R>>, map: (item: R) => T | null): PageFetcher<T, string> {
  return async (cursor): Promise<Page<T, string>> => {
    const list = await load(cursor);
    const items: T[] = [];
    for (const raw of list.items) {
      const item = map(raw);
      if (item !== null) items.push(item);
    }
    return { items, next: list.cursor };
  };
}

/** Resent with a cursor: the values that are part of the tool's address rather than a filter. */
function resume<T extends { limit?: number }>(filters: T, cursor: string | null, keep: readonly (keyof T)[]): T & { cursor?: string } {
  if (cursor === null) return filters;
  const out: Record<string, unknown> = { cursor };
  for (const k of [...keep, 'limit' as const]) if (filters[k] !== undefined) out[k as string] = filters[k];
  return out as T & { cursor?: string };
}

const chatMapper = (o: PagingOptions) => (c: UnipileChat) => (isMappableChat(c) ? toConversation(c, {}, o.ctx) : null);
const messageMapper = (o: PagingOptions) => (m: UnipileMessage) => (m.hidden && !o.includeHidden ? null : toMessage(m, o.ctx));

export function allChatsPages(p: UnipileProvider, filters: Filters<ListAllChatsArgs> = {}, o: PagingOptions = {}): PageFetcher<Conversation, string> {
  return cursorPages((cursor) => p.listAllChats(resume(filters, cursor, []), o.call), chatMapper(o));
}

export function chatMessagesPages(p: UnipileProvider, filters: Filters<ListChatMessagesArgs>, o: PagingOptions = {}): PageFetcher<Message, string> {
  return cursorPages((cursor) => p.listChatMessages(resume(filters, cursor, ['chat_id']), o.call), messageMapper(o));
}

/** The cross-chat sync call: everything newer than `after`, in every chat, one cursor. */
export function allMessagesPages(p: UnipileProvider, filters: Filters<ListAllMessagesArgs> = {}, o: PagingOptions = {}): PageFetcher<Message, string> {
  return cursorPages((cursor) => p.listAllMessages(resume(filters, cursor, []), o.call), messageMapper(o));
}

export function allAttendeesPages(p: UnipileProvider, filters: Filters<ListAllAttendeesArgs> = {}, o: PagingOptions = {}): PageFetcher<Person, string> {
  return cursorPages((cursor) => p.listAllAttendees(resume(filters, cursor, []), o.call), toPerson);
}

/** list_attendees has no cursor: always one page. */
export function chatAttendeesPages(p: UnipileProvider, chatId: string, o: PagingOptions = {}): PageFetcher<Person, string> {
  return async () => {
    const list = await p.listAttendees({ chat_id: chatId }, o.call);
    return { items: list.items.map(toPerson), next: null };
  };
}

export function chatsByAttendeePages(p: UnipileProvider, filters: Filters<ListChatsByAttendeeArgs>, o: PagingOptions = {}): PageFetcher<Conversation, string> {
  return cursorPages((cursor) => p.listChatsByAttendee(resume(filters, cursor, ['attendee_id']), o.call), chatMapper(o));
}

export function messagesByAttendeePages(p: UnipileProvider, filters: Filters<ListMessagesByAttendeeArgs>, o: PagingOptions = {}): PageFetcher<Message, string> {
  return cursorPages((cursor) => p.listMessagesByAttendee(resume(filters, cursor, ['sender_id']), o.call), messageMapper(o));
}
