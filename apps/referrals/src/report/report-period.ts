import { DateTime } from 'luxon';
import { LONDON, londonToInstant } from '@careloop/time';

/** Longest period one report covers, in London days, both ends included: a leap year. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

/** A report's London calendar days and the instants they run between. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** 00:00 London on `from`. */
  startsAt: Date;
  /** 00:00 London on the day after `to`: the first instant not in the period. */
  endsBefore: Date;
}

/** Days from `from` to `to`, both included (calendar arithmetic: no time zone involved); NaN if malformed. */
export function daysInPeriod(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
}

/** The calendar month before the one `now` falls in, in London. */
export function previousCalendarMonth(now: Date): { from: string; to: string } {
  const month = DateTime.fromJSDate(now, { zone: LONDON }).startOf('month').minus({ months: 1 });
  return { from: month.toISODate()!, to: month.endOf('month').toISODate()! };
}

/**
 * The period asked for (both days given, already checked) or, without days, the previous calendar
 * month. A London day starts at local midnight, so the day of the autumn clock change is 25 hours
 * long and the spring one 23.
 */
export function reportPeriod(days: { from?: string; to?: string }, now: Date): ReportPeriod {
  const { from, to } =
    days.from !== undefined && days.to !== undefined
      ? { from: days.from, to: days.to }
      : previousCalendarMonth(now);
  const dayAfter = DateTime.fromISO(to, { zone: LONDON }).plus({ days: 1 }).toISODate()!;
  return {
    from,
    to,
    startsAt: londonToInstant(from, '00:00'),
    endsBefore: londonToInstant(dayAfter, '00:00'),
  };
}
