import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';

/**
 * Keeps booking's copy of a client at the highest version seen, in the consumer's transaction (the
 * inbox row commits with it). Snapshots of one client can arrive out of order (a redelivery, a replay
 * after a dead letter): an older one arriving late changes nothing. One statement decides by version,
 * so two consumers racing on the same client cannot interleave.
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await manager.query(
      `INSERT INTO "booking"."client" AS current ("client_id", "org_id", "version", "given_name", "family_name",
         "preferred_name", "date_of_birth", "nhs_number", "keyworker_id", "attendance_pattern", "flags", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ("client_id") DO UPDATE SET
         "org_id" = EXCLUDED."org_id", "version" = EXCLUDED."version", "given_name" = EXCLUDED."given_name",
         "family_name" = EXCLUDED."family_name", "preferred_name" = EXCLUDED."preferred_name",
         "date_of_birth" = EXCLUDED."date_of_birth", "nhs_number" = EXCLUDED."nhs_number",
         "keyworker_id" = EXCLUDED."keyworker_id", "attendance_pattern" = EXCLUDED."attendance_pattern",
         "flags" = EXCLUDED."flags", "updated_at" = EXCLUDED."updated_at"
       WHERE current."version" < EXCLUDED."version"`,
      [
        c.clientId,
        // The CDAS whose client it is: the organisation that published the event.
        event.orgId,
        c.version,
        c.name.given,
        c.name.family,
        c.preferredName,
        c.dateOfBirth,
        c.nhsNumber,
        c.keyworkerId,
        JSON.stringify(c.attendancePattern),
        JSON.stringify(c.flags),
        new Date(event.occurredAt),
      ],
    );
  }
}
