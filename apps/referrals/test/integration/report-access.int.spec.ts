import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { aPrincipal } from './referral-fixture';
import { aManager, useReportService } from './report-fixture';

interface Problem {
  status: number;
  code: string;
  errors?: { path: string; message: string; in?: string }[];
}

/**
 * Who may read the referrals report, and what a bad query gets: a problem document naming every
 * bad value, and nothing written (no export audited).
 */
describe('the referrals report: access and bad queries', () => {
  const clock = new ManualClock('2026-11-05T09:00:00Z');
  const service = useReportService('report_access', clock);
  const orgId = `org-${randomUUID()}`;
  const manager = aManager(orgId);
  const paths = ['/reports/referrals', '/reports/referrals/export'];

  const exportsAudited = async () =>
    (
      (await service.db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.audit_log WHERE action = 'export'`,
      )) as { n: number }[]
    )[0]!.n;

  it.each([
    ['from after to', '?from=2026-10-31&to=2026-10-01', [['to', 'must be on or after from']]],
    [
      'a window over 366 days',
      '?from=2026-01-01&to=2027-01-02',
      [['to', 'must be at most 366 days from from (both included)']],
    ],
    [
      'malformed dates',
      '?from=2026-10-1&to=2026-02-30',
      [
        ['from', 'must be a London date YYYY-MM-DD'],
        ['to', 'must be a London date YYYY-MM-DD'],
      ],
    ],
    [
      'one end only',
      '?from=2026-10-01',
      [['to', 'give from and to together, or neither for the previous calendar month']],
    ],
    ['an unknown destination kind', '?destinationKind=hospital', [['destinationKind', expect.any(String)]]],
    [
      'over-long text',
      `?destination=${'x'.repeat(201)}&serviceType=${'y'.repeat(101)}`,
      [
        ['destination', 'must be at most 200 characters'],
        ['serviceType', 'must be at most 100 characters'],
      ],
    ],
    ['a parameter it does not know', '?clientId=a-client', [['', expect.stringContaining('clientId')]]],
  ])('%s: 400 problem+json naming each bad value, nothing exported', async (_, query, expected) => {
    for (const path of paths) {
      const before = await exportsAudited();
      const answer = await service.get<Problem>(manager, `${path}${query}`);
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors!.map((e) => [e.path, e.message])).toEqual(expected);
      expect(answer.body.errors!.every((e) => e.in === 'query')).toBe(true);
      expect(await exportsAudited()).toBe(before);
    }
  });

  it('lets a service manager and an admin in', async () => {
    for (const who of [manager, aManager(orgId, { roles: ['admin'] })]) {
      expect((await service.get(who, paths[0]!)).status).toBe(200);
      expect((await service.download(who, paths[1]!)).status).toBe(200);
    }
  });

  it('refuses a keyworker, a nurse and a commissioner with 403', async () => {
    const refused = [
      aPrincipal({ orgId }),
      aPrincipal({ orgId, roles: ['nurse', 'clinician'] }),
      aManager(`commissioner-${randomUUID()}`, { orgKind: 'commissioner' }),
    ];
    for (const who of refused) {
      for (const path of paths) {
        const answer = await service.get<Problem>(who, path);
        expect([answer.status, answer.contentType]).toEqual([
          403,
          expect.stringContaining('application/problem+json'),
        ]);
      }
    }
  });

  it('answers 401 without a token', async () => {
    for (const path of paths) {
      expect(await service.anonymous(path)).toEqual({
        status: 401,
        contentType: expect.stringContaining('application/problem+json'),
      });
    }
  });
});
