import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { londonToday } from './recall-due';
import { factKey, type RecallFacts } from './recall-items';

const S = `"${REFERRALS_SCHEMA}"`;

/** Reads what recall needs to know about an organisation's clients (or one of them). */
export async function loadRecallFacts(
  manager: EntityManager,
  orgId: string,
  clientId?: string,
): Promise<RecallFacts> {
  const oneClient = clientId ? `AND "client_id" = $2` : '';
  const params = clientId ? [orgId, clientId] : [orgId];
  const last: { client_id: string; check_type: string; last_done: string; first_done: string }[] =
    await manager.query(
      `SELECT "client_id"::text, "check_type", max("done_on")::text AS last_done, min("done_on")::text AS first_done
         FROM ${S}."recall_check" WHERE "org_id" = $1 ${oneClient} GROUP BY 1, 2`,
      params,
    );
  const needs: { client_id: string; first_identified: Date }[] = await manager.query(
    `SELECT "client_id"::text, min("identified_at") AS first_identified
       FROM ${S}."need" WHERE "org_id" = $1 ${oneClient} GROUP BY 1`,
    params,
  );
  const lastDone = new Map<string, string>();
  const firstSeen = new Map<string, string>();
  const seen = (id: string, date: string) => {
    const known = firstSeen.get(id);
    if (!known || date < known) firstSeen.set(id, date);
  };
  for (const row of last) {
    lastDone.set(factKey(row.client_id, row.check_type), row.last_done);
    seen(row.client_id, row.first_done);
  }
  for (const row of needs) seen(row.client_id, londonToday(new Date(row.first_identified)));
  return { lastDone, firstSeen };
}
