import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { ReportShare } from './report-share.entity';
import { toReceivedReportShareView, type ReceivedReportShareView } from './report-sharing.dto';

/**
 * The services sharing their reports with the caller's commissioning organisation now (live shares
 * only), newest first: whose figures it may export. Names no client: not audited.
 */
@Injectable()
export class ListReceivedReportShares {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<ReceivedReportShareView[]> {
    const shares = await this.dataSource.manager.find(ReportShare, {
      where: { commissionerOrgId: principal.orgId, revokedAt: IsNull() },
      order: { sharedAt: 'DESC', id: 'DESC' },
    });
    return shares.map(toReceivedReportShareView);
  }
}
