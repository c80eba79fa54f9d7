import type { EntityManager } from 'typeorm';
import { normaliseUkMobile } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** Who a text came from, as far as reminders can tell. */
export type ReplyingClient =
  | { kind: 'matched'; clientId: string; orgId: string; appointmentId: string | null }
  /** No client has this number as their own mobile (or the sender is not a UK mobile). */
  | { kind: 'none' }
  /** Several clients share the number: the reply cannot be given to one of them. */
  | { kind: 'ambiguous' };

/**
 * The client whose own mobile sent the text, if exactly one has it, and the appointment of the latest
 * reminder we texted them at that number that may have reached them: what a "yes" most likely answers.
 */
export async function findReplyingClient(manager: EntityManager, from: string): Promise<ReplyingClient> {
  const number = normaliseUkMobile(from);
  if (!number.ok) return { kind: 'none' };
  const clients = await manager.query<{ client_id: string; org_id: string }[]>(
    `SELECT "client_id", "org_id" FROM "${REMINDERS_SCHEMA}"."client" WHERE "mobile" = $1 LIMIT 2`,
    [number.e164],
  );
  const [client] = clients;
  if (!client) return { kind: 'none' };
  if (clients.length > 1) return { kind: 'ambiguous' };
  const [latest] = await manager.query<{ appointment_id: string | null }[]>(
    `SELECT "appointment_id" FROM "${REMINDERS_SCHEMA}"."sms_message"
      WHERE "client_id" = $1 AND "to" = $2 AND "reminder_id" IS NOT NULL
        AND "status" NOT IN ('failed', 'undelivered')
      ORDER BY "created_at" DESC LIMIT 1`,
    [client.client_id, number.e164],
  );
  return {
    kind: 'matched',
    clientId: client.client_id,
    orgId: client.org_id,
    appointmentId: latest?.appointment_id ?? null,
  };
}
