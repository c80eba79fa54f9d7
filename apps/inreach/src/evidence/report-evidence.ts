import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { evidenceCounts } from './evidence-counts';
import { evidenceFigures } from './evidence-figures';
import type { EvidenceQuery, EvidenceReport } from './evidence.dto';

/**
 * What the caller's CDAS's in-reach clinics achieved over a period, per service and site: sessions
 * held and cancelled, seats offered and used, attendance, walk-ins and how long clients waited from
 * referral. Counts only, no client named, so reading it is not a read of anyone's record.
 */
@Injectable()
export class ReportEvidence {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: EvidenceQuery): Promise<EvidenceReport> {
    const now = this.clock.now();
    const counts = await evidenceCounts(this.dataSource.manager, principal.orgId, query.from, query.to, now);
    return {
      from: query.from,
      to: query.to,
      generatedAt: now.toISOString(),
      services: counts.map(
        ({ serviceId, serviceName, serviceType, providerName, siteId, siteName, ...c }) => ({
          serviceId,
          serviceName,
          serviceType,
          providerName,
          siteId,
          siteName,
          ...evidenceFigures(c),
        }),
      ),
    };
  }
}
