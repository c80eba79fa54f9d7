import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { ReportAudience } from '../report-sharing/report-audience';
import { ReportAudienceGuard } from '../report-sharing/report-audience.guard';
import { ExportReferralsReport } from './export-referrals-report';
import { GetReferralsReport } from './get-referrals-report';
import {
  referralsReportQuery,
  type ReferralsReport,
  type ReferralsReportQuery,
} from './referrals-report.dto';

/**
 * Who reads the reports: the CDAS's service managers and administrators, and a commissioner's, who
 * export the figures of a service sharing them (ADR 27).
 */
export const REPORT_READERS = ['service_manager', 'admin'] as const;

const WHOSE =
  "orgId: whose report; the caller's own organisation's when left out. Staff of a drug service read their own only.";

const FILTERS =
  'from/to: London days, both included, at most 366 days; neither: the previous calendar month. ' +
  'destinationKind and destination (the referral destination name, any case) narrow every figure; ' +
  'appointments for no referral are then left out. serviceType (any case) narrows the appointment ' +
  "measures only (appointments, reminders, reserved slots, and waits to booking, appointment and attendance, which use the referral's appointments of that service type); " +
  'the referral funnel and need-to-referral are not narrowed by it. Waits count from when a referral was first sent; drafts never sent have none.';

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(ReportAudienceGuard)
@Controller('reports/referrals')
export class ReferralsReportController {
  constructor(
    private readonly getReport: GetReferralsReport,
    private readonly exportReport: ExportReferralsReport,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      "Referrals, attendance, waits, reminders' effect and reserved slots for the caller's organisation over a period",
    description:
      `${WHOSE} ${FILTERS} Counts are not suppressed: the service's own managers may see the records. ` +
      'Commissioners read a shared report through the export.',
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: referralsReportQuery }) query: ReferralsReportQuery,
  ): Promise<ReferralsReport> {
    return this.getReport.execute(principal, query);
  }

  @Get('export')
  @ReportAudience('cdas', 'commissioner')
  @Roles(...REPORT_READERS)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'The same report as a CSV file to share, one figure a row: counts 1-4 suppressed, others rounded to 5, ' +
      'rates from the rounded counts, waits in whole days; audited. A commissioner names the service sharing it (orgId)',
    description:
      `${WHOSE} A commissioner's managers export a service's report while the service shares it with ` +
      `their organisation (POST /reports/shares); otherwise 403, whether or not the service exists. ${FILTERS}`,
  })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: referralsReportQuery }) query: ReferralsReportQuery,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<string> {
    const { from, to, csv } = await this.exportReport.execute(principal, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="careloop-referrals-${from}-${to}.csv"`);
    // Figures to be shared under agreement: no copy left in a browser's or proxy's cache.
    res.setHeader('Cache-Control', 'no-store');
    return csv;
  }
}
