import type { EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { addDays, londonDateOf } from '@careloop/recurrence';
import type { Session } from '../session/session.entity';
import { exceptionDates } from './load-series';
import { decidedDates, makeSessions, roomTaken } from './make-sessions';
import { liveSessionTimes } from './room-occupancy';
import { clashingDates, planSessions } from './session-plan';
import { SessionSeries } from './session-series.entity';

/** The last London date the horizon covers at `now`. */
export function horizonDate(now: Date, horizonWeeks: number): string {
  return addDays(londonDateOf(now), horizonWeeks * 7);
}

export interface Extension {
  /** The series (locked or just inserted by the caller's transaction). */
  series: SessionSeries;
  /** Last London date to make sessions for. */
  through: string;
  now: Date;
  actor: Actor;
  /**
   * A date whose session would share the room with another live session: `refuse` (a coordinator is
   * waiting: ROOM_TAKEN, nothing saved) or `skip` (the horizon job: that date gets no session, the rest do).
   */
  onClash: 'refuse' | 'skip';
}

export interface Extended {
  made: Session[];
  /** Dates skipped because the room was taken (`skip` only). */
  skipped: string[];
}

/**
 * Makes the series' sessions from the day after `materialised_until` (or validFrom, or today) through
 * `through` (validUntil and the RRULE's own end permitting): future ones only, none on an exception
 * date or a date already decided (a live session, or one staff or an exception cancelled), so a repeat
 * makes nothing twice. The caller holds the series' and the room's locks. Records materialised_until,
 * so the series is not due again until the horizon moves on.
 */
export async function extendSeries(
  manager: EntityManager,
  outbox: Outbox,
  { series, through, now, actor, onClash }: Extension,
): Promise<Extended> {
  const after = series.materialisedUntil ? addDays(series.materialisedUntil, 1) : '';
  const from = [series.validFrom, londonDateOf(now), after].sort().at(-1)!;
  let made: Session[] = [];
  let skipped: string[] = [];
  if (from <= through) {
    const skip = new Set([
      ...(await exceptionDates(manager, series.id)),
      ...(await decidedDates(manager, series.id, { from, to: through, live: true })),
    ]);
    let planned = planSessions(series, { from, to: through }, skip).filter((p) => p.startsAt > now);
    const first = planned[0];
    const last = planned.at(-1);
    if (first && last) {
      const taken = await liveSessionTimes(manager, series.roomId, first.startsAt, last.endsAt, series.id);
      const clashes = clashingDates(planned, taken);
      if (clashes.length > 0 && onClash === 'refuse') throw roomTaken(clashes);
      skipped = clashes;
      planned = planned.filter((p) => !clashes.includes(p.date));
    }
    made = await makeSessions(manager, outbox, series, planned, { actor, now });
  }
  const reached = series.validUntil !== null && series.validUntil < through ? series.validUntil : through;
  if (
    reached >= series.validFrom &&
    (series.materialisedUntil === null || reached > series.materialisedUntil)
  ) {
    await manager.update(SessionSeries, { id: series.id }, { materialisedUntil: reached });
    series.materialisedUntil = reached;
  }
  return { made, skipped };
}
