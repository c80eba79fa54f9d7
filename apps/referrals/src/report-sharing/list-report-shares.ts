import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { ReportShare } from './report-share.entity';
import { toReportShareView, type ReportShareView } from './report-sharing.dto';

/** The caller's service's shares, live and revoked, newest first. Names no client: not audited. */
@Injectable()
export class ListReportShares {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<ReportShareView[]> {
    const shares = await this.dataSource.manager.find(ReportShare, {
      where: { orgId: principal.orgId },
      order: { sharedAt: 'DESC', id: 'DESC' },
    });
    return shares.map(toReportShareView);
  }
}
