import { describe, expect, it } from 'vitest';
import type { ConversationId, Message, MessageId, PersonId } from '../../../shared/domain/index';
import type { OutboxEntry, OutboxOp } from '../cache/api';
import { buildOverlay, overlayMessage } from './overlay';

const conv = 'g:room:r@conference.demo' as ConversationId;
const id = 'g:m1' as MessageId;
const message: Message = { id, conversationId: conv, source: 'genesys', senderId: 'g:me' as PersonId, isOwn: true, text: 'ping @Ana', time: 1, edited: false, deleted: false, reactions: [], attachments: [], mentions: ['g:ana' as PersonId], delivery: 'sent' };
const entry = (seq: number, op: OutboxOp): OutboxEntry => ({ seq, clientId: `c${seq}`, op, state: 'pending', attempts: 0, notBefore: 0, createdAt: seq });

describe('overlay of unconfirmed edits', () => {
  it('lays the text and the mentions an edit carries; a later edit adding no one keeps them', () => {
    const mentions = ['g:ana', 'g:ren'] as PersonId[];
    const first = entry(1, { kind: 'edit', conversationId: conv, messageId: id, text: 'ping @Ana cc @Ren', mentions });
    expect(overlayMessage(message, buildOverlay([first]))).toMatchObject({ text: 'ping @Ana cc @Ren', edited: true, mentions });
    const second = entry(2, { kind: 'edit', conversationId: conv, messageId: id, text: 'ping @Ana, cc @Ren' });
    // A poll brought the server's copy from before both: the mentions of the first still show (and are what the executor sends).
    expect(overlayMessage(message, buildOverlay([second, first]))).toMatchObject({ text: 'ping @Ana, cc @Ren', mentions });
    // An edit without mentions leaves the message's own.
    expect(overlayMessage(message, buildOverlay([{ ...second, seq: 1 }])).mentions).toEqual(['g:ana']);
  });
});
