import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { DevInboxMessage } from './dev-inbox-gateway';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The texts among `messages` that one organisation sent. A text's reference is our sms_message id, and
 * that row says whose it was; a text with no such row (sent by hand, or no reference) is nobody's, so
 * it is shown to nobody: the inbox holds every organisation's clients' numbers and words.
 */
export async function organisationTexts(
  manager: EntityManager,
  orgId: string,
  messages: DevInboxMessage[],
): Promise<DevInboxMessage[]> {
  const references = [...new Set(messages.map((m) => m.reference).filter((r): r is string => !!r))];
  const ids = references.filter((reference) => UUID.test(reference));
  if (ids.length === 0) return [];
  const own = await manager.query<{ id: string }[]>(
    `SELECT "id" FROM "${REMINDERS_SCHEMA}"."sms_message" WHERE "id" = ANY($1::uuid[]) AND "org_id" = $2`,
    [ids, orgId],
  );
  const ownIds = new Set(own.map((row) => row.id.toLowerCase()));
  return messages.filter((m) => m.reference !== null && ownIds.has(m.reference.toLowerCase()));
}
