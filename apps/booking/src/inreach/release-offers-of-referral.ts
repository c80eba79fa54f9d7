import type { EntityManager } from 'typeorm';
import { releaseOfferHoldsOfReferral, type EndedHold, type HoldEndingDeps } from '../appointment/end-holds';
import { lockSlotsById } from '../slot/lock-slots';

/**
 * Gives back the seats held for in-reach offers of a referral that stopped waiting (its status left
 * sent/accepted), in the transaction that records the status: reason `released`, with the offer id on
 * appointment.hold-ended.v1, so in-reach offers the seat to the next client. The caller has locked the
 * referral's row (updating its status) first: an offer being held for it (HoldOfferedSeat reads the
 * referral FOR SHARE before locking slots) either committed before, and is found here, or waits and
 * finds the referral no longer waiting. The holds' slots are then locked in id order, as every seat
 * change locks them.
 */
export async function releaseOffersOfReferral(
  manager: EntityManager,
  deps: HoldEndingDeps,
  referral: { referralId: string; orgId: string },
  now: Date,
): Promise<EndedHold[]> {
  const held: { slotId: string }[] = await manager.query(
    `SELECT DISTINCT "slot_id" AS "slotId" FROM "booking"."appointment"
      WHERE "referral_id" = $1 AND "org_id" = $2 AND "status" = 'held' AND "offer_id" IS NOT NULL
        AND "hold_expires_at" > $3`,
    [referral.referralId, referral.orgId, now],
  );
  const slots = await lockSlotsById(
    manager,
    held.map((h) => h.slotId),
  );
  return releaseOfferHoldsOfReferral(manager, deps, referral, [...slots.keys()], now);
}
