import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Room } from '../room/room.entity';
import { InreachService } from '../service/inreach-service.entity';
import { SeriesException } from './series-exception.entity';
import { SeriesError } from './series.errors';
import { toSeriesView, type SeriesView } from './series.dto';
import { SessionSeries } from './session-series.entity';

/**
 * A series of one of the caller's organisation's services. With `lock` the row is held FOR UPDATE
 * until commit: every change to the series and its sessions (an edit, an exception, publishing, the
 * horizon job) takes it first, then the room, then sessions, so they run one at a time per series.
 * Another organisation's series is answered as missing and never locked.
 */
export async function loadOwnSeries(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SessionSeries> {
  const qb = manager
    .getRepository(SessionSeries)
    .createQueryBuilder('series')
    .innerJoin(InreachService, 'service', 'service.id = series.serviceId AND service.hostOrgId = :orgId', {
      orgId: principal.orgId,
    })
    .where('series.id = :id', { id });
  if (options.lock) qb.setLock('pessimistic_write', undefined, ['series']);
  const series = await qb.getOne();
  if (!series) throw new SeriesError('SERIES_NOT_FOUND', { detail: `No session series ${id}` });
  return series;
}

/** The series as the API shows it: with its room's name and its exceptions by date. */
export async function seriesView(manager: EntityManager, series: SessionSeries): Promise<SeriesView> {
  const room = await manager.findOneByOrFail(Room, { id: series.roomId });
  const exceptions = await manager.find(SeriesException, {
    where: { seriesId: series.id },
    order: { date: 'ASC' },
  });
  return toSeriesView(series, room.name, exceptions);
}

/** The London dates the series holds no session on. */
export async function exceptionDates(manager: EntityManager, seriesId: string): Promise<Set<string>> {
  const rows = await manager.find(SeriesException, { where: { seriesId }, select: { date: true } });
  return new Set(rows.map((r) => r.date));
}
