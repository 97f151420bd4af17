import type { MessageId } from '../../../shared/domain/ids';
import type { OutboxEntry } from '../cache/api';
import { pendingMessageId as cachePendingId } from '../cache/outbox';

/**
 * The id under which the cache shows a send that is still in the outbox
 * (`g:pending-<clientId>` / `u:pending-<clientId>`: a valid MessageId on the
 * wire, and the renderer can retry, edit or discard it by that id).
 */
export function pendingMessageId(entry: Pick<OutboxEntry, 'clientId' | 'op'>): MessageId {
  return cachePendingId(entry.op.conversationId, entry.clientId);
}

export function isPendingId(id: MessageId): boolean {
  return /^[gu]:pending-/.test(id);
}

/** The unsent send shown as `id`, if `id` is a pending message. */
export function outboxEntryForMessage(entries: readonly OutboxEntry[], id: MessageId): OutboxEntry | null {
  if (!isPendingId(id)) return null;
  return entries.find((e) => e.op.kind === 'send' && pendingMessageId(e) === id) ?? null;
}
