import type { BudgetSnapshot } from '../pinkfish/budget';

/**
 * How often sync spends a call, and on what. Figures are for a visible window
 * and an active user; README.md explains the arithmetic against the budget
 * (4,500 calls an hour, 45,000 a day).
 */
export interface SyncPolicy {
  /** The open conversation's newest page. */
  openIntervalMs: number;
  /** How long a conversation stays open before its first poll (none for those flipped past). */
  openSettleMs: number;
  /** One background cycle: Unipile's cross-chat walk plus a batch of Genesys polls. */
  cycleIntervalMs: number;
  /** `list_all_chats` (unread counts, mute, archive) every n-th cycle. */
  chatsEveryCycles: number;
  /** Genesys conversations polled per cycle at most. */
  genesysPerCycle: number;
  /** Room/1:1 metadata (pins, subject) of the open conversation every n-th poll. */
  metaEveryOpenPolls: number;
  /** Interval multipliers. */
  hiddenFactor: number;
  idleFactor: number;
  hiddenIdleFactor: number;
  /** A Genesys conversation's own interval by how recently something happened there (first match wins). */
  genesysTiers: Array<{ withinMs: number; everyMs: number }>;
  genesysDefaultEveryMs: number;
  /** Initial sync reads the recent history of this many of the most active conversations. */
  initialActive: number;
  /** Retry delays while Pinkfish is unreachable. */
  offlineMinMs: number;
  offlineMaxMs: number;
}

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

export const DEFAULT_POLICY: Readonly<SyncPolicy> = Object.freeze({
  openIntervalMs: 4 * S,
  openSettleMs: 400,
  cycleIntervalMs: 15 * S,
  chatsEveryCycles: 4,
  genesysPerCycle: 6,
  metaEveryOpenPolls: 8,
  hiddenFactor: 4,
  idleFactor: 8,
  hiddenIdleFactor: 16,
  genesysTiers: [
    { withinMs: 15 * MIN, everyMs: 30 * S },
    { withinMs: 2 * H, everyMs: MIN },
    { withinMs: 24 * H, everyMs: 5 * MIN },
    { withinMs: 7 * 24 * H, everyMs: 10 * MIN },
  ],
  genesysDefaultEveryMs: 30 * MIN,
  initialActive: 10,
  offlineMinMs: 2 * S,
  offlineMaxMs: 60 * S,
});

export interface Activity {
  visible: boolean;
  idle: boolean;
}

/** Slower when nobody is looking. */
export function activityFactor(policy: SyncPolicy, a: Activity): number {
  if (!a.visible) return a.idle ? policy.hiddenIdleFactor : policy.hiddenFactor;
  return a.idle ? policy.idleFactor : 1;
}

/**
 * Spending slows down as the sliding windows fill, so background sync can never
 * eat the day: from half the day's budget the intervals stretch (×2 at 75 %,
 * ×5 at 90 %), and likewise past 60 % of the hour. The budget's own reserves
 * still hard-stop background calls before user actions are affected.
 */
export function budgetFactor(s: Pick<BudgetSnapshot, 'usedLastDay' | 'perDay' | 'usedLastHour' | 'perHour'>): number {
  const day = s.usedLastDay / s.perDay;
  const hour = s.usedLastHour / s.perHour;
  const dayF = day <= 0.5 ? 1 : 1 / Math.max(0.05, 2 * (1 - day));
  const hourF = hour <= 0.6 ? 1 : 1 / Math.max(0.05, 2.5 * (1 - hour));
  return Math.min(20, Math.max(dayF, hourF));
}

/** How often one Genesys conversation wants polling, before activity and budget factors. */
export function genesysInterval(policy: SyncPolicy, lastActivity: number | null, now: number): number {
  if (lastActivity === null) return policy.genesysDefaultEveryMs;
  const age = Math.max(0, now - lastActivity);
  return policy.genesysTiers.find((t) => age <= t.withinMs)?.everyMs ?? policy.genesysDefaultEveryMs;
}

export interface PollCandidate<Id> {
  id: Id;
  lastActivity: number | null;
  lastPolled: number | null;
}

/**
 * Round-robin weighted by recency: each conversation is due once its own
 * interval (shorter for recent activity) has passed; the most overdue go first,
 * never-polled ones before all others, at most `limit` per cycle.
 */
export function pickDue<Id>(policy: SyncPolicy, entries: readonly PollCandidate<Id>[], now: number, factor: number, limit: number): Id[] {
  return entries
    .map((e) => ({ id: e.id, overdue: e.lastPolled === null ? Infinity : (now - e.lastPolled) / (genesysInterval(policy, e.lastActivity, now) * factor), activity: e.lastActivity ?? 0 }))
    .filter((e) => e.overdue >= 1)
    .sort((a, b) => b.overdue - a.overdue || b.activity - a.activity)
    .slice(0, limit)
    .map((e) => e.id);
}
