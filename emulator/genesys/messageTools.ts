import { NO_CONTENT } from '../core/types';
import { messageRef } from './ids';
import type { Conversation, MessageRecord } from './model';
import type { ChatOperations } from './operations';
import { pageOf, parseHistoryQuery } from './paging';
import { renderListing, renderMessage } from './render';
import { ME, type GenesysStore } from './store';
import { idList, str, type ShortHandlers } from './toolArgs';

const MAX_IDS = 100;

/** Messages, pins, reactions and threads, in rooms and 1:1s. */
export function messageTools(store: GenesysStore, ops: ChatOperations): ShortHandlers {
  const memberRoom = (roomJid: unknown) => {
    const room = ops.room(str(roomJid));
    ops.requireMember(room, ME);
    return room;
  };

  const history = (conv: Conversation | undefined, args: Record<string, unknown>) => {
    const q = parseHistoryQuery(args, store.errors);
    if (!conv) return { entities: [] };
    const page = pageOf({ length: store.length(conv), at: (i) => store.at(conv, i) }, store, q);
    return renderListing(store, page, q.excludeMetadata);
  };

  /** Unknown or deleted ids are left out; only a request where none resolves is a 404. */
  const byIds = (conv: Conversation | undefined, raw: unknown) => {
    const ids = idList(raw);
    if (ids.length === 0) throw store.errors.badRequest('messageIds must list at least one message id.', {}, 'messageIds');
    if (ids.length > MAX_IDS) throw store.errors.badRequest('messageIds can list at most {max} ids.', { max: String(MAX_IDS) }, 'messageIds');
    const found = ids.map((id) => store.live(id)).filter((m): m is MessageRecord => m !== undefined && m.conv === conv);
    if (found.length === 0) throw store.errors.notFound('Message', ids.join(','));
    return renderListing(store, found.map((m) => m.n));
  };

  const oneOnOne = (args: Record<string, unknown>) => ops.readOneOnOne(str(args.userId));

  return {
    // ---- rooms ----
    post_chats_room_messages: (args) => {
      const m = ops.post(ops.room(str(args.roomJid)), ME, args.message, args.mentions, args.threadId);
      return { id: store.ids.encode(m.n) };
    },
    get_chats_room_messages: (args) => history(memberRoom(args.roomJid), args),
    get_chats_room_message: (args) => byIds(memberRoom(args.roomJid), args.messageIds),
    patch_chats_room_message: (args) => {
      const m = ops.edit(ops.room(str(args.roomJid)), ME, str(args.messageId), args.message, args.mentions);
      return { id: store.ids.encode(m.n) };
    },
    delete_chats_room_message: (args) => {
      ops.remove(ops.room(str(args.roomJid)), ME, str(args.messageId));
      return NO_CONTENT;
    },
    post_chats_room_messages_pins: (args) => {
      ops.addPins(ops.room(str(args.roomJid)), ME, args.pinnedMessageIds);
      return NO_CONTENT;
    },
    delete_chats_room_messages_pin: (args) => {
      ops.removePin(ops.room(str(args.roomJid)), ME, str(args.pinnedMessageId));
      return NO_CONTENT;
    },

    // ---- 1:1s, addressed by the other user's id ----
    get_chats_user: (args) => ({ pinnedMessages: (oneOnOne(args)?.pins ?? []).map(messageRef) }),
    post_chats_user_messages: (args) => {
      const create = ops.oneOnOneFactory(ME, str(args.userId));
      const m = ops.post(oneOnOne(args), ME, args.message, args.mentions, args.threadId, create);
      return { id: store.ids.encode(m.n) };
    },
    // The spec names a single ChatMessageResponse here; like its siblings it answers a listing.
    get_chats_user_messages: (args) => history(oneOnOne(args), args),
    get_chats_user_message: (args) => byIds(oneOnOne(args), args.messageIds),
    patch_chats_user_message: (args) => {
      const m = ops.edit(oneOnOne(args), ME, str(args.messageId), args.message, args.mentions);
      return { id: store.ids.encode(m.n) };
    },
    delete_chats_user_message: (args) => {
      ops.remove(oneOnOne(args), ME, str(args.messageId));
      return NO_CONTENT;
    },
    post_chats_user_messages_pins: (args) => {
      ops.addPins(oneOnOne(args), ME, args.pinnedMessageIds);
      return NO_CONTENT;
    },
    delete_chats_user_messages_pin: (args) => {
      ops.removePin(oneOnOne(args), ME, str(args.pinnedMessageId));
      return NO_CONTENT;
    },

    // ---- any conversation ----
    get_chats_message: (args) => renderMessage(store, ops.visibleMessage(ME, str(args.messageId))),
    put_chats_message_reactions: (args) => {
      ops.setReactions(ME, str(args.messageId), args.reactions);
      return NO_CONTENT;
    },
    get_chats_thread_messages: (args) => {
      const threadId = str(args.threadId);
      const root = store.messageById(threadId);
      // A thread is named by its root; a reply's id names no thread. A deleted root keeps its replies reachable.
      if (!root || root.root !== root.n) throw store.errors.notFound('Thread', threadId);
      if (!store.canSee(ME, root.conv)) throw store.errors.notAuthorized('User {userId} cannot see thread {threadId}.', { userId: store.me.id, threadId });
      const q = parseHistoryQuery(args, store.errors);
      const members = store.thread(root);
      const page = pageOf({ length: members.length, at: (i) => members[i]! }, store, q);
      return renderListing(store, page, q.excludeMetadata);
    },
  };
}
