import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, siteRegisteredV1 } from '@careloop/contracts';

/**
 * Keeps in-reach's copy of a site booking registered, in the consumer's transaction (the inbox row
 * commits with it, so a redelivery changes nothing). Sites of every kind are kept; only a CDAS's are
 * offered as hosts. An older announcement arriving after a newer one does not overwrite it.
 */
@Injectable()
export class RecordSiteRegistered {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof siteRegisteredV1>>,
  ): Promise<void> {
    const s = event.data;
    await manager.query(
      `INSERT INTO "inreach"."site" AS current
         ("site_id", "org_id", "org_name", "org_kind", "name", "address", "registered_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("site_id") DO UPDATE SET
         "org_id" = EXCLUDED."org_id", "org_name" = EXCLUDED."org_name", "org_kind" = EXCLUDED."org_kind",
         "name" = EXCLUDED."name", "address" = EXCLUDED."address", "registered_at" = EXCLUDED."registered_at"
       WHERE current."registered_at" <= EXCLUDED."registered_at"`,
      [s.siteId, s.orgId, s.orgName, s.orgKind, s.name, s.address, new Date(event.occurredAt)],
    );
  }
}
