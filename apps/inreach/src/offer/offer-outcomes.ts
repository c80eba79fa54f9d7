import type { EntityManager } from 'typeorm';
import type { Actor, HoldEndReason } from '@careloop/contracts';
import type { OfferStatus } from './offer.entity';

/** The offer's status after its hold ended: a released hold is the client's no, given through staff. */
const ENDED_AS: Record<HoldEndReason, OfferStatus> = {
  declined: 'declined',
  released: 'declined',
  expired: 'expired',
};

/**
 * Booking's user that ends the holds of a withdrawn in-reach session (the envelope's actor): the
 * session went, the client said nothing.
 */
export const SESSION_WITHDRAWAL_ACTOR = 'system:inreach-cascade';

/** What became of an offer whose hold ended: its status and why. */
export interface OfferEnd {
  status: OfferStatus;
  endReason: string;
}

/**
 * How an offer ends with its hold: released by booking because the session was withdrawn is
 * `withdrawn` (`session_withdrawn`), not the client's no; otherwise declined (by SMS, or released by
 * staff) or expired, with booking's reason.
 */
export function offerEndOf(reason: HoldEndReason, actor: Actor): OfferEnd {
  if (reason === 'released' && actor.kind === 'system' && actor.id === SESSION_WITHDRAWAL_ACTOR) {
    return { status: 'withdrawn', endReason: 'session_withdrawn' };
  }
  return { status: ENDED_AS[reason], endReason: reason };
}

interface OfferRow {
  id: string;
  session_id: string;
  service_id: string;
}

export interface OfferRef {
  id: string;
  sessionId: string;
  serviceId: string;
}

/**
 * Booking holds a seat for the offer: it is open until it expires, and names the appointment the
 * keyworker confirms or releases. Only the client's own offer of the event's organisation is opened;
 * one already ended (never held in time) keeps its status but learns the appointment. Null when there
 * is no such offer.
 */
export async function openOffer(
  manager: EntityManager,
  offer: { offerId: string; orgId: string; clientId: string },
  held: { appointmentId: string; slotStartsAt: Date },
  now: Date,
): Promise<OfferRef | null> {
  const rows = (await manager.query(
    `WITH opened AS (
       UPDATE "inreach"."offer"
          SET "status" = CASE WHEN "status" = 'requested' THEN 'open' ELSE "status" END,
              "appointment_id" = COALESCE("appointment_id", $4), "slot_starts_at" = COALESCE("slot_starts_at", $5),
              "updated_at" = $6
        WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3
        RETURNING "id", "session_id", "service_id")
     SELECT * FROM opened`,
    [offer.offerId, offer.orgId, offer.clientId, held.appointmentId, held.slotStartsAt, now],
  )) as OfferRow[];
  const row = rows[0];
  return row ? { id: row.id, sessionId: row.session_id, serviceId: row.service_id } : null;
}

/**
 * The held appointment was booked (by the event's organisation): the client took the offer. Booking
 * books only a hold still open, so an offer in-reach closed itself for want of word from booking
 * (`not_held`, `hold_not_ended`) is taken all the same.
 */
export async function acceptOffer(
  manager: EntityManager,
  booked: { appointmentId: string; orgId: string },
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE "inreach"."offer" SET "status" = 'accepted', "ended_at" = $3, "end_reason" = 'booked', "updated_at" = $3
      WHERE "appointment_id" = $1 AND "org_id" = $2
        AND ("status" IN ('requested', 'open') OR "end_reason" IN ('not_held', 'hold_not_ended'))`,
    [booked.appointmentId, booked.orgId, now],
  );
}

/**
 * The offer's hold ended without a booking (offerEndOf: declined, withdrawn with its session, or
 * expired). The offer is found by its id when booking names it, else by the appointment. Returns the
 * ended offer, null when none was live.
 */
export async function endOfferHold(
  manager: EntityManager,
  hold: { offerId: string | null; appointmentId: string; orgId: string },
  end: OfferEnd,
  now: Date,
): Promise<OfferRef | null> {
  const rows = (await manager.query(
    `WITH ended AS (
       UPDATE "inreach"."offer" SET "status" = $4, "ended_at" = $5, "end_reason" = $6, "updated_at" = $5
        WHERE ("id" = $1 OR "appointment_id" = $2) AND "org_id" = $3 AND "status" IN ('requested', 'open')
        RETURNING "id", "session_id", "service_id")
     SELECT * FROM ended`,
    [hold.offerId, hold.appointmentId, hold.orgId, end.status, now, end.endReason],
  )) as OfferRow[];
  const row = rows[0];
  return row ? { id: row.id, sessionId: row.session_id, serviceId: row.service_id } : null;
}
