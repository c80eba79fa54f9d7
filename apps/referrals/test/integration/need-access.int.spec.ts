import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { RecordNeed } from '../../src/need/record-need';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';
import { aPrincipal, insertClient, needUseCases, openNeedsDatabase, outboxFor } from './needs-support';

describe('physical-health needs on real Postgres: scoping, lists, dates, retries', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-06-10T09:30:00Z');
  const nurse = aPrincipal();
  const otherOrgNurse = aPrincipal({ orgId: 'org-elsewhere' });
  let uc: ReturnType<typeof needUseCases>;

  beforeAll(async () => {
    ({ db, testDb } = await openNeedsDatabase('needs_access'));
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

  it("keeps each organisation's needs and clients to itself", async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const need = await record(clientId);
    const notFound = { code: 'NEED_NOT_FOUND', status: 404 };
    await expect(uc.getNeed.execute(otherOrgNurse, need.id)).rejects.toMatchObject(notFound);
    await expect(uc.getNeed.execute(otherOrgNurse, randomUUID())).rejects.toMatchObject(notFound);
    await expect(
      uc.changeStatus.execute(otherOrgNurse, need.id, { status: 'resolved', reason: 'x' }, undefined),
    ).rejects.toMatchObject(notFound);
    const clientNotFound = { code: 'CLIENT_NOT_FOUND', status: 404 };
    await expect(
      uc.recordNeed.execute(otherOrgNurse, clientId, { category: 'hiv' }, undefined),
    ).rejects.toMatchObject(clientNotFound);
    await expect(uc.listNeeds.execute(otherOrgNurse, clientId, {})).rejects.toMatchObject(clientNotFound);
    await expect(
      uc.recordNeed.execute(nurse, randomUUID(), { category: 'hiv' }, undefined),
    ).rejects.toMatchObject(clientNotFound);
    expect((await uc.getNeed.execute(nurse, need.id)).status).toBe('open');
  });

  it("lists a client's needs, newest first, filtered by status, auditing the search", async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const older = await record(clientId, { category: 'dental', identifiedAt: '2026-05-01T10:00:00Z' });
    const newer = await record(clientId, { category: 'dvt', identifiedAt: '2026-06-01T10:00:00Z' });
    await uc.changeStatus.execute(
      nurse,
      older.id,
      { status: 'referred', reason: 'Community dentist' },
      undefined,
    );

    expect((await uc.listNeeds.execute(nurse, clientId, {})).map((n) => n.id)).toEqual([newer.id, older.id]);
    expect((await uc.listNeeds.execute(nurse, clientId, { status: 'referred' })).map((n) => n.id)).toEqual([
      older.id,
    ]);
    expect(await uc.listNeeds.execute(nurse, clientId, { status: 'resolved' })).toEqual([]);
    const searches = (await db.transaction((m) => uc.audit.forClient(m, REFERRALS_SCHEMA, clientId))).filter(
      (e) => e.action === 'search',
    );
    expect(searches.map((e) => e.details)).toEqual([
      { status: null, results: 2 },
      { status: 'referred', results: 1 },
      { status: 'resolved', results: 0 },
    ]);
  });

  it('takes back-dated needs but never future ones', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const backDated = await record(clientId, { category: 'liver', identifiedAt: '2025-12-01T09:00:00Z' });
    expect(backDated.identifiedAt).toBe('2025-12-01T09:00:00.000Z');
    const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString();
    await expect(
      uc.recordNeed.execute(nurse, clientId, { category: 'liver', identifiedAt: tomorrow }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTIFIED_IN_FUTURE', status: 422 });
    // A browser clock a few seconds fast is taken as now, never stored ahead.
    const aheadBySeconds = new Date(clock.now().getTime() + 5_000).toISOString();
    expect((await record(clientId, { category: 'liver', identifiedAt: aheadBySeconds })).identifiedAt).toBe(
      clock.now().toISOString(),
    );
  });

  it('records once per Idempotency-Key, answering a retry with the first need', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const key = randomUUID();
    const body = { category: 'cardiovascular' as const, notes: 'Chest pain on exertion' };
    const [first, second] = await Promise.all([
      uc.recordNeed.execute(nurse, clientId, body, key),
      uc.recordNeed.execute(nurse, clientId, body, key),
    ]);
    expect(first.result.id).toBe(second.result.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await outboxFor(db, first.result.id)).toHaveLength(1);
    await expect(
      uc.recordNeed.execute(nurse, clientId, { ...body, notes: 'other' }, key),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    // Another user's identical key is theirs alone.
    const colleague = aPrincipal({ orgId: nurse.orgId });
    const theirs = await uc.recordNeed.execute(colleague, clientId, body, key);
    expect(theirs.replayed).toBe(false);
    expect(theirs.result.id).not.toBe(first.result.id);
  });
});
