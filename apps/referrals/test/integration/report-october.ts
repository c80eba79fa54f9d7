import { randomUUID } from 'node:crypto';
import type { ReferralsReport } from '../../src/report/referrals-report.dto';
import { aPrincipal, insertClient } from './referral-fixture';
import { anAppointmentOf, deliveryOf, type ReportService } from './report-fixture';
import { smsEventsFor } from './sms-events';

export const WOUND_CARE = '=Wound care, "leg" clinic';

/**
 * October 2026 at a small service (every time UTC; the clocks went back on 25 October). Referrals
 * created in October: R1 gp (completed), R2 outpatient (missed, rebooked, attended), R3 in-reach
 * (cancelled late), R4 gp (a draft sent three days later; booked for 23:30 London on 31 October), R5
 * other (a draft never sent), R7 outpatient (booked for November, then into an earlier slot, attended
 * after a text that arrived though its sending was never recorded). R6 (gp) was made at 23:30 London
 * on 30 September: not October's, though its appointment is. A client with no referral has an
 * appointment left before being seen and one at 00:10 London on 1 November.
 */
export async function arrangeOctober(service: ReportService, orgId: string): Promise<void> {
  const worker = aPrincipal({ orgId });
  const refer = (
    createdAt: string,
    identifiedAt: string,
    kind: 'gp' | 'outpatient' | 'inreach' | 'other',
    name: string,
    send = true,
  ) =>
    service.aReferral(worker, {
      createdAt,
      identifiedAt,
      destinationKind: kind,
      destinationName: name,
      send,
    });

  const r1 = await refer('2026-10-05T10:00:00Z', '2026-09-28T10:00:00Z', 'gp', 'Hillside Surgery');
  const r2 = await refer(
    '2026-10-06T10:00:00Z',
    '2026-10-02T10:00:00Z',
    'outpatient',
    'St Elsewhere Hepatology',
  );
  const r3 = await refer('2026-10-10T10:00:00Z', '2026-10-08T10:00:00Z', 'inreach', 'Riverside Hub in-reach');
  // R4's draft waits three days for the worker to send it: its waits count from the sending.
  const r4 = await refer('2026-10-17T15:00:00Z', '2026-10-17T10:00:00Z', 'gp', 'hillside surgery', false);
  await service.send(worker, r4.referralId, '2026-10-20T10:00:00Z');
  await refer('2026-10-25T00:30:00Z', '2026-10-24T12:30:00Z', 'other', 'Community pharmacy', false);
  const r7 = await refer(
    '2026-10-08T10:00:00Z',
    '2026-10-07T10:00:00Z',
    'outpatient',
    'St Elsewhere Chest Clinic',
  );
  const r6 = await refer('2026-09-30T22:30:00Z', '2026-09-20T10:00:00Z', 'gp', 'Northgate Practice');
  const unreferred = await insertClient(service.db, orgId);

  const of = (r: { clientId: string; referralId: string | null }, o: Parameters<typeof anAppointmentOf>[3]) =>
    anAppointmentOf(orgId, r.clientId, r.referralId, o);
  const copd = { serviceType: 'COPD review', underReservation: false };
  const hepC = { serviceType: 'Hepatitis C clinic', underReservation: true };
  const dental = { serviceType: 'Dental check', underReservation: false };
  const unlinked = { clientId: unreferred, referralId: null };

  // R1: the clinic cancels the first booking and books again; attended; the worker completes it.
  const a9 = of(r1, { ...copd, startsAt: '2026-10-09T10:00:00Z', bookedAt: '2026-10-05T12:00:00Z' });
  const a1 = of(r1, { ...copd, startsAt: '2026-10-12T10:00:00Z', bookedAt: '2026-10-06T22:00:00Z' });
  const a1Reminder = smsEventsFor(orgId, r1.clientId).sent('2026-10-11T18:00:00Z', {
    appointmentId: a1.appointmentId,
    step: 'evening_before',
  });
  await service.deliver(
    a9.booked,
    a9.cancelled('2026-10-06T09:00:00Z'),
    a1.booked,
    a1Reminder,
    deliveryOf(a1Reminder, '2026-10-11T18:01:00Z'),
    a1.attendance('attended', '2026-10-12T11:00:00Z'),
  );
  await service.complete(worker, r1.referralId, '2026-10-13T09:00:00Z');

  // R2: a reminder sent, never confirmed; did not attend; rebooked, no reminder, attended.
  const a2 = of(r2, { ...hepC, startsAt: '2026-10-16T10:00:00Z', bookedAt: '2026-10-07T10:00:00Z' });
  const a3 = of(r2, { ...hepC, startsAt: '2026-10-30T10:00:00Z', bookedAt: '2026-10-19T10:00:00Z' });
  await service.deliver(
    a2.booked,
    smsEventsFor(orgId, r2.clientId).sent('2026-10-13T10:00:00Z', {
      appointmentId: a2.appointmentId,
      step: 'three_days_before',
    }),
    a2.attendance('did_not_attend', '2026-10-16T11:00:00Z'),
    a3.booked,
    a3.attendance('attended', '2026-10-30T11:00:00Z'),
  );

  // R3: booked before booking said which slots were reserved; cancelled late; only the "sorry we
  // missed you" text, delivered, which is no reminder.
  const a4 = of(r3, {
    serviceType: WOUND_CARE,
    startsAt: '2026-10-20T10:00:00Z',
    bookedAt: '2026-10-13T10:00:00Z',
  });
  const missed = smsEventsFor(orgId, r3.clientId).sent('2026-10-20T12:00:00Z', {
    appointmentId: a4.appointmentId,
    step: 'missed',
  });
  await service.deliver(
    a4.booked,
    a4.attendance('cancelled_late', '2026-10-20T09:00:00Z'),
    missed,
    deliveryOf(missed, '2026-10-20T12:01:00Z'),
  );

  // R4: confirmed by a text that arrived; the appointment is at 23:30 London on the last day.
  const a5 = of(r4, { ...copd, startsAt: '2026-10-31T23:30:00Z', bookedAt: '2026-10-22T10:00:00Z' });
  const confirmation = smsEventsFor(orgId, r4.clientId).sent('2026-10-22T10:01:00Z', {
    appointmentId: a5.appointmentId,
    step: 'confirmation',
  });
  await service.deliver(a5.booked, confirmation, deliveryOf(confirmation, '2026-10-22T10:02:00Z'));

  // R7: first booked (X, 9 October) for 3 November; then an earlier slot, 15 October (Y, booked on the
  // 13th, the service type spelt another way), attended; X stays as the follow-up. Y's confirmation
  // arrived, though reminders never learnt whether its sending succeeded (no `sent` row).
  const x = of(r7, { ...copd, startsAt: '2026-11-03T10:00:00Z', bookedAt: '2026-10-09T10:00:00Z' });
  const y = of(r7, {
    serviceType: 'Copd Review',
    underReservation: false,
    startsAt: '2026-10-15T10:00:00Z',
    bookedAt: '2026-10-13T10:00:00Z',
  });
  await service.deliver(
    x.booked,
    y.booked,
    smsEventsFor(orgId, r7.clientId).delivered('2026-10-13T10:02:00Z', {
      messageId: randomUUID(),
      appointmentId: y.appointmentId,
      step: 'confirmation',
    }),
    y.attendance('attended', '2026-10-15T11:00:00Z'),
  );

  // R6: September's referral, October's appointment, whose outcome nobody recorded.
  const a7 = of(r6, { ...copd, startsAt: '2026-10-14T10:00:00Z', bookedAt: '2026-10-01T09:00:00Z' });
  await service.deliver(a7.booked, a7.outcomeOverdue('2026-10-15T10:00:00Z'));

  // No referral: left before being seen (a reminder sent, not confirmed); attended at 00:10 on 1 November.
  const a8 = of(unlinked, { ...dental, startsAt: '2026-10-22T10:00:00Z', bookedAt: '2026-10-15T10:00:00Z' });
  const a6 = of(unlinked, { ...dental, startsAt: '2026-11-01T00:10:00Z', bookedAt: '2026-10-15T10:05:00Z' });
  await service.deliver(
    a8.booked,
    smsEventsFor(orgId, unreferred).sent('2026-10-22T08:00:00Z', {
      appointmentId: a8.appointmentId,
      step: 'two_hours_before',
    }),
    a8.attendance('left_before_seen', '2026-10-22T11:00:00Z'),
    a6.booked,
    a6.attendance('attended', '2026-11-01T01:00:00Z'),
  );
}

const summary = (
  appointments: number,
  o: Partial<
    Record<
      'attended' | 'didNotAttend' | 'cancelledLate' | 'leftBeforeSeen' | 'outcomeUnknown' | 'awaitingOutcome',
      number
    >
  >,
  attendanceRate: number | null,
  dnaRate: number | null,
) => ({
  appointments,
  attended: 0,
  didNotAttend: 0,
  cancelledLate: 0,
  leftBeforeSeen: 0,
  outcomeUnknown: 0,
  awaitingOutcome: 0,
  ...o,
  attendanceRate,
  dnaRate,
});
const NONE = { count: 0, medianDays: null, p90Days: null };

/** October's report for the organisation arrangeOctober set up, worked out by hand. */
export function octoberReport(orgId: string, generatedAt: string): ReferralsReport {
  return {
    orgId,
    from: '2026-10-01',
    to: '2026-10-31',
    generatedAt,
    filters: { destinationKind: null, destination: null, serviceType: null },
    referrals: {
      created: 6,
      byStatus: {
        draft: 1,
        sent: 0,
        accepted: 0,
        rejected: 0,
        booked: 1,
        attended: 2,
        did_not_attend: 1,
        outcome_unknown: 0,
        completed: 1,
        closed: 0,
      },
      // R1 went back to accepted when the clinic cancelled; R2 and R3 missed one; R5 was never sent.
      reached: { sent: 5, accepted: 1, booked: 5, attended: 3, did_not_attend: 2, completed: 1, closed: 0 },
    },
    // A1, A3, Y attended; A2 did not attend; A4 cancelled late; A8 left; A7 unknown; A5 booked.
    appointments: summary(
      8,
      {
        attended: 3,
        didNotAttend: 1,
        cancelledLate: 1,
        leftBeforeSeen: 1,
        outcomeUnknown: 1,
        awaitingOutcome: 1,
      },
      0.5,
      0.167,
    ),
    // The five referrals sent (not R5), each from when it was first sent (R4 on 20 October).
    timings: {
      // R1 7, R2 4, R3 2, R4 3, R7 1 days.
      needToReferral: { count: 5, medianDays: 3, p90Days: 5.8 },
      // 1.5, 1, 3, 2 and 1: R7's first booking is X, not the earlier-starting Y booked later; R1's
      // cancelled booking is not counted.
      referralToBooking: { count: 5, medianDays: 1.5, p90Days: 2.6 },
      // 7, 10, 10, 11.5625 and 7 (R7's Y).
      referralToAppointment: { count: 5, medianDays: 10, p90Days: 10.9 },
      // 7, 24 (R2's second appointment) and 7.
      referralToAttendance: { count: 3, medianDays: 7, p90Days: 20.6 },
    },
    reminders: {
      // A1 and A5 by their receipts; Y by its receipt alone.
      delivered: summary(3, { attended: 2, awaitingOutcome: 1 }, 1, 0),
      sentNotConfirmed: summary(2, { didNotAttend: 1, leftBeforeSeen: 1 }, 0, 0.5),
      // A4's delivered text is "sorry we missed you", no reminder.
      notSent: summary(3, { attended: 1, cancelledLate: 1, outcomeUnknown: 1 }, 0.5, 0),
    },
    reservedSlots: {
      reserved: summary(2, { attended: 1, didNotAttend: 1 }, 0.5, 0.5),
      general: summary(
        5,
        { attended: 2, leftBeforeSeen: 1, outcomeUnknown: 1, awaitingOutcome: 1 },
        0.667,
        0,
      ),
      unknown: summary(1, { cancelledLate: 1 }, 0, 0),
    },
    byDestinationKind: [
      {
        destinationKind: 'gp',
        referralsCreated: 2,
        appointments: summary(3, { attended: 1, outcomeUnknown: 1, awaitingOutcome: 1 }, 1, 0),
        referralToAttendance: { count: 1, medianDays: 7, p90Days: 7 },
      },
      {
        destinationKind: 'outpatient',
        referralsCreated: 2,
        appointments: summary(3, { attended: 2, didNotAttend: 1 }, 0.667, 0.333),
        referralToAttendance: { count: 2, medianDays: 15.5, p90Days: 22.3 },
      },
      {
        destinationKind: 'inreach',
        referralsCreated: 1,
        appointments: summary(1, { cancelledLate: 1 }, 0, 0),
        referralToAttendance: NONE,
      },
      {
        destinationKind: 'other',
        referralsCreated: 1,
        appointments: summary(0, {}, null, null),
        referralToAttendance: NONE,
      },
    ],
    // "COPD review" and "Copd Review" are one service type, named by its first spelling in byte order.
    byServiceType: [
      { serviceType: WOUND_CARE, appointments: summary(1, { cancelledLate: 1 }, 0, 0) },
      {
        serviceType: 'COPD review',
        appointments: summary(4, { attended: 2, outcomeUnknown: 1, awaitingOutcome: 1 }, 1, 0),
      },
      { serviceType: 'Dental check', appointments: summary(1, { leftBeforeSeen: 1 }, 0, 0) },
      {
        serviceType: 'Hepatitis C clinic',
        appointments: summary(2, { attended: 1, didNotAttend: 1 }, 0.5, 0.5),
      },
    ],
  };
}
