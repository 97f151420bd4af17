import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import type { SearchPage } from './api';
import type { CacheStore } from './store';
import { CHAT, conversation, DM, message, person, ROOM, tempCache } from './testSupport';
import { toSnippet } from './search';

let t: ReturnType<typeof tempCache>;
let cache: CacheStore;
beforeEach(() => {
  t = tempCache();
  cache = t.open();
  cache.upsertConversations([
    conversation(ROOM, { title: 'Plateforme Paris' }),
    conversation(DM, { title: 'Jürgen Müller' }),
    conversation(CHAT, { title: 'Family', network: 'whatsapp' }),
  ]);
  cache.upsertPeople([person('g:user-1', 'Ana García'), person('g:user-2', 'Jürgen Müller'), person('u:user-1', 'Zoë Martin')]);
});
afterEach(() => t.cleanup());

const T0 = Date.UTC(2026, 0, 1);
const hitTexts = (page: SearchPage) => page.hits.map((h) => h.message.text);

describe('search', () => {
  it('finds words by prefix, whatever their case or accents', () => {
    cache.upsertMessages([message(ROOM, T0, 'Déploiement terminé'), message(ROOM, T0 + 1, 'DEPLOY finished'), message(ROOM, T0 + 2, 'nothing here')]);
    expect(hitTexts(cache.search({ text: 'dep', limit: 10 }))).toEqual(['DEPLOY finished', 'Déploiement terminé']);
    expect(hitTexts(cache.search({ text: 'deploiement', limit: 10 }))).toEqual(['Déploiement terminé']);
    expect(hitTexts(cache.search({ text: 'DÉPLOIEMENT', limit: 10 }))).toEqual(['Déploiement terminé']);
    expect(hitTexts(cache.search({ text: 'termine', limit: 10 }))).toEqual(['Déploiement terminé']);
    // Only the last word is a prefix, and not once the user typed a space after it.
    expect(hitTexts(cache.search({ text: 'dep finished', limit: 10 }))).toEqual([]);
    expect(hitTexts(cache.search({ text: 'dep ', limit: 10 }))).toEqual([]);
  });

  it('ANDs words, across the text, the sender and the conversation title', () => {
    cache.upsertMessages([
      message(ROOM, T0, 'release is green', { senderId: 'g:user-1' as PersonId }),
      message(ROOM, T0 + 1, 'release is red', { senderId: 'g:user-2' as PersonId }),
      message(DM, T0 + 2, 'release notes attached', { senderId: 'g:user-2' as PersonId }),
    ]);
    expect(hitTexts(cache.search({ text: 'release green', limit: 10 }))).toEqual(['release is green']);
    expect(hitTexts(cache.search({ text: 'garcia release', limit: 10 }))).toEqual(['release is green']);
    expect(hitTexts(cache.search({ text: 'release muller', limit: 10 }))).toEqual(['release notes attached', 'release is red']);
    expect(hitTexts(cache.search({ text: 'paris release', limit: 10 }))).toEqual(['release is red', 'release is green']);
    expect(hitTexts(cache.search({ text: 'ana', limit: 10 }))).toEqual(['release is green']);
  });

  it('follows names and titles that change or arrive after the messages', () => {
    const m = message(CHAT, T0, 'see you there', { senderId: 'u:late' as PersonId });
    cache.upsertMessages([m, message('u:unknown-chat' as never, T0 + 1, 'in a chat described later')]);
    expect(cache.search({ text: 'bartholomew', limit: 10 }).hits).toEqual([]);
    cache.upsertPeople([person('u:late', 'Bartholomew')]);
    expect(hitTexts(cache.search({ text: 'bartholomew', limit: 10 }))).toEqual(['see you there']);
    cache.upsertPeople([person('u:late', 'Bart')]);
    expect(cache.search({ text: 'bartholomew', limit: 10 }).hits).toEqual([]);
    expect(hitTexts(cache.search({ text: 'bart', limit: 10 }))).toEqual(['see you there']);
    cache.upsertConversations([conversation('u:unknown-chat' as never, { title: 'Climbing club' })]);
    expect(hitTexts(cache.search({ text: 'climbing', limit: 10 }))).toEqual(['in a chat described later']);
    // A sender named only on the message is searchable too.
    cache.upsertMessages([message(CHAT, T0 + 2, 'hi', { senderId: 'u:named' as PersonId, senderName: 'Quentin' })]);
    expect(hitTexts(cache.search({ text: 'quentin', limit: 10 }))).toEqual(['hi']);
  });

  it('returns snippets as runs with the matches marked, never markup', () => {
    cache.upsertMessages([message(ROOM, T0, 'The <b>deploy</b> of Zürich went well & fast')]);
    const [hit] = cache.search({ text: 'zurich', limit: 1 }).hits;
    expect(hit!.snippet).toEqual([
      { text: 'The <b>deploy</b> of ', hit: false },
      { text: 'Zürich', hit: true },
      { text: ' went well & fast', hit: false },
    ]);
    expect(hit!.conversationTitle).toBe('Plateforme Paris');
    expect(hit!.message.id).toMatch(/^g:m-/);
  });

  it('shortens long messages around the match', () => {
    const long = `${'word '.repeat(60)}needle ${'word '.repeat(60)}`;
    cache.upsertMessages([message(ROOM, T0, long)]);
    const runs = cache.search({ text: 'needle', limit: 1 }).hits[0]!.snippet;
    expect(runs.find((r) => r.hit)?.text).toBe('needle');
    const joined = runs.map((r) => r.text).join('');
    expect(joined.length).toBeLessThan(long.length / 2);
    expect(joined).toContain('…');
  });

  it('returns newest first after an out-of-order backfill, and pages without gaps or duplicates', () => {
    const all: Message[] = Array.from({ length: 57 }, (_, i) => message(i % 2 ? ROOM : DM, T0 + i * 60_000, `standup notes ${i}`));
    // Backfill order: newest pages first, then older history, then a few stragglers.
    const order = [...all.slice(40), ...all.slice(10, 40).reverse(), ...all.slice(0, 10)];
    for (let i = 0; i < order.length; i += 9) cache.upsertMessages(order.slice(i, i + 9));
    const seen: MessageId[] = [];
    let page = cache.search({ text: 'standup', limit: 10 });
    for (;;) {
      seen.push(...page.hits.map((h) => h.message.id));
      if (!page.next) break;
      page = cache.search({ text: 'standup', limit: 10, before: page.next });
    }
    expect(seen).toEqual(all.map((m) => m.id).reverse());
  });

  it('keeps up with edits and deletes', () => {
    const m = message(ROOM, T0, 'original wording');
    cache.upsertMessages([m]);
    cache.upsertMessages([{ ...m, text: 'revised wording', edited: true }]);
    expect(cache.search({ text: 'original', limit: 10 }).hits).toEqual([]);
    expect(hitTexts(cache.search({ text: 'revised', limit: 10 }))).toEqual(['revised wording']);
    cache.upsertMessages([{ ...m, text: null, deleted: true }]);
    expect(cache.search({ text: 'wording', limit: 10 }).hits).toEqual([]);
    cache.upsertMessages([{ ...m, text: 'restored wording', deleted: false }]);
    expect(hitTexts(cache.search({ text: 'wording', limit: 10 }))).toEqual(['restored wording']);
    expect(cache.integrityCheck()).toBe('ok');
  });

  it('filters by conversation and by network', () => {
    cache.upsertMessages([message(ROOM, T0, 'lunch today?'), message(DM, T0 + 1, 'lunch tomorrow'), message(CHAT, T0 + 2, 'lunch at home')]);
    expect(hitTexts(cache.search({ text: 'lunch', conversationId: DM, limit: 10 }))).toEqual(['lunch tomorrow']);
    expect(hitTexts(cache.search({ text: 'lunch', network: 'whatsapp', limit: 10 }))).toEqual(['lunch at home']);
    expect(hitTexts(cache.search({ text: 'lunch', network: 'genesys', limit: 10 }))).toEqual(['lunch tomorrow', 'lunch today?']);
    expect(cache.search({ text: 'lunch', conversationId: 'u:nowhere' as never, limit: 10 }).hits).toEqual([]);
  });

  it('continues a network-filtered search that stopped looking before finding a page', () => {
    const many = Array.from({ length: 4500 }, (_, i) => message(ROOM, T0 + i, `ping ${i}`));
    cache.upsertMessages([message(CHAT, T0 - 10, 'ping from family'), ...many]);
    const first = cache.search({ text: 'ping', network: 'whatsapp', limit: 5 });
    expect(first.hits).toEqual([]);
    expect(first.next).not.toBeNull();
    const second = cache.search({ text: 'ping', network: 'whatsapp', limit: 5, before: first.next! });
    expect(hitTexts(second)).toEqual(['ping from family']);
    expect(second.next).toBeNull();
  });

  it("ranks 'best' by relevance among the newest matches", () => {
    cache.upsertMessages([message(ROOM, T0, 'budget budget budget review'), message(ROOM, T0 + 1, 'the budget'), message(ROOM, T0 + 2, 'unrelated')]);
    const best = cache.search({ text: 'budget', order: 'best', limit: 10 });
    expect(hitTexts(best)).toEqual(['budget budget budget review', 'the budget']);
    expect(best.next).toBeNull();
    expect(best.hits[0]!.snippet.some((r) => r.hit && r.text === 'budget')).toBe(true);
  });

  it('never throws on hostile or odd input', () => {
    cache.upsertMessages([message(ROOM, T0, 'and or not near "quoted" * ^ ( ) {text} : 🎉 party'), message(ROOM, T0 + 1, 'exact phrase here'), message(ROOM, T0 + 2, 'phrase exact')]);
    const inputs = ['"', '""', '"unbalanced', 'AND', 'OR', 'NOT', 'NEAR(', 'NEAR(a b, 2)', '*', '^start', '(', ')', '{text}: x', 'text:and', 'a AND', '-', '🎉', '🎉🎉 🎉', '', '   ', '\u0000', "'; DROP TABLE messages; --", 'x'.repeat(5000), '\u0001marker\u0002'];
    for (const text of inputs) expect(() => cache.search({ text, limit: 10 }), JSON.stringify(text.slice(0, 20))).not.toThrow();
    expect(cache.search({ text: '🎉', limit: 10 }).hits).toEqual([]);
    expect(cache.search({ text: '', limit: 10 })).toEqual({ hits: [], next: null });
    expect(hitTexts(cache.search({ text: 'AND', limit: 10 }))).toHaveLength(1);
    expect(hitTexts(cache.search({ text: 'NEAR(', limit: 10 }))).toHaveLength(1);
    expect(hitTexts(cache.search({ text: '"exact phrase"', limit: 10 }))).toEqual(['exact phrase here']);
    expect(hitTexts(cache.search({ text: 'exact phrase', limit: 10 }))).toEqual(['phrase exact', 'exact phrase here']);
    expect(cache.stats().messages).toBe(3);
  });

  it('matches whichever apostrophe or dash was typed or stored, in the text and in names', () => {
    // unicode61 splits words at punctuation (’ ‘ ′ ` and every dash included), and so does the query parser.
    cache.upsertPeople([person('u:siobhan', 'Siobhán O’Brien')]);
    cache.upsertMessages([
      message(ROOM, T0, 'Ask O’Brien about the lease'),
      message(ROOM, T0 + 1, "O'Neil signed it"),
      message(ROOM, T0 + 2, 'pre‑flight check done'),
      message(ROOM, T0 + 3, 'pre-flight check failed'),
      message(CHAT, T0 + 4, 'see you', { senderId: 'u:siobhan' as PersonId }),
    ]);
    for (const typed of ["o'brien", 'o’brien', 'O‘Brien', 'o`brien', 'o′brien']) expect(hitTexts(cache.search({ text: typed, limit: 10 })), typed).toEqual(['see you', 'Ask O’Brien about the lease']);
    expect(hitTexts(cache.search({ text: 'o’neil', limit: 10 }))).toEqual(["O'Neil signed it"]);
    expect(hitTexts(cache.search({ text: '"o’brien about"', limit: 10 }))).toEqual(['Ask O’Brien about the lease']);
    for (const typed of ['pre-flight', 'pre–flight', 'pre—flight', 'pre‑flight']) expect(hitTexts(cache.search({ text: typed, limit: 10 })), typed).toEqual(['pre-flight check failed', 'pre‑flight check done']);
  });

  it('splits marked snippets into runs', () => {
    expect(toSnippet(null)).toEqual([]);
    expect(toSnippet('a \u0001b\u0002 c')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c', hit: false },
    ]);
  });
});
