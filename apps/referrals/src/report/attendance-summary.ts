import type { EntityManager } from 'typeorm';
import type { ClientAppointmentStatus } from '../referral/client-appointment.entity';
import type { AttendanceSummary } from './referrals-report.dto';
import { periodAppointments, sqlParams, type ReportScope } from './report-scope';

export type AttendanceCounts = Omit<AttendanceSummary, 'attendanceRate' | 'dnaRate'>;
type Outcome = Exclude<keyof AttendanceCounts, 'appointments'>;

/** Which appointment status each count is of. */
const OUTCOME_STATUS: Record<Outcome, ClientAppointmentStatus> = {
  attended: 'attended',
  didNotAttend: 'did_not_attend',
  cancelledLate: 'cancelled_late',
  leftBeforeSeen: 'left_before_seen',
  outcomeUnknown: 'outcome_unknown',
  awaitingOutcome: 'booked',
};

/** The SELECT list counting appointments `a` by outcome, one column per count. */
const COUNT_COLUMNS = [
  `count(*)::int AS "appointments"`,
  ...Object.entries(OUTCOME_STATUS).map(
    ([name, status]) => `count(*) FILTER (WHERE a."status" = '${status}')::int AS "${name}"`,
  ),
].join(', ');

/** The outcomes the rates are of: those recorded (an unknown or awaited one lowers neither rate). */
export function knownOutcomes(c: AttendanceCounts): number {
  return c.attended + c.didNotAttend + c.cancelledLate + c.leftBeforeSeen;
}

/** `part` of `whole`, 0..1 to 3 decimals; null when there is no whole. */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

export function attendanceSummary(counts: AttendanceCounts): AttendanceSummary {
  const known = knownOutcomes(counts);
  return {
    ...counts,
    attendanceRate: rateOf(counts.attended, known),
    dnaRate: rateOf(counts.didNotAttend, known),
  };
}

export const NO_APPOINTMENTS: AttendanceSummary = attendanceSummary({
  appointments: 0,
  attended: 0,
  didNotAttend: 0,
  cancelledLate: 0,
  leftBeforeSeen: 0,
  outcomeUnknown: 0,
  awaitingOutcome: 0,
});

/** The period's appointments (report-scope.ts) summarised as one. */
export async function appointmentsSummary(
  manager: EntityManager,
  scope: ReportScope,
): Promise<AttendanceSummary> {
  const { params, p } = sqlParams();
  const [row] = (await manager.query(
    `SELECT ${COUNT_COLUMNS} ${periodAppointments(scope, p)}`,
    params,
  )) as AttendanceCounts[];
  return row ? attendanceSummary(row) : NO_APPOINTMENTS;
}

/**
 * The period's appointments summarised per group: `group` is an SQL expression over `a` (the
 * appointment) and `r` (its referral, NULL for none). Each group is named by `label`, an aggregate
 * over its rows (the group expression itself when not given), and ordered by `order` (the label).
 * Groups without appointments are absent.
 */
export async function appointmentsSummaryBy(
  manager: EntityManager,
  scope: ReportScope,
  group: string,
  o: { label?: string; order?: string } = {},
): Promise<{ group: string | null; summary: AttendanceSummary }[]> {
  const { params, p } = sqlParams();
  const rows = (await manager.query(
    `SELECT ${o.label ?? group} AS "group", ${COUNT_COLUMNS} ${periodAppointments(scope, p)}
      GROUP BY ${group} ORDER BY ${o.order ?? '1'}`,
    params,
  )) as (AttendanceCounts & { group: string | null })[];
  return rows.map(({ group: key, ...counts }) => ({ group: key, summary: attendanceSummary(counts) }));
}

/** Each of `groups` summarised, none missing (no appointments: all zero). */
export function everyGroup<G extends string>(
  groups: readonly G[],
  rows: readonly { group: string | null; summary: AttendanceSummary }[],
): Record<G, AttendanceSummary> {
  const found = new Map(rows.map((row) => [row.group, row.summary]));
  return Object.fromEntries(groups.map((g) => [g, found.get(g) ?? NO_APPOINTMENTS])) as Record<
    G,
    AttendanceSummary
  >;
}
