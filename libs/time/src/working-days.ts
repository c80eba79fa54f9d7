import { DateTime } from 'luxon';
import { LONDON, londonToInstant, toLondonWallClock } from './london';

/**
 * England and Wales bank holidays (gov.uk/bank-holidays), as London dates, including substitute days
 * when a holiday falls at a weekend. Covers 2025 to 2028.
 *
 * Extending it: add the next year's dates from https://www.gov.uk/bank-holidays.json
 * ("england-and-wales") when they are announced (usually a year or more ahead), and move
 * BANK_HOLIDAYS_KNOWN_UNTIL on. Until then, days of an uncovered year count as working days whenever
 * they fall Monday to Friday: a deadline may land on a holiday, but nothing stops working.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2025
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  // 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute day.
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  // 2027: Christmas Day and Boxing Day fall at the weekend: Monday 27 and Tuesday 28 December.
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  // 2028: New Year's Day is a Saturday, so Monday 3 January is the substitute day.
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
]);

/** The last year the list above covers. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = 2028;

/** When a working day ends for follow-up work: tasks due "by the end of the day" are due then. */
export const END_OF_WORKING_DAY = '17:00';

/** Whether a London date (`YYYY-MM-DD`) is Monday to Friday and not an England and Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  const day = DateTime.fromISO(date, { zone: LONDON });
  if (!day.isValid) throw new RangeError(`Expected a date YYYY-MM-DD, got "${date}"`);
  return day.weekday <= 5 && !ENGLAND_AND_WALES_BANK_HOLIDAYS.has(date);
}

function nextDate(date: string): string {
  return DateTime.fromISO(date, { zone: LONDON }).plus({ days: 1 }).toFormat('yyyy-MM-dd');
}

/** The working day `count` working days after `date` (a London date), stepping over weekends and holidays. */
export function addWorkingDays(date: string, count: number): string {
  let day = date;
  for (let left = count; left > 0;) {
    day = nextDate(day);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/**
 * 17:00 Europe/London on the working day `workingDaysAhead` working days after `from`'s London date.
 * With 0: that same day if it is a working day and `from` is before 17:00, else the next working day.
 * Working days are Monday to Friday except England and Wales bank holidays. Computed on London dates,
 * so the answer stays 17:00 on the clocks across the spring and autumn changes (16:00 or 17:00 UTC).
 */
export function endOfWorkingDay(from: Date, workingDaysAhead: number): Date {
  if (!Number.isInteger(workingDaysAhead) || workingDaysAhead < 0) {
    throw new RangeError(
      `workingDaysAhead must be a whole number of days, 0 or more, got ${workingDaysAhead}`,
    );
  }
  const { date } = toLondonWallClock(from);
  const today = londonToInstant(date, END_OF_WORKING_DAY);
  const day =
    workingDaysAhead === 0 && isWorkingDay(date) && from.getTime() < today.getTime()
      ? date
      : addWorkingDays(date, Math.max(workingDaysAhead, 1));
  return londonToInstant(day, END_OF_WORKING_DAY);
}
