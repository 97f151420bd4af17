import type { ConversationId, PersonId } from '../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../shared/domain/model';
import { safeInvoke, loading, settle, errorOf, type ActionError, type Loadable } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * People: a conversation's participants, one person's profile (their 1:1 chats and all their
 * messages) and a cache of profile pictures as data URLs. The People panel reads these; avatars
 * anywhere may use `pictures` through `loadPicture`.
 */
export interface PersonMessages {
  messages: Message[];
  next: string | null;
}

/** A picture: its data URL, or null when the person has none (absent until it arrives). */
export type PictureEntry = string | null;

export interface PeopleSlice {
  participants: Loadable<Person[]> | null;
  profile: Loadable<Person> | null;
  personConversations: Loadable<Conversation[]> | null;
  personMessages: Loadable<PersonMessages> | null;
  pictures: Record<string, PictureEntry>;

  loadParticipants: (conversationId: ConversationId) => Promise<void>;
  /** The person, their 1:1 chats and the first page of their messages. */
  loadProfile: (personId: PersonId) => Promise<void>;
  loadMorePersonMessages: () => Promise<void>;
  loadPicture: (personId: PersonId) => Promise<void>;
  addParticipant: (conversationId: ConversationId, userId: string) => Promise<ActionError>;
  removeParticipant: (conversationId: ConversationId, personId: PersonId) => Promise<ActionError>;
}

const PAGE = 30;
/** Only images become data URLs: a picture is never anything that could run. */
const IMAGE_MIME = /^image\/(png|jpeg|gif|webp|avif|bmp)$/i;

/**
 * Pictures arriving within this long of each other are written to the store together. A switch can
 * show a dozen new senders at once; written one by one (and marked "loading" first, as they were), they
 * made two dozen store writes, each running every subscriber's selector (bench/README.md, the switch's
 * eleventh look).
 */
const PICTURE_BATCH_MS = 16;
/** Reads in flight, outside the store: nothing is drawn differently while a picture loads. */
const picturesInFlight = new Map<string, Promise<void>>();
let picturesArrived: Record<string, PictureEntry> | null = null;
let pictureFlush: Promise<void> | null = null;

export const createPeopleSlice: SliceCreator<PeopleSlice> = (set, get) => ({
  participants: null,
  profile: null,
  personConversations: null,
  personMessages: null,
  pictures: {},

  loadParticipants: async (conversationId) => {
    set({ participants: loading(conversationId, get().participants) }, false, 'people/loadParticipants');
    const res = await safeInvoke('people:list', { conversationId });
    // The same list @-completion uses: after adding or removing someone it is current there too.
    if (res.ok) get().learnMembers(conversationId, res.value.people);
    if (get().participants?.key !== conversationId) return;
    set({ participants: settle(conversationId, res.ok ? { ok: true, value: res.value.people } : res, get().participants) }, false, 'people/participantsLoaded');
  },

  loadProfile: async (personId) => {
    set(
      { profile: loading(personId, get().profile), personConversations: loading(personId, get().personConversations), personMessages: loading(personId, get().personMessages) },
      false,
      'people/loadProfile',
    );
    // Genesys has no "messages by person" across conversations: only Unipile people have that list.
    const unipile = personId.startsWith('u:');
    const [person, conversations, messages] = await Promise.all([
      safeInvoke('people:get', { personId }),
      safeInvoke('people:conversations', { personId }),
      unipile ? safeInvoke('people:messages', { personId, limit: PAGE }) : Promise.resolve(null),
    ]);
    if (get().profile?.key !== personId) return;
    set(
      {
        profile: settle(personId, person.ok ? { ok: true, value: person.value.person } : person, get().profile),
        personConversations: settle(personId, conversations.ok ? { ok: true, value: conversations.value.conversations } : conversations, get().personConversations),
        personMessages: messages ? settle(personId, messages, get().personMessages) : null,
      },
      false,
      'people/profileLoaded',
    );
  },

  loadMorePersonMessages: async () => {
    const current = get().personMessages;
    if (!current || current.status !== 'ready' || !current.value.next) return;
    const personId = current.key as PersonId;
    const res = await safeInvoke('people:messages', { personId, cursor: current.value.next, limit: PAGE });
    const now = get().personMessages;
    if (now?.key !== personId || now.status !== 'ready') return;
    if (!res.ok) {
      set({ personMessages: { key: personId, status: 'error', error: res.error, value: now.value } }, false, 'people/moreMessagesFailed');
      return;
    }
    const seen = new Set(now.value.messages.map((m) => m.id));
    const messages = [...now.value.messages, ...res.value.messages.filter((m) => !seen.has(m.id))];
    set({ personMessages: { key: personId, status: 'ready', value: { messages, next: res.value.next } } }, false, 'people/moreMessagesLoaded');
  },

  loadPicture: (personId) => {
    if (personId in get().pictures) return Promise.resolve();
    const running = picturesInFlight.get(personId);
    if (running) return running;
    const done = (async () => {
      const res = await safeInvoke('people:picture', { personId });
      const url = res.ok && res.value && IMAGE_MIME.test(res.value.mimeType) && res.value.base64 ? `data:${res.value.mimeType};base64,${res.value.base64}` : null;
      (picturesArrived ??= {})[personId] = url;
      pictureFlush ??= new Promise<void>((resolve) =>
        setTimeout(() => {
          const batch = picturesArrived;
          picturesArrived = null;
          pictureFlush = null;
          if (batch) set({ pictures: { ...get().pictures, ...batch } }, false, 'people/picturesLoaded');
          resolve();
        }, PICTURE_BATCH_MS),
      );
      await pictureFlush;
    })().finally(() => picturesInFlight.delete(personId));
    picturesInFlight.set(personId, done);
    return done;
  },

  addParticipant: async (conversationId, userId) => {
    const res = await safeInvoke('people:add', { conversationId, userId });
    if (res.ok) await get().loadParticipants(conversationId);
    return errorOf(res);
  },

  removeParticipant: async (conversationId, personId) => {
    const res = await safeInvoke('people:remove', { conversationId, personId });
    if (res.ok) {
      const p = get().participants;
      if (p?.key === conversationId && p.status === 'ready') set({ participants: { ...p, value: p.value.filter((x) => x.id !== personId) } }, false, 'people/participantRemoved');
      void get().loadParticipants(conversationId);
    }
    return errorOf(res);
  },
});
