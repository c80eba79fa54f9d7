import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { londonDateOf } from '@careloop/recurrence';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { BOOKING_SCHEMA } from '../booking-schema';
import { assertReservationTarget } from '../reservation/reservation-target';
import { loadOwnSchedule } from '../schedule/load-schedule';
import { toRuleView, type CreatedRuleView, type CreateRuleBody } from './availability.dto';
import { AvailabilityRule } from './availability-rule.entity';
import { AvailabilityError } from './availability.errors';
import { materialiseRule } from './materialise-rule';

/**
 * Adds recurring availability to one of the caller's schedules and makes its slots up to the booking
 * horizon in the same transaction (with slots.published.v1, and slots.reserved.v1 when the rule
 * reserves them); ExtendAvailability keeps it rolling afterwards. A reservation must name an
 * organisation booking knows, not the caller's own; slots whose release time has already passed
 * are made open to all. Idempotency-Key makes a retry return the first rule.
 */
@Injectable()
export class CreateAvailabilityRule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BOOKING_POLICY) private readonly policy: BookingPolicy,
  ) {}

  execute(
    principal: Principal,
    scheduleId: string,
    body: CreateRuleBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<CreatedRuleView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: `create-availability-rule:${scheduleId}`, key: idempotencyKey, body },
        () => this.create(manager, principal, scheduleId, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    scheduleId: string,
    body: CreateRuleBody,
  ): Promise<CreatedRuleView> {
    const now = this.clock.now();
    const onSchedule = await loadOwnSchedule(manager, principal, scheduleId, { lock: true });
    if (body.validUntil && body.validUntil < londonDateOf(now)) {
      throw new AvailabilityError('RULE_ALREADY_OVER', {
        detail: `validUntil ${body.validUntil} is before today (${londonDateOf(now)})`,
      });
    }
    if (body.reservation) {
      await assertReservationTarget(
        manager,
        principal,
        body.reservation.reservedFor,
        'reservation.reservedFor.orgId',
      );
    }
    const rule = manager.create(AvailabilityRule, {
      id: randomUUID(),
      scheduleId,
      rrule: body.rrule,
      startTime: body.startTime,
      endTime: body.endTime,
      slotMinutes: body.slotMinutes,
      capacity: body.capacity,
      validFrom: body.validFrom,
      validUntil: body.validUntil ?? null,
      reservedFor: body.reservation?.reservedFor ?? null,
      releaseBeforeMinutes: body.reservation?.releaseBeforeMinutes ?? null,
      materialisedUntil: null,
      endedAt: null,
      createdBy: principal.userId,
      createdAt: now,
    });
    await manager.insert(AvailabilityRule, rule);
    const made = await materialiseRule(manager, this.outbox, {
      rule,
      onSchedule,
      now,
      horizonWeeks: this.policy.horizonWeeks,
      actor: { kind: 'user', id: principal.userId },
    });
    return { rule: toRuleView(rule), published: made.length };
  }
}
