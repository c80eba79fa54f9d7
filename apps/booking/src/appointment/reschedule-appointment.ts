import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { appointmentRescheduledV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { isReserved } from '../reservation/reservation-rules';
import { toAppointmentView, type AppointmentView, type RescheduleAppointmentBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentRef } from './appointment-events';
import { auditReplay } from './audit-replay';
import { assertBookable } from './bookable-slot';
import { endLapsedHolds } from './end-holds';
import { appointmentNotFound, lockAppointment } from './load-appointment';
import { refusingSeatConflicts } from './seat-conflict';
import { giveBackSeat, takeSeat } from './seats';

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

  async execute(
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    return refusingSeatConflicts(body.slotId, () =>
      this.dataSource.transaction((manager) =>
        createOnce(
          manager,
          BOOKING_SCHEMA,
          { caller: principal, operation: `reschedule-appointment:${id}`, key: idempotencyKey, body },
          () => this.reschedule(manager, principal, id, body),
          auditReplay(this.audit, manager, principal),
        ),
      ),
    );
  }

  private async reschedule(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
  ): Promise<AppointmentView> {
    const now = this.clock.now();
    const locked = await lockAppointment(manager, id, [body.slotId]);
    assertVisibleTo(principal, locked?.appointment, () => appointmentNotFound(id));
    const { appointment, slot: from, slots } = locked!;
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

    const update = {
      slotId: to.id,
      seat,
      underReservation: isReserved(to),
      rescheduledCount: appointment.rescheduledCount + 1,
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
      reason: body.reason ?? null,
      correlationId: currentCorrelation()?.correlationId ?? appointment.id,
      details: { rescheduled: true, fromSlotId: from.id, toSlotId: to.id },
      occurredAt: now,
    });
    await this.outbox.add(manager, appointmentRescheduledV1, {
      subjectId: appointment.id,
      orgId: appointment.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        ...appointmentRef(appointment),
        previousStartsAt: from.startsAt.toISOString(),
        startsAt: to.startsAt.toISOString(),
        endsAt: to.endsAt.toISOString(),
        location: to.location,
        rescheduledBy: principal.userId,
      },
    });
    return toAppointmentView(appointment, to);
  }
}
