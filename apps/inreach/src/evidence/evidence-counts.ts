import type { EntityManager } from 'typeorm';
import type { EvidenceCounts } from './evidence.dto';

export interface ServiceEvidenceCounts extends EvidenceCounts {
  serviceId: string;
  serviceName: string;
  serviceType: string;
  providerName: string;
  siteId: string;
  siteName: string;
}

interface CountsRow {
  service_id: string;
  service_name: string;
  service_type: string;
  provider_name: string;
  site_id: string;
  site_name: string;
  sessions_held: number;
  sessions_cancelled: number;
  bookable_seats: number;
  booked_seats: number;
  attended: number;
  did_not_attend: number;
  walk_ins: number;
  days: number[];
}

/**
 * The counts behind the evidence report, per service (one site each), for the host's sessions on
 * London dates from..to, as of `now` (a session is held once it has ended; only held sessions count
 * people, walk-ins included). Seats are whole slots of the London wall-clock length, as booking cuts
 * them. Days from referral to being seen are whole London days: an appointment attended, from its
 * referral (0 when the referral is dated after it: recorded late, not a negative wait); a walk-in, from
 * the client's latest in-reach referral made before they were seen.
 */
export async function evidenceCounts(
  manager: EntityManager,
  hostOrgId: string,
  from: string,
  to: string,
  now: Date,
): Promise<ServiceEvidenceCounts[]> {
  const rows = (await manager.query(
    `WITH s AS (
       SELECT se.*, (se."status" = 'published' AND se."ends_at" <= $4) AS "held"
         FROM "inreach"."session" se
         JOIN "inreach"."inreach_service" sv ON sv."id" = se."service_id"
        WHERE sv."host_org_id" = $1 AND se."session_date" BETWEEN $2::date AND $3::date
     ), sessions AS (
       SELECT "service_id",
              count(*) FILTER (WHERE "held")::int AS "sessions_held",
              count(*) FILTER (WHERE "status" = 'cancelled' AND "published_at" IS NOT NULL
                                 AND COALESCE("cancelled_because", '') <> 'series_changed')::int
                AS "sessions_cancelled",
              COALESCE(sum(floor(EXTRACT(EPOCH FROM ("ends_at" AT TIME ZONE 'Europe/London')
                                                  - ("starts_at" AT TIME ZONE 'Europe/London')) / 60
                                 / "slot_minutes") * "seats_per_slot") FILTER (WHERE "held"), 0)::int
                AS "bookable_seats"
         FROM s GROUP BY "service_id"
     ), appointments AS (
       SELECT s."service_id",
              count(*) FILTER (WHERE a."status" = 'booked')::int AS "booked_seats",
              count(*) FILTER (WHERE a."attendance" = 'attended')::int AS "attended",
              count(*) FILTER (WHERE a."attendance" = 'did_not_attend')::int AS "did_not_attend"
         FROM "inreach"."session_appointment" a
         JOIN s ON s."id" = a."session_id" AND s."held"
        WHERE a."org_id" = $1
        GROUP BY s."service_id"
     ), walk_ins AS (
       SELECT s."service_id", count(*)::int AS "walk_ins"
         FROM "inreach"."walk_in" w
         JOIN s ON s."id" = w."session_id" AND s."held"
        GROUP BY s."service_id"
     ), waits AS (
       SELECT s."service_id",
              GREATEST(0, (a."starts_at" AT TIME ZONE 'Europe/London')::date
                - (r."created_at" AT TIME ZONE 'Europe/London')::date) AS "days"
         FROM "inreach"."session_appointment" a
         JOIN s ON s."id" = a."session_id" AND s."held"
         JOIN "inreach"."referral" r ON r."referral_id" = a."referral_id" AND r."org_id" = $1
        WHERE a."org_id" = $1 AND a."attendance" = 'attended'
       UNION ALL
       SELECT s."service_id",
              (w."seen_at" AT TIME ZONE 'Europe/London')::date
                - (r."created_at" AT TIME ZONE 'Europe/London')::date
         FROM "inreach"."walk_in" w
         JOIN s ON s."id" = w."session_id" AND s."held"
         CROSS JOIN LATERAL (
           SELECT r."created_at" FROM "inreach"."referral" r
            WHERE r."client_id" = w."client_id" AND r."org_id" = $1 AND r."destination_kind" = 'inreach'
              AND r."created_at" <= w."seen_at"
            ORDER BY r."created_at" DESC LIMIT 1
         ) r
     ), wait_lists AS (
       SELECT "service_id", array_agg("days" ORDER BY "days") AS "days" FROM waits GROUP BY "service_id"
     )
     SELECT sv."id" AS "service_id", sv."name" AS "service_name", sv."service_type", sv."provider_name",
            si."site_id", si."name" AS "site_name",
            ss."sessions_held", ss."sessions_cancelled", ss."bookable_seats",
            COALESCE(ap."booked_seats", 0) AS "booked_seats", COALESCE(ap."attended", 0) AS "attended",
            COALESCE(ap."did_not_attend", 0) AS "did_not_attend", COALESCE(wi."walk_ins", 0) AS "walk_ins",
            COALESCE(wl."days", '{}'::int[]) AS "days"
       FROM sessions ss
       JOIN "inreach"."inreach_service" sv ON sv."id" = ss."service_id"
       JOIN "inreach"."site" si ON si."site_id" = sv."site_id"
       LEFT JOIN appointments ap ON ap."service_id" = ss."service_id"
       LEFT JOIN walk_ins wi ON wi."service_id" = ss."service_id"
       LEFT JOIN wait_lists wl ON wl."service_id" = ss."service_id"
      ORDER BY si."name", sv."name", sv."id"`,
    [hostOrgId, from, to, now],
  )) as CountsRow[];
  return rows.map((r) => ({
    serviceId: r.service_id,
    serviceName: r.service_name,
    serviceType: r.service_type,
    providerName: r.provider_name,
    siteId: r.site_id,
    siteName: r.site_name,
    sessionsHeld: r.sessions_held,
    sessionsCancelled: r.sessions_cancelled,
    bookableSeats: r.bookable_seats,
    bookedSeats: r.booked_seats,
    attended: r.attended,
    didNotAttend: r.did_not_attend,
    walkIns: r.walk_ins,
    daysReferralToSeen: r.days,
  }));
}
