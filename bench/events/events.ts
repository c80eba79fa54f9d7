import { randomUUID } from 'node:crypto';
import { referralCreatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import type { NewEvent } from '@careloop/messaging';

type ReferralData = EventData<typeof referralCreatedV1>;

/**
 * The business content of one referral event. Both paths are fed the same list, so they carry the
 * same keys (the referral id, hence the same partitions) and envelopes of the same size.
 */
export type ReferralInput = NewEvent<typeof referralCreatedV1.data>;

export function referralInputs(count: number): ReferralInput[] {
  return Array.from({ length: count }, () => {
    const referralId = randomUUID();
    const data: ReferralData = {
      referralId,
      clientId: randomUUID(),
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
      urgency: 'routine',
      reason: 'Breathlessness on stairs; COPD review',
      createdBy: 'user-drug-worker',
    };
    return {
      subjectId: referralId,
      orgId: 'org-riverside-cdas',
      actor: { kind: 'user', id: 'user-drug-worker' },
      data,
    };
  });
}

/** The envelope `Outbox.add` would build for the input, for the raw path (which has no outbox). */
export function envelopeFor(
  input: ReferralInput,
): EventEnvelope<ReferralData, typeof referralCreatedV1.type> {
  return {
    id: randomUUID(),
    type: referralCreatedV1.type,
    version: referralCreatedV1.version,
    occurredAt: new Date().toISOString(),
    orgId: input.orgId,
    actor: input.actor,
    correlationId: randomUUID(),
    causationId: null,
    subjectId: input.subjectId,
    data: input.data as ReferralData,
  };
}
