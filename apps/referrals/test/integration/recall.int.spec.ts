import { AuditTrail } from '@careloop/auth';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { GetClientRecall } from '../../src/recall/get-client-recall';
import { GetRecallPolicy } from '../../src/recall/get-recall-policy';
import { ListRecallDue } from '../../src/recall/list-recall-due';
import type { DueListQuery } from '../../src/recall/recall.dto';
import { RecordCheck } from '../../src/recall/record-check';
import { SetRecallPolicy } from '../../src/recall/set-recall-policy';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';
import { aPrincipal, insertClient, openNeedsDatabase } from './needs-support';

describe('recall on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  // 23:30 UTC on 30 June is already 1 July in London.
  const clock = new ManualClock('2026-06-30T23:30:00Z');
  const audit = new AuditTrail();
  const nurse = aPrincipal({ orgId: 'org-recall' });
  const manager = aPrincipal({ orgId: nurse.orgId, roles: ['service_manager'] });
  const otherOrg = aPrincipal({ orgId: 'org-recall-elsewhere' });
  let recordCheck: RecordCheck;
  let listDue: ListRecallDue;
  let getClientRecall: GetClientRecall;
  let getPolicy: GetRecallPolicy;
  let setPolicy: SetRecallPolicy;

  beforeAll(async () => {
    ({ db, testDb } = await openNeedsDatabase('recall'));
    const clients = new SqlClientDirectory();
    recordCheck = new RecordCheck(db.dataSource, audit, clients, clock);
    listDue = new ListRecallDue(db.dataSource, audit, clients, clock);
    getClientRecall = new GetClientRecall(db.dataSource, audit, clients, clock);
    getPolicy = new GetRecallPolicy(db.dataSource);
    setPolicy = new SetRecallPolicy(db.dataSource, audit, clock);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const check = (clientId: string, checkType: string, doneOn: string, who = nurse) =>
    recordCheck.execute(who, clientId, { checkType: checkType as never, doneOn }, undefined);
  const due = (query: Partial<DueListQuery> = {}, who = nurse) =>
    listDue.execute(who, { withinDays: 30, page: 1, pageSize: 50, ...query });

  it('starts from the default policy and lets the organisation change it', async () => {
    expect(await getPolicy.execute(nurse)).toEqual([
      { checkType: 'physical_health_check', applies: true, intervalMonths: 12, isDefault: true },
      { checkType: 'hepatitis_c_screen', applies: true, intervalMonths: 12, isDefault: true },
      { checkType: 'hepatitis_b_screen', applies: false, intervalMonths: 12, isDefault: true },
      { checkType: 'hiv_screen', applies: false, intervalMonths: 12, isDefault: true },
    ]);
    await setPolicy.execute(manager, 'hepatitis_c_screen', { applies: true, intervalMonths: 6 });
    const changed = await setPolicy.execute(manager, 'hepatitis_c_screen', {
      applies: true,
      intervalMonths: 12,
    });
    expect(changed[1]).toEqual({
      checkType: 'hepatitis_c_screen',
      applies: true,
      intervalMonths: 12,
      isDefault: false,
    });
    // Another organisation keeps its own (default) policy.
    expect((await getPolicy.execute(otherOrg))[1]!.isDefault).toBe(true);
  });

  it('takes a check done today in London, refuses one done tomorrow', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const today = await check(clientId, 'hepatitis_c_screen', '2026-07-01');
    expect(today.result).toMatchObject({
      clientId,
      checkType: 'hepatitis_c_screen',
      doneOn: '2026-07-01',
      doneBy: nurse.userId,
    });
    await expect(check(clientId, 'hepatitis_c_screen', '2026-07-02')).rejects.toMatchObject({
      code: 'CHECK_DONE_IN_FUTURE',
      status: 422,
    });
    await expect(
      check(await insertClient(db, otherOrg.orgId), 'hiv_screen', '2026-06-01'),
    ).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
  });

  it('lists who is overdue or due soon, most urgent first, a page at a time, auditing each client shown', async () => {
    const org = aPrincipal({ orgId: 'org-recall-list' });
    const dueSoon = await insertClient(db, org.orgId, { keyworkerId: 'kw-1' });
    const overdue = await insertClient(db, org.orgId, { keyworkerId: 'kw-2' });
    const neverChecked = await insertClient(db, org.orgId, {
      keyworkerId: 'kw-1',
      registeredAt: '2026-03-01T12:00:00Z',
    });
    const upToDate = await insertClient(db, org.orgId, { keyworkerId: 'kw-2' });
    await insertClient(db, 'org-recall-list-other');
    for (const type of ['physical_health_check', 'hepatitis_c_screen']) {
      await check(dueSoon, type, '2025-07-15', org);
      await check(overdue, type, '2025-06-30', org);
      await check(upToDate, type, '2026-05-01', org);
    }
    // The latest check counts.
    await check(overdue, 'hepatitis_c_screen', '2024-01-01', org);

    const list = await due({}, org);
    expect(list).toMatchObject({ today: '2026-07-01', withinDays: 30, total: 6, page: 1, pageSize: 50 });
    expect(list.items.map((i) => [i.clientId, i.checkType, i.status, i.dueOn, i.daysUntilDue])).toEqual([
      [neverChecked, 'hepatitis_c_screen', 'overdue', '2026-03-01', -122],
      [neverChecked, 'physical_health_check', 'overdue', '2026-03-01', -122],
      [overdue, 'hepatitis_c_screen', 'overdue', '2026-06-30', -1],
      [overdue, 'physical_health_check', 'overdue', '2026-06-30', -1],
      [dueSoon, 'hepatitis_c_screen', 'due_soon', '2026-07-15', 14],
      [dueSoon, 'physical_health_check', 'due_soon', '2026-07-15', 14],
    ]);

    expect((await due({ status: 'due_soon' }, org)).items.map((i) => i.clientId)).toEqual([dueSoon, dueSoon]);
    expect((await due({ withinDays: 7 }, org)).total).toBe(4);
    expect(
      (await due({ checkType: 'hepatitis_c_screen', keyworkerId: 'kw-1' }, org)).items.map((i) => i.clientId),
    ).toEqual([neverChecked, dueSoon]);
    const page2 = await due({ page: 2, pageSize: 4 }, org);
    expect(page2).toMatchObject({ total: 6, page: 2 });
    expect(page2.items.map((i) => i.clientId)).toEqual([dueSoon, dueSoon]);

    // A client never shown in a list has no search entry.
    const hidden = await db.transaction((m) => audit.forClient(m, REFERRALS_SCHEMA, upToDate));
    expect(hidden.filter((e) => e.action === 'search')).toEqual([]);

    // Hepatitis B screening switched on: everyone lacks one, so everyone is overdue for it.
    await setPolicy.execute({ ...org, roles: ['admin'] }, 'hepatitis_b_screen', {
      applies: true,
      intervalMonths: 12,
    });
    expect((await due({ checkType: 'hepatitis_b_screen' }, org)).total).toBe(4);

    // Page 2 showed one client: one audit entry for it from that search.
    const trail = await db.transaction((m) => audit.forClient(m, REFERRALS_SCHEMA, dueSoon));
    const searches = trail.filter((e) => e.action === 'search' && e.subjectType === 'recall');
    expect(searches.length).toBeGreaterThanOrEqual(4);
    expect(searches.some((e) => (e.details as { page: number }).page === 2)).toBe(true);
  });

  it("shows one client's recall with history, and only to their own organisation", async () => {
    const clientId = await insertClient(db, nurse.orgId, { registeredAt: '2026-01-31T10:00:00Z' });
    await check(clientId, 'physical_health_check', '2025-08-31');
    await check(clientId, 'physical_health_check', '2026-01-31');
    const recall = await getClientRecall.execute(nurse, clientId);
    expect(recall.checks).toEqual([
      {
        clientId,
        checkType: 'hepatitis_c_screen',
        lastDoneOn: null,
        dueOn: '2026-01-31',
        daysUntilDue: -151,
        status: 'overdue',
      },
      {
        clientId,
        checkType: 'physical_health_check',
        lastDoneOn: '2026-01-31',
        dueOn: '2027-01-31',
        daysUntilDue: 214,
        status: 'not_due',
      },
    ]);
    expect(recall.history.map((h) => h.doneOn)).toEqual(['2026-01-31', '2025-08-31']);
    await expect(getClientRecall.execute(otherOrg, clientId)).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
    const trail = await db.transaction((m) => audit.forClient(m, REFERRALS_SCHEMA, clientId));
    expect(trail.map((e) => e.action)).toEqual(['create', 'create', 'read']);
  });

  it('replays a retried check with the same Idempotency-Key, audited as a read of the check', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const body = { checkType: 'hiv_screen' as never, doneOn: '2026-01-31' };
    const first = await recordCheck.execute(nurse, clientId, body, 'recall-check-key');
    const again = await recordCheck.execute(nurse, clientId, body, 'recall-check-key');
    expect(again).toEqual({ result: first.result, replayed: true });
    const reads: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM referrals.audit_log WHERE subject_type = 'recall_check' AND subject_id = $1
          AND client_id = $2 AND action = 'read' AND reason = 'repeated request (Idempotency-Key)'`,
      [first.result.id, clientId],
    );
    expect(reads).toHaveLength(1);
  });
});
