import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, referralCreatedV1 } from '@careloop/contracts';

/**
 * Keeps when a referral was made (the event's occurredAt: referrals writes it with the referral), for
 * the evidence report's "days from referral to being seen". Nothing of the referral's reason is kept.
 * A referral is created once, so a second event for it changes nothing.
 */
@Injectable()
export class RecordReferralCreated {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralCreatedV1>>,
  ): Promise<void> {
    const r = event.data;
    await manager.query(
      `INSERT INTO "inreach"."referral" ("referral_id", "org_id", "client_id", "destination_kind", "created_at")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("referral_id") DO NOTHING`,
      [r.referralId, event.orgId, r.clientId, r.destinationKind, new Date(event.occurredAt)],
    );
  }
}
