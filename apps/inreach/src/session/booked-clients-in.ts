import type { EntityManager } from 'typeorm';

/** How many of the host's appointments booking has told in-reach are booked (not cancelled) in the session. */
export async function bookedClientsIn(
  manager: EntityManager,
  sessionId: string,
  hostOrgId: string,
): Promise<number> {
  const [row] = (await manager.query(
    `SELECT count(*)::int AS "booked" FROM "inreach"."session_appointment"
      WHERE "session_id" = $1 AND "org_id" = $2 AND "status" = 'booked'`,
    [sessionId, hostOrgId],
  )) as { booked: number }[];
  return row?.booked ?? 0;
}
