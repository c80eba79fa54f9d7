import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentCancelledV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import type { AppointmentView, CancelAppointmentBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentRef } from './appointment-events';
import { partyOf } from './appointment-parties';
import { auditReplay } from './audit-replay';
import { appointmentNotFound, lockAppointment } from './load-appointment';
import { viewForParty } from './party-view';
import { giveBackSeat } from './seats';

/**
 * Cancels a booked appointment: by the CDAS that booked it (on behalf of the client, the provider or
 * itself), or by the clinic whose slot it is, which cancels as the provider and must say so (a clinic
 * recording 'client' or 'cdas' is refused rather than silently rewritten). The seat is free again at
 * once. A hold is released, not cancelled; an appointment whose attendance is recorded is past
 * cancelling. Each party gets its own view back. The change, the seat count, the audit entry and `appointment.cancelled.v1` commit
 * together; a retry with the same Idempotency-Key returns the result.
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
  ): Promise<IdempotentOutcome<AppointmentView | ClinicAppointmentView>> {
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
  ): Promise<AppointmentView | ClinicAppointmentView> {
    const now = this.clock.now();
    const locked = await lockAppointment(manager, id);
    const party = locked && partyOf(principal, locked.appointment, locked.slot);
    if (!locked || !party) throw appointmentNotFound(id);
    const { appointment, slot } = locked;
    if (party === 'clinic' && body.cancelledBy !== 'provider') {
      throw new AppointmentError('PROVIDER_CANCELS_AS_PROVIDER', {
        detail: `The clinic of the slot cancelled with cancelledBy '${body.cancelledBy}'`,
      });
    }
    if (appointment.status !== 'booked') {
      throw new AppointmentError('APPOINTMENT_NOT_BOOKED', {
        detail:
          appointment.status === 'held'
            ? `Appointment ${id} is a hold: release it (POST /appointments/${id}/hold-release)`
            : `Appointment ${id} is ${appointment.status}`,
        extensions: { status: appointment.status },
      });
    }
    if (appointment.attendance) {
      throw new AppointmentError('ATTENDANCE_ALREADY_RECORDED', {
        detail: `Appointment ${id} already has its outcome (${appointment.attendance}) and cannot be cancelled`,
        extensions: { outcome: appointment.attendance },
      });
    }
    await giveBackSeat(manager, slot);
    const update = {
      status: 'cancelled' as const,
      cancelledBy: body.cancelledBy,
      cancellationReason: body.reason,
      cancelledByUser: principal.userId,
      cancelledAt: now,
      version: appointment.version + 1,
    } satisfies Partial<Appointment>;
    await manager.update(Appointment, { id }, update);
    Object.assign(appointment, update);

    await this.audit.record(manager, BOOKING_SCHEMA, {
      actor: principal,
      action: 'update',
      subjectType: 'appointment',
      subjectId: appointment.id,
      clientId: appointment.clientId,
      correlationId: currentCorrelation()?.correlationId ?? appointment.id,
      details: { status: 'cancelled', cancelledBy: body.cancelledBy, as: party, fields: ['reason'] },
      occurredAt: now,
    });
    await this.outbox.add(manager, appointmentCancelledV1, {
      subjectId: appointment.id,
      orgId: appointment.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        ...appointmentRef(appointment),
        cancelledBy: body.cancelledBy,
        reason: body.reason,
        startsAt: slot.startsAt.toISOString(),
      },
    });
    return viewForParty(manager, party, principal, appointment, slot);
  }
}
