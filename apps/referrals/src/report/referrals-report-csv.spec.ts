import { attendanceSummary, NO_APPOINTMENTS } from './attendance-summary';
import { referralsReportCsv } from './referrals-report-csv';
import type { AttendanceSummary, ReferralsReport, Timing } from './referrals-report.dto';

const summary = (o: Partial<Omit<AttendanceSummary, 'attendanceRate' | 'dnaRate'>>): AttendanceSummary =>
  attendanceSummary({
    appointments: 0,
    attended: 0,
    didNotAttend: 0,
    cancelledLate: 0,
    leftBeforeSeen: 0,
    outcomeUnknown: 0,
    awaitingOutcome: 0,
    ...o,
  });
const timing = (count: number, medianDays: number | null, p90Days: number | null): Timing => ({
  count,
  medianDays,
  p90Days,
});
const NO_TIMING = timing(0, null, null);

/** A month of a large service: big enough that most figures are exported rounded, not suppressed. */
function aReport(overrides: Partial<ReferralsReport> = {}): ReferralsReport {
  const all = summary({
    appointments: 60,
    attended: 40,
    didNotAttend: 10,
    cancelledLate: 3,
    leftBeforeSeen: 0,
    outcomeUnknown: 2,
    awaitingOutcome: 5,
  });
  return {
    orgId: 'org-riverside',
    from: '2026-10-01',
    to: '2026-10-31',
    generatedAt: '2026-11-05T09:00:00.000Z',
    filters: { destinationKind: null, destination: null, serviceType: null },
    referrals: {
      created: 48,
      byStatus: {
        draft: 2,
        sent: 6,
        accepted: 0,
        rejected: 1,
        booked: 12,
        attended: 9,
        did_not_attend: 5,
        outcome_unknown: 0,
        completed: 10,
        closed: 3,
      },
      reached: {
        sent: 46,
        accepted: 7,
        booked: 36,
        attended: 19,
        did_not_attend: 8,
        completed: 10,
        closed: 3,
      },
    },
    appointments: all,
    timings: {
      needToReferral: timing(48, 3.5, 12.2),
      referralToBooking: timing(4, 2, 6.1),
      referralToAppointment: timing(36, 12.5, 30),
      referralToAttendance: NO_TIMING,
    },
    reminders: {
      delivered: summary({ appointments: 40, attended: 32, didNotAttend: 5, awaitingOutcome: 3 }),
      sentNotConfirmed: summary({ appointments: 8, attended: 4, didNotAttend: 3, cancelledLate: 1 }),
      notSent: summary({
        appointments: 12,
        attended: 4,
        didNotAttend: 2,
        cancelledLate: 2,
        outcomeUnknown: 2,
        awaitingOutcome: 2,
      }),
    },
    reservedSlots: { reserved: all, general: NO_APPOINTMENTS, unknown: NO_APPOINTMENTS },
    byDestinationKind: [
      {
        destinationKind: 'gp',
        referralsCreated: 20,
        appointments: all,
        referralToAttendance: timing(15, 9, 21.3),
      },
      {
        destinationKind: 'outpatient',
        referralsCreated: 21,
        appointments: NO_APPOINTMENTS,
        referralToAttendance: NO_TIMING,
      },
      {
        destinationKind: 'inreach',
        referralsCreated: 7,
        appointments: NO_APPOINTMENTS,
        referralToAttendance: NO_TIMING,
      },
      {
        destinationKind: 'other',
        referralsCreated: 0,
        appointments: NO_APPOINTMENTS,
        referralToAttendance: NO_TIMING,
      },
    ],
    byServiceType: [{ serviceType: 'COPD review', appointments: all }],
    ...overrides,
  };
}

const linesOf = (csv: string) => {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
};
const section = (csv: string, name: string, group?: string) =>
  linesOf(csv).filter((l) => l.startsWith(`${name},${group === undefined ? '' : `${group},`}`));

describe('the referrals report CSV', () => {
  it('starts with its header and the report rows, saying how figures are controlled, filters empty when not given', () => {
    expect(linesOf(referralsReportCsv(aReport())).slice(0, 9)).toEqual([
      'section,group,measure,value',
      'report,all,orgId,org-riverside',
      'report,all,from,2026-10-01',
      'report,all,to,2026-10-31',
      'report,all,generatedAt,2026-11-05T09:00:00.000Z',
      'report,all,disclosureControl,"counts 1-4 as <5, others rounded to nearest 5; rates (2 decimals) worked from the rounded counts; waits in whole days; rates and waits of 1-4 suppressed"',
      'report,filters,destinationKind,',
      'report,filters,destination,',
      'report,filters,serviceType,',
    ]);
  });

  it('writes every figure of the JSON once, one a row, in its order', () => {
    const lines = linesOf(referralsReportCsv(aReport()));
    // 8 report rows, 1 + 10 + 7 referral counts, 9 per summary (1 + 3 + 3 + 4 + 1), 3 per timing
    // (4 + 4), and 1 + 9 + 3 per destination kind.
    expect(lines).toHaveLength(1 + 8 + 18 + 9 + 12 + 27 + 27 + 4 * 13 + 9);
    expect(new Set(lines).size).toBe(lines.length);
    expect([...new Set(lines.slice(1).map((l) => l.split(',')[0]))]).toEqual([
      'report',
      'referrals',
      'appointments',
      'timings',
      'reminders',
      'reservedSlots',
      'byDestinationKind',
      'byServiceType',
    ]);
  });

  it('writes 0 as it is, counts of 1 to 4 as <5, and counts of 5 and more rounded to the nearest 5', () => {
    const csv = referralsReportCsv(aReport());
    expect(section(csv, 'referrals')).toEqual([
      'referrals,all,created,50',
      'referrals,byStatus,draft,<5',
      'referrals,byStatus,sent,5',
      'referrals,byStatus,accepted,0',
      'referrals,byStatus,rejected,<5',
      'referrals,byStatus,booked,10',
      'referrals,byStatus,attended,10',
      'referrals,byStatus,did_not_attend,5',
      'referrals,byStatus,outcome_unknown,0',
      'referrals,byStatus,completed,10',
      'referrals,byStatus,closed,<5',
      'referrals,reached,sent,45',
      'referrals,reached,accepted,5',
      'referrals,reached,booked,35',
      'referrals,reached,attended,20',
      'referrals,reached,did_not_attend,10',
      'referrals,reached,completed,10',
      'referrals,reached,closed,<5',
    ]);
  });

  it('rounds totals and parts alike, so a suppressed part cannot be worked out by difference', () => {
    // 12 appointments: 9 attended, 3 cancelled late. Exactly, 12 - 9 would give the 3 away.
    const csv = referralsReportCsv(
      aReport({ appointments: summary({ appointments: 12, attended: 9, cancelledLate: 3 }) }),
    );
    expect(section(csv, 'appointments').slice(0, 4)).toEqual([
      'appointments,all,appointments,10',
      'appointments,all,attended,10',
      'appointments,all,didNotAttend,0',
      'appointments,all,cancelledLate,<5',
    ]);
  });

  it('writes a rate of a numerator and denominator of 0 or 5 and more to 2 decimals of the rounded counts; otherwise suppressed', () => {
    const csv = referralsReportCsv(aReport());
    // 40 and 10 of 53 known outcomes, 3 of them cancelled late: worked out as 40 and 10 of 55, the
    // counts as rounded. From the exact counts, 0.75 and 0.19 would fit only 3 cancelled late.
    expect(section(csv, 'appointments')).toEqual([
      'appointments,all,appointments,60',
      'appointments,all,attended,40',
      'appointments,all,didNotAttend,10',
      'appointments,all,cancelledLate,<5',
      'appointments,all,leftBeforeSeen,0',
      'appointments,all,outcomeUnknown,<5',
      'appointments,all,awaitingOutcome,5',
      'appointments,all,attendanceRate,0.73',
      'appointments,all,dnaRate,0.18',
    ]);
    // Delivered: 32 and 5 of 37, as 30 and 5 of 35. Sent, not confirmed: 3 did not attend. Not sent: 4 attended of 8.
    expect(section(csv, 'reminders').filter((l) => l.includes('Rate'))).toEqual([
      'reminders,delivered,attendanceRate,0.86',
      'reminders,delivered,dnaRate,0.14',
      'reminders,sentNotConfirmed,attendanceRate,suppressed',
      'reminders,sentNotConfirmed,dnaRate,suppressed',
      'reminders,notSent,attendanceRate,suppressed',
      'reminders,notSent,dnaRate,suppressed',
    ]);
  });

  it('writes a rate of 0 out of 5 or more as 0, and a denominator of 1 to 4 suppresses even a 0', () => {
    const csv = referralsReportCsv(
      aReport({
        reservedSlots: {
          reserved: summary({ appointments: 6, didNotAttend: 6 }),
          general: summary({ appointments: 3, attended: 0, cancelledLate: 3 }),
          unknown: NO_APPOINTMENTS,
        },
      }),
    );
    expect(section(csv, 'reservedSlots').filter((l) => l.includes('Rate'))).toEqual([
      'reservedSlots,reserved,attendanceRate,0',
      'reservedSlots,reserved,dnaRate,1',
      'reservedSlots,general,attendanceRate,suppressed',
      'reservedSlots,general,dnaRate,suppressed',
      'reservedSlots,unknown,attendanceRate,',
      'reservedSlots,unknown,dnaRate,',
    ]);
  });

  it('rounds a wait to whole days once, from the exact days: 2.46 is 2, though to 1 decimal it is 2.5', () => {
    const csv = referralsReportCsv(
      aReport({ timings: { ...aReport().timings, referralToAttendance: timing(5, 2.46, 2.5) } }),
    );
    expect(section(csv, 'timings', 'referralToAttendance')).toEqual([
      'timings,referralToAttendance,count,5',
      'timings,referralToAttendance,medianDays,2',
      'timings,referralToAttendance,p90Days,3',
    ]);
  });

  it('writes waits of 5 or more referrals in whole days; of fewer, suppressed; of none, empty', () => {
    expect(section(referralsReportCsv(aReport()), 'timings')).toEqual([
      'timings,needToReferral,count,50',
      'timings,needToReferral,medianDays,4',
      'timings,needToReferral,p90Days,12',
      'timings,referralToBooking,count,<5',
      'timings,referralToBooking,medianDays,suppressed',
      'timings,referralToBooking,p90Days,suppressed',
      'timings,referralToAppointment,count,35',
      'timings,referralToAppointment,medianDays,13',
      'timings,referralToAppointment,p90Days,30',
      'timings,referralToAttendance,count,0',
      'timings,referralToAttendance,medianDays,',
      'timings,referralToAttendance,p90Days,',
    ]);
  });

  it('names the figures of a destination kind by their path in its row', () => {
    expect(section(referralsReportCsv(aReport()), 'byDestinationKind', 'gp')).toEqual([
      'byDestinationKind,gp,referralsCreated,20',
      'byDestinationKind,gp,appointments.appointments,60',
      'byDestinationKind,gp,appointments.attended,40',
      'byDestinationKind,gp,appointments.didNotAttend,10',
      'byDestinationKind,gp,appointments.cancelledLate,<5',
      'byDestinationKind,gp,appointments.leftBeforeSeen,0',
      'byDestinationKind,gp,appointments.outcomeUnknown,<5',
      'byDestinationKind,gp,appointments.awaitingOutcome,5',
      'byDestinationKind,gp,appointments.attendanceRate,0.73',
      'byDestinationKind,gp,appointments.dnaRate,0.18',
      'byDestinationKind,gp,referralToAttendance.count,15',
      'byDestinationKind,gp,referralToAttendance.medianDays,9',
      'byDestinationKind,gp,referralToAttendance.p90Days,21',
    ]);
    expect(section(referralsReportCsv(aReport()), 'byDestinationKind', 'other').slice(0, 2)).toEqual([
      'byDestinationKind,other,referralsCreated,0',
      'byDestinationKind,other,appointments.appointments,0',
    ]);
  });

  it('quotes text with commas, quotes or line breaks, and defuses text a spreadsheet would run', () => {
    const csv = referralsReportCsv(
      aReport({
        orgId: '@org',
        filters: {
          destinationKind: 'gp',
          destination: '=HYPERLINK("http://x")',
          serviceType: 'Wound care, "leg"',
        },
        byServiceType: [
          { serviceType: '-1+1', appointments: NO_APPOINTMENTS },
          { serviceType: 'Wound care, "leg"', appointments: NO_APPOINTMENTS },
          { serviceType: '\tSt Elsewhere', appointments: NO_APPOINTMENTS },
          { serviceType: '  +44 line\r\nbreak', appointments: NO_APPOINTMENTS },
        ],
      }),
    );
    expect(linesOf(csv).slice(1, 9)).toContain("report,all,orgId,'@org");
    expect(section(csv, 'report', 'filters')).toEqual([
      'report,filters,destinationKind,gp',
      `report,filters,destination,"'=HYPERLINK(""http://x"")"`,
      'report,filters,serviceType,"Wound care, ""leg"""',
    ]);
    const groups = section(csv, 'byServiceType')
      .filter((l) => l.endsWith(',appointments.appointments,0'))
      .map((l) => l.slice('byServiceType,'.length, -',appointments.appointments,0'.length));
    expect(groups).toEqual(["'-1+1", '"Wound care, ""leg"""', "'\tSt Elsewhere"]);
    // A field holding a line break is quoted whole, so the file still has one figure a record.
    expect(csv).toContain(`byServiceType,"'  +44 line\r\nbreak",appointments.appointments,0\r\n`);
  });
});
