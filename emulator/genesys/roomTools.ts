import { NO_CONTENT } from '../core/types';
import { userRef } from './ids';
import type { ChatOperations } from './operations';
import { renderRoom } from './render';
import { ME, type GenesysStore } from './store';
import { str, type ShortHandlers } from './toolArgs';

/** Rooms and their participants. */
export function roomTools(store: GenesysStore, ops: ChatOperations): ShortHandlers {
  return {
    post_chats_rooms: (args) => {
      const room = ops.createRoom(ME, args.subject, args.description, args.userIds);
      return { jid: room.jid };
    },

    get_chats_room: (args) => renderRoom(store, ops.room(str(args.roomJid))),

    patch_chats_room: (args) => {
      ops.updateRoom(ops.room(str(args.roomJid)), ME, args);
      return NO_CONTENT;
    },

    // Any org user may read a room's card and roster (chat:room:view); its messages need membership.
    get_chats_room_participants: (args) => {
      const room = ops.room(str(args.roomJid));
      const members = [...room.members].filter((p) => !(args.notify === true && p === ME));
      return { participants: members.map((p) => ({ jid: store.people[p]!.jid, user: userRef(store.people[p]!.id) })) };
    },

    get_chats_room_participant: (args) => {
      const room = ops.room(str(args.roomJid));
      const jid = str(args.participantJid);
      const person = store.personByJid(jid);
      if (!person || !room.members.has(person.idx)) throw store.errors.notFound('Participant', jid);
      return { participantJid: person.jid };
    },

    post_chats_room_participant: (args) => {
      ops.join(ops.room(str(args.roomJid)), ME, str(args.userId));
      return NO_CONTENT;
    },

    delete_chats_room_participant: (args) => {
      ops.leave(ops.room(str(args.roomJid)), ME, str(args.userId));
      return NO_CONTENT;
    },
  };
}
