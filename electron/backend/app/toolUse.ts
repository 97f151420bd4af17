/**
 * Where the app uses each of the 55 catalog tools (shared/catalog/*.tools.json):
 * the contract channels that call it, or the sync / outbox path. `toolUse.test.ts`
 * fails when a catalog tool is missing here, when an entry names a channel the
 * contract does not have, or when the provider function is called nowhere in
 * app/ or sync/. The renderer maps channels to UI in its own README.
 *
 * Format: channels separated by commas (`people:list, people:add`), optionally
 * followed by `; ` and a note; or a sentence starting with `sync` or `outbox`.
 */
export const TOOL_USE: Readonly<Record<string, string>> = Object.freeze({
  // ---- Genesys Cloud chat (34)
  genesys_chat_post_chats_rooms: 'rooms:create',
  genesys_chat_get_chats_room: 'conversation:details, rooms:update, rooms:create, rooms:join, conversation:open; sync: room metadata and pins (genesysSync.refreshMeta)',
  genesys_chat_patch_chats_room: 'rooms:update',
  genesys_chat_post_chats_room_messages: 'messages:send; outbox: sends to a room',
  genesys_chat_get_chats_room_messages: 'messages:backfill; sync: room polls and backfill, outbox: finding an ambiguous send',
  genesys_chat_get_chats_room_message: 'pins:list; pinned room messages missing from the cache',
  genesys_chat_patch_chats_room_message: 'messages:edit; outbox: edits in a room',
  genesys_chat_delete_chats_room_message: 'messages:delete; outbox: deletes in a room',
  genesys_chat_post_chats_room_messages_pins: 'pins:set; outbox: pin in a room',
  genesys_chat_delete_chats_room_messages_pin: 'pins:set; outbox: unpin in a room',
  genesys_chat_get_chats_room_participants: 'people:list, conversation:details',
  genesys_chat_get_chats_room_participant: 'conversation:details; whether the user is a member',
  genesys_chat_post_chats_room_participant: 'rooms:join, people:add',
  genesys_chat_delete_chats_room_participant: 'rooms:leave, people:remove',
  genesys_chat_get_chats_user: 'dm:open, people:get, people:conversations, conversation:open; sync: 1:1 pins (genesysSync.refreshMeta)',
  genesys_chat_post_chats_user_messages: 'messages:send; outbox: sends to a 1:1',
  genesys_chat_get_chats_user_messages: 'messages:backfill; sync: 1:1 polls and backfill, outbox: finding an ambiguous send',
  genesys_chat_get_chats_user_message: 'pins:list; pinned 1:1 messages missing from the cache',
  genesys_chat_patch_chats_user_message: 'messages:edit; outbox: edits in a 1:1',
  genesys_chat_delete_chats_user_message: 'messages:delete; outbox: deletes in a 1:1',
  genesys_chat_post_chats_user_messages_pins: 'pins:set; outbox: pin in a 1:1',
  genesys_chat_delete_chats_user_messages_pin: 'pins:set; outbox: unpin in a 1:1',
  genesys_chat_get_chats_message: 'messages:get, messages:send; after the first send, who the user is (engine.delivered)',
  genesys_chat_put_chats_message_reactions: 'messages:react; outbox: the caller’s reaction set',
  genesys_chat_get_chats_thread_messages: 'threads:fetch',
  genesys_chat_get_chats_settings: 'orgSettings:get, account:choose; account:choose tries a pasted Genesys PCID with it (pcidCheck.ts)',
  genesys_chat_put_chats_settings: 'orgSettings:set; both fields given: replace',
  genesys_chat_patch_chats_settings: 'orgSettings:set; one field given: patch',
  genesys_chat_get_chats_user_settings: 'userSettings:get',
  genesys_chat_patch_chats_user_settings: 'userSettings:set',
  genesys_chat_get_chats_users_me_settings: 'mySettings:get, mySettings:set, mySettings:reset',
  genesys_chat_post_chats_users_me_settings: 'mySettings:set; when none exist yet',
  genesys_chat_patch_chats_users_me_settings: 'mySettings:set',
  genesys_chat_delete_chats_users_me_settings: 'mySettings:reset',

  // ---- Unipile messaging (21)
  unipile_messaging_list_all_chats: 'account:choose; a pasted Unipile PCID is tried with one chat (pcidCheck.ts). sync: the inbox and chat metadata refresh (unipileSync.inbox, refreshChats)',
  unipile_messaging_get_chat: 'chats:start; sync: chats first seen in messages (unipileSync.fetchChats)',
  unipile_messaging_patch_chat: 'conversation:set, conversation:inviteLink, people:add, people:remove, conversation:markRead; outbox: read state',
  unipile_messaging_delete_chat: 'conversation:delete',
  unipile_messaging_start_new_chat: 'chats:start',
  unipile_messaging_sync_chat_history: 'sync:historyFull',
  unipile_messaging_list_attendees: 'people:list, chats:start; sync: names and titles (unipileSync.attendees)',
  unipile_messaging_list_chat_messages: 'threads:fetch, messages:forward, chats:start, messages:backfill; sync: open-chat polls, recent history',
  unipile_messaging_send_message_in_chat: 'messages:send; outbox: sends (text, quotes, Slack threads, files)',
  unipile_messaging_list_all_messages: 'sync: the cross-chat walk (unipileSync.cycle, inbox)',
  unipile_messaging_get_message: 'messages:get, messages:forward, threads:fetch',
  unipile_messaging_patch_message: 'messages:edit; outbox: edits',
  unipile_messaging_delete_message: 'messages:delete; outbox: deletes',
  unipile_messaging_forward_message: 'messages:forward',
  unipile_messaging_add_reaction: 'messages:react; outbox: reactions',
  unipile_messaging_get_message_attachment: 'attachments:get',
  unipile_messaging_list_all_attendees: 'people:query; the people directory, once per session',
  unipile_messaging_get_attendee_by_id: 'people:get',
  unipile_messaging_get_attendee_profile_picture: 'people:picture',
  unipile_messaging_list_chats_by_attendee: 'people:conversations',
  unipile_messaging_list_messages_by_attendee: 'people:messages',
});

/** The contract channels an entry names (`a:b` words before the first `;`). */
export function channelsOf(entry: string): string[] {
  const head = entry.split(';')[0] ?? '';
  return head
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-zA-Z]+:[a-zA-Z]+$/.test(s));
}
