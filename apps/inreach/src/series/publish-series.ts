import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { publishSessions } from '../session/session-publication';
import { Session } from '../session/session.entity';
import { loadOwnSeries, seriesView } from './load-series';
import type { PublishedSeriesView } from './series.dto';
import { SessionSeries } from './session-series.entity';

/**
 * Publishes a series: its planned future sessions now (one inreach.session-published.v1 each, in the
 * same transaction), and every session it makes later as it is made. Publishing again publishes
 * whatever is still planned (nothing, normally): a repeat sends nothing twice.
 */
@Injectable()
export class PublishSeries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, seriesId: string): Promise<PublishedSeriesView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const series = await loadOwnSeries(manager, principal, seriesId, { lock: true });
      if (!series.published) {
        Object.assign(series, {
          published: true,
          version: series.version + 1,
          updatedBy: principal.userId,
          updatedAt: now,
        });
        await manager.update(
          SessionSeries,
          { id: series.id },
          { published: true, version: series.version, updatedBy: principal.userId, updatedAt: now },
        );
      }
      const planned = await manager.find(Session, {
        where: { seriesId: series.id, status: 'planned', startsAt: MoreThan(now) },
        order: { startsAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      await publishSessions(manager, this.outbox, planned, {
        actor: { kind: 'user', id: principal.userId },
        now,
      });
      return { series: await seriesView(manager, series), sessionsPublished: planned.length };
    });
  }
}
