import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import type { AppointmentView, BookAppointmentBody } from './appointment.dto';
import { placeAppointmentOnce } from './place-appointment';

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

  execute(
    principal: Principal,
    body: BookAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    const { dataSource, outbox, audit, clock } = this;
    return placeAppointmentOnce({ dataSource, outbox, audit, clock }, principal, body, idempotencyKey, {
      kind: 'booked',
    });
  }
}
