import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { AttendanceWindow } from '@careloop/contracts';
import { LONDON } from '@careloop/time';
import { reservationAdmitsSql, reservationSqlParams } from '../reservation/reservation-rules';
import { Slot } from '../slot/slot.entity';
import { attendanceDayOf } from '../slot/slot-ranking';

/** A moved client gets at least a day's notice of the new time (and reminders time to plan). */
export const MIN_NOTICE_HOURS = 24;
/** How much later than the earliest free slot one on the client's usual CDAS day is still preferred. */
export const USUAL_DAY_WITHIN_DAYS = 14;
/** Most slots one look-up returns; a cascade that runs out of them looks again past those it tried. */
export const SLOTS_PER_LOOKUP = 200;

export interface CandidateSlot {
  id: string;
  startsAt: Date;
}

/**
 * A stretch of the schedule the cascade looks in, nearest to the original time first: at or after
 * it (soonest first), or, only when that has nothing, before it (latest first).
 */
export type CascadeWindow =
  { side: 'at_or_after'; from: Date } | { side: 'before'; from: Date; before: Date };

/** Where a moved appointment may go: its service's schedule, for its CDAS, within `window`. */
export interface NextSlotsQuery {
  scheduleId: string;
  admitted: Pick<Principal, 'orgId' | 'orgKind'>;
  window: CascadeWindow;
  /** Slots already tried in this run (taken meanwhile). */
  excluding: readonly string[];
}

/** The earliest start a cascade may move an appointment to at `now`. */
export function earliestMoveStart(now: Date): Date {
  return new Date(now.getTime() + MIN_NOTICE_HOURS * 60 * 60_000);
}

/**
 * Where the cascade looks, in order, for an appointment that started at `originalStart`: at or after
 * the original time, so a client booked for week 8 is not pulled into week 2 (nor told to come weeks
 * early); then, only if nothing is free there, the earlier slots that still give a day's notice,
 * nearest the original time first.
 */
export function cascadeWindows(originalStart: Date, now: Date): CascadeWindow[] {
  const notBefore = earliestMoveStart(now);
  if (originalStart.getTime() <= notBefore.getTime()) return [{ side: 'at_or_after', from: notBefore }];
  return [
    { side: 'at_or_after', from: originalStart },
    { side: 'before', from: notBefore, before: originalStart },
  ];
}

/**
 * The slots an appointment of a cancelled session may move to, unranked: on the same in-reach
 * service's schedule (one per service), open, a seat free, in the window, admitted by their
 * reservation for the appointment's CDAS (in-reach slots are the host's), within
 * USUAL_DAY_WITHIN_DAYS of the window's nearest such slot (all that inCascadeOrder looks at) and at
 * most SLOTS_PER_LOOKUP of them, nearest first. Unlocked: whether a seat is still free is decided
 * under the lock.
 */
export async function nextSessionSlots(
  manager: EntityManager,
  query: NextSlotsQuery,
): Promise<CandidateSlot[]> {
  const { window } = query;
  const order = window.side === 'at_or_after' ? 'ASC' : 'DESC';
  const free = () => {
    const qb = manager
      .getRepository(Slot)
      .createQueryBuilder('s')
      .select(['s.id', 's.startsAt'])
      .where('s.scheduleId = :scheduleId', { scheduleId: query.scheduleId })
      .andWhere(`s.status = 'open'`)
      .andWhere('s.taken < s.capacity')
      .andWhere('s.startsAt >= :from', { from: window.from })
      .andWhere(reservationAdmitsSql('s'), reservationSqlParams(query.admitted));
    if (window.side === 'before') qb.andWhere('s.startsAt < :before', { before: window.before });
    if (query.excluding.length > 0) qb.andWhere('s.id <> ALL(:excluding)', { excluding: query.excluding });
    return qb.orderBy('s.startsAt', order).addOrderBy('s.id', 'ASC');
  };
  const nearest = await free().limit(1).getOne();
  if (!nearest) return [];
  const limit = usualDayLimit(nearest.startsAt, window.side);
  const slots = await free()
    .andWhere(window.side === 'at_or_after' ? 's.startsAt <= :limit' : 's.startsAt >= :limit', { limit })
    .limit(SLOTS_PER_LOOKUP)
    .getMany();
  return slots.map((s) => ({ id: s.id, startsAt: s.startsAt }));
}

/** The farthest start from the nearest slot still preferred for being on a usual day: 14 London days. */
function usualDayLimit(nearest: Date, side: CascadeWindow['side']): Date {
  const days = side === 'at_or_after' ? USUAL_DAY_WITHIN_DAYS : -USUAL_DAY_WITHIN_DAYS;
  return DateTime.fromJSDate(nearest, { zone: LONDON }).plus({ days }).toJSDate();
}

/**
 * The order a cascade tries a window's slots in: those on one of the client's usual CDAS days (the
 * London weekday, as slot search ranks them) within 14 days of the nearest, nearest first, since
 * clients reliably come in on those days; then every other slot, nearest first. At or after the
 * original time the nearest is the soonest; before it, the latest. A client with no usual days simply
 * gets the nearest. Adjacent days and the high-risk lead-time rule of slot search are left out: the
 * cascade keeps to the nearest unless a usual day is close.
 */
export function inCascadeOrder<T extends CandidateSlot>(
  slots: readonly T[],
  attendancePattern: readonly AttendanceWindow[],
  side: CascadeWindow['side'] = 'at_or_after',
): T[] {
  const sign = side === 'at_or_after' ? 1 : -1;
  const sorted = [...slots].sort(
    (a, b) =>
      sign * (a.startsAt.getTime() - b.startsAt.getTime()) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const first = sorted[0];
  if (!first) return [];
  const limit = usualDayLimit(first.startsAt, side).getTime();
  const usual = (s: T) =>
    sign * (limit - s.startsAt.getTime()) >= 0 &&
    attendanceDayOf(s.startsAt, attendancePattern) === 'same_day';
  return [...sorted.filter(usual), ...sorted.filter((s) => !usual(s))];
}
