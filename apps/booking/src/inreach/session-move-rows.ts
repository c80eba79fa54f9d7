import type { EntityManager } from 'typeorm';
import type { SessionMoveStatus } from './session-move.entity';

/** Longest error text kept on a row: enough to recognise it; the log has the rest. */
const MAX_ERROR = 1000;

/**
 * Counts a run over a row (locked by the caller) before it is worked; returns the runs so far. In the
 * run's transaction: a run cut short by a crash rolls back and is not counted.
 */
export async function countAttempt(manager: EntityManager, id: string, now: Date): Promise<number> {
  const rows: { attempts: number }[] = await manager.query(
    `WITH counted AS (
       UPDATE "booking"."session_move" SET "attempts" = "attempts" + 1, "updated_at" = $2
        WHERE "id" = $1
        RETURNING "attempts")
     SELECT "attempts" FROM counted`,
    [id, now],
  );
  const attempts = rows[0]?.attempts;
  if (attempts === undefined) throw new Error(`No session_move ${id}`);
  return attempts;
}

/** Ends a row (locked by the caller) as `status`, with the slot the appointment moved to, if it did. */
export async function settleMove(
  manager: EntityManager,
  id: string,
  status: Exclude<SessionMoveStatus, 'pending'>,
  newSlotId: string | null,
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE "booking"."session_move" SET "status" = $2, "new_slot_id" = $3, "updated_at" = $4
      WHERE "id" = $1`,
    [id, status, newSlotId, now],
  );
}

/** Notes why a run over a row (locked by the caller) failed. */
export async function recordFailure(
  manager: EntityManager,
  id: string,
  error: unknown,
  now: Date,
): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await manager.query(
    `UPDATE "booking"."session_move" SET "last_error" = $2, "updated_at" = $3 WHERE "id" = $1`,
    [id, message.slice(0, MAX_ERROR), now],
  );
}
