import type { EntityManager } from 'typeorm';
import { appointmentsSummaryBy, everyGroup } from './attendance-summary';
import type { ReservedSlotGroups } from './referrals-report.dto';
import type { ReportScope } from './report-scope';

const GROUPS = ['reserved', 'general', 'unknown'] as const satisfies readonly (keyof ReservedSlotGroups)[];

/** Booked into a slot a clinic held back for drug services, into any other slot, or not known (older rows). */
const SLOT_GROUP = `CASE a."under_reservation" WHEN true THEN 'reserved' WHEN false THEN 'general' ELSE 'unknown' END`;

/** The period's appointments by the kind of slot: do clients attend reserved slots more? */
export async function reservedSlotGroups(
  manager: EntityManager,
  scope: ReportScope,
): Promise<ReservedSlotGroups> {
  return everyGroup(GROUPS, await appointmentsSummaryBy(manager, scope, SLOT_GROUP));
}
