import type { EntityManager } from 'typeorm';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral/lifecycle/referral-status';
import { REACHED_STATUSES, type ReachedStatus, type ReferralFunnel } from './referrals-report.dto';
import { cohortConditions, sqlParams, type ReportScope } from './report-scope';

// Column names from the closed status lists, never from input.
const STATUS_NOW = REFERRAL_STATUSES.map(
  (s) => `count(*) FILTER (WHERE c."status" = '${s}')::int AS "now_${s}"`,
).join(', ');
const EVER_REACHED = REACHED_STATUSES.map(
  (s) => `count(DISTINCT h."referral_id") FILTER (WHERE h."to_status" = '${s}')::int AS "reached_${s}"`,
).join(', ');

/**
 * The funnel of the referrals created in the period: how many, where each is now, and how many ever
 * got to each step (a referral booked, missed and rebooked counts once as booked). Not narrowed by
 * service type.
 */
export async function referralFunnel(manager: EntityManager, scope: ReportScope): Promise<ReferralFunnel> {
  const { params, p } = sqlParams();
  const [row] = (await manager.query(
    `WITH cohort AS (SELECT r."id", r."status" FROM "referrals"."referral" r WHERE ${cohortConditions(scope, p)}),
          status_now AS (SELECT count(*)::int AS "created", ${STATUS_NOW} FROM cohort c),
          reached AS (SELECT ${EVER_REACHED}
                        FROM "referrals"."referral_status_change" h JOIN cohort c ON c."id" = h."referral_id")
     SELECT * FROM status_now, reached`,
    params,
  )) as Record<string, number>[];
  const counts = row ?? {};
  return {
    created: counts['created'] ?? 0,
    byStatus: Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, counts[`now_${s}`] ?? 0])) as Record<
      ReferralStatus,
      number
    >,
    reached: Object.fromEntries(REACHED_STATUSES.map((s) => [s, counts[`reached_${s}`] ?? 0])) as Record<
      ReachedStatus,
      number
    >,
  };
}
