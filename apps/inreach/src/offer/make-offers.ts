import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { inreachOfferMadeV1, type Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import type { InreachPolicy } from '../inreach-policy';
import { freeSeats } from './free-seats';
import { earliestOfferableStart, offerExpiresAt } from './offer-expiry';
import { offerOrder } from './offer-ranking';
import { Offer } from './offer.entity';
import { offerableSessions } from './offerable-sessions';
import { holdsLapsedBefore } from './taken-seat';
import { waitingClients, type WaitingClient } from './waiting-clients';

export const OFFER_ACTOR: Actor = { kind: 'system', id: 'system:inreach-offers' };

export interface OfferRound {
  service: { id: string; hostOrgId: string };
  now: Date;
  policy: InreachPolicy;
}

/**
 * Offers the free seats of the service's sessions to its waiting clients, in the caller's transaction,
 * which holds the service's lock (so two rounds for one service run one after the other, and the
 * second counts the first's offers). Sessions starting at least offerLeadHours on, earliest first (but
 * for those booking said are full): each free seat goes to the next client in offerOrder who was never
 * offered that session (an offer booking could not place aside) and has not been offered another this
 * round. Each offer is a `requested` row and inreach.offer-made.v1, keyed by the
 * session (booking reads it after the session's publication), in the same transaction.
 */
export async function makeOffers(
  manager: EntityManager,
  outbox: Outbox,
  { service, now, policy }: OfferRound,
): Promise<Offer[]> {
  const lapsedBefore = holdsLapsedBefore(now, policy);
  const sessions = (
    await offerableSessions(manager, service.id, earliestOfferableStart(now, policy), lapsedBefore)
  ).filter((s) => freeSeats(s) > 0);
  if (sessions.length === 0) return [];
  let waiting: WaitingClient[] = await waitingClients(manager, service, now, lapsedBefore);
  const made: Offer[] = [];
  for (const session of sessions) {
    if (waiting.length === 0) break;
    const ranked = offerOrder(
      waiting.filter((w) => !w.offeredSessionIds.has(session.id)),
      { now, sessionStartsAt: session.startsAt, longWaitDays: policy.longWaitDays },
    );
    const chosen = oncePerClient(ranked).slice(0, freeSeats(session));
    if (chosen.length === 0) continue;
    const offers = chosen.map((client) =>
      manager.create(Offer, {
        id: randomUUID(),
        orgId: service.hostOrgId,
        serviceId: service.id,
        sessionId: session.id,
        referralId: client.referralId,
        clientId: client.clientId,
        keyworkerId: client.keyworkerId,
        status: 'requested',
        appointmentId: null,
        slotStartsAt: null,
        offeredAt: now,
        expiresAt: offerExpiresAt(now, session.startsAt, policy),
        endedAt: null,
        endReason: null,
        updatedAt: now,
      }),
    );
    await manager.insert(Offer, offers);
    for (const offer of offers) {
      await outbox.add(manager, inreachOfferMadeV1, {
        subjectId: offer.sessionId,
        orgId: offer.orgId,
        actor: OFFER_ACTOR,
        occurredAt: now,
        data: {
          offerId: offer.id,
          sessionId: offer.sessionId,
          serviceId: offer.serviceId,
          hostOrgId: offer.orgId,
          clientId: offer.clientId,
          referralId: offer.referralId,
          keyworkerId: offer.keyworkerId,
          offeredAt: offer.offeredAt.toISOString(),
          expiresAt: offer.expiresAt.toISOString(),
        },
      });
    }
    made.push(...offers);
    const offeredClients = new Set(chosen.map((c) => c.clientId));
    waiting = waiting.filter((w) => !offeredClients.has(w.clientId));
  }
  return made;
}

/** A client referred twice to the service is offered one seat: by their better-placed entry. */
function oncePerClient(ranked: readonly WaitingClient[]): WaitingClient[] {
  const seen = new Set<string>();
  return ranked.filter((w) => !seen.has(w.clientId) && seen.add(w.clientId));
}
