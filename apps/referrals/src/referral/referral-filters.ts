import type { ReferralStatus } from './lifecycle/referral-status';
import { overdueCutoffs, WAITING_STATUSES } from './overdue';

export interface ReferralFilters {
  status?: ReferralStatus;
  keyworkerId?: string;
  destinationKind?: string;
  clientId?: string;
  overdue?: boolean;
}

export interface SqlCondition {
  /** Conditions on alias `r` (the referral table), joined with AND; parameters are `$1`, `$2`, ... */
  where: string;
  params: unknown[];
}

/**
 * Turns list filters into a WHERE clause over `referrals.referral r`, always scoped to the
 * organisation. `withStatus: false` leaves the status filter out (for the per-status counts). Pure.
 */
export function referralConditions(
  orgId: string,
  filters: ReferralFilters,
  now: Date,
  { withStatus = true }: { withStatus?: boolean } = {},
): SqlCondition {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [`r.org_id = ${p(orgId)}`];
  if (withStatus && filters.status) clauses.push(`r.status = ${p(filters.status)}`);
  if (filters.destinationKind) clauses.push(`r.destination_kind = ${p(filters.destinationKind)}`);
  if (filters.clientId) clauses.push(`r.client_id = ${p(filters.clientId)}`);
  if (filters.keyworkerId) {
    clauses.push(
      `EXISTS (SELECT 1 FROM "referrals"."client" c WHERE c.id = r.client_id AND c.keyworker_id = ${p(filters.keyworkerId)})`,
    );
  }
  if (filters.overdue !== undefined) {
    const cut = overdueCutoffs(now);
    const overdue =
      `(r.status = ANY(${p([...WAITING_STATUSES])}::text[]) AND (` +
      (['urgent', 'soon', 'routine'] as const)
        .map((u) => `(r.urgency = ${p(u)} AND r.status_changed_at < ${p(cut[u].toISOString())}::timestamptz)`)
        .join(' OR ') +
      '))';
    clauses.push(filters.overdue ? overdue : `NOT ${overdue}`);
  }
  return { where: clauses.join(' AND '), params };
}
