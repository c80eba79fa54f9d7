import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import type { AppointmentView, BookAppointmentBody } from './appointment.dto';
import { placeAppointmentOnce } from './place-appointment';

/**
 * Holds a seat for a few minutes (the policy's `holdMinutes`) while the worker talks to the client:
 * the seat counts as taken for everyone else until the hold is confirmed, released or lapses. Same
 * checks and locking as a booking; `appointment.held.v1` instead of `appointment.booked.v1`.
 */
@Injectable()
export class HoldAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BOOKING_POLICY) private readonly policy: BookingPolicy,
  ) {}

  execute(
    principal: Principal,
    body: BookAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    const { dataSource, outbox, audit, clock } = this;
    return placeAppointmentOnce({ dataSource, outbox, audit, clock }, principal, body, idempotencyKey, {
      kind: 'held',
      holdMinutes: this.policy.holdMinutes,
    });
  }
}
