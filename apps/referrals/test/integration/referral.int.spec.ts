import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { referralActionBody } from '../../src/referral/referral.dto';
import {
  aPrincipal,
  aReferralBody,
  count,
  needStatus,
  openReferralsDatabase,
  outboxFor,
  referralUseCases,
} from './referral-fixture';

const action = (body: Record<string, unknown>) => referralActionBody.parse(body);

describe('referrals on real Postgres: creation, staff actions, history and events', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const worker = aPrincipal();
  let uc: ReturnType<typeof referralUseCases>;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referrals'));
    uc = referralUseCases(db, clock);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('refers a need: the need becomes referred, with history, audit and both events in one go', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result: referral } = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);

    expect(referral).toMatchObject({ clientId, needId, status: 'sent', version: 1, overdue: false });
    expect(await needStatus(db, needId)).toBe('referred');
    const [created] = await outboxFor(db, referral.id);
    expect(created).toMatchObject({
      type: 'referral.created.v1',
      data: {
        referralId: referral.id,
        clientId,
        needId,
        status: 'sent',
        accompaniment: { needed: true, by: 'peer_supporter', transportArranged: false },
        createdBy: worker.userId,
      },
    });
    const needEvents = await outboxFor(db, needId);
    expect(needEvents.map((e) => [e.type, e.data['status']])).toEqual([
      ['need.recorded.v1', 'open'],
      ['need.status-changed.v1', 'referred'],
    ]);
    const read = await uc.get.execute(worker, referral.id);
    expect(read.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'sent', action: 'create' }),
    ]);
    expect(read.availableActions!.sort()).toEqual(
      ['appointment-booked', 'close', 'record-acceptance', 'record-rejection'].sort(),
    );

    // A second referral for the same need leaves the need as it is.
    await uc.create.execute(
      worker,
      clientId,
      aReferralBody(needId, { destinationKind: 'inreach' }),
      undefined,
    );
    expect((await outboxFor(db, needId)).length).toBe(2);
  });

  it('refuses a need that is not the client’s, a resolved need and an unknown client, writing nothing', async () => {
    const a = await uc.referrable(worker);
    const b = await uc.referrable(worker);
    await db.dataSource.query(`UPDATE referrals.need SET status = 'resolved' WHERE id = $1`, [b.needId]);
    const before = [await count(db, 'referral'), await count(db, 'outbox'), await count(db, 'audit_log')];

    await expect(
      uc.create.execute(worker, a.clientId, aReferralBody(b.needId), undefined),
    ).rejects.toMatchObject({
      code: 'NEED_NOT_FOUND',
      status: 422,
    });
    await expect(
      uc.create.execute(worker, b.clientId, aReferralBody(b.needId), undefined),
    ).rejects.toMatchObject({
      code: 'NEED_NOT_REFERRABLE',
      status: 409,
    });
    await expect(
      uc.create.execute(worker, randomUUID(), aReferralBody(a.needId), undefined),
    ).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
      status: 404,
    });
    const elsewhere = aPrincipal({ orgId: 'org-elsewhere' });
    await expect(
      uc.create.execute(elsewhere, a.clientId, aReferralBody(a.needId), undefined),
    ).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
    expect([await count(db, 'referral'), await count(db, 'outbox'), await count(db, 'audit_log')]).toEqual(
      before,
    );
  });

  it('follows staff actions from draft to completed, one history line and one event each', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result: draft } = await uc.create.execute(
      worker,
      clientId,
      aReferralBody(needId, { send: false }),
      undefined,
    );
    expect(draft.status).toBe('draft');
    const appointmentId = randomUUID();
    const steps = [
      [{ type: 'send' }, 'sent'],
      [{ type: 'record-acceptance', note: 'Accepted by phone' }, 'accepted'],
      [{ type: 'appointment-booked', appointmentId, startsAt: '2026-11-12T10:00:00Z' }, 'booked'],
      [{ type: 'did-not-attend', appointmentId }, 'did_not_attend'],
      [{ type: 'appointment-booked', appointmentId, startsAt: '2026-11-19T10:00:00Z' }, 'booked'],
      [{ type: 'attended', appointmentId }, 'attended'],
      [{ type: 'complete', outcome: 'Spirometry done; inhalers started' }, 'completed'],
    ] as const;
    for (const [body, status] of steps) {
      clock.advance(60_000);
      const { result } = await uc.act.execute(worker, draft.id, action(body), undefined);
      expect(result.status).toBe(status);
    }
    const read = await uc.get.execute(worker, draft.id);
    expect(read.version).toBe(1 + steps.length);
    expect(read.availableActions).toEqual([]);
    expect(read.history!.map((h) => [h.fromStatus, h.toStatus, h.action, h.source])).toEqual([
      [null, 'draft', 'create', 'staff'],
      ['draft', 'sent', 'send', 'staff'],
      ['sent', 'accepted', 'record-acceptance', 'staff'],
      ['accepted', 'booked', 'appointment-booked', 'staff'],
      ['booked', 'did_not_attend', 'did-not-attend', 'staff'],
      ['did_not_attend', 'booked', 'appointment-booked', 'staff'],
      ['booked', 'attended', 'attended', 'staff'],
      ['attended', 'completed', 'complete', 'staff'],
    ]);
    const events = await outboxFor(db, draft.id);
    expect(events.map((e) => e.type)).toEqual([
      'referral.created.v1',
      ...steps.map(() => 'referral.status-changed.v1'),
    ]);
    expect(events[4]!.data).toEqual({
      referralId: draft.id,
      clientId,
      from: 'booked',
      to: 'did_not_attend',
      action: 'did-not-attend',
      reason: null,
      appointmentId,
      source: 'staff',
      changedBy: worker.userId,
      changedAt: expect.any(String),
    });
  });

  it('refuses an illegal action with the rule’s message and writes nothing; another org gets 404', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result: referral } = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    await uc.act.execute(
      worker,
      referral.id,
      action({ type: 'close', outcome: 'client_declined', reason: 'Does not want a GP referral' }),
      undefined,
    );
    const before = [await count(db, 'referral_status_change'), await count(db, 'outbox')];

    await expect(
      uc.act.execute(worker, referral.id, action({ type: 'send' }), undefined),
    ).rejects.toMatchObject({
      code: 'REFERRAL_ILLEGAL_TRANSITION',
      status: 409,
      detail: 'A closed referral cannot be moved by "send"',
    });
    await expect(
      uc.act.execute(
        aPrincipal({ orgId: 'org-elsewhere' }),
        referral.id,
        action({ type: 'resend' }),
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND', status: 404 });
    expect([await count(db, 'referral_status_change'), await count(db, 'outbox')]).toEqual(before);
  });

  it('serialises concurrent actions on one referral: none is lost', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result: referral } = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    const rebook = () =>
      uc.act.execute(
        worker,
        referral.id,
        action({ type: 'appointment-booked', appointmentId: randomUUID(), startsAt: '2026-11-20T10:00:00Z' }),
        undefined,
      );
    const results = await Promise.allSettled(Array.from({ length: 8 }, rebook));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const read = await uc.get.execute(worker, referral.id);
    expect(read.version).toBe(9);
    expect(read.history).toHaveLength(9);

    // Two people record different answers at once: one wins, the other is told why, nothing is lost.
    const other = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    const raced = await Promise.allSettled([
      uc.act.execute(worker, other.result.id, action({ type: 'record-acceptance' }), undefined),
      uc.act.execute(worker, other.result.id, action({ type: 'resend' }), undefined),
      uc.act.execute(worker, other.result.id, action({ type: 'record-acceptance' }), undefined),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      raced.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code),
    ).toEqual(['REFERRAL_ILLEGAL_TRANSITION', 'REFERRAL_ILLEGAL_TRANSITION']);
    expect((await uc.get.execute(worker, other.result.id)).version).toBe(2);
  });

  it('replays a retried creation with the same Idempotency-Key, audited as a read', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const key = randomUUID();
    const first = await uc.create.execute(worker, clientId, aReferralBody(needId), key);
    const again = await uc.create.execute(worker, clientId, aReferralBody(needId), key);
    expect(again).toEqual({ result: first.result, replayed: true });
    const rows: { action: string; reason: string | null }[] = await db.dataSource.query(
      `SELECT action, reason FROM referrals.audit_log WHERE subject_id = $1 ORDER BY seq`,
      [first.result.id],
    );
    expect(rows).toEqual([
      { action: 'create', reason: null },
      { action: 'read', reason: 'repeated request (Idempotency-Key)' },
    ]);
  });

  it('replays a retried action with the same Idempotency-Key, audited as a read', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result: referral } = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    const key = randomUUID();
    const close = action({
      type: 'close',
      outcome: 'client_declined',
      reason: 'Does not want a GP referral',
    });
    const first = await uc.act.execute(worker, referral.id, close, key);
    const again = await uc.act.execute(worker, referral.id, close, key);
    expect(again).toEqual({ result: first.result, replayed: true });
    const reads: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM referrals.audit_log WHERE subject_type = 'referral' AND subject_id = $1
          AND action = 'read' AND reason = 'repeated request (Idempotency-Key)'`,
      [referral.id],
    );
    expect(reads).toHaveLength(1);
  });
});
