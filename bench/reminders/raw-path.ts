import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REMINDERS_QUEUE } from '../../apps/reminders/src/plan/reminder-jobs';
import type { QueuePath } from './queue-path';
import type { ReminderSet } from './reminder-set';

/** The job name BullMqJobScheduler gives every job. */
const JOB_NAME = 'job';

/**
 * The id BullMqJobScheduler stores for `reminder:<id>` (its `toBullJobId`, not exported: BullMQ refuses
 * ':' in ids). The raw path uses it too, so both paths write keys and set members of the same length;
 * the run checks that our path's jobs are found under it.
 */
export function bullJobIdOfReminder(reminderId: string): string {
  return `j.reminder%3A${reminderId}`;
}

/**
 * The baseline: plain BullMQ. `Queue.addBulk` of `bulk` delayed jobs at a time, sequentially, each job
 * with the same id, the same delay and data {reminderId} only, with BullMQ's default options (no
 * retry policy, no history limits, no existence check first); a plain `Worker` runs them.
 */
export class RawBullMqPath implements QueuePath {
  readonly label: string;
  readonly warnings: string[] = [];
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    redisUrl: string,
    readonly prefix: string,
    private readonly bulk: number,
  ) {
    this.label = `raw BullMQ Queue.addBulk(${bulk})`;
    // BullMQ's blocking commands need maxRetriesPerRequest: null; the worker duplicates this connection.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error: Error) => this.warn('Redis connection', error));
    this.queue = new Queue(REMINDERS_QUEUE, { connection: this.connection, prefix });
    this.queue.on('error', (error: Error) => this.warn('queue', error));
  }

  async scheduleAll(set: ReminderSet, onAdded?: (added: number) => void): Promise<void> {
    for (let start = 0; start < set.count; start += this.bulk) {
      const end = Math.min(set.count, start + this.bulk);
      const now = Date.now();
      const jobs = [];
      for (let i = start; i < end; i += 1) {
        const reminder = set.at(i);
        jobs.push({
          name: JOB_NAME,
          data: { reminderId: reminder.id },
          opts: {
            jobId: bullJobIdOfReminder(reminder.id),
            delay: Math.max(0, reminder.dueAt.getTime() - now),
          },
        });
      }
      await this.queue.addBulk(jobs);
      onAdded?.(end);
    }
  }

  async work(concurrency: number, handler: (reminderId: string) => Promise<void>): Promise<void> {
    if (this.worker) throw new Error('the raw path already has a worker');
    this.worker = new Worker<{ reminderId: string }>(REMINDERS_QUEUE, (job) => handler(job.data.reminderId), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency,
    });
    this.worker.on('error', (error: Error) => this.warn('worker', error));
    await this.worker.waitUntilReady();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await this.queue.close();
      await this.connection.quit();
    })();
    return this.closing;
  }

  private warn(what: string, error: Error): void {
    this.warnings.push(`${what}: ${error.message}`);
  }
}
