import type { Message } from '../../../shared/domain/model';
import type { Ctx } from './context';

/**
 * A conversation's last activity and preview, what the inbox sorts and shows by. Stored
 * messages move them forward; so does a send the moment it is queued (the user's own message is
 * the conversation's latest news even before the provider confirms it), and a queued send that
 * is discarded gives them back to what remains (outbox.ts).
 */

/** What a thread reply's preview starts with: the timeline shows it in its thread, not in the room's flow. */
export const THREAD_REPLY_PREFIX = 'In a thread: ';

/** The inbox's one-line preview of a message. */
export function previewOf(m: Pick<Message, 'id' | 'deleted' | 'text' | 'attachments' | 'threadRootId'>): string {
  const reply = m.threadRootId !== undefined && m.threadRootId !== m.id ? THREAD_REPLY_PREFIX : '';
  if (m.deleted) return `${reply}Message deleted`;
  const text = m.text?.replace(/\s+/g, ' ').trim();
  if (text) return reply + (text.length > 140 ? `${text.slice(0, 139)}…` : text);
  const a = m.attachments[0];
  return a ? `${reply}[${a.kind}]` : '';
}

/** Moves the conversation's activity to `time` with this preview, unless it is already later. */
export function touchActivity(ctx: Ctx, cid: number, time: number, preview: string | null): boolean {
  return ctx.sql('UPDATE conversations SET last_activity = ?, last_message_preview = ? WHERE cid = ? AND ifnull(last_activity, -1) <= ?').run(time, preview, cid, time).changes === 1;
}

/**
 * A stored message changed (written, edited, deleted): it moves the activity forward if it is later,
 * and otherwise still gives the preview if it is the conversation's latest message with no send of
 * the user's waiting after it. The activity can be later than the latest message: a send is queued
 * at this computer's time and confirmed with the provider's, which may be a moment earlier; an edit of
 * that message then kept showing its old text in the inbox.
 */
export function followMessage(ctx: Ctx, cid: number, m: Pick<Message, 'id' | 'time' | 'conversationId' | 'deleted' | 'text' | 'attachments' | 'threadRootId'>, remaining: () => string | null): void {
  // A deleted message is not what the inbox shows: the newest one that still exists is (or nothing).
  const preview = m.deleted ? remaining() : previewOf(m);
  if (touchActivity(ctx, cid, m.time, preview)) return;
  const latest = ctx.sql('SELECT id FROM messages WHERE conv = ? ORDER BY rid DESC LIMIT 1').pluck().get(cid);
  if (latest !== m.id) return;
  const waiting = ctx.sql("SELECT 1 FROM outbox WHERE conversation_id = ? AND kind = 'send' AND state != 'done' LIMIT 1").pluck().get(m.conversationId);
  if (waiting) return;
  ctx.sql('UPDATE conversations SET last_message_preview = ? WHERE cid = ?').run(preview, cid);
}

/** Sets the conversation's activity and preview as they are, later or not. */
export function setActivity(ctx: Ctx, cid: number, time: number, preview: string): void {
  ctx.sql('UPDATE conversations SET last_activity = ?, last_message_preview = ? WHERE cid = ?').run(time, preview, cid);
}

/** Whether the conversation's activity is exactly `time`: what a queued send set is still what leads it. */
export function activityIs(ctx: Ctx, cid: number, time: number): boolean {
  return ctx.sql('SELECT last_activity FROM conversations WHERE cid = ?').pluck().get(cid) === time;
}
