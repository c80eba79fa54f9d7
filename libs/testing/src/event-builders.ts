import { randomUUID } from 'node:crypto';
import { referralCreatedV1, type EventEnvelope, type EventData } from '@careloop/contracts';

type ReferralCreatedData = EventData<typeof referralCreatedV1>;

/** A valid `referral.created.v1` envelope with synthetic data; override any part. */
export function aReferralCreatedEvent(
  overrides: Partial<Omit<EventEnvelope<ReferralCreatedData>, 'data'>> & {
    data?: Partial<ReferralCreatedData>;
  } = {},
): EventEnvelope<ReferralCreatedData, 'referral.created.v1'> {
  const referralId = overrides.data?.referralId ?? randomUUID();
  const { data, ...envelope } = overrides;
  return {
    id: randomUUID(),
    type: 'referral.created.v1',
    version: 1,
    occurredAt: new Date('2026-11-02T10:15:00Z').toISOString(),
    orgId: 'org-riverside-cdas',
    actor: { kind: 'user', id: 'user-drug-worker' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: referralId,
    ...envelope,
    data: {
      referralId,
      clientId: randomUUID(),
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
      urgency: 'routine',
      reason: 'Breathlessness on stairs; COPD review',
      createdBy: 'user-drug-worker',
      ...data,
    },
  } as EventEnvelope<ReferralCreatedData, 'referral.created.v1'>;
}
