import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';

/**
 * Keeps the day sheet's copy of a client, in the consumer's transaction (the inbox makes a redelivery
 * a no-op). Registration and updates are both whole snapshots: the highest version wins, so an older
 * one arriving late changes nothing. Only the fields the day sheet shows are stored.
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await manager.query(
      `INSERT INTO "inreach"."client" AS current ("client_id", "org_id", "version", "given_name", "family_name",
         "preferred_name", "date_of_birth", "nhs_number", "keyworker_id", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ("client_id") DO UPDATE SET
         "org_id" = EXCLUDED."org_id", "version" = EXCLUDED."version", "given_name" = EXCLUDED."given_name",
         "family_name" = EXCLUDED."family_name", "preferred_name" = EXCLUDED."preferred_name",
         "date_of_birth" = EXCLUDED."date_of_birth", "nhs_number" = EXCLUDED."nhs_number",
         "keyworker_id" = EXCLUDED."keyworker_id", "updated_at" = EXCLUDED."updated_at"
       WHERE current."version" < EXCLUDED."version"`,
      [
        c.clientId,
        event.orgId,
        c.version,
        c.name.given,
        c.name.family,
        c.preferredName,
        c.dateOfBirth,
        c.nhsNumber,
        c.keyworkerId,
        new Date(event.occurredAt),
      ],
    );
  }
}
