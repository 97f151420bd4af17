import type { CallContext, Handlers, OutboxItem } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { OutboxEntry } from '../cache/api';
import { storeBootSnapshot } from './bootPage';
import type { ManagementChannel } from './managementChannels';
import type { SyncEngine } from '../sync/engine';
import { publicError } from '../sync/failures';
import { pendingMessageId } from '../sync/pending';

/**
 * The offline layer's channels. Reads come from the cache only (they answer
 * offline and never wait for the network); writes go through the engine's
 * outbox. Everything that crosses is domain data under branded ids: no PCID,
 * token or provider credential is reachable from here.
 */
export type OfflineHandlers = Omit<Handlers, 'app:info' | ManagementChannel>;

export function offlineHandlers(engine: () => Promise<SyncEngine>, now: () => number = Date.now): OfflineHandlers {
  const ok = { ok: true as const };
  const handlers: OfflineHandlers = {
    'app:setActivity': async (a) => {
      const e = await engine();
      const patch: { visible?: boolean; idle?: boolean } = {};
      if (a.visible !== undefined) patch.visible = a.visible;
      if (a.idle !== undefined) patch.idle = a.idle;
      e.setActivity(patch);
      return ok;
    },
    'inbox:list': async (q) => {
      const e = await engine();
      return e.cache.listInbox({ filter: q.filter, limit: q.limit, ...(q.text ? { text: q.text } : {}), ...(q.after ? { after: q.after } : {}), ...(q.ids ? { ids: q.ids } : {}) });
    },
    'conversation:get': async ({ id }) => {
      const e = await engine();
      const conversation = await e.cache.getConversation(id);
      if (!conversation) throw new AppError('not_found', 'That conversation is not in Switchboard.');
      return { conversation, pins: await e.cache.getPins(id) };
    },
    'conversation:open': async ({ id }) => ({ conversation: await (await engine()).open(id) }),
    'conversation:markRead': async ({ conversationId, read }) => {
      await (await engine()).markRead(conversationId, read);
      return ok;
    },
    'messages:page': async (q) => {
      const e = await engine();
      return e.cache.messagesPage({
        conversationId: q.conversationId,
        limit: q.limit,
        ...(q.before ? { before: q.before } : {}),
        ...(q.after ? { after: q.after } : {}),
        ...(q.around ? { around: q.around } : {}),
        ...(q.threadRootId ? { threadRootId: q.threadRootId } : {}),
      });
    },
    'messages:backfill': async ({ conversationId }) => (await engine()).backfill(conversationId),
    'messages:send': async (input) => {
      const send: Parameters<SyncEngine['send']>[0] = { conversationId: input.conversationId, text: input.text };
      if (input.clientId) send.clientId = input.clientId;
      if (input.quoteId) send.quoteId = input.quoteId;
      if (input.threadRootId) send.threadRootId = input.threadRootId;
      if (input.mentions) send.mentions = input.mentions;
      if (input.attachments) send.attachments = input.attachments;
      return (await engine()).send(send);
    },
    'messages:edit': async ({ messageId, text, mentions }) => (await engine()).edit(messageId, text, mentions),
    'messages:delete': async ({ messageId }) => (await engine()).delete(messageId),
    'messages:react': async ({ messageId, emoji, on }) => (await engine()).react(messageId, emoji, on),
    'pins:set': async ({ messageId, pinned }) => (await engine()).pin(messageId, pinned),
    'search:query': async (q) => {
      const e = await engine();
      return e.cache.search({
        text: q.text,
        limit: q.limit,
        order: q.order,
        ...(q.conversationId ? { conversationId: q.conversationId } : {}),
        ...(q.network ? { network: q.network } : {}),
        ...(q.before ? { before: q.before } : {}),
      });
    },
    'drafts:get': async ({ conversationId }) => (await engine()).cache.getDraft(conversationId),
    'drafts:set': async (d) => {
      const e = await engine();
      if (d.text.trim() === '' && !d.quoteId && !d.threadRootId) await e.cache.clearDraft(d.conversationId);
      else await e.cache.setDraft({ conversationId: d.conversationId, text: d.text, updatedAt: now(), ...(d.quoteId ? { quoteId: d.quoteId } : {}), ...(d.threadRootId ? { threadRootId: d.threadRootId } : {}) });
      return ok;
    },
    'ui:snapshot': async (snapshot) => {
      await storeBootSnapshot((await engine()).cache, snapshot, now());
      return ok;
    },
    'outbox:list': async ({ conversationId }) => {
      const e = await engine();
      const entries = (await e.cache.listOutbox(['pending', 'sending', 'ambiguous', 'failed'])).filter((x) => !conversationId || x.op.conversationId === conversationId);
      return { items: entries.map((x) => outboxItem(x, now())) };
    },
    'outbox:retry': async ({ clientId }) => {
      await (await engine()).retry(clientId);
      return ok;
    },
    'outbox:discard': async ({ clientId }) => {
      await (await engine()).discard(clientId);
      return ok;
    },
    'sync:status': async () => (await engine()).status(),
    'sync:historyFull': async ({ conversationId }) => (await engine()).historyFull(conversationId),
  };
  // Errors straight from a provider call cross too: none may name a connection id.
  for (const name of Object.keys(handlers) as Array<keyof OfflineHandlers>) {
    const inner = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    (handlers as Record<string, unknown>)[name] = (input: unknown, ctx: CallContext) => inner(input, ctx).catch((err: unknown) => Promise.reject(publicError(err)));
  }
  return handlers;
}

/** An outbox entry as the renderer sees it: no attachment bytes, no remote bookkeeping. */
export function outboxItem(e: OutboxEntry, now: number): OutboxItem {
  const op = e.op;
  const item: OutboxItem = {
    clientId: e.clientId,
    kind: op.kind,
    conversationId: op.conversationId,
    state: e.state,
    attempts: e.attempts,
    nextAttemptAt: e.notBefore > now ? e.notBefore : null,
    createdAt: e.createdAt,
  };
  if (e.lastError) item.lastError = { code: e.lastError.code, message: e.lastError.message };
  if (op.kind === 'send') {
    item.messageId = pendingMessageId(e);
    item.text = op.text;
  } else if (op.kind !== 'read') item.messageId = op.messageId;
  if (op.kind === 'edit') item.text = op.text;
  if (op.kind === 'react') {
    item.emoji = op.emoji;
    item.on = op.on;
  }
  if (op.kind === 'pin') item.on = op.on;
  if (op.kind === 'read') item.on = op.read;
  return item;
}
