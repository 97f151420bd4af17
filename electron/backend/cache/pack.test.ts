import { describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import { changedIds, changedReply, packedCount, packMessages, unpackMessages } from './pack';
import { CHAT, message, ROOM } from './testSupport';

describe('packed messages', () => {
  it('round-trip exactly, absent fields staying absent', () => {
    const messages: Message[] = [
      message(ROOM, 1, 'plain'),
      message(CHAT, 2, null, { senderId: null, editedAt: null, isEvent: false }),
      message(ROOM, 3.5, 'rich', {
        senderName: 'Ana',
        isOwn: true,
        edited: true,
        editedAt: 7,
        deleted: false,
        reactions: [{ emoji: '❤️', count: 1, mine: true, personIds: ['g:p' as PersonId] }],
        attachments: [{ id: 'a', kind: 'video', size: 9 }],
        quote: { text: null },
        threadRootId: 'g:root' as MessageId,
        threadReplyCount: 0,
        mentions: ['g:q' as PersonId],
        delivery: 'delivered',
        isEvent: true,
      }),
      message(ROOM, 4, 'with "quotes" and \u2028 line separators and 🎉', { deleted: true }),
    ];
    expect(unpackMessages(packMessages(messages))).toEqual(messages);
    expect(unpackMessages(packMessages([]))).toEqual([]);
  });

  it('writes a repeated conversation or sender once, into a buffer of its own', () => {
    const many = Array.from({ length: 100 }, (_, i) => message(ROOM, i, 'x'));
    const { bytes } = packMessages(many);
    expect(Buffer.from(bytes).toString('latin1').split(ROOM).length - 1).toBe(1);
    expect(bytes.byteOffset).toBe(0);
    expect(packedCount({ bytes })).toBe(100);
    expect(unpackMessages({ bytes })).toEqual(many);
  });

  it('round-trips strings UTF-8 cannot carry (lone surrogates), and many-byte text', () => {
    const messages = [message(ROOM, 1, 'broken \ud83d emoji'), message(ROOM, 2, 'Zürich 東京 🎉'.repeat(3000))];
    const back = unpackMessages(packMessages(messages));
    expect(back).toEqual(messages);
    expect(back[0]!.text).toBe('broken \ud83d emoji');
  });

  it('sends the changed ids back as one string', () => {
    const ids = [message(ROOM, 1, 'a'), message(ROOM, 2, 'b')].map((m) => m.id);
    expect(changedReply(ids)).toEqual({ changed: ids.join('\n') });
    expect(changedIds(changedReply(ids))).toEqual(ids);
    expect(changedIds(changedReply([]))).toEqual([]);
    const odd = ['u:line\nbreak' as MessageId, ids[0]!];
    expect(changedIds(changedReply(odd))).toEqual(odd);
  });
});
