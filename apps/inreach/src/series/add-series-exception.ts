import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { londonDateOf } from '@careloop/recurrence';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_SCHEMA } from '../inreach-schema';
import { cancelSessions } from '../session/session-publication';
import { toSessionView } from '../session/session.dto';
import { Session } from '../session/session.entity';
import { loadOwnSeries } from './load-series';
import { toExceptionView, type AddExceptionBody, type ExceptionAddedView } from './series.dto';
import { SeriesException } from './series-exception.entity';
import { SeriesError } from './series.errors';
import { planSessions } from './session-plan';

/**
 * Records a date the series holds no session (a bank holiday, the specialist's leave) and cancels the
 * series' session on it if it has not started: a published one is withdrawn from booking in the same
 * transaction (inreach.session-withdrawn.v1, reason "cancelled", the exception's reason as the note).
 * The series makes no session on that date afterwards. A date the series holds nothing on is refused,
 * so a mistyped date is not silently recorded.
 */
@Injectable()
export class AddSeriesException {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    seriesId: string,
    body: AddExceptionBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ExceptionAddedView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        INREACH_SCHEMA,
        { caller: principal, operation: `add-series-exception:${seriesId}`, key: idempotencyKey, body },
        () => this.add(manager, principal, seriesId, body),
      ),
    );
  }

  private async add(
    manager: EntityManager,
    principal: Principal,
    seriesId: string,
    body: AddExceptionBody,
  ): Promise<ExceptionAddedView> {
    const now = this.clock.now();
    const today = londonDateOf(now);
    const series = await loadOwnSeries(manager, principal, seriesId, { lock: true });
    if (body.date < today) {
      throw new SeriesError('EXCEPTION_IN_THE_PAST', { detail: `${body.date} is before today (${today})` });
    }
    const onDate = await manager.find(Session, {
      where: { seriesId, sessionDate: body.date, status: In(['planned', 'published']) },
      order: { startsAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    // A live session counts too: one made before an edit moved the series to other days.
    if (onDate.length === 0 && planSessions(series, { from: body.date, to: body.date }).length === 0) {
      throw new SeriesError('NOT_A_SESSION_DATE', {
        detail: `The series (${series.rrule}) holds no session on ${body.date}`,
        extensions: {
          errors: [{ path: 'date', message: 'is not a date the series holds a session on', in: 'body' }],
        },
      });
    }
    const exception = manager.create(SeriesException, {
      id: randomUUID(),
      seriesId,
      date: body.date,
      reason: body.reason,
      createdBy: principal.userId,
      createdAt: now,
    });
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "inreach"."series_exception" ("id", "series_id", "date", "reason", "created_by", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT "series_exception_once_per_date" DO NOTHING RETURNING "id"`,
      [exception.id, seriesId, exception.date, exception.reason, exception.createdBy, exception.createdAt],
    );
    if (inserted.length === 0) {
      throw new SeriesError('EXCEPTION_DATE_TAKEN', {
        detail: `The series already has an exception on ${body.date}`,
      });
    }
    // Past sessions never change: one that has started today is left as it is.
    const future = onDate.filter((s) => s.startsAt > now);
    await cancelSessions(manager, this.outbox, future, {
      cause: 'exception',
      reason: body.reason,
      actor: { kind: 'user', id: principal.userId },
      now,
    });
    return { exception: toExceptionView(exception), cancelledSessions: future.map(toSessionView) };
  }
}
