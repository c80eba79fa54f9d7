import { z } from 'zod';
import { defineEvent } from './define-event';
import { eventEnvelopeSchema } from './envelope';
import { TOPICS } from './topics';

const valid = () => ({
  id: '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c',
  type: 'referral.created.v1',
  version: 1,
  occurredAt: '2026-11-02T10:15:00.000Z',
  orgId: 'org-riverside-cdas',
  actor: { kind: 'user', id: 'user-drug-worker' },
  correlationId: 'corr-1',
  causationId: null,
  subjectId: 'referral-1',
  data: {},
});

describe('the event envelope', () => {
  it('accepts a well-formed envelope', () => {
    expect(eventEnvelopeSchema.safeParse(valid()).success).toBe(true);
  });

  it.each([
    ['a version that contradicts the type name', { version: 2 }, 'version'],
    ['a type without a version', { type: 'referral.created' }, 'type'],
    ['an id that is not a uuid', { id: '42' }, 'id'],
    ['a time without an offset', { occurredAt: '2026-11-02 10:15' }, 'occurredAt'],
    ['an unknown kind of actor', { actor: { kind: 'robot', id: 'x' } }, 'actor'],
    ['a missing subject', { subjectId: '' }, 'subjectId'],
  ])('refuses %s', (_what, override, field) => {
    const result = eventEnvelopeSchema.safeParse({ ...valid(), ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('takes the version of a contract from its type name', () => {
    const definition = defineEvent({
      type: 'client.registered.v3',
      topic: TOPICS.referrals,
      description: 'test',
      data: z.object({}),
    });
    expect(definition.version).toBe(3);
    expect(() =>
      defineEvent({
        type: 'client.registered',
        topic: TOPICS.referrals,
        description: 'test',
        data: z.object({}),
      }),
    ).toThrow(/must look like/);
  });
});
