import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { RecordInreachService } from '../../src/inreach-service/record-inreach-service';
import { aServiceRegistered } from './inreach-offer-events';
import {
  aPrincipal,
  aReferralBody,
  count,
  needStatus,
  openReferralsDatabase,
  outboxFor,
  referralUseCases,
} from './referral-fixture';

/**
 * Referrals to an in-reach service's waiting list, on real Postgres: the service is one in-reach
 * registered for the caller's organisation (the projection of inreach.service-registered.v1), the
 * referral keeps it and its event carries it; anything else is refused and changes nothing.
 */
describe('in-reach referrals naming their service, on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let uc: ReturnType<typeof referralUseCases>;
  const recordService = new RecordInreachService();
  const ours = aServiceRegistered(worker.orgId, { name: 'Hepatitis C treatment' });
  const theirs = aServiceRegistered(elsewhere.orgId, { name: 'Wound care drop-in' });

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('inreach_referrals'));
    uc = referralUseCases(db, clock);
    await db.transaction(async (m) => {
      await recordService.execute(m, ours);
      await recordService.execute(m, theirs);
    });
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const inreachBody = (needId: string, overrides: Record<string, unknown> = {}) =>
    aReferralBody(needId, {
      destinationKind: 'inreach',
      destinationName: undefined,
      inreachServiceId: ours.data.serviceId,
      ...overrides,
    });
  const written = async () => [
    await count(db, 'referral'),
    await count(db, 'referral_status_change'),
    await count(db, 'outbox'),
    await count(db, 'audit_log'),
    await count(db, 'idempotency_keys'),
  ];

  it("joins the service's waiting list: kept on the referral, named after it, carried on referral.created.v1", async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result } = await uc.create.execute(worker, clientId, inreachBody(needId), undefined);

    expect(result).toMatchObject({
      destinationKind: 'inreach',
      destinationName: 'Hepatitis C treatment',
      inreachServiceId: ours.data.serviceId,
      status: 'sent',
    });
    expect(await uc.get.execute(worker, result.id)).toMatchObject({ inreachServiceId: ours.data.serviceId });
    const [created] = await outboxFor(db, result.id);
    expect(created).toMatchObject({
      type: 'referral.created.v1',
      data: {
        referralId: result.id,
        destinationKind: 'inreach',
        destinationName: 'Hepatitis C treatment',
        inreachServiceId: ours.data.serviceId,
        status: 'sent',
      },
    });

    // A name the worker gives is kept; a draft names its service too.
    const named = await uc.create.execute(
      worker,
      clientId,
      inreachBody(needId, { destinationName: 'Hep C nurse, Riverside Hub', send: false }),
      undefined,
    );
    expect(named.result).toMatchObject({
      destinationName: 'Hep C nurse, Riverside Hub',
      inreachServiceId: ours.data.serviceId,
      status: 'draft',
    });
    expect((await outboxFor(db, named.result.id))[0]!.data).toMatchObject({
      inreachServiceId: ours.data.serviceId,
      status: 'draft',
    });
  });

  it('leaves inreachServiceId out of the event, and null on the referral, when none is named', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const gp = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    const inreach = await uc.create.execute(
      worker,
      clientId,
      aReferralBody(needId, { destinationKind: 'inreach', destinationName: 'Podiatry drop-in' }),
      undefined,
    );
    for (const { result } of [gp, inreach]) {
      expect(result.inreachServiceId).toBeNull();
      expect('inreachServiceId' in (await outboxFor(db, result.id))[0]!.data).toBe(false);
    }
  });

  it("refuses another organisation's service, an unknown one and a service on a non-in-reach referral, writing nothing", async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const theirClient = await uc.referrable(elsewhere);
    const before = await written();
    const refused = async (body: ReturnType<typeof inreachBody>, key?: string) =>
      uc.create.execute(worker, clientId, body, key).catch((e: unknown) => e);

    expect(await refused(inreachBody(needId, { inreachServiceId: theirs.data.serviceId }))).toMatchObject({
      code: 'INREACH_SERVICE_UNKNOWN',
      status: 422,
      extensions: {
        errors: [
          {
            path: 'inreachServiceId',
            message: 'is not an in-reach service of your organisation',
            in: 'body',
          },
        ],
      },
    });
    expect(
      await refused(inreachBody(needId, { inreachServiceId: randomUUID() }), randomUUID()),
    ).toMatchObject({
      code: 'INREACH_SERVICE_UNKNOWN',
      status: 422,
    });
    expect(
      await refused(
        inreachBody(needId, { destinationKind: 'outpatient', destinationName: 'Hepatology outpatients' }),
      ),
    ).toMatchObject({
      code: 'INREACH_SERVICE_NOT_ALLOWED',
      status: 422,
      detail: "Destination kind outpatient does not take an in-reach service; only 'inreach' does",
      extensions: {
        errors: [{ path: 'inreachServiceId', message: "is only for destinationKind 'inreach'", in: 'body' }],
      },
    });
    // Our service is refused to the other organisation's worker too: each sees only its own.
    await expect(
      uc.create.execute(elsewhere, theirClient.clientId, inreachBody(theirClient.needId), undefined),
    ).rejects.toMatchObject({ code: 'INREACH_SERVICE_UNKNOWN' });

    expect(await written()).toEqual(before);
    expect(await needStatus(db, needId)).toBe('open');
  });

  it('keeps Idempotency-Keys working: a refusal does not use the key up, a replay returns the first referral', async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const key = randomUUID();
    const notYetKnown = aServiceRegistered(worker.orgId, { name: 'Hepatitis B vaccination' });
    const body = inreachBody(needId, { inreachServiceId: notYetKnown.data.serviceId });

    // Tried before in-reach's registration arrived: refused, then retried with the same key once it has.
    await expect(uc.create.execute(worker, clientId, body, key)).rejects.toMatchObject({
      code: 'INREACH_SERVICE_UNKNOWN',
    });
    await db.transaction((m) => recordService.execute(m, notYetKnown));
    const first = await uc.create.execute(worker, clientId, body, key);
    expect(first).toMatchObject({
      replayed: false,
      result: { destinationName: 'Hepatitis B vaccination', inreachServiceId: notYetKnown.data.serviceId },
    });
    expect(await uc.create.execute(worker, clientId, body, key)).toEqual({
      result: first.result,
      replayed: true,
    });
    await expect(uc.create.execute(worker, clientId, inreachBody(needId), key)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    const referrals: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM referrals.referral WHERE client_id = $1`,
      [clientId],
    );
    expect(referrals).toHaveLength(1);
  });

  it('keeps the first registration of a service, and refuses one published for another organisation', async () => {
    const first = aServiceRegistered(worker.orgId, { name: 'Hepatitis C treatment, Tuesdays' });
    const renamed = aServiceRegistered(worker.orgId, {
      serviceId: first.data.serviceId,
      name: 'Something else',
    });
    await db.transaction(async (m) => {
      await recordService.execute(m, first);
      await recordService.execute(m, renamed);
    });
    const forged = aServiceRegistered(elsewhere.orgId, { envelopeOrgId: worker.orgId });
    await expect(db.transaction((m) => recordService.execute(m, forged))).rejects.toMatchObject({
      code: 'ORGANISATION_MISMATCH',
    });
    expect(
      await db.dataSource.query(
        `SELECT service_id::text AS "serviceId", host_org_id AS "hostOrgId", name FROM referrals.inreach_service
          WHERE service_id = ANY($1::uuid[]) ORDER BY name`,
        [[first.data.serviceId, forged.data.serviceId]],
      ),
    ).toEqual([
      { serviceId: first.data.serviceId, hostOrgId: worker.orgId, name: 'Hepatitis C treatment, Tuesdays' },
    ]);
  });

  it("holds in the database too: a referral names only its own organisation's service, and only when in-reach", async () => {
    const { clientId, needId } = await uc.referrable(worker);
    const { result } = await uc.create.execute(worker, clientId, aReferralBody(needId), undefined);
    const setService = (serviceId: string, kind = 'inreach') =>
      db.dataSource.query(
        `UPDATE referrals.referral SET inreach_service_id = $2, destination_kind = $3 WHERE id = $1`,
        [result.id, serviceId, kind],
      );
    await expect(setService(theirs.data.serviceId)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23503', constraint: 'referral_inreach_service_hosted' }),
    });
    await expect(setService(ours.data.serviceId, 'gp')).rejects.toMatchObject({
      driverError: expect.objectContaining({
        code: '23514',
        constraint: 'referral_inreach_service_only_inreach',
      }),
    });
  });
});
