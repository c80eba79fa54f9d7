import { setTimeout as sleep } from 'node:timers/promises';
import { rateLimitFrom } from '../../apps/reminders/src/gateway/sms-gateway-from-config';
import { TokenBucket } from '../../apps/reminders/src/gateway/token-bucket';
import { summarise, type LatencySummary } from '../events/percentiles';
import type { RemindersBenchArgs } from './args';
import { progress } from './progress';
import type { QueuePath } from './queue-path';
import { burstReminders } from './reminder-set';

export interface BurstFigures {
  label: string;
  reminders: number;
  /** From the start of the burst's scheduling until every job was added, ms; must end before it is due. */
  scheduledInMs: number;
  /** Handler entered - due, ms, for each job: the scheduler's part. */
  pickup: LatencySummary;
  /** The earliest handler entry - due, ms: how promptly the scheduler starts a job that fell due. */
  firstPickupMs: number;
  /** Token taken - due, ms, for each job: when its SMS would go. */
  lateness: LatencySummary;
  /** Last token taken - due, seconds. */
  drainSeconds: number;
  /** Sends per second once the bucket's initial tokens were spent. */
  steadyRate: number;
  sent: number;
  /** Jobs run more than once, and jobs of no reminder of the burst: both must be 0. */
  duplicates: number;
  strays: number;
}

/** The gateway's limiter for a rate: SMS_RATE_PER_SECOND with a burst of one second's worth. */
export function limitFor(rate: number): { ratePerSecond: number; burst: number } {
  return rateLimitFrom({ SMS_RATE_PER_SECOND: rate });
}

/**
 * What the limiter alone allows: the bucket's initial tokens go at once, token k (0-based) after
 * that at (k + 1 - burst) / rate seconds. The floor for any scheduler.
 */
export function idealLateness(
  reminders: number,
  rate: number,
): { lateness: LatencySummary; drainSeconds: number } {
  const { burst } = limitFor(rate);
  const ms = Array.from({ length: reminders }, (_, k) => (Math.max(0, k + 1 - burst) / rate) * 1000);
  return { lateness: summarise(ms), drainSeconds: ms[ms.length - 1]! / 1000 };
}

/**
 * `args.burst` reminders all due `args.leadMs` from now, run by a worker of the path whose handler takes
 * a token from the gateway's TokenBucket at `args.rate` (then optionally waits `args.sendMs`, the
 * gateway call). Lateness is measured on the wall clock against the due time the jobs were given.
 */
export async function measureBurst(path: QueuePath, args: RemindersBenchArgs): Promise<BurstFigures> {
  const bucket = new TokenBucket(limitFor(args.rate));
  const pickedAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  let duplicates = 0;
  let strays = 0;
  let finished = 0;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));

  const began = Date.now();
  const dueAt = began + args.leadMs;
  const set = burstReminders(args.burst, dueAt);
  const ids = new Set(Array.from({ length: set.count }, (_, i) => set.at(i).id));

  await path.work(args.concurrency, async (reminderId) => {
    const entered = Date.now();
    if (!ids.has(reminderId)) strays += 1;
    else if (pickedAt.has(reminderId)) duplicates += 1;
    else pickedAt.set(reminderId, entered);
    await bucket.take();
    if (!sentAt.has(reminderId)) sentAt.set(reminderId, Date.now());
    if (args.sendMs > 0) await sleep(args.sendMs);
    finished += 1;
    if (sentAt.size === set.count) allDone();
  });
  await path.scheduleAll(set);
  const scheduledInMs = Date.now() - began;
  progress(
    `${path.label}: ${set.count} reminders due in ${((dueAt - Date.now()) / 1000).toFixed(1)} s ` +
      `(scheduled in ${scheduledInMs} ms)`,
  );

  const { drainSeconds: expected } = idealLateness(set.count, args.rate);
  const timeoutMs = args.leadMs + expected * 2000 + (set.count * args.sendMs) / args.concurrency + 60_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    done,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${path.label}: only ${sentAt.size} of ${set.count} burst reminders sent within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));

  const sends = [...sentAt.values()].sort((a, b) => a - b);
  const { burst: tokens } = limitFor(args.rate);
  const steadyRate =
    sends.length > tokens
      ? ((sends.length - tokens) * 1000) / (sends[sends.length - 1]! - sends[tokens - 1]!)
      : Number.NaN;
  const pickups = [...pickedAt.values()].map((t) => t - dueAt);
  const figures: BurstFigures = {
    label: path.label,
    reminders: set.count,
    scheduledInMs,
    pickup: summarise(pickups),
    firstPickupMs: pickups.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    lateness: summarise(sends.map((t) => t - dueAt)),
    drainSeconds: (sends[sends.length - 1]! - dueAt) / 1000,
    steadyRate,
    sent: sentAt.size,
    duplicates,
    strays,
  };
  progress(
    `${path.label}: burst drained in ${figures.drainSeconds.toFixed(2)} s, lateness p50 ` +
      `${figures.lateness.p50} ms, p99 ${figures.lateness.p99} ms (${finished} handlers finished)`,
  );
  return figures;
}
