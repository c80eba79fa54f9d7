import { Body, Controller, Delete, Get, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { ListReceivedReportShares } from './list-received-report-shares';
import { ListReportShares } from './list-report-shares';
import { ReportAudience } from './report-audience';
import { ReportAudienceGuard } from './report-audience.guard';
import {
  commissionerOrgIdParam,
  shareReportBody,
  type ReceivedReportShareView,
  type ReportShareView,
  type ShareReportBody,
} from './report-sharing.dto';
import { RevokeReportShare } from './revoke-report-share';
import { ShareReport } from './share-report';

/** Who shares a service's reports, and who reads the shared ones: managers and administrators. */
export const REPORT_MANAGERS = ['service_manager', 'admin'] as const;

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(ReportAudienceGuard)
@Controller('reports/shares')
export class ReportSharingController {
  constructor(
    private readonly shareReport: ShareReport,
    private readonly revokeShare: RevokeReportShare,
    private readonly listShares: ListReportShares,
    private readonly listReceived: ListReceivedReportShares,
  ) {}

  @Post()
  @Roles(...REPORT_MANAGERS)
  @ApiOperation({
    summary:
      "Share the caller's service's referrals report with a commissioning organisation (its org_id): " +
      'its managers may then export the figures, disclosure-controlled, never client-level data. ' +
      '201 when new; 200 with the live share when already shared',
  })
  async share(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: shareReportBody }) body: ShareReportBody,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ReportShareView> {
    const { share, created } = await this.shareReport.execute(principal, body);
    res.statusCode = created ? 201 : 200;
    return share;
  }

  @Get()
  @Roles(...REPORT_MANAGERS)
  @ApiOperation({ summary: "The caller's service's report shares, live and revoked, newest first" })
  list(@CurrentPrincipal() principal: Principal): Promise<ReportShareView[]> {
    return this.listShares.execute(principal);
  }

  @Get('received')
  @ReportAudience('commissioner')
  @Roles(...REPORT_MANAGERS)
  @ApiOperation({
    summary:
      "For a commissioner's managers: the services sharing their referrals report with the caller's organisation now, and where to export each",
  })
  received(@CurrentPrincipal() principal: Principal): Promise<ReceivedReportShareView[]> {
    return this.listReceived.execute(principal);
  }

  @Delete(':commissionerOrgId')
  @Roles(...REPORT_MANAGERS)
  @ApiOperation({
    summary: 'Stop sharing the report with a commissioning organisation: its next export is refused',
  })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('commissionerOrgId', { schema: commissionerOrgIdParam }) commissionerOrgId: string,
  ): Promise<ReportShareView> {
    return this.revokeShare.execute(principal, commissionerOrgId);
  }
}
