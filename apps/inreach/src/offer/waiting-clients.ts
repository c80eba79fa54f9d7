import type { EntityManager } from 'typeorm';
import type { Urgency } from '../waiting-list/waiting-list-entry.entity';
import type { OfferCandidate } from './offer-ranking';
import { takesASeat } from './taken-seat';

/** A client who may be offered a seat of the service now. */
export interface WaitingClient extends OfferCandidate {
  clientId: string;
  keyworkerId: string;
  /** Sessions of the service they were offered before (bar offers booking could not place): never again. */
  offeredSessionIds: ReadonlySet<string>;
}

/*
 * Why a waiting entry `e` (waiting_list_entry) is passed over, as SQL: shared with the waiting list, so
 * what it shows is what the offer job does.
 */

/** Its client has a live offer (requested or open) of the service: one at a time. */
export const HAS_LIVE_OFFER = `EXISTS (SELECT 1 FROM "inreach"."offer" lo
   WHERE lo."client_id" = e."client_id" AND lo."service_id" = e."service_id" AND lo."status" IN ('requested', 'open'))`;

/** Its client is booked or holds a seat in a session of the service starting after `now`. */
export function inAComingSession(now: string, lapsedBefore: string): string {
  return `EXISTS (SELECT 1 FROM "inreach"."session_appointment" a
     JOIN "inreach"."session" s ON s."id" = a."session_id"
    WHERE a."client_id" = e."client_id" AND s."service_id" = e."service_id" AND s."starts_at" > ${now}
      AND ${takesASeat('a', lapsedBefore)})`;
}

/** The sessions of the service its client was offered, but for offers booking could not place. */
export const OFFERED_SESSION_IDS = `ARRAY(SELECT po."session_id"::text FROM "inreach"."offer" po
   WHERE po."client_id" = e."client_id" AND po."service_id" = e."service_id" AND po."status" <> 'unplaced')`;

/**
 * The clients on the service's waiting list who may be offered a seat at `now`: waiting, known to
 * in-reach (their keyworker follows the offer up), with no live offer of the service, and neither
 * booked nor holding a seat in a session of the service still to come (a hold lapsed before
 * `lapsedBefore` no longer counts).
 */
export async function waitingClients(
  manager: EntityManager,
  service: { id: string; hostOrgId: string },
  now: Date,
  lapsedBefore: Date,
): Promise<WaitingClient[]> {
  const rows = (await manager.query(
    `SELECT e."referral_id", e."client_id", e."urgency", e."joined_at", c."keyworker_id", c."attendance_days",
            ${OFFERED_SESSION_IDS} AS "offered_session_ids"
       FROM "inreach"."waiting_list_entry" e
       JOIN "inreach"."client" c ON c."client_id" = e."client_id" AND c."org_id" = e."org_id"
      WHERE e."service_id" = $1 AND e."org_id" = $2 AND e."status" = 'waiting'
        AND NOT ${HAS_LIVE_OFFER}
        AND NOT ${inAComingSession('$3', '$4')}`,
    [service.id, service.hostOrgId, now, lapsedBefore],
  )) as {
    referral_id: string;
    client_id: string;
    urgency: Urgency;
    joined_at: Date;
    keyworker_id: string;
    attendance_days: string[];
    offered_session_ids: string[];
  }[];
  return rows.map((r) => ({
    referralId: r.referral_id,
    clientId: r.client_id,
    urgency: r.urgency,
    joinedAt: r.joined_at,
    keyworkerId: r.keyworker_id,
    attendanceDays: r.attendance_days,
    offeredSessionIds: new Set(r.offered_session_ids),
  }));
}
