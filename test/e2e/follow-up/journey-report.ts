import type { FollowUpEnvironment } from './follow-up-env';
import { exportReport, readReport, type AttendanceSummary, type Period, type Timing } from './report-api';

/** An AttendanceSummary with the counts given, every other count 0, and its rates. */
function summary(counts: Partial<AttendanceSummary> = {}): AttendanceSummary {
  const all = {
    appointments: 0,
    attended: 0,
    didNotAttend: 0,
    cancelledLate: 0,
    leftBeforeSeen: 0,
    outcomeUnknown: 0,
    awaitingOutcome: 0,
    ...counts,
  };
  const known = all.attended + all.didNotAttend + all.cancelledLate + all.leftBeforeSeen;
  return {
    ...all,
    attendanceRate: known > 0 ? all.attended / known : null,
    dnaRate: known > 0 ? all.didNotAttend / known : null,
  };
}

const NONE: Timing = { count: 0, medianDays: null, p90Days: null };
/** One referral whose steps all followed within minutes: 0.0 days to 1 decimal. */
const SAME_DAY: Timing = { count: 1, medianDays: 0, p90Days: 0 };

/** The journey's two appointments: the one missed (reminder delivered) and the one attended (sent only). */
const MISSED = summary({ appointments: 1, didNotAttend: 1 });
const ATTENDED = summary({ appointments: 1, attended: 1 });
const BOTH = summary({ appointments: 2, attended: 1, didNotAttend: 1 });

/**
 * The service manager's report of the journey's period: one referral to an outpatient clinic, created,
 * completed; two appointments of one service type, one missed after a delivered reminder, one attended
 * after a reminder with no receipt; a need found three days before the referral.
 */
export async function expectJourneyReport(
  env: FollowUpEnvironment,
  period: Period,
  serviceType: string,
): Promise<void> {
  const { json } = await readReport(env, period);
  expect(json).toEqual({
    orgId: env.keyworker.orgId,
    from: period.from,
    to: period.to,
    generatedAt: expect.any(String),
    filters: { destinationKind: null, destination: null, serviceType: null },
    referrals: {
      created: 1,
      byStatus: {
        draft: 0,
        sent: 0,
        accepted: 0,
        rejected: 0,
        booked: 0,
        attended: 0,
        did_not_attend: 0,
        outcome_unknown: 0,
        completed: 1,
        closed: 0,
      },
      // Booking implied the clinic's acceptance: the referral never stood at "accepted".
      reached: { sent: 1, accepted: 0, booked: 1, attended: 1, did_not_attend: 1, completed: 1, closed: 0 },
    },
    appointments: BOTH,
    timings: {
      needToReferral: { count: 1, medianDays: 3, p90Days: 3 },
      referralToBooking: SAME_DAY,
      referralToAppointment: SAME_DAY,
      referralToAttendance: SAME_DAY,
    },
    reminders: { delivered: MISSED, sentNotConfirmed: ATTENDED, notSent: summary() },
    reservedSlots: { reserved: summary(), general: BOTH, unknown: summary() },
    byDestinationKind: [
      { destinationKind: 'gp', referralsCreated: 0, appointments: summary(), referralToAttendance: NONE },
      {
        destinationKind: 'outpatient',
        referralsCreated: 1,
        appointments: BOTH,
        referralToAttendance: SAME_DAY,
      },
      {
        destinationKind: 'inreach',
        referralsCreated: 0,
        appointments: summary(),
        referralToAttendance: NONE,
      },
      { destinationKind: 'other', referralsCreated: 0, appointments: summary(), referralToAttendance: NONE },
    ],
    byServiceType: [{ serviceType, appointments: BOTH }],
  });
}

/**
 * The same period exported: a CSV attachment in which every count of the journey (1 or 2) is written
 * `<5`, and the rates and timings of so few are suppressed.
 */
export async function expectJourneyExport(
  env: FollowUpEnvironment,
  period: Period,
  serviceType: string,
): Promise<void> {
  const csv = await exportReport(env, period);
  expect(csv.contentType).toMatch(/^text\/csv; charset=utf-8/i);
  expect(csv.disposition).toMatch(
    new RegExp(`^attachment; filename="?careloop-referrals-${period.from}-${period.to}\\.csv"?$`),
  );
  const [header, ...rows] = csv.rows;
  expect(header).toEqual(['section', 'group', 'measure', 'value']);
  const value = (section: string, group: string, measure: string) => {
    const found = rows.filter((r) => r[0] === section && r[1] === group && r[2] === measure);
    expect({ section, group, measure, found: found.length }).toEqual({ section, group, measure, found: 1 });
    return found[0]![3];
  };
  expect(value('report', 'all', 'orgId')).toBe(env.keyworker.orgId);
  for (const [section, group, measure] of [
    ['referrals', 'all', 'created'],
    ['referrals', 'byStatus', 'completed'],
    ['referrals', 'reached', 'did_not_attend'],
    ['appointments', 'all', 'appointments'],
    ['appointments', 'all', 'attended'],
    ['appointments', 'all', 'didNotAttend'],
    ['reminders', 'delivered', 'appointments'],
    ['reminders', 'delivered', 'didNotAttend'],
    ['reminders', 'sentNotConfirmed', 'attended'],
    ['timings', 'referralToAttendance', 'count'],
    ['byDestinationKind', 'outpatient', 'referralsCreated'],
    ['byDestinationKind', 'outpatient', 'appointments.didNotAttend'],
    ['byServiceType', serviceType, 'appointments.appointments'],
    ['byServiceType', serviceType, 'appointments.attended'],
  ] as const) {
    expect({ section, group, measure, value: value(section, group, measure) }).toEqual({
      section,
      group,
      measure,
      value: '<5',
    });
  }
  // Zero stays 0; a rate of so few, and a median of one, are not shown at all.
  expect(value('referrals', 'byStatus', 'closed')).toBe('0');
  expect(value('appointments', 'all', 'attendanceRate')).toBe('suppressed');
  expect(value('timings', 'referralToAttendance', 'medianDays')).toBe('suppressed');
}
