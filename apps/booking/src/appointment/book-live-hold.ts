import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditTrail } from '@careloop/auth';
import type { Outbox } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { ConfirmHoldBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { addBookedEvent } from './appointment-events';
import type { AppointmentInSlot } from './load-appointment';
import { updateAppointment } from './update-appointment';

export interface BookLiveHoldDeps {
  outbox: Outbox;
  audit: AuditTrail;
}

/**
 * Turns a live hold (held, not lapsed: the caller checked, under the appointment's lock) into a
 * booking on the same seat: the row, an audit entry by `by` and `appointment.booked.v1` naming `by`.
 * The one path from hold to booking, whoever confirms: staff (ConfirmHold) or the client's YES to an
 * in-reach offer (AnswerOfferBySms). A slot the clinic withdrew meanwhile is refused SLOT_WITHDRAWN.
 */
export async function bookLiveHold(
  manager: EntityManager,
  deps: BookLiveHoldDeps,
  { appointment, slot }: AppointmentInSlot,
  by: AuditActor,
  body: ConfirmHoldBody,
  now: Date,
): Promise<void> {
  if (slot.status === 'withdrawn') {
    // The clinic closed the session (an exception) while the worker talked to the client.
    throw new AppointmentError('SLOT_WITHDRAWN', { extensions: { slotId: slot.id } });
  }
  const changed = (['notesForClinic', 'accompaniment', 'doNotDischarge'] as const).filter(
    (field) => body[field] !== undefined,
  );
  await updateAppointment(manager, appointment, {
    status: 'booked',
    holdExpiresAt: null,
    bookedBy: by.userId,
    bookedAt: now,
    ...(body.notesForClinic !== undefined ? { notesForClinic: body.notesForClinic } : {}),
    ...(body.accompaniment !== undefined ? { accompaniment: body.accompaniment } : {}),
    ...(body.doNotDischarge !== undefined ? { doNotDischarge: body.doNotDischarge } : {}),
  });

  await deps.audit.record(manager, BOOKING_SCHEMA, {
    ...appointmentAudit(by, appointment, now),
    action: 'update',
    details: { status: 'booked', from: 'held', fields: changed },
  });
  await addBookedEvent(manager, deps.outbox, appointment, slot, by.userId, now);
}
