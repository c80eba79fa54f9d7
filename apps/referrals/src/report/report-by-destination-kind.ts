import type { EntityManager } from 'typeorm';
import { appointmentsSummaryBy, NO_APPOINTMENTS } from './attendance-summary';
import { DESTINATION_KINDS, type DestinationKind, type DestinationKindRow } from './referrals-report.dto';
import { cohortConditions, sqlParams, type ReportScope } from './report-scope';
import { referralTimingsByDestinationKind } from './report-timings';

const NO_TIMING = { count: 0, medianDays: null, p90Days: null };

/**
 * The in-reach versus hospital comparison: per kind of destination, the referrals created in the
 * period, their appointments in it (booked for a referral of that kind; appointments for no referral
 * are in no row) and how long the period's referrals took to attendance. Every kind, in a fixed order.
 */
export async function byDestinationKind(
  manager: EntityManager,
  scope: ReportScope,
): Promise<DestinationKindRow[]> {
  const { params, p } = sqlParams();
  const created = (await manager.query(
    `SELECT r."destination_kind" AS "kind", count(*)::int AS "n"
       FROM "referrals"."referral" r WHERE ${cohortConditions(scope, p)} GROUP BY 1`,
    params,
  )) as { kind: DestinationKind; n: number }[];
  const createdByKind = new Map(created.map((row) => [row.kind, row.n]));
  const appointments = new Map(
    (await appointmentsSummaryBy(manager, scope, 'r."destination_kind"')).map((row) => [
      row.group,
      row.summary,
    ]),
  );
  const timings = await referralTimingsByDestinationKind(manager, scope);
  return DESTINATION_KINDS.map((kind) => ({
    destinationKind: kind,
    referralsCreated: createdByKind.get(kind) ?? 0,
    appointments: appointments.get(kind) ?? NO_APPOINTMENTS,
    referralToAttendance: timings.get(kind)?.referralToAttendance ?? NO_TIMING,
  }));
}
