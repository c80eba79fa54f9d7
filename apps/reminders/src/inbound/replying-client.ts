import type { EntityManager } from 'typeorm';
import { normaliseUkMobile, type ReminderStep } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { ReplyContext } from './reply-intent';

/** Who a text came from, as far as reminders can tell. */
export type ReplyingClient =
  | {
      kind: 'matched';
      clientId: string;
      orgId: string;
      /**
       * The appointment of the text answered: for an offer's text, the held appointment; for "sorry
       * we missed you", the one missed.
       */
      appointmentId: string | null;
      /** The step of the text answered (an offer's and a missed text's replies read differently); null if none. */
      answering: ReminderStep | null;
      /** Why a yes or no may not be about that text (replyContextOf); null when nothing says so. */
      doubt: ReplyDoubt | null;
    }
  /** No client has this number as their own mobile (or the sender is not a UK mobile). */
  | { kind: 'none' }
  /** Several clients share the number and no recent reminder to one of them tells who answers. */
  | { kind: 'ambiguous' };

/**
 * another_live_offer: the client has an offer still open whose text came before the one answered: a
 * "yes" may take it. offer_on_shared_number: the text answered was an offer, to a number other clients
 * have too: a "yes" may be one of them answering their own reminder.
 */
export type ReplyDoubt = 'another_live_offer' | 'offer_on_shared_number';

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
  step: ReminderStep | null;
  created_at: Date;
}

/**
 * The client whose own mobile sent the text, and the appointment (and step) of the latest reminder
 * we texted them at that number that may have reached them: what a "yes" most likely answers. For an
 * in-reach offer's text, that is the held appointment, which the reply accepts or declines; for
 * "sorry we missed you", the missed one, which a yes asks the keyworker to rebook. A number several
 * clients share (a couple, a hostel phone) is answered by the one we texted there last, within
 * SHARED_NUMBER_LOOKBACK_DAYS: people reply to the text they just got. Without such a text, or with
 * texts to two of them at the very same moment, nobody can be told apart. A yes or no is still
 * doubtful (`doubt`) when an offer could be what it answers but need not be.
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
    return matched(manager, first, latest, { shared: false, now: query.now });
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
  return matched(manager, texted, latest, { shared: true, now: query.now });
}

/** How the reply is read: as to the text answered, unless something casts doubt on a yes or no. */
export function replyContextOf(client: ReplyingClient): ReplyContext {
  if (client.kind !== 'matched') return 'reminder';
  if (client.doubt) return 'unsure';
  if (client.answering === 'offer' || client.answering === 'missed') return client.answering;
  return 'reminder';
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
    `SELECT m."client_id", m."appointment_id", r."step", m."created_at"
       FROM "${REMINDERS_SCHEMA}"."sms_message" m
       JOIN "${REMINDERS_SCHEMA}"."reminder" r ON r."id" = m."reminder_id"
      WHERE m."to" = $1 AND m."client_id" = ANY($2::uuid[])
        AND m."status" NOT IN ('failed', 'undelivered')
        AND ($3::timestamptz IS NULL OR m."created_at" >= $3)
      ORDER BY m."created_at" DESC LIMIT $4`,
    [to, clientIds, since, limit],
  );
}

async function matched(
  manager: EntityManager,
  client: { client_id: string; org_id: string },
  latest: LatestText | undefined,
  { shared, now }: { shared: boolean; now: Date },
): Promise<ReplyingClient> {
  const appointmentId = latest?.appointment_id ?? null;
  const answering = latest?.step ?? null;
  return {
    kind: 'matched',
    clientId: client.client_id,
    orgId: client.org_id,
    appointmentId,
    answering,
    doubt:
      shared && answering === 'offer'
        ? 'offer_on_shared_number'
        : await anotherLiveOffer(manager, client.client_id, appointmentId, now),
  };
}

/**
 * 'another_live_offer' if the client has an offer still open (its hold not lapsed) other than
 * `answered`, whose text may have reached them, at any number of theirs: they know of it, so a yes or
 * no may be about it.
 */
async function anotherLiveOffer(
  manager: EntityManager,
  clientId: string,
  answered: string | null,
  now: Date,
): Promise<'another_live_offer' | null> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM "${REMINDERS_SCHEMA}"."appointment" a
       JOIN "${REMINDERS_SCHEMA}"."sms_message" m ON m."appointment_id" = a."appointment_id"
      WHERE a."client_id" = $1 AND a."status" = 'offered' AND a."offer_expires_at" > $2
        AND a."appointment_id" IS DISTINCT FROM $3::uuid
        -- An offered appointment has no text but its offer's.
        AND m."status" NOT IN ('failed', 'undelivered')
      LIMIT 1`,
    [clientId, now, answered],
  );
  return rows.length > 0 ? 'another_live_offer' : null;
}
