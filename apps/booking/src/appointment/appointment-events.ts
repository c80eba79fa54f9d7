import type { EntityManager } from 'typeorm';
import { appointmentBookedV1, type Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import type { Slot } from '../slot/slot.entity';
import type { Appointment } from './appointment.entity';

/** Booking's own changes (hold expiry, overdue outcomes) are made by this system user. */
export const BOOKING_SYSTEM_USER = 'system:booking';
/** Moves appointments out of a cancelled in-reach session (and ends its holds). */
export const INREACH_CASCADE_USER = 'system:inreach-cascade';
/** Booking's own users: events name them as the system acting, not a member of staff. */
export const BOOKING_SYSTEM_USERS: ReadonlySet<string> = new Set([BOOKING_SYSTEM_USER, INREACH_CASCADE_USER]);

/** What every appointment event names: the appointment, its client and referral. */
export function appointmentRef(a: Appointment): {
  appointmentId: string;
  clientId: string;
  referralId: string | null;
} {
  return { appointmentId: a.id, clientId: a.clientId, referralId: a.referralId };
}

/**
 * The envelope of an event about an appointment. It carries the booking CDAS as its organisation,
 * whoever acted (the clinic, a timer): the CDAS follows its client's referral.
 */
export function appointmentEnvelope(
  appointment: { id: string; orgId: string },
  actor: Actor,
  occurredAt: Date,
): { subjectId: string; orgId: string; actor: Actor; occurredAt: Date } {
  return { subjectId: appointment.id, orgId: appointment.orgId, actor, occurredAt };
}

/**
 * `appointment.booked.v1`, for a direct booking and a confirmed hold alike; `inreachSessionId` names the
 * slot's in-reach session (null for any other slot), so in-reach keeps its sessions' appointments.
 */
export async function addBookedEvent(
  manager: EntityManager,
  outbox: Outbox,
  appointment: Appointment,
  slot: Slot,
  userId: string,
  now: Date,
): Promise<void> {
  await outbox.add(manager, appointmentBookedV1, {
    ...appointmentEnvelope(appointment, { kind: 'user', id: userId }, now),
    data: {
      ...appointmentRef(appointment),
      providerName: slot.providerName,
      providerOrgId: slot.orgId,
      serviceType: slot.serviceType,
      location: slot.location,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      bookedBy: userId,
      inreachSessionId: slot.inreachSessionId,
    },
  });
}
