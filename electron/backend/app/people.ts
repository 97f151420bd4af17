import { conversationId as cid, parseSourcedId, personId as pid, type Conversation, type Message, type Person, type PersonId } from '../../../shared/domain/index';
import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { iteratePages } from '../providers/common/paging';
import { mapOneOnOne, mapParticipants, personFromParticipant } from '../providers/genesys/index';
import { accountTypeFor, allAttendeesPages, chatsByAttendeePages, toAccount, toMessage, toPerson } from '../providers/unipile/index';
import type { SyncEngine } from '../sync/engine';
import { errorCode, isUnreachable } from '../sync/failures';
import { bareGenesysUserId, current, genesysOf, genesysUserId, mustConversation, targetOf, unipileOf, USER, type AppContext } from './context';
import { requireAction } from './conversations';
import type { Workspace } from './workspace';

/**
 * People: a conversation's participants (Genesys room participants, Unipile
 * attendees), the people the cache knows (for the palette and @-completion,
 * filled once per session from Unipile's attendee directory), one person,
 * their picture, adding and removing participants, and a person's chats and
 * messages across conversations.
 */

export type PeopleChannel = 'people:list' | 'people:query' | 'people:get' | 'people:picture' | 'people:add' | 'people:remove' | 'people:conversations' | 'people:messages';

/** Profile pictures larger than this are not shown (a picture, not a file). */
export const PICTURE_MAX_BYTES = 5 * 1024 * 1024;
const PICTURE_MEMO = 64;
/** Pages of list_all_attendees read into the people directory per session. */
const DIRECTORY_PAGES = 8;
const CHAT_PAGES = 4;

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

type BinaryOut = { name: string; mimeType: string; size: number; base64: string };

function unipileAttendeeId(id: PersonId): string {
  const parsed = parseSourcedId(id);
  if (parsed?.source !== 'unipile') throw new AppError('invalid_input', 'That is not a Unipile person.', { field: 'personId' });
  return parsed.raw;
}

/** Sender names for messages read straight from the network (the cache adds them to what it stores). */
export async function withSenderNames(engine: SyncEngine, messages: Message[]): Promise<Message[]> {
  const ids = [...new Set(messages.map((m) => m.senderId).filter((s): s is PersonId => s !== null))];
  if (ids.length === 0) return messages;
  const names = new Map((await engine.cache.getPeople(ids)).map((p) => [p.id as string, p.name]));
  return messages.map((m) => (m.senderId && names.has(m.senderId) && !m.senderName ? { ...m, senderName: names.get(m.senderId)! } : m));
}

interface CursorBody {
  p: string;
  c: string;
}
function encodeCursor(person: PersonId, upstream: string): string {
  return Buffer.from(JSON.stringify({ p: person, c: upstream } satisfies CursorBody)).toString('base64url');
}
function decodeCursor(person: PersonId, cursor: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (v.p === person && typeof v.c === 'string' && v.c.length > 0) return v.c;
  } catch {
    // fall through
  }
  throw new AppError('invalid_input', 'That page cursor does not belong to this person’s messages; start from the first page.', { field: 'cursor' });
}

export function peopleHandlers(ctx: AppContext): Pick<Handlers, PeopleChannel> {
  /** One directory load per workspace (retried on a later query if it failed). */
  const directory = new WeakMap<Workspace, Promise<void>>();
  /** Recently shown pictures, per workspace (another account's people are other people). */
  const pictureMemo = new WeakMap<Workspace, Map<string, BinaryOut | null>>();
  const picturesOf = (ws: Workspace) => {
    let m = pictureMemo.get(ws);
    if (!m) pictureMemo.set(ws, (m = new Map()));
    return m;
  };

  function loadDirectory(ws: Workspace, engine: SyncEngine): void {
    if (!ws.unipile || directory.has(ws)) return;
    const unipile = ws.unipile;
    const p = (async () => {
      for await (const page of iteratePages(allAttendeesPages(unipile, { limit: 250 }, { call: { priority: 'background' } }), null, { maxPages: DIRECTORY_PAGES })) {
        if (page.items.length > 0) await engine.ingestBatch({ people: page.items });
      }
    })();
    directory.set(ws, p);
    p.catch((err: unknown) => {
      directory.delete(ws);
      ctx.log('people: the attendee directory could not be read', err);
    });
  }

  const remember = (pictures: Map<string, BinaryOut | null>, key: string, value: BinaryOut | null) => {
    pictures.delete(key);
    pictures.set(key, value);
    if (pictures.size > PICTURE_MEMO) pictures.delete(pictures.keys().next().value!);
    return value;
  };

  return {
    'people:list': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      const self = engine.genesysSelf();
      if (t.kind === 'room') {
        const parts = await genesysOf(ws).getRoomParticipants({ roomJid: t.roomJid }, USER);
        const mapCtx = engine.genesysMessageContext();
        const refs = mapParticipants(parts, self, mapCtx.userIdForJid ? { userIdForJid: mapCtx.userIdForJid } : {});
        const known = new Map((await engine.cache.getPeople(refs.flatMap((r) => (r.personId ? [r.personId] : [])))).map((p) => [p.id as string, p]));
        const learnt: Person[] = [];
        const people: Person[] = [];
        for (const ref of refs) {
          const k = ref.personId ? known.get(ref.personId) : undefined;
          if (k) {
            const person = { ...k, isSelf: ref.isSelf || k.isSelf };
            if (!k.handle && ref.jid) {
              person.handle = ref.jid;
              learnt.push(person);
            }
            people.push(person);
          } else {
            const p = personFromParticipant(ref);
            if (p) people.push(p);
          }
        }
        if (learnt.length > 0) await engine.ingestBatch({ people: learnt });
        return { people };
      }
      if (t.kind === 'dm') {
        const ids = [pid.genesys(t.userId), ...(self.meUserId ? [pid.genesys(self.meUserId)] : [])];
        const known = new Map((await engine.cache.getPeople(ids)).map((p) => [p.id as string, p]));
        return { people: ids.map((id) => known.get(id) ?? { id, source: 'genesys' as const, name: id.slice(2), isSelf: id.slice(2) === self.meUserId }) };
      }
      const conv = await mustConversation(engine, conversationId);
      const list = await unipileOf(ws).listAttendees({ chat_id: t.chatId }, USER);
      const people = list.items.map(toPerson);
      await engine.ingestBatch({ people });
      const me = list.items.find((a) => a.is_self);
      if (me && conv.network !== 'genesys') await engine.cache.upsertAccounts([toAccount({ account_id: conv.accountId.slice(2), account_type: accountTypeFor(conv.network) }, me)]);
      return { people };
    },

    'people:query': async ({ text, limit }) => {
      const { ws, engine } = await current(ctx);
      loadDirectory(ws, engine);
      return { people: await engine.cache.queryPeople(text, limit) };
    },

    'people:get': async ({ personId }) => {
      const { ws, engine } = await current(ctx);
      const [cached] = await engine.cache.getPeople([personId]);
      const parsed = parseSourcedId(personId)!;
      if (parsed.source === 'genesys') {
        if (cached) return { person: cached };
        const me = engine.genesysSelf().meUserId;
        if (parsed.raw !== me) {
          try {
            await genesysOf(ws).getOneOnOne({ userId: parsed.raw }, USER);
          } catch (err) {
            if (errorCode(err) === 'not_found') throw new AppError('not_found', 'No Genesys user has that id.');
            throw err;
          }
        }
        // Genesys chat has no people directory: the id stands in for the name until one is known.
        return { person: { id: personId, source: 'genesys', name: parsed.raw, isSelf: parsed.raw === me } };
      }
      try {
        const person = toPerson(await unipileOf(ws).getAttendeeById({ id: parsed.raw }, USER));
        await engine.ingestBatch({ people: [person] });
        return { person };
      } catch (err) {
        if (cached && isUnreachable(err)) return { person: cached };
        throw err;
      }
    },

    'people:picture': async ({ personId }) => {
      const { ws, engine } = await current(ctx);
      const parsed = parseSourcedId(personId)!;
      // Genesys chat tools have no pictures.
      if (parsed.source === 'genesys') return null;
      const [person] = await engine.cache.getPeople([personId]);
      if (person?.hasPicture === false) return null;
      const pictures = picturesOf(ws);
      if (pictures.has(personId)) return pictures.get(personId)!;
      let bin;
      try {
        bin = await unipileOf(ws).getAttendeeProfilePicture({ id: parsed.raw }, USER);
      } catch (err) {
        if (errorCode(err) === 'not_found') return remember(pictures, personId, null);
        throw err;
      }
      if (bin.bytes.byteLength === 0) return remember(pictures, personId, null);
      if (bin.bytes.byteLength > PICTURE_MAX_BYTES) {
        ctx.log('people: a profile picture over the size cap was not shown', new Error(`${bin.bytes.byteLength} bytes`));
        return remember(pictures, personId, null);
      }
      const mimeType = bin.mimeType.split(';')[0]!.trim() || 'image/jpeg';
      return remember(pictures, personId, { name: `${(person?.name ?? 'picture').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'picture'}.${EXT[mimeType] ?? 'img'}`, mimeType, size: bin.bytes.byteLength, base64: Buffer.from(bin.bytes).toString('base64') });
    },

    'people:add': async ({ conversationId, userId }) => {
      const { ws, engine } = await current(ctx);
      const conv = await mustConversation(engine, conversationId);
      requireAction(conv, 'addParticipant');
      const t = targetOf(conversationId);
      if (t.kind === 'room') await genesysOf(ws).addRoomParticipant({ roomJid: t.roomJid, userId: bareGenesysUserId(userId) }, USER);
      else if (t.kind === 'chat') {
        let value = userId.trim();
        if (value.startsWith('u:')) {
          const [p] = await engine.cache.getPeople([value as PersonId]);
          if (!p?.handle) throw new AppError('invalid_input', 'Switchboard does not know that person’s network id; type their number or id instead.', { field: 'userId' });
          value = p.handle;
        }
        await unipileOf(ws).patchChat({ chat_id: t.chatId, action: 'addParticipant', value }, USER);
      }
      return { ok: true as const };
    },

    'people:remove': async ({ conversationId, personId }) => {
      const { ws, engine } = await current(ctx);
      const conv = await mustConversation(engine, conversationId);
      requireAction(conv, 'removeParticipant');
      const t = targetOf(conversationId);
      if (t.kind === 'room') {
        const userId = genesysUserId(personId);
        await genesysOf(ws).removeRoomParticipant({ roomJid: t.roomJid, userId }, USER);
        if (userId === engine.genesysSelf().meUserId) {
          // Removing oneself is leaving.
          await engine.cache.removeConversation(conversationId);
          ctx.emit('conversations:changed', { ids: [conversationId] });
        }
      } else if (t.kind === 'chat') {
        const attendee = unipileAttendeeId(personId);
        const [p] = await engine.cache.getPeople([personId]);
        await unipileOf(ws).patchChat({ chat_id: t.chatId, action: 'removeParticipant', value: p?.handle ?? attendee }, USER);
      }
      return { ok: true as const };
    },

    'people:conversations': async ({ personId }) => {
      const { ws, engine } = await current(ctx);
      const parsed = parseSourcedId(personId)!;
      if (parsed.source === 'genesys') {
        if (parsed.raw === engine.genesysSelf().meUserId) return { conversations: [] };
        const id = cid.genesysDm(parsed.raw);
        const known = await engine.cache.getConversation(id);
        if (known) return { conversations: [known] };
        const genesys = genesysOf(ws);
        try {
          const one = await genesys.getOneOnOne({ userId: parsed.raw }, USER);
          const [p] = await engine.cache.getPeople([personId]);
          return { conversations: [mapOneOnOne(one, parsed.raw, p?.name).conversation] };
        } catch (err) {
          if (errorCode(err) === 'not_found') throw new AppError('not_found', 'No Genesys user has that id.');
          throw err;
        }
      }
      const out: Conversation[] = [];
      const fetch = chatsByAttendeePages(unipileOf(ws), { attendee_id: parsed.raw, limit: 100 }, { ctx: engine.unipileMapContext(), call: USER });
      for await (const page of iteratePages(fetch, null, { maxPages: CHAT_PAGES })) {
        for (const c of page.items) out.push((await engine.cache.getConversation(c.id)) ?? c);
      }
      return { conversations: out };
    },

    'people:messages': async ({ personId, cursor, limit }) => {
      const { ws, engine } = await current(ctx);
      const parsed = parseSourcedId(personId)!;
      if (parsed.source === 'genesys') throw new AppError('invalid_input', 'Genesys chat cannot list one person’s messages across conversations; open your 1:1 with them instead.');
      const args = cursor ? { sender_id: parsed.raw, cursor: decodeCursor(personId, cursor), limit } : { sender_id: parsed.raw, limit };
      const list = await unipileOf(ws).listMessagesByAttendee(args, USER);
      const mapCtx = engine.unipileMapContext();
      const messages = await withSenderNames(engine, list.items.filter((m) => !m.hidden).map((m) => toMessage(m, mapCtx)));
      return { messages, next: list.cursor ? encodeCursor(personId, list.cursor) : null };
    },
  };
}
