import { describe, expect, it, vi } from 'vitest';
import type { AccountId, ConversationId, PersonId } from '../../../../shared/domain/ids';
import { makeConversation, makePerson } from './fakeApi';
import { buildSections, canForwardTo, LIMITS, oneToOnes, parseScope, personDetail, type PaletteAction, type PaletteEntry, type PaletteInput } from './paletteModel';
import type { Person } from '../../../../shared/domain/model';

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

describe('people', () => {
  const chats = [
    makeConversation('u:chat-bob', 'Bob Stone', { network: 'whatsapp', kind: 'dm', avatarPersonId: 'u:bob' as PersonId }),
    makeConversation('u:group', 'Climbing club', { network: 'whatsapp', kind: 'group' }),
    makeConversation('g:dm:ana', 'Ana Lima', { kind: 'dm' }),
    makeConversation('u:chat-bob-old', 'Bob (old)', { network: 'telegram', kind: 'dm', avatarPersonId: 'u:bob' as PersonId, archived: true }),
  ];
  const folks = [
    makePerson('g:ana', 'Ana Lima'),
    makePerson('g:gil', 'Gil Ortega', { headline: 'SRE' }),
    makePerson('u:bob', 'Bob Stone'),
    // Known only from a group chat.
    makePerson('u:carol', 'Carol Nguyen'),
    makePerson('g:me', 'Me Myself', { isSelf: true }),
  ];
  const input: PaletteInput = { ...base, conversations: chats, people: folks };
  const people = (query: string) => (buildSections({ ...input, query }).find((s) => s.id === 'people')?.entries ?? []) as Array<Extract<PaletteEntry, { kind: 'person' }>>;

  it('finds each person’s 1:1: Genesys by user id, Unipile by the chat’s other attendee, the most recent first', () => {
    const dms = oneToOnes(chats);
    expect(dms.get('g:ana' as PersonId)?.id).toBe('g:dm:ana');
    expect(dms.get('u:bob' as PersonId)?.id).toBe('u:chat-bob');
    expect(dms.has('u:carol' as PersonId)).toBe(false);
    expect(oneToOnes(chats)).toBe(dms);
  });

  it('lists everyone but oneself, each with the 1:1 the palette knows (Enter goes there without asking)', () => {
    expect(people('@').map((e) => [e.person.id, e.conversation?.id ?? null])).toEqual([
      ['g:ana', 'g:dm:ana'],
      ['g:gil', null],
      ['u:bob', 'u:chat-bob'],
      ['u:carol', null],
    ]);
  });

  it('does not list a person again whose 1:1 is listed under Conversations', () => {
    const sections = buildSections({ ...input, query: 'bob stone' });
    expect(sections.map((s) => [s.id, s.entries.map((e) => e.key)])).toEqual([['conversations', ['c:u:chat-bob']]]);
    // Found by something the 1:1's title does not have (here a handle), the person is listed.
    const handled = buildSections({ ...input, people: [makePerson('u:bob', 'Bob Stone', { handle: '+33 6 12' })], query: '+33' });
    expect(handled.map((s) => [s.id, s.entries.map((e) => e.key)])).toEqual([['people', ['p:u:bob']]]);
  });

  it("matches a handle's own part, never its domain", () => {
    const people = [makePerson('g:cara', 'Cara Diaz', { handle: '963a5390f2b1@demo-org.orgspan.com' }), makePerson('u:wa', 'Wim Aerts', { handle: '33683442960@s.whatsapp.net' })];
    const found = (query: string) => buildSections({ ...input, people, query }).find((s) => s.id === 'people')?.entries.map((e) => e.key) ?? [];
    expect(found('orgspan')).toEqual([]);
    expect(found('whatsapp')).toEqual([]);
    expect(found('3368344')).toEqual(['p:u:wa']);
    expect(found('963a53')).toEqual(['p:g:cara']);
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

describe('personDetail', () => {
  const person = (p: Partial<Person>): Person => ({ id: 'u:x' as PersonId, source: 'unipile', name: 'X', isSelf: false, ...p });

  it('never shows a raw network id, a phone number formatted and an @handle as they are', () => {
    expect(personDetail(person({ handle: 'U01EJRIGRT1' }))).toBe('your 1:1, or a new chat');
    expect(personDetail(person({ handle: '963a5390f2b1@demo-org.orgspan.com' }))).toBe('your 1:1, or a new chat');
    expect(personDetail(person({ handle: 'ACoAAB1c2d3e4F' }))).toBe('your 1:1, or a new chat');
    expect(personDetail(person({ handle: '33683442960@s.whatsapp.net' }))).toBe('+33 6 83 44 29 60 · WhatsApp 1:1, or a new chat');
    expect(personDetail(person({ handle: '@zoe.obrien' }))).toBe('@zoe.obrien · your 1:1, or a new chat');
    // Bare digits are a Telegram or Instagram id as often as a number: not shown as a phone.
    expect(personDetail(person({ handle: '954473409' }))).toBe('your 1:1, or a new chat');
    expect(personDetail(person({ handle: '340282366841710300949128131112345' }))).toBe('your 1:1, or a new chat');
    expect(personDetail(person({ handle: '+33683442960' }))).toBe('+33 6 83 44 29 60 · your 1:1, or a new chat');
    expect(personDetail(person({ source: 'genesys', handle: '963a5390@demo-org.orgspan.com', headline: 'Engineer' }))).toBe('Engineer · Genesys Cloud 1:1');
  });
});
