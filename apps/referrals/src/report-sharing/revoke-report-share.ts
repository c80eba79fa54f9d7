import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ReportShare } from './report-share.entity';
import { toReportShareView, type ReportShareView } from './report-sharing.dto';
import { ReportSharingError } from './report-sharing.errors';

/**
 * Stops sharing the caller's service's reports with a commissioning organisation: its live share is
 * marked revoked (kept, for the service's record), with the audit entry, in one transaction. The
 * update locks the row, so of two managers revoking at once the second finds nothing live: 404.
 */
@Injectable()
export class RevokeReportShare {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, commissionerOrgId: string): Promise<ReportShareView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // A CTE, so the driver answers rows alike on Postgres and PGlite.
      const revoked: { id: string }[] = await manager.query(
        `WITH revoked AS (
           UPDATE "${REFERRALS_SCHEMA}"."report_share" SET "revoked_at" = $1, "revoked_by" = $2
            WHERE "org_id" = $3 AND "commissioner_org_id" = $4 AND "revoked_at" IS NULL
            RETURNING "id")
         SELECT "id" FROM revoked`,
        [now.toISOString(), principal.userId, principal.orgId, commissionerOrgId],
      );
      const id = revoked[0]?.id;
      if (id === undefined) {
        throw new ReportSharingError('SHARE_NOT_FOUND', {
          detail: `Your organisation has no live share of its reports with ${commissionerOrgId}`,
        });
      }
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'update',
        subjectType: 'report_share',
        subjectId: id,
        correlationId: currentCorrelation()?.correlationId ?? id,
        details: { commissionerOrgId, change: 'revoked' },
        occurredAt: now,
      });
      return toReportShareView(await manager.findOneByOrFail(ReportShare, { id }));
    });
  }
}
