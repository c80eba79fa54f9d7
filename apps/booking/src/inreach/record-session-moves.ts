import type { EntityManager } from 'typeorm';

/**
 * Writes a pending session_move for every booked appointment, not yet started, in the session's
 * withdrawn slots, in the withdrawal's transaction: the cascade's work list. Appointments already
 * listed for the session are skipped (ON CONFLICT DO NOTHING on UNIQUE (appointment, session)), so a
 * redelivered withdrawal adds nothing, and one that moved out of the session has nothing to be listed
 * for. Returns how many rows it added.
 */
export async function recordSessionMoves(
  manager: EntityManager,
  session: { sessionId: string; hostOrgId: string },
  now: Date,
): Promise<number> {
  const added: unknown[] = await manager.query(
    `INSERT INTO "booking"."session_move"
       ("id", "appointment_id", "session_id", "status", "attempts", "created_at", "updated_at")
     SELECT gen_random_uuid(), a."id", $1, 'pending', 0, $2, $2
       FROM "booking"."appointment" a
       JOIN "booking"."slot" s ON s."id" = a."slot_id"
      WHERE s."inreach_session_id" = $1 AND s."org_id" = $3 AND s."status" = 'withdrawn' AND s."starts_at" > $2
        AND a."status" = 'booked' AND a."attendance" IS NULL
     ON CONFLICT ON CONSTRAINT "session_move_once" DO NOTHING
     RETURNING "id"`,
    [session.sessionId, now, session.hostOrgId],
  );
  return added.length;
}
