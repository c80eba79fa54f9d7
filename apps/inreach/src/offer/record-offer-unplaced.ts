import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentOfferUnplacedV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { markOffersDue } from './offer-due';

/**
 * Booking could not hold a seat for the offer (the session filled or went, too late, the client is in
 * it already or no longer waiting, booking has not heard of them yet): the offer is unplaced, with
 * booking's reason, and the client is free for another offer, that session included (an unplaced offer
 * was never theirs to turn down). The service's offers become due after unplacedRetrySeconds, not at
 * once, so a refusal does not make offers spin. For want of a seat (`no_free_seat`) the session is
 * also passed over until a seat of it frees after the refusal (seatsFreedIn): booking drops slots
 * in-reach cannot see (its schedule exceptions), so in-reach's count of free seats would be refused in
 * a loop. Only a requested offer of
 * the event's organisation, client and session changes.
 */
@Injectable()
export class RecordOfferUnplaced {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentOfferUnplacedV1>>,
  ): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const unplaced = (await manager.query(
      `WITH unplaced AS (
         UPDATE "inreach"."offer" SET "status" = 'unplaced', "ended_at" = $5, "end_reason" = $6, "updated_at" = $5
          WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3 AND "session_id" = $4 AND "status" = 'requested'
          RETURNING "service_id")
       SELECT * FROM unplaced`,
      [d.offerId, event.orgId, d.clientId, d.sessionId, now, d.reason],
    )) as { service_id: string }[];
    if (unplaced.length > 0 && d.reason === 'no_free_seat') {
      // Booking's time of refusal: a seat it freed later (an event that may have come first) unblocks.
      await manager.query(
        `UPDATE "inreach"."session" SET "offers_blocked_at" = GREATEST("offers_blocked_at", $2)
          WHERE "id" = $1 AND "service_id" = $3
            AND ("last_seat_freed_at" IS NULL OR "last_seat_freed_at" < $2)`,
        [d.sessionId, new Date(event.occurredAt), unplaced[0]!.service_id],
      );
    }
    await markOffersDue(
      manager,
      unplaced.map((u) => u.service_id),
      new Date(now.getTime() + this.policy.unplacedRetrySeconds * 1000),
    );
  }
}
