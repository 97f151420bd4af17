import { messageId as mid, parseConversationId, personId, type Message, type MessageId } from '../../../shared/domain/index';
import { AppError } from '../../../shared/ipc/result';
import type { OutboxEntry } from '../cache/api';
import { createGenesysPaging, mapMessages, toEpochMs, type GenesysProvider, type GenesysSelf } from '../providers/genesys/index';
import { toMessage, type UnipileProvider } from '../providers/unipile/index';
import { errorCode, upstreamCode } from './failures';
import type { AsyncCache } from './types';
import type { OutboxExecutor } from './outbox';

/**
 * The outbox's operations against the real providers, and the history search
 * that settles an ambiguous send. User actions go out at 'user' priority: the
 * budget keeps a reserve for them that background sync cannot touch.
 */

/** Server clocks and ours disagree a little: a send may carry a time slightly before it was composed. */
export const SKEW_MS = 2 * 60_000;
const CHECK_PAGES = 5;

export interface ExecutorDeps {
  genesys: GenesysProvider | null;
  unipile: UnipileProvider | null;
  cache: AsyncCache;
  genesysSelf(): GenesysSelf;
  now(): number;
  timeoutMs?: number;
}

const raw = (id: MessageId) => id.slice(2);

export function createExecutor(deps: ExecutorDeps): OutboxExecutor {
  const call = (signal: AbortSignal) => (deps.timeoutMs !== undefined ? { priority: 'user' as const, signal, timeoutMs: deps.timeoutMs } : { priority: 'user' as const, signal });
  const genesys = () => {
    if (!deps.genesys) throw new AppError('invalid_input', 'No Genesys connection is selected. Pick one in Settings → Accounts.');
    return deps.genesys;
  };
  const unipile = () => {
    if (!deps.unipile) throw new AppError('invalid_input', 'No Unipile connection is selected. Pick one in Settings → Accounts.');
    return deps.unipile;
  };

  function target(entry: OutboxEntry) {
    const t = parseConversationId(entry.op.conversationId);
    if (!t) throw new AppError('invalid_input', 'Unknown conversation.');
    return t;
  }

  /** The sent copy's quote says what it quotes (as its pending copy did) until the next poll brings the network's. */
  async function sent(entry: OutboxEntry, id: MessageId): Promise<Message> {
    const m = sentMessage(entry, id);
    if (m.quote?.messageId) {
      const [quoted] = await deps.cache.getMessages([m.quote.messageId]);
      // A picture or a file without words reads as its kind ("[image]"), as the network's quotes do.
      const words = quoted?.deleted ? null : (quoted?.text ?? (quoted?.attachments[0] ? `[${quoted.attachments[0].kind}]` : null));
      if (quoted) m.quote = { messageId: quoted.id, text: words, ...(quoted.senderId ? { senderId: quoted.senderId } : {}) };
    }
    return m;
  }

  function sentMessage(entry: OutboxEntry, id: MessageId): Message {
    const op = entry.op;
    if (op.kind !== 'send') throw new Error('not a send');
    const source = id.startsWith('g:') ? 'genesys' : 'unipile';
    const me = source === 'genesys' ? deps.genesysSelf().meUserId : null;
    const m: Message = {
      id,
      conversationId: op.conversationId,
      source,
      senderId: me ? personId.genesys(me) : null,
      isOwn: true,
      text: op.text,
      // The server's own time arrives with the next poll; until then, when it was sent.
      time: deps.now(),
      edited: false,
      deleted: false,
      reactions: [],
      attachments: [],
      mentions: op.mentions ?? [],
      delivery: 'sent',
    };
    if (op.threadRootId) m.threadRootId = op.threadRootId;
    if (op.quoteId) m.quote = { messageId: op.quoteId, text: null };
    return m;
  }

  return {
    async execute(entry, signal) {
      const op = entry.op;
      const t = target(entry);
      const o = call(signal);
      switch (op.kind) {
        case 'send': {
          if (t.source === 'genesys') {
            const body = { message: op.text, ...(op.mentions?.length ? { mentions: op.mentions.map((p) => p.slice(2)) } : {}), ...(op.threadRootId ? { threadId: raw(op.threadRootId) } : {}) };
            const res = t.kind === 'room' ? await genesys().sendRoomMessage({ roomJid: t.roomJid, ...body }, o) : await genesys().sendUserMessage({ userId: t.userId, ...body }, o);
            return sent(entry, mid.genesys(res.id));
          }
          if (t.kind !== 'chat') throw new AppError('invalid_input', 'Unknown conversation.');
          const res = await unipile().sendMessageInChat(
            {
              chat_id: t.chatId,
              ...(op.text ? { text: op.text } : {}),
              ...(op.quoteId ? { quote_id: raw(op.quoteId) } : {}),
              ...(op.threadRootId ? { thread_id: raw(op.threadRootId) } : {}),
              ...(op.attachments?.length ? { attachments: op.attachments.map((a) => `data:${a.mimeType};name=${encodeURIComponent(a.name)};base64,${a.base64}`) } : {}),
            },
            o,
          );
          // Accepted without an id (the network answers later): the history knows it by now or will.
          if (res.message_id === null) return this.findSent(entry, new Set(), signal);
          return sent(entry, mid.unipile(res.message_id));
        }
        case 'edit': {
          if (t.source === 'genesys') {
            // Genesys replaces the whole body: omitted mentions would be cleared. The edit carries the
            // message's whole set (the engine merged the old ones in); an edit queued before edits
            // carried mentions has none, and the cached message's stand.
            const [cached] = op.mentions ? [] : await deps.cache.getMessages([op.messageId]);
            const mentions = (op.mentions ?? cached?.mentions ?? []).map((p) => p.slice(2));
            const body = { messageId: raw(op.messageId), message: op.text, ...(mentions.length ? { mentions } : {}) };
            if (t.kind === 'room') await genesys().editRoomMessage({ roomJid: t.roomJid, ...body }, o);
            else await genesys().editUserMessage({ userId: t.userId, ...body }, o);
          } else await unipile().patchMessage({ message_id: raw(op.messageId), text: op.text }, o);
          return null;
        }
        case 'delete': {
          if (t.source === 'genesys') {
            if (t.kind === 'room') await genesys().deleteRoomMessage({ roomJid: t.roomJid, messageId: raw(op.messageId) }, o);
            else await genesys().deleteUserMessage({ userId: t.userId, messageId: raw(op.messageId) }, o);
          } else await unipile().deleteMessage({ message_id: raw(op.messageId) }, o);
          return null;
        }
        case 'react': {
          if (t.source === 'genesys') {
            // The tool replaces the caller's whole set: send the set as the user sees it (pending toggles applied).
            const [cached] = await deps.cache.getMessages([op.messageId]);
            const mine = new Set((cached?.reactions ?? []).filter((r) => r.mine).map((r) => r.emoji));
            if (op.on) mine.add(op.emoji);
            else mine.delete(op.emoji);
            await genesys().setReactions({ messageId: raw(op.messageId), reactions: [...mine] }, o);
          } else {
            if (!op.on) throw new AppError('invalid_input', 'Unipile cannot remove a reaction.');
            await unipile().addReaction({ message_id: raw(op.messageId), reaction: op.emoji }, o);
          }
          return null;
        }
        case 'pin': {
          if (t.source !== 'genesys') throw new AppError('invalid_input', 'Only Genesys conversations have pinned messages.');
          const id = raw(op.messageId);
          if (t.kind === 'room') {
            if (op.on) await genesys().addRoomPins({ roomJid: t.roomJid, pinnedMessageIds: [id] }, o);
            else await genesys().deleteRoomPin({ roomJid: t.roomJid, pinnedMessageId: id }, o);
          } else if (op.on) await genesys().addUserPins({ userId: t.userId, pinnedMessageIds: [id] }, o);
          else await genesys().deleteUserPin({ userId: t.userId, pinnedMessageId: id }, o);
          return null;
        }
        case 'read': {
          if (t.kind !== 'chat') return null;
          await unipile().patchChat({ chat_id: t.chatId, action: 'setReadStatus', value: op.read }, o);
          return null;
        }
      }
    },

    async findSent(entry, claimed, signal) {
      const op = entry.op;
      if (op.kind !== 'send') return null;
      const t = target(entry);
      const since = entry.createdAt - SKEW_MS;
      const text = (op.text ?? '').trim();
      const o = call(signal);
      const matches = (m: Message) => m.isOwn && !claimed.has(m.id) && m.time >= since && (m.text ?? '').trim() === text;
      let found: Message | null = null;
      const consider = (messages: Message[]) => {
        for (const m of messages) if (matches(m) && (found === null || m.time < found.time)) found = m;
      };
      if (t.source === 'genesys') {
        const self = deps.genesysSelf();
        const paging = createGenesysPaging(genesys());
        const fetch = t.kind === 'room' ? paging.roomHistoryPages(t.roomJid, { pageSize: 50, call: o }) : paging.userHistoryPages(t.userId, { pageSize: 50, call: o });
        let cursor = null;
        for (let page = 0; page < CHECK_PAGES; page++) {
          const p = await fetch(cursor);
          // Before the user id is known (live, first send), own cannot be told apart: match on text and time alone.
          const mapped = mapMessages(p.items, { ...self, conversationId: op.conversationId }).map((m) => (self.meUserId ? m : { ...m, isOwn: true }));
          consider(mapped);
          const oldest = p.items[0];
          if (!p.next || !oldest || toEpochMs(oldest.dateCreated) < since) break;
          cursor = p.next;
        }
      } else if (t.kind === 'chat') {
        let cursor: string | null = null;
        for (let page = 0; page < CHECK_PAGES; page++) {
          const list: Awaited<ReturnType<UnipileProvider['listChatMessages']>> = await unipile().listChatMessages(cursor ? { chat_id: t.chatId, cursor, limit: 50 } : { chat_id: t.chatId, limit: 50 }, o);
          const mapped = list.items.filter((m) => !m.hidden).map((m) => toMessage(m));
          consider(mapped);
          const oldest = mapped.reduce((a, m) => Math.min(a, m.time), Infinity);
          if (!list.cursor || oldest < since) break;
          cursor = list.cursor;
        }
      }
      return found;
    },

    sentCopy(entry, remoteId) {
      return entry.op.kind === 'send' ? { ...sentMessage(entry, remoteId), time: entry.createdAt } : null;
    },

    alreadyDone(entry, err) {
      const op = entry.op;
      const code = errorCode(err);
      if (op.kind === 'delete') return code === 'not_found' || /action_already_performed/.test(upstreamCode(err) ?? '');
      if (op.kind === 'pin' && !op.on) return code === 'not_found';
      return false;
    },
  };
}
