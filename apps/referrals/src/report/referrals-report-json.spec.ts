import { NO_APPOINTMENTS } from './attendance-summary';
import { referralsReportJson } from './referrals-report-json';
import type { ReferralsReport, Timing } from './referrals-report.dto';

const timing = (count: number, medianDays: number | null, p90Days: number | null): Timing => ({
  count,
  medianDays,
  p90Days,
});

/** A report as counted: waits exact, as percentile_cont gives them. */
function aCountedReport(): ReferralsReport {
  return {
    orgId: 'org-riverside',
    from: '2026-10-01',
    to: '2026-10-31',
    generatedAt: '2026-11-05T09:00:00.000Z',
    filters: { destinationKind: null, destination: null, serviceType: null },
    referrals: {
      created: 0,
      byStatus: {
        draft: 0,
        sent: 0,
        accepted: 0,
        rejected: 0,
        booked: 0,
        attended: 0,
        did_not_attend: 0,
        outcome_unknown: 0,
        completed: 0,
        closed: 0,
      },
      reached: { sent: 0, accepted: 0, booked: 0, attended: 0, did_not_attend: 0, completed: 0, closed: 0 },
    },
    appointments: NO_APPOINTMENTS,
    timings: {
      needToReferral: timing(7, 2.46, 5.849999),
      referralToBooking: timing(5, 1.5, 2.6000000000000005),
      referralToAppointment: timing(5, 10, 10.9375),
      referralToAttendance: timing(0, null, null),
    },
    reminders: { delivered: NO_APPOINTMENTS, sentNotConfirmed: NO_APPOINTMENTS, notSent: NO_APPOINTMENTS },
    reservedSlots: { reserved: NO_APPOINTMENTS, general: NO_APPOINTMENTS, unknown: NO_APPOINTMENTS },
    byDestinationKind: [
      {
        destinationKind: 'gp',
        referralsCreated: 7,
        appointments: NO_APPOINTMENTS,
        referralToAttendance: timing(3, 20.6000001, 22.349),
      },
    ],
    byServiceType: [],
  };
}

describe('the referrals report as the JSON answer', () => {
  it('gives every wait to 1 decimal, rounded once from the exact days', () => {
    const json = referralsReportJson(aCountedReport());
    expect(json.timings).toEqual({
      needToReferral: timing(7, 2.5, 5.8),
      referralToBooking: timing(5, 1.5, 2.6),
      referralToAppointment: timing(5, 10, 10.9),
      referralToAttendance: timing(0, null, null),
    });
    expect(json.byDestinationKind.map((d) => d.referralToAttendance)).toEqual([timing(3, 20.6, 22.3)]);
  });

  it('leaves every other figure as counted', () => {
    const counted = aCountedReport();
    const { timings: _t, byDestinationKind, ...rest } = referralsReportJson(counted);
    const { timings: _c, byDestinationKind: countedKinds, ...countedRest } = counted;
    expect(rest).toEqual(countedRest);
    expect(byDestinationKind.map(({ referralToAttendance: _r, ...d }) => d)).toEqual(
      countedKinds.map(({ referralToAttendance: _r, ...d }) => d),
    );
  });
});
