import type { Principal } from '@careloop/auth';
import { startReferralsOverKafka, type ReferralsOverKafka } from '../support/referrals-over-kafka';

/** A timeline entry as GET /clients/:id/timeline answers it. */
export interface TimelineEntryView {
  kind: string;
  id: string;
  occurredAt: string;
  summary: string;
  refs: Record<string, string>;
  by?: string;
}

/**
 * Referrals consuming booking's and in-reach's topics over real Kafka, each event keyed as its
 * producer keys it: by its subject (booking's by the appointment, in-reach's by the service or the
 * session), so one subject's events keep their order.
 */
export function startReferralsOverInreachKafka(label: string): Promise<ReferralsOverKafka> {
  return startReferralsOverKafka({ label, producer: ['booking', 'inreach'], keyOf: (e) => e.subjectId });
}

/** The entries of the given kinds on the client's timeline (its newest 100), as `who` reads it over HTTP. */
export async function timelineEntriesOf(
  env: ReferralsOverKafka,
  who: Principal,
  clientId: string,
  kinds: readonly string[],
): Promise<TimelineEntryView[]> {
  const { status, body } = await env.get<{ entries: TimelineEntryView[] }>(
    who,
    `/clients/${clientId}/timeline?limit=100`,
  );
  expect(status).toBe(200);
  return body.entries.filter((e) => kinds.includes(e.kind));
}
