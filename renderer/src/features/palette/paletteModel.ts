import type { AccountId, ConversationId, PersonId } from '../../../../shared/domain/ids';
import type { Conversation, Person } from '../../../../shared/domain/model';
import { rank } from './fuzzy';

/**
 * What the palette lists for a query, as data (no React): sections of entries, each with the
 * matched character positions to highlight. Kept pure so ranking is tested without a DOM and
 * costs one pass over the candidates per keystroke.
 *
 * A leading `#` limits the query to conversations, `@` to people, `>` to actions.
 *
 * Choosing a person goes to their 1:1: the one the palette already knows (`conversation` of the
 * entry), else Genesys opens (creating) it by user id and a Unipile person's is looked up on their
 * network, where none means a new chat (see paletteSlice.openPersonConversation). A person whose 1:1
 * is already listed under Conversations is not listed again.
 */
export interface PaletteAction {
  id: string;
  label: string;
  /** Shortcut keys as in `SHORTCUTS` (`Mod+K`), shown beside the label. */
  keys?: readonly string[];
  /** Other words it answers to ("dark" finds Toggle theme). */
  aliases?: readonly string[];
  run: () => void | Promise<unknown>;
}

/** `positions`: matched characters of the shown name; `score`: the match's (0 with no query). */
export type PaletteEntry =
  | { kind: 'conversation'; key: string; conversation: Conversation; positions: number[]; score: number; recent: boolean }
  /** `conversation`: their 1:1 among the palette's conversations, null when the palette does not know it. */
  | { kind: 'person'; key: string; person: Person; conversation: Conversation | null; positions: number[]; score: number }
  | { kind: 'action'; key: string; action: PaletteAction; positions: number[]; score: number };

export type SectionId = 'conversations' | 'people' | 'actions';
export interface PaletteSection {
  id: SectionId;
  title: string;
  entries: PaletteEntry[];
}

export interface PaletteInput {
  query: string;
  mode: 'all' | 'forward';
  conversations: readonly Conversation[];
  people: readonly Person[];
  actions: readonly PaletteAction[];
  recentIds: readonly ConversationId[];
  /** Forward mode: the account of the message's conversation (Unipile forwards within one account). */
  forwardAccountId?: AccountId | null;
  /** Forward mode: where the message already is (not offered as a target). */
  forwardFromId?: ConversationId | null;
}

export const LIMITS = { conversationsEmpty: 30, conversations: 50, people: 20, actions: 20 } as const;
/** How much more a conversation visited in this session scores than an equal match. */
const RECENT_BOOST = 6;

const SCOPES: Record<string, SectionId> = { '#': 'conversations', '@': 'people', '>': 'actions' };

export function parseScope(query: string): { scope: SectionId | null; text: string } {
  const first = query.trimStart()[0];
  const scope = first ? SCOPES[first] : undefined;
  return scope ? { scope, text: query.trimStart().slice(1) } : { scope: null, text: query };
}

/** Unipile forwards a message to another chat of the same account, where the chat allows it. */
export function canForwardTo(c: Conversation, accountId: AccountId | null | undefined, fromId: ConversationId | null | undefined): boolean {
  if (c.source !== 'unipile' || c.readOnly || c.archived) return false;
  if (c.disabled?.includes('forward')) return false;
  if (fromId && c.id === fromId) return false;
  return !accountId || c.accountId === accountId;
}

const oneToOnesMemo = new WeakMap<readonly Conversation[], Map<PersonId, Conversation>>();

/**
 * Each person's 1:1 among `conversations`, by person id: a Genesys 1:1 is addressed by the other
 * user's id (`g:dm:<userId>`, the person `g:<userId>`), a Unipile 1:1 chat names its other attendee
 * (`avatarPersonId`). The first wins, and the list is most recent first with archived ones last.
 * Memoised per list: the palette asks on every keystroke, the list changes rarely.
 */
export function oneToOnes(conversations: readonly Conversation[]): Map<PersonId, Conversation> {
  const hit = oneToOnesMemo.get(conversations);
  if (hit) return hit;
  const out = new Map<PersonId, Conversation>();
  for (const c of conversations) {
    if (c.kind !== 'dm') continue;
    const person = c.id.startsWith('g:dm:') ? (`g:${c.id.slice(5)}` as PersonId) : c.avatarPersonId;
    if (person && !out.has(person)) out.set(person, c);
  }
  oneToOnesMemo.set(conversations, out);
  return out;
}

function conversationEntries(input: PaletteInput, text: string): PaletteEntry[] {
  const pool = input.mode === 'forward' ? input.conversations.filter((c) => canForwardTo(c, input.forwardAccountId, input.forwardFromId)) : input.conversations;
  const recentRank = new Map(input.recentIds.map((id, i) => [id, i]));
  if (text.trim().length === 0) {
    // Recently visited first (in visiting order), then the rest by activity (the list's order).
    const byId = new Map(pool.map((c) => [c.id, c]));
    const out: PaletteEntry[] = [];
    for (const id of input.recentIds) {
      const c = byId.get(id);
      if (c) out.push({ kind: 'conversation', key: `c:${c.id}`, conversation: c, positions: [], score: 0, recent: true });
    }
    for (const c of pool) {
      if (out.length >= LIMITS.conversationsEmpty) break;
      if (!recentRank.has(c.id)) out.push({ kind: 'conversation', key: `c:${c.id}`, conversation: c, positions: [], score: 0, recent: false });
    }
    return out.slice(0, LIMITS.conversationsEmpty);
  }
  // Rank a few more than shown, so the recency boost can lift one from just below the cut.
  const ranked = rank(text, pool, (c) => (c.subject && c.subject !== c.title ? [c.title, c.subject] : c.title), LIMITS.conversations + 20);
  return ranked
    .map((r, i) => ({ r, i, score: r.score + (recentRank.has(r.item.id) ? RECENT_BOOST : 0) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, LIMITS.conversations)
    .map(({ r, score }) => ({ kind: 'conversation' as const, key: `c:${r.item.id}`, conversation: r.item, positions: r.positions, recent: recentRank.has(r.item.id), score }));
}

export function buildSections(input: PaletteInput): PaletteSection[] {
  const { scope, text } = input.mode === 'forward' ? { scope: 'conversations' as const, text: input.query } : parseScope(input.query);
  const empty = text.trim().length === 0;
  const want = (id: SectionId) => scope === null || scope === id;
  const scored: Array<PaletteSection & { best: number; order: number }> = [];

  if (want('conversations')) {
    const entries = conversationEntries(input, text);
    const best = entries[0]?.score ?? 0;
    scored.push({ id: 'conversations', title: input.mode === 'forward' ? 'Forward to' : 'Conversations', entries, best, order: 0 });
  }
  if (input.mode === 'all' && want('people') && (!empty || scope === 'people')) {
    const dms = oneToOnes(input.conversations);
    const listed = new Set(scored.flatMap((s) => s.entries.map((e) => (e.kind === 'conversation' ? e.conversation.id : null))));
    const pool: Array<{ person: Person; conversation: Conversation | null }> = [];
    for (const person of input.people) {
      if (person.isSelf) continue;
      const conversation = dms.get(person.id) ?? null;
      if (conversation && listed.has(conversation.id)) continue;
      pool.push({ person, conversation });
    }
    // A handle is matched on its own part, never its domain: "room" must not find every Genesys
    // person through "@demo-org.orgspan.com", nor "what" every WhatsApp contact.
    const ranked = rank(text, pool, ({ person: p }) => (p.handle ? [p.name, p.handle.split('@', 1)[0]!] : p.name), LIMITS.people);
    scored.push({
      id: 'people',
      title: 'People',
      entries: ranked.map((r) => ({ kind: 'person', key: `p:${r.item.person.id}`, person: r.item.person, conversation: r.item.conversation, positions: r.positions, score: r.score })),
      best: ranked[0]?.score ?? 0,
      order: 1,
    });
  }
  if (input.mode === 'all' && want('actions')) {
    const ranked = rank(text, input.actions, (a) => [a.label, ...(a.aliases ?? [])], empty ? Infinity : LIMITS.actions);
    scored.push({ id: 'actions', title: 'Actions', entries: ranked.map((r) => ({ kind: 'action', key: `a:${r.item.id}`, action: r.item, positions: r.positions, score: r.score })), best: ranked[0]?.score ?? 0, order: 2 });
  }

  const sections = scored.filter((s) => s.entries.length > 0);
  // With a query, the section holding the best match comes first, so Enter takes it: typing
  // "settings" runs Settings even when some conversation matches it weakly.
  if (!empty) sections.sort((a, b) => b.best - a.best || a.order - b.order);
  return sections.map(({ id, title, entries }) => ({ id, title, entries }));
}

/** A WhatsApp JID's phone number, formatted: `33683442960@s.whatsapp.net` → "+33 6 83 44 29 60". */
export function formatPhone(digits: string): string {
  const cc = /^[17]/.test(digits) ? digits.slice(0, 1) : digits.slice(0, 2);
  const rest = digits.slice(cc.length);
  const groups: string[] = [];
  let i = rest.length % 2 ? 1 : 0;
  if (i) groups.push(rest.slice(0, 1));
  for (; i < rest.length; i += 2) groups.push(rest.slice(i, i + 2));
  return `+${cc} ${groups.join(' ')}`.trim();
}

/**
 * A handle worth showing: a phone number (from a WhatsApp JID) or an @handle. Never a JID, an
 * e-mail-like id or an opaque network id (Slack's `U01EJRIGRT1`, LinkedIn's `ACoAA…`).
 */
export function readableHandle(handle: string | undefined): string | null {
  if (!handle) return null;
  // A phone number only where the handle says it is one (a WhatsApp id, or written with +): bare
  // digits are as often a Telegram or Instagram id, which read as a foreign number would mislead.
  const phone = /^(?:\+(\d{7,15})|(\d{7,15})(?:@s\.whatsapp\.net|@c\.us))$/.exec(handle.trim());
  if (phone) return formatPhone((phone[1] ?? phone[2])!);
  const at = /^@?([a-z][a-z0-9._]{1,29})$/.exec(handle.trim());
  return at ? `@${at[1]}` : null;
}

/**
 * A person's secondary line in the palette: their headline or a readable handle, and where Enter
 * goes. It depends on the person only (never on which conversations happen to be loaded), so the
 * same person reads the same each time.
 */
export function personDetail(person: Person): string {
  const where = person.source === 'genesys' ? 'Genesys Cloud 1:1' : /@s\.whatsapp\.net$/.test(person.handle ?? '') ? 'WhatsApp 1:1, or a new chat' : 'your 1:1, or a new chat';
  return [person.headline?.trim() || readableHandle(person.handle), where].filter(Boolean).join(' · ');
}
