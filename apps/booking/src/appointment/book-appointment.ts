import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView, type BookAppointmentBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { auditReplay } from './audit-replay';
import { placeAppointment } from './place-appointment';
import { refusingSeatConflicts } from './seat-conflict';

/**
 * Books a seat of a slot for a client of the caller's CDAS. The slot row is locked for the length of
 * the transaction, so concurrent bookings of one slot queue and each sees the seats the others took;
 * the database's constraints (taken <= capacity, one live appointment per seat) refuse a double
 * booking even if this code were wrong. A retried request with the same Idempotency-Key returns the
 * first appointment.
 */
@Injectable()
export class BookAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
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
          { caller: principal, operation: 'book-appointment', key: idempotencyKey, body },
          async () => {
            const { appointment, slot } = await placeAppointment(
              manager,
              { outbox: this.outbox, audit: this.audit },
              principal,
              body,
              { kind: 'booked' },
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
