import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { ReportAccess } from '../report-sharing/report-access';
import { buildReferralsReport } from './build-referrals-report';
import type { ReferralsReport, ReferralsReportQuery } from './referrals-report.dto';
import { referralsReportJson } from './referrals-report-json';
import { reportScope } from './report-scope';

/**
 * The referrals report of the caller's organisation, as JSON and unsuppressed: it is for the
 * service's own managers, who may read the records it counts (another organisation named: 403;
 * commissioners never reach it, ReportAudienceGuard sends them to the export). Counts only, no client named, so it
 * is not a read of anyone's record and writes no audit entry. Read-only: one snapshot, no locks.
 * Waits to 1 decimal (referrals-report-json.ts).
 */
@Injectable()
export class GetReferralsReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ReportAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, query: ReferralsReportQuery): Promise<ReferralsReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const orgId = await this.access.organisationToRead(manager, principal, query.orgId);
      const now = this.clock.now();
      const report = await buildReferralsReport(manager, reportScope(orgId, query, now), now);
      return referralsReportJson(report);
    });
  }
}
