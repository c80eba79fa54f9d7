import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ReportShare } from './report-share.entity';
import { toReportShareView, type ReportShareView, type ShareReportBody } from './report-sharing.dto';
import { ReportSharingError } from './report-sharing.errors';

export interface SharedReport {
  share: ReportShareView;
  /** False when the organisation already had this live share, which is returned unchanged. */
  created: boolean;
}

// Enough for a revoke landing between our insert and our read, over and over; never in practice.
const ATTEMPTS = 3;

/**
 * Shares the caller's service's reports with a commissioning organisation. Idempotent: while a live
 * share exists it is the answer. The unique index of live shares decides between two managers
 * sharing at once: the second insert waits for the first to commit, inserts nothing, and returns the
 * first's share. The share and its audit entry commit together.
 */
@Injectable()
export class ShareReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, body: ShareReportBody): Promise<SharedReport> {
    if (body.commissionerOrgId === principal.orgId) {
      throw new ReportSharingError('SHARE_WITH_OWN_ORGANISATION', {
        detail: 'commissionerOrgId is your own organisation: name the commissioning organisation',
        extensions: {
          errors: [{ path: 'commissionerOrgId', message: 'must be another organisation', in: 'body' }],
        },
      });
    }
    return this.dataSource.transaction(async (manager) => {
      for (let attempt = 1; ; attempt++) {
        const created = await this.insertLive(manager, principal, body.commissionerOrgId);
        if (created) return { share: toReportShareView(created), created: true };
        const live = await manager.findOneBy(ReportShare, {
          orgId: principal.orgId,
          commissionerOrgId: body.commissionerOrgId,
          revokedAt: IsNull(),
        });
        if (live) return { share: toReportShareView(live), created: false };
        if (attempt === ATTEMPTS) throw new Error('The live report share kept changing under the request');
      }
    });
  }

  /** The new live share with its audit entry; null when the pair already has a live one. */
  private async insertLive(
    manager: EntityManager,
    principal: Principal,
    commissionerOrgId: string,
  ): Promise<ReportShare | null> {
    const share = manager.create(ReportShare, {
      id: randomUUID(),
      orgId: principal.orgId,
      commissionerOrgId,
      sharedBy: principal.userId,
      sharedAt: this.clock.now(),
      revokedBy: null,
      revokedAt: null,
    });
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${REFERRALS_SCHEMA}"."report_share"
         ("id", "org_id", "commissioner_org_id", "shared_by", "shared_at")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("org_id", "commissioner_org_id") WHERE "revoked_at" IS NULL DO NOTHING
       RETURNING "id"`,
      [share.id, share.orgId, share.commissionerOrgId, share.sharedBy, share.sharedAt.toISOString()],
    );
    if (inserted.length === 0) return null;
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'create',
      subjectType: 'report_share',
      subjectId: share.id,
      correlationId: currentCorrelation()?.correlationId ?? share.id,
      details: { commissionerOrgId },
      occurredAt: share.sharedAt,
    });
    return share;
  }
}
