import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Clock } from '@careloop/time';
import { toBullJobId } from './bullmq-job-id';
import {
  assertSchedulable,
  COMPLETED_JOBS_KEPT,
  FAILED_JOBS_KEPT,
  retryDelayMs,
  retryPolicy,
  sameSchedule,
  stallAfterMs,
} from './job-policy';
import {
  JobRunningError,
  type JobData,
  type JobHandler,
  type JobScheduler,
  type JobState,
  type JobStatus,
  type JobToSchedule,
  type ProcessOptions,
  type StallOptions,
} from './job-scheduler';

/** What we store in a BullMQ job: our id (BullMQ's is escaped), the requested time and the data. */
interface StoredJob {
  id: string;
  runAt: string;
  data: JobData;
}

export interface BullMqJobSchedulerOptions {
  redisUrl: string;
  /** Redis key prefix, e.g. `careloop` (tests use a unique one per file). */
  prefix: string;
  clock: Clock;
  logger?: { warn(message: string): void };
}

// Retries are decided by the worker (it knows the handler's policy), so jobs allow "unlimited" attempts
// and the worker fails the last one with UnrecoverableError; backoff uses the worker's strategy.
const ATTEMPTS_CEILING = 1_000_000;
const BACKOFF_TYPE = 'careloop-exponential';
const JOB_NAME = 'job';

const PENDING_STATES = new Set(['delayed', 'waiting', 'wait', 'prioritized', 'paused', 'waiting-children']);

/**
 * JobScheduler on BullMQ and Redis. Delays are computed from the injected clock (`runAt - now`);
 * Redis then times them in real time. Completed jobs are kept for a bounded history, failed ones
 * longer for inspection.
 */
export class BullMqJobScheduler implements JobScheduler {
  private readonly redis: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly logger: { warn(message: string): void };
  private closed = false;

  constructor(private readonly options: BullMqJobSchedulerOptions) {
    // BullMQ's blocking commands need maxRetriesPerRequest: null; workers duplicate this connection.
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.logger = options.logger ?? console;
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis connection error: ${error.message}`));
  }

  async schedule(queue: string, job: JobToSchedule): Promise<void> {
    this.assertOpen();
    assertSchedulable(queue, job);
    const bullQueue = this.queue(queue);
    const bullId = toBullJobId(job.id);
    const existing = await bullQueue.getJob(bullId);
    if (existing) {
      const stored = existing.data as StoredJob;
      if (sameSchedule({ runAt: new Date(stored.runAt), data: stored.data }, job)) return;
      if ((await existing.getState()) === 'active') throw new JobRunningError(queue, job.id);
      await this.remove(queue, existing);
    }
    const stored: StoredJob = { id: job.id, runAt: job.runAt.toISOString(), data: { ...job.data } };
    const options: JobsOptions = {
      jobId: bullId,
      delay: Math.max(0, job.runAt.getTime() - this.options.clock.now().getTime()),
      attempts: ATTEMPTS_CEILING,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { count: COMPLETED_JOBS_KEPT },
      removeOnFail: { count: FAILED_JOBS_KEPT },
    };
    await bullQueue.add(JOB_NAME, stored, options);
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    this.assertOpen();
    const existing = await this.queue(queue).getJob(toBullJobId(jobId));
    if (!existing || (await existing.getState()) === 'active') return;
    await this.remove(queue, existing).catch((error: unknown) => {
      // It started between the two calls: a running attempt is not interrupted (see the port).
      if (!(error instanceof JobRunningError)) throw error;
    });
  }

  process(queue: string, handler: JobHandler, options?: ProcessOptions & StallOptions): void {
    this.assertOpen();
    if (this.workers.has(queue)) throw new Error(`Queue "${queue}" already has a handler in this process`);
    const policy = retryPolicy(options);
    const stallMs = stallAfterMs(options);
    const worker = new Worker<StoredJob>(
      queue,
      async (job: Job<StoredJob>) => {
        const attempt = job.attemptsMade + 1;
        try {
          await handler({ id: job.data.id, data: job.data.data, attempt });
        } catch (error) {
          if (attempt >= policy.maxAttempts)
            throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
      {
        connection: this.redis,
        prefix: this.options.prefix,
        concurrency: policy.concurrency,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(policy, attemptsMade) },
        // Unset, BullMQ's own defaults apply, which are the same pair at 30 s (see StallOptions).
        ...(stallMs !== undefined ? { lockDuration: stallMs, stalledInterval: stallMs } : {}),
      },
    );
    worker.on('error', (error: Error) =>
      this.logger.warn(`Worker for queue "${queue}" failed: ${error.message}`),
    );
    this.workers.set(queue, worker);
  }

  async inspect(queue: string, jobId: string): Promise<JobStatus | undefined> {
    const job = (await this.queue(queue).getJob(toBullJobId(jobId))) as Job<StoredJob> | undefined;
    if (!job) return undefined;
    const state = toJobState(await job.getState());
    if (!state) return undefined;
    return {
      id: job.data.id,
      state,
      runAt: new Date(job.data.runAt),
      data: job.data.data,
      attemptsMade: job.attemptsMade,
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** Workers first (each waits for its running jobs), then queues, then the shared connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.redis.quit();
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.options.prefix });
      queue.on('error', (error: Error) => this.logger.warn(`Queue "${name}" failed: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async remove(queue: string, job: Job): Promise<void> {
    try {
      await job.remove();
    } catch (error) {
      // BullMQ refuses to remove a job locked by a worker: it started meanwhile.
      if ((await job.getState()) === 'active') throw new JobRunningError(queue, (job.data as StoredJob).id);
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('JobScheduler is closed');
  }
}

function toJobState(state: string): JobState | undefined {
  if (PENDING_STATES.has(state)) return 'scheduled';
  if (state === 'active') return 'running';
  if (state === 'completed' || state === 'failed') return state;
  return undefined;
}
