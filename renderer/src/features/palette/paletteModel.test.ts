import { describe, expect, it, vi } from 'vitest';
import type { AccountId, ConversationId } from '../../../../shared/domain/ids';
import { makeConversation, makePerson } from './fakeApi';
import { buildSections, canForwardTo, LIMITS, parseScope, type PaletteAction, type PaletteInput } from './paletteModel';

const conversations = [
  makeConversation('g:room:a', 'Release war room', { subject: 'Ship 4.2 on Friday' }),
  makeConversation('g:room:b', 'Design review'),
  makeConversation('u:c', 'Sarah Ana', { network: 'whatsapp', kind: 'dm' }),
  makeConversation('u:d', 'Weekend plans', { network: 'telegram', accountId: 'u:acc2' as AccountId }),
  makeConversation('u:e', 'Old archive', { archived: true }),
];
const people = [makePerson('g:ana', 'Ana Lima', { handle: 'ana@demo-org' }), makePerson('u:bob', 'Bob Stone')];
const actions: PaletteAction[] = [
  { id: 'settings', label: 'Open settings', keys: ['Mod+,'], aliases: ['preferences'], run: vi.fn() },
  { id: 'toggleTheme', label: 'Switch theme', aliases: ['dark mode'], run: vi.fn() },
];
const base: PaletteInput = { query: '', mode: 'all', conversations, people, actions, recentIds: [] };

const ids = (input: Partial<PaletteInput>) => buildSections({ ...base, ...input }).map((s) => [s.id, s.entries.map((e) => e.key)] as const);

describe('buildSections', () => {
  it('with no query lists conversations (recent ones first) and actions, no people', () => {
    const sections = buildSections({ ...base, recentIds: ['u:d', 'g:room:b'] as ConversationId[] });
    expect(sections.map((s) => s.id)).toEqual(['conversations', 'actions']);
    const convs = sections[0]!.entries;
    expect(convs.map((e) => e.key)).toEqual(['c:u:d', 'c:g:room:b', 'c:g:room:a', 'c:u:c', 'c:u:e']);
    expect(convs.slice(0, 2).every((e) => e.kind === 'conversation' && e.recent)).toBe(true);
  });

  it('caps the empty list so the palette paints at once', () => {
    const many = Array.from({ length: 500 }, (_, i) => makeConversation(`g:room:${i}`, `Room ${i}`));
    expect(buildSections({ ...base, conversations: many })[0]!.entries).toHaveLength(LIMITS.conversationsEmpty);
    expect(buildSections({ ...base, conversations: many, query: 'room' })[0]!.entries).toHaveLength(LIMITS.conversations);
  });

  it('fuzzy matches conversations by title or subject, people by name or handle, actions by label or alias', () => {
    expect(ids({ query: 'rwr' })).toEqual([['conversations', ['c:g:room:a']]]);
    expect(ids({ query: 'ship friday' })).toEqual([['conversations', ['c:g:room:a']]]);
    const ana = buildSections({ ...base, query: 'ana' });
    expect(ana.find((s) => s.id === 'people')!.entries.map((e) => e.key)).toEqual(['p:g:ana']);
    expect(ana.find((s) => s.id === 'conversations')!.entries.map((e) => e.key)).toEqual(['c:u:c']);
    expect(ids({ query: 'dark' })).toEqual([['actions', ['a:toggleTheme']]]);
  });

  it('puts the section with the best match first', () => {
    expect(buildSections({ ...base, query: 'settings' })[0]!.id).toBe('actions');
    expect(buildSections({ ...base, query: 'design' })[0]!.id).toBe('conversations');
  });

  it('returns highlight positions in the shown title', () => {
    const entry = buildSections({ ...base, query: 'design' })[0]!.entries[0]!;
    expect(entry.positions).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lifts conversations visited in this session above equal matches', () => {
    const twins = [makeConversation('g:room:1', 'Team sync'), makeConversation('g:room:2', 'Team sync')];
    expect(ids({ conversations: twins, query: 'team' })[0]![1]).toEqual(['c:g:room:1', 'c:g:room:2']);
    expect(ids({ conversations: twins, query: 'team', recentIds: ['g:room:2' as ConversationId] })[0]![1]).toEqual(['c:g:room:2', 'c:g:room:1']);
  });

  it('limits to one section with #, @ or >', () => {
    expect(parseScope('  @ana')).toEqual({ scope: 'people', text: 'ana' });
    expect(parseScope('ana')).toEqual({ scope: null, text: 'ana' });
    expect(ids({ query: '@' })).toEqual([['people', ['p:g:ana', 'p:u:bob']]]);
    expect(ids({ query: '>set' })).toEqual([['actions', ['a:settings']]]);
    expect(ids({ query: '#ana' })).toEqual([['conversations', ['c:u:c']]]);
  });

  it('forward mode lists only the chats of the same account that accept forwards, no people or actions', () => {
    const targets = [...conversations, makeConversation('u:f', 'No forwards here', { disabled: ['forward'] }), makeConversation('u:g', 'Read only', { readOnly: true }), makeConversation('u:h', 'Family')];
    const sections = buildSections({ ...base, conversations: targets, mode: 'forward', forwardAccountId: 'u:acc1' as AccountId, forwardFromId: 'u:c' as ConversationId });
    expect(sections).toHaveLength(1);
    expect(sections[0]!.title).toBe('Forward to');
    // u:c is where it comes from, u:d another account, u:e archived, u:f and u:g refuse; Genesys rooms cannot receive forwards.
    expect(sections[0]!.entries.map((e) => e.key)).toEqual(['c:u:h']);
    const open = buildSections({ ...base, conversations: targets, mode: 'forward', forwardAccountId: 'u:acc2' as AccountId, query: '>we' });
    // In forward mode the query is a chat name: no scope prefixes.
    expect(open).toEqual([]);
    expect(buildSections({ ...base, conversations: targets, mode: 'forward', forwardAccountId: 'u:acc2' as AccountId, query: 'wee' })[0]!.entries.map((e) => e.key)).toEqual(['c:u:d']);
  });
});

describe('canForwardTo', () => {
  it('needs a Unipile chat that allows forwards, in the same account when known', () => {
    const chat = makeConversation('u:x', 'Chat');
    expect(canForwardTo(chat, null, null)).toBe(true);
    expect(canForwardTo(chat, 'u:acc1' as AccountId, null)).toBe(true);
    expect(canForwardTo(chat, 'u:other' as AccountId, null)).toBe(false);
    expect(canForwardTo(chat, null, 'u:x' as ConversationId)).toBe(false);
    expect(canForwardTo(makeConversation('g:room:r', 'Room'), null, null)).toBe(false);
  });
});
