import type { EntityManager } from 'typeorm';
import { appointmentsSummary } from './attendance-summary';
import type { ReferralsReport } from './referrals-report.dto';
import { byDestinationKind } from './report-by-destination-kind';
import { byServiceType } from './report-by-service-type';
import { referralFunnel } from './report-referrals';
import { reminderGroups } from './report-reminders';
import { reservedSlotGroups } from './report-reserved-slots';
import type { ReportScope } from './report-scope';
import { referralTimings } from './report-timings';

/**
 * Every section of the referrals report, each counted by Postgres. Run it in one REPEATABLE READ
 * transaction (`manager`) so the sections describe the same moment and agree with each other. Waits
 * are exact: the JSON answer (referrals-report-json.ts) and the export (referrals-report-csv.ts) each
 * round them once.
 */
export async function buildReferralsReport(
  manager: EntityManager,
  scope: ReportScope,
  now: Date,
): Promise<ReferralsReport> {
  return {
    orgId: scope.orgId,
    from: scope.period.from,
    to: scope.period.to,
    generatedAt: now.toISOString(),
    filters: scope.filters,
    referrals: await referralFunnel(manager, scope),
    appointments: await appointmentsSummary(manager, scope),
    timings: await referralTimings(manager, scope),
    reminders: await reminderGroups(manager, scope),
    reservedSlots: await reservedSlotGroups(manager, scope),
    byDestinationKind: await byDestinationKind(manager, scope),
    byServiceType: await byServiceType(manager, scope),
  };
}
