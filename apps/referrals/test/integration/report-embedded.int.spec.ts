import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { aManager, useReportService } from './report-fixture';
import { arrangeOctober, octoberReport } from './report-october';

/**
 * The zero-setup start runs referrals on embedded PGlite: the report's SQL (FILTER, percentile_cont,
 * LATERAL, the "C" collation, a read-only snapshot) runs there too and counts the same October.
 */
describe('the referrals report on embedded PGlite', () => {
  const NOW = '2026-11-05T09:00:00.000Z';
  const clock = new ManualClock(NOW);
  const service = useReportService(undefined, clock);
  const orgId = `org-${randomUUID()}`;
  const manager = aManager(orgId);

  beforeAll(async () => {
    await arrangeOctober(service, orgId);
    clock.set(NOW);
  }, 120_000);

  it('counts every figure as on a Postgres server', async () => {
    const answer = await service.get(manager, '/reports/referrals?from=2026-10-01&to=2026-10-31');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(octoberReport(orgId, NOW));
  });

  it('exports it, and audits the export', async () => {
    const file = await service.download(manager, '/reports/referrals/export?serviceType=COPD%20review');
    expect(file.status).toBe(200);
    expect(file.text).toContain('\r\nappointments,all,appointments,<5\r\n');
    const audited = (await service.db.dataSource.query(
      `SELECT subject_id FROM referrals.audit_log WHERE action = 'export'`,
    )) as { subject_id: string }[];
    expect(audited).toEqual([{ subject_id: '2026-10-01..2026-10-31' }]);
  });
});
