import { DEMO_REPORT_SHARE } from './demo-report-share';
import type { SeedCall } from './seed-api';

/**
 * Shares Riverside's report with the council, once ever: sharing again would return a live share
 * unchanged, but would also undo a demo user's revoke on every restart, so any share with the council
 * (live or revoked) means the seed has run.
 */
export async function seedReportShare(call: SeedCall): Promise<void> {
  const { commissionerOrgId } = DEMO_REPORT_SHARE;
  const shares = await call<{ commissionerOrgId: string }[]>(
    'GET',
    '/reports/shares',
    'seed-report-share:list',
  );
  if (shares.some((s) => s.commissionerOrgId === commissionerOrgId)) return;
  await call('POST', '/reports/shares', 'seed-report-share', { commissionerOrgId });
}
