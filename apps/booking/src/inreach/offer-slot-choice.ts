import { DateTime } from 'luxon';
import type { AttendanceWindow } from '@careloop/contracts';
import { LONDON } from '@careloop/time';
import { londonWeekday } from '../slot/slot-ranking';

export interface OfferCandidate {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Whether a slot lies inside one of the client's usual CDAS attendance windows on its London weekday
 * (from <= start, end <= to, London wall-clock time): they are in the building then anyway, which is
 * why in-reach works.
 */
export function insideUsualWindow(slot: OfferCandidate, pattern: readonly AttendanceWindow[]): boolean {
  const start = DateTime.fromJSDate(slot.startsAt, { zone: LONDON });
  const end = DateTime.fromJSDate(slot.endsAt, { zone: LONDON });
  if (!start.hasSame(end, 'day')) return false;
  const [from, to] = [start.toFormat('HH:mm'), end.toFormat('HH:mm')];
  const day = londonWeekday(slot.startsAt);
  return pattern.some((w) => w.day === day && w.from <= from && to <= w.to);
}

/**
 * The order an offer tries a session's free slots in: those inside the client's usual attendance
 * window, earliest first, then the rest, earliest first. A client with no usual window that day
 * simply gets the earliest free seat.
 */
export function inOfferOrder<T extends OfferCandidate>(
  slots: readonly T[],
  pattern: readonly AttendanceWindow[],
): T[] {
  const sorted = [...slots].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const inside = (s: T) => insideUsualWindow(s, pattern);
  return [...sorted.filter(inside), ...sorted.filter((s) => !inside(s))];
}
