import type { JobToSchedule } from '@careloop/scheduling';

/** The JobScheduler queue of booking's timer job. */
export const BOOKING_TIMERS_QUEUE = 'booking-timers';

/**
 * Ticks fall on whole multiples of the interval since the epoch (every :00 and :30 for 30 s), so
 * every booking process derives the same due time, hence the same job id, and the scheduler keeps
 * one job per tick however many processes ask for it.
 */
export function nextTickAfter(now: Date, intervalSeconds: number): number {
  return (Math.floor(now.getTime() / 1000 / intervalSeconds) + 1) * intervalSeconds;
}

/** The job of the tick due at `tickSeconds` (epoch seconds): its id and data are the tick alone. */
export function tickJob(tickSeconds: number): JobToSchedule {
  return { id: `tick:${tickSeconds}`, runAt: new Date(tickSeconds * 1000), data: { tick: tickSeconds } };
}
