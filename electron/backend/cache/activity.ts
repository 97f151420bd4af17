import type { Message } from '../../../shared/domain/model';
import type { Ctx } from './context';

/**
 * A conversation's last activity and preview, what the inbox sorts and shows by. Stored
 * messages move them forward; so does a send the moment it is queued (the user's own message is
 * the conversation's latest news even before the provider confirms it), and a queued send that
 * is discarded gives them back to what remains (outbox.ts).
 */

/** The inbox's one-line preview of a message. */
export function previewOf(m: Pick<Message, 'deleted' | 'text' | 'attachments'>): string {
  if (m.deleted) return 'Message deleted';
  const text = m.text?.replace(/\s+/g, ' ').trim();
  if (text) return text.length > 140 ? `${text.slice(0, 139)}…` : text;
  const a = m.attachments[0];
  return a ? `[${a.kind}]` : '';
}

/** Moves the conversation's activity to `time` with this preview, unless it is already later. */
export function touchActivity(ctx: Ctx, cid: number, time: number, preview: string): void {
  ctx.sql('UPDATE conversations SET last_activity = ?, last_message_preview = ? WHERE cid = ? AND ifnull(last_activity, -1) <= ?').run(time, preview, cid, time);
}

/** Sets the conversation's activity and preview as they are, later or not. */
export function setActivity(ctx: Ctx, cid: number, time: number, preview: string): void {
  ctx.sql('UPDATE conversations SET last_activity = ?, last_message_preview = ? WHERE cid = ?').run(time, preview, cid);
}

/** Whether the conversation's activity is exactly `time`: what a queued send set is still what leads it. */
export function activityIs(ctx: Ctx, cid: number, time: number): boolean {
  return ctx.sql('SELECT last_activity FROM conversations WHERE cid = ?').pluck().get(cid) === time;
}
