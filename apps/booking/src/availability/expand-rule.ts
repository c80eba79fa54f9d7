import { londonToInstant, toLondonWallClock } from '@careloop/time';
import { WEEKDAYS, type Recurrence } from './rrule';

/** One session a day: wall-clock times in Europe/London (HH:mm) cut into slots of `slotMinutes`. */
export interface SessionTimes {
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

/** What expansion needs of an availability rule; dates are London calendar dates (YYYY-MM-DD). */
export interface RuleShape extends SessionTimes {
  recurrence: Recurrence;
  validFrom: string;
  validUntil: string | null;
}

export interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on plain dates: no time zone is involved until a wall-clock time is placed. */
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday ... 6 = Sunday (day 0, 1 January 1970, was a Thursday). */
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The London calendar date an instant falls on. */
export function londonDateOf(instant: Date): string {
  return toLondonWallClock(instant).date;
}

/** Minutes since midnight of an HH:mm time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const clockTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The London dates a rule recurs on between `from` and `to` (inclusive). Counting starts at validFrom
 * whatever `from` is, so COUNT and INTERVAL mean the same however often the rule is materialised.
 * validFrom is the first date the rule may fall on, not an occurrence by itself: a weekly Tuesday rule
 * valid from a Wednesday starts the next Tuesday. WEEKLY with INTERVAL counts weeks from the Monday of
 * validFrom's week.
 */
export function occurrenceDates(rule: RuleShape, from: string, to: string): string[] {
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

/**
 * The slots of one day's session, as UTC instants of London wall-clock times, each lasting
 * `slotMinutes` of real time:
 * - a time the spring-forward change skips (01:00-01:59 on the last Sunday of March) makes no slot;
 * - a time the autumn change repeats (01:00-01:59 on the last Sunday of October) makes one slot, at
 *   its first occurrence (BST), never a second an hour later;
 * - just after the spring gap, a slot that would start before the previous one ends (slots that do
 *   not divide the hour) is not made, so a session never overlaps itself.
 */
export function sessionSlots(date: string, times: SessionTimes): SlotTimes[] {
  const end = minutesOf(times.endTime);
  const slots: SlotTimes[] = [];
  for (let m = minutesOf(times.startTime); m + times.slotMinutes <= end; m += times.slotMinutes) {
    const time = clockTime(m);
    // londonToInstant moves a skipped time forward past the gap and picks the earlier of a repeated one.
    const startsAt = londonToInstant(date, time);
    if (toLondonWallClock(startsAt).time !== `${time}:00`) continue;
    const previous = slots.at(-1);
    if (previous && startsAt.getTime() < previous.endsAt.getTime()) continue;
    slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + times.slotMinutes * 60_000) });
  }
  return slots;
}

/** Every slot a rule makes on its dates between `from` and `to` (London dates, inclusive), in order. */
export function expandRule(rule: RuleShape, from: string, to: string): SlotTimes[] {
  return occurrenceDates(rule, from, to).flatMap((date) => sessionSlots(date, rule));
}
