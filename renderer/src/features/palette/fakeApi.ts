import type { ConversationId, MessageId, PersonId } from '../../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../../shared/domain/model';
import { conversation, message } from '../../testing/fakeBackend';

/**
 * For unit tests of the palette, search, panels and settings: the shared fake backend
 * (`testing/fakeBackend.ts`) under the names these tests use, and builders with the fixed
 * times and senders their assertions expect.
 */
export { fakeBackend as fakeApi, type FakeBackend as FakeApi, type Handler, type Handlers as HandlerTable } from '../../testing/fakeBackend';

const TIME = 1_700_000_000_000;

export function makeConversation(id: string, title: string, extra: Partial<Conversation> = {}): Conversation {
  return conversation(id, title, { lastActivity: TIME, ...extra });
}

export function makePerson(id: string, name: string, extra: Partial<Person> = {}): Person {
  return { id: id as PersonId, source: id.startsWith('u:') ? 'unipile' : 'genesys', name, isSelf: false, ...extra };
}

export function makeMessage(id: string, conversationId: string, text: string, extra: Partial<Message> = {}): Message {
  return message(conversationId, {
    id: id as MessageId,
    conversationId: conversationId as ConversationId,
    source: id.startsWith('u:') ? 'unipile' : 'genesys',
    senderId: 'g:ana' as PersonId,
    senderName: 'Ana Lima',
    text,
    time: TIME,
    ...extra,
  });
}
