import { TOPICS } from '@careloop/contracts';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { RecordNeed } from '../../src/need/record-need';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';
import { aPrincipal, count, insertClient, needUseCases, openNeedsDatabase, outboxFor } from './needs-support';

describe('physical-health needs on real Postgres: recording and lifecycle', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-06-10T09:30:00Z');
  const nurse = aPrincipal();
  let uc: ReturnType<typeof needUseCases>;

  beforeAll(async () => {
    ({ db, testDb } = await openNeedsDatabase('needs'));
    uc = needUseCases(db, clock);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const record = async (
    clientId: string,
    body: Parameters<RecordNeed['execute']>[2] = { category: 'hepatitis_c' },
  ) => (await uc.recordNeed.execute(nurse, clientId, body, undefined)).result;

  it('records a need as open, with its first history line, an audit entry and need.recorded.v1', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const need = await record(clientId, {
      category: 'respiratory_copd',
      snomedCode: '13645005',
      notes: 'Breathless on stairs',
      identifiedAt: '2026-06-01T14:00:00+01:00',
    });

    expect(need).toMatchObject({
      clientId,
      category: 'respiratory_copd',
      snomedCode: '13645005',
      status: 'open',
      identifiedAt: '2026-06-01T13:00:00.000Z',
      identifiedBy: nurse.userId,
      recordedBy: nurse.userId,
      recordedAt: clock.now().toISOString(),
    });
    const read = await uc.getNeed.execute(nurse, need.id);
    expect(read.history).toEqual([
      {
        fromStatus: null,
        toStatus: 'open',
        reason: 'Need recorded',
        changedBy: nurse.userId,
        changedAt: clock.now().toISOString(),
      },
    ]);
    const [event] = await outboxFor(db, need.id);
    expect(event).toMatchObject({
      event_type: 'need.recorded.v1',
      topic: TOPICS.referrals,
      payload: {
        orgId: nurse.orgId,
        subjectId: need.id,
        actor: { kind: 'user', id: nurse.userId },
        data: {
          needId: need.id,
          clientId,
          category: 'respiratory_copd',
          snomedCode: '13645005',
          status: 'open',
          identifiedAt: '2026-06-01T13:00:00.000Z',
          identifiedBy: nurse.userId,
          recordedBy: nurse.userId,
        },
      },
    });
    // Free-text notes stay in this service.
    expect(JSON.stringify(event!.payload)).not.toContain('Breathless');
    const trail = await db.transaction((m) => uc.audit.forClient(m, REFERRALS_SCHEMA, clientId));
    expect(trail.map((e) => [e.action, e.subjectType, e.subjectId])).toEqual([
      ['create', 'need', need.id],
      ['read', 'need', need.id],
    ]);
  });

  it('follows the lifecycle, keeping who, when and why for each change, one event each', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const need = await record(clientId, { category: 'wound_or_leg_ulcer' });
    const steps = [
      ['referred', 'Referred to tissue viability clinic'],
      ['being_treated', 'Dressings twice weekly at in-reach clinic'],
      ['resolved', 'Ulcer healed'],
      ['open', 'Ulcer has broken down again'],
    ] as const;
    for (const [status, reason] of steps) {
      clock.advance(60_000);
      const changed = await uc.changeStatus.execute(nurse, need.id, { status, reason }, undefined);
      expect(changed.result.status).toBe(status);
    }

    const read = await uc.getNeed.execute(nurse, need.id);
    expect(read.status).toBe('open');
    expect(read.history!.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'open', 'Need recorded'],
      ['open', 'referred', steps[0][1]],
      ['referred', 'being_treated', steps[1][1]],
      ['being_treated', 'resolved', steps[2][1]],
      ['resolved', 'open', steps[3][1]],
    ]);
    const events = await outboxFor(db, need.id);
    expect(events.map((e) => e.event_type)).toEqual([
      'need.recorded.v1',
      ...steps.map(() => 'need.status-changed.v1'),
    ]);
    expect(events[4]!.payload.data).toEqual({
      needId: need.id,
      clientId,
      category: 'wound_or_leg_ulcer',
      previousStatus: 'resolved',
      status: 'open',
      reason: 'Ulcer has broken down again',
      changedBy: nurse.userId,
      changedAt: clock.now().toISOString(),
    });
  });

  it('refuses an illegal change and writes nothing', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const need = await record(clientId);
    await uc.changeStatus.execute(nurse, need.id, { status: 'resolved', reason: 'Cleared' }, undefined);
    const before = [
      await count(db, 'need_status_change'),
      await count(db, 'outbox'),
      await count(db, 'audit_log'),
    ];

    await expect(
      uc.changeStatus.execute(nurse, need.id, { status: 'being_treated', reason: 'x' }, undefined),
    ).rejects.toMatchObject({ code: 'ILLEGAL_STATUS_CHANGE', status: 409 });
    await expect(
      uc.changeStatus.execute(nurse, need.id, { status: 'resolved', reason: 'x' }, undefined),
    ).rejects.toMatchObject({ code: 'STATUS_UNCHANGED', status: 409 });

    expect([
      await count(db, 'need_status_change'),
      await count(db, 'outbox'),
      await count(db, 'audit_log'),
    ]).toEqual(before);
  });

  it('replays a retried change with the same Idempotency-Key, audited as a read', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const need = await record(clientId);
    const body = { status: 'resolved' as const, reason: 'Cleared' };
    const first = await uc.changeStatus.execute(nurse, need.id, body, 'need-change-key');
    const again = await uc.changeStatus.execute(nurse, need.id, body, 'need-change-key');
    expect(again).toEqual({ result: first.result, replayed: true });
    const reads: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM referrals.audit_log WHERE subject_type = 'need' AND subject_id = $1
          AND action = 'read' AND reason = 'repeated request (Idempotency-Key)'`,
      [need.id],
    );
    expect(reads).toHaveLength(1);
  });
});
