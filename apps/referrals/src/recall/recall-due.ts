import { DateTime } from 'luxon';
import { LONDON, toLondonWallClock } from '@careloop/time';

/** A calendar date in Europe/London, `YYYY-MM-DD`. Recall works in whole days, never instants. */
export type LondonDate = string;

export type RecallStatus = 'overdue' | 'due_soon' | 'not_due';

export interface RecallDue {
  status: RecallStatus;
  /** When the next check falls due; null when it was never done and nothing tells us since when. */
  dueOn: LondonDate | null;
  /** Whole days from today to dueOn: negative when overdue, null with dueOn. */
  daysUntilDue: number | null;
}

function day(date: LondonDate): DateTime {
  const parsed = DateTime.fromISO(date, { zone: LONDON });
  if (!parsed.isValid || parsed.toISODate() !== date) throw new RangeError(`Not a date: "${date}"`);
  return parsed;
}

/** Today's date on a London calendar: 23:30 UTC on 30 June is already 1 July in London (BST). */
export function londonToday(now: Date): LondonDate {
  return toLondonWallClock(now).date;
}

/**
 * The date a check done on `doneOn` falls due again. Months are calendar months: 29 March 2026 plus
 * 12 months is 29 March 2027, whatever the clocks did; a day the target month lacks becomes its last
 * day (31 January plus 1 month is 28 February, or 29th in a leap year).
 */
export function nextDueOn(doneOn: LondonDate, intervalMonths: number): LondonDate {
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1) {
    throw new RangeError(`Interval must be a whole number of months, got ${intervalMonths}`);
  }
  return day(doneOn).plus({ months: intervalMonths }).toISODate()!;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier), immune to clock changes. */
export function daysBetween(from: LondonDate, to: LondonDate): number {
  return Math.round(day(to).diff(day(from), 'days').days);
}

/**
 * Where one client's check stands today. Due on the due date itself counts as due soon (still
 * doable today); overdue from the day after. Never done counts as overdue, since `since` (the first
 * time the service saw the client) when known.
 */
export function recallDue(input: {
  lastDoneOn: LondonDate | null;
  intervalMonths: number;
  today: LondonDate;
  dueSoonDays: number;
  since?: LondonDate | null;
}): RecallDue {
  const { lastDoneOn, intervalMonths, today, dueSoonDays } = input;
  if (lastDoneOn === null) {
    const dueOn = input.since ?? null;
    return { status: 'overdue', dueOn, daysUntilDue: dueOn === null ? null : daysBetween(today, dueOn) };
  }
  const dueOn = nextDueOn(lastDoneOn, intervalMonths);
  const daysUntilDue = daysBetween(today, dueOn);
  const status: RecallStatus =
    daysUntilDue < 0 ? 'overdue' : daysUntilDue <= dueSoonDays ? 'due_soon' : 'not_due';
  return { status, dueOn, daysUntilDue };
}
