import type { EntityManager } from 'typeorm';
import type { appointmentBookedV1, EventData, EventEnvelope } from '@careloop/contracts';
import { ClientAppointment, type ClientAppointmentStatus } from './client-appointment.entity';
import { ReferralError } from './referral.errors';

interface AppointmentRef {
  appointmentId: string;
  clientId: string;
  referralId: string | null;
}

/**
 * Adds a booked appointment to this service's projection. A redelivered or repeated booking leaves
 * the row as it is (later events own it); one naming another organisation or client is an error
 * that dead-letters the event.
 */
export async function recordBookedAppointment(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
): Promise<void> {
  const d = event.data;
  const existing = await manager.findOne(ClientAppointment, {
    where: { appointmentId: d.appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (existing) {
    if (existing.orgId !== event.orgId || existing.clientId !== d.clientId) {
      throw new ReferralError('APPOINTMENT_MISMATCH', { detail: `Appointment ${d.appointmentId} differs` });
    }
    return;
  }
  await manager.insert(ClientAppointment, {
    appointmentId: d.appointmentId,
    orgId: event.orgId,
    clientId: d.clientId,
    referralId: d.referralId,
    providerName: d.providerName,
    serviceType: d.serviceType,
    location: d.location,
    startsAt: new Date(d.startsAt),
    endsAt: new Date(d.endsAt),
    status: 'booked',
    bookedAt: new Date(event.occurredAt),
    underReservation: d.underReservation ?? null,
    inreachSessionId: d.inreachSessionId ?? null,
    updatedAt: new Date(event.occurredAt),
  });
}

/** Applies a later event's change to a projected appointment, which must match the event's ids. */
export async function updateAppointment(
  manager: EntityManager,
  event: EventEnvelope<AppointmentRef>,
  changes: Partial<
    Pick<ClientAppointment, 'startsAt' | 'endsAt' | 'location' | 'underReservation' | 'inreachSessionId'>
  > & {
    status: ClientAppointmentStatus;
  },
): Promise<void> {
  const { appointmentId, clientId, referralId } = event.data;
  const row = await manager.findOne(ClientAppointment, {
    where: { appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) {
    throw new ReferralError('APPOINTMENT_NOT_FOUND', { detail: `No appointment ${appointmentId} booked` });
  }
  if (row.orgId !== event.orgId || row.clientId !== clientId || row.referralId !== referralId) {
    throw new ReferralError('APPOINTMENT_MISMATCH', { detail: `Appointment ${appointmentId} differs` });
  }
  await manager.update(
    ClientAppointment,
    { appointmentId },
    { ...changes, updatedAt: new Date(event.occurredAt) },
  );
}
