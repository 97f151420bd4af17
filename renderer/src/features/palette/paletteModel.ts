import type { AccountId, ConversationId } from '../../../../shared/domain/ids';
import type { Conversation, Person } from '../../../../shared/domain/model';
import { rank } from './fuzzy';

/**
 * What the palette lists for a query, as data (no React): sections of entries, each with the
 * matched character positions to highlight. Kept pure so ranking is tested without a DOM and
 * costs one pass over the candidates per keystroke.
 *
 * A leading `#` limits the query to conversations, `@` to people, `>` to actions.
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
  | { kind: 'person'; key: string; person: Person; positions: number[]; score: number }
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
    const ranked = rank(text, input.people, (p) => (p.handle ? [p.name, p.handle] : p.name), LIMITS.people);
    scored.push({ id: 'people', title: 'People', entries: ranked.map((r) => ({ kind: 'person', key: `p:${r.item.id}`, person: r.item, positions: r.positions, score: r.score })), best: ranked[0]?.score ?? 0, order: 1 });
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
