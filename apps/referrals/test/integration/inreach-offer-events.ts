import { randomUUID } from 'node:crypto';
import {
  appointmentBookedV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  inreachServiceRegisteredV1,
  type Actor,
  type EventDefinition,
} from '@careloop/contracts';
import {
  bookedInSession,
  envelope,
  INREACH_LOCATION,
  plus20,
  PROVIDER,
  SERVICE_TYPE,
  type Env,
} from './inreach-care-events';

const OFFER_HOLDER: Actor = { kind: 'system', id: 'system:inreach-offer' };

/** In-reach's registration of a service hosted by `hostOrgId` (keyed by the service). */
export function aServiceRegistered(
  hostOrgId: string,
  o: { serviceId?: string; name?: string; envelopeOrgId?: string } = {},
): Env<typeof inreachServiceRegisteredV1> {
  const serviceId = o.serviceId ?? randomUUID();
  return envelope(
    inreachServiceRegisteredV1,
    o.envelopeOrgId ?? hostOrgId,
    serviceId,
    { kind: 'user', id: 'user-coordinator' },
    {
      serviceId,
      hostOrgId,
      siteId: randomUUID(),
      name: o.name ?? 'Hepatitis C treatment',
      serviceType: SERVICE_TYPE,
      providerName: PROVIDER,
      registeredAt: '2026-10-01T09:00:00Z',
    },
    '2026-10-01T09:00:00Z',
  );
}

/**
 * Booking's events about the seat it holds for one in-reach offer, as booking publishes them (keyed
 * by the appointment): the hold for the offer, then a booking or the hold's end.
 */
export function anOfferHold(
  orgId: string,
  clientId: string,
  o: { referralId?: string | null; startsAt?: string; expiresAt?: string; offerId?: string | null } = {},
) {
  const appointmentId = randomUUID();
  const offerId = o.offerId === undefined ? randomUUID() : o.offerId;
  const sessionId = randomUUID();
  const startsAt = o.startsAt ?? '2026-11-05T10:20:00Z';
  const expiresAt = o.expiresAt ?? '2026-11-03T17:00:00Z';
  const ref = { appointmentId, clientId, referralId: o.referralId ?? null };
  const make = <D>(def: EventDefinition, actor: Actor, data: unknown, at: string) =>
    envelope<D>(def, orgId, appointmentId, actor, data, at);
  return {
    appointmentId,
    offerId,
    held: (at = '2026-11-01T17:00:00Z'): Env<typeof appointmentHeldV1> =>
      make(
        appointmentHeldV1,
        OFFER_HOLDER,
        {
          ...ref,
          slotId: randomUUID(),
          startsAt,
          holdExpiresAt: expiresAt,
          heldBy: OFFER_HOLDER.id,
          inreachSessionId: sessionId,
          offer: offerId
            ? {
                offerId,
                providerName: PROVIDER,
                providerOrgId: 'org-st-elsewhere',
                serviceType: SERVICE_TYPE,
                location: INREACH_LOCATION,
                endsAt: plus20(startsAt),
              }
            : null,
        },
        at,
      ),
    /** The client replied YES (or the keyworker confirmed the hold). */
    booked: (at = '2026-11-02T08:15:00Z', bookedBy = 'system:sms-reply'): Env<typeof appointmentBookedV1> =>
      make(
        appointmentBookedV1,
        { kind: 'system', id: bookedBy },
        bookedInSession(ref, startsAt, sessionId, bookedBy),
        at,
      ),
    ended: (
      reason: 'declined' | 'released' | 'expired',
      at = '2026-11-02T09:00:00Z',
      actor: Actor = { kind: 'system', id: 'system:booking' },
    ): Env<typeof appointmentHoldEndedV1> =>
      make(
        appointmentHoldEndedV1,
        actor,
        {
          ...ref,
          slotId: randomUUID(),
          // A client's NO travels as released + declinedByClient (the contract's compatible form).
          reason: reason === 'declined' ? 'released' : reason,
          ...(reason === 'declined' ? { declinedByClient: true } : {}),
          inreachSessionId: sessionId,
          offerId,
        },
        at,
      ),
  };
}
