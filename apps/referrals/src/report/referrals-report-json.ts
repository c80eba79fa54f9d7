import type { ReferralsReport, ReportTimings, Timing } from './referrals-report.dto';

/** Days to 1 decimal, rounded once from the exact value. */
const oneDecimal = (days: number | null) => (days === null ? null : Math.round(days * 10) / 10);

const toOneDecimal = (t: Timing): Timing => ({
  count: t.count,
  medianDays: oneDecimal(t.medianDays),
  p90Days: oneDecimal(t.p90Days),
});

const timingsToOneDecimal = (t: ReportTimings): ReportTimings => ({
  needToReferral: toOneDecimal(t.needToReferral),
  referralToBooking: toOneDecimal(t.referralToBooking),
  referralToAppointment: toOneDecimal(t.referralToAppointment),
  referralToAttendance: toOneDecimal(t.referralToAttendance),
});

/**
 * The report as the JSON answer gives it: every figure as counted, waits to 1 decimal. The report is
 * built with exact waits so that the export rounds them once itself (to whole days), never from these.
 */
export function referralsReportJson(report: ReferralsReport): ReferralsReport {
  return {
    ...report,
    timings: timingsToOneDecimal(report.timings),
    byDestinationKind: report.byDestinationKind.map((d) => ({
      ...d,
      referralToAttendance: toOneDecimal(d.referralToAttendance),
    })),
  };
}
