import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { INREACH_MANAGERS } from '../access/inreach-managers';
import { evidenceCsv } from './evidence-csv';
import { evidenceQuery, type EvidenceQuery, type EvidenceReport } from './evidence.dto';
import { ReportEvidence } from './report-evidence';

/** Who reads the evidence: the CDAS's in-reach managers. Commissioners come with their own access later. */
const EVIDENCE_READERS = INREACH_MANAGERS;

@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/reports')
export class EvidenceController {
  constructor(private readonly reportEvidence: ReportEvidence) {}

  @Get('evidence')
  @Roles(...EVIDENCE_READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "The caller's in-reach clinics over London dates from..to (at most 366 days), per service and site; format=csv suppresses counts under 5",
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: evidenceQuery }) query: EvidenceQuery,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<EvidenceReport | string> {
    const report = await this.reportEvidence.execute(principal, query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="inreach-evidence-${query.from}-to-${query.to}.csv"`,
    );
    return evidenceCsv(report);
  }
}
