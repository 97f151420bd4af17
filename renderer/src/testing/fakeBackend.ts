import type { AccountId, ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import type { Conversation, Message } from '../../../shared/domain/model';
import type { Api, EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';

/**
 * Unit-test backend for the core views and slices: answers from a handler table (anything else
 * is `unavailable`, as the backend answers channels it has not built), records every call and
 * can emit events to the app.
 */
export type Handler<C extends InvokeChannel> = (input: InvokeInput<C>) => Result<InvokeOutput<C>> | InvokeOutput<C> | Promise<Result<InvokeOutput<C>> | InvokeOutput<C>>;
export type Handlers = { [C in InvokeChannel]?: Handler<C> };

export interface FakeBackend extends Api {
  calls: Array<{ channel: InvokeChannel; input: unknown }>;
  callsTo<C extends InvokeChannel>(channel: C): Array<InvokeInput<C>>;
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  handlers: Handlers;
}

const isResult = (v: unknown): v is Result<unknown> => typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean' && ('value' in v || 'error' in v);

export function fakeBackend(handlers: Handlers = {}): FakeBackend {
  const calls: FakeBackend['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    handlers,
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input) as never,
    invoke: (async (channel: InvokeChannel, input?: unknown) => {
      calls.push({ channel, input });
      const h = handlers[channel] as ((i: unknown) => unknown) | undefined;
      if (!h) return { ok: false, error: { code: 'unavailable', message: `${channel} is not available yet.` } };
      const out = await h(input);
      return isResult(out) ? out : { ok: true, value: out };
    }) as Api['invoke'],
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set!.delete(listener as (p: unknown) => void);
    },
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
  };
}

export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

export function conversation(id: string, title: string, extra: Partial<Conversation> = {}): Conversation {
  const unipile = id.startsWith('u:');
  return {
    id: id as ConversationId,
    accountId: (unipile ? 'u:acc1' : 'g') as AccountId,
    source: unipile ? 'unipile' : 'genesys',
    network: unipile ? 'whatsapp' : 'genesys',
    kind: id.startsWith('g:dm:') ? 'dm' : unipile ? 'group' : 'room',
    title,
    lastActivity: T0,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
    ...extra,
  };
}

let n = 0;
export function message(conversationId: string, extra: Partial<Message> = {}): Message {
  n++;
  const src = conversationId.startsWith('u:') ? 'u' : 'g';
  return {
    id: `${src}:m${n}` as MessageId,
    conversationId: conversationId as ConversationId,
    source: src === 'u' ? 'unipile' : 'genesys',
    senderId: `${src}:p1` as PersonId,
    isOwn: false,
    text: `message ${n}`,
    time: T0 + n * 1000,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
    ...extra,
  };
}
