/** Browsers' clocks run a little fast; a time this close ahead of now is taken as now, never stored ahead. */
export const CLOCK_SKEW_MS = 2 * 60_000;
/** How far back an action may be recorded: staff catch up on the week, not on last year. */
export const MAX_BACKDATE_MS = 30 * 24 * 60 * 60_000;

export type OccurredAtProblem = 'IN_FUTURE' | 'TOO_LONG_AGO';

/**
 * When an action happened: now when not given; the given instant when it lies within the last 30
 * days; now when it is at most two minutes ahead (clock skew); otherwise the problem with it.
 */
export function resolveOccurredAt(
  given: string | undefined,
  now: Date,
): { at: Date; problem?: undefined } | { at?: undefined; problem: OccurredAtProblem } {
  if (given === undefined) return { at: now };
  const at = new Date(given);
  const delta = at.getTime() - now.getTime();
  if (delta > CLOCK_SKEW_MS) return { problem: 'IN_FUTURE' };
  if (-delta > MAX_BACKDATE_MS) return { problem: 'TOO_LONG_AGO' };
  return { at: delta > 0 ? now : at };
}
