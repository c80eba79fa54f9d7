import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { referralCreatedV1 } from '@careloop/contracts';
import { ManualClock } from '@careloop/time';
import { Outbox } from './outbox';

describe('writing an event to the outbox', () => {
  const outbox = new Outbox('producer', new ManualClock(new Date('2026-11-02T09:00:00Z')));
  const inserted: unknown[][] = [];
  // Validation happens before the insert, so a manager that records queries is enough here.
  const manager = {
    queryRunner: { isTransactionActive: true, data: {} },
    query: async (_sql: string, params: unknown[]) => void inserted.push(params),
  } as unknown as EntityManager;

  const event = (overrides: Record<string, unknown> = {}) => {
    const referralId = randomUUID();
    return {
      subjectId: referralId,
      orgId: 'org-riverside-cdas',
      actor: { kind: 'user' as const, id: 'user-nurse' },
      data: {
        referralId,
        clientId: randomUUID(),
        destinationKind: 'gp' as const,
        destinationName: 'Hillside Surgery',
        urgency: 'routine' as const,
        reason: 'Leg ulcer review',
        createdBy: 'user-nurse',
      },
      ...overrides,
    };
  };

  beforeEach(() => (inserted.length = 0));

  it.each([
    ['an empty subject id', { subjectId: '' }, /subjectId/],
    ['an org id longer than any principal’s', { orgId: 'o'.repeat(201) }, /orgId/],
    ['an actor of no known kind', { actor: { kind: 'robot', id: 'r2' } }, /actor/],
    ['an actor without an id', { actor: { kind: 'system', id: '' } }, /actor\.id|"id"/],
  ])('refuses an envelope with %s and writes nothing', async (_what, overrides, message) => {
    await expect(outbox.add(manager, referralCreatedV1, event(overrides))).rejects.toThrow(message);
    expect(inserted).toHaveLength(0);
  });

  it('accepts an org id as long as a principal’s (200)', async () => {
    const envelope = await outbox.add(manager, referralCreatedV1, event({ orgId: 'o'.repeat(200) }));
    expect(envelope.orgId).toHaveLength(200);
    expect(inserted).toHaveLength(1);
  });
});
