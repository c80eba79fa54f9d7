import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { ReportAudienceGuard } from '../report-sharing/report-audience.guard';
import { ReportSharingModule } from '../report-sharing/report-sharing.module';
import { ExportReferralsReport } from './export-referrals-report';
import { GetReferralsReport } from './get-referrals-report';
import { ReferralsReportController } from './referrals-report.controller';

/**
 * The referrals report for service managers: JSON, and a CSV export under disclosure control (small
 * counts suppressed, others rounded to 5, rates from the rounded counts, waits in whole days), which
 * commissioners may also read for the services sharing their report with them (report-sharing).
 */
@Module({
  imports: [ReportSharingModule],
  controllers: [ReferralsReportController],
  providers: [GetReferralsReport, ExportReferralsReport, AuditTrail, ReportAudienceGuard],
})
export class ReportModule {}
