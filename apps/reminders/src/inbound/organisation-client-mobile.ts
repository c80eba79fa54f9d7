import type { EntityManager } from 'typeorm';
import { normaliseUkMobile } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** Whether `mobile` is the own mobile of some client of the organisation. */
export async function isOrganisationClientMobile(
  manager: EntityManager,
  orgId: string,
  mobile: string,
): Promise<boolean> {
  const number = normaliseUkMobile(mobile);
  if (!number.ok) return false;
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM "${REMINDERS_SCHEMA}"."client" WHERE "mobile" = $1 AND "org_id" = $2 LIMIT 1`,
    [number.e164, orgId],
  );
  return rows.length > 0;
}
