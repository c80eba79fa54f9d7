import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditTrail, Principal } from '@careloop/auth';
import { appointmentRescheduledV1, type Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { isReserved, usedReservedCapacity } from '../reservation/reservation-rules';
import type { Slot } from '../slot/slot.entity';
import type { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, appointmentRef } from './appointment-events';
import { assertBookable } from './bookable-slot';
import { endLapsedHolds } from './end-holds';
import type { LockedAppointment } from './load-appointment';
import { giveBackSeat, takeSeat } from './seats';
import { updateAppointment } from './update-appointment';

export interface MoveDeps {
  outbox: Outbox;
  audit: AuditTrail;
}

/** Who moves an appointment, and on whose behalf the new slot's reservation is checked. */
export interface Mover {
  /** Named by the event (`rescheduledBy`, the envelope's actor). */
  actor: Actor;
  /** Named by the audit entry. */
  auditActor: AuditActor;
  /** The organisation the new slot's reservation must admit: the caller, or the appointment's CDAS. */
  admitted: Pick<Principal, 'orgId' | 'orgKind'>;
  /**
   * Whether the move counts in `rescheduledCount`. Staff moves do; a move booking makes because the
   * provider cancelled (the in-reach cascade) was nobody's choice, so it is not counted against them.
   */
  counted: boolean;
}

export interface Moved {
  appointment: Appointment;
  from: Slot;
  to: Slot;
}

/**
 * Moves a booked appointment, locked with both slots (`lockAppointment` with the new slot in
 * `alsoLock`), to the new slot: same appointment (id, client, referral, notes), the lowest free seat
 * there, the old seat given back, an audit entry and `appointment.rescheduled.v1`, all in the caller's
 * transaction. Refused (nothing written) when the appointment is not booked, has its outcome, has
 * started or is in that slot already, or the new slot cannot be booked by `mover.admitted` now
 * (unknown, withdrawn, started, reserved for others, full).
 */
export async function moveLockedAppointment(
  manager: EntityManager,
  deps: MoveDeps,
  locked: LockedAppointment,
  move: { toSlotId: string; mover: Mover; reason: string | null; now: Date },
): Promise<Moved> {
  const { appointment, slot: from, slots } = locked;
  const { toSlotId, mover, now } = move;
  const id = appointment.id;
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
  if (toSlotId === from.id) {
    throw new AppointmentError('SAME_SLOT', { extensions: { slotId: from.id } });
  }
  const to = slots.get(toSlotId) ?? null;
  assertBookable(to, toSlotId, mover.admitted, now);
  to.taken -= (await endLapsedHolds(manager, deps, [to.id], now)).length;
  const seat = await takeSeat(manager, to);
  await giveBackSeat(manager, from);

  await updateAppointment(manager, appointment, {
    slotId: to.id,
    seat,
    slotCapacity: to.capacity,
    underReservation: isReserved(to),
    rescheduledCount: appointment.rescheduledCount + (mover.counted ? 1 : 0),
  });

  await deps.audit.record(manager, BOOKING_SCHEMA, {
    ...appointmentAudit(mover.auditActor, appointment, now),
    action: 'update',
    reason: move.reason,
    details: { rescheduled: true, fromSlotId: from.id, toSlotId: to.id },
  });
  await deps.outbox.add(manager, appointmentRescheduledV1, {
    ...appointmentEnvelope(appointment, mover.actor, now),
    data: {
      ...appointmentRef(appointment),
      previousStartsAt: from.startsAt.toISOString(),
      startsAt: to.startsAt.toISOString(),
      endsAt: to.endsAt.toISOString(),
      location: to.location,
      providerOrgId: to.orgId,
      providerName: to.providerName,
      rescheduledBy: mover.actor.id,
      inreachSessionId: to.inreachSessionId,
      underReservation: usedReservedCapacity(isReserved(to), to),
    },
  });
  return { appointment, from, to };
}
