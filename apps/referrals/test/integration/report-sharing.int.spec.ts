import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import type { ReceivedReportShareView, ReportShareView } from '../../src/report-sharing/report-sharing.dto';
import { aPrincipal } from './referral-fixture';
import { aManagerOf, useSharingService, type Problem } from './report-sharing-fixture';

/**
 * A drug service's managers share its referrals report with the commissioners who fund it, over HTTP
 * on real Postgres with real tokens: share (once, however often or at once asked), list, revoke, each
 * change audited; who may, and what bad requests get (nothing changed).
 */
describe('sharing referrals reports with commissioners', () => {
  const clock = new ManualClock('2026-11-05T09:00:00Z');
  const service = useSharingService('report_sharing', clock);
  const cdas = `org-${randomUUID()}`;
  const manager = aManagerOf('cdas', cdas);
  const admin = aManagerOf('cdas', cdas, { roles: ['admin'] });

  const share = <T = ReportShareView>(commissionerOrgId: string, who = manager) =>
    service.call<T>(who, 'POST', '/reports/shares', { commissionerOrgId });
  const shares = async (who = manager) => {
    const answer = await service.call<ReportShareView[]>(who, 'GET', '/reports/shares');
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const revoke = <T = ReportShareView>(commissionerOrgId: string, who = manager) =>
    service.call<T>(who, 'DELETE', `/reports/shares/${encodeURIComponent(commissionerOrgId)}`);

  it('shares once: a new share is 201, asking again while it is live returns it with 200', async () => {
    const council = `council-${randomUUID()}`;
    const first = await share(council);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      orgId: cdas,
      commissionerOrgId: council,
      status: 'live',
      sharedBy: manager.userId,
      sharedAt: '2026-11-05T09:00:00.000Z',
      revokedBy: null,
      revokedAt: null,
    });
    clock.set('2026-11-05T10:00:00Z');
    const again = await share(council, admin);
    expect([again.status, again.body]).toEqual([200, first.body]);
    expect((await service.shareRows(cdas)).filter((s) => s.commissioner_org_id === council)).toHaveLength(1);
  });

  it('revokes the live share, lists live and revoked newest first, and shares afresh after', async () => {
    const icb = `icb-${randomUUID()}`;
    clock.set('2026-11-06T09:00:00Z');
    const shared = (await share(icb)).body;
    clock.set('2026-11-07T09:00:00Z');
    const revoked = await revoke(icb, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      ...shared,
      status: 'revoked',
      revokedBy: admin.userId,
      revokedAt: '2026-11-07T09:00:00.000Z',
    });
    const gone = await revoke<Problem>(icb);
    expect([gone.status, gone.body.code]).toEqual([404, 'SHARE_NOT_FOUND']);

    clock.set('2026-11-08T09:00:00Z');
    const afresh = await share(icb);
    expect(afresh.status).toBe(201);
    expect(afresh.body.id).not.toBe(shared.id);
    const listed = (await shares()).filter((s) => s.commissionerOrgId === icb);
    expect(listed.map((s) => [s.status, s.sharedAt])).toEqual([
      ['live', '2026-11-08T09:00:00.000Z'],
      ['revoked', '2026-11-06T09:00:00.000Z'],
    ]);
  });

  it('makes one live share of two managers sharing at the same moment', async () => {
    const council = `council-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => share(council, i % 2 === 0 ? manager : admin)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = (await service.shareRows(cdas)).filter((s) => s.commissioner_org_id === council);
    expect(rows).toEqual([{ commissioner_org_id: council, revoked_at: null }]);
    const created = (await service.reportAudit()).filter((e) => e.details['commissionerOrgId'] === council);
    expect(created.map((e) => e.action)).toEqual(['create']);
  });

  it("audits each change with who made it, and lists only the service's own shares", async () => {
    const otherCdas = `org-${randomUUID()}`;
    const council = `council-${randomUUID()}`;
    const theirs = aManagerOf('cdas', otherCdas);
    const shared = (await share(council, theirs)).body;
    await revoke(council, theirs);
    expect((await service.reportAudit()).filter((e) => e.actor_org_id === otherCdas)).toEqual([
      {
        actor_user_id: theirs.userId,
        actor_org_id: otherCdas,
        action: 'create',
        subject_type: 'report_share',
        subject_id: shared.id,
        client_id: null,
        details: { commissionerOrgId: council },
      },
      {
        actor_user_id: theirs.userId,
        actor_org_id: otherCdas,
        action: 'update',
        subject_type: 'report_share',
        subject_id: shared.id,
        client_id: null,
        details: { commissionerOrgId: council, change: 'revoked' },
      },
    ]);
    expect((await shares(theirs)).map((s) => s.id)).toEqual([shared.id]);
    expect((await shares()).map((s) => s.orgId)).not.toContain(otherCdas);
    // Another service cannot revoke this service's share.
    const ours = `council-${randomUUID()}`;
    await share(ours);
    expect((await revoke(ours, theirs)).status).toBe(404);
  });

  it("tells a commissioner's managers which services share with them now", async () => {
    const council = `council-${randomUUID()}`;
    const commissioner = aManagerOf('commissioner', council);
    const [first, second] = [`org-${randomUUID()}`, `org-${randomUUID()}`];
    clock.set('2026-11-09T09:00:00Z');
    await share(council, aManagerOf('cdas', first));
    clock.set('2026-11-09T10:00:00Z');
    await share(council, aManagerOf('cdas', second));
    const received = await service.call<ReceivedReportShareView[]>(
      commissioner,
      'GET',
      '/reports/shares/received',
    );
    expect([received.status, received.body]).toEqual([
      200,
      [
        {
          orgId: second,
          sharedAt: '2026-11-09T10:00:00.000Z',
          export: `/reports/referrals/export?orgId=${second}`,
        },
        {
          orgId: first,
          sharedAt: '2026-11-09T09:00:00.000Z',
          export: `/reports/referrals/export?orgId=${first}`,
        },
      ],
    ]);
    await revoke(council, aManagerOf('cdas', first));
    const now = await service.call<ReceivedReportShareView[]>(
      aManagerOf('commissioner', council, { roles: ['admin'] }),
      'GET',
      '/reports/shares/received',
    );
    expect(now.body.map((s) => s.orgId)).toEqual([second]);
    const elsewhere = aManagerOf('commissioner', `council-${randomUUID()}`);
    expect((await service.call<unknown[]>(elsewhere, 'GET', '/reports/shares/received')).body).toEqual([]);
  });

  it('refuses keyworkers, nurses, commissioners, GP practices and hospitals, changing nothing', async () => {
    const council = `council-${randomUUID()}`;
    const before = await service.reportAudit();
    const refused = [
      aPrincipal({ orgId: cdas }),
      aPrincipal({ orgId: cdas, roles: ['nurse', 'clinician'] }),
      aManagerOf('commissioner', council),
      aManagerOf('gp_practice', `gp-${randomUUID()}`, { roles: ['admin', 'clinician'] }),
      aManagerOf('hospital', `hospital-${randomUUID()}`, { roles: ['admin', 'clinic_admin'] }),
    ];
    for (const who of refused) {
      for (const [method, path, body] of [
        ['POST', '/reports/shares', { commissionerOrgId: council }],
        ['GET', '/reports/shares', undefined],
        ['DELETE', `/reports/shares/${council}`, undefined],
      ] as const) {
        const answer = await service.call(who, method, path, body);
        expect([answer.status, answer.contentType]).toEqual([
          403,
          expect.stringContaining('application/problem+json'),
        ]);
      }
    }
    expect((await service.call(refused[2]!, 'GET', '/reports/shares')).body.detail).toContain(
      'GET /reports/referrals/export?orgId=',
    );
    for (const who of [manager, refused[0]!, refused[3]!, refused[4]!]) {
      const answer = await service.call(who, 'GET', '/reports/shares/received');
      expect(answer.status).toBe(403);
    }
    expect((await service.call(manager, 'GET', '/reports/shares/received')).body.detail).toContain(
      'GET /reports/shares',
    );
    expect(await service.reportAudit()).toEqual(before);
    expect((await service.shareRows(cdas)).map((s) => s.commissioner_org_id)).not.toContain(council);
  });

  it.each([
    ['no commissioner', {}, [['commissionerOrgId', expect.any(String)]]],
    ['a blank one', { commissionerOrgId: '  ' }, [['commissionerOrgId', 'must be an organisation id']]],
    [
      'a name instead of an id',
      { commissionerOrgId: 'Riverside Council' },
      [['commissionerOrgId', 'must be an organisation id (no spaces): the id, not the name']],
    ],
    ['a number', { commissionerOrgId: 42 }, [['commissionerOrgId', expect.any(String)]]],
    [
      'an unknown field',
      { commissionerOrgId: 'council-1', until: '2027-01-01' },
      [['', expect.stringContaining('until')]],
    ],
  ])('refuses %s with 400 naming it, sharing nothing', async (_, body, expected) => {
    const before = [await service.shareRows(cdas), await service.reportAudit()];
    const answer = await service.call(manager, 'POST', '/reports/shares', body);
    expect([answer.status, answer.contentType, answer.body.code]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
      'VALIDATION_FAILED',
    ]);
    expect(answer.body.errors!.map((e) => [e.path, e.message])).toEqual(expected);
    expect([await service.shareRows(cdas), await service.reportAudit()]).toEqual(before);
  });

  it('refuses malformed JSON, a bad path parameter and sharing with itself, changing nothing', async () => {
    const before = [await service.shareRows(cdas), await service.reportAudit()];
    const malformed = await service.postRaw(manager, '/reports/shares', '{"commissionerOrgId": ');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const badParam = await revoke<Problem>('a b');
    expect([badParam.status, badParam.body.errors]).toEqual([
      400,
      [
        {
          path: 'commissionerOrgId',
          message: 'must be an organisation id (no spaces): the id, not the name',
          in: 'path',
        },
      ],
    ]);
    const itself = await share<Problem>(cdas);
    expect([itself.status, itself.body.code, itself.body.errors]).toEqual([
      422,
      'SHARE_WITH_OWN_ORGANISATION',
      [{ path: 'commissionerOrgId', message: 'must be another organisation', in: 'body' }],
    ]);
    expect([await service.shareRows(cdas), await service.reportAudit()]).toEqual(before);
  });

  it('answers 401 without a token', async () => {
    const answer = await fetch(`${service.url}/reports/shares`);
    expect(answer.status).toBe(401);
  });
});
