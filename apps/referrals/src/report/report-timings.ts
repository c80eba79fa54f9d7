import type { EntityManager } from 'typeorm';
import type { DestinationKind, ReportTimings, Timing, TimingName } from './referrals-report.dto';
import {
  cohortConditions,
  serviceTypeCondition,
  sqlParams,
  type Param,
  type ReportScope,
} from './report-scope';

const TIMINGS: readonly TimingName[] = [
  'needToReferral',
  'referralToBooking',
  'referralToAppointment',
  'referralToAttendance',
];

/**
 * Elapsed days from one instant to a later one. NULL when the later is missing (not counted); 0 when
 * the later one is recorded earlier (clocks of two services a moment apart, a late record), never a
 * negative wait.
 */
const days = (later: string, earlier: string) =>
  `CASE WHEN ${later} IS NULL THEN NULL
        ELSE GREATEST(0, EXTRACT(EPOCH FROM (${later} - ${earlier}))::float8 / 86400) END`;

const percentiles = (name: TimingName) =>
  `count("${name}")::int AS "${name}_count",
   percentile_cont(0.5) WITHIN GROUP (ORDER BY "${name}") AS "${name}_median",
   percentile_cont(0.9) WITHIN GROUP (ORDER BY "${name}") AS "${name}_p90"`;

/**
 * Each referral of the cohort that was sent, with its waits, counted from when it was first sent (a
 * draft is not yet a referral to anyone; a referral never sent has no waits). Its first booking is the
 * earliest `booked_at` of its appointments not cancelled (of the service type, when filtered; unknown
 * when one of them was projected before `booked_at` was kept), its first appointment the
 * earliest-starting of them, its attendance its first attended appointment's start.
 */
function spansSql(scope: ReportScope, p: Param): string {
  return `SELECT c."destination_kind",
                 ${days('c."sent_at"', 'c."identified_at"')} AS "needToReferral",
                 ${days('fa."booked_at"', 'c."sent_at"')} AS "referralToBooking",
                 ${days('fa."starts_at"', 'c."sent_at"')} AS "referralToAppointment",
                 ${days('att."starts_at"', 'c."sent_at"')} AS "referralToAttendance"
            FROM (SELECT r."id", r."org_id", r."destination_kind", n."identified_at",
                         (SELECT min(h."changed_at") FROM "referrals"."referral_status_change" h
                           WHERE h."referral_id" = r."id" AND h."to_status" = 'sent') AS "sent_at"
                    FROM "referrals"."referral" r JOIN "referrals"."need" n ON n."id" = r."need_id"
                   WHERE ${cohortConditions(scope, p)}) c
            LEFT JOIN LATERAL (
              SELECT CASE WHEN count(*) = count(a."booked_at") THEN min(a."booked_at") END AS "booked_at",
                     min(a."starts_at") AS "starts_at"
                FROM "referrals"."client_appointment" a
               WHERE a."referral_id" = c."id" AND a."org_id" = c."org_id" AND a."status" <> 'cancelled'
                 AND ${serviceTypeCondition(scope, p)}) fa ON true
            LEFT JOIN LATERAL (
              SELECT min(a."starts_at") AS "starts_at" FROM "referrals"."client_appointment" a
               WHERE a."referral_id" = c."id" AND a."org_id" = c."org_id" AND a."status" = 'attended'
                 AND ${serviceTypeCondition(scope, p)}) att ON true
           WHERE c."sent_at" IS NOT NULL`;
}

type TimingsRow = Record<string, unknown>;

// Exact: the JSON answer and the export each round once, their own way.
const exactDays = (value: unknown) => (typeof value === 'number' ? value : null);

function timingsOf(row: TimingsRow): ReportTimings {
  const timing = (name: TimingName): Timing => ({
    count: Number(row[`${name}_count`] ?? 0),
    medianDays: exactDays(row[`${name}_median`]),
    p90Days: exactDays(row[`${name}_p90`]),
  });
  return {
    needToReferral: timing('needToReferral'),
    referralToBooking: timing('referralToBooking'),
    referralToAppointment: timing('referralToAppointment'),
    referralToAttendance: timing('referralToAttendance'),
  };
}

const SELECT_PERCENTILES = TIMINGS.map(percentiles).join(',\n');

/**
 * How long the referrals created in the period and sent waited: from the need being identified to the
 * referral being sent, and from then to its first booking, first appointment and first attendance.
 * Median and 90th percentile (interpolated), by Postgres, in exact days.
 */
export async function referralTimings(manager: EntityManager, scope: ReportScope): Promise<ReportTimings> {
  const { params, p } = sqlParams();
  const [row] = (await manager.query(
    `SELECT ${SELECT_PERCENTILES} FROM (${spansSql(scope, p)}) spans`,
    params,
  )) as TimingsRow[];
  return timingsOf(row ?? {});
}

/** The same per destination kind of the referral; kinds without referrals are absent. */
export async function referralTimingsByDestinationKind(
  manager: EntityManager,
  scope: ReportScope,
): Promise<Map<DestinationKind, ReportTimings>> {
  const { params, p } = sqlParams();
  const rows = (await manager.query(
    `SELECT "destination_kind", ${SELECT_PERCENTILES} FROM (${spansSql(scope, p)}) spans GROUP BY 1`,
    params,
  )) as TimingsRow[];
  return new Map(rows.map((row) => [row['destination_kind'] as DestinationKind, timingsOf(row)]));
}
