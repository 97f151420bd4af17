import { NETWORK_NAMES, type Network } from './networks';

/**
 * How long after sending a network still takes an edit or a delete of a message (LinkedIn 60 minutes,
 * WhatsApp 15 minutes to edit and 48 hours to delete…; the backend's Unipile capability table sets
 * them on each conversation as `editWindowMs` / `deleteWindowMs`). The renderer stops offering the
 * change once the window has passed and the backend refuses it before queuing, both in the words
 * below: otherwise it is queued, shown as done and then failed by the network, with a Retry that
 * can never succeed.
 */
export type WindowedChange = 'edit' | 'delete';

/** What the time check reads from a conversation (absent window: the network sets no limit). */
export interface ChangeWindows {
  network: Network;
  editWindowMs?: number | undefined;
  deleteWindowMs?: number | undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A window as people say it: "1 hour", "15 minutes", "48 hours" (whole units only; minutes otherwise). */
export function windowText(ms: number): string {
  if (ms >= HOUR && ms % HOUR === 0) return count(ms / HOUR, 'hour');
  return count(Math.max(1, Math.round(ms / MINUTE)), 'minute');
}

/** "LinkedIn messages can be edited only within 1 hour of sending." */
export function windowReason(network: Network, change: WindowedChange, windowMs: number): string {
  return `${NETWORK_NAMES[network]} messages can be ${change === 'edit' ? 'edited' : 'deleted'} only within ${windowText(windowMs)} of sending.`;
}

/**
 * Why `change` can no longer be made to a message sent at `sentAt`, or null while it can (or where the
 * network sets no limit). Only for messages the network has: an unsent one is changed in the outbox.
 */
export function windowClosed(c: ChangeWindows | undefined, sentAt: number, change: WindowedChange, now: number): string | null {
  const windowMs = change === 'edit' ? c?.editWindowMs : c?.deleteWindowMs;
  if (!c || windowMs === undefined || now - sentAt <= windowMs) return null;
  return windowReason(c.network, change, windowMs);
}
