import type { z } from 'zod';
import type { CallOptions } from '../../pinkfish/mcpClient';
import { decodeBinary, type BinaryOptions, type BinaryResult } from '../common/binary';
import type { ToolCaller } from '../common/caller';
import { parseResult } from '../common/lenient';
import type * as A from './args';
import {
  ackSchema,
  attendeeListSchema,
  unipileAttendeeSchema,
  chatHistorySyncSchema,
  chatListSchema,
  chatPatchedSchema,
  unipileChatSchema,
  chatStartedSchema,
  messageForwardedSchema,
  messageListSchema,
  unipileMessageSchema,
  messageSentSchema,
  type Ack,
  type ChatHistorySync,
  type ChatPatched,
  type ChatStarted,
  type MessageForwarded,
  type MessageSent,
  type UnipileAttendee,
  type UnipileChat,
  type UnipileList,
  type UnipileMessage,
} from './schemas';
import { encodeFile, encodeFiles } from './uploads';
import { NETWORK_BY_ACCOUNT_TYPE } from './capabilities';
import type { AccountType } from './args';
import { NETWORK_NAMES } from '../../../../shared/domain/networks';
import { AppError } from '../../../../shared/ipc/result';

/**
 * One typed function per tool of the `/unipile-messaging` server. Each calls the
 * tool by its full catalog name with the catalog's argument names and returns the
 * leniently parsed Unipile object (flags as booleans, cursor null at the end);
 * mapping to the domain model is mappers.ts's job, so callers that need a raw
 * field (a cursor, `original`, LinkedIn extras) still have it.
 */

/** Catalog tool name → provider function name. A test checks it covers the catalog exactly. */
export const UNIPILE_TOOL_FUNCTIONS = {
  unipile_messaging_add_reaction: 'addReaction',
  unipile_messaging_delete_chat: 'deleteChat',
  unipile_messaging_delete_message: 'deleteMessage',
  unipile_messaging_forward_message: 'forwardMessage',
  unipile_messaging_get_attendee_by_id: 'getAttendeeById',
  unipile_messaging_get_attendee_profile_picture: 'getAttendeeProfilePicture',
  unipile_messaging_get_chat: 'getChat',
  unipile_messaging_get_message: 'getMessage',
  unipile_messaging_get_message_attachment: 'getMessageAttachment',
  unipile_messaging_list_all_attendees: 'listAllAttendees',
  unipile_messaging_list_all_chats: 'listAllChats',
  unipile_messaging_list_all_messages: 'listAllMessages',
  unipile_messaging_list_attendees: 'listAttendees',
  unipile_messaging_list_chat_messages: 'listChatMessages',
  unipile_messaging_list_chats_by_attendee: 'listChatsByAttendee',
  unipile_messaging_list_messages_by_attendee: 'listMessagesByAttendee',
  unipile_messaging_patch_chat: 'patchChat',
  unipile_messaging_patch_message: 'patchMessage',
  unipile_messaging_send_message_in_chat: 'sendMessageInChat',
  unipile_messaging_start_new_chat: 'startNewChat',
  unipile_messaging_sync_chat_history: 'syncChatHistory',
} as const satisfies Record<string, keyof UnipileProvider>;

export type UnipileToolName = keyof typeof UNIPILE_TOOL_FUNCTIONS;

export interface UnipileProvider {
  addReaction(args: A.AddReactionArgs, options?: CallOptions): Promise<Ack>;
  deleteChat(args: A.DeleteChatArgs, options?: CallOptions): Promise<Ack>;
  deleteMessage(args: A.DeleteMessageArgs, options?: CallOptions): Promise<Ack>;
  forwardMessage(args: A.ForwardMessageArgs, options?: CallOptions): Promise<MessageForwarded>;
  getAttendeeById(args: A.GetAttendeeByIdArgs, options?: CallOptions): Promise<UnipileAttendee>;
  getAttendeeProfilePicture(args: A.GetAttendeeProfilePictureArgs, options?: CallOptions): Promise<BinaryResult>;
  getChat(args: A.GetChatArgs, options?: CallOptions): Promise<UnipileChat>;
  getMessage(args: A.GetMessageArgs, options?: CallOptions): Promise<UnipileMessage>;
  getMessageAttachment(args: A.GetMessageAttachmentArgs, options?: CallOptions): Promise<BinaryResult>;
  listAllAttendees(args?: A.ListAllAttendeesArgs, options?: CallOptions): Promise<UnipileList<UnipileAttendee>>;
  listAllChats(args?: A.ListAllChatsArgs, options?: CallOptions): Promise<UnipileList<UnipileChat>>;
  listAllMessages(args?: A.ListAllMessagesArgs, options?: CallOptions): Promise<UnipileList<UnipileMessage>>;
  listAttendees(args: A.ListAttendeesArgs, options?: CallOptions): Promise<UnipileList<UnipileAttendee>>;
  listChatMessages(args: A.ListChatMessagesArgs, options?: CallOptions): Promise<UnipileList<UnipileMessage>>;
  listChatsByAttendee(args: A.ListChatsByAttendeeArgs, options?: CallOptions): Promise<UnipileList<UnipileChat>>;
  listMessagesByAttendee(args: A.ListMessagesByAttendeeArgs, options?: CallOptions): Promise<UnipileList<UnipileMessage>>;
  patchChat(args: A.PatchChatArgs, options?: CallOptions): Promise<ChatPatched>;
  patchMessage(args: A.PatchMessageArgs, options?: CallOptions): Promise<Ack>;
  sendMessageInChat(args: A.SendMessageInChatArgs, options?: CallOptions): Promise<MessageSent>;
  startNewChat(args: A.StartNewChatArgs, options?: CallOptions): Promise<ChatStarted>;
  syncChatHistory(args: A.SyncChatHistoryArgs, options?: CallOptions): Promise<ChatHistorySync>;
}

export interface UnipileProviderOptions {
  /** How binary results are fetched when they come back as a URL (fetch, timeout, size cap). */
  binary?: BinaryOptions;
}

const ACCOUNT_TYPE_WORD = new RegExp(`\\b(${Object.keys(NETWORK_BY_ACCOUNT_TYPE).join('|')})\\b`, 'g');

/**
 * Unipile's own error text as the app writes: it names networks by account type ("on LINKEDIN") and
 * may count without agreement ("within 1 hours"). Kept otherwise, as it is often the most precise
 * (a failed edit in the outbox shows it).
 */
export function readableUnipileText(text: string): string {
  return text.replace(ACCOUNT_TYPE_WORD, (t) => NETWORK_NAMES[NETWORK_BY_ACCOUNT_TYPE[t as AccountType]]).replace(/\b1 (second|minute|hour|day)s\b/g, '1 $1');
}

export function createUnipileProvider(call: ToolCaller, options: UnipileProviderOptions = {}): UnipileProvider {
  const tool = async <S extends z.ZodType>(name: UnipileToolName, args: object, schema: S, what: string, opts?: CallOptions): Promise<z.output<S>> => {
    let value: unknown;
    try {
      ({ value } = await call(name, { ...args }, opts));
    } catch (err) {
      if (err instanceof AppError) err.message = readableUnipileText(err.message);
      throw err;
    }
    return parseResult(schema, value, what);
  };
  const binary = async (name: UnipileToolName, args: object, fallbackMimeType: string, opts?: CallOptions): Promise<BinaryResult> =>
    decodeBinary(await call(name, { ...args }, opts), { fallbackMimeType, ...options.binary });

  return {
    addReaction: (args, o) => tool('unipile_messaging_add_reaction', args, ackSchema, 'a reaction result', o),
    deleteChat: (args, o) => tool('unipile_messaging_delete_chat', args, ackSchema, 'a delete result', o),
    deleteMessage: (args, o) => tool('unipile_messaging_delete_message', args, ackSchema, 'a delete result', o),
    forwardMessage: (args, o) => tool('unipile_messaging_forward_message', args, messageForwardedSchema, 'a forward result', o),
    getAttendeeById: (args, o) => tool('unipile_messaging_get_attendee_by_id', args, unipileAttendeeSchema, 'an attendee', o),
    getAttendeeProfilePicture: (args, o) => binary('unipile_messaging_get_attendee_profile_picture', args, 'image/jpeg', o),
    getChat: (args, o) => tool('unipile_messaging_get_chat', args, unipileChatSchema, 'a chat', o),
    getMessage: (args, o) => tool('unipile_messaging_get_message', args, unipileMessageSchema, 'a message', o),
    getMessageAttachment: (args, o) => binary('unipile_messaging_get_message_attachment', args, 'application/octet-stream', o),
    listAllAttendees: (args = {}, o) => tool('unipile_messaging_list_all_attendees', args, attendeeListSchema, 'an attendee list', o),
    listAllChats: (args = {}, o) => tool('unipile_messaging_list_all_chats', args, chatListSchema, 'a chat list', o),
    listAllMessages: (args = {}, o) => tool('unipile_messaging_list_all_messages', args, messageListSchema, 'a message list', o),
    listAttendees: (args, o) => tool('unipile_messaging_list_attendees', args, attendeeListSchema, 'an attendee list', o),
    listChatMessages: (args, o) => tool('unipile_messaging_list_chat_messages', args, messageListSchema, 'a message list', o),
    listChatsByAttendee: (args, o) => tool('unipile_messaging_list_chats_by_attendee', args, chatListSchema, 'a chat list', o),
    listMessagesByAttendee: (args, o) => tool('unipile_messaging_list_messages_by_attendee', args, messageListSchema, 'a message list', o),
    patchChat: (args, o) => tool('unipile_messaging_patch_chat', args, chatPatchedSchema, 'a chat action result', o),
    patchMessage: (args, o) => tool('unipile_messaging_patch_message', args, ackSchema, 'an edit result', o),
    sendMessageInChat: async (args, o) => tool('unipile_messaging_send_message_in_chat', withFiles(args), messageSentSchema, 'a send result', o),
    startNewChat: async (args, o) => tool('unipile_messaging_start_new_chat', withFiles(args), chatStartedSchema, 'a new chat result', o),
    syncChatHistory: (args, o) => tool('unipile_messaging_sync_chat_history', args, chatHistorySyncSchema, 'a history sync status', o),
  };
}

/** File fields are encoded here; absent ones stay absent (a custom ToolCaller may not drop undefined). */
function withFiles<T extends { attachments?: A.FileInput[]; voice_message?: A.FileInput; video_message?: A.FileInput }>(args: T): object {
  const out: Record<string, unknown> = { ...args };
  if (args.attachments !== undefined) out.attachments = encodeFiles(args.attachments, 'attachments');
  if (args.voice_message !== undefined) out.voice_message = encodeFile(args.voice_message, 'voice_message');
  if (args.video_message !== undefined) out.video_message = encodeFile(args.video_message, 'video_message');
  return out;
}
