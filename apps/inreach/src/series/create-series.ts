import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { addDays, londonDateOf } from '@careloop/recurrence';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { INREACH_SCHEMA } from '../inreach-schema';
import { loadOwnRoom } from '../room/load-room';
import { assertRoomAtServiceSite } from '../room/room-at-site';
import { loadOwnService } from '../service/load-service';
import { extendSeries, horizonDate } from './extend-series';
import { seriesView } from './load-series';
import { roomTaken } from './make-sessions';
import { roomClashes } from './room-occupancy';
import { type CreatedSeriesView, type CreateSeriesBody } from './series.dto';
import { SeriesError } from './series.errors';
import { planSessions } from './session-plan';
import { SessionSeries } from './session-series.entity';

/**
 * Adds a recurring session to one of the caller's in-reach services, in a room at the service's site,
 * and makes its sessions up to the horizon in the same transaction (planned: nothing goes to booking
 * until it is published). The room is locked first, so of two coordinators filling one room at once
 * the second waits and is told which dates clash (409 ROOM_TAKEN); the check looks a year ahead, at the
 * sessions the room's other series will make too. The database's exclusion constraint is the last word.
 */
@Injectable()
export class CreateSeries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
  ) {}

  execute(
    principal: Principal,
    serviceId: string,
    body: CreateSeriesBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<CreatedSeriesView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        INREACH_SCHEMA,
        { caller: principal, operation: `create-session-series:${serviceId}`, key: idempotencyKey, body },
        () => this.create(manager, principal, serviceId, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    serviceId: string,
    body: CreateSeriesBody,
  ): Promise<CreatedSeriesView> {
    const now = this.clock.now();
    const today = londonDateOf(now);
    const service = await loadOwnService(manager, principal, serviceId);
    const room = await loadOwnRoom(manager, principal, body.roomId, { lock: true, field: 'roomId' });
    assertRoomAtServiceSite(room, service);
    if (body.validUntil && body.validUntil < today) {
      throw new SeriesError('SERIES_ALREADY_OVER', {
        detail: `validUntil ${body.validUntil} is before today (${today})`,
      });
    }
    const series = manager.create(SessionSeries, {
      id: randomUUID(),
      serviceId: service.id,
      roomId: room.id,
      rrule: body.rrule,
      startTime: body.startTime,
      endTime: body.endTime,
      validFrom: body.validFrom,
      validUntil: body.validUntil ?? null,
      slotMinutes: body.slotMinutes,
      seatsPerSlot: body.seatsPerSlot,
      walkInAllowance: body.walkInAllowance,
      published: false,
      materialisedUntil: null,
      version: 1,
      createdBy: principal.userId,
      createdAt: now,
      updatedBy: principal.userId,
      updatedAt: now,
    });
    await manager.insert(SessionSeries, series);

    const ahead = planSessions(series, {
      from: series.validFrom > today ? series.validFrom : today,
      to: addDays(today, this.policy.clashLookaheadWeeks * 7),
    }).filter((p) => p.startsAt > now);
    const clashes = await roomClashes(manager, room.id, series.id, ahead);
    if (clashes.length > 0) throw roomTaken(clashes);

    const { made } = await extendSeries(manager, this.outbox, {
      series,
      through: horizonDate(now, this.policy.horizonWeeks),
      now,
      actor: { kind: 'user', id: principal.userId },
      onClash: 'refuse',
    });
    return { series: await seriesView(manager, series), sessionsMade: made.length };
  }
}
