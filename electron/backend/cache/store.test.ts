import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonId } from '../../../shared/domain/ids';
import { CHAT, conversation, message, person, ROOM, tempCache } from './testSupport';
import { openDb } from './db';

let t: ReturnType<typeof tempCache>;
afterEach(() => t.cleanup());

function fill() {
  const cache = t.open();
  cache.upsertAccounts([{ id: 'g' as never, source: 'genesys', network: 'genesys', name: 'G', status: 'connected' }]);
  cache.upsertConversations([conversation(ROOM), conversation(CHAT)]);
  cache.upsertPeople([person('g:user-1', 'Ana')]);
  cache.upsertMessages(Array.from({ length: 200 }, (_, i) => message(i % 2 ? ROOM : CHAT, 1000 + i, `remember the milk ${i}`, { senderId: 'g:user-1' as PersonId })));
  cache.setPins(ROOM, ['g:x' as never]);
  cache.setDraft({ conversationId: ROOM, text: 'draft', updatedAt: 1 });
  cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'queued' }, 'c1', 1);
  cache.recordDirectory({ conversationId: ROOM, via: 'joined' });
  cache.setCursor('k', 'v');
  cache.putAttachmentBytes('g:m-1' as never, { id: 'a', mimeType: 'x/y' }, new Uint8Array(100));
  return cache;
}

describe('stats', () => {
  it('counts what is cached', () => {
    t = tempCache();
    const cache = fill();
    const s = cache.stats();
    expect(s).toMatchObject({ conversations: 2, messages: 200, people: 1, outboxPending: 1, attachmentBytes: 100 });
    expect(s.dbBytes).toBeGreaterThan(0);
  });
});

describe('clear', () => {
  it('keeps nothing, in the tables or in the files', () => {
    t = tempCache();
    const cache = fill();
    cache.clear();
    expect(cache.stats()).toMatchObject({ conversations: 0, messages: 0, people: 0, outboxPending: 0, attachmentBytes: 0 });
    expect(cache.listAccounts()).toEqual([]);
    expect(cache.listDirectory()).toEqual([]);
    expect(cache.listOutbox()).toEqual([]);
    expect(cache.getDraft(ROOM)).toBeNull();
    expect(cache.getCursor('k')).toBeNull();
    expect(cache.getPins(ROOM)).toEqual([]);
    expect(cache.search({ text: 'milk', limit: 10 }).hits).toEqual([]);
    expect(cache.search({ text: 'ana', limit: 10 }).hits).toEqual([]);
    expect(cache.integrityCheck()).toBe('ok');
    // The WAL was folded back and emptied.
    expect(!existsSync(`${t.path}-wal`) || statSync(`${t.path}-wal`).size === 0).toBe(true);
    cache.close();
    const db = openDb({ path: t.path, key: t.key });
    for (const table of ['messages', 'conversations', 'people', 'reactions', 'attachments', 'attachment_bytes', 'outbox', 'drafts', 'directory', 'cursors', 'accounts', 'pins', 'name_search']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    db.close();
    expect(readFileSync(t.path).includes('remember the milk')).toBe(false);
  });

  it('leaves a cache that works as new', () => {
    t = tempCache();
    const cache = fill();
    cache.clear();
    cache.upsertConversations([conversation(ROOM)]);
    cache.upsertMessages([message(ROOM, 5, 'fresh start')]);
    expect(cache.search({ text: 'fresh', limit: 5 }).hits).toHaveLength(1);
    expect(cache.enqueue({ kind: 'send', conversationId: ROOM, text: 'x' }, 'c1', 1).state).toBe('pending');
  });
});

describe('integrityCheck', () => {
  it('says ok for a healthy cache and names what is wrong otherwise', () => {
    t = tempCache();
    const cache = fill();
    expect(cache.integrityCheck()).toBe('ok');
    cache.close();
    // Change a message behind the search index's back.
    const db = openDb({ path: t.path, key: t.key });
    db.prepare("UPDATE messages SET text = 'tampered' WHERE rid = (SELECT min(rid) FROM messages)").run();
    db.close();
    const reopened = t.open();
    expect(reopened.integrityCheck()).toMatch(/search index/);
  });
});

describe('reopening', () => {
  it('finds everything where it was left', () => {
    t = tempCache();
    fill().close();
    const cache = t.open();
    expect(cache.stats().messages).toBe(200);
    expect(cache.search({ text: 'milk 199', limit: 5 }).hits.map((h) => h.message.text)).toEqual(['remember the milk 199']);
    expect(cache.dueOutbox(10, 10).map((e) => e.clientId)).toEqual(['c1']);
  });
});

describe('batch', () => {
  const texts = (cache: ReturnType<typeof t.open>, q: string) => cache.search({ text: q, limit: 20 }).hits.map((h) => h.message.text).sort();
  const badCursor = { key: 'c', value: 7 as unknown as string };

  it('keeps each write all-or-nothing, the search index included', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    const a = message(ROOM, 1, 'alpha one');
    const b = message(ROOM, 2, 'alpha two');
    const results = cache.batch(() => {
      const out: string[] = [];
      cache.upsertMessages([a]);
      // Fails after its messages were written: they go, and so does its edit of `a`.
      try {
        cache.upsertMessages([b, { ...a, text: 'alpha edited' }], badCursor);
      } catch {
        out.push('failed');
      }
      // An edit of a message written earlier in the same batch, and one written afresh.
      cache.upsertMessages([{ ...a, text: 'alpha final' }, message(ROOM, 3, 'alpha three')]);
      return out;
    });
    expect(results).toEqual(['failed']);
    expect(texts(cache, 'alpha')).toEqual(['alpha final', 'alpha three']);
    expect(cache.getMessages([b.id])).toEqual([]);
    expect(cache.integrityCheck()).toBe('ok');
  });

  it('without isolation, rolls everything back at the first failure', () => {
    t = tempCache();
    const cache = t.open();
    cache.upsertConversations([conversation(ROOM)]);
    const kept = message(ROOM, 1, 'beta kept');
    cache.upsertMessages([kept]);
    expect(() =>
      cache.batch(
        () => {
          cache.upsertMessages([message(ROOM, 2, 'beta new'), { ...kept, text: 'beta changed' }]);
          cache.upsertMessages([message(ROOM, 3, 'beta other')], badCursor);
        },
        { isolate: false },
      ),
    ).toThrow();
    expect(texts(cache, 'beta')).toEqual(['beta kept']);
    expect(cache.stats().messages).toBe(1);
    expect(cache.integrityCheck()).toBe('ok');
    // And the next batch works as usual.
    cache.batch(() => cache.upsertMessages([message(ROOM, 4, 'beta later')]), { isolate: false });
    expect(texts(cache, 'beta')).toEqual(['beta kept', 'beta later']);
    expect(cache.integrityCheck()).toBe('ok');
  });
});
