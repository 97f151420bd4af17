import { conversationId as cid, personId, type Conversation, type ConversationId, type PersonId } from '../../../shared/domain/index';
import type { ActionSupport, ChatAction, Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { isRoomJid, mapOneOnOne, mapRoom, normalizeJid, toEpochMs, type GenesysProvider } from '../providers/genesys/index';
import { accountTypeFor, capabilitiesFor, toAccount, toConversation, toMessage, toPerson, type UnipileNetwork } from '../providers/unipile/index';
import type { SyncEngine } from '../sync/engine';
import { errorCode } from '../sync/failures';
import { UNIPILE_KEYS } from '../sync/unipileSync';
import { bareGenesysUserId, current, genesysOf, genesysSelfUnknown, mustConversation, myGenesysUserId, targetOf, unipileOf, USER, type AppContext } from './context';

/**
 * Whole-conversation management: what each network allows (with the reason
 * when it does not), Unipile's patch_chat actions, invite links and chat
 * deletion, Genesys room details, creating, joining and leaving rooms, Genesys
 * 1:1s by user id and new Unipile chats. Results go through the sync engine's
 * ingest, so the inbox and the events stay the one source of truth.
 */

export type ConversationChannel =
  | 'conversation:actions'
  | 'conversation:set'
  | 'conversation:inviteLink'
  | 'conversation:delete'
  | 'conversation:details'
  | 'rooms:update'
  | 'rooms:create'
  | 'rooms:join'
  | 'rooms:leave'
  | 'dm:open'
  | 'chats:start';

const UNIPILE_NETWORKS: UnipileNetwork[] = ['whatsapp', 'linkedin', 'slack', 'telegram', 'instagram', 'messenger', 'x'];
const NETWORK_NAME: Record<UnipileNetwork, string> = { whatsapp: 'WhatsApp', linkedin: 'LinkedIn', slack: 'Slack', telegram: 'Telegram', instagram: 'Instagram', messenger: 'Messenger', x: 'X' };

function networkList(pred: (n: UnipileNetwork) => boolean): string {
  const names = UNIPILE_NETWORKS.filter(pred).map((n) => NETWORK_NAME[n]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How each action reads in "… is available on X only." */
const ACTION_PHRASE: Record<ChatAction, string> = {
  markUnread: 'Marking as unread is',
  mute: 'Muting a chat is',
  archive: 'Archiving is',
  pin: 'Pinning a chat is',
  label: 'Labels are',
  addParticipant: 'Adding people is',
  removeParticipant: 'Removing people is',
  inviteLink: 'Invite links are',
  delete: 'Deleting a chat is',
  historyFull: 'Fetching the full history is',
  editDetails: 'Editing details is',
  join: 'Joining is',
  leave: 'Leaving is',
};

type Cap = (n: UnipileNetwork) => boolean;
const UNIPILE_CAP: Partial<Record<ChatAction, Cap>> = {
  mute: (n) => capabilitiesFor(n).chatActions.setMuteStatus,
  archive: (n) => capabilitiesFor(n).chatActions.setArchiveStatus,
  pin: (n) => capabilitiesFor(n).chatActions.setPinnedStatus,
  label: (n) => capabilitiesFor(n).chatActions.setLabel,
  addParticipant: (n) => capabilitiesFor(n).chatActions.addParticipant,
  removeParticipant: (n) => capabilitiesFor(n).chatActions.removeParticipant,
  inviteLink: (n) => capabilitiesFor(n).chatActions.getInviteLink,
  delete: (n) => capabilitiesFor(n).deleteChat,
  historyFull: (n) => capabilitiesFor(n).syncHistory,
};

const GENESYS_NO: Partial<Record<ChatAction, string>> = {
  mute: 'Genesys chat cannot mute one conversation; turn notifications down in Settings → Genesys chat instead.',
  archive: 'Genesys conversations cannot be archived.',
  pin: 'Genesys conversations cannot be pinned to the top of the list.',
  label: 'Genesys conversations have no labels.',
  inviteLink: 'Genesys rooms have no invite links; add people instead.',
  historyFull: 'Genesys history is read page by page as you scroll up.',
};

const ACTIONS: ChatAction[] = ['markUnread', 'mute', 'archive', 'pin', 'label', 'addParticipant', 'removeParticipant', 'inviteLink', 'delete', 'historyFull', 'editDetails', 'join', 'leave'];

/** Every whole-conversation action with whether this conversation supports it, and why not. */
export function actionsFor(c: Conversation): ActionSupport[] {
  return ACTIONS.map((action): ActionSupport => {
    const no = (reason: string): ActionSupport => ({ action, supported: false, reason });
    if (action === 'markUnread') return { action, supported: true };
    if (c.source === 'genesys') {
      const room = c.kind === 'room';
      if (GENESYS_NO[action]) return no(GENESYS_NO[action]!);
      if (action === 'delete') return no(room ? 'Genesys rooms cannot be deleted; leave the room instead.' : 'Genesys 1:1 conversations cannot be deleted.');
      if (!room) return no('This is a one-to-one conversation.');
      return { action, supported: true };
    }
    if (action === 'editDetails' || action === 'join' || action === 'leave') {
      const what = action === 'editDetails' ? 'have details that can be edited' : action === 'join' ? 'can be joined' : 'can be left';
      return no(`Only Genesys rooms ${what} from Switchboard.`);
    }
    const network = c.network as UnipileNetwork;
    const cap = UNIPILE_CAP[action]!;
    if (!cap(network)) {
      const where = networkList(cap);
      return no(where ? `${ACTION_PHRASE[action]} available on ${where} only.` : `${ACTION_PHRASE[action]} not available on ${NETWORK_NAME[network]}.`);
    }
    if ((action === 'addParticipant' || action === 'removeParticipant') && c.kind !== 'group') return no('People can be added or removed in groups only.');
    if (action === 'inviteLink' && c.kind === 'dm') return no('Invite links exist for groups only.');
    return { action, supported: true };
  });
}

export function requireAction(c: Conversation, action: ChatAction): void {
  const s = actionsFor(c).find((a) => a.action === action);
  if (!s?.supported) throw new AppError('invalid_input', s?.reason ?? 'That is not available in this conversation.');
}

const PATCH_ACTION = { mute: 'setMuteStatus', archive: 'setArchiveStatus', pin: 'setPinnedStatus', label: 'setLabel' } as const;

/** The room's metadata and pins, fetched and written through ingest; returns the mapped room. */
export async function refreshRoom(engine: SyncEngine, genesys: GenesysProvider, roomJid: string, extra: Partial<Conversation> = {}) {
  const mapped = mapRoom(await genesys.getRoom({ roomJid }, USER), roomJid);
  const conversation = { ...mapped.conversation, ...extra };
  await engine.ingestBatch({ conversations: [conversation], pins: [{ conversationId: conversation.id, messageIds: mapped.pins.map((p) => p.messageId) }] });
  return mapped;
}

async function cached(engine: SyncEngine, id: ConversationId): Promise<Conversation> {
  const c = await engine.cache.getConversation(id);
  if (!c) throw new AppError('internal', 'The conversation was not stored.');
  return c;
}

export function conversationHandlers(ctx: AppContext): Pick<Handlers, ConversationChannel> {
  const changed = (ids: ConversationId[]) => ctx.emit('conversations:changed', { ids });

  return {
    'conversation:actions': async ({ id }) => {
      const { engine } = await current(ctx);
      return { actions: actionsFor(await mustConversation(engine, id)) };
    },

    'conversation:set': async ({ conversationId, action, value }) => {
      const { ws, engine } = await current(ctx);
      const conv = await mustConversation(engine, conversationId);
      requireAction(conv, action);
      if (action === 'label' ? typeof value !== 'string' : typeof value !== 'boolean') {
        throw new AppError('invalid_input', action === 'label' ? 'A label is a name (text).' : `“${action}” takes true or false.`, { field: 'value' });
      }
      const t = targetOf(conversationId);
      if (t.kind !== 'chat') throw new AppError('invalid_input', 'Not a Unipile chat.');
      await unipileOf(ws).patchChat({ chat_id: t.chatId, action: PATCH_ACTION[action], value }, USER);
      if (action === 'mute') await engine.cache.setConversationFlags(conversationId, { muted: value as boolean, mutedUntil: null });
      if (action === 'archive') await engine.cache.setConversationFlags(conversationId, { archived: value as boolean });
      if (action === 'pin') await engine.cache.setConversationFlags(conversationId, { pinned: value as boolean });
      if (action === 'label') await engine.cache.setConversationFlags(conversationId, { labels: [...new Set([...(conv.labels ?? []), value as string])] });
      changed([conversationId]);
      return { conversation: await cached(engine, conversationId) };
    },

    'conversation:inviteLink': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      requireAction(await mustConversation(engine, conversationId), 'inviteLink');
      const t = targetOf(conversationId);
      if (t.kind !== 'chat') throw new AppError('invalid_input', 'Not a Unipile chat.');
      const res = await unipileOf(ws).patchChat({ chat_id: t.chatId, action: 'getInviteLink' }, USER);
      if (!res.invite_link) throw new AppError('protocol', 'Unipile answered without an invite link.');
      return { url: res.invite_link };
    },

    'conversation:delete': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      requireAction(await mustConversation(engine, conversationId), 'delete');
      const t = targetOf(conversationId);
      if (t.kind !== 'chat') throw new AppError('invalid_input', 'Not a Unipile chat.');
      try {
        await unipileOf(ws).deleteChat({ chat_id: t.chatId }, USER);
      } catch (err) {
        // Already gone upstream: forget it here too.
        if (errorCode(err) !== 'not_found') throw err;
      }
      await engine.cache.removeConversation(conversationId);
      changed([conversationId]);
      return { ok: true as const };
    },

    'conversation:details': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      if (t.kind !== 'room') {
        const conv = await mustConversation(engine, conversationId);
        return { ...(conv.subject ? { subject: conv.subject } : {}), ...(conv.description ? { description: conv.description } : {}), ownerIds: [], createdAt: null, createdBy: null, canEdit: false, isMember: true };
      }
      const genesys = genesysOf(ws);
      const room = await genesys.getRoom({ roomJid: t.roomJid }, USER);
      const mapped = mapRoom(room, t.roomJid);
      if (await engine.cache.getConversation(conversationId)) {
        await engine.ingestBatch({ conversations: [mapped.conversation], pins: [{ conversationId, messageIds: mapped.pins.map((p) => p.messageId) }] });
      }
      const self = engine.genesysSelf();
      let isMember: boolean;
      if (self.meJid) {
        try {
          await genesys.getRoomParticipant({ roomJid: t.roomJid, participantJid: self.meJid }, USER);
          isMember = true;
        } catch (err) {
          if (errorCode(err) !== 'not_found') throw err;
          isMember = false;
        }
      } else if (self.meUserId) {
        const parts = await genesys.getRoomParticipants({ roomJid: t.roomJid }, USER);
        isMember = (parts.participants ?? []).some((p) => p.user?.id === self.meUserId);
      } else {
        isMember = (await engine.cache.listDirectory()).some((e) => e.conversationId === conversationId && (e.via === 'joined' || e.via === 'created'));
      }
      const canEdit = self.meUserId !== null && mapped.ownerIds.includes(personId.genesys(self.meUserId));
      return {
        ...(mapped.conversation.subject ? { subject: mapped.conversation.subject } : {}),
        ...(mapped.conversation.description ? { description: mapped.conversation.description } : {}),
        ownerIds: mapped.ownerIds,
        createdAt: room.dateCreated != null ? toEpochMs(room.dateCreated) : null,
        createdBy: null,
        canEdit,
        isMember,
      };
    },

    'rooms:update': async ({ conversationId, subject, description, ownerIds }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      if (t.kind !== 'room') throw new AppError('invalid_input', 'Only Genesys rooms have a subject, description and owners to edit.');
      if (subject === undefined && description === undefined && ownerIds === undefined) throw new AppError('invalid_input', 'There is nothing to change.');
      const genesys = genesysOf(ws);
      await genesys.updateRoom(
        {
          roomJid: t.roomJid,
          ...(subject !== undefined ? { subject } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(ownerIds ? { ownerIds: ownerIds.map((o) => bareGenesysUserId(o)) } : {}),
        },
        USER,
      );
      await refreshRoom(engine, genesys, t.roomJid);
      return { conversation: await cached(engine, conversationId) };
    },

    'rooms:create': async ({ subject, description, memberIds }) => {
      const { ws, engine } = await current(ctx);
      const genesys = genesysOf(ws);
      const userIds = [...new Set(memberIds.map(bareGenesysUserId))];
      const res = await genesys.createRoom({ subject, ...(description ? { description } : {}), ...(userIds.length ? { userIds } : {}) }, USER);
      const jid = normalizeJid(res.jid);
      const id = cid.genesysRoom(jid);
      await engine.rememberGenesys([id], 'created');
      const mapped = await refreshRoom(engine, genesys, jid, { lastActivity: ctx.now() });
      // The creator is the only owner of a new room: that tells live mode who the user is.
      const [owner] = mapped.ownerIds;
      if (mapped.ownerIds.length === 1 && owner) await engine.learnGenesysSelf({ meUserId: owner.slice(2) });
      return { conversation: await cached(engine, id) };
    },

    'rooms:join': async ({ jid: typed }) => {
      const { ws, engine } = await current(ctx);
      const jid = normalizeJid(typed);
      if (!isRoomJid(jid)) throw new AppError('invalid_input', 'That is not a Genesys room address (it looks like …@conference.<org>.orgspan.com).', { field: 'jid' });
      const genesys = genesysOf(ws);
      const me = engine.genesysSelf().meUserId;
      if (me) {
        await genesys.addRoomParticipant({ roomJid: jid, userId: me }, USER);
      } else {
        // Adding the user to a room needs their Genesys id, which a new live account does not know yet.
        // A room they are in already reads fine, and opening it is all "joining" it then means.
        try {
          await genesys.getRoomMessages({ roomJid: jid, limit: '1' }, USER);
        } catch (err) {
          const code = errorCode(err);
          if (code === 'not_found') throw new AppError('not_found', 'No Genesys room has that address.', { field: 'jid' });
          if (code === 'forbidden') throw genesysSelfUnknown('joining a room you are not in yet');
          throw err;
        }
      }
      const id = cid.genesysRoom(jid);
      await engine.rememberGenesys([id], 'joined');
      // Joining is activity: the room comes to the top of the inbox, not below everything (Genesys
      // reports no activity of its own).
      await refreshRoom(engine, genesys, jid, { lastActivity: ctx.now() });
      return { conversation: await cached(engine, id) };
    },

    'rooms:leave': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      if (t.kind !== 'room') throw new AppError('invalid_input', 'Only Genesys rooms can be left from Switchboard.');
      const me = myGenesysUserId(engine, 'leaving a room');
      try {
        await genesysOf(ws).removeRoomParticipant({ roomJid: t.roomJid, userId: me }, USER);
      } catch (err) {
        // Not a participant (any more): leaving is done.
        if (errorCode(err) !== 'not_found') throw err;
      }
      // The room stays in the inbox with its history, where it can be joined again or archived; no new
      // messages come (polling it is refused now).
      changed([conversationId]);
      return { ok: true as const };
    },

    'dm:open': async ({ userId: typed }) => {
      const { ws, engine } = await current(ctx);
      const userId = bareGenesysUserId(typed);
      if (userId === engine.genesysSelf().meUserId) throw new AppError('invalid_input', 'That is your own user id.', { field: 'userId' });
      const genesys = genesysOf(ws);
      let oneOnOne;
      try {
        oneOnOne = await genesys.getOneOnOne({ userId }, USER);
      } catch (err) {
        if (errorCode(err) === 'not_found') throw new AppError('not_found', 'No Genesys user has that id.', { field: 'userId' });
        throw err;
      }
      const name = (await engine.cache.getPeople([personId.genesys(userId)]))[0]?.name;
      const mapped = mapOneOnOne(oneOnOne, userId, name);
      await engine.rememberGenesys([mapped.conversation.id], 'opened');
      // Opening a 1:1 the user chose is activity, as joining a room is: a new one comes to the top of
      // the inbox, not below everything (it has no messages yet). Ingest keeps the newer of the two.
      mapped.conversation.lastActivity = Math.max(mapped.conversation.lastActivity ?? 0, ctx.now());
      await engine.ingestBatch({ conversations: [mapped.conversation], pins: [{ conversationId: mapped.conversation.id, messageIds: mapped.pins.map((p) => p.messageId) }] });
      return { conversation: await cached(engine, mapped.conversation.id) };
    },

    'chats:start': async ({ accountId, attendeeIds, subject, text }) => {
      const { ws, engine } = await current(ctx);
      if (!accountId.startsWith('u:')) throw new AppError('invalid_input', 'Choose one of your linked accounts (WhatsApp, LinkedIn…) to start the chat from.', { field: 'accountId' });
      const unipile = unipileOf(ws);
      const account = accountId.slice(2);
      // A picked person travels as their person id; the tool wants the network's own id (their handle).
      const attendees: string[] = [];
      for (const a of attendeeIds) {
        if (!a.startsWith('u:')) {
          attendees.push(a);
          continue;
        }
        const [p] = await engine.cache.getPeople([a as PersonId]);
        if (!p?.handle) throw new AppError('invalid_input', 'Switchboard does not know that person’s network id; type their number or id instead.', { field: 'attendeeIds' });
        attendees.push(p.handle);
      }
      const res = await unipile.startNewChat({ account_id: account, attendees_ids: attendees, text, ...(subject ? { subject } : {}) }, USER);
      if (!res.chat_id) return { conversation: null, chatId: null };
      const id = cid.unipileChat(res.chat_id);
      try {
        const mapCtx = engine.unipileMapContext();
        const chat = await unipile.getChat({ chat_id: res.chat_id }, USER);
        const list = await unipile.listAttendees({ chat_id: res.chat_id }, USER);
        const messages = await unipile.listChatMessages({ chat_id: res.chat_id, limit: 20 }, USER);
        const conversation = toConversation(chat, { attendees: list.items }, mapCtx);
        await engine.ingestBatch({
          people: list.items.map(toPerson),
          conversations: [conversation],
          messages: messages.items.filter((m) => !m.hidden).map((m) => toMessage(m, mapCtx)),
        });
        await engine.cache.setCursor(UNIPILE_KEYS.attendees(id), 'done');
        const self = list.items.find((a) => a.is_self);
        if (self && conversation.network !== 'genesys') await engine.cache.upsertAccounts([toAccount({ account_id: chat.account_id, account_type: accountTypeFor(conversation.network) }, self)]);
      } catch (err) {
        // Started upstream; sync brings it in on its next pass.
        ctx.log('chats:start: the new chat could not be read back yet', err);
      }
      return { conversation: await engine.cache.getConversation(id), chatId: id };
    },
  };
}
