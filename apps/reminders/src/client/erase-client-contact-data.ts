import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, clientContactDataErasedV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * The client's phone numbers were erased: forget the mobile and cancel every reminder still
 * scheduled, with its job, so nothing queued goes to a number we must no longer hold. A client not
 * known here has no row to clear; its reminders (planned from booking events) are cancelled all the same.
 */
@Injectable()
export class EraseClientContactData {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof clientContactDataErasedV1>>,
  ): Promise<void> {
    const { clientId } = event.data;
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET "mobile" = NULL, "mobile_safe_to_text" = false,
         "updated_at" = GREATEST("updated_at", $2)
       WHERE "client_id" = $1`,
      [clientId, new Date(event.occurredAt)],
    );
    await this.endReminders.forClient(manager, clientId, 'contact_erased');
  }
}
