import type { EntityManager } from 'typeorm';

/**
 * Makes the services' waiting lists due for the offer job at `dueAt`, in the caller's transaction: so
 * whatever may free a seat or add a client (a session published, a client starting to wait, a hold
 * ended) is followed by offers exactly when it commits. A service already due sooner stays so.
 */
export async function markOffersDue(
  manager: EntityManager,
  serviceIds: readonly string[],
  dueAt: Date,
): Promise<void> {
  // In one order, so two transactions marking the same services never wait on each other in a circle.
  const ids = [...new Set(serviceIds)].sort();
  if (ids.length === 0) return;
  await manager.query(
    `INSERT INTO "inreach"."offer_due" ("service_id", "due_at")
     SELECT unnest($1::uuid[]), $2
     ON CONFLICT ("service_id") DO UPDATE SET "due_at" = LEAST("offer_due"."due_at", EXCLUDED."due_at")`,
    [ids, dueAt],
  );
}

/**
 * A seat of each session came free at `freedAt` (booking's event: a booking cancelled or moved out, a
 * hold ended): a session booking had said is full, before then, may be offered again, and the
 * sessions' services become due at `dueAt` (markOffersDue). The time is kept, so a refusal that arrives
 * after the event but was made before it blocks nothing. Sessions unknown to in-reach are passed over.
 */
export async function seatsFreedIn(
  manager: EntityManager,
  sessionIds: readonly string[],
  freedAt: Date,
  dueAt: Date,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const rows = (await manager.query(
    `WITH freed AS (
       UPDATE "inreach"."session"
          SET "last_seat_freed_at" = GREATEST("last_seat_freed_at", $2),
              "offers_blocked_at" = CASE WHEN "offers_blocked_at" <= $2 THEN NULL ELSE "offers_blocked_at" END
        WHERE "id" = ANY($1::uuid[])
        RETURNING "service_id")
     SELECT DISTINCT "service_id" FROM freed`,
    [[...new Set(sessionIds)].sort(), freedAt],
  )) as { service_id: string }[];
  await markOffersDue(
    manager,
    rows.map((r) => r.service_id),
    dueAt,
  );
}
