import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { ReportEvidence } from './report-evidence';

/** The evidence report: what a CDAS's in-reach clinics achieved over a period. */
@Module({
  controllers: [EvidenceController],
  providers: [ReportEvidence],
})
export class EvidenceModule {}
