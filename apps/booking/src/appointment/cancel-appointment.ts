import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentCancelledV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView, type CancelAppointmentBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { auditReplay } from './audit-replay';
import { loadAppointment } from './load-appointment';

/**
 * Cancels a booked appointment of the caller's organisation (on behalf of the client, the provider or
 * the CDAS): its seat is free again at once. The change, the slot's count, the audit entry and
 * `appointment.cancelled.v1` commit together; a retry with the same Idempotency-Key returns the result.
 */
@Injectable()
export class CancelAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    body: CancelAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: `cancel-appointment:${id}`, key: idempotencyKey, body },
        () => this.cancel(manager, principal, id, body),
        auditReplay(this.audit, manager, principal),
      ),
    );
  }

  private async cancel(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: CancelAppointmentBody,
  ): Promise<AppointmentView> {
    const now = this.clock.now();
    const { appointment, slot } = await loadAppointment(manager, principal, id, true);
    if (appointment.status !== 'booked') {
      throw new AppointmentError('APPOINTMENT_NOT_BOOKED', {
        detail: `Appointment ${id} is ${appointment.status}`,
      });
    }
    await manager.query(`UPDATE "booking"."slot" SET "booked" = "booked" - 1 WHERE "id" = $1`, [slot.id]);
    slot.booked -= 1;
    Object.assign(appointment, {
      status: 'cancelled',
      cancelledBy: body.cancelledBy,
      cancellationReason: body.reason,
      cancelledByUser: principal.userId,
      cancelledAt: now,
      version: appointment.version + 1,
    } satisfies Partial<Appointment>);
    await manager.update(
      Appointment,
      { id },
      {
        status: appointment.status,
        cancelledBy: appointment.cancelledBy,
        cancellationReason: appointment.cancellationReason,
        cancelledByUser: appointment.cancelledByUser,
        cancelledAt: appointment.cancelledAt,
        version: appointment.version,
      },
    );
    await this.audit.record(manager, BOOKING_SCHEMA, {
      actor: principal,
      action: 'update',
      subjectType: 'appointment',
      subjectId: appointment.id,
      clientId: appointment.clientId,
      correlationId: currentCorrelation()?.correlationId ?? appointment.id,
      details: { status: 'cancelled', cancelledBy: body.cancelledBy, fields: ['reason'] },
      occurredAt: now,
    });
    await this.outbox.add(manager, appointmentCancelledV1, {
      subjectId: appointment.id,
      orgId: appointment.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        appointmentId: appointment.id,
        clientId: appointment.clientId,
        referralId: appointment.referralId,
        cancelledBy: body.cancelledBy,
        reason: body.reason,
        startsAt: slot.startsAt.toISOString(),
      },
    });
    return toAppointmentView(appointment, slot);
  }
}
