import { DateTime } from 'luxon';
import { LONDON, londonToInstant } from '@careloop/time';
import { addDays, londonDateOf } from '@careloop/recurrence';

/**
 * The window a clinic's list of its schedule's slots covers: as asked; without either end, from the
 * start of today in London for `days` London days; an open end is `days` after the start, an open
 * start `days` before the end. Whether it is too long is the caller's check.
 */
export function scheduleSlotWindow(
  now: Date,
  from: string | undefined,
  to: string | undefined,
  days: number,
): { from: Date; to: Date } {
  const shift = (instant: Date, by: number) =>
    DateTime.fromJSDate(instant, { zone: LONDON }).plus({ days: by }).toJSDate();
  if (!from && !to) {
    const today = londonDateOf(now);
    return { from: londonToInstant(today, '00:00'), to: londonToInstant(addDays(today, days), '00:00') };
  }
  const start = from ? new Date(from) : shift(new Date(to!), -days);
  const end = to ? new Date(to) : shift(start, days);
  return { from: start, to: end };
}
