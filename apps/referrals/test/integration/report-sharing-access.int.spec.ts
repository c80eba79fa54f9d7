import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { aPrincipal } from './referral-fixture';
import { aManagerOf, useSharingService, type Problem } from './report-sharing-fixture';

/**
 * What a commissioner reads of a drug service's referrals report, over HTTP on real Postgres with real
 * tokens: the disclosure-controlled export of a service sharing it with the commissioner's
 * organisation, while it does, and nothing else; the service's own staff read their own only.
 */
describe("a commissioner reading a service's shared referrals report", () => {
  const NOW = '2026-11-05T09:00:00.000Z';
  const clock = new ManualClock(NOW);
  const service = useSharingService('report_sharing_access', clock);
  const cdas = `org-${randomUUID()}`;
  const quiet = `org-${randomUUID()}`;
  const council = `council-${randomUUID()}`;
  const manager = aManagerOf('cdas', cdas);
  const commissioner = aManagerOf('commissioner', council);
  const october = 'from=2026-10-01&to=2026-10-31';
  const exportOf = (orgId: string) =>
    `/reports/referrals/export?orgId=${encodeURIComponent(orgId)}&${october}`;

  beforeAll(async () => {
    await service.arrangeOctober(cdas);
    // Another service, with figures, sharing nothing with the council.
    await service.arrangeOctober(quiet);
    clock.set(NOW);
    const shared = await service.call(manager, 'POST', '/reports/shares', { commissionerOrgId: council });
    expect(shared.status).toBe(201);
  }, 60_000);

  const refusal = async (who: Parameters<typeof service.call>[0], path: string) => {
    const answer = await service.call<Problem>(who, 'GET', path);
    expect([answer.status, answer.contentType]).toEqual([
      403,
      expect.stringContaining('application/problem+json'),
    ]);
    return answer.body;
  };
  const withoutGeneratedAt = (csv: string) =>
    csv.split('\r\n').filter((row) => !row.startsWith('report,all,generatedAt,'));

  it("exports the service's figures to the commissioner: the file its own managers get, but for when", async () => {
    clock.set('2026-11-05T09:00:00Z');
    const own = await service.download(manager, `/reports/referrals/export?${october}`);
    clock.set('2026-11-05T09:30:00Z');
    const shared = await service.download(commissioner, exportOf(cdas));
    expect([shared.status, shared.contentType]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(shared.text).not.toBe(own.text);
    expect(withoutGeneratedAt(shared.text)).toEqual(withoutGeneratedAt(own.text));
    // The service's figures, controlled: its organisation, small counts suppressed, others rounded.
    expect(shared.text).toContain(`report,all,orgId,${cdas}\r\n`);
    expect(shared.text).toContain('report,all,generatedAt,2026-11-05T09:30:00.000Z\r\n');
    expect(shared.text).toContain('referrals,all,created,15\r\n');
    expect(shared.text).toMatch(/,<5\r\n/);
    const admin = aManagerOf('commissioner', council, { roles: ['admin'] });
    expect((await service.download(admin, exportOf(cdas))).status).toBe(200);
  });

  it('audits the export with the commissioner as the reader and the service whose figures were read', async () => {
    const before = (await service.reportAudit()).length;
    await service.download(commissioner, exportOf(cdas));
    expect((await service.reportAudit()).slice(before)).toEqual([
      {
        actor_user_id: commissioner.userId,
        actor_org_id: council,
        action: 'export',
        subject_type: 'referrals_report',
        subject_id: '2026-10-01..2026-10-31',
        client_id: null,
        details: {
          format: 'csv',
          orgId: cdas,
          from: '2026-10-01',
          to: '2026-10-31',
          filters: { destinationKind: null, destination: null, serviceType: null },
        },
      },
    ]);
  });

  it('refuses the commissioner the JSON report, pointing to the export', async () => {
    for (const path of ['/reports/referrals', `/reports/referrals?orgId=${cdas}&${october}`]) {
      const problem = await refusal(commissioner, path);
      expect(problem.code).toBe('NOT_FOR_YOUR_ORGANISATION');
      expect(problem.detail).toContain('GET /reports/referrals/export?orgId=');
    }
  });

  it('refuses a service that shares nothing with the commissioner as it refuses one that does not exist', async () => {
    const missing = `org-${randomUUID()}`;
    const notSharing = await refusal(commissioner, exportOf(quiet));
    const nowhere = await refusal(commissioner, exportOf(missing));
    expect(notSharing.code).toBe('REPORT_NOT_SHARED');
    // The same answer but for the id asked about (its correlation id and instance aside).
    const told = (p: Problem, id: string) => [
      p.type,
      p.title,
      p.status,
      p.code,
      p.detail!.replace(id, '<orgId>'),
    ];
    expect(told(nowhere, missing)).toEqual(told(notSharing, quiet));
    for (const path of ['/reports/referrals/export', exportOf(council)]) {
      expect((await refusal(commissioner, path)).code).toBe('REPORT_NOT_SHARED');
    }
  });

  it('refuses another commissioner, and a commissioner without a manager role', async () => {
    const elsewhere = aManagerOf('commissioner', `council-${randomUUID()}`);
    expect((await refusal(elsewhere, exportOf(cdas))).code).toBe('REPORT_NOT_SHARED');
    const analyst = aManagerOf('commissioner', council, { roles: ['clinic_admin'] });
    await refusal(analyst, exportOf(cdas));
  });

  it('stops as soon as the service revokes the share, and serves it again once shared again', async () => {
    const revoked = await service.call(manager, 'DELETE', `/reports/shares/${council}`);
    expect(revoked.status).toBe(200);
    expect((await refusal(commissioner, exportOf(cdas))).code).toBe('REPORT_NOT_SHARED');
    const received = await service.call<unknown[]>(commissioner, 'GET', '/reports/shares/received');
    expect(received.body).toEqual([]);
    expect(
      (await service.call(manager, 'POST', '/reports/shares', { commissionerOrgId: council })).status,
    ).toBe(201);
    expect((await service.download(commissioner, exportOf(cdas))).status).toBe(200);
  });

  it("refuses a service's own staff another organisation's report, shared or not; their own as without orgId", async () => {
    const theirs = aManagerOf('cdas', quiet);
    for (const path of [
      `/reports/referrals?orgId=${cdas}&${october}`,
      exportOf(cdas),
      exportOf(`org-${randomUUID()}`),
    ]) {
      expect((await refusal(theirs, path)).code).toBe('OTHER_ORGANISATION_REPORT');
    }
    const named = await service.call(manager, 'GET', `/reports/referrals?orgId=${cdas}&${october}`);
    const unnamed = await service.call(manager, 'GET', `/reports/referrals?${october}`);
    expect([named.status, named.body]).toEqual([200, unnamed.body]);
    expect((await service.download(manager, exportOf(cdas))).status).toBe(200);
  });

  it('refuses GP practice and hospital staff, naming the service or not', async () => {
    const gp = aManagerOf('gp_practice', `gp-${randomUUID()}`, { roles: ['admin', 'service_manager'] });
    const hospital = aManagerOf('hospital', `hospital-${randomUUID()}`, {
      roles: ['admin', 'service_manager'],
    });
    for (const who of [gp, hospital]) {
      for (const path of [
        '/reports/referrals',
        exportOf(cdas),
        '/reports/referrals/export',
        '/reports/shares/received',
      ]) {
        expect((await refusal(who, path)).code).toBe('NOT_FOR_YOUR_ORGANISATION');
      }
    }
    await refusal(aPrincipal({ orgId: cdas }), exportOf(cdas));
  });

  it('writes no audit entry for a refused export, nor for a bad query, which gets 400', async () => {
    const before = await service.reportAudit();
    await refusal(aManagerOf('commissioner', `council-${randomUUID()}`), exportOf(cdas));
    await refusal(commissioner, exportOf(quiet));
    await refusal(aManagerOf('cdas', quiet), exportOf(cdas));
    const bad = await service.call<Problem>(
      commissioner,
      'GET',
      `/reports/referrals/export?orgId=${encodeURIComponent('Riverside CDAS')}&from=2026-10-31&to=2026-10-01`,
    );
    expect([bad.status, bad.body.code, bad.body.errors!.map((e) => [e.path, e.in])]).toEqual([
      400,
      'VALIDATION_FAILED',
      [
        ['orgId', 'query'],
        ['to', 'query'],
      ],
    ]);
    expect(await service.reportAudit()).toEqual(before);
  });
});
