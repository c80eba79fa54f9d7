import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentRescheduledV1 } from '@careloop/contracts';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { isReserved } from '../reservation/reservation-rules';
import { toAppointmentView, type AppointmentView, type RescheduleAppointmentBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, appointmentRef } from './appointment-events';
import { assertBookable } from './bookable-slot';
import { changeOnce } from './change-once';
import { endLapsedHolds } from './end-holds';
import { lockOwnAppointment } from './load-appointment';
import { refusingSeatConflicts } from './seat-conflict';
import { giveBackSeat, takeSeat } from './seats';
import { updateAppointment } from './update-appointment';

/**
 * Moves a booked appointment of the caller's CDAS to another slot in one transaction: same
 * appointment (id, client, referral, notes), new seat, old seat freed. Both slots are locked in id
 * order, so two reschedules crossing each other's slots queue rather than deadlock; any refusal (the
 * new slot full, withdrawn, started, reserved for others) rolls back and the old booking stands.
 */
@Injectable()
export class RescheduleAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    const request = { operation: `reschedule-appointment:${id}`, key: idempotencyKey, body };
    const deps = { dataSource: this.dataSource, audit: this.audit };
    return refusingSeatConflicts(body.slotId, () =>
      changeOnce(deps, principal, request, (manager) => this.reschedule(manager, principal, id, body)),
    );
  }

  private async reschedule(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
  ): Promise<AppointmentView> {
    const now = this.clock.now();
    const locked = await lockOwnAppointment(manager, principal, id, [body.slotId]);
    const { appointment, slot: from, slots } = locked;
    if (appointment.status !== 'booked') {
      throw new AppointmentError('APPOINTMENT_NOT_BOOKED', {
        detail: `Appointment ${id} is ${appointment.status}`,
        extensions: { status: appointment.status },
      });
    }
    if (appointment.attendance) {
      throw new AppointmentError('ATTENDANCE_ALREADY_RECORDED', {
        detail: `Appointment ${id} already has its outcome (${appointment.attendance}): book a new appointment`,
        extensions: { outcome: appointment.attendance },
      });
    }
    // Once its time has come an appointment has an outcome to record; a new one is booked after it.
    if (from.startsAt.getTime() <= now.getTime()) {
      throw new AppointmentError('APPOINTMENT_ALREADY_STARTED', { extensions: { appointmentId: id } });
    }
    if (body.slotId === from.id) {
      throw new AppointmentError('SAME_SLOT', { extensions: { slotId: from.id } });
    }
    const to = slots.get(body.slotId) ?? null;
    assertBookable(to, body.slotId, principal, now);
    const deps = { outbox: this.outbox, audit: this.audit };
    to.taken -= (await endLapsedHolds(manager, deps, [to.id], now)).length;
    const seat = await takeSeat(manager, to);
    await giveBackSeat(manager, from);

    await updateAppointment(manager, appointment, {
      slotId: to.id,
      seat,
      slotCapacity: to.capacity,
      underReservation: isReserved(to),
      rescheduledCount: appointment.rescheduledCount + 1,
    });

    await this.audit.record(manager, BOOKING_SCHEMA, {
      ...appointmentAudit(principal, appointment, now),
      action: 'update',
      reason: body.reason ?? null,
      details: { rescheduled: true, fromSlotId: from.id, toSlotId: to.id },
    });
    await this.outbox.add(manager, appointmentRescheduledV1, {
      ...appointmentEnvelope(appointment, { kind: 'user', id: principal.userId }, now),
      data: {
        ...appointmentRef(appointment),
        previousStartsAt: from.startsAt.toISOString(),
        startsAt: to.startsAt.toISOString(),
        endsAt: to.endsAt.toISOString(),
        location: to.location,
        providerOrgId: to.orgId,
        providerName: to.providerName,
        rescheduledBy: principal.userId,
      },
    });
    return toAppointmentView(appointment, to);
  }
}
