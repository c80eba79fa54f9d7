import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentCancelledV1 } from '@careloop/contracts';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import type { AppointmentView, CancelAppointmentBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, appointmentRef } from './appointment-events';
import { changeOnce } from './change-once';
import { lockAppointmentForParty } from './load-appointment';
import { viewForParty } from './party-view';
import { giveBackSeat } from './seats';
import { updateAppointment } from './update-appointment';

/**
 * Cancels a booked appointment: by the CDAS that booked it (on behalf of the client, the provider or
 * itself), or by the clinic whose slot it is, which cancels as the provider and must say so (a clinic
 * recording 'client' or 'cdas' is refused rather than silently rewritten). The seat is free again at
 * once. A hold is released, not cancelled; an appointment whose attendance is recorded is past
 * cancelling. Each party gets its own view back. The change, the seat count, the audit entry and
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

  execute(
    principal: Principal,
    id: string,
    body: CancelAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView | ClinicAppointmentView>> {
    const request = { operation: `cancel-appointment:${id}`, key: idempotencyKey, body };
    const deps = { dataSource: this.dataSource, audit: this.audit };
    return changeOnce(deps, principal, request, (manager) => this.cancel(manager, principal, id, body));
  }

  private async cancel(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: CancelAppointmentBody,
  ): Promise<AppointmentView | ClinicAppointmentView> {
    const now = this.clock.now();
    const { appointment, slot, party } = await lockAppointmentForParty(manager, principal, id);
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
    await updateAppointment(manager, appointment, {
      status: 'cancelled',
      cancelledBy: body.cancelledBy,
      cancellationReason: body.reason,
      cancelledByUser: principal.userId,
      cancelledAt: now,
    });

    await this.audit.record(manager, BOOKING_SCHEMA, {
      ...appointmentAudit(principal, appointment, now),
      action: 'update',
      details: { status: 'cancelled', cancelledBy: body.cancelledBy, as: party, fields: ['reason'] },
    });
    await this.outbox.add(manager, appointmentCancelledV1, {
      ...appointmentEnvelope(appointment, { kind: 'user', id: principal.userId }, now),
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
