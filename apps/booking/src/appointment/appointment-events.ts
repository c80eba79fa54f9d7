import type { EntityManager } from 'typeorm';
import { appointmentBookedV1, appointmentHeldV1, type Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { usedReservedCapacity } from '../reservation/reservation-rules';
import type { Slot } from '../slot/slot.entity';
import type { Appointment } from './appointment.entity';

/** Booking's own changes (hold expiry, overdue outcomes) are made by this system user. */
export const BOOKING_SYSTEM_USER = 'system:booking';
/** Moves appointments out of a cancelled in-reach session (and ends its holds). */
export const INREACH_CASCADE_USER = 'system:inreach-cascade';
/** Holds a seat for an in-reach waiting list's offer (inreach.offer-made.v1). */
export const INREACH_OFFER_USER = 'system:inreach-offer';
/** Books or declines an offer's hold on the client's SMS reply (sms.reply-received.v1). */
export const SMS_REPLY_USER = 'system:sms-reply';
/** Booking's own users: events name them as the system acting, not a member of staff. */
export const BOOKING_SYSTEM_USERS: ReadonlySet<string> = new Set([
  BOOKING_SYSTEM_USER,
  INREACH_CASCADE_USER,
  INREACH_OFFER_USER,
  SMS_REPLY_USER,
]);

/** Who an event names as acting: one of booking's system users, or a member of staff. */
export function eventActor(userId: string): Actor {
  return { kind: BOOKING_SYSTEM_USERS.has(userId) ? 'system' : 'user', id: userId };
}

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
    ...appointmentEnvelope(appointment, eventActor(userId), now),
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
      underReservation: usedReservedCapacity(appointment.underReservation, slot),
    },
  });
}

/**
 * `appointment.held.v1`, for every hold: by staff on the phone, or for an in-reach offer (`offer`, with
 * what the offer text needs). `inreachSessionId` names the slot's in-reach session (null otherwise).
 */
export async function addHeldEvent(
  manager: EntityManager,
  outbox: Outbox,
  appointment: Appointment,
  slot: Slot,
  now: Date,
): Promise<void> {
  await outbox.add(manager, appointmentHeldV1, {
    ...appointmentEnvelope(appointment, eventActor(appointment.bookedBy), now),
    data: {
      ...appointmentRef(appointment),
      slotId: slot.id,
      startsAt: slot.startsAt.toISOString(),
      holdExpiresAt: appointment.holdExpiresAt!.toISOString(),
      heldBy: appointment.bookedBy,
      inreachSessionId: slot.inreachSessionId,
      offer: appointment.offerId
        ? {
            offerId: appointment.offerId,
            providerName: slot.providerName,
            // As appointment.booked.v1 names it, so reminders word the offer and its booking alike.
            providerOrgId: slot.orgId,
            serviceType: slot.serviceType,
            location: slot.location,
            endsAt: slot.endsAt.toISOString(),
          }
        : null,
    },
  });
}
