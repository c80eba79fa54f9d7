import { londonToInstant, toLondonWallClock } from '@careloop/time';
import { MAX_CLINIC_WINDOW_DAYS } from './clinic.dto';

const DAY = 24 * 60 * 60_000;

/** The London day `now` falls in, as instants: 23 or 25 hours long on the days the clocks change. */
export function londonDayOf(now: Date): { from: Date; to: Date } {
  const today = toLondonWallClock(now).date;
  const tomorrow = toLondonWallClock(new Date(londonToInstant(today, '12:00').getTime() + DAY)).date;
  return { from: londonToInstant(today, '00:00'), to: londonToInstant(tomorrow, '00:00') };
}

/**
 * The window a clinic list covers: as asked, or the current London day; an open end is one day from
 * the start, an open start one day before the end, never longer than the maximum.
 */
export function clinicWindow(
  now: Date,
  from: string | undefined,
  to: string | undefined,
): { from: Date; to: Date } {
  if (!from && !to) return londonDayOf(now);
  const start = from ? new Date(from) : new Date(Date.parse(to!) - DAY);
  const end = to ? new Date(to) : new Date(start.getTime() + DAY);
  return {
    from: start,
    to: new Date(Math.min(end.getTime(), start.getTime() + MAX_CLINIC_WINDOW_DAYS * DAY)),
  };
}
