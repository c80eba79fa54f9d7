import { occurrenceDates, parseRrule, sessionInstants } from '@careloop/recurrence';

/** What planning needs of a series: its recurrence, London wall-clock times and validity dates. */
export interface SeriesPattern {
  rrule: string;
  /** HH:mm, Europe/London. */
  startTime: string;
  endTime: string;
  slotMinutes: number;
  /** London dates (yyyy-mm-dd), inclusive. */
  validFrom: string;
  validUntil: string | null;
}

/** One session a series holds: its London date and its start and end as instants. */
export interface PlannedSession {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/** A window of London dates, both inclusive. */
export interface DateWindow {
  from: string;
  to: string;
}

/**
 * The sessions a series holds on its dates in `window`, in order: the RRULE's dates (counted from
 * validFrom, as booking counts them), minus `skipDates` (exceptions, and dates already decided), each at
 * its London wall-clock times. 10:00 stays 10:00 in London across the clock changes, so its UTC time
 * moves; a session whose start or end a spring-forward change skips is not held that day.
 */
export function planSessions(
  pattern: SeriesPattern,
  window: DateWindow,
  skipDates: ReadonlySet<string> = new Set(),
): PlannedSession[] {
  if (window.from > window.to) return [];
  const recurring = { ...pattern, recurrence: parseRrule(pattern.rrule) };
  return occurrenceDates(recurring, window.from, window.to).flatMap((date) => {
    if (skipDates.has(date)) return [];
    const instants = sessionInstants(date, pattern.startTime, pattern.endTime);
    return instants ? [{ date, ...instants }] : [];
  });
}

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

/** The dates of the planned sessions that share time with any of `taken` (touching ends do not). */
export function clashingDates(planned: readonly PlannedSession[], taken: readonly TimeRange[]): string[] {
  const overlaps = (a: TimeRange, b: TimeRange) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  return planned.filter((p) => taken.some((t) => overlaps(p, t))).map((p) => p.date);
}
