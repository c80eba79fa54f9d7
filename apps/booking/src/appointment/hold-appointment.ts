import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView, type BookAppointmentBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { auditReplay } from './audit-replay';
import { placeAppointment } from './place-appointment';
import { refusingSeatConflicts } from './seat-conflict';

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

  async execute(
    principal: Principal,
    body: BookAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    if (principal.orgKind !== 'cdas') throw new AppointmentError('CDAS_STAFF_ONLY');
    return refusingSeatConflicts(body.slotId, () =>
      this.dataSource.transaction((manager) =>
        createOnce(
          manager,
          BOOKING_SCHEMA,
          { caller: principal, operation: 'hold-appointment', key: idempotencyKey, body },
          async () => {
            const { appointment, slot } = await placeAppointment(
              manager,
              { outbox: this.outbox, audit: this.audit },
              principal,
              body,
              { kind: 'held', holdMinutes: this.policy.holdMinutes },
              this.clock.now(),
            );
            return toAppointmentView(appointment, slot);
          },
          auditReplay(this.audit, manager, principal),
        ),
      ),
    );
  }
}
