import { randomUUID } from 'node:crypto';
import type { ConversationId, Message, MessageId, PersonId } from '../../../shared/domain/index';
import { AppError } from '../../../shared/ipc/result';
import type { OutboxEntry, OutboxOp } from '../cache/api';
import type { Clock, Timer } from './clock';
import { classifyFailure, describeFailure, errorCode, isUnreachable } from './failures';
import { buildOverlay, lateOperations, overlayMessage, UNCONFIRMED } from './overlay';
import { pendingMessageId } from './pending';
import type { AsyncCache } from './types';

/**
 * Everything the user writes goes through here: sends, edits, deletes,
 * reactions, pins and read marks. Each operation is stored in the cache's
 * outbox before anything else (a send shows as pending at once, and nothing is
 * lost to a crash or a closed lid), then delivered in order per conversation.
 *
 *   pending ──attempt──▶ sending ──ok──▶ done ──▶ (removed)
 *      ▲                   │
 *      │   transient       ├─ rate limited / idempotent op unreachable ─▶ pending (+backoff)
 *      └───────────────────┤
 *                          ├─ maybe applied (timeout, dropped, 5xx) ─▶ ambiguous (+backoff)
 *                          └─ permanent ─▶ failed (user: retry, edit or discard)
 *   ambiguous ──look in recent history──▶ found: done │ not found: attempt again
 *
 * A send whose reply was lost is never simply re-sent: first the recent
 * history is searched for it (own message, same text, not before it was
 * composed, not already matched to another send). Matched remote ids are kept
 * per conversation (`outbox:claimed:<id>`), committed with the message itself.
 */

export interface OutboxExecutor {
  /** Performs the operation upstream. For sends, resolves with the message as sent (null: accepted, id unknown). */
  execute(entry: OutboxEntry, signal: AbortSignal): Promise<Message | null>;
  /** After an ambiguous send: the message, if it did arrive. */
  findSent(entry: OutboxEntry, claimed: ReadonlySet<MessageId>, signal: AbortSignal): Promise<Message | null>;
  /** A failure that means the goal is reached anyway (deleting what is gone, unpinning what is not pinned). */
  alreadyDone(entry: OutboxEntry, err: unknown): boolean;
  /** The sent message as far as the app knows it without asking (finishing a send after a restart). */
  sentCopy(entry: OutboxEntry, remoteId: MessageId): Message | null;
}

export interface OutboxOptions {
  cache: AsyncCache;
  clock: Clock;
  executor: OutboxExecutor;
  /** An entry changed state: these messages of the conversation look different now (pending, failed, sent). */
  onChange?(conversationId: ConversationId, ids: MessageId[]): void;
  /** A send landed upstream: its real message is in the cache now. */
  onDelivered?(entry: OutboxEntry, message: Message | null): void;
  /** A call could not reach Pinkfish (drives the offline status) or did (online). */
  onReachability?(reachable: boolean): void;
  random?: () => number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Conversations delivered in parallel (order holds within each). */
  concurrency?: number;
  log?: (message: string, err: unknown) => void;
}

export const CLAIMED_KEY = (id: ConversationId) => `outbox:claimed:${id}`;
const CLAIM_KEEP_MS = 48 * 3600_000;
const CLAIM_MAX = 500;
const LIVE: OutboxEntry['state'][] = ['pending', 'sending', 'ambiguous', 'done'];

export class Outbox {
  private timer: Timer | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly abort = new AbortController();
  private readonly random: () => number;
  /** Entries whose bookkeeping failed after delivery, held back a while (in memory only). */
  private readonly stuck = new Map<number, { n: number; until: number }>();
  /** Entries an attempt is working on (on the wire, or being looked for in the history): not discarded. */
  private readonly attempting = new Set<number>();

  constructor(private readonly options: OutboxOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Resumes after a restart: whatever was on the wire when the process died may have been delivered. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const e of await this.options.cache.listOutbox(['sending'])) {
      await this.options.cache.updateOutbox(e.seq, { state: e.op.kind === 'send' ? 'ambiguous' : 'pending' });
    }
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.abort.abort();
  }

  /** Queues an operation; the same `clientId` again is the same operation (the cache keeps one). */
  async enqueue(op: OutboxOp, clientId: string = randomUUID()): Promise<OutboxEntry> {
    const entry = await this.options.cache.enqueue(op, clientId, this.options.clock.now());
    this.changed(entry);
    this.kick();
    return entry;
  }

  async find(clientId: string): Promise<OutboxEntry | null> {
    return (await this.options.cache.listOutbox()).find((e) => e.clientId === clientId) ?? null;
  }

  /** A failed entry goes back to the queue (after the conversation's earlier entries). */
  async retry(clientId: string): Promise<void> {
    const e = await this.mustFind(clientId);
    if (e.state !== 'failed') throw new AppError('conflict', 'Only a failed message can be retried.');
    await this.options.cache.updateOutbox(e.seq, { state: 'pending', notBefore: 0, attempts: 0 });
    this.changed(e);
    this.kick();
  }

  /** Edits the text of a send that has not gone out (pending or failed): it stays one message. `mentions` are added to its own. */
  async editText(clientId: string, text: string, mentions: readonly PersonId[] = []): Promise<void> {
    const e = await this.mustFind(clientId);
    if (e.op.kind !== 'send' || (e.state !== 'pending' && e.state !== 'failed')) throw new AppError('conflict', 'That message is already on its way; edit it once it is sent.');
    const all = [...new Set([...(e.op.mentions ?? []), ...mentions])];
    await this.options.cache.updateOutbox(e.seq, { op: { ...e.op, text, ...(all.length ? { mentions: all } : {}) }, state: 'pending', notBefore: 0, attempts: 0 });
    this.changed(e);
    this.kick();
  }

  /**
   * Drops an entry: it is not sent (again). One on the wire, or being checked for in the history right
   * now, cannot be: its answer decides. An ambiguous one waiting for its next try (offline, backing
   * off) can: the user decided not to send it, and if the try before did arrive, sync brings it into
   * the conversation like any message, so nothing is sent twice either way. Refusing it left a message
   * the user wanted gone queued for as long as the network was away.
   */
  async discard(clientId: string): Promise<OutboxEntry> {
    const e = await this.mustFind(clientId);
    if (e.state === 'sending' || this.attempting.has(e.seq)) throw new AppError('conflict', 'That message may already have been delivered; Switchboard is checking. Try again in a moment.');
    await this.options.cache.removeOutbox(e.seq);
    this.changed(e);
    return e;
  }

  /** The network is back: everything waiting out a backoff may go now. */
  async wake(): Promise<void> {
    for (const e of await this.options.cache.listOutbox(['pending', 'ambiguous'])) {
      if (e.notBefore > this.options.clock.now()) await this.options.cache.updateOutbox(e.seq, { notBefore: 0 });
    }
    this.kick();
  }

  /** Processes everything due now; resolves when no entry is due (or all wait for a backoff). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.options.log?.('outbox: run failed', err);
      } finally {
        this.running = null;
        await this.arm();
      }
    })();
    return this.running;
  }

  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Earliest time an entry becomes due, or null when nothing waits. */
  async nextDueAt(): Promise<number | null> {
    const heads = this.heads(await this.options.cache.listOutbox(LIVE));
    return heads.length === 0 ? null : Math.min(...heads.map((e) => Math.max(e.notBefore, this.stuck.get(e.seq)?.until ?? 0)));
  }

  private async mustFind(clientId: string): Promise<OutboxEntry> {
    const e = await this.find(clientId);
    if (!e) throw new AppError('not_found', 'That message is no longer in the outbox.');
    return e;
  }

  /** The oldest unfinished entry of each conversation (failed ones are set aside and do not block). */
  private heads(entries: OutboxEntry[]): OutboxEntry[] {
    const head = new Map<ConversationId, OutboxEntry>();
    for (const e of entries) {
      if (!LIVE.includes(e.state)) continue;
      const cur = head.get(e.op.conversationId);
      if (!cur || e.seq < cur.seq) head.set(e.op.conversationId, e);
    }
    return [...head.values()].sort((a, b) => a.seq - b.seq);
  }

  private async drain(): Promise<void> {
    const concurrency = this.options.concurrency ?? 4;
    for (;;) {
      if (this.stopped) return;
      const now = this.options.clock.now();
      const due = this.heads(await this.options.cache.listOutbox(LIVE)).filter((e) => e.notBefore <= now && (this.stuck.get(e.seq)?.until ?? 0) <= now);
      if (due.length === 0) return;
      await Promise.all(due.slice(0, concurrency).map((e) => this.attempt(e)));
    }
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    this.attempting.add(entry.seq);
    try {
      await this.attemptOnce(entry);
    } finally {
      this.attempting.delete(entry.seq);
    }
  }

  private async attemptOnce(entry: OutboxEntry): Promise<void> {
    const { cache, executor } = this.options;
    const signal = this.abort.signal;
    if (entry.state === 'done') return this.settle(entry, null);
    let sent: Message | null;
    try {
      // 'sending' here means an earlier attempt never finished its bookkeeping: as unsure as a timeout.
      if ((entry.state === 'ambiguous' || entry.state === 'sending') && entry.op.kind === 'send') {
        const found = await executor.findSent(entry, await this.claimed(entry.op.conversationId), signal);
        this.options.onReachability?.(true);
        if (found) return this.settle(entry, found);
        entry = { ...entry, state: 'ambiguous' };
      }
      await cache.updateOutbox(entry.seq, { state: 'sending', attempts: entry.attempts + 1 });
      sent = await executor.execute(entry, signal);
      this.options.onReachability?.(true);
    } catch (err) {
      if (this.stopped && errorCode(err) === 'cancelled') return;
      if (isUnreachable(err)) this.options.onReachability?.(false);
      return this.failed({ ...entry, attempts: entry.attempts + 1 }, err);
    }
    await this.settle({ ...entry, attempts: entry.attempts + 1 }, sent);
  }

  /**
   * Bookkeeping after the provider took the operation. A local failure here
   * must never make a delivered message look failed (a retry would send it
   * twice): the entry keeps its state and is finished on a later run.
   */
  private async settle(entry: OutboxEntry, message: Message | null): Promise<void> {
    try {
      await this.finish(entry, message);
      this.stuck.delete(entry.seq);
    } catch (err) {
      const n = (this.stuck.get(entry.seq)?.n ?? 0) + 1;
      this.stuck.set(entry.seq, { n, until: this.options.clock.now() + Math.min(60_000, 1000 * 2 ** n) });
      this.options.log?.('outbox: could not record a delivered operation; will finish it later', err);
    }
  }

  private async failed(entry: OutboxEntry, err: unknown): Promise<void> {
    const { cache } = this.options;
    if (this.options.executor.alreadyDone(entry, err)) return this.settle(entry, null);
    const kind = classifyFailure(err, entry.op.kind !== 'send');
    const lastError = describeFailure(err);
    if (kind === 'permanent') {
      await cache.updateOutbox(entry.seq, { state: 'failed', lastError });
      this.changed(entry);
      return;
    }
    const retryAfter = err instanceof AppError && err.retryAfter !== undefined ? err.retryAfter * 1000 : 0;
    const notBefore = this.options.clock.now() + Math.max(retryAfter, this.backoff(entry.attempts));
    // A send that was being attempted (or checked) when it failed is still "maybe delivered".
    const state = kind === 'ambiguous' || entry.state === 'ambiguous' ? 'ambiguous' : 'pending';
    await cache.updateOutbox(entry.seq, { state: entry.op.kind === 'send' ? state : 'pending', notBefore, lastError });
    this.changed(entry);
  }

  /**
   * Exponential with jitter: base·2^(n-1), capped, times a random factor in
   * [0.5, 1] so a fleet of queued messages does not retry in lockstep.
   */
  backoff(attempts: number): number {
    const base = this.options.backoffBaseMs ?? 1000;
    const max = this.options.backoffMaxMs ?? 5 * 60_000;
    const raw = Math.min(max, base * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.round(raw * (0.5 + 0.5 * this.random()));
  }

  /** Records the remote id first, so a crash after this point finishes instead of sending again. */
  private async finish(entry: OutboxEntry, message: Message | null): Promise<void> {
    const { cache } = this.options;
    const conversationId = entry.op.conversationId;
    const remoteId = message?.id ?? entry.remoteId;
    await cache.updateOutbox(entry.seq, remoteId ? { state: 'done', remoteId } : { state: 'done' });
    if (entry.op.kind === 'send') {
      // Finishing after a restart: keep showing the message (sync brings the server's copy) rather than
      // letting it vanish from the timeline until the next poll.
      if (!message && remoteId && !(await this.stored(conversationId, remoteId))) message = this.options.executor.sentCopy(entry, remoteId);
      const claim = await this.claimCursor(conversationId, remoteId ?? null);
      if (message) {
        // It showed as sent (under its real id) from the moment the id was recorded, so the user may have
        // edited it or reacted to it since: those stay on it, as sync keeps them on what it writes.
        const seen = await cache.listOutbox([...UNCONFIRMED]);
        const me = message.senderId ?? undefined;
        await cache.upsertMessages([overlayMessage(message, buildOverlay(seen), me)], claim);
        // And one made while that was being written, which the write just covered.
        const late = await lateOperations(cache, seen);
        if (late?.messages.has(message.id)) await cache.upsertMessages([overlayMessage(message, late.overlay, me)]);
      } else if (claim) await cache.setCursor(claim.key, claim.value);
    }
    await cache.removeOutbox(entry.seq);
    this.changed(entry, remoteId);
    if (entry.op.kind === 'send') this.options.onDelivered?.(entry, message);
  }

  private changed(entry: OutboxEntry, remoteId?: MessageId): void {
    const op = entry.op;
    const ids: MessageId[] = op.kind === 'send' ? [pendingMessageId(entry)] : op.kind === 'read' ? [] : [op.messageId];
    if (remoteId && !ids.includes(remoteId)) ids.push(remoteId);
    this.options.onChange?.(op.conversationId, ids);
  }

  /** Whether the cache holds the message itself (getMessages would also answer with the outbox's rendering of it). */
  private async stored(conversationId: ConversationId, id: MessageId): Promise<boolean> {
    return this.options.cache.messagesPage({ conversationId, around: id, limit: 1 }).then(
      () => true,
      () => false,
    );
  }

  private async claimed(conversationId: ConversationId): Promise<Set<MessageId>> {
    return new Set(readClaims(await this.options.cache.getCursor(CLAIMED_KEY(conversationId))).map((c) => c.id));
  }

  private async claimCursor(conversationId: ConversationId, id: MessageId | null): Promise<{ key: string; value: string } | undefined> {
    if (!id) return undefined;
    const now = this.options.clock.now();
    const claims = readClaims(await this.options.cache.getCursor(CLAIMED_KEY(conversationId))).filter((c) => c.at > now - CLAIM_KEEP_MS && c.id !== id);
    claims.push({ id, at: now });
    return { key: CLAIMED_KEY(conversationId), value: JSON.stringify(claims.slice(-CLAIM_MAX)) };
  }

  private async arm(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    if (this.stopped) return;
    const next = await this.nextDueAt().catch(() => null);
    if (next === null || this.stopped) return;
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null;
      void this.kick();
    }, Math.max(0, next - this.options.clock.now()));
  }
}

function readClaims(raw: string | null): Array<{ id: MessageId; at: number }> {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((c): c is { id: MessageId; at: number } => typeof c?.id === 'string' && typeof c?.at === 'number') : [];
  } catch {
    return [];
  }
}
