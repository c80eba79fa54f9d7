import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { workThroughDueRows } from '@careloop/persistence';
import { APP_LOGGER } from '@careloop/runtime';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { lockRooms } from '../room/load-room';
import { extendSeries, horizonDate } from './extend-series';
import { SessionSeries } from './session-series.entity';

/** Most series one run extends; the rest are still due at the next run. */
export const SERIES_PER_RUN = 200;

const HORIZON_ACTOR: Actor = { kind: 'system', id: 'system:inreach-horizon' };

/**
 * SQL condition (over session_series' columns) for a series whose sessions do not yet reach the horizon
 * date `$1`: begun by then, and made short of both the horizon and validUntil.
 */
export const SERIES_DUE_SQL = `"valid_from" <= $1::date
  AND ("materialised_until" IS NULL
       OR "materialised_until" < LEAST($1::date, COALESCE("valid_until", $1::date)))`;

/**
 * Keeps every series' sessions reaching the horizon (INREACH_HORIZON_WEEKS ahead), publishing them as
 * they are made when the series is published. A run asks Postgres for the series short of today's
 * horizon (one query; nothing else when none is due, i.e. every run but the first of a day), then
 * extends each in its own transaction, locked and re-checked (workThroughDueRows), so two processes
 * share the work instead of doing it twice; a series' dates already decided are never made again. A
 * date whose room another series took first (a clash beyond the year checked when the series were set
 * up) is skipped and logged. Returns how many sessions it made.
 */
@Injectable()
export class ExtendSeriesHorizon {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: ExtendSeriesHorizon.name });
  }

  async run(now: Date): Promise<number> {
    const horizon = horizonDate(now, this.policy.horizonWeeks);
    return workThroughDueRows(
      this.dataSource,
      {
        table: '"inreach"."session_series"',
        due: SERIES_DUE_SQL,
        params: [horizon],
        orderBy: '"materialised_until" ASC NULLS FIRST, "id"',
        limit: SERIES_PER_RUN,
        what: 'series to extend',
      },
      (manager, id) => this.extend(manager, id, horizon, now),
    );
  }

  /** Extends one series, locked and still due, in the caller's transaction. */
  private async extend(manager: EntityManager, id: string, horizon: string, now: Date): Promise<number> {
    const series = await manager.findOneByOrFail(SessionSeries, { id });
    await lockRooms(manager, [series.roomId]);
    const { made, skipped } = await extendSeries(manager, this.outbox, {
      series,
      through: horizon,
      now,
      actor: HORIZON_ACTOR,
      onClash: 'skip',
    });
    if (skipped.length > 0) {
      this.logger.warn(
        { seriesId: id, roomId: series.roomId, dates: skipped },
        'in-reach series dates skipped: the room is taken by another session',
      );
    }
    return made.length;
  }
}
