import type { Conversation } from '../../../shared/domain/model';
import { isMutedNow } from './notifyRules';

/**
 * What the dock, taskbar and tray say about unread messages. Muted conversations do not count: the
 * user asked them not to demand attention, and a badge that never clears is one nobody reads.
 * (Archived ones are already left out of the unread inbox.)
 */
export function unreadTotal(conversations: Iterable<Pick<Conversation, 'unreadCount' | 'muted' | 'mutedUntil'>>, now: number): number {
  let total = 0;
  for (const c of conversations) {
    if (c.unreadCount > 0 && !isMutedNow(c, now)) total += c.unreadCount;
  }
  return total;
}

/** Dock and tray text: empty for none, capped so it fits a badge. */
export function badgeLabel(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 99 ? '99+' : String(Math.floor(total));
}

/** What the Windows taskbar overlay shows; it only has room for one glyph and a plus. */
export function overlayLabel(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 9 ? '9+' : String(Math.floor(total));
}

/** Tooltip of the tray icon, and the accessible description of the taskbar overlay. */
export function unreadDescription(total: number, appName = 'Switchboard'): string {
  if (!Number.isFinite(total) || total <= 0) return appName;
  const n = Math.floor(total);
  return `${appName} — ${n} unread message${n === 1 ? '' : 's'}`;
}
