import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain/model';
import { fingerprint, Hash53, idHash } from './messageRows';

// Both hashes are stored (messages.fp, messages.idh): a change to how they are computed would make every
// cached message look changed, or lose it to lookups by id. These values were computed by the first
// implementation and must never change.
describe('the stored hashes', () => {
  const base = {
    id: 'g:m-golden',
    conversationId: 'g:room:abc@conference.demo-org.orgspan.com',
    source: 'genesys',
    senderId: 'g:user-1',
    isOwn: false,
    text: 'Réunion à 10h 🎉',
    time: 1_700_000_000_123,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
  } as unknown as Message;
  const rich = {
    ...base,
    time: 3.5,
    editedAt: null,
    senderName: 'Ana',
    reactions: [{ emoji: '👍', count: 2, mine: true, personIds: ['g:p1'] }],
    attachments: [{ id: 'a', kind: 'image', size: 1024, width: 640, height: 480 }],
    quote: { messageId: 'g:q', senderId: 'g:p2', text: 'quoted' },
    threadRootId: 'g:root',
    threadReplyCount: 12,
    mentions: ['g:p3'],
    isEvent: true,
  } as unknown as Message;

  it('fingerprint is stable', () => {
    expect(fingerprint(base)).toBe(5859265133262400);
    expect(fingerprint(rich)).toBe(1006342999124331);
    expect(fingerprint({ ...base, time: 0 })).toBe(1309334379148433);
    expect(fingerprint({ ...base, time: Number.MAX_SAFE_INTEGER })).toBe(8338769145348934);
    expect(fingerprint({ ...base, time: -5 })).toBe(4916100575634741);
  });

  it('hashes a whole number exactly as its decimal text, whatever its size', () => {
    const cases = [0, 7, 10, 99, 1_000, 1_700_000_000_123, 999_999_999_999_999, 1e15 - 1, 1e15, 8_999_999_999_999_999, Number.MAX_SAFE_INTEGER, 3.5, -5];
    for (let i = 1; i < 200; i++) cases.push(Math.floor(Math.random() * 10 ** (1 + (i % 16))));
    for (const n of cases) expect(new Hash53().num(n).value(), String(n)).toBe(new Hash53().str(String(n)).value());
  });

  it('idHash is stable', () => {
    expect(idHash('g:m-golden')).toBe(1264417216244713);
    expect(idHash('u:AbC_123-xyz')).toBe(4115385716418480);
  });
});
