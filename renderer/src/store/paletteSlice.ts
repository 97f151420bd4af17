import type { AccountId, ConversationId, MessageId } from '../../../shared/domain/ids';
import { parseSourcedId } from '../../../shared/domain/idParse';
import type { Conversation, Person } from '../../../shared/domain/model';
import type { InboxFilter } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { safeInvoke, type ActionError } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * What the command palette (Ctrl/Cmd+K) jumps to: every conversation the cache knows (not just
 * the inbox's first page), the people it knows, and the conversations visited lately. Matching
 * and ranking are the palette's (fuzzy, on every keystroke); this slice only keeps the data fresh.
 */
export interface PaletteSlice {
  /** Every conversation, most recent activity first, archived ones after the rest. */
  paletteConversations: Conversation[];
  paletteStatus: 'idle' | 'loading' | 'ready' | 'error';
  paletteError: WireError | null;
  /** People seen in any `people:query` answer, by id (the palette ranks them itself). */
  palettePeople: Record<string, Person>;
  palettePeopleError: WireError | null;
  /** Conversations opened in this session, most recent first: the palette lists them first. */
  recentConversationIds: ConversationId[];

  /** Reads all conversations (a few 200-row pages from the cache); what was loaded stays shown meanwhile. */
  loadPaletteConversations: () => Promise<void>;
  /**
   * Conversations the cache changed while the palette is open (first sync, a new room): re-read
   * those rows so a room that arrives while the user types shows up without reopening the palette.
   */
  refreshPaletteConversations: (ids: readonly ConversationId[]) => Promise<void>;
  /** Asks the backend for people matching `text` and adds them to `palettePeople`. */
  queryPalettePeople: (text: string) => Promise<void>;
  /**
   * A person's 1:1, opened: Genesys opens (or creates) it by user id, Unipile takes their 1:1 chat.
   * A Unipile network starts a chat only with its first message, so where there is none yet the
   * answer is a new chat to write instead (`newChat`: the account their messages were seen on, when
   * known); the caller opens the New chat dialog with it.
   */
  openPersonConversation: (person: Person) => Promise<PersonLanding>;
  forwardMessage: (messageId: MessageId, toConversationId: ConversationId) => Promise<ActionError>;
}

/** Where choosing a person lands (see `openPersonConversation`). */
export type PersonLanding = { to: 'conversation' } | { to: 'newChat'; accountId: AccountId | null } | { to: 'error'; error: WireError };

const PAGE = 200;
/** Far beyond any real workspace; stops a backend that kept answering `next` from looping forever. */
const MAX_CONVERSATIONS = 50_000;
const MAX_PEOPLE = 10_000;
const MAX_RECENT = 20;
/** More changed rows than this at once (a first sync) are cheaper to read again page by page. */
const MAX_PATCHED = 50;

let loadSeq = 0;
let inFlight: Promise<void> | null = null;

async function readAll(filter: InboxFilter): Promise<{ ok: true; rows: Conversation[] } | { ok: false; error: WireError }> {
  const rows: Conversation[] = [];
  let after: { lastActivity: number; id: ConversationId } | undefined;
  while (rows.length < MAX_CONVERSATIONS) {
    const res = await safeInvoke('inbox:list', { filter, limit: PAGE, ...(after ? { after } : {}) });
    if (!res.ok) return res;
    rows.push(...res.value.conversations);
    if (!res.value.next || res.value.conversations.length === 0) break;
    after = res.value.next;
  }
  return { ok: true, rows };
}

/**
 * The recent list after opening `id`. Every way of opening a conversation (inbox, palette, search,
 * notification) goes through `openConversation`, which applies this in the same store write: a write
 * of its own would run every subscriber's selector once more on each switch.
 */
export function afterVisit(recent: readonly ConversationId[], id: ConversationId | null): ConversationId[] | null {
  if (!id || recent[0] === id) return null;
  return [id, ...recent.filter((r) => r !== id)].slice(0, MAX_RECENT);
}

export const createPaletteSlice: SliceCreator<PaletteSlice> = (set, get) => {
  return {
    paletteConversations: [],
    paletteStatus: 'idle',
    paletteError: null,
    palettePeople: {},
    palettePeopleError: null,
    recentConversationIds: [],

    loadPaletteConversations: () => {
      // Opening the palette twice quickly must not start two full reads.
      if (inFlight) return inFlight;
      const seq = ++loadSeq;
      set({ paletteStatus: get().paletteConversations.length > 0 ? 'ready' : 'loading' }, false, 'palette/load');
      inFlight = (async () => {
        const [active, archived] = await Promise.all([readAll({ kind: 'all' }), readAll({ kind: 'archived' })]);
        if (seq !== loadSeq) return;
        if (!active.ok) {
          set({ paletteStatus: 'error', paletteError: active.error }, false, 'palette/loadFailed');
          return;
        }
        // Archived rows are still worth jumping to; an error there only loses them.
        const seen = new Set(active.rows.map((c) => c.id));
        const rest = archived.ok ? archived.rows.filter((c) => !seen.has(c.id)) : [];
        set({ paletteConversations: [...active.rows, ...rest], paletteStatus: 'ready', paletteError: null }, false, 'palette/loaded');
      })().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    refreshPaletteConversations: async (ids) => {
      if (get().paletteStatus === 'idle' || ids.length === 0) return;
      if (ids.length > MAX_PATCHED) {
        // A full read in flight may predate these changes: chain one more after it.
        if (inFlight) await inFlight;
        return get().loadPaletteConversations();
      }
      const seq = loadSeq;
      const answers = await Promise.all(ids.map(async (id) => ({ id, res: await safeInvoke('conversation:get', { id }) })));
      if (seq !== loadSeq) return;
      const fresh = new Map<ConversationId, Conversation>();
      const gone = new Set<ConversationId>();
      for (const { id, res } of answers) {
        if (res.ok) fresh.set(id, res.value.conversation);
        else if (res.error.code === 'not_found') gone.add(id);
      }
      if (fresh.size === 0 && gone.size === 0) return;
      const before = get().paletteConversations;
      const kept = before.filter((c) => !gone.has(c.id)).map((c) => fresh.get(c.id) ?? c);
      const known = new Set(before.map((c) => c.id));
      // New conversations just had activity: they go first, where the most recent ones are.
      const added = [...fresh.values()].filter((c) => !known.has(c.id));
      set({ paletteConversations: [...added, ...kept] }, false, 'palette/refreshed');
    },

    queryPalettePeople: async (text) => {
      const res = await safeInvoke('people:query', { text: text.slice(0, 200), limit: 200 });
      if (!res.ok) {
        // `unavailable` while the backend has no people yet: the palette simply has no People section.
        set({ palettePeopleError: res.error }, false, 'palette/peopleFailed');
        return;
      }
      const before = get().palettePeople;
      let next: Record<string, Person> | null = null;
      for (const p of res.value.people) {
        if (p.isSelf || before[p.id] === p) continue;
        next ??= Object.keys(before).length + res.value.people.length > MAX_PEOPLE ? {} : { ...before };
        next[p.id] = p;
      }
      if (next || get().palettePeopleError) set({ palettePeople: next ?? before, palettePeopleError: null }, false, 'palette/people');
    },

    openPersonConversation: async (person) => {
      const parsed = parseSourcedId(person.id);
      if (!parsed) return { to: 'error', error: { code: 'invalid_input', message: `Cannot open a conversation with ${person.name}.` } };
      if (parsed.source === 'genesys') {
        const res = await safeInvoke('dm:open', { userId: parsed.raw });
        if (!res.ok) return { to: 'error', error: res.error };
        get().openConversation(res.value.conversation.id);
        return { to: 'conversation' };
      }
      const res = await safeInvoke('people:conversations', { personId: person.id });
      if (!res.ok) return { to: 'error', error: res.error };
      const first = res.value.conversations[0];
      if (first) {
        get().openConversation(first.id);
        return { to: 'conversation' };
      }
      // A new chat goes to their id on the network (chats:start): without it there is nothing to start.
      if (!person.handle) return { to: 'error', error: { code: 'not_found', message: `You have no chat with ${person.name} yet, and Switchboard does not know their id on the network to start one.` } };
      // An attendee belongs to one account: the network says which when asked for the person, else
      // any of their messages does (neither: the user picks; never a guess, which would address them
      // on the wrong network).
      let accountId: AccountId | null = person.accountId ?? null;
      if (!accountId) {
        const fresh = await safeInvoke('people:get', { personId: person.id });
        accountId = fresh.ok ? (fresh.value.person.accountId ?? null) : null;
      }
      if (!accountId) {
        const seen = await safeInvoke('people:messages', { personId: person.id, limit: 1 });
        const where = seen.ok ? seen.value.messages[0]?.conversationId : undefined;
        accountId = where ? (get().paletteConversations.find((c) => c.id === where)?.accountId ?? null) : null;
      }
      return { to: 'newChat', accountId: accountId?.startsWith('u:') ? accountId : null };
    },

    forwardMessage: async (messageId, toConversationId) => {
      const res = await safeInvoke('messages:forward', { messageId, toConversationId });
      return res.ok ? null : res.error;
    },
  };
};
