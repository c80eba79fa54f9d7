import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { NOT_A_REPORT_READER } from './report-audience';
import { ReportShare } from './report-share.entity';
import { ReportSharingError } from './report-sharing.errors';

/** Whose figures a report request reads: the caller's own service's, or a service's shared with them. */
export interface ReportReading {
  orgId: string;
  via: 'own' | 'share';
}

/**
 * The rule by the caller's kind of organisation and the `orgId` asked for: a drug service's staff
 * read their own (none given, or their own); a commissioner names the service, whose share is still
 * to be checked; nobody else reads any.
 */
export function reportReading(principal: Principal, requestedOrgId: string | undefined): ReportReading {
  switch (principal.orgKind) {
    case 'cdas':
      if (requestedOrgId === undefined || requestedOrgId === principal.orgId) {
        return { orgId: principal.orgId, via: 'own' };
      }
      throw new ReportSharingError('OTHER_ORGANISATION_REPORT', {
        detail: `Staff of a drug and alcohol service read their own service's reports: leave out orgId, or give your own (${principal.orgId})`,
      });
    case 'commissioner':
      if (requestedOrgId === undefined) {
        throw new ReportSharingError('REPORT_NOT_SHARED', {
          detail:
            'Name the service whose shared report to export: orgId=<its organisation id> (GET /reports/shares/received lists the services sharing theirs with you)',
        });
      }
      return { orgId: requestedOrgId, via: 'share' };
    default:
      throw new ReportSharingError('NOT_FOR_YOUR_ORGANISATION', { detail: NOT_A_REPORT_READER });
  }
}

/** Which organisation's report a caller may read, for the report's use cases. */
@Injectable()
export class ReportAccess {
  /**
   * The organisation whose figures to read, or a 403. Called in the transaction that reads the
   * figures, so they are read while the share is live in that snapshot; a revoke committed later
   * stops the next export, not this one. The refusal is the same whether or not the organisation
   * named exists.
   */
  async organisationToRead(
    manager: EntityManager,
    principal: Principal,
    requestedOrgId: string | undefined,
  ): Promise<string> {
    const reading = reportReading(principal, requestedOrgId);
    if (reading.via === 'own') return reading.orgId;
    const shared = await manager.existsBy(ReportShare, {
      orgId: reading.orgId,
      commissionerOrgId: principal.orgId,
      revokedAt: IsNull(),
    });
    if (!shared) {
      throw new ReportSharingError('REPORT_NOT_SHARED', {
        detail: `No referrals report of organisation ${reading.orgId} is shared with your organisation`,
      });
    }
    return reading.orgId;
  }
}
