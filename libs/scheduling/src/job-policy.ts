import type { JobData, JobToSchedule, ProcessOptions, StallOptions } from './job-scheduler';

export const COMPLETED_JOBS_KEPT = 1000;
export const FAILED_JOBS_KEPT = 10_000;

export interface RetryPolicy {
  concurrency: number;
  maxAttempts: number;
  backoffMs: number;
}

export function retryPolicy(options: ProcessOptions = {}): RetryPolicy {
  const policy = {
    concurrency: options.concurrency ?? 1,
    maxAttempts: options.maxAttempts ?? 5,
    backoffMs: options.backoffMs ?? 1000,
  };
  if (!Number.isInteger(policy.concurrency) || policy.concurrency < 1)
    throw new RangeError('concurrency must be a positive integer');
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError('maxAttempts must be a positive integer');
  if (!Number.isFinite(policy.backoffMs) || policy.backoffMs < 0)
    throw new RangeError('backoffMs must be a non-negative number');
  return policy;
}

// Below this, an event loop busy for a moment (a GC pause, a large JSON parse) would pass for a
// dead worker and its jobs would run twice.
export const MIN_STALL_AFTER_MS = 100;

/** The validated stall time, or undefined for the adapter's default. */
export function stallAfterMs(options: StallOptions = {}): number | undefined {
  const ms = options.stallAfterMs;
  if (ms !== undefined && (!Number.isInteger(ms) || ms < MIN_STALL_AFTER_MS))
    throw new RangeError(`stallAfterMs must be an integer of at least ${MIN_STALL_AFTER_MS} ms`);
  return ms;
}

/** Delay before the retry that follows failed attempt number `attempt`: backoff, 2x, 4x... */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  return policy.backoffMs * 2 ** (attempt - 1);
}

export function assertSchedulable(queue: string, job: JobToSchedule): void {
  if (queue.length === 0) throw new RangeError('Queue name must not be empty');
  if (job.id.length === 0) throw new RangeError('Job id must not be empty');
  if (Number.isNaN(job.runAt.getTime())) throw new RangeError(`Job "${job.id}" has an invalid runAt`);
}

export function sameSchedule(a: { runAt: Date; data: JobData }, b: { runAt: Date; data: JobData }): boolean {
  return a.runAt.getTime() === b.runAt.getTime() && sameData(a.data, b.data);
}

function sameData(a: JobData, b: JobData): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && a[key] === b[key])
  );
}
