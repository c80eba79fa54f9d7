/**
 * Port for delayed jobs. Jobs carry ids only, never the truth: a reminder job holds a reminder id and
 * its handler reloads the row, acting only if it is still due and still matches. Delivery is at least
 * once (a crashed worker's job runs again), so handlers must be idempotent; the guard against a second
 * effect is a unique row in Postgres, not the scheduler.
 */
export type JobData = Record<string, string | number | boolean>;

export interface JobToSchedule {
  /** Deterministic id chosen by the caller, e.g. `reminder:<uuid>`. Any characters are allowed. */
  id: string;
  runAt: Date;
  data: JobData;
}

export interface RunningJob {
  id: string;
  data: JobData;
  /** 1 for the first run, 2 for the first retry, and so on. */
  attempt: number;
}

export type JobHandler = (job: RunningJob) => Promise<void>;

export interface ProcessOptions {
  /** Jobs of this queue run at once in this process (default 1). */
  concurrency?: number;
  /** Runs in total before a job is left failed (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry; doubles on each further retry (default 1000 ms). */
  backoffMs?: number;
}

/**
 * How soon a job whose worker process died (killed, out of memory, host lost) runs again. Kept apart
 * from ProcessOptions so that a fully-set `Required<ProcessOptions>` policy need not choose it.
 */
export interface StallOptions {
  /**
   * A job whose worker died is re-run about this long after: a running job's lock lasts this long
   * and its live worker renews it at least every half of it; a check that runs this often marks the
   * jobs no lock renewal has touched since the last check, and hands them to a live worker if their
   * lock has lapsed. Hence one to two times this long, never under half of it, at most three times.
   * Shorter recovers faster, but a worker whose event loop is blocked this long loses its jobs to
   * another (the handler runs twice: it must be idempotent anyway). At least 100 ms; default
   * 30 000 ms (BullMQ's).
   */
  stallAfterMs?: number;
}

export type JobState = 'scheduled' | 'running' | 'completed' | 'failed';

/** What the scheduler remembers about a job: for inspection and tests, not for business decisions. */
export interface JobStatus {
  id: string;
  state: JobState;
  /** The runAt it was scheduled for (retries run later than this). */
  runAt: Date;
  data: JobData;
  /** Runs that have finished, successfully or not. */
  attemptsMade: number;
  failedReason?: string;
}

export interface JobScheduler {
  /**
   * Schedules a job, idempotent on its id within the queue:
   * - the same id, runAt and data again: nothing changes (one job, whatever its state);
   * - a different runAt or data while the job waits (or waits for a retry): it is replaced, attempts
   *   start again from 1;
   * - a different runAt or data after it completed or failed (while still remembered): it is
   *   scheduled afresh;
   * - a different runAt or data while it is running: rejects with JobRunningError; retry later.
   * Completed jobs are forgotten after a bounded history, after which the same id can run again.
   */
  schedule(queue: string, job: JobToSchedule): Promise<void>;
  /**
   * Removes a waiting, completed or failed job; unknown ids are ignored. A running attempt is not
   * interrupted (and may still retry if it fails): the real cancellation is the row's status.
   */
  cancel(queue: string, jobId: string): Promise<void>;
  /** Registers the handler of a queue in this process; at most one per queue. */
  process(queue: string, handler: JobHandler, options?: ProcessOptions & StallOptions): void;
  inspect(queue: string, jobId: string): Promise<JobStatus | undefined>;
  /** Readiness check against the backing store. */
  ping(): Promise<void>;
  /** Stops taking jobs, waits for running handlers, releases connections. */
  close(): Promise<void>;
}

export class JobRunningError extends Error {
  constructor(
    readonly queue: string,
    readonly jobId: string,
  ) {
    super(`Job "${jobId}" in queue "${queue}" is running; it cannot be rescheduled until it finishes`);
    this.name = 'JobRunningError';
  }
}
