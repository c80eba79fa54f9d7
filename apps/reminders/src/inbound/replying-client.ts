import type { EntityManager } from 'typeorm';
import { normaliseUkMobile } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** Who a text came from, as far as reminders can tell. */
export type ReplyingClient =
  | { kind: 'matched'; clientId: string; orgId: string; appointmentId: string | null }
  /** No client has this number as their own mobile (or the sender is not a UK mobile). */
  | { kind: 'none' }
  /** Several clients share the number and no recent reminder to one of them tells who answers. */
  | { kind: 'ambiguous' };

/** How far back a reminder to a shared number can still tell which of its clients is replying. */
export const SHARED_NUMBER_LOOKBACK_DAYS = 14;

export interface ReplyingClientQuery {
  from: string;
  now: Date;
  /** Only this organisation's clients (the development inbox, where staff reply as their own client). */
  orgId?: string;
}

interface LatestText {
  client_id: string;
  appointment_id: string | null;
  created_at: Date;
}

/**
 * The client whose own mobile sent the text, and the appointment of the latest reminder we texted
 * them at that number that may have reached them: what a "yes" most likely answers. A number several
 * clients share (a couple, a hostel phone) is answered by the one we texted there last, within
 * SHARED_NUMBER_LOOKBACK_DAYS: people reply to the text they just got. Without such a text, or with
 * texts to two of them at the very same moment, nobody can be told apart.
 */
export async function findReplyingClient(
  manager: EntityManager,
  query: ReplyingClientQuery,
): Promise<ReplyingClient> {
  const number = normaliseUkMobile(query.from);
  if (!number.ok) return { kind: 'none' };
  const clients = await manager.query<{ client_id: string; org_id: string }[]>(
    `SELECT "client_id", "org_id" FROM "${REMINDERS_SCHEMA}"."client"
      WHERE "mobile" = $1 AND ($2::text IS NULL OR "org_id" = $2)`,
    [number.e164, query.orgId ?? null],
  );
  const [first] = clients;
  if (!first) return { kind: 'none' };
  if (clients.length === 1) {
    const [latest] = await latestReminderTexts(manager, number.e164, [first.client_id], null, 1);
    return matched(first, latest);
  }

  const since = new Date(query.now.getTime() - SHARED_NUMBER_LOOKBACK_DAYS * 86_400_000);
  const ids = clients.map((c) => c.client_id);
  const [latest, runnerUp] = await latestReminderTexts(manager, number.e164, ids, since, 2);
  if (!latest) return { kind: 'ambiguous' };
  const tied =
    runnerUp &&
    runnerUp.client_id !== latest.client_id &&
    runnerUp.created_at.getTime() === latest.created_at.getTime();
  const texted = clients.find((c) => c.client_id === latest.client_id);
  if (tied || !texted) return { kind: 'ambiguous' };
  return matched(texted, latest);
}

/** Reminders (not other texts) we sent to `to` for these clients, newest first, bar failed or undelivered ones. */
function latestReminderTexts(
  manager: EntityManager,
  to: string,
  clientIds: readonly string[],
  since: Date | null,
  limit: number,
): Promise<LatestText[]> {
  return manager.query<LatestText[]>(
    `SELECT "client_id", "appointment_id", "created_at" FROM "${REMINDERS_SCHEMA}"."sms_message"
      WHERE "to" = $1 AND "client_id" = ANY($2::uuid[]) AND "reminder_id" IS NOT NULL
        AND "status" NOT IN ('failed', 'undelivered')
        AND ($3::timestamptz IS NULL OR "created_at" >= $3)
      ORDER BY "created_at" DESC LIMIT $4`,
    [to, clientIds, since, limit],
  );
}

function matched(
  client: { client_id: string; org_id: string },
  latest: LatestText | undefined,
): ReplyingClient {
  return {
    kind: 'matched',
    clientId: client.client_id,
    orgId: client.org_id,
    appointmentId: latest?.appointment_id ?? null,
  };
}
