import type { z } from 'zod';
import type { CallOptions } from '../../pinkfish/mcpClient';
import type { ToolCaller } from '../common/caller';
import { parseResult } from '../common/lenient';
import {
  createRoomResponseSchema,
  mySettingsSchema,
  oneOnOneSchema,
  orgSettingsSchema,
  parseMessageListing,
  participantSchema,
  participantsSchema,
  roomSchema,
  sendResponseSchema,
  userSettingsSchema,
  messageSchema,
  type GenesysCreateRoomResponse,
  type GenesysMessage,
  type GenesysMessageListing,
  type GenesysMySettings,
  type GenesysOneOnOne,
  type GenesysOrgSettings,
  type GenesysParticipant,
  type GenesysParticipants,
  type GenesysRoom,
  type GenesysSendResponse,
  type GenesysUserSettings,
} from './schemas';

/**
 * One typed function per `genesys_chat_*` tool of the bundled catalog. Argument
 * names and types are the catalog's (PCID excepted: the ToolCaller adds it), so
 * `limit`, `before` and `after` are strings as the schema declares them. Results
 * are the lenient protocol shapes of ./schemas; ./mappers turns them into the
 * domain model. Tools Genesys answers with 204 resolve to void whatever the Farm
 * puts in the (empty) result.
 */

/** Maps every catalog tool to the provider function that calls it (tests prove it covers all 34). */
export const GENESYS_TOOL_FUNCTIONS = {
  genesys_chat_delete_chats_room_message: 'deleteRoomMessage',
  genesys_chat_delete_chats_room_messages_pin: 'deleteRoomPin',
  genesys_chat_delete_chats_room_participant: 'removeRoomParticipant',
  genesys_chat_delete_chats_user_message: 'deleteUserMessage',
  genesys_chat_delete_chats_user_messages_pin: 'deleteUserPin',
  genesys_chat_delete_chats_users_me_settings: 'deleteMySettings',
  genesys_chat_get_chats_message: 'getMessage',
  genesys_chat_get_chats_room: 'getRoom',
  genesys_chat_get_chats_room_message: 'getRoomMessagesByIds',
  genesys_chat_get_chats_room_messages: 'getRoomMessages',
  genesys_chat_get_chats_room_participant: 'getRoomParticipant',
  genesys_chat_get_chats_room_participants: 'getRoomParticipants',
  genesys_chat_get_chats_settings: 'getOrgSettings',
  genesys_chat_get_chats_thread_messages: 'getThreadMessages',
  genesys_chat_get_chats_user: 'getOneOnOne',
  genesys_chat_get_chats_user_message: 'getUserMessagesByIds',
  genesys_chat_get_chats_user_messages: 'getUserMessages',
  genesys_chat_get_chats_user_settings: 'getUserSettings',
  genesys_chat_get_chats_users_me_settings: 'getMySettings',
  genesys_chat_patch_chats_room: 'updateRoom',
  genesys_chat_patch_chats_room_message: 'editRoomMessage',
  genesys_chat_patch_chats_settings: 'patchOrgSettings',
  genesys_chat_patch_chats_user_message: 'editUserMessage',
  genesys_chat_patch_chats_user_settings: 'updateUserSettings',
  genesys_chat_patch_chats_users_me_settings: 'updateMySettings',
  genesys_chat_post_chats_room_messages: 'sendRoomMessage',
  genesys_chat_post_chats_room_messages_pins: 'addRoomPins',
  genesys_chat_post_chats_room_participant: 'addRoomParticipant',
  genesys_chat_post_chats_rooms: 'createRoom',
  genesys_chat_post_chats_user_messages: 'sendUserMessage',
  genesys_chat_post_chats_user_messages_pins: 'addUserPins',
  genesys_chat_post_chats_users_me_settings: 'createMySettings',
  genesys_chat_put_chats_message_reactions: 'setReactions',
  genesys_chat_put_chats_settings: 'replaceOrgSettings',
} as const;

export type GenesysToolName = keyof typeof GENESYS_TOOL_FUNCTIONS;
export type GenesysFunctionName = (typeof GENESYS_TOOL_FUNCTIONS)[GenesysToolName];

export type GenesysCallOptions = CallOptions;

// ---- argument types (the catalog's input schemas, minus PCID) ----------------

export interface HistoryArgs {
  /** The maximum number of messages to retrieve (a string in the catalog). */
  limit?: string;
  /** The cutoff date for messages to retrieve (ISO-8601; exclusive in the emulator). */
  before?: string;
  /** The beginning date for messages to retrieve (ISO-8601; exclusive in the emulator). */
  after?: string;
  /** Whether to exclude metadata for messages (reactions, mentions, thread links). */
  excludeMetadata?: boolean;
}

export interface SendMessageArgs {
  /** The body of the message. */
  message: string;
  /** User ids to be notified. */
  mentions?: string[];
  /** The thread id of the message (the root message's id). */
  threadId?: string;
}

export type MobileNotificationWhen = 'Always' | 'OnlyWhenInactive';

/** MobileSettings: the catalog types `notifications` as a bare object; `when` is what Genesys defines in it. */
export interface MobileSettingsArg {
  notifications: { when?: MobileNotificationWhen | (string & {}); [key: string]: unknown };
}

export interface OrgSettingsArgs {
  /** Retention time for messages in days, an int in [10, 3650]. */
  messageRetentionPeriodDays?: number;
  reactionsEnabled?: boolean;
}

export interface GenesysProvider {
  // rooms
  createRoom(args: { subject: string; description?: string; userIds?: string[] }, options?: GenesysCallOptions): Promise<GenesysCreateRoomResponse>;
  getRoom(args: { roomJid: string }, options?: GenesysCallOptions): Promise<GenesysRoom>;
  updateRoom(args: { roomJid: string; description?: string; ownerIds?: string[]; pinnedMessageIds?: string[]; subject?: string }, options?: GenesysCallOptions): Promise<void>;
  // room messages
  sendRoomMessage(args: { roomJid: string } & SendMessageArgs, options?: GenesysCallOptions): Promise<GenesysSendResponse>;
  getRoomMessages(args: { roomJid: string } & HistoryArgs, options?: GenesysCallOptions): Promise<GenesysMessageListing>;
  getRoomMessagesByIds(args: { roomJid: string; messageIds: string }, options?: GenesysCallOptions): Promise<GenesysMessageListing>;
  editRoomMessage(args: { roomJid: string; messageId: string } & SendMessageArgs, options?: GenesysCallOptions): Promise<GenesysSendResponse>;
  deleteRoomMessage(args: { roomJid: string; messageId: string }, options?: GenesysCallOptions): Promise<void>;
  addRoomPins(args: { roomJid: string; pinnedMessageIds: string[] }, options?: GenesysCallOptions): Promise<void>;
  deleteRoomPin(args: { roomJid: string; pinnedMessageId: string }, options?: GenesysCallOptions): Promise<void>;
  // room participants
  getRoomParticipants(args: { roomJid: string; notify?: boolean }, options?: GenesysCallOptions): Promise<GenesysParticipants>;
  getRoomParticipant(args: { roomJid: string; participantJid: string }, options?: GenesysCallOptions): Promise<GenesysParticipant>;
  addRoomParticipant(args: { roomJid: string; userId: string }, options?: GenesysCallOptions): Promise<void>;
  removeRoomParticipant(args: { roomJid: string; userId: string }, options?: GenesysCallOptions): Promise<void>;
  // 1:1s, addressed by the other user's id
  getOneOnOne(args: { userId: string }, options?: GenesysCallOptions): Promise<GenesysOneOnOne>;
  sendUserMessage(args: { userId: string } & SendMessageArgs, options?: GenesysCallOptions): Promise<GenesysSendResponse>;
  getUserMessages(args: { userId: string } & HistoryArgs, options?: GenesysCallOptions): Promise<GenesysMessageListing>;
  getUserMessagesByIds(args: { userId: string; messageIds: string }, options?: GenesysCallOptions): Promise<GenesysMessageListing>;
  editUserMessage(args: { userId: string; messageId: string } & SendMessageArgs, options?: GenesysCallOptions): Promise<GenesysSendResponse>;
  deleteUserMessage(args: { userId: string; messageId: string }, options?: GenesysCallOptions): Promise<void>;
  addUserPins(args: { userId: string; pinnedMessageIds: string[] }, options?: GenesysCallOptions): Promise<void>;
  deleteUserPin(args: { userId: string; pinnedMessageId: string }, options?: GenesysCallOptions): Promise<void>;
  // messages by id, reactions, threads
  getMessage(args: { messageId: string }, options?: GenesysCallOptions): Promise<GenesysMessage>;
  setReactions(args: { messageId: string; reactions: string[] }, options?: GenesysCallOptions): Promise<void>;
  getThreadMessages(args: { threadId: string } & HistoryArgs, options?: GenesysCallOptions): Promise<GenesysMessageListing>;
  // org settings
  getOrgSettings(options?: GenesysCallOptions): Promise<GenesysOrgSettings>;
  replaceOrgSettings(args: OrgSettingsArgs, options?: GenesysCallOptions): Promise<GenesysOrgSettings>;
  patchOrgSettings(args: OrgSettingsArgs, options?: GenesysCallOptions): Promise<GenesysOrgSettings>;
  // per-user settings
  getUserSettings(args: { userId: string }, options?: GenesysCallOptions): Promise<GenesysUserSettings>;
  updateUserSettings(args: { userId: string; mobile: MobileSettingsArg }, options?: GenesysCallOptions): Promise<GenesysUserSettings>;
  getMySettings(options?: GenesysCallOptions): Promise<GenesysMySettings>;
  createMySettings(args: { muted: boolean; mentionsOnly?: boolean; notifyOnReactions?: boolean }, options?: GenesysCallOptions): Promise<void>;
  updateMySettings(args: { mobile: MobileSettingsArg; mentionsOnly?: boolean; muted?: boolean; notifyOnReactions?: boolean }, options?: GenesysCallOptions): Promise<GenesysMySettings>;
  deleteMySettings(options?: GenesysCallOptions): Promise<void>;
}

// The map and the interface must name the same functions, both ways.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameFunctions: Exact<GenesysFunctionName, keyof GenesysProvider> = true;
void sameFunctions;

const TOOL_OF = Object.fromEntries(Object.entries(GENESYS_TOOL_FUNCTIONS).map(([tool, fn]) => [fn, tool])) as Record<GenesysFunctionName, GenesysToolName>;

/** The full tool name a provider function calls. */
export function toolFor(fn: GenesysFunctionName): GenesysToolName {
  return TOOL_OF[fn];
}

export function createGenesysProvider(call: ToolCaller): GenesysProvider {
  const raw = async (fn: GenesysFunctionName, args: object, options: GenesysCallOptions | undefined): Promise<unknown> =>
    (await call(TOOL_OF[fn], { ...args }, options)).value;

  const parsed = <S extends z.ZodType>(schema: S, what: string) =>
    async (fn: GenesysFunctionName, args: object, options: GenesysCallOptions | undefined): Promise<z.output<S>> =>
      parseResult(schema, await raw(fn, args, options), what);

  const send = parsed(sendResponseSchema, 'the sent message id');
  const room = parsed(roomSchema, 'a room');
  const orgSettings = parsed(orgSettingsSchema, 'the organisation chat settings');
  const userSettings = parsed(userSettingsSchema, "a user's chat settings");
  const mySettings = parsed(mySettingsSchema, 'your chat settings');
  const listing = async (fn: GenesysFunctionName, args: object, options: GenesysCallOptions | undefined) =>
    parseMessageListing(await raw(fn, args, options), 'a message list');
  const none = async (fn: GenesysFunctionName, args: object, options: GenesysCallOptions | undefined): Promise<void> => {
    await raw(fn, args, options);
  };

  return {
    createRoom: (args, o) => parsed(createRoomResponseSchema, 'the new room')('createRoom', args, o),
    getRoom: (args, o) => room('getRoom', args, o),
    updateRoom: (args, o) => none('updateRoom', args, o),

    sendRoomMessage: (args, o) => send('sendRoomMessage', args, o),
    getRoomMessages: (args, o) => listing('getRoomMessages', args, o),
    getRoomMessagesByIds: (args, o) => listing('getRoomMessagesByIds', args, o),
    editRoomMessage: (args, o) => send('editRoomMessage', args, o),
    deleteRoomMessage: (args, o) => none('deleteRoomMessage', args, o),
    addRoomPins: (args, o) => none('addRoomPins', args, o),
    deleteRoomPin: (args, o) => none('deleteRoomPin', args, o),

    getRoomParticipants: (args, o) => parsed(participantsSchema, 'the room participants')('getRoomParticipants', args, o),
    getRoomParticipant: (args, o) => parsed(participantSchema, 'a room participant')('getRoomParticipant', args, o),
    addRoomParticipant: (args, o) => none('addRoomParticipant', args, o),
    removeRoomParticipant: (args, o) => none('removeRoomParticipant', args, o),

    getOneOnOne: (args, o) => parsed(oneOnOneSchema, 'a 1:1 conversation')('getOneOnOne', args, o),
    sendUserMessage: (args, o) => send('sendUserMessage', args, o),
    getUserMessages: (args, o) => listing('getUserMessages', args, o),
    getUserMessagesByIds: (args, o) => listing('getUserMessagesByIds', args, o),
    editUserMessage: (args, o) => send('editUserMessage', args, o),
    deleteUserMessage: (args, o) => none('deleteUserMessage', args, o),
    addUserPins: (args, o) => none('addUserPins', args, o),
    deleteUserPin: (args, o) => none('deleteUserPin', args, o),

    getMessage: (args, o) => parsed(messageSchema, 'a message')('getMessage', args, o),
    setReactions: (args, o) => none('setReactions', args, o),
    getThreadMessages: (args, o) => listing('getThreadMessages', args, o),

    getOrgSettings: (o) => orgSettings('getOrgSettings', {}, o),
    replaceOrgSettings: (args, o) => orgSettings('replaceOrgSettings', args, o),
    patchOrgSettings: (args, o) => orgSettings('patchOrgSettings', args, o),

    getUserSettings: (args, o) => userSettings('getUserSettings', args, o),
    updateUserSettings: (args, o) => userSettings('updateUserSettings', args, o),
    getMySettings: (o) => mySettings('getMySettings', {}, o),
    createMySettings: (args, o) => none('createMySettings', args, o),
    updateMySettings: (args, o) => mySettings('updateMySettings', args, o),
    deleteMySettings: (o) => none('deleteMySettings', {}, o),
  };
}
