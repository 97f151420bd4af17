import type { ConversationId } from '../../../shared/domain/ids';
import type { BudgetSnapshot } from '../pinkfish/budget';
import type { Clock, Timer } from './clock';
import { describeFailure, errorCode, isUnreachable } from './failures';
import { activityFactor, budgetFactor, DEFAULT_POLICY, pickDue, type Activity, type PollCandidate, type SyncPolicy } from './policy';

/**
 * Decides when each kind of sync work runs; the work itself is injected
 * (`SyncWork`), so the policy is tested with fakes on a manual clock.
 *
 * Four lanes, each single-flight: `initial` (inbox, then recent history, once),
 * `open` (the conversation on screen), `cycle` (Unipile's cross-chat walk and a
 * batch of Genesys polls, weighted by recency) and `jobs` (one-off work such as
 * attendee lists or following a history sync). A lane's next run is timed from
 * the end of its last one; nothing starts while the budget is paused
 * (Retry-After); failures to reach Pinkfish back off and flip the status to offline.
 */

export type SyncPhase = 'starting' | 'inbox' | 'history' | 'live';

export interface Progress {
  phase: SyncPhase;
  done: number;
  total: number;
}

export interface SyncWork {
  /** Initial sync: inbox first, then recent history. Reports progress; returns at once when already done. */
  initial(report: (p: Progress) => void): Promise<void>;
  pollOpen(id: ConversationId, pollNumber: number): Promise<void>;
  /** Unipile's cross-chat walk; with `withChats`, also the chat list's metadata. */
  unipileCycle(withChats: boolean): Promise<void>;
  genesysCandidates(): Promise<PollCandidate<ConversationId>[]>;
  /** One Genesys conversation; failures that concern only it are handled inside. */
  pollGenesys(id: ConversationId): Promise<void>;
}

export interface SchedulerOptions {
  clock: Clock;
  budget: { snapshot(): BudgetSnapshot };
  work: SyncWork;
  policy?: Partial<SyncPolicy>;
  onChange?: () => void;
  /** Where non-network failures go (the main-process log). */
  log?: (message: string, err: unknown) => void;
}

export interface SchedulerStatus {
  /** null until the first call has answered or failed. */
  online: boolean | null;
  progress: Progress;
  lastSyncAt: number | null;
  lastError: { code: string; message: string; at?: number } | null;
  activity: Activity;
  openConversation: ConversationId | null;
  /** Background cycles that ran to the end (tests and diagnostics wait on this). */
  completedCycles: number;
}

type LaneName = 'initial' | 'open' | 'cycle' | 'jobs';

interface Lane {
  name: LaneName;
  dueAt: number;
  lastEnd: number | null;
  running: Promise<void> | null;
}

interface Job {
  at: number;
  name: string;
  run: () => Promise<void>;
}

export class Scheduler {
  readonly policy: SyncPolicy;
  private readonly lanes: Record<LaneName, Lane>;
  private readonly jobs: Job[] = [];
  private activity: Activity = { visible: true, idle: false };
  private open: ConversationId | null = null;
  private openPolls = 0;
  /**
   * When a poll of the open conversation is wanted sooner than its interval (just opened, or asked for
   * by refreshOpen); Infinity once a poll has started since.
   */
  private openWantedAt = Infinity;
  private cycles = 0;
  private unreachableStreak = 0;
  private timer: Timer | null = null;
  private stopped = true;
  private readonly state: SchedulerStatus;

  constructor(private readonly options: SchedulerOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    const lane = (name: LaneName): Lane => ({ name, dueAt: Infinity, lastEnd: null, running: null });
    this.lanes = { initial: lane('initial'), open: lane('open'), cycle: lane('cycle'), jobs: lane('jobs') };
    this.state = { online: null, progress: { phase: 'starting', done: 0, total: 0 }, lastSyncAt: null, lastError: null, activity: this.activity, openConversation: null, completedCycles: 0 };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lanes.initial.dueAt = this.now();
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  status(): SchedulerStatus {
    return { ...this.state, progress: { ...this.state.progress }, activity: { ...this.activity }, openConversation: this.open };
  }

  /**
   * The conversation on screen (null when none): polled often, the first time once it has stayed open
   * `openSettleMs`, so conversations opened one after another spend no call on those passed by (the
   * window already waits before telling of one reached with Alt+↓; clicks and other clients do not).
   */
  setOpen(id: ConversationId | null): void {
    if (id === this.open) return;
    this.open = id;
    this.openPolls = 0;
    this.openWantedAt = id === null ? Infinity : this.now() + this.policy.openSettleMs;
    // (While the previous one's poll runs, finish() times this one from openWantedAt.)
    this.lanes.open.dueAt = this.openWantedAt;
    this.arm();
  }

  /** Poll the open conversation now (after a send, or when the user asks). */
  refreshOpen(): void {
    if (this.open === null) return;
    this.openWantedAt = Math.min(this.openWantedAt, this.now());
    this.lanes.open.dueAt = Math.min(this.lanes.open.dueAt, this.now());
    this.arm();
  }

  setActivity(patch: Partial<Activity>): void {
    const next = { ...this.activity, ...patch };
    if (next.visible === this.activity.visible && next.idle === this.activity.idle) return;
    this.activity = next;
    // Re-time the periodic lanes from their last run at the new pace (sooner when the user is back).
    for (const name of ['open', 'cycle'] as const) {
      const lane = this.lanes[name];
      if (lane.running || lane.dueAt === Infinity || lane.lastEnd === null) continue;
      lane.dueAt = lane.lastEnd + this.interval(name);
    }
    this.arm();
    this.options.onChange?.();
  }

  /** One-off background work at `at` (default now). */
  addJob(name: string, run: () => Promise<void>, at = this.now()): void {
    this.jobs.push({ at, name, run });
    this.jobs.sort((a, b) => a.at - b.at);
    this.lanes.jobs.dueAt = Math.min(this.lanes.jobs.dueAt, this.jobs[0]!.at);
    this.arm();
  }

  pendingJobs(): number {
    return this.jobs.length;
  }

  /** When the next lane is due (Infinity when nothing is planned), pause included. */
  nextDueAt(): number {
    const due = Math.min(...Object.values(this.lanes).filter((l) => !l.running).map((l) => l.dueAt));
    const paused = this.options.budget.snapshot().pausedUntil;
    return paused !== null && due < paused ? paused : due;
  }

  /** Starts every due lane; resolves when those runs are over. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    const paused = this.options.budget.snapshot().pausedUntil;
    const started: Promise<void>[] = [];
    if (paused === null || paused <= now) {
      for (const lane of Object.values(this.lanes)) if (!lane.running && lane.dueAt <= now) started.push(this.run(lane));
    }
    this.arm();
    await Promise.all(started);
  }

  /** Resolves once no lane is running (tests and the bench drive the clock between these). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const running = Object.values(this.lanes).map((l) => l.running).filter((r): r is Promise<void> => r !== null);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Interval of a periodic lane at the current activity and budget use. */
  interval(lane: 'open' | 'cycle'): number {
    const base = lane === 'open' ? this.policy.openIntervalMs : this.policy.cycleIntervalMs;
    return base * this.factor();
  }

  private factor(): number {
    return activityFactor(this.policy, this.activity) * budgetFactor(this.options.budget.snapshot());
  }

  private now(): number {
    return this.options.clock.now();
  }

  private run(lane: Lane): Promise<void> {
    lane.dueAt = Infinity;
    const body = this.body(lane);
    lane.running = body.then(
      () => this.finish(lane, null),
      (err: unknown) => this.finish(lane, err),
    );
    return lane.running;
  }

  private async body(lane: Lane): Promise<void> {
    switch (lane.name) {
      case 'initial':
        await this.options.work.initial((p) => {
          this.state.progress = { ...p };
          this.options.onChange?.();
        });
        this.state.progress = { phase: 'live', done: 0, total: 0 };
        return;
      case 'open': {
        const id = this.open;
        if (id === null) return;
        this.openWantedAt = Infinity;
        await this.options.work.pollOpen(id, this.openPolls++);
        return;
      }
      case 'cycle': {
        const withChats = this.cycles % this.policy.chatsEveryCycles === this.policy.chatsEveryCycles - 1;
        this.cycles++;
        const results = await Promise.allSettled([this.options.work.unipileCycle(withChats), this.genesysBatch()]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
        return;
      }
      case 'jobs': {
        const job = this.jobs[0];
        if (!job || job.at > this.now()) return;
        this.jobs.shift();
        try {
          await job.run();
        } catch (err) {
          // Unreachable: the job waits for the network like everything else; anything else is dropped and logged.
          if (isUnreachable(err)) this.jobs.push({ ...job, at: this.now() + this.offlineDelay() });
          throw err;
        } finally {
          this.jobs.sort((a, b) => a.at - b.at);
        }
        return;
      }
    }
  }

  private async genesysBatch(): Promise<void> {
    const candidates = (await this.options.work.genesysCandidates()).filter((c) => c.id !== this.open);
    const due = pickDue(this.policy, candidates, this.now(), this.factor(), this.policy.genesysPerCycle);
    for (const id of due) await this.options.work.pollGenesys(id);
  }

  private finish(lane: Lane, err: unknown): void {
    lane.running = null;
    const now = this.now();
    lane.lastEnd = now;
    if (err === null) {
      this.unreachableStreak = 0;
      this.state.online = true;
      this.state.lastSyncAt = now;
    } else if (isUnreachable(err)) {
      this.unreachableStreak++;
      this.state.online = false;
      this.state.lastError = { ...describeFailure(err), at: now };
    } else if (errorCode(err) !== 'cancelled') {
      this.state.lastError = { ...describeFailure(err), at: now };
      this.options.log?.(`sync: ${lane.name} failed`, err);
    }
    const failed = err !== null;
    const retry = failed ? this.offlineDelay() : 0;
    switch (lane.name) {
      case 'initial':
        if (failed) lane.dueAt = now + retry;
        else if (this.lanes.cycle.dueAt === Infinity && !this.lanes.cycle.running) this.lanes.cycle.dueAt = now;
        break;
      case 'open':
        if (this.open === null) lane.dueAt = Infinity;
        // Opened or asked for while that poll ran (a send): not an interval away.
        else if (this.openWantedAt !== Infinity) lane.dueAt = Math.max(this.openWantedAt, now + retry);
        else lane.dueAt = now + Math.max(this.interval('open'), retry);
        break;
      case 'cycle':
        if (!failed) this.state.completedCycles++;
        lane.dueAt = now + Math.max(this.interval('cycle'), retry);
        break;
      case 'jobs':
        lane.dueAt = this.jobs[0]?.at ?? Infinity;
        break;
    }
    if (!this.stopped) this.arm();
    this.options.onChange?.();
  }

  private offlineDelay(): number {
    const n = Math.max(0, this.unreachableStreak - 1);
    return Math.min(this.policy.offlineMaxMs, this.policy.offlineMinMs * 2 ** Math.min(n, 20));
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = null;
    const next = this.nextDueAt();
    if (next === Infinity) return;
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null;
      void this.tick();
    }, Math.max(0, next - this.now()));
  }
}
