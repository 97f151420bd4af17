import type { AccountId, ConversationId, MessageId, PersonId } from '../../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../../shared/domain/model';
import type { Api, InvokeChannel, InvokeInput, InvokeOutput } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';

/**
 * For unit tests of the palette, search and shortcut sheet: an `Api` answering from a table of
 * handlers (anything else is `unavailable`, as the backend answers unbuilt channels), recording
 * every call.
 */
export type Handler<C extends InvokeChannel> = (input: InvokeInput<C>) => Result<InvokeOutput<C>> | InvokeOutput<C> | Promise<Result<InvokeOutput<C>> | InvokeOutput<C>>;
export type HandlerTable = { [C in InvokeChannel]?: Handler<C> };

export interface FakeApi extends Api {
  calls: Array<{ channel: InvokeChannel; input: unknown }>;
  callsTo(channel: InvokeChannel): unknown[];
}

const isResult = (v: unknown): v is Result<unknown> => typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean' && ('value' in v || 'error' in v);

export function fakeApi(handlers: HandlerTable): FakeApi {
  const calls: FakeApi['calls'] = [];
  const api: FakeApi = {
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    invoke: (async (channel: InvokeChannel, input?: unknown) => {
      calls.push({ channel, input });
      const h = handlers[channel] as ((i: unknown) => unknown) | undefined;
      if (!h) return { ok: false, error: { code: 'unavailable', message: `${channel} is not available` } };
      const out = await h(input);
      return isResult(out) ? out : { ok: true, value: out };
    }) as Api['invoke'],
    on: () => () => {},
  };
  return api;
}

export function makeConversation(id: string, title: string, extra: Partial<Conversation> = {}): Conversation {
  const unipile = id.startsWith('u:');
  return {
    id: id as ConversationId,
    accountId: (unipile ? 'u:acc1' : 'g') as AccountId,
    source: unipile ? 'unipile' : 'genesys',
    network: unipile ? 'whatsapp' : 'genesys',
    kind: id.startsWith('g:dm:') ? 'dm' : unipile ? 'group' : 'room',
    title,
    lastActivity: 1_700_000_000_000,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
    ...extra,
  };
}

export function makePerson(id: string, name: string, extra: Partial<Person> = {}): Person {
  return { id: id as PersonId, source: id.startsWith('u:') ? 'unipile' : 'genesys', name, isSelf: false, ...extra };
}

export function makeMessage(id: string, conversationId: string, text: string, extra: Partial<Message> = {}): Message {
  return {
    id: id as MessageId,
    conversationId: conversationId as ConversationId,
    source: id.startsWith('u:') ? 'unipile' : 'genesys',
    senderId: 'g:ana' as PersonId,
    senderName: 'Ana Lima',
    isOwn: false,
    text,
    time: 1_700_000_000_000,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
    ...extra,
  };
}
