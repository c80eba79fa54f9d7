import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, clientContactChangedV1 } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { lockClientRow } from './client-row';
import { ownMobile } from './own-mobile';

/**
 * Replaces the client's mobile with the own mobile of the event's full contact list (none if it has
 * none). A carrier opt-out belongs to a number: when the client moves to a different number, the old
 * number's opt-out no longer applies to texts sent to the new one.
 */
@Injectable()
export class RecordClientContacts {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof clientContactChangedV1>>,
  ): Promise<void> {
    const { clientId, contacts } = event.data;
    const at = new Date(event.occurredAt);
    await lockClientRow(manager, clientId, event.orgId, at);
    const mobile = ownMobile(contacts);
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET
         "opted_out_at" = CASE WHEN $2::text IS NOT NULL AND "mobile" IS DISTINCT FROM $2::text
                               THEN NULL ELSE "opted_out_at" END,
         "mobile" = $2, "mobile_safe_to_text" = $3, "updated_at" = GREATEST("updated_at", $4)
       WHERE "client_id" = $1`,
      [clientId, mobile?.mobile ?? null, mobile?.safeToText ?? false, at],
    );
  }
}
