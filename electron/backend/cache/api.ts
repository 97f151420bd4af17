import type { Account, Attachment, Conversation, Message, Network, Person, Pin } from '../../../shared/domain/model';
import type { AccountId, ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';

/**
 * The cache's typed surface. The database lives in a worker thread (a slow
 * query must never delay window events or other replies); `CacheClient`
 * (client.ts) sends one request per call and resolves with the reply, so every
 * method here is async from the caller's side. The worker implements the same
 * interface synchronously over prepared statements.
 *
 * Times are epoch ms. Paging is keyset on (time, id), never OFFSET.
 */

export interface MessageKey {
  time: number;
  id: MessageId;
}

export type InboxFilter =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'archived' }
  | { kind: 'network'; network: Network }
  | { kind: 'account'; accountId: AccountId };

export interface InboxQuery {
  filter: InboxFilter;
  /** Type-to-filter on the title (case and diacritics insensitive). */
  text?: string;
  limit: number;
  /** Keyset: continue after this (lastActivity, id). Archived are excluded unless the filter is 'archived'. */
  after?: { lastActivity: number; id: ConversationId };
  /** Only these conversations, those of them the filter and text list. */
  ids?: readonly ConversationId[];
}

export interface InboxPage {
  conversations: Conversation[];
  next: { lastActivity: number; id: ConversationId } | null;
}

export interface MessagesQuery {
  conversationId: ConversationId;
  limit: number;
  /** Older than this message (scrolling up). */
  before?: MessageKey;
  /** Newer than this message (scrolling down after a jump). */
  after?: MessageKey;
  /** Centred on this message (search hits, pins): limit/2 each side. */
  around?: MessageId;
  /** Only a thread's messages (root included). */
  threadRootId?: MessageId;
}

export interface MessagesPage {
  /** Oldest first, ready to render. Includes pending/failed outbox sends of the conversation at the end. */
  messages: Message[];
  hasOlder: boolean;
  hasNewer: boolean;
}

/** A snippet as runs of text, highlighted or not: the renderer draws it as text, never HTML. */
export type Snippet = Array<{ text: string; hit: boolean }>;

export interface SearchQuery {
  text: string;
  conversationId?: ConversationId;
  network?: Network;
  limit: number;
  /** Keyset for the default newest-first order. */
  before?: MessageKey;
  /** 'newest' (default, index order, no sort) or 'best' (bm25 over the newest few thousand matches only). */
  order?: 'newest' | 'best';
}

export interface SearchHit {
  message: Message;
  conversationTitle: string;
  snippet: Snippet;
}

export interface SearchPage {
  hits: SearchHit[];
  next: MessageKey | null;
}

/** Genesys has no list-rooms tool: the app keeps its own directory of rooms and 1:1s. */
export interface DirectoryEntry {
  conversationId: ConversationId;
  /** How we learnt of it. */
  via: 'created' | 'joined' | 'opened' | 'seen' | 'mentioned';
  /** Last time something happened there (drives round-robin weighting). */
  lastActivity: number | null;
  /** Last time sync polled it. */
  lastPolled: number | null;
}

export type OutboxOp =
  | { kind: 'send'; conversationId: ConversationId; text: string; quoteId?: MessageId; threadRootId?: MessageId; mentions?: PersonId[]; attachments?: Array<{ name: string; mimeType: string; base64: string }> }
  /** `mentions`: the message's whole list after the edit (Genesys replaces it with the body); absent: unchanged. */
  | { kind: 'edit'; conversationId: ConversationId; messageId: MessageId; text: string; mentions?: PersonId[] }
  | { kind: 'delete'; conversationId: ConversationId; messageId: MessageId }
  | { kind: 'react'; conversationId: ConversationId; messageId: MessageId; emoji: string; on: boolean }
  | { kind: 'pin'; conversationId: ConversationId; messageId: MessageId; on: boolean }
  | { kind: 'read'; conversationId: ConversationId; read: boolean };

export type OutboxState = 'pending' | 'sending' | 'ambiguous' | 'failed' | 'done';

export interface OutboxEntry {
  /** Monotonic local sequence: the send order. */
  seq: number;
  /** A random id the app chose; for sends, the pending message's id is derived from it. */
  clientId: string;
  op: OutboxOp;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which it must not be retried (backoff). */
  notBefore: number;
  lastError?: { code: string; message: string };
  createdAt: number;
  /** For sends: the provider's id once known. */
  remoteId?: MessageId;
}

export interface Draft {
  conversationId: ConversationId;
  text: string;
  /** Reply/edit context kept with the draft. */
  quoteId?: MessageId;
  threadRootId?: MessageId;
  updatedAt: number;
}

export interface CacheStats {
  conversations: number;
  messages: number;
  people: number;
  outboxPending: number;
  attachmentBytes: number;
  dbBytes: number;
}

export interface CacheApi {
  // accounts (the Genesys connection and each linked Unipile network account)
  upsertAccounts(accounts: Account[]): void;
  listAccounts(): Account[];

  // conversations and people
  upsertConversations(conversations: Conversation[]): { changed: ConversationId[] };
  getConversation(id: ConversationId): Conversation | null;
  listInbox(query: InboxQuery): InboxPage;
  setConversationFlags(id: ConversationId, flags: Partial<Pick<Conversation, 'unreadCount' | 'muted' | 'mutedUntil' | 'archived' | 'pinned' | 'labels'>>): void;
  removeConversation(id: ConversationId): void;
  upsertPeople(people: Person[]): void;
  getPeople(ids: PersonId[]): Person[];
  /** People with a name, whose name or handle contains `text` (case and diacritics insensitive), by name; `limit` at most 500. */
  queryPeople(text: string, limit: number): Person[];
  /** The accounts the cached conversations belong to, with how many each has (account:status). */
  listConversationAccounts(): Array<{ accountId: AccountId; source: Conversation['source']; network: Network; conversations: number }>;

  // messages
  /**
   * Inserts or reconciles messages (edits, deletes, reactions, attachments). When `cursor` is given it is
   * committed in the same transaction, so a crash never leaves data without its cursor or the reverse.
   * Returns the ids that were new or changed (for `messages:changed`).
   */
  upsertMessages(messages: Message[], cursor?: { key: string; value: string }): { changed: MessageId[] };
  /** Messages that disappeared upstream (Genesys deletes them outright). */
  deleteMessages(ids: MessageId[]): void;
  getMessages(ids: MessageId[]): Message[];
  messagesPage(query: MessagesQuery): MessagesPage;
  /** Newest message time of a conversation, for `after` polling. */
  newestMessage(conversationId: ConversationId): MessageKey | null;
  oldestMessage(conversationId: ConversationId): MessageKey | null;
  setPins(conversationId: ConversationId, messageIds: MessageId[]): void;
  getPins(conversationId: ConversationId): Pin[];

  // search
  search(query: SearchQuery): SearchPage;

  // attachments: metadata lives with the message; bytes are fetched on demand into a size-capped store
  getAttachmentBytes(messageId: MessageId, attachmentId: string): { mimeType: string; bytes: Uint8Array } | null;
  putAttachmentBytes(messageId: MessageId, attachment: Pick<Attachment, 'id' | 'mimeType'>, bytes: Uint8Array): void;

  // Genesys room directory
  recordDirectory(entry: Pick<DirectoryEntry, 'conversationId' | 'via'> & { lastActivity?: number }): void;
  listDirectory(): DirectoryEntry[];
  markPolled(conversationId: ConversationId, at: number): void;

  // drafts
  getDraft(conversationId: ConversationId): Draft | null;
  setDraft(draft: Draft): void;
  clearDraft(conversationId: ConversationId): void;

  // outbox
  enqueue(op: OutboxOp, clientId: string, now: number): OutboxEntry;
  /** The next entries that may be attempted now: the oldest pending per conversation, in seq order. */
  dueOutbox(now: number, limit: number): OutboxEntry[];
  updateOutbox(seq: number, patch: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'notBefore' | 'lastError' | 'remoteId' | 'op'>>): void;
  listOutbox(states?: OutboxState[]): OutboxEntry[];
  removeOutbox(seq: number): void;

  // sync cursors
  getCursor(key: string): string | null;
  setCursor(key: string, value: string): void;

  // what the app keeps of itself between starts (the boot snapshot, the request budget); null removes it
  getUiState(key: string): string | null;
  setUiState(key: string, value: string | null, now: number): void;

  // maintenance
  stats(): CacheStats;
  /** Removes all cached data (credentials live in the keychain and are untouched). */
  clear(): void;
  integrityCheck(): string;
}

export type CacheMethod = keyof CacheApi;
