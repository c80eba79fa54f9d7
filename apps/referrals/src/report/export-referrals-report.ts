import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ReportAccess } from '../report-sharing/report-access';
import { buildReferralsReport } from './build-referrals-report';
import { referralsReportCsv } from './referrals-report-csv';
import type { ReferralsReportQuery } from './referrals-report.dto';
import { reportScope } from './report-scope';

export interface ExportedReport {
  from: string;
  to: string;
  csv: string;
}

/**
 * The referrals report as a CSV file that may leave the system (to commissioners): counts of 1 to 4
 * suppressed, others rounded to 5, rates worked from the rounded counts, waits in whole days
 * (referrals-report-csv.ts). The caller's own service's, or, for a commissioner, the service's named
 * by `orgId` while it shares its report with the commissioner (ADR 27), checked in the snapshot the
 * figures are read from. Each export is audited (who, when, whose figures, which period and filters;
 * no client) in the transaction that read the figures, so no file goes out unrecorded.
 */
@Injectable()
export class ExportReferralsReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly access: ReportAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, query: ReferralsReportQuery): Promise<ExportedReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const orgId = await this.access.organisationToRead(manager, principal, query.orgId);
      const now = this.clock.now();
      const scope = reportScope(orgId, query, now);
      const report = await buildReferralsReport(manager, scope, now);
      const { from, to } = scope.period;
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'export',
        subjectType: 'referrals_report',
        subjectId: `${from}..${to}`,
        correlationId: currentCorrelation()?.correlationId ?? randomUUID(),
        // The actor is the reader (a commissioner's manager, for a shared report); orgId whose figures.
        details: { format: 'csv', orgId, from, to, filters: scope.filters },
        occurredAt: now,
      });
      return { from, to, csv: referralsReportCsv(report) };
    });
  }
}
