import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ReservedFor } from '@careloop/contracts';
import { ReservationError } from './reservation.errors';

/**
 * Refuses a reservation for an organisation that could not use it, before anything changes: the
 * caller's own (it would only keep the slots from every other organisation) or one booking has never
 * heard of, which a mistyped id would be: nobody could book the slots until they were released.
 * Known means registered with booking (`booking.organisation`) or a CDAS whose clients booking keeps
 * (`booking.client`). All CDAS is always a target. `path` names the field in the request.
 */
export async function assertReservationTarget(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  reservedFor: ReservedFor,
  path: string,
): Promise<void> {
  if (reservedFor.kind !== 'organisation') return;
  const { orgId } = reservedFor;
  if (orgId === principal.orgId) {
    throw new ReservationError('RESERVATION_FOR_OWN_ORGANISATION', {
      detail: `${orgId} is the caller's own organisation`,
      extensions: { errors: [{ path, message: "must not be the caller's own organisation" }] },
    });
  }
  const [row]: { known: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM "booking"."organisation" WHERE "id" = $1)
         OR EXISTS (SELECT 1 FROM "booking"."client" WHERE "org_id" = $1) AS "known"`,
    [orgId],
  );
  if (!row?.known) {
    throw new ReservationError('RESERVATION_TARGET_UNKNOWN', {
      detail: `Booking knows no organisation ${orgId}`,
      extensions: { errors: [{ path, message: 'is not an organisation booking knows' }] },
    });
  }
}
