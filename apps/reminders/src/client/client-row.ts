import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * Makes sure a client row exists before a contact or consent event changes it. Those events carry no
 * version and can come before the registration (a registration dead-lettered and replayed later, a
 * consumer started mid-stream); they are applied at once, in arrival order, to a row at version 0 with
 * no name, which the registration fills in. Until then the client is "not registered" (ReminderPlans
 * gives no client, so nothing is sent); a later contact or consent event replaces what it holds.
 * Returns the row's consent to texts as it was, locked until the caller's transaction ends.
 */
export async function lockClientRow(
  manager: EntityManager,
  clientId: string,
  orgId: string,
  at: Date,
): Promise<{ smsConsent: boolean }> {
  await manager.query(
    `INSERT INTO "${REMINDERS_SCHEMA}"."client" ("client_id", "org_id", "version", "given_name", "preferred_name",
       "keyworker_id", "mobile", "mobile_safe_to_text", "sms_consent", "name_service_consent", "opted_out_at",
       "updated_at")
     VALUES ($1, $2, 0, '', NULL, '', NULL, false, false, false, NULL, $3)
     ON CONFLICT ("client_id") DO NOTHING`,
    [clientId, orgId, at],
  );
  const [row] = (await manager.query(
    `SELECT "sms_consent" FROM "${REMINDERS_SCHEMA}"."client" WHERE "client_id" = $1 FOR UPDATE`,
    [clientId],
  )) as { sms_consent: boolean }[];
  return { smsConsent: row?.sms_consent ?? false };
}
