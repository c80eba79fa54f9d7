import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditTrail } from '@careloop/auth';
import { appointmentHoldEndedV1 } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { HoldEndedReason } from './appointment.entity';
import { appointmentAudit } from './appointment-audit';
import {
  appointmentEnvelope,
  BOOKING_SYSTEM_USER,
  eventActor,
  INREACH_OFFER_USER,
} from './appointment-events';

/** What a hold ending writes besides the row: the audit entry and the event. */
export interface HoldEndingDeps {
  outbox: Outbox;
  audit: AuditTrail;
}

export interface EndedHold {
  id: string;
  orgId: string;
  slotId: string;
  clientId: string;
  referralId: string | null;
  /** The in-reach offer the hold was for, if any. */
  offerId: string | null;
  /** The in-reach session of its slot, if any. */
  inreachSessionId: string | null;
}

const ENDED_COLUMNS = `"id", "org_id" AS "orgId", "slot_id" AS "slotId", "client_id" AS "clientId",
  "referral_id" AS "referralId", "offer_id" AS "offerId"`;

/**
 * Ends every lapsed hold (held, `hold_expires_at` <= now) of the given slots, which the caller has
 * locked: the seats go back, and each hold gets its audit entry and `appointment.hold-ended.v1`
 * (expired). The one place holds expire: booking calls it for the slot it is about to take a seat in
 * (so a lapsed hold never blocks a booking), ExpireLapsedHolds for every slot with one due. Under the
 * slot locks, a hold another run already ended is no longer `held`, so each hold ends once.
 */
export async function endLapsedHolds(
  manager: EntityManager,
  deps: HoldEndingDeps,
  slotIds: readonly string[],
  now: Date,
): Promise<EndedHold[]> {
  if (slotIds.length === 0) return [];
  return endHolds(manager, deps, {
    where: `"slot_id" = ANY($1::uuid[]) AND "hold_expires_at" <= $2`,
    params: [slotIds, now],
    reason: 'expired',
    now,
    actorOf: (hold) => ({ userId: BOOKING_SYSTEM_USER, orgId: hold.orgId, roles: [] }),
  });
}

/** Ends one live hold at the request of staff (its slot locked by the caller): reason `released`. */
export async function releaseLiveHold(
  manager: EntityManager,
  deps: HoldEndingDeps,
  appointmentId: string,
  actor: AuditActor,
  now: Date,
): Promise<EndedHold[]> {
  return endHolds(manager, deps, {
    where: `"id" = $1`,
    params: [appointmentId],
    reason: 'released',
    now,
    actorOf: () => actor,
  });
}

/**
 * Ends the live hold of an in-reach offer the client said no to (an SMS reply), its slot locked by
 * the caller: reason `declined`. A hold that is not an offer's, has lapsed or has ended already is left
 * as it is (nothing returned): a lapse is the timer's to end, as expired.
 */
export async function declineOfferHold(
  manager: EntityManager,
  deps: HoldEndingDeps,
  appointmentId: string,
  actor: AuditActor,
  now: Date,
): Promise<EndedHold[]> {
  return endHolds(manager, deps, {
    where: `"id" = $1 AND "offer_id" IS NOT NULL AND "hold_expires_at" > $2`,
    params: [appointmentId, now],
    reason: 'declined',
    now,
    actorOf: () => actor,
  });
}

/**
 * Ends the live holds of in-reach offers made for a referral that stopped waiting (booked elsewhere,
 * closed, rejected...), in the given slots, which the caller has locked: reason `released`, by the
 * offers' system user, so the seat goes to the next client. Lapsed ones are the timer's to end, as
 * expired; a staff hold for the referral is staff's to give back.
 */
export async function releaseOfferHoldsOfReferral(
  manager: EntityManager,
  deps: HoldEndingDeps,
  referral: { referralId: string; orgId: string },
  slotIds: readonly string[],
  now: Date,
): Promise<EndedHold[]> {
  if (slotIds.length === 0) return [];
  return endHolds(manager, deps, {
    where: `"referral_id" = $1 AND "org_id" = $2 AND "slot_id" = ANY($3::uuid[])
            AND "offer_id" IS NOT NULL AND "hold_expires_at" > $4`,
    params: [referral.referralId, referral.orgId, slotIds, now],
    reason: 'released',
    now,
    actorOf: (hold) => ({ userId: INREACH_OFFER_USER, orgId: hold.orgId, roles: [] }),
  });
}

/**
 * Ends every live hold of the given slots, which the caller has locked and is withdrawing (an in-reach
 * session was cancelled): reason `released`, as a hold staff give back, since nobody confirmed it and
 * its seat is not offered again. Lapsed holds are the caller's to end first (endLapsedHolds), so each
 * ends with the reason it had.
 */
export async function releaseHoldsOfSlots(
  manager: EntityManager,
  deps: HoldEndingDeps,
  slotIds: readonly string[],
  actorOf: (hold: EndedHold) => AuditActor,
  now: Date,
): Promise<EndedHold[]> {
  if (slotIds.length === 0) return [];
  return endHolds(manager, deps, {
    where: `"slot_id" = ANY($1::uuid[])`,
    params: [slotIds],
    reason: 'released',
    now,
    actorOf,
  });
}

/** Which holds to end and on whose behalf. */
interface HoldsToEnd {
  /** SQL condition over booking's appointments, with `params` as $1, $2...; only held ones end. */
  where: string;
  params: readonly unknown[];
  reason: HoldEndedReason;
  now: Date;
  actorOf: (hold: EndedHold) => AuditActor;
}

/**
 * Ends the holds in one statement (in id order), with their slots' in-reach sessions, then frees their
 * seats, audits and announces each.
 */
async function endHolds(
  manager: EntityManager,
  deps: HoldEndingDeps,
  holds: HoldsToEnd,
): Promise<EndedHold[]> {
  const ended: EndedHold[] = await manager.query(
    `WITH ended AS (
       UPDATE "booking"."appointment"
          SET "status" = 'hold_ended', "hold_ended_reason" = $${holds.params.length + 1}, "version" = "version" + 1
        WHERE (${holds.where}) AND "status" = 'held'
        RETURNING ${ENDED_COLUMNS})
     SELECT ended.*, s."inreach_session_id" AS "inreachSessionId"
       FROM ended JOIN "booking"."slot" s ON s."id" = ended."slotId"
      ORDER BY ended."id"`,
    [...holds.params, holds.reason],
  );
  await finishHolds(manager, deps, ended, holds);
  return ended;
}

async function finishHolds(
  manager: EntityManager,
  deps: HoldEndingDeps,
  ended: readonly EndedHold[],
  { reason, now, actorOf }: HoldsToEnd,
): Promise<void> {
  if (ended.length === 0) return;
  const freed = new Map<string, number>();
  for (const hold of ended) freed.set(hold.slotId, (freed.get(hold.slotId) ?? 0) + 1);
  await manager.query(
    `UPDATE "booking"."slot" s SET "taken" = s."taken" - f.n
       FROM unnest($1::uuid[], $2::int[]) AS f(id, n) WHERE s."id" = f.id`,
    [[...freed.keys()], [...freed.values()]],
  );
  await deps.audit.recordMany(
    manager,
    BOOKING_SCHEMA,
    ended.map((hold) => ({
      ...appointmentAudit(actorOf(hold), hold, now),
      action: 'update' as const,
      details: { status: 'hold_ended', reason },
    })),
  );
  for (const hold of ended) {
    await deps.outbox.add(manager, appointmentHoldEndedV1, {
      ...appointmentEnvelope(hold, eventActor(actorOf(hold).userId), now),
      data: {
        appointmentId: hold.id,
        clientId: hold.clientId,
        referralId: hold.referralId,
        slotId: hold.slotId,
        reason: reason === 'declined' ? 'released' : reason,
        inreachSessionId: hold.inreachSessionId,
        offerId: hold.offerId,
        ...(reason === 'declined' ? { declinedByClient: true } : {}),
      },
    });
  }
}
