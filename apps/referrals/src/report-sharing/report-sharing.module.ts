import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { ListReceivedReportShares } from './list-received-report-shares';
import { ListReportShares } from './list-report-shares';
import { ReportAccess } from './report-access';
import { ReportAudienceGuard } from './report-audience.guard';
import { ReportShare } from './report-share.entity';
import { ReportSharingController } from './report-sharing.controller';
import { RevokeReportShare } from './revoke-report-share';
import { ShareReport } from './share-report';

export const REPORT_SHARING_ENTITIES = [ReportShare];

/**
 * A service's reports shared with the commissioners who fund it. Exports `ReportAccess` (whose
 * figures a caller may read) to the report module, whose routes use the same audience guard.
 */
@Module({
  controllers: [ReportSharingController],
  providers: [
    ShareReport,
    RevokeReportShare,
    ListReportShares,
    ListReceivedReportShares,
    ReportAccess,
    ReportAudienceGuard,
    AuditTrail,
  ],
  exports: [ReportAccess],
})
export class ReportSharingModule {}
