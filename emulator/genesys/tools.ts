import type { ToolHandler } from '../core/types';
import { messageTools } from './messageTools';
import type { ChatOperations } from './operations';
import { roomTools } from './roomTools';
import { settingsTools } from './settingsTools';
import type { GenesysStore } from './store';

export const TOOL_PREFIX = 'genesys_chat_';

const ACCESS = 'chat:chat:access';

/**
 * `x-inin-requires-permissions` per operation (ANY of the list suffices), from the
 * reference's endpoint list. An empty list means "requires no permissions".
 */
export const REQUIRED_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  post_chats_rooms: [ACCESS, 'chat:room:add'],
  get_chats_room: [ACCESS, 'chat:room:view'],
  patch_chats_room: [ACCESS, 'chat:room:edit'],
  post_chats_room_messages: [ACCESS, 'chat:roomMessage:add'],
  get_chats_room_messages: [ACCESS, 'chat:room:view'],
  get_chats_room_message: [ACCESS, 'chat:room:view'],
  patch_chats_room_message: [ACCESS, 'chat:roomMessage:edit'],
  delete_chats_room_message: [ACCESS, 'chat:roomMessage:delete'],
  post_chats_room_messages_pins: [ACCESS, 'chat:room:edit'],
  delete_chats_room_messages_pin: [ACCESS, 'chat:room:edit'],
  get_chats_room_participants: [ACCESS, 'chat:room:view'],
  get_chats_room_participant: [],
  post_chats_room_participant: [ACCESS, 'chat:participant:add'],
  delete_chats_room_participant: [ACCESS, 'chat:participant:delete'],
  get_chats_user: [ACCESS, 'chat:1on1:view'],
  post_chats_user_messages: [ACCESS, 'chat:1on1Message:add'],
  get_chats_user_messages: [ACCESS, 'chat:1on1Message:view'],
  get_chats_user_message: [ACCESS, 'chat:1on1Message:view'],
  patch_chats_user_message: [ACCESS, 'chat:1on1Message:view'],
  delete_chats_user_message: [ACCESS, 'chat:1on1Message:delete'],
  post_chats_user_messages_pins: [ACCESS, 'chat:1on1:edit'],
  delete_chats_user_messages_pin: [ACCESS, 'chat:1on1:edit'],
  get_chats_message: [ACCESS, 'chat:1on1Message:view', 'chat:room:view'],
  put_chats_message_reactions: [ACCESS, 'chat:reactions:edit'],
  get_chats_thread_messages: [ACCESS, 'chat:room:view'],
  get_chats_settings: ['chat:setting:view', 'chat:setting:edit'],
  put_chats_settings: ['chat:setting:edit'],
  patch_chats_settings: ['chat:setting:edit'],
  get_chats_user_settings: ['chat:usersettings:view', 'chat:setting:view'],
  patch_chats_user_settings: ['chat:usersettings:edit', 'chat:setting:edit'],
  get_chats_users_me_settings: [],
  post_chats_users_me_settings: [],
  patch_chats_users_me_settings: [],
  delete_chats_users_me_settings: [],
};

/** All 34 handlers under their full tool names, each behind its permission check. */
export function buildTools(store: GenesysStore, ops: ChatOperations): Record<string, ToolHandler> {
  const short = { ...roomTools(store, ops), ...messageTools(store, ops), ...settingsTools(store, ops) };
  const tools: Record<string, ToolHandler> = {};
  for (const [name, handler] of Object.entries(short)) {
    const required = REQUIRED_PERMISSIONS[name];
    if (!required) throw new Error(`no permission entry for ${name}`);
    tools[TOOL_PREFIX + name] = (args, ctx) => {
      // Genesys checks permissions before it looks at the target resource.
      if (required.length > 0 && !required.some((p) => store.permissions.has(p))) throw store.errors.missingPermissions(required);
      return handler(args, ctx);
    };
  }
  return tools;
}
