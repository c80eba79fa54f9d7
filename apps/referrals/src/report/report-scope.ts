import type { ReferralsReportQuery, ReportFilters } from './referrals-report.dto';
import { reportPeriod, type ReportPeriod } from './report-period';

/** What one report counts: one organisation's records, one period, the filters. */
export interface ReportScope {
  orgId: string;
  period: ReportPeriod;
  filters: ReportFilters;
}

/** The caller's organisation, the period asked for (or last month, as of `now`), the filters given. */
export function reportScope(orgId: string, query: ReferralsReportQuery, now: Date): ReportScope {
  return {
    orgId,
    period: reportPeriod(query, now),
    filters: {
      destinationKind: query.destinationKind ?? null,
      destination: query.destination ?? null,
      serviceType: query.serviceType ?? null,
    },
  };
}

/** Adds a value to a query's parameters and answers its placeholder (`$3`). */
export type Param = (value: unknown) => string;

/**
 * A query's parameters, each added as a clause uses it: Postgres cannot type a parameter the query
 * never mentions, so only the filters given become parameters.
 */
export function sqlParams(): { params: unknown[]; p: Param } {
  const params: unknown[] = [];
  return {
    params,
    p: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

const at = (p: Param, instant: Date) => `${p(instant.toISOString())}::timestamptz`;

/** Clauses for the destination filters given, on a referral `r`. Names match in any case. */
function destinationConditions(scope: ReportScope, p: Param): string[] {
  const { destinationKind, destination } = scope.filters;
  const clauses: string[] = [];
  if (destinationKind !== null) clauses.push(`r."destination_kind" = ${p(destinationKind)}`);
  if (destination !== null) clauses.push(`lower(r."destination_name") = lower(${p(destination)})`);
  return clauses;
}

/** The service type filter on an appointment `a`, in any case; TRUE when none is given. */
export function serviceTypeCondition(scope: ReportScope, p: Param): string {
  const { serviceType } = scope.filters;
  return serviceType === null ? 'TRUE' : `lower(a."service_type") = lower(${p(serviceType)})`;
}

/**
 * The referral cohort: the organisation's referrals (`r`) created in the period (drafts included),
 * narrowed by the destination filters. The service type filter never narrows it.
 */
export function cohortConditions(scope: ReportScope, p: Param): string {
  return [
    `r."org_id" = ${p(scope.orgId)}`,
    `r."created_at" >= ${at(p, scope.period.startsAt)}`,
    `r."created_at" < ${at(p, scope.period.endsBefore)}`,
    ...destinationConditions(scope, p),
  ].join(' AND ');
}

/**
 * FROM and WHERE of the period's appointments: the organisation's clients' appointments (`a`)
 * starting in the period and not cancelled, with the referral they were booked for (`r`, NULL for
 * none). A destination filter leaves out appointments booked for no referral.
 */
export function periodAppointments(scope: ReportScope, p: Param): string {
  const where = [
    `a."org_id" = ${p(scope.orgId)}`,
    `a."starts_at" >= ${at(p, scope.period.startsAt)}`,
    `a."starts_at" < ${at(p, scope.period.endsBefore)}`,
    `a."status" <> 'cancelled'`,
    ...destinationConditions(scope, p),
    serviceTypeCondition(scope, p),
  ];
  return `FROM "referrals"."client_appointment" a
     LEFT JOIN "referrals"."referral" r ON r."id" = a."referral_id" AND r."org_id" = a."org_id"
    WHERE ${where.join(' AND ')}`;
}
