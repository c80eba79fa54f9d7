import { londonToInstant, toLondonWallClock } from '@careloop/time';
import { clockTime, minutesOf } from './calendar-dates';

/** One session a day: wall-clock times in Europe/London (HH:mm) cut into slots of `slotMinutes`. */
export interface SessionTimes {
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

export interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
}

/** A whole session's start and end, as UTC instants. */
export type SessionInstants = SlotTimes;

/**
 * The instant London clocks show `time` (HH:mm or HH:mm:ss, as a Postgres `time` column reads) on
 * `date`, the first time round when the autumn change repeats it; null when the spring change skips
 * it, so nothing is ever placed at a time no clock shows.
 */
function londonClockInstant(date: string, time: string): Date | null {
  // londonToInstant moves a skipped time forward past the gap and picks the earlier of a repeated one.
  const instant = londonToInstant(date, time);
  const shown = toLondonWallClock(instant).time;
  return shown === (time.length === 5 ? `${time}:00` : time) ? instant : null;
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
    const startsAt = londonClockInstant(date, clockTime(m));
    if (startsAt === null) continue;
    const previous = slots.at(-1);
    if (previous && startsAt.getTime() < previous.endsAt.getTime()) continue;
    slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + times.slotMinutes * 60_000) });
  }
  return slots;
}

/**
 * When a session from `startTime` to `endTime` (HH:mm, London) on a London date starts and ends, by the
 * same placing rules as its slots: a time the autumn change repeats means its first occurrence (BST),
 * and a session whose start or end the spring change skips is not held that day (null), like a slot
 * there. Its real length is the wall-clock length, except across a change.
 */
export function sessionInstants(date: string, startTime: string, endTime: string): SessionInstants | null {
  if (minutesOf(endTime) <= minutesOf(startTime)) {
    throw new RangeError(`A session must end after it starts: ${startTime}-${endTime} on ${date}`);
  }
  const startsAt = londonClockInstant(date, startTime);
  const endsAt = londonClockInstant(date, endTime);
  return startsAt && endsAt ? { startsAt, endsAt } : null;
}
