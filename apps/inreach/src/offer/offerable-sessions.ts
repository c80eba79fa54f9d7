import type { EntityManager } from 'typeorm';
import type { SessionSeats } from './free-seats';
import { takesASeat } from './taken-seat';

export interface OfferableSession extends SessionSeats {
  id: string;
}

/**
 * The service's published sessions starting at `from` or later, earliest first, with the seats taken
 * in them (appointments booked or held, as booking's events told in-reach; holds lapsed before
 * `lapsedBefore` no longer count) and the offers booking has not answered yet. A session booking said
 * is full (offers_blocked_at) is left out until a seat of it frees.
 */
export async function offerableSessions(
  manager: EntityManager,
  serviceId: string,
  from: Date,
  lapsedBefore: Date,
): Promise<OfferableSession[]> {
  const rows = (await manager.query(
    `SELECT s."id", s."starts_at", s."ends_at", s."slot_minutes", s."seats_per_slot",
            (SELECT count(*) FROM "inreach"."session_appointment" a
              WHERE a."session_id" = s."id" AND ${takesASeat('a', '$3')})::int AS "taken",
            (SELECT count(*) FROM "inreach"."offer" o
              WHERE o."session_id" = s."id" AND o."status" = 'requested')::int AS "requested"
       FROM "inreach"."session" s
      WHERE s."service_id" = $1 AND s."status" = 'published' AND s."starts_at" >= $2
        AND s."offers_blocked_at" IS NULL
      ORDER BY s."starts_at", s."id"`,
    [serviceId, from, lapsedBefore],
  )) as {
    id: string;
    starts_at: Date;
    ends_at: Date;
    slot_minutes: number;
    seats_per_slot: number;
    taken: number;
    requested: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    slotMinutes: r.slot_minutes,
    seatsPerSlot: r.seats_per_slot,
    taken: r.taken,
    requested: r.requested,
  }));
}
