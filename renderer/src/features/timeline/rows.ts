import type { MessageId } from '../../../../shared/domain/ids';
import type { Message } from '../../../../shared/domain/model';

/**
 * The timeline's rows from a window of messages: date separators between days, thread
 * replies folded into their root (shown as "N replies"), and consecutive messages by the
 * same sender within a few minutes grouped under one name and avatar.
 */
export type Row =
  | { kind: 'date'; key: string; label: string }
  | { kind: 'message'; key: string; message: Message; grouped: boolean; replies: number; lastReplyAt: number | null };

/** Messages closer than this by the same sender share one header. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

export function dayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

// toLocaleDateString builds a formatter on every call (slow: buildRows labels every day of a
// timeline on each page); the four shapes a label can take are built once and reused.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(weekday: boolean, year: boolean): Intl.DateTimeFormat {
  const key = `${weekday ? 1 : 0}${year ? 1 : 0}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { weekday: weekday ? 'long' : undefined, month: 'long', day: 'numeric', ...(year ? { year: 'numeric' } : {}) });
    dayFormats.set(key, f);
  }
  return f;
}

export function dayLabel(time: number, now: number = Date.now()): string {
  const d = new Date(time);
  const today = new Date(now);
  const startOf = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((startOf(today) - startOf(d)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const sameYear = d.getFullYear() === today.getFullYear();
  return dayFormat(days < 7 && days > 0, !sameYear).format(d);
}

export interface BuildOptions {
  /** Show thread replies whose root is not in the window (and cannot be: no older history). */
  orphanRepliesInline?: boolean;
  now?: number;
}

export function buildRows(messages: readonly Message[], opts: BuildOptions = {}): Row[] {
  const ids = new Set<MessageId>(messages.map((m) => m.id));
  const replyCount = new Map<string, { n: number; last: number }>();
  for (const m of messages) {
    if (!m.threadRootId || m.threadRootId === m.id) continue;
    const r = replyCount.get(m.threadRootId) ?? { n: 0, last: 0 };
    r.n++;
    r.last = Math.max(r.last, m.time);
    replyCount.set(m.threadRootId, r);
  }
  const rows: Row[] = [];
  let lastDay = '';
  let prev: Message | null = null;
  for (const m of messages) {
    const isReply = !!m.threadRootId && m.threadRootId !== m.id;
    if (isReply && (ids.has(m.threadRootId!) || !opts.orphanRepliesInline)) continue;
    const day = dayKey(m.time);
    if (day !== lastDay) {
      rows.push({ kind: 'date', key: `date:${day}`, label: dayLabel(m.time, opts.now) });
      lastDay = day;
      prev = null;
    }
    const grouped =
      prev !== null &&
      !prev.isEvent &&
      !m.isEvent &&
      !m.quote &&
      prev.senderId === m.senderId &&
      prev.isOwn === m.isOwn &&
      m.time - prev.time < GROUP_GAP_MS &&
      (replyCount.get(prev.id)?.n ?? prev.threadReplyCount ?? 0) === 0;
    const seen = replyCount.get(m.id);
    rows.push({ kind: 'message', key: m.id, message: m, grouped, replies: Math.max(seen?.n ?? 0, m.threadReplyCount ?? 0), lastReplyAt: seen?.last ?? null });
    prev = m;
  }
  return rows;
}

/** Index of the message row for a message id (a reply maps to its root's row). */
export function rowIndexOf(rows: readonly Row[], id: string, messages?: readonly Message[]): number {
  let at = rows.findIndex((r) => r.key === id);
  if (at < 0 && messages) {
    const root = messages.find((m) => m.id === id)?.threadRootId;
    if (root) at = rows.findIndex((r) => r.key === root);
  }
  return at;
}

/**
 * The newest message the timeline shows (End selects it): not simply the newest loaded, which can
 * be a thread reply folded into its root or, while older history remains, one whose root is not loaded.
 */
export function latestShown(messages: readonly Message[], opts: BuildOptions = {}): MessageId | null {
  const rows = buildRows(messages, opts);
  const last = rows.findLast((r) => r.kind === 'message');
  return last ? (last.key as MessageId) : null;
}
