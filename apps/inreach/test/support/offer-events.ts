import { randomUUID } from 'node:crypto';
import type { Actor, HoldEndReason, OFFER_UNPLACED_REASONS, ReferralStatusValue } from '@careloop/contracts';
import { aReferralCreatedEvent } from '@careloop/testing';
import { envelope } from './day-sheet-events';

/**
 * The events of the waiting list's and offers' flow that other services send in-reach, as their
 * producers send them (each checked against its contract): referrals' in-reach referrals and their
 * status changes, booking's holds for offers, bookings of them, ended holds and unplaced offers.
 */

export interface InreachReferral {
  referralId: string;
  orgId: string;
  clientId: string;
  serviceId: string;
  urgency: 'routine' | 'soon' | 'urgent';
}

/** An in-reach referral of a client to a service, sent (unless `status` says draft) at `createdAt`. */
export function anInreachReferral(
  fields: Pick<InreachReferral, 'orgId' | 'clientId' | 'serviceId'> & Partial<InreachReferral>,
): InreachReferral {
  return { referralId: randomUUID(), urgency: 'routine', ...fields };
}

export function anInreachReferralCreatedEvent(
  r: InreachReferral,
  createdAt: string,
  options: { status?: 'draft' | 'sent'; destinationKind?: 'inreach' | 'gp' } = {},
) {
  return aReferralCreatedEvent({
    orgId: r.orgId,
    occurredAt: new Date(createdAt).toISOString(),
    data: {
      referralId: r.referralId,
      clientId: r.clientId,
      destinationKind: options.destinationKind ?? 'inreach',
      destinationName: 'Hepatitis C treatment',
      urgency: r.urgency,
      reason: 'Hepatitis C antibody positive; needs RNA test and treatment',
      inreachServiceId: r.serviceId,
      ...(options.status ? { status: options.status } : {}),
    },
  });
}

/** What referrals names as the action that moved a referral to `to`. */
const ACTION_TO: Partial<Record<ReferralStatusValue, string>> = {
  sent: 'send',
  accepted: 'record-acceptance',
  rejected: 'record-rejection',
  booked: 'appointment-booked',
  attended: 'attended',
  did_not_attend: 'did-not-attend',
  completed: 'complete',
  closed: 'close',
};

export function aReferralStatusChangedEvent(
  r: InreachReferral,
  from: ReferralStatusValue,
  to: ReferralStatusValue,
  changedAt: string,
) {
  return envelope(
    'referral.status-changed.v1',
    r.referralId,
    r.orgId,
    {
      referralId: r.referralId,
      clientId: r.clientId,
      from,
      to,
      action: ACTION_TO[to] ?? 'close',
      reason: null,
      appointmentId: null,
      source: 'staff',
      changedBy: 'alex.morgan',
      changedAt: new Date(changedAt).toISOString(),
    },
    changedAt,
  );
}

/** A hold booking made: for an offer (`offerId`) or by staff on the phone (no offer). */
export interface Hold {
  appointmentId: string;
  orgId: string;
  clientId: string;
  referralId: string | null;
  sessionId: string;
  startsAt: string;
  endsAt: string;
  holdExpiresAt: string;
  offerId: string | null;
}

export function aHold(
  fields: Pick<Hold, 'orgId' | 'clientId' | 'sessionId' | 'startsAt' | 'endsAt' | 'holdExpiresAt'> &
    Partial<Hold>,
): Hold {
  return { appointmentId: randomUUID(), referralId: null, offerId: null, ...fields };
}

const ref = (h: Hold) => ({ appointmentId: h.appointmentId, clientId: h.clientId, referralId: h.referralId });

export function anAppointmentHeldEvent(h: Hold, occurredAt?: string) {
  return envelope(
    'appointment.held.v1',
    h.appointmentId,
    h.orgId,
    {
      ...ref(h),
      slotId: randomUUID(),
      startsAt: h.startsAt,
      holdExpiresAt: h.holdExpiresAt,
      heldBy: h.offerId ? 'system:inreach-offer' : 'alex.morgan',
      inreachSessionId: h.sessionId,
      offer: h.offerId
        ? {
            offerId: h.offerId,
            providerName: 'St Elsewhere Hepatology',
            providerOrgId: null,
            serviceType: 'hepatitis_c',
            location: 'Clinic room 2, 12 High Street, Riverside',
            endsAt: h.endsAt,
          }
        : null,
    },
    occurredAt,
  );
}

/** The hold confirmed: booking books the same appointment. */
export function aHoldBookedEvent(h: Hold, occurredAt?: string) {
  return envelope(
    'appointment.booked.v1',
    h.appointmentId,
    h.orgId,
    {
      ...ref(h),
      providerName: 'St Elsewhere Hepatology',
      serviceType: 'hepatitis_c',
      location: 'Clinic room 2, 12 High Street, Riverside',
      startsAt: h.startsAt,
      endsAt: h.endsAt,
      bookedBy: 'system:sms-reply',
      inreachSessionId: h.sessionId,
    },
    occurredAt,
  );
}

/** Booking's user ending the holds of a withdrawn in-reach session. */
export const SESSION_WITHDRAWAL: Actor = { kind: 'system', id: 'system:inreach-cascade' };

/**
 * The hold ended: `declined` is a release the client asked for by SMS, as booking sends it; `by` is
 * who ended it (SESSION_WITHDRAWAL when its session was withdrawn).
 */
export function aHoldEndedEvent(h: Hold, reason: HoldEndReason, occurredAt?: string, by?: Actor) {
  const event = envelope(
    'appointment.hold-ended.v1',
    h.appointmentId,
    h.orgId,
    {
      ...ref(h),
      slotId: randomUUID(),
      reason: reason === 'declined' ? 'released' : reason,
      ...(reason === 'declined' ? { declinedByClient: true } : {}),
      inreachSessionId: h.sessionId,
      offerId: h.offerId,
    },
    occurredAt,
  );
  return by ? { ...event, actor: by } : event;
}

export function anOfferUnplacedEvent(
  offer: { offerId: string; sessionId: string; clientId: string; orgId: string },
  reason: (typeof OFFER_UNPLACED_REASONS)[number],
  occurredAt?: string,
) {
  return envelope(
    'appointment.offer-unplaced.v1',
    offer.offerId,
    offer.orgId,
    { offerId: offer.offerId, sessionId: offer.sessionId, clientId: offer.clientId, reason },
    occurredAt,
  );
}
