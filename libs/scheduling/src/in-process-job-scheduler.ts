import { isObservableClock, type Clock } from '@careloop/time';
import {
  assertSchedulable,
  COMPLETED_JOBS_KEPT,
  FAILED_JOBS_KEPT,
  retryDelayMs,
  retryPolicy,
  sameSchedule,
  stallAfterMs,
  type RetryPolicy,
} from './job-policy';
import {
  JobRunningError,
  type JobHandler,
  type JobScheduler,
  type JobStatus,
  type JobToSchedule,
  type ProcessOptions,
  type StallOptions,
} from './job-scheduler';

interface Entry extends JobStatus {
  /** When the next attempt may start (runAt, or later for a retry). */
  dueAt: number;
}

interface QueueState {
  jobs: Map<string, Entry>;
  worker?: { handler: JobHandler; policy: RetryPolicy; running: number };
  timer?: NodeJS.Timeout;
}

// setTimeout cannot wait longer than this; a longer wait is re-armed when it fires.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Scheduler for embedded mode: jobs live in memory (lost on exit; the database still holds the truth,
 * so a start-up sweep re-schedules what is due). Due times are read from the injected clock. With a
 * clock that announces changes (ManualClock) advancing it runs what became due; otherwise a real
 * timer wakes the queue at its next due job.
 */
export class InProcessJobScheduler implements JobScheduler {
  private readonly clock: Clock;
  private readonly queues = new Map<string, QueueState>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopWatchingClock: (() => void) | undefined;
  private closed = false;

  constructor(options: { clock: Clock }) {
    this.clock = options.clock;
    const clock = this.clock;
    this.stopWatchingClock = isObservableClock(clock) ? clock.onAdvance(() => this.wakeAll()) : undefined;
  }

  async schedule(queue: string, job: JobToSchedule): Promise<void> {
    this.assertOpen();
    assertSchedulable(queue, job);
    const state = this.queue(queue);
    const existing = state.jobs.get(job.id);
    if (existing && sameSchedule(existing, job)) return;
    if (existing?.state === 'running') throw new JobRunningError(queue, job.id);
    state.jobs.delete(job.id); // re-insert so history trimming sees it as the newest
    state.jobs.set(job.id, {
      id: job.id,
      state: 'scheduled',
      runAt: new Date(job.runAt),
      data: { ...job.data },
      attemptsMade: 0,
      dueAt: job.runAt.getTime(),
    });
    this.wakeSoon(queue);
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    const state = this.queues.get(queue);
    const existing = state?.jobs.get(jobId);
    if (state && existing && existing.state !== 'running') state.jobs.delete(jobId);
  }

  process(queue: string, handler: JobHandler, options?: ProcessOptions & StallOptions): void {
    this.assertOpen();
    const state = this.queue(queue);
    if (state.worker) throw new Error(`Queue "${queue}" already has a handler in this process`);
    // Checked, then ignored: jobs here die with the process that runs them, so there is never a dead
    // worker's job for another to take over. Checking keeps a bad value from passing here and failing
    // only where BullMQ is used.
    stallAfterMs(options);
    state.worker = { handler, policy: retryPolicy(options), running: 0 };
    this.wakeSoon(queue);
  }

  async inspect(queue: string, jobId: string): Promise<JobStatus | undefined> {
    const entry = this.queues.get(queue)?.jobs.get(jobId);
    if (!entry) return undefined;
    return {
      id: entry.id,
      state: entry.state,
      runAt: new Date(entry.runAt),
      data: { ...entry.data },
      attemptsMade: entry.attemptsMade,
      ...(entry.failedReason !== undefined ? { failedReason: entry.failedReason } : {}),
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatchingClock?.();
    for (const state of this.queues.values()) clearTimeout(state.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private queue(name: string): QueueState {
    let state = this.queues.get(name);
    if (!state) {
      state = { jobs: new Map() };
      this.queues.set(name, state);
    }
    return state;
  }

  private wakeAll(): void {
    for (const name of this.queues.keys()) this.wakeSoon(name);
  }

  // Deferred so schedule() and clock.advance() return before any handler starts.
  private wakeSoon(queue: string): void {
    setImmediate(() => this.pump(queue));
  }

  private pump(queueName: string): void {
    const state = this.queues.get(queueName);
    if (this.closed || !state?.worker) return;
    const worker = state.worker;
    const now = this.clock.now().getTime();
    const due = [...state.jobs.values()]
      .filter((entry) => entry.state === 'scheduled' && entry.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const entry of due) {
      if (worker.running >= worker.policy.concurrency) break;
      this.start(queueName, state, entry);
    }
    this.armTimer(queueName, state, now);
  }

  private start(queueName: string, state: QueueState, entry: Entry): void {
    const worker = state.worker;
    if (!worker) return;
    entry.state = 'running';
    worker.running += 1;
    const attempt = entry.attemptsMade + 1;
    const run = worker.handler({ id: entry.id, data: { ...entry.data }, attempt }).then(
      () => {
        entry.attemptsMade = attempt;
        entry.state = 'completed';
        this.trimHistory(state, 'completed', COMPLETED_JOBS_KEPT);
      },
      (error: unknown) => {
        entry.attemptsMade = attempt;
        entry.failedReason = error instanceof Error ? error.message : String(error);
        if (attempt < worker.policy.maxAttempts) {
          entry.state = 'scheduled';
          entry.dueAt = this.clock.now().getTime() + retryDelayMs(worker.policy, attempt);
        } else {
          entry.state = 'failed';
          this.trimHistory(state, 'failed', FAILED_JOBS_KEPT);
        }
      },
    );
    const tracked = run.finally(() => {
      worker.running -= 1;
      this.inFlight.delete(tracked);
      this.wakeSoon(queueName);
    });
    this.inFlight.add(tracked);
  }

  /** Without a clock that announces changes, a real timer wakes the queue at its next due job. */
  private armTimer(queueName: string, state: QueueState, now: number): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    if (this.stopWatchingClock) return;
    let next = Infinity;
    for (const entry of state.jobs.values())
      if (entry.state === 'scheduled' && entry.dueAt > now) next = Math.min(next, entry.dueAt);
    if (next === Infinity) return;
    state.timer = setTimeout(() => this.pump(queueName), Math.min(next - now, MAX_TIMER_MS));
    state.timer.unref();
  }

  private trimHistory(state: QueueState, kind: 'completed' | 'failed', keep: number): void {
    const finished = [...state.jobs.values()].filter((entry) => entry.state === kind);
    for (const entry of finished.slice(0, Math.max(0, finished.length - keep))) state.jobs.delete(entry.id);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('JobScheduler is closed');
  }
}
