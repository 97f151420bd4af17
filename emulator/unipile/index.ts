/**
 * The Unipile messaging service of the emulator: 21 tools over one stateful
 * workspace. See README.md for every choice made where the reference is
 * unsure (INF/UNK), the id formats, the capability matrix and control actions.
 */
import catalogJson from '../../shared/catalog/unipile-messaging.tools.json';
import { UpstreamError, type Catalog, type Rng, type ServiceModule, type ServiceOptions, type ToolHandler } from '../core/types';
import { addReaction, deleteChat, deleteMessage, forwardMessage, patchChat, patchMessage, sendMessage, startNewChat, syncChatHistory } from './actions';
import type { Args } from './args';
import { withInstance } from './errors';
import { generateWorld } from './generate';
import {
  getAttendeeById,
  getAttendeeProfilePicture,
  getChat,
  getMessage,
  getMessageAttachment,
  listAllAttendees,
  listAllChats,
  listAllMessages,
  listAttendees,
  listChatMessages,
  listChatsByAttendee,
  listMessagesByAttendee,
} from './reads';
import type { Store } from './store';
import { control, simulateActivity } from './world';

const CATALOG = catalogJson as Catalog;

type Impl = (store: Store, args: Args) => unknown;

const seg = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : '');

/** Tool → (implementation, the REST path it stands for: the error bodies' `instance`). */
const TOOLS: Record<string, [Impl, (a: Args) => string]> = {
  unipile_messaging_list_all_chats: [listAllChats, () => '/api/v1/chats'],
  unipile_messaging_start_new_chat: [startNewChat, () => '/api/v1/chats'],
  unipile_messaging_get_chat: [getChat, (a) => `/api/v1/chats/${seg(a.chat_id)}`],
  unipile_messaging_patch_chat: [patchChat, (a) => `/api/v1/chats/${seg(a.chat_id)}`],
  unipile_messaging_delete_chat: [deleteChat, (a) => `/api/v1/chats/${seg(a.chat_id)}`],
  unipile_messaging_list_chat_messages: [listChatMessages, (a) => `/api/v1/chats/${seg(a.chat_id)}/messages`],
  unipile_messaging_send_message_in_chat: [sendMessage, (a) => `/api/v1/chats/${seg(a.chat_id)}/messages`],
  unipile_messaging_list_attendees: [listAttendees, (a) => `/api/v1/chats/${seg(a.chat_id)}/attendees`],
  unipile_messaging_sync_chat_history: [syncChatHistory, (a) => `/api/v1/chats/${seg(a.chat_id)}/sync`],
  unipile_messaging_list_all_messages: [listAllMessages, () => '/api/v1/messages'],
  unipile_messaging_get_message: [getMessage, (a) => `/api/v1/messages/${seg(a.message_id)}`],
  unipile_messaging_patch_message: [patchMessage, (a) => `/api/v1/messages/${seg(a.message_id)}`],
  unipile_messaging_delete_message: [deleteMessage, (a) => `/api/v1/messages/${seg(a.message_id)}`],
  unipile_messaging_forward_message: [forwardMessage, (a) => `/api/v1/messages/${seg(a.message_id)}/forward`],
  unipile_messaging_add_reaction: [addReaction, (a) => `/api/v1/messages/${seg(a.message_id)}/reaction`],
  unipile_messaging_get_message_attachment: [getMessageAttachment, (a) => `/api/v1/messages/${seg(a.message_id)}/attachments/${seg(a.attachment_id)}`],
  unipile_messaging_list_all_attendees: [listAllAttendees, () => '/api/v1/chat_attendees'],
  unipile_messaging_get_attendee_by_id: [getAttendeeById, (a) => `/api/v1/chat_attendees/${seg(a.id)}`],
  unipile_messaging_get_attendee_profile_picture: [getAttendeeProfilePicture, (a) => `/api/v1/chat_attendees/${seg(a.id)}/picture`],
  unipile_messaging_list_chats_by_attendee: [listChatsByAttendee, (a) => `/api/v1/chat_attendees/${seg(a.attendee_id)}/chats`],
  unipile_messaging_list_messages_by_attendee: [listMessagesByAttendee, (a) => `/api/v1/chat_attendees/${seg(a.sender_id)}/messages`],
};

// A type alias (not an interface) so it stays assignable to ServiceModule's Record<string, number>.
export type UnipileStats = { accounts: number; chats: number; messages: number; attendees: number };

export interface UnipileService extends ServiceModule {
  /** The state behind the tools, for tests and benches in this folder. */
  readonly store: Store;
  stats(): UnipileStats;
}

export function createUnipileService(opts: ServiceOptions): UnipileService {
  const store = generateWorld(opts.seed, opts.scale, opts.clock);
  const tools: Record<string, ToolHandler> = {};
  for (const tool of CATALOG.tools) {
    const entry = TOOLS[tool.name];
    if (!entry) throw new Error(`unipile: no handler for catalog tool ${tool.name}`);
    const [impl, route] = entry;
    tools[tool.name] = (args) => {
      try {
        return impl(store, args);
      } catch (err) {
        throw err instanceof UpstreamError ? withInstance(err, route(args)) : err;
      }
    };
  }
  return {
    path: '/unipile-messaging',
    serviceKey: 'unipile-api',
    catalog: CATALOG,
    tools,
    store,
    simulateActivity: (rng: Rng) => simulateActivity(store, rng),
    control: (action, params) => control(store, action, params ?? {}),
    stats: () => ({
      accounts: store.accounts.length,
      chats: store.chats.filter((c) => !c.deleted).length,
      messages: store.messageCount,
      attendees: store.attendees.length,
    }),
  };
}
