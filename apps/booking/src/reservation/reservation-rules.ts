import type { ReservedFor } from '@careloop/contracts';
import type { Principal } from '@careloop/auth';

/** The part of a slot that decides who may book it. */
export interface ReservableSlot {
  reservedFor: ReservedFor | null;
  releasedAt: Date | null;
}

/** A reservation limits booking until it is released (by the clinic or at its release time). */
export function isReserved(slot: ReservableSlot): boolean {
  return slot.reservedFor !== null && slot.releasedAt === null;
}

/**
 * Whether a seat booked (or moved into) while the slot was reserved used a clinic's reserved capacity,
 * as events tell it: an in-reach session's slots are reserved for the host CDAS because the session is
 * for its clients, not capacity set aside, so they never count (as in the usage report).
 */
export function usedReservedCapacity(
  underReservation: boolean,
  slot: { inreachSessionId: string | null },
): boolean {
  return underReservation && slot.inreachSessionId === null;
}

/** Whether the caller's organisation may see and book the slot: open, or reserved for it. */
export function reservationAdmits(
  slot: ReservableSlot,
  principal: Pick<Principal, 'orgId' | 'orgKind'>,
): boolean {
  if (!isReserved(slot) || !slot.reservedFor) return true;
  return slot.reservedFor.kind === 'all_cdas'
    ? principal.orgKind === 'cdas'
    : slot.reservedFor.orgId === principal.orgId;
}

/**
 * The same rule as SQL over a slot alias, for searches: `:reservationOrgId` and `:reservationIsCdas`
 * are the caller's organisation and whether it is a CDAS.
 */
export function reservationAdmitsSql(alias: string): string {
  const s = alias;
  return `(${s}.reserved_for IS NULL OR ${s}.released_at IS NOT NULL
    OR (${s}.reserved_for->>'kind' = 'organisation' AND ${s}.reserved_for->>'orgId' = :reservationOrgId)
    OR (${s}.reserved_for->>'kind' = 'all_cdas' AND :reservationIsCdas = true))`;
}

export function reservationSqlParams(principal: Pick<Principal, 'orgId' | 'orgKind'>): {
  reservationOrgId: string;
  reservationIsCdas: boolean;
} {
  return { reservationOrgId: principal.orgId, reservationIsCdas: principal.orgKind === 'cdas' };
}

/** When a reserved slot goes back to general booking, if the clinic asked for that. */
export function releaseAtFor(startsAt: Date, releaseBeforeMinutes: number | null): Date | null {
  return releaseBeforeMinutes === null ? null : new Date(startsAt.getTime() - releaseBeforeMinutes * 60_000);
}

/**
 * Whether a reservation releasing at `releaseAt` is over already: the timer would release it on its
 * next run, so it would only hide the slot until then.
 */
export function releaseHasPassed(releaseAt: Date | null, now: Date): boolean {
  return releaseAt !== null && releaseAt.getTime() <= now.getTime();
}
