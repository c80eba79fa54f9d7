import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditTrail } from '@careloop/auth';
import { appointmentHoldEndedV1 } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, BOOKING_SYSTEM_USER, BOOKING_SYSTEM_USERS } from './appointment-events';

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
}

const ENDED_COLUMNS = `"id", "org_id" AS "orgId", "slot_id" AS "slotId", "client_id" AS "clientId",
  "referral_id" AS "referralId"`;

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
  reason: 'expired' | 'released';
  now: Date;
  actorOf: (hold: EndedHold) => AuditActor;
}

/** Ends the holds in one statement (in id order), then frees their seats, audits and announces each. */
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
     SELECT * FROM ended ORDER BY "id"`,
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
    const actor = actorOf(hold);
    const kind = BOOKING_SYSTEM_USERS.has(actor.userId) ? 'system' : 'user';
    await deps.outbox.add(manager, appointmentHoldEndedV1, {
      ...appointmentEnvelope(hold, { kind, id: actor.userId }, now),
      data: {
        appointmentId: hold.id,
        clientId: hold.clientId,
        referralId: hold.referralId,
        slotId: hold.slotId,
        reason,
      },
    });
  }
}
