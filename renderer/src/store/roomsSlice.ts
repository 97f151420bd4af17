import type { AccountId } from '../../../shared/domain/ids';
import type { Conversation } from '../../../shared/domain/model';
import type { Result } from '../../../shared/ipc/result';
import { safeInvoke } from './safeInvoke';
import type { SliceCreator } from './uiSlice';

/**
 * Starting conversations: create or join a Genesys room, open a Genesys 1:1, start a Unipile
 * chat. Each opens the conversation it lands on, so a dialog only has to close itself.
 */
export interface RoomsSlice {
  createRoom: (input: { subject: string; description?: string; memberIds: string[] }) => Promise<Result<Conversation>>;
  joinRoom: (jid: string) => Promise<Result<Conversation>>;
  openDm: (userId: string) => Promise<Result<Conversation>>;
  /** The chat may not be known yet (some networks create it on the first message): then `value` is null. */
  startChat: (input: { accountId: AccountId; attendeeIds: string[]; subject?: string; text: string }) => Promise<Result<Conversation | null>>;
}

export const createRoomsSlice: SliceCreator<RoomsSlice> = (_set, get) => {
  const landOn = (res: Result<{ conversation: Conversation }>): Result<Conversation> => {
    if (!res.ok) return res;
    get().openConversation(res.value.conversation.id);
    return { ok: true, value: res.value.conversation };
  };
  return {
    createRoom: async ({ subject, description, memberIds }) =>
      landOn(await safeInvoke('rooms:create', { subject, memberIds, ...(description?.trim() ? { description } : {}) })),
    joinRoom: async (jid) => {
      const res = landOn(await safeInvoke('rooms:join', { jid }));
      if (res.ok) {
        // Whatever shows the room's membership follows at once (the details panel, the people list,
        // the composer's "not a member" notice), not on the next visit.
        const id = res.value.id;
        get().setMembership(id, true);
        if (get().details?.key === id) void get().loadDetails(id);
        if (get().actions?.key === id) void get().loadActions(id);
        if (get().participants?.key === id) void get().loadParticipants(id);
      }
      return res;
    },
    openDm: async (userId) => landOn(await safeInvoke('dm:open', { userId })),
    startChat: async ({ accountId, attendeeIds, subject, text }) => {
      const res = await safeInvoke('chats:start', { accountId, attendeeIds, text, ...(subject?.trim() ? { subject } : {}) });
      if (!res.ok) return res;
      if (res.value.conversation) get().openConversation(res.value.conversation.id);
      return { ok: true, value: res.value.conversation };
    },
  };
};
