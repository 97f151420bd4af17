import { parseSourcedId, type Message, type MessageId } from '../../../shared/domain/index';
import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { iteratePages } from '../providers/common/paging';
import { createGenesysPaging, mapMessage, mapMessages } from '../providers/genesys/index';
import { capabilitiesFor, toMessage, type UnipileNetwork } from '../providers/unipile/index';
import type { SyncEngine } from '../sync/engine';
import { errorCode } from '../sync/failures';
import { isPendingId } from '../sync/pending';
import { current, genesysOf, mustConversation, rawId, targetOf, unipileOf, USER, type AppContext } from './context';
import type { Workspace } from './workspace';
import { withSenderNames } from './people';

/**
 * Threads, pins, attachments, forwarding and single messages: each reads what
 * the cache has first and asks the network for the rest, writing what it gets
 * through the engine's ingest so the conversation views pick it up.
 */

export type MessageChannel = 'threads:fetch' | 'pins:list' | 'attachments:get' | 'messages:forward' | 'messages:get';

/** Genesys allows at most this many pins per conversation. */
export const GENESYS_PIN_LIMIT = 5;
/** Pages read for one thread (Genesys thread history, or a Slack channel's newest pages). */
const THREAD_PAGES = 10;

function sourceOf(id: MessageId) {
  const p = parseSourcedId(id);
  if (!p) throw new AppError('invalid_input', 'Not a message id.', { field: 'messageId' });
  return p;
}

/** A message from the network (cache first): stored when its conversation is known. */
async function fetchMessage(ws: Workspace, engine: SyncEngine, id: MessageId): Promise<Message> {
  const [cached] = await engine.cache.getMessages([id]);
  if (cached) return cached;
  if (isPendingId(id)) throw new AppError('conflict', 'That message has not been sent yet.');
  const { source, raw } = sourceOf(id);
  let message: Message;
  try {
    if (source === 'genesys') message = mapMessage(await genesysOf(ws).getMessage({ messageId: raw }, USER), engine.genesysMessageContext());
    else {
      const m = await unipileOf(ws).getMessage({ message_id: raw }, USER);
      message = toMessage(m, engine.unipileMapContext());
    }
  } catch (err) {
    if (errorCode(err) === 'not_found') throw new AppError('not_found', 'That message no longer exists (it may have been deleted).');
    throw err;
  }
  if (await engine.cache.getConversation(message.conversationId)) {
    await engine.ingestBatch({ messages: [message] });
    const [stored] = await engine.cache.getMessages([id]);
    if (stored) return stored;
  }
  return (await withSenderNames(engine, [message]))[0]!;
}

export function messageHandlers(ctx: AppContext): Pick<Handlers, MessageChannel> {
  return {
    'threads:fetch': async ({ conversationId, rootId }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      const root = sourceOf(rootId);
      if (root.source !== (t.source === 'genesys' ? 'genesys' : 'unipile')) throw new AppError('invalid_input', 'That message is not in this conversation.', { field: 'rootId' });
      if (t.source === 'genesys') {
        const fetch = createGenesysPaging(genesysOf(ws)).threadHistoryPages(root.raw, { pageSize: 100, call: USER });
        const mapCtx = engine.genesysMessageContext(conversationId);
        let added = 0;
        for await (const page of iteratePages(fetch, null, { maxPages: THREAD_PAGES })) {
          const r = await engine.ingestBatch({ messages: mapMessages(page.items, mapCtx) });
          added += r.added.length;
        }
        return { added };
      }
      // Unipile: Slack threads only. No tool lists a thread: its replies are in the chat, newer than the root.
      const conv = await mustConversation(engine, conversationId);
      if (conv.network === 'genesys' || !capabilitiesFor(conv.network as UnipileNetwork).threads) throw new AppError('invalid_input', 'Threads are available in Slack only.');
      if (t.kind !== 'chat') throw new AppError('invalid_input', 'Not a Unipile chat.');
      const rootMessage = await fetchMessage(ws, engine, rootId);
      if (rootMessage.conversationId !== conversationId) throw new AppError('invalid_input', 'That message is not in this conversation.', { field: 'rootId' });
      const unipile = unipileOf(ws);
      const mapCtx = engine.unipileMapContext();
      let cursor: string | null = null;
      let added = 0;
      for (let page = 0; page < THREAD_PAGES; page++) {
        const list: Awaited<ReturnType<typeof unipile.listChatMessages>> = await unipile.listChatMessages(cursor ? { chat_id: t.chatId, cursor, limit: 100 } : { chat_id: t.chatId, limit: 100 }, USER);
        const mapped = list.items.filter((m) => !m.hidden).map((m) => toMessage(m, mapCtx));
        const thread = mapped.filter((m) => m.threadRootId === rootId || m.id === rootId);
        if (thread.length > 0) added += (await engine.ingestBatch({ messages: thread })).added.length;
        const oldest = mapped.reduce((a, m) => Math.min(a, m.time), Infinity);
        if (!list.cursor || oldest <= rootMessage.time) break;
        cursor = list.cursor;
      }
      return { added };
    },

    'pins:list': async ({ conversationId }) => {
      const { ws, engine } = await current(ctx);
      const t = targetOf(conversationId);
      if (t.source !== 'genesys') return { pins: [], limit: null };
      await mustConversation(engine, conversationId);
      const ids = (await engine.cache.getPins(conversationId)).map((p) => p.messageId);
      const have = new Map((await engine.cache.getMessages(ids)).map((m) => [m.id as string, m]));
      const missing = ids.filter((id) => !have.has(id) && !isPendingId(id));
      if (missing.length > 0) {
        const genesys = genesysOf(ws);
        const messageIds = missing.map(rawId).join(',');
        try {
          const listing = t.kind === 'room' ? await genesys.getRoomMessagesByIds({ roomJid: t.roomJid, messageIds }, USER) : await genesys.getUserMessagesByIds({ userId: t.userId, messageIds }, USER);
          const fetched = mapMessages(listing.entities, engine.genesysMessageContext(conversationId));
          await engine.ingestBatch({ messages: fetched });
          for (const m of await engine.cache.getMessages(fetched.map((x) => x.id))) have.set(m.id, m);
        } catch (err) {
          // None of them exists any more (404), or offline: shown as unavailable.
          if (errorCode(err) !== 'not_found') ctx.log('pins: pinned messages could not be fetched', err);
        }
      }
      return { pins: ids.map((id) => ({ messageId: id, message: have.get(id) ?? null })), limit: GENESYS_PIN_LIMIT };
    },

    'attachments:get': async ({ messageId, attachmentId }) => {
      const { ws, engine } = await current(ctx);
      const [message] = await engine.cache.getMessages([messageId]);
      const meta = message?.attachments.find((a) => a.id === attachmentId);
      const name = meta?.name ?? 'attachment';
      const cached = await engine.cache.getAttachmentBytes(messageId, attachmentId);
      if (cached) return { name, mimeType: cached.mimeType, size: cached.bytes.byteLength, base64: Buffer.from(cached.bytes).toString('base64') };
      if (sourceOf(messageId).source === 'genesys') throw new AppError('invalid_input', 'Genesys chat files cannot be downloaded through Switchboard; open them in Genesys Cloud.');
      if (message && !meta) throw new AppError('not_found', 'That message has no such attachment.', { field: 'attachmentId' });
      if (meta?.unavailable) throw new AppError('not_found', 'That file is no longer available on the network.');
      let bin;
      try {
        bin = await unipileOf(ws).getMessageAttachment({ message_id: rawId(messageId), attachment_id: attachmentId }, USER);
      } catch (err) {
        if (errorCode(err) === 'not_found') throw new AppError('not_found', 'That file is no longer available on the network.');
        throw err;
      }
      const mimeType = meta?.mimeType ?? bin.mimeType;
      // The store caps itself (least recently used go first); only messages it knows get their bytes kept.
      if (message) await engine.cache.putAttachmentBytes(messageId, { id: attachmentId, mimeType }, bin.bytes);
      return { name, mimeType, size: bin.bytes.byteLength, base64: Buffer.from(bin.bytes).toString('base64') };
    },

    'messages:forward': async ({ messageId, toConversationId }) => {
      const { ws, engine } = await current(ctx);
      if (sourceOf(messageId).source !== 'unipile') throw new AppError('invalid_input', 'Only WhatsApp messages can be forwarded.');
      const to = await mustConversation(engine, toConversationId);
      const message = await fetchMessage(ws, engine, messageId);
      if (message.deleted) throw new AppError('conflict', 'That message was deleted.');
      const from = await mustConversation(engine, message.conversationId);
      if (from.network === 'genesys' || !capabilitiesFor(from.network).forward || from.disabled?.includes('forward')) throw new AppError('invalid_input', 'Forwarding is available on WhatsApp only.');
      if (to.accountId !== from.accountId) throw new AppError('invalid_input', 'A message can be forwarded only to a chat of the same account.', { field: 'toConversationId' });
      if (to.readOnly) throw new AppError('forbidden', 'That conversation is read-only.');
      const t = targetOf(toConversationId);
      if (t.kind !== 'chat') throw new AppError('invalid_input', 'Not a Unipile chat.');
      const unipile = unipileOf(ws);
      await unipile.forwardMessage({ message_id: rawId(messageId), chat_id: t.chatId }, USER);
      try {
        // Shown at once rather than at the next sync pass.
        const list = await unipile.listChatMessages({ chat_id: t.chatId, limit: 10 }, USER);
        const mapCtx = engine.unipileMapContext();
        await engine.ingestBatch({ messages: list.items.filter((m) => !m.hidden).map((m) => toMessage(m, mapCtx)) });
      } catch (err) {
        ctx.log('forward: the chat could not be refreshed', err);
      }
      return { ok: true as const };
    },

    'messages:get': async ({ messageId }) => {
      const { ws, engine } = await current(ctx);
      return { message: await fetchMessage(ws, engine, messageId) };
    },
  };
}
