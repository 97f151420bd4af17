import { describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/model';
import { packMessages, unpackMessages } from './pack';
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

  it('writes a repeated conversation or sender once', () => {
    const many = Array.from({ length: 100 }, (_, i) => message(ROOM, i, 'x'));
    const packed = packMessages(many).packed;
    expect(packed.split(ROOM).length - 1).toBe(1);
  });
});
