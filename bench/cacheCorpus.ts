/**
 * The cache bench's data: the emulator's seeded workspace at a given scale,
 * read through the services' own tool handlers in-process (no HTTP: at a
 * million messages the transport would be the whole run) and turned into domain
 * objects by the providers' real parsers and mappers, the way sync does.
 *
 * Messages are kept as v8-serialized batches (off the JS heap), so the ingest
 * measured afterwards does not share the main thread with the garbage collector
 * of a million live objects.
 */
import { serialize } from 'node:v8';
import { defaultServiceFactories } from '../emulator/index';
import type { ServiceModule } from '../emulator/core/types';
import { ME_USER_ID } from '../emulator/genesys/index';
import { mapMessage, mapOneOnOne, mapRoom, oneOnOneSchema, parseMessageListing, roomSchema } from '../electron/backend/providers/genesys/index';
import { parseResult } from '../electron/backend/providers/common/lenient';
import { attendeeListSchema, chatListSchema, isMappableChat, messageListSchema, toConversation, toMessage, toPerson } from '../electron/backend/providers/unipile/index';
import { conversationId, personId, type ConversationId } from '../shared/domain/ids';
import type { Conversation, Message, Person } from '../shared/domain/model';

export type Scale = 'tiny' | 'demo' | 'bench';

export interface Corpus {
  people: Person[];
  conversations: Conversation[];
  /** v8-serialized Message[] of BATCH messages each, in the order sync would bring them. */
  batches: Buffer[];
  messages: number;
  /** The conversation with the most messages (the 100,000-message Genesys room at bench scale). */
  biggest: ConversationId;
}

/** Messages per upsert: a few history pages, as sync writes them while backfilling. */
export const BATCH = 500;
const NOW = Date.UTC(2026, 10, 1);

export function buildCorpus(scale: Scale, seed = 1): Corpus {
  const clock = { now: () => NOW };
  const genesys = defaultServiceFactories.genesys({ seed, scale, clock });
  const unipile = defaultServiceFactories.unipile({ seed, scale, clock });
  const ctx = { tokenUser: 'bench', pcid: 'bench', clock };
  const call = (svc: ServiceModule, tool: string, args: Record<string, unknown>) => {
    const out = svc.tools[tool]!({ PCID: 'bench', ...args }, ctx);
    if (out instanceof Promise) throw new Error(`${tool} is asynchronous`);
    return out as Record<string, unknown>;
  };

  const batches: Buffer[] = [];
  let pending: Message[] = [];
  let messages = 0;
  const counts = new Map<ConversationId, number>();
  const add = (page: Message[]) => {
    for (const m of page) counts.set(m.conversationId, (counts.get(m.conversationId) ?? 0) + 1);
    pending.push(...page);
    messages += page.length;
    if (pending.length >= BATCH) flush();
  };
  const flush = () => {
    for (let i = 0; i < pending.length; i += BATCH) batches.push(serialize(pending.slice(i, i + BATCH)));
    pending = [];
  };

  const people: Person[] = [];
  const conversations: Conversation[] = [];

  // Genesys: every room (joined first where the user is not a member) and 1:1, history walked back a page at a time.
  const self = { meUserId: ME_USER_ID };
  const gPeople = genesys.control('people', {}) as Array<{ id: string; name: string; jid: string }>;
  for (const p of gPeople) people.push({ id: personId.genesys(p.id), source: 'genesys', name: p.name, isSelf: p.id === ME_USER_ID, handle: p.jid });
  const walk = (tool: string, args: Record<string, unknown>, id: ConversationId) => {
    let before: string | undefined;
    for (;;) {
      const listing = parseMessageListing(call(genesys, tool, { ...args, limit: '100', ...(before ? { before } : {}) }), 'a message page');
      if (listing.entities.length === 0) break;
      add(listing.entities.map((m) => mapMessage(m, { ...self, conversationId: id })));
      if (listing.entities.length < 100) break;
      before = String(listing.entities[0]!.dateCreated);
    }
  };
  for (const room of genesys.control('rooms', {}) as Array<{ jid: string; isMember: boolean }>) {
    if (!room.isMember) genesys.control('join', { roomJid: room.jid, userId: ME_USER_ID });
    const mapped = mapRoom(parseResult(roomSchema, call(genesys, 'genesys_chat_get_chats_room', { roomJid: room.jid }), 'a room'), room.jid);
    conversations.push(mapped.conversation);
    walk('genesys_chat_get_chats_room_messages', { roomJid: room.jid }, mapped.conversation.id);
  }
  for (const dm of genesys.control('oneOnOnes', {}) as Array<{ id: string; name: string }>) {
    const mapped = mapOneOnOne(parseResult(oneOnOneSchema, call(genesys, 'genesys_chat_get_chats_user', { userId: dm.id }), 'a 1:1'), dm.id, dm.name);
    conversations.push(mapped.conversation);
    walk('genesys_chat_get_chats_user_messages', { userId: dm.id }, conversationId.genesysDm(dm.id));
  }

  // Unipile: chats and attendees, every chat's history opened (sync_chat_history), then the cross-chat
  // list newest first, as sync's list_all_messages walk brings it.
  const pages = <T>(tool: string, schema: { parse(v: unknown): { items: T[]; cursor: string | null } }, limit: number, each: (items: T[]) => void) => {
    let cursor: string | null = null;
    do {
      const page = schema.parse(call(unipile, tool, { limit, ...(cursor ? { cursor } : {}) }));
      each(page.items);
      cursor = page.cursor;
    } while (cursor);
  };
  pages('unipile_messaging_list_all_attendees', attendeeListSchema, 250, (items) => people.push(...items.map(toPerson)));
  pages('unipile_messaging_list_all_chats', chatListSchema, 250, (items) => {
    for (const chat of items) {
      if (!isMappableChat(chat)) continue;
      conversations.push(toConversation(chat, {}, { now: clock.now }));
      for (let step = 0; step < 3; step++) {
        try {
          if ((call(unipile, 'unipile_messaging_sync_chat_history', { chat_id: chat.id }) as { status?: string }).status === 'SYNC_DONE') break;
        } catch {
          break; // A network without history sync.
        }
      }
    }
  });
  pages('unipile_messaging_list_all_messages', messageListSchema, 250, (items) => add(items.map((m) => toMessage(m))));
  flush();

  const biggest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { people: dedupe(people), conversations: dedupe(conversations), batches, messages, biggest };
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()];
}
