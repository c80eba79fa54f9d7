import { z } from 'zod';
import { namedParam } from '../need/named-param';
import type { ReportShare } from './report-share.entity';

/** An organisation's id as staff tokens carry it (`org_id`): one word, as the identity provider issues it. */
export const organisationIdSchema = z
  .string()
  .trim()
  .min(1, 'must be an organisation id')
  .max(200, 'must be at most 200 characters')
  .regex(/^\S*$/, 'must be an organisation id (no spaces): the id, not the name');

/** Share the caller's service's reports with a commissioning organisation. */
export const shareReportBody = z.object({ commissionerOrgId: organisationIdSchema }).strict();
export type ShareReportBody = z.output<typeof shareReportBody>;

export const commissionerOrgIdParam = namedParam('commissionerOrgId', organisationIdSchema);

/** A share as the sharing service sees it. */
export interface ReportShareView {
  id: string;
  /** The service whose figures are shared. */
  orgId: string;
  commissionerOrgId: string;
  status: 'live' | 'revoked';
  sharedBy: string;
  sharedAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

/** A share as the commissioner sees it: whose figures it may export, and since when. */
export interface ReceivedReportShareView {
  orgId: string;
  sharedAt: string;
  /** Where to export them (add from/to and any filters). */
  export: string;
}

export function toReportShareView(s: ReportShare): ReportShareView {
  return {
    id: s.id,
    orgId: s.orgId,
    commissionerOrgId: s.commissionerOrgId,
    status: s.revokedAt === null ? 'live' : 'revoked',
    sharedBy: s.sharedBy,
    sharedAt: s.sharedAt.toISOString(),
    revokedBy: s.revokedBy,
    revokedAt: s.revokedAt?.toISOString() ?? null,
  };
}

export function toReceivedReportShareView(s: ReportShare): ReceivedReportShareView {
  return {
    orgId: s.orgId,
    sharedAt: s.sharedAt.toISOString(),
    export: `/reports/referrals/export?orgId=${encodeURIComponent(s.orgId)}`,
  };
}
