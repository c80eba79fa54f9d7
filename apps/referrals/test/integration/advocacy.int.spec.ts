import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { recordAdvocacyActionBody } from '../../src/advocacy/advocacy.dto';
import { ListAdvocacyActions } from '../../src/advocacy/list-advocacy-actions';
import { RecordAdvocacyAction } from '../../src/advocacy/record-advocacy-action';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { referralsService } from '../../src/referrals.service';
import { aPrincipal, insertClient } from './needs-support';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; message?: string }) => error.code ?? String(error.message),
  );

describe('advocacy log on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const nurse = aPrincipal();
  const elsewhere = aPrincipal({ orgId: 'org-hillside' });
  let record: RecordAdvocacyAction;
  let list: ListAdvocacyActions;

  beforeAll(async () => {
    testDb = await createTestDatabase('advocacy');
    db = await Database.open({ url: testDb.url, logger: { info: () => undefined, warn: () => undefined } }, [
      referralsService.database,
    ]);
    const audit = new AuditTrail();
    const clients = new SqlClientDirectory();
    record = new RecordAdvocacyAction(db.dataSource, audit, clients, clock);
    list = new ListAdvocacyActions(db.dataSource, audit, clients);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const body = (b: Record<string, unknown>) =>
    recordAdvocacyActionBody.parse({ type: 'phoned_surgery', outcome: 'Booked for Tuesday', ...b });
  const act = async (clientId: string, b: Record<string, unknown> = {}, principal = nurse) =>
    (await record.execute(principal, clientId, body(b), undefined)).result;
  const rows = async (clientId: string): Promise<number> =>
    (
      await db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.advocacy_action WHERE client_id = $1`,
        [clientId],
      )
    )[0].n;
  const audit = (
    clientId: string,
  ): Promise<{ action: string; subject_type: string; reason: string | null }[]> =>
    db.dataSource.query(
      `SELECT action, subject_type, reason FROM referrals.audit_log WHERE client_id = $1 ORDER BY seq`,
      [clientId],
    );

  /** A referral of the client, inserted as the referral context stores one. */
  async function insertReferral(clientId: string, orgId = nurse.orgId): Promise<string> {
    const needId = randomUUID();
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO referrals.need (id, org_id, client_id, category, status, identified_at, identified_by,
         recorded_by, recorded_at, updated_at)
       VALUES ($1, $2, $3, 'dvt', 'open', now(), 'test', 'test', now(), now())`,
      [needId, orgId, clientId],
    );
    await db.dataSource.query(
      `INSERT INTO referrals.referral (id, org_id, client_id, need_id, destination_kind, destination_name, urgency,
         reason, accompaniment, status, status_changed_at, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, 'gp', 'Hillside Surgery', 'soon', 'Leg swelling', '{"needed": false}', 'sent',
         now(), 'test', now(), now(), 1)`,
      [id, orgId, clientId, needId],
    );
    return id;
  }

  it('records an action now by default, with who recorded it and a create audit entry', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const action = await act(clientId, { type: 'accompanied', accompaniedBy: 'peer_supporter' });
    expect(action).toMatchObject({
      clientId,
      type: 'accompanied',
      accompaniedBy: 'peer_supporter',
      outcome: 'Booked for Tuesday',
      referralId: null,
      occurredAt: clock.now().toISOString(),
      recordedBy: nurse.userId,
      recordedAt: clock.now().toISOString(),
    });
    expect(await audit(clientId)).toEqual([
      { action: 'create', subject_type: 'advocacy_action', reason: null },
    ]);
    const [logged] = await db.dataSource.query(
      `SELECT details FROM referrals.audit_log WHERE subject_id = $1`,
      [action.id],
    );
    expect(JSON.stringify(logged.details)).not.toContain('Booked for Tuesday');
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const action = await act(clientId);
    for (const sql of [
      `UPDATE referrals.advocacy_action SET outcome = 'changed' WHERE id = '${action.id}'`,
      `DELETE FROM referrals.advocacy_action WHERE id = '${action.id}'`,
      `TRUNCATE referrals.advocacy_action`,
    ]) {
      await expect(db.dataSource.query(sql)).rejects.toThrow(/append-only/);
    }
    expect(await rows(clientId)).toBe(1);
  });

  it('keeps accompaniedBy to accompanied actions in the database too', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    await expect(
      db.dataSource.query(
        `INSERT INTO referrals.advocacy_action (id, org_id, client_id, action_type, accompanied_by, outcome,
           occurred_at, recorded_by, recorded_at) VALUES ($1, $2, $3, 'read_letter', 'worker', 'x', now(), 'u', now())`,
        [randomUUID(), nurse.orgId, clientId],
      ),
    ).rejects.toThrow(/advocacy_action_accompanied_by/);
  });

  it("attaches to the client's own referral only: another client's or organisation's is a 422", async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const otherClient = await insertClient(db, nurse.orgId);
    const theirClient = await insertClient(db, elsewhere.orgId);
    const mine = await insertReferral(clientId);
    const notMine = await insertReferral(otherClient);
    const theirs = await insertReferral(theirClient, elsewhere.orgId);

    expect((await act(clientId, { referralId: mine })).referralId).toBe(mine);
    for (const referralId of [notMine, theirs, randomUUID()]) {
      expect(await codeOf(act(clientId, { referralId }))).toBe('REFERRAL_NOT_FOR_CLIENT');
    }
    expect(await rows(clientId)).toBe(1);
  });

  it("answers another organisation's client as unknown and writes nothing", async () => {
    const theirClient = await insertClient(db, elsewhere.orgId);
    expect(await codeOf(act(theirClient))).toBe('CLIENT_NOT_FOUND');
    expect(await codeOf(list.execute(nurse, theirClient, { limit: 20, offset: 0 }))).toBe('CLIENT_NOT_FOUND');
    expect(await rows(theirClient)).toBe(0);
    expect(await audit(theirClient)).toEqual([]);
  });

  it('may be back-dated up to 30 days, never into the future beyond clock skew', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
    const day = 86_400_000;
    expect((await act(clientId, { occurredAt: at(-29 * day) })).occurredAt).toBe(at(-29 * day));
    expect((await act(clientId, { occurredAt: at(60_000) })).occurredAt).toBe(at(0));
    expect(await codeOf(act(clientId, { occurredAt: at(-31 * day) }))).toBe('OCCURRED_TOO_LONG_AGO');
    expect(await codeOf(act(clientId, { occurredAt: at(5 * 60_000) }))).toBe('OCCURRED_IN_FUTURE');
    expect(await rows(clientId)).toBe(2);
  });

  it('returns the first action for a repeated Idempotency-Key and audits the repeat as a read', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const key = randomUUID();
    const first = await record.execute(nurse, clientId, body({}), key);
    const again = await record.execute(nurse, clientId, body({}), key);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await rows(clientId)).toBe(1);
    expect((await audit(clientId)).map((a) => [a.action, a.reason])).toEqual([
      ['create', null],
      ['read', 'repeated request (Idempotency-Key)'],
    ]);
  });

  it('lists newest first, a page at a time with the total, and audits the read', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const hour = 3_600_000;
    const made = [];
    for (const hoursAgo of [5, 1, 3, 2, 4]) {
      made.push(
        await act(clientId, { occurredAt: new Date(clock.now().getTime() - hoursAgo * hour).toISOString() }),
      );
    }
    const newestFirst = [...made].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).map((a) => a.id);
    const first = await list.execute(nurse, clientId, { limit: 2, offset: 0 });
    const rest = await list.execute(nurse, clientId, { limit: 10, offset: 2 });
    expect(first.total).toBe(5);
    expect([...first.items, ...rest.items].map((a) => a.id)).toEqual(newestFirst);
    expect((await audit(clientId)).filter((a) => a.action === 'search')).toHaveLength(2);
  });
});
