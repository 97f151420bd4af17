import { z } from 'zod';
import { conversationIdSchema, messageIdSchema, personIdSchema, accountIdSchema } from '../domain/ids';
import { conversationSchema, messageSchema, networkSchema, pinSchema } from '../domain/model';
import type { Result } from './result';

/**
 * The one table of channels between the renderer and the backend.
 *
 * Everything else is derived from it: the preload allowlist (`invokeChannelNames`,
 * `eventChannelNames`), the renderer's `Api` type and the backend's exhaustive
 * `Handlers` type. Adding a channel here without a handler is a compile error.
 * Channels are `domain:verb`; events are past tense.
 */

export const appMode = z.enum(['demo', 'live']);
export type AppMode = z.infer<typeof appMode>;

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: appMode,
  platform: z.string(),
  /** Which host carries the contract: the Electron window or the browser tab of the web host. */
  host: z.enum(['electron', 'web']),
  /** Whether the OS keychain works; when it does not, `message` says what is missing and how to fix it. */
  keychain: z.object({ available: z.boolean(), message: z.string().optional() }),
});
export type AppInfo = z.infer<typeof appInfo>;

const none = z.undefined();
const done = z.object({ ok: z.literal(true) });

// ---- offline layer: inbox, messages, search, drafts, outbox, sync ------------------------

/** Keyset position in a conversation: (time, id), never an offset. */
export const messageKeySchema = z.object({ time: z.number(), id: messageIdSchema });

export const inboxFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('unread') }),
  z.object({ kind: z.literal('archived') }),
  z.object({ kind: z.literal('network'), network: networkSchema }),
  z.object({ kind: z.literal('account'), accountId: accountIdSchema }),
]);
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

const inboxCursor = z.object({ lastActivity: z.number(), id: conversationIdSchema });
export const inboxPageSchema = z.object({ conversations: z.array(conversationSchema), next: inboxCursor.nullable() });
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const messagesPageSchema = z.object({
  /** Oldest first; unsent messages of the outbox (delivery pending/failed) come last. */
  messages: z.array(messageSchema),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type MessagesPage = z.infer<typeof messagesPageSchema>;

/** Runs of text, highlighted or not: drawn as text, never as HTML. */
export const snippetSchema = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export const searchPageSchema = z.object({
  hits: z.array(z.object({ message: messageSchema, conversationTitle: z.string(), snippet: snippetSchema })),
  next: messageKeySchema.nullable(),
});
export type SearchPage = z.infer<typeof searchPageSchema>;

export const draftSchema = z.object({
  conversationId: conversationIdSchema,
  text: z.string(),
  quoteId: messageIdSchema.optional(),
  threadRootId: messageIdSchema.optional(),
  updatedAt: z.number(),
});
export type Draft = z.infer<typeof draftSchema>;

export const outboxStateSchema = z.enum(['pending', 'sending', 'ambiguous', 'failed', 'done']);
export const outboxItemSchema = z.object({
  clientId: z.string(),
  kind: z.enum(['send', 'edit', 'delete', 'react', 'pin', 'read']),
  conversationId: conversationIdSchema,
  /** The message acted on; for a send, the id its pending copy is shown under. */
  messageId: messageIdSchema.optional(),
  state: outboxStateSchema,
  attempts: z.number().int().nonnegative(),
  /** When it is retried next (epoch ms), if it is waiting out a backoff. */
  nextAttemptAt: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).optional(),
  createdAt: z.number(),
  text: z.string().optional(),
  emoji: z.string().optional(),
  on: z.boolean().optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const syncStatusSchema = z.object({
  connection: z.enum(['connecting', 'online', 'offline']),
  progress: z.object({ phase: z.enum(['starting', 'inbox', 'history', 'live']), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  budget: z.object({
    perHour: z.number(),
    perDay: z.number(),
    remainingHour: z.number(),
    remainingDay: z.number(),
    /** Epoch ms until which nothing is sent (the platform said Retry-After), or null. */
    pausedUntil: z.number().nullable(),
  }),
  outbox: z.object({ pending: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
  lastSyncAt: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const MAX_TEXT = 65_536;
/** 15 MB, Unipile's upload guideline, as base64. */
const MAX_ATTACHMENT_BASE64 = Math.ceil((15 * 1024 * 1024 * 4) / 3) + 4;
const limit = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);
const byConversation = z.object({ conversationId: conversationIdSchema });
const queued = z.object({ clientId: z.string() });

export const invokeContract = {
  'app:info': { input: none, output: appInfo },
  /** Visibility of the window and whether the user is idle: sync slows down when nobody is looking. */
  'app:setActivity': { input: z.object({ visible: z.boolean().optional(), idle: z.boolean().optional() }), output: done },

  'inbox:list': {
    input: z.object({ filter: inboxFilterSchema.default({ kind: 'all' }), text: z.string().max(200).optional(), limit: limit(200, 50), after: inboxCursor.optional() }),
    output: inboxPageSchema,
  },
  'conversation:get': { input: z.object({ id: conversationIdSchema }), output: z.object({ conversation: conversationSchema, pins: z.array(pinSchema) }) },
  /** What the user looks at (null: nothing): polled every few seconds. An id the cache does not know yet (a room by JID) is looked up. */
  'conversation:open': { input: z.object({ id: conversationIdSchema.nullable() }), output: z.object({ conversation: conversationSchema.nullable() }) },
  'conversation:markRead': { input: z.object({ conversationId: conversationIdSchema, read: z.boolean().default(true) }), output: done },

  'messages:page': {
    input: z
      .object({
        conversationId: conversationIdSchema,
        limit: limit(200, 50),
        before: messageKeySchema.optional(),
        after: messageKeySchema.optional(),
        around: messageIdSchema.optional(),
        threadRootId: messageIdSchema.optional(),
      })
      .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, { message: 'give at most one of before, after, around', path: ['before'] }),
    output: messagesPageSchema,
  },
  /** One page of older history from the network (the user scrolled past what is cached). */
  'messages:backfill': { input: byConversation, output: z.object({ added: z.number().int().nonnegative(), done: z.boolean() }) },
  'messages:send': {
    input: z.object({
      conversationId: conversationIdSchema,
      text: z.string().max(MAX_TEXT),
      quoteId: messageIdSchema.optional(),
      threadRootId: messageIdSchema.optional(),
      mentions: z.array(personIdSchema).max(100).optional(),
      attachments: z
        .array(z.object({ name: z.string().min(1).max(255), mimeType: z.string().min(1).max(255), base64: z.string().max(MAX_ATTACHMENT_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64') }))
        .max(10)
        .optional(),
    }),
    output: z.object({ clientId: z.string(), messageId: messageIdSchema }),
  },
  'messages:edit': { input: z.object({ messageId: messageIdSchema, text: z.string().min(1).max(MAX_TEXT) }), output: queued },
  'messages:delete': { input: z.object({ messageId: messageIdSchema }), output: queued },
  'messages:react': { input: z.object({ messageId: messageIdSchema, emoji: z.string().min(1).max(64), on: z.boolean().default(true) }), output: queued },
  /** Genesys only (at most 5 per conversation). */
  'pins:set': { input: z.object({ messageId: messageIdSchema, pinned: z.boolean() }), output: queued },

  'search:query': {
    input: z.object({
      text: z.string().min(1).max(500),
      conversationId: conversationIdSchema.optional(),
      network: networkSchema.optional(),
      limit: limit(100, 30),
      before: messageKeySchema.optional(),
      order: z.enum(['newest', 'best']).default('newest'),
    }),
    output: searchPageSchema,
  },

  'drafts:get': { input: byConversation, output: draftSchema.nullable() },
  /** Saved as the user types (debounce on the renderer side); empty text clears it. */
  'drafts:set': {
    input: z.object({ conversationId: conversationIdSchema, text: z.string().max(MAX_TEXT), quoteId: messageIdSchema.optional(), threadRootId: messageIdSchema.optional() }),
    output: done,
  },

  'outbox:list': { input: z.object({ conversationId: conversationIdSchema.optional() }).default({}), output: z.object({ items: z.array(outboxItemSchema) }) },
  'outbox:retry': { input: z.object({ clientId: z.string().min(1).max(100) }), output: done },
  'outbox:discard': { input: z.object({ clientId: z.string().min(1).max(100) }), output: done },

  'sync:status': { input: none, output: syncStatusSchema },
  /** Unipile `sync_chat_history`: fetch a chat's history from its beginning; followed in the background. */
  'sync:historyFull': { input: byConversation, output: z.object({ status: z.string() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'app:ready': z.object({ mode: appMode }),
  /** Re-read these inbox rows (and the conversation header if one is open). */
  'conversations:changed': z.object({ ids: z.array(conversationIdSchema) }),
  /** Re-read what is on screen of this conversation if it shows any of these ids (new, edited, deleted, pending). */
  'messages:changed': z.object({ conversationId: conversationIdSchema, ids: z.array(messageIdSchema) }),
  'sync:status': syncStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export const invokeChannelNames = Object.freeze(Object.keys(invokeContract)) as readonly InvokeChannel[];
export const eventChannelNames = Object.freeze(Object.keys(eventContract)) as readonly EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventContract, name);
}

/** Who is calling: lets handlers know the host without trusting the payload. */
export interface CallContext {
  host: 'electron' | 'web';
}

/** The backend must implement every channel: a missing key fails to compile. */
export type Handlers = {
  [C in InvokeChannel]: (input: InvokeOutputOfInput<C>, ctx: CallContext) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};
/** Handlers receive the input after zod parsing (defaults applied). */
type InvokeOutputOfInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;

/** What the renderer sees as `window.api`, whichever host carries it. */
export interface Api {
  invoke<C extends InvokeChannel>(channel: C, ...input: InvokeArgs<C>): Promise<Result<InvokeOutput<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
export type InvokeArgs<C extends InvokeChannel> = undefined extends InvokeInput<C> ? [input?: InvokeInput<C>] : [input: InvokeInput<C>];

/** Emitted by the backend; each host forwards these to its renderer(s). */
export type EmitFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;
