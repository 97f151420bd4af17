import { z } from 'zod';
import { conversationIdSchema, messageIdSchema, personIdSchema, accountIdSchema } from '../domain/ids';
import { accountSchema, conversationSchema, messageSchema, myChatSettingsSchema, networkSchema, orgChatSettingsSchema, personSchema, pinSchema, mobileNotifySchema, userChatSettingsSchema } from '../domain/model';
import type { Result } from './result';
import { MAX_BOOT_CSS, MAX_BOOT_HTML } from './limits';

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
  /** The last failure, with when it came (epoch ms): later than `lastSyncAt`, sync is failing now. */
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number().optional() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;


// ---- workspace, accounts and onboarding ---------------------------------------------------

/** Pinkfish credentials as typed in onboarding: they go to the keychain and never come back. */
// Secrets are trimmed like the rest: a key pasted with a trailing newline is the key, and one of
// only spaces is refused here with the field's message rather than sent to fail at the network.
export const credentialsInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('oauth'), clientId: z.string().trim().min(1, 'Enter the client id').max(500), clientSecret: z.string().trim().min(1, 'Enter the client secret').max(4000), orgId: z.string().trim().min(1, 'Enter the organisation id').max(200) }),
  z.object({ kind: z.literal('apiKey'), apiKey: z.string().trim().min(1, 'Enter the API key').max(4000), orgId: z.string().trim().min(1, 'Enter the organisation id').max(200) }),
]);
export type CredentialsInput = z.infer<typeof credentialsInputSchema>;

/**
 * A PinkConnect connection as the renderer sees it. `ref` is an opaque handle the backend maps
 * back to the connection: the PCID itself never crosses the contract.
 */
export const connectionSchema = z.object({
  ref: z.string(),
  name: z.string(),
  service: z.enum(['genesys', 'unipile', 'other']),
  status: z.string(),
});
export type ConnectionInfo = z.infer<typeof connectionSchema>;

/** Either a connection listed by `account:connect` or a PCID the user pasted. */
const connectionChoice = z.union([z.object({ ref: z.string().min(1).max(200) }), z.object({ pcid: z.string().trim().min(1).max(200) })]);

export const accountStatusSchema = z.object({
  mode: appMode,
  /** The stored Pinkfish account, if any: which kind of credential, never the credential. */
  pinkfish: z.object({ kind: z.enum(['oauth', 'apiKey']), genesys: z.string().nullable(), unipile: z.string().nullable() }).nullable(),
  /** Genesys and each linked Unipile network account seen so far. */
  accounts: z.array(accountSchema),
});
export type AccountStatus = z.infer<typeof accountStatusSchema>;

// ---- app preferences (stored by the backend, beside the cache; no secrets) ---------------

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const bootSnapshotSchema = z.object({
  /** The bundle that drew it (its script's path): another build's markup or classes are never served. */
  build: z.string().min(1).max(300),
  theme: themeSchema,
  /** The inner HTML of the app's root as the DOM serialised it, style attributes moved into `css`. */
  html: z.string().max(MAX_BOOT_HTML),
  /**
   * The app stylesheet's rules the markup uses, then its style attributes as `[data-boot-style="N"]`
   * rules: no `<`, backslash, `@import` or `url(` anywhere (the hosts check again).
   */
  css: z.string().max(MAX_BOOT_CSS),
});
export type BootSnapshot = z.infer<typeof bootSnapshotSchema>;
export const appPrefsSchema = z.object({
  theme: themeSchema,
  /** Desktop notifications for new messages (still subject to muted / mentions-only). */
  notifications: z.boolean(),
  /** Show the message text in a notification, or only who wrote. */
  notificationPreview: z.boolean(),
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  /** Electron accelerator that shows/hides the window from anywhere; null = off. */
  globalShortcut: z.string().max(100).nullable(),
  spellcheck: z.boolean(),
  /** The first-run welcome was answered (demo or Pinkfish). */
  onboarded: z.boolean(),
});
export type AppPrefs = z.infer<typeof appPrefsSchema>;
export const DEFAULT_PREFS: AppPrefs = Object.freeze({
  theme: 'system',
  notifications: true,
  notificationPreview: true,
  closeToTray: false,
  startAtLogin: false,
  globalShortcut: 'CommandOrControl+Shift+Space',
  spellcheck: true,
  onboarded: false,
}) as AppPrefs;

// ---- conversation management, people, threads, pins ---------------------------------------

/** What can be done to a whole conversation; each network supports a subset (see `conversation:get`). */
export const chatActionSchema = z.enum([
  'markUnread',
  'mute',
  'archive',
  'pin',
  'label',
  'addParticipant',
  'removeParticipant',
  'inviteLink',
  'delete',
  'historyFull',
  'editDetails',
  'join',
  'leave',
]);
export type ChatAction = z.infer<typeof chatActionSchema>;
export const actionSupportSchema = z.object({ action: chatActionSchema, supported: z.boolean(), reason: z.string().optional() });
export type ActionSupport = z.infer<typeof actionSupportSchema>;

export const pinnedMessageSchema = z.object({ messageId: messageIdSchema, message: messageSchema.nullable() });

export const roomDetailsSchema = z.object({
  subject: z.string().optional(),
  description: z.string().optional(),
  ownerIds: z.array(personIdSchema),
  createdAt: z.number().nullable(),
  createdBy: personIdSchema.nullable(),
  /** Whether the signed-in user may edit subject, description and owners. */
  canEdit: z.boolean(),
  isMember: z.boolean(),
});

export const binaryOutSchema = z.object({ name: z.string(), mimeType: z.string(), size: z.number().int().nonnegative(), base64: z.string() });

// ---- diagnostics ---------------------------------------------------------------------------

export const diagnosticsSchema = z.object({
  at: z.number(),
  mode: appMode,
  token: z.object({ ok: z.boolean(), expiresInS: z.number().nullable(), error: z.string().optional() }),
  connections: z.array(z.object({ name: z.string(), service: z.enum(['genesys', 'unipile', 'other']), status: z.string(), inUse: z.boolean() })),
  servers: z.array(
    z.object({
      server: z.string(),
      ok: z.boolean(),
      liveTools: z.number().int().nonnegative(),
      catalogTools: z.number().int().nonnegative(),
      missing: z.array(z.string()),
      added: z.array(z.string()),
      changed: z.array(z.string()),
      error: z.string().optional(),
    }),
  ),
  probe: z.array(z.object({ question: z.string(), answer: z.string() })),
  /** The whole report as text for the clipboard: built with no secret in it. */
  text: z.string(),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

/** Menu, tray, deep links and notification clicks ask the renderer to do what a shortcut does. */
export const appCommandSchema = z.enum([
  'palette',
  'search',
  'shortcuts',
  'settings',
  'newMessage',
  'nextConversation',
  'previousConversation',
  'nextUnread',
  'previousUnread',
  'toggleThreadPanel',
  'togglePinsPanel',
  'togglePeoplePanel',
  'toggleDetailsPanel',
  'focusComposer',
]);
export type AppCommand = z.infer<typeof appCommandSchema>;

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
    input: z.object({
      filter: inboxFilterSchema.default({ kind: 'all' }),
      text: z.string().max(200).optional(),
      limit: limit(200, 50),
      after: inboxCursor.optional(),
      /** Only these (those of them the filter and text still list): a change to a few rows re-reads only them. */
      ids: z.array(conversationIdSchema).min(1).max(200).optional(),
    }),
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
      // Chosen by the window for each message it sends: the same id again (a send retried after the
      // answer was lost) is the same message, queued and delivered once.
      clientId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'not a client id').optional(),
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
  /** `mentions`: people mentioned in the new text, added to the message's own (Genesys; other networks carry none). */
  'messages:edit': { input: z.object({ messageId: messageIdSchema, text: z.string().min(1).max(MAX_TEXT), mentions: z.array(personIdSchema).max(100).optional() }), output: queued },
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

  /**
   * The window's first screen as last drawn (the inbox), kept in the encrypted cache and served inside
   * the page at the next start so it shows before the bundle has run (electron/backend/app/bootPage.ts).
   */
  'ui:snapshot': { input: bootSnapshotSchema, output: done },

  'outbox:list': { input: z.object({ conversationId: conversationIdSchema.optional() }).default({}), output: z.object({ items: z.array(outboxItemSchema) }) },
  'outbox:retry': { input: z.object({ clientId: z.string().min(1).max(100) }), output: done },
  'outbox:discard': { input: z.object({ clientId: z.string().min(1).max(100) }), output: done },

  'sync:status': { input: none, output: syncStatusSchema },
  /** Unipile `sync_chat_history`: fetch a chat's history from its beginning; followed in the background. */
  'sync:historyFull': { input: byConversation, output: z.object({ status: z.string() }) },

  // ---- workspace and accounts
  'account:status': { input: none, output: accountStatusSchema },
  /** Checks credentials (token exchange) and lists the PinkConnect connections; stores nothing yet. */
  'account:connect': { input: z.object({ credentials: credentialsInputSchema }), output: z.object({ connections: z.array(connectionSchema) }) },
  /** Stores the credentials checked by the last `account:connect` and the chosen connections, then goes live. */
  'account:choose': { input: z.object({ genesys: connectionChoice.optional(), unipile: connectionChoice.optional() }), output: accountStatusSchema },
  /** Removes the Pinkfish credentials and PCIDs from the keychain and the account's cache; back to the demo. */
  'account:disconnect': { input: none, output: accountStatusSchema },

  'prefs:get': { input: none, output: appPrefsSchema },
  'prefs:set': { input: appPrefsSchema.partial(), output: appPrefsSchema },

  // ---- conversation management
  /** Which whole-conversation actions this conversation's network supports, with the reason when not. */
  'conversation:actions': { input: z.object({ id: conversationIdSchema }), output: z.object({ actions: z.array(actionSupportSchema) }) },
  /** Unipile `patch_chat` (mute, archive, pin, label) and Genesys room leave/join; answers the updated row. */
  'conversation:set': {
    input: z.object({
      conversationId: conversationIdSchema,
      action: z.enum(['mute', 'archive', 'pin', 'label']),
      value: z.union([z.boolean(), z.string().trim().min(1).max(100)]),
    }),
    output: z.object({ conversation: conversationSchema }),
  },
  'conversation:inviteLink': { input: byConversation, output: z.object({ url: z.string() }) },
  'conversation:delete': { input: byConversation, output: done },
  'conversation:details': { input: byConversation, output: roomDetailsSchema },
  /** Genesys room subject, description, owners (owners only). */
  'rooms:update': {
    input: z.object({ conversationId: conversationIdSchema, subject: z.string().trim().min(1).max(200).optional(), description: z.string().max(2000).optional(), ownerIds: z.array(personIdSchema).min(1).max(100).optional() }),
    output: z.object({ conversation: conversationSchema }),
  },
  'rooms:create': {
    input: z.object({ subject: z.string().trim().min(1, 'A room needs a subject').max(200), description: z.string().max(2000).optional(), memberIds: z.array(z.string().trim().min(1).max(200)).max(100).default([]) }),
    output: z.object({ conversation: conversationSchema }),
  },
  'rooms:join': { input: z.object({ jid: z.string().trim().min(3).max(500) }), output: z.object({ conversation: conversationSchema }) },
  'rooms:leave': { input: byConversation, output: done },
  /** Opens (creating locally if needed) the Genesys 1:1 with this user id. */
  'dm:open': { input: z.object({ userId: z.string().trim().min(1).max(200) }), output: z.object({ conversation: conversationSchema }) },
  /** Unipile `start_new_chat`. */
  'chats:start': {
    input: z.object({
      accountId: accountIdSchema,
      attendeeIds: z.array(z.string().trim().min(1).max(300)).min(1).max(100),
      subject: z.string().max(300).optional(),
      text: z.string().min(1).max(MAX_TEXT),
    }),
    output: z.object({ conversation: conversationSchema.nullable(), chatId: z.string().nullable() }),
  },

  // ---- people
  /** A room's participants or a chat's attendees. */
  'people:list': { input: byConversation, output: z.object({ people: z.array(personSchema) }) },
  /** People known to the cache, for the palette and @-completion; fuzzy ranking is the renderer's. */
  'people:query': { input: z.object({ text: z.string().max(200).default(''), limit: limit(200, 50) }), output: z.object({ people: z.array(personSchema) }) },
  'people:get': { input: z.object({ personId: personIdSchema }), output: z.object({ person: personSchema }) },
  'people:picture': { input: z.object({ personId: personIdSchema }), output: binaryOutSchema.nullable() },
  /** Add a participant: a Genesys user id, or a network provider id (WhatsApp, Telegram). */
  'people:add': { input: z.object({ conversationId: conversationIdSchema, userId: z.string().trim().min(1).max(300) }), output: done },
  'people:remove': { input: z.object({ conversationId: conversationIdSchema, personId: personIdSchema }), output: done },
  /** Their 1:1 chats (Unipile `list_chats_by_attendee`; Genesys: the 1:1). */
  'people:conversations': { input: z.object({ personId: personIdSchema }), output: z.object({ conversations: z.array(conversationSchema) }) },
  /** All their messages (Unipile `list_messages_by_attendee`), newest first, paged by an opaque cursor. */
  'people:messages': {
    input: z.object({ personId: personIdSchema, cursor: z.string().max(2000).optional(), limit: limit(100, 30) }),
    output: z.object({ messages: z.array(messageSchema), next: z.string().nullable() }),
  },

  // ---- threads, pins, attachments, forward
  /** Fetches a thread's replies from the network into the cache (Genesys thread history, Slack thread). */
  'threads:fetch': { input: z.object({ conversationId: conversationIdSchema, rootId: messageIdSchema }), output: z.object({ added: z.number().int().nonnegative() }) },
  'pins:list': { input: byConversation, output: z.object({ pins: z.array(pinnedMessageSchema), limit: z.number().int().positive().nullable() }) },
  'attachments:get': { input: z.object({ messageId: messageIdSchema, attachmentId: z.string().min(1).max(1024) }), output: binaryOutSchema },
  'messages:forward': { input: z.object({ messageId: messageIdSchema, toConversationId: conversationIdSchema }), output: done },
  /** A single message by id (search hit, pin, quote target), from the cache or the network. */
  'messages:get': { input: z.object({ messageId: messageIdSchema }), output: z.object({ message: messageSchema }) },

  // ---- Genesys chat settings
  'orgSettings:get': { input: none, output: orgChatSettingsSchema },
  /** Retention 10–3650 days; reactions on/off. */
  'orgSettings:set': { input: z.object({ messageRetentionPeriodDays: z.number().int().min(10, 'At least 10 days').max(3650, 'At most 3650 days').optional(), reactionsEnabled: z.boolean().optional() }), output: orgChatSettingsSchema },
  'mySettings:get': { input: none, output: myChatSettingsSchema },
  /** Creates the settings when none exist yet, else updates them. */
  'mySettings:set': {
    input: z.object({ muted: z.boolean().optional(), mentionsOnly: z.boolean().optional(), notifyOnReactions: z.boolean().optional(), mobileNotifications: mobileNotifySchema.optional() }),
    output: myChatSettingsSchema,
  },
  'mySettings:reset': { input: none, output: myChatSettingsSchema },
  'userSettings:get': { input: z.object({ personId: personIdSchema }), output: userChatSettingsSchema },
  'userSettings:set': { input: z.object({ personId: personIdSchema, mobileNotifications: mobileNotifySchema }), output: userChatSettingsSchema },

  // ---- cache and diagnostics
  'cache:stats': { input: none, output: z.object({ bytes: z.number().nonnegative(), messages: z.number().int().nonnegative(), conversations: z.number().int().nonnegative(), attachmentBytes: z.number().nonnegative() }) },
  /** Deletes cached history and attachments (credentials untouched), then syncs again. */
  'cache:clear': { input: none, output: done },
  'diagnostics:run': { input: none, output: diagnosticsSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;


export const eventContract = {
  'app:ready': z.object({ mode: appMode }),
  /** Re-read these inbox rows (and the conversation header if one is open). */
  'conversations:changed': z.object({ ids: z.array(conversationIdSchema) }),
  /** Re-read what is on screen of this conversation if it shows any of these ids (new, edited, deleted, pending). */
  'messages:changed': z.object({ conversationId: conversationIdSchema, ids: z.array(messageIdSchema) }),
  'sync:status': syncStatusSchema,
  'prefs:changed': appPrefsSchema,
  /** The workspace changed (demo ↔ live, account added or removed): reload everything. */
  'account:changed': accountStatusSchema,
  /** Open this conversation (deep link, notification click, tray). */
  'app:navigate': z.object({ conversationId: conversationIdSchema, messageId: messageIdSchema.optional() }),
  /** A menu item or the tray asked for what a keyboard shortcut does. */
  'app:command': z.object({ command: appCommandSchema }),
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
