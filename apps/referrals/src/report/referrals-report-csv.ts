import { knownOutcomes } from './attendance-summary';
import { csvLines, spreadsheetText } from '@careloop/http';
import { DISCLOSURE_CONTROL, exportedCount, exportedDays, exportedRate } from './export-suppression';
import type { AttendanceSummary, ReferralsReport, Timing } from './referrals-report.dto';

type Row = [section: string, group: string, measure: string, value: string];

export const CSV_HEADER: Row = ['section', 'group', 'measure', 'value'];

/** Every figure of a summary; `prefix` names it within its group (`appointments.`). */
function summaryRows(section: string, group: string, s: AttendanceSummary, prefix = ''): Row[] {
  const known = knownOutcomes(s);
  const row = (measure: string, value: string): Row => [section, group, `${prefix}${measure}`, value];
  return [
    row('appointments', exportedCount(s.appointments)),
    row('attended', exportedCount(s.attended)),
    row('didNotAttend', exportedCount(s.didNotAttend)),
    row('cancelledLate', exportedCount(s.cancelledLate)),
    row('leftBeforeSeen', exportedCount(s.leftBeforeSeen)),
    row('outcomeUnknown', exportedCount(s.outcomeUnknown)),
    row('awaitingOutcome', exportedCount(s.awaitingOutcome)),
    row('attendanceRate', exportedRate(s.attended, known)),
    row('dnaRate', exportedRate(s.didNotAttend, known)),
  ];
}

function timingRows(section: string, group: string, t: Timing, prefix = ''): Row[] {
  return [
    [section, group, `${prefix}count`, exportedCount(t.count)],
    [section, group, `${prefix}medianDays`, exportedDays(t.medianDays, t.count)],
    [section, group, `${prefix}p90Days`, exportedDays(t.p90Days, t.count)],
  ];
}

const counts = (section: string, group: string, values: Record<string, number>): Row[] =>
  Object.entries(values).map(([measure, n]) => [section, group, measure, exportedCount(n)]);

/**
 * The report in long format, one figure a row (`section,group,measure,value`): the report's own
 * rows first (organisation, period, disclosure control, filters), then every figure of the JSON in
 * its order. `group` is the sub-section (`all` when there is none, the kind or service type in the
 * lists); `measure` is the figure's path within it. Exports leave the system, so counts of 1 to 4,
 * and rates and waits worked out from so few, are suppressed, other counts rounded to 5, rates worked
 * from the rounded counts and waits rounded to whole days from the exact ones (export-suppression.ts);
 * text is defused for spreadsheets.
 */
export function referralsReportCsv(report: ReferralsReport): string {
  const { filters, referrals, timings, reminders, reservedSlots } = report;
  const rows: Row[] = [
    CSV_HEADER,
    ['report', 'all', 'orgId', spreadsheetText(report.orgId)],
    ['report', 'all', 'from', report.from],
    ['report', 'all', 'to', report.to],
    ['report', 'all', 'generatedAt', report.generatedAt],
    ['report', 'all', 'disclosureControl', DISCLOSURE_CONTROL],
    ['report', 'filters', 'destinationKind', filters.destinationKind ?? ''],
    ['report', 'filters', 'destination', spreadsheetText(filters.destination ?? '')],
    ['report', 'filters', 'serviceType', spreadsheetText(filters.serviceType ?? '')],
    ...counts('referrals', 'all', { created: referrals.created }),
    ...counts('referrals', 'byStatus', referrals.byStatus),
    ...counts('referrals', 'reached', referrals.reached),
    ...summaryRows('appointments', 'all', report.appointments),
    ...Object.entries(timings).flatMap(([name, t]) => timingRows('timings', name, t)),
    ...Object.entries(reminders).flatMap(([group, s]) => summaryRows('reminders', group, s)),
    ...Object.entries(reservedSlots).flatMap(([group, s]) => summaryRows('reservedSlots', group, s)),
    ...report.byDestinationKind.flatMap((d) => [
      ...counts('byDestinationKind', d.destinationKind, { referralsCreated: d.referralsCreated }),
      ...summaryRows('byDestinationKind', d.destinationKind, d.appointments, 'appointments.'),
      ...timingRows('byDestinationKind', d.destinationKind, d.referralToAttendance, 'referralToAttendance.'),
    ]),
    ...report.byServiceType.flatMap((s) =>
      summaryRows('byServiceType', spreadsheetText(s.serviceType), s.appointments, 'appointments.'),
    ),
  ];
  return csvLines(rows);
}
