import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * Keeps the client's name, keyworker and organisation at the highest snapshot version seen, in the
 * consumer's transaction: an older snapshot arriving late changes nothing. Contacts and consent are
 * not in snapshots and are left as they are (a row made earlier by a contact or consent event, at
 * version 0, is filled in by the registration).
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await manager.query(
      `INSERT INTO "${REMINDERS_SCHEMA}"."client" AS current ("client_id", "org_id", "version", "given_name",
         "preferred_name", "keyworker_id", "mobile", "mobile_safe_to_text", "sms_consent", "name_service_consent",
         "opted_out_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, NULL, false, false, false, NULL, $7)
       ON CONFLICT ("client_id") DO UPDATE SET
         "org_id" = EXCLUDED."org_id", "version" = EXCLUDED."version", "given_name" = EXCLUDED."given_name",
         "preferred_name" = EXCLUDED."preferred_name", "keyworker_id" = EXCLUDED."keyworker_id",
         "updated_at" = GREATEST(current."updated_at", EXCLUDED."updated_at")
       WHERE current."version" < EXCLUDED."version"`,
      // The CDAS whose client it is: the organisation that published the event.
      [
        c.clientId,
        event.orgId,
        c.version,
        c.name.given,
        c.preferredName,
        c.keyworkerId,
        new Date(event.occurredAt),
      ],
    );
  }
}
