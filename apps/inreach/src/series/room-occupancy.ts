import type { EntityManager } from 'typeorm';
import { addDays } from '@careloop/recurrence';
import { exceptionDates } from './load-series';
import { clashingDates, planSessions, type PlannedSession, type TimeRange } from './session-plan';
import { SessionSeries } from './session-series.entity';

/**
 * Live (planned or published) sessions in the room sharing time with [from, to), other series' only;
 * asked as the exclusion constraint asks it, so its GiST index answers.
 */
export async function liveSessionTimes(
  manager: EntityManager,
  roomId: string,
  from: Date,
  to: Date,
  exceptSeriesId: string,
): Promise<TimeRange[]> {
  const rows: { starts_at: Date; ends_at: Date }[] = await manager.query(
    `SELECT "starts_at", "ends_at" FROM "inreach"."session"
      WHERE "room_id" = $1 AND "status" <> 'cancelled'
        AND tstzrange("starts_at", "ends_at") && tstzrange($2::timestamptz, $3::timestamptz)
        AND "series_id" IS DISTINCT FROM $4::uuid`,
    [roomId, from, to, exceptSeriesId],
  );
  return rows.map((r) => ({ startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
}

/**
 * What the room's other series will hold on London dates from..to beyond the sessions they have
 * already made (those are in liveSessionTimes): they will be made by the horizon job with the series'
 * current settings, minus their exceptions.
 */
export async function projectedSessionTimes(
  manager: EntityManager,
  roomId: string,
  from: string,
  to: string,
  exceptSeriesId: string,
): Promise<TimeRange[]> {
  const others: SessionSeries[] = await manager
    .getRepository(SessionSeries)
    .createQueryBuilder('series')
    .where('series.roomId = :roomId AND series.id <> :exceptSeriesId', { roomId, exceptSeriesId })
    .andWhere('(series.validUntil IS NULL OR series.validUntil >= :from)', { from })
    .getMany();
  const projected: TimeRange[] = [];
  for (const other of others) {
    const start = other.materialisedUntil ? addDays(other.materialisedUntil, 1) : from;
    const window = { from: start > from ? start : from, to };
    projected.push(...planSessions(other, window, await exceptionDates(manager, other.id)));
  }
  return projected;
}

/**
 * The dates of `planned` (sessions a series is about to hold in `roomId`) on which the room is taken by
 * another series: by a session it has made or by one it will make. The caller holds the room's lock,
 * so the answer still holds when it commits.
 */
export async function roomClashes(
  manager: EntityManager,
  roomId: string,
  seriesId: string,
  planned: readonly PlannedSession[],
): Promise<string[]> {
  const first = planned[0];
  const last = planned.at(-1);
  if (!first || !last) return [];
  const taken = [
    ...(await liveSessionTimes(manager, roomId, first.startsAt, last.endsAt, seriesId)),
    ...(await projectedSessionTimes(manager, roomId, first.date, last.date, seriesId)),
  ];
  return clashingDates(planned, taken);
}
