import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, ConversationId, PersonId } from '../../../shared/domain/ids';
import type { Account, Conversation } from '../../../shared/domain/model';
import type { CacheStore } from './store';
import { CHAT, conversation, DM, message, person, ROOM, tempCache } from './testSupport';

let t: ReturnType<typeof tempCache>;
let cache: CacheStore;
beforeEach(() => {
  t = tempCache();
  cache = t.open();
});
afterEach(() => t.cleanup());

const ids = (cs: Conversation[]) => cs.map((c) => c.id);

describe('accounts', () => {
  it('are upserted and listed, keeping a known self when a later copy lacks it', () => {
    const wa: Account = { id: 'u:acc-1' as AccountId, source: 'unipile', network: 'whatsapp', name: 'My WhatsApp', status: 'connected', selfPersonId: 'u:me' as PersonId };
    const g: Account = { id: 'g' as AccountId, source: 'genesys', network: 'genesys', name: 'Genesys', status: 'connected' };
    cache.upsertAccounts([wa, g]);
    cache.upsertAccounts([{ ...wa, status: 'error', selfPersonId: undefined }]);
    expect(cache.listAccounts()).toEqual([g, { ...wa, status: 'error' }]);
  });
});

describe('conversations', () => {
  it('round-trip every field', () => {
    const full = conversation(CHAT, {
      subject: 'Subject',
      description: 'Desc',
      avatarPersonId: 'u:p' as PersonId,
      lastActivity: 123,
      lastMessagePreview: 'hi',
      unreadCount: 3,
      muted: true,
      mutedUntil: 999,
      archived: false,
      pinned: true,
      readOnly: true,
      labels: ['work'],
      disabled: ['edit', 'threads'],
    });
    cache.upsertConversations([full, conversation(ROOM)]);
    expect(cache.getConversation(CHAT)).toEqual(full);
    expect(cache.getConversation(ROOM)).toEqual(conversation(ROOM));
    expect(cache.getConversation('u:none' as ConversationId)).toBeNull();
  });

  it('keep the newer of the provider\'s activity and the cache\'s own', () => {
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 5000, 'newest here')]);
    // Genesys reports no activity: what the messages said stays.
    cache.upsertConversations([conversation(ROOM, { title: 'Renamed' })]);
    expect(cache.getConversation(ROOM)).toMatchObject({ title: 'Renamed', lastActivity: 5000, lastMessagePreview: 'newest here' });
    // A provider that knows of something newer wins.
    cache.upsertConversations([conversation(ROOM, { lastActivity: 9000, lastMessagePreview: 'from the provider' })]);
    expect(cache.getConversation(ROOM)).toMatchObject({ lastActivity: 9000, lastMessagePreview: 'from the provider' });
  });

  it('write and report only the rows that changed', () => {
    expect(cache.upsertConversations([conversation(ROOM), conversation(CHAT, { lastActivity: 100, labels: ['a'] })]).changed).toEqual([ROOM, CHAT]);
    // The chat list handed back as it was: nothing written, nothing to tell.
    expect(cache.upsertConversations([conversation(ROOM), conversation(CHAT, { lastActivity: 100, labels: ['a'] })]).changed).toEqual([]);
    // Older activity than the cache's own keeps the cache's: still the same row.
    expect(cache.upsertConversations([conversation(CHAT, { lastActivity: 50, labels: ['a'] })]).changed).toEqual([]);
    expect(cache.upsertConversations([conversation(ROOM), conversation(CHAT, { lastActivity: 100, labels: ['a', 'b'] })]).changed).toEqual([CHAT]);
    expect(cache.getConversation(CHAT)?.labels).toEqual(['a', 'b']);
    expect(cache.upsertConversations([conversation(ROOM, { title: 'Renamed' })]).changed).toEqual([ROOM]);
    expect(ids(cache.listInbox({ filter: { kind: 'all' }, limit: 10, text: 'renamed' }).conversations)).toEqual([ROOM]);
    // A removed conversation that comes back is written, though its columns are as they were.
    cache.removeConversation(CHAT);
    expect(cache.upsertConversations([conversation(CHAT, { lastActivity: 100, labels: ['a', 'b'] })]).changed).toEqual([CHAT]);
    expect(cache.getConversation(CHAT)).toMatchObject({ labels: ['a', 'b'] });
  });

  it('update flags without touching the rest', () => {
    cache.upsertConversations([conversation(CHAT, { labels: ['a'], mutedUntil: 5, muted: true })]);
    cache.setConversationFlags(CHAT, { unreadCount: 4, archived: true, pinned: true, labels: ['b', 'c'] });
    expect(cache.getConversation(CHAT)).toMatchObject({ unreadCount: 4, archived: true, pinned: true, labels: ['b', 'c'], muted: true, mutedUntil: 5 });
    cache.setConversationFlags(CHAT, { muted: false, mutedUntil: null, labels: undefined });
    const c = cache.getConversation(CHAT)!;
    expect(c.muted).toBe(false);
    expect(c.mutedUntil).toBeUndefined();
    expect(c.labels).toBeUndefined();
    cache.setConversationFlags(CHAT, {});
  });

  it('are removed with everything cached in them', () => {
    cache.upsertConversations([conversation(ROOM), conversation(DM)]);
    const m = message(ROOM, 1, 'bye now', { attachments: [{ id: 'a', kind: 'file' }] });
    cache.upsertMessages([m, message(DM, 2, 'bye there')]);
    cache.putAttachmentBytes(m.id, { id: 'a', mimeType: 'x/y' }, new Uint8Array(3));
    cache.setPins(ROOM, [m.id]);
    cache.setDraft({ conversationId: ROOM, text: 'unsent', updatedAt: 1 });
    cache.recordDirectory({ conversationId: ROOM, via: 'joined' });
    cache.removeConversation(ROOM);
    expect(cache.getConversation(ROOM)).toBeNull();
    expect(cache.getMessages([m.id])).toEqual([]);
    expect(cache.search({ text: 'bye', limit: 10 }).hits.map((h) => h.message.text)).toEqual(['bye there']);
    expect(cache.getPins(ROOM)).toEqual([]);
    expect(cache.getDraft(ROOM)).toBeNull();
    expect(cache.listDirectory()).toEqual([]);
    expect(cache.getAttachmentBytes(m.id, 'a')).toBeNull();
    expect(cache.integrityCheck()).toBe('ok');
    // And can come back.
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([m]);
    expect(cache.messagesPage({ conversationId: ROOM, limit: 5 }).messages).toHaveLength(1);
  });
});

describe('the inbox', () => {
  beforeEach(() => {
    const at = (id: string, lastActivity: number | null, over: Partial<Conversation> = {}) => conversation(id as ConversationId, { lastActivity, title: `Chat ${id}`, ...over });
    cache.upsertConversations([
      at('u:a', 500, { network: 'whatsapp', accountId: 'u:wa' as AccountId, unreadCount: 2 }),
      at('u:b', 400, { network: 'slack', accountId: 'u:sl' as AccountId }),
      at('u:c', 400, { network: 'slack', accountId: 'u:sl' as AccountId, title: 'Zürich office' }),
      at('u:d', 300, { network: 'whatsapp', accountId: 'u:wa' as AccountId, archived: true, unreadCount: 1 }),
      at('g:room:e', null),
      at('u:f', 200, { network: 'telegram', accountId: 'u:tg' as AccountId, unreadCount: 5 }),
    ]);
    // A stub (a message of a chat never described) is not listed.
    cache.upsertMessages([message('u:stub' as ConversationId, 100, 'x')]);
  });

  it('lists newest activity first, archived apart, paging by keyset', () => {
    const first = cache.listInbox({ filter: { kind: 'all' }, limit: 2 });
    expect(ids(first.conversations)).toEqual(['u:a', 'u:c']);
    expect(first.next).toEqual({ lastActivity: 400, id: 'u:c' });
    const second = cache.listInbox({ filter: { kind: 'all' }, limit: 2, after: first.next! });
    expect(ids(second.conversations)).toEqual(['u:b', 'u:f']);
    const third = cache.listInbox({ filter: { kind: 'all' }, limit: 2, after: second.next! });
    expect(ids(third.conversations)).toEqual(['g:room:e']);
    expect(third.next).toBeNull();
    expect(ids(cache.listInbox({ filter: { kind: 'archived' }, limit: 10 }).conversations)).toEqual(['u:d']);
  });

  it('filters by unread, network, account and title (case and accents folded)', () => {
    expect(ids(cache.listInbox({ filter: { kind: 'unread' }, limit: 10 }).conversations)).toEqual(['u:a', 'u:f']);
    expect(ids(cache.listInbox({ filter: { kind: 'network', network: 'slack' }, limit: 10 }).conversations)).toEqual(['u:c', 'u:b']);
    expect(ids(cache.listInbox({ filter: { kind: 'account', accountId: 'u:wa' as AccountId }, limit: 10 }).conversations)).toEqual(['u:a']);
    expect(ids(cache.listInbox({ filter: { kind: 'all' }, text: 'ZURICH', limit: 10 }).conversations)).toEqual(['u:c']);
    expect(ids(cache.listInbox({ filter: { kind: 'all' }, text: 'ich off', limit: 10 }).conversations)).toEqual(['u:c']);
    expect(cache.listInbox({ filter: { kind: 'all' }, text: 'nothing like it', limit: 10 }).conversations).toEqual([]);
    // Each word, in any order, with any spaces between (as the palette matches).
    expect(ids(cache.listInbox({ filter: { kind: 'all' }, text: '  off   zurich ', limit: 10 }).conversations)).toEqual(['u:c']);
    expect(cache.listInbox({ filter: { kind: 'all' }, text: 'zurich nowhere', limit: 10 }).conversations).toEqual([]);
  });

  it('lists only the ids asked for, those of them the filter and text list', () => {
    const only = (filter: Parameters<typeof cache.listInbox>[0]['filter'], list: string[], text?: string) =>
      ids(cache.listInbox({ filter, limit: 10, ids: list as ConversationId[], ...(text ? { text } : {}) }).conversations);
    expect(only({ kind: 'all' }, ['u:f', 'u:a', 'u:none'])).toEqual(['u:a', 'u:f']);
    // Archived, read, or not matching the text: not listed under that filter.
    expect(only({ kind: 'all' }, ['u:d', 'u:b'])).toEqual(['u:b']);
    expect(only({ kind: 'unread' }, ['u:b', 'u:f'])).toEqual(['u:f']);
    expect(only({ kind: 'all' }, ['u:a', 'u:c'], 'zurich')).toEqual(['u:c']);
    expect(only({ kind: 'all' }, ['u:stub'])).toEqual([]);
  });

  it('filters by title whichever apostrophe, quote or dash was typed or stored', () => {
    cache.upsertConversations([
      conversation('u:typo' as ConversationId, { title: 'O’Brien', lastActivity: 90 }),
      conversation('u:plain' as ConversationId, { title: "Dan O'Neil", lastActivity: 80 }),
      conversation('u:dash' as ConversationId, { title: 'Q3 – “launch” plan', lastActivity: 70 }),
      conversation('u:okina' as ConversationId, { title: 'Hawaiʻi trip', lastActivity: 60 }),
    ]);
    const filter = (text: string) => ids(cache.listInbox({ filter: { kind: 'all' }, text, limit: 10 }).conversations);
    expect(filter("o'brien")).toEqual(['u:typo']);
    expect(filter('obrien')).toEqual(['u:typo']);
    expect(filter('O‘BRIEN')).toEqual(['u:typo']);
    expect(filter('oʼbrien')).toEqual(['u:typo']);
    expect(filter('o`brien')).toEqual(['u:typo']);
    expect(filter('o’neil')).toEqual(['u:plain']);
    expect(filter("o'bri")).toEqual(['u:typo']);
    expect(filter('q3 - "launch"')).toEqual(['u:dash']);
    expect(filter('q3 — “launch')).toEqual(['u:dash']);
    expect(filter("hawai'i")).toEqual(['u:okina']);
    // Words either side of a dash, without it: "plan q3" finds "Q3 – “launch” plan".
    expect(filter('plan q3')).toEqual(['u:dash']);
  });
});

describe('people', () => {
  it('round-trip, skip unknown ids and stubs, and keep the requested order', () => {
    const ana = person('g:ana', 'Ana', { handle: 'ana@x', profileUrl: 'https://p', headline: 'Eng', hasPicture: true, isSelf: true });
    const bo = person('u:bo', 'Bo');
    cache.upsertPeople([ana, bo]);
    cache.upsertMessages([message(ROOM, 1, 'x', { senderId: 'g:stub' as PersonId })]);
    expect(cache.getPeople(['u:bo', 'g:nobody', 'g:stub', 'g:ana'] as PersonId[])).toEqual([bo, ana]);
    cache.upsertPeople([{ ...bo, name: 'Bo B.' }]);
    expect(cache.getPeople(['u:bo' as PersonId])[0]!.name).toBe('Bo B.');
    expect(cache.stats().people).toBe(2);
    expect(() => cache.upsertPeople([{ ...bo, id: 'bad' as PersonId }])).toThrow(/person id/);
  });

  it('keep the account a person was read through, until another read names one', () => {
    const bo = person('u:bo', 'Bo', { accountId: 'u:acc-1' as AccountId });
    cache.upsertPeople([bo]);
    expect(cache.getPeople(['u:bo' as PersonId])[0]!.accountId).toBe('u:acc-1');
    expect(cache.queryPeople('bo', 5)[0]!.accountId).toBe('u:acc-1');
    // A read that does not say (a message's sender) leaves it; one that does replaces it.
    cache.upsertPeople([person('u:bo', 'Bo B.')]);
    expect(cache.getPeople(['u:bo' as PersonId])[0]).toMatchObject({ name: 'Bo B.', accountId: 'u:acc-1' });
    cache.upsertPeople([person('u:bo', 'Bo B.', { accountId: 'u:acc-2' as AccountId })]);
    expect(cache.getPeople(['u:bo' as PersonId])[0]!.accountId).toBe('u:acc-2');
    expect(() => cache.upsertPeople([{ ...bo, accountId: 42 as unknown as AccountId }])).toThrow(/account/);
  });
});

describe('people by text and accounts of the conversations', () => {
  it('queryPeople folds case and accents, matches names and handles, skips stubs, orders by name, caps at the limit', () => {
    cache.upsertPeople([
      person('g:j', 'Jürgen Nowak', { handle: 'jn@demo-org.orgspan.com' }),
      person('u:a', 'ana garcía'),
      person('u:b', 'Bo', { handle: '33611112222@s.whatsapp.net' }),
    ]);
    cache.upsertMessages([message(ROOM, 1, 'x', { senderId: 'g:stub' as PersonId })]);
    expect(cache.queryPeople('JURGEN', 10).map((p) => p.name)).toEqual(['Jürgen Nowak']);
    expect(cache.queryPeople('3361111', 10).map((p) => p.name)).toEqual(['Bo']);
    expect(cache.queryPeople('', 10).map((p) => p.name)).toEqual(['ana garcía', 'Bo', 'Jürgen Nowak']);
    expect(cache.queryPeople('', 2)).toHaveLength(2);
    expect(cache.queryPeople('nobody', 10)).toEqual([]);
    cache.upsertPeople([person('u:o', 'Siobhán O’Brien', { handle: 'o’brien@x' })]);
    expect(cache.queryPeople("o'brien", 10).map((p) => p.name)).toEqual(['Siobhán O’Brien']);
    expect(cache.queryPeople('obrien', 10).map((p) => p.name)).toEqual(['Siobhán O’Brien']);
  });

  it('listConversationAccounts counts the conversations of each account', () => {
    cache.upsertConversations([conversation(ROOM), conversation(DM), conversation(CHAT), conversation('u:chat-2' as ConversationId, { accountId: 'u:acc-2' as AccountId, network: 'slack' })]);
    expect(cache.listConversationAccounts()).toEqual([
      { accountId: 'g', source: 'genesys', network: 'genesys', conversations: 2 },
      { accountId: 'u:acc-1', source: 'unipile', network: 'whatsapp', conversations: 1 },
      { accountId: 'u:acc-2', source: 'unipile', network: 'slack', conversations: 1 },
    ]);
  });
});
