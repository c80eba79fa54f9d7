import { londonToInstant } from '@careloop/time';
import { dateOf, dayNumber, weekdayOf } from './calendar-dates';
import { WEEKDAYS, type Recurrence } from './rrule';
import type { SessionTimes } from './session-times';

/** What expansion needs of a recurring session; dates are London calendar dates (YYYY-MM-DD). */
export interface RecurringTimes extends SessionTimes {
  recurrence: Recurrence;
  validFrom: string;
  validUntil: string | null;
}

/**
 * The London dates a rule recurs on between `from` and `to` (inclusive). Counting starts at validFrom
 * whatever `from` is, so COUNT and INTERVAL mean the same however often the rule is materialised.
 * validFrom is the first date the rule may fall on, not an occurrence by itself: a weekly Tuesday rule
 * valid from a Wednesday starts the next Tuesday. WEEKLY with INTERVAL counts weeks from the Monday of
 * validFrom's week.
 */
export function occurrenceDates(rule: RecurringTimes, from: string, to: string): string[] {
  const r = rule.recurrence;
  const first = dayNumber(rule.validFrom);
  const start = dayNumber(from);
  let last = dayNumber(to);
  if (rule.validUntil !== null) last = Math.min(last, dayNumber(rule.validUntil));
  if (r.until?.kind === 'date') last = Math.min(last, dayNumber(r.until.date));
  const weekdays = r.byDay
    ? r.byDay.map((d) => WEEKDAYS.indexOf(d))
    : r.freq === 'WEEKLY'
      ? [weekdayOf(first)]
      : null;
  const firstMonday = first - weekdayOf(first);

  const dates: string[] = [];
  let occurrences = 0;
  for (let day = first; day <= last; day += 1) {
    const inStep =
      r.freq === 'DAILY'
        ? (day - first) % r.interval === 0
        : Math.floor((day - weekdayOf(day) - firstMonday) / 7) % r.interval === 0;
    if (!inStep || (weekdays && !weekdays.includes(weekdayOf(day)))) continue;
    const date = dateOf(day);
    if (r.until?.kind === 'instant' && londonToInstant(date, rule.startTime) > r.until.instant) break;
    occurrences += 1;
    if (r.count !== null && occurrences > r.count) break;
    if (day >= start) dates.push(date);
  }
  return dates;
}
