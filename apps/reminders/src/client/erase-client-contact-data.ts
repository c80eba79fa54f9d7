import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, clientContactDataErasedV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * What `sms_message."to"` and `inbound_message."from"` hold once the client's numbers were erased.
 * Not a phone number, so nothing matching by number (who replied, who opted out) ever takes it for one.
 */
export const ERASED_NUMBER = 'erased';

/**
 * The client's phone numbers were erased: forget the mobile, cancel every reminder still scheduled,
 * with its job, so nothing queued goes to a number we must no longer hold, and take the number out of
 * every text we sent them and every reply they sent. The texts themselves (bodies, statuses, times)
 * stay: they are part of the care record. A reply from one of their numbers that matched no client is
 * cleared too: the number is theirs. A client not known here has no row to clear; its reminders
 * (planned from booking events) are cancelled all the same.
 */
@Injectable()
export class EraseClientContactData {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof clientContactDataErasedV1>>,
  ): Promise<void> {
    const { clientId } = event.data;
    const numbers = await numbersOf(manager, clientId);
    // Texts first, in the order a send locks (its text, then its reminder): ending the reminders
    // first could deadlock with a send under way.
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."sms_message" SET "to" = $2 WHERE "client_id" = $1 AND "to" <> $2`,
      [clientId, ERASED_NUMBER],
    );
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."inbound_message" SET "from" = $3
        WHERE ("client_id" = $1 OR ("client_id" IS NULL AND "from" = ANY($2::text[]))) AND "from" <> $3`,
      [clientId, numbers, ERASED_NUMBER],
    );
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET "mobile" = NULL, "mobile_safe_to_text" = false,
         "updated_at" = GREATEST("updated_at", $2)
       WHERE "client_id" = $1`,
      [clientId, new Date(event.occurredAt)],
    );
    await this.endReminders.forClient(manager, clientId, 'contact_erased');
  }
}

/** Every number we hold for the client: their mobile, and those we texted them at or heard from them on. */
async function numbersOf(manager: EntityManager, clientId: string): Promise<string[]> {
  const rows = await manager.query<{ number: string }[]>(
    `SELECT "mobile" AS "number" FROM "${REMINDERS_SCHEMA}"."client" WHERE "client_id" = $1 AND "mobile" IS NOT NULL
     UNION SELECT "to" FROM "${REMINDERS_SCHEMA}"."sms_message" WHERE "client_id" = $1
     UNION SELECT "from" FROM "${REMINDERS_SCHEMA}"."inbound_message" WHERE "client_id" = $1`,
    [clientId],
  );
  return rows.map((r) => r.number).filter((number) => number !== ERASED_NUMBER);
}
