import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import type { EvidenceReport } from '../../src/evidence/evidence.dto';
import { aClinicWithSessions, ON_THE_DAY_MODULES, published } from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import {
  aBooking,
  aClientEvent,
  aClientSnapshot,
  anAppointmentBookedEvent,
  anAppointmentCancelledEvent,
  anAttendanceRecordedEvent,
  aReferralMadeEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import { aCdasOrgId, aCoordinator, aDrugWorker } from '../support/inreach-fixtures';

/**
 * The evidence report over HTTP, from a data set small enough to check by hand (March 2026):
 *
 * Hepatitis C (Wednesdays 10:00-12:50 in 20-minute slots of 2 seats: 8 whole slots, 16 seats a session)
 * - 4 Mar held: a1 attended (referred 20 Feb: 12 days), a2 attended (referred 1 Mar 18:00: 3 days),
 *   a3 did not attend, a4 no outcome yet; walk-in w1 (latest in-reach referral 2 Feb: 30 days; a later
 *   GP referral and an in-reach one made after the visit do not count)
 * - 11 Mar held: a5 attended (its referral never reached in-reach), a6 did not attend, a7 cancelled;
 *   walk-in w2 (no referral)
 * - 18 Mar published then cancelled (a8 booked in it counts nowhere); 25 Mar cancelled while planned
 * => held 2, cancelled 1, seats 32, booked 6 (18.8 %), attended 3, DNA 2 (60 % / 40 %), walk-ins 2,
 *    waits [3, 12, 30]: median 12.
 * Wound care (Thursdays 10:00-13:00, 20-minute slots of 1 seat): 5 Mar held with nobody booked.
 */
describe('the evidence report over HTTP', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({ database: 'inreach_evidence', clock, modules: ON_THE_DAY_MODULES });
  const { api, orgId: riverside, coordinator } = clinic;
  let hepCId: string;
  let woundCareId: string;

  beforeAll(async () => {
    const hepC = await aClinicWithSessions(clinic, {
      name: 'Hepatitis C treatment',
      series: { endTime: '12:50', seatsPerSlot: 2 },
    });
    const woundCare = await aClinicWithSessions(clinic, {
      name: 'Wound care',
      series: { rrule: 'FREQ=WEEKLY;BYDAY=TH' },
    });
    hepCId = hepC.serviceId;
    woundCareId = woundCare.serviceId;
    const fourth = (await published(clinic, hepC.on('2026-03-04'))).id;
    const eleventh = (await published(clinic, hepC.on('2026-03-11'))).id;
    const eighteenth = (await published(clinic, hepC.on('2026-03-18'))).id;
    await published(clinic, woundCare.on('2026-03-05'));
    await api.call(coordinator, 'POST', `/inreach/sessions/${eighteenth}/cancel`, {
      reason: 'Nurse off sick',
    });
    await api.call(coordinator, 'POST', `/inreach/sessions/${hepC.on('2026-03-25').id}/cancel`, {
      reason: 'Room being decorated',
    });

    /** An appointment at 10:00, 11:00 or 12:00 (slot 0, 1, 2) of the session's day. */
    const booking = (sessionId: string, date: string, slot: number) =>
      aBooking({
        orgId: riverside,
        clientId: randomUUID(),
        sessionId,
        startsAt: `${date}T1${slot}:00:00Z`,
        endsAt: `${date}T1${slot}:20:00Z`,
      });
    const r1 = aReferralMadeEvent(riverside, randomUUID(), '2026-02-20T12:00:00Z');
    const r2 = aReferralMadeEvent(riverside, randomUUID(), '2026-03-01T18:00:00Z');
    const referredBy = (r: typeof r1) => ({ referralId: r.data.referralId, clientId: r.data.clientId });
    const a1 = { ...booking(fourth, '2026-03-04', 0), ...referredBy(r1) };
    const a2 = { ...booking(fourth, '2026-03-04', 0), ...referredBy(r2) };
    const a3 = booking(fourth, '2026-03-04', 1);
    const a4 = booking(fourth, '2026-03-04', 1);
    const a5 = { ...booking(eleventh, '2026-03-11', 0), referralId: randomUUID() };
    const a6 = booking(eleventh, '2026-03-11', 1);
    const a7 = booking(eleventh, '2026-03-11', 2);
    const a8 = booking(eighteenth, '2026-03-18', 0);
    await deliveredToInreach(
      api,
      r1,
      r2,
      ...[a1, a2, a3, a4, a5, a6, a7, a8].map((a) => anAppointmentBookedEvent(a)),
    );
    await deliveredToInreach(
      api,
      anAttendanceRecordedEvent(a1, 'attended'),
      anAttendanceRecordedEvent(a2, 'attended'),
      anAttendanceRecordedEvent(a3, 'did_not_attend'),
      anAttendanceRecordedEvent(a5, 'attended'),
      anAttendanceRecordedEvent(a6, 'did_not_attend'),
      anAppointmentCancelledEvent(a7),
    );

    const w1 = aClientSnapshot();
    const w2 = aClientSnapshot();
    await deliveredToInreach(
      api,
      aClientEvent(riverside, w1),
      aClientEvent(riverside, w2),
      aReferralMadeEvent(riverside, w1.clientId, '2026-02-02T10:00:00Z'),
      aReferralMadeEvent(riverside, w1.clientId, '2026-03-01T10:00:00Z', 'gp'),
      aReferralMadeEvent(riverside, w1.clientId, '2026-03-05T10:00:00Z'),
    );
    const walkIn = async (sessionId: string, clientId: string) => {
      const answer = await api.call(coordinator, 'POST', `/inreach/sessions/${sessionId}/walk-ins`, {
        clientId,
      });
      if (answer.status !== 201) throw new Error(`The walk-in answered ${answer.status}`);
    };
    clock.set('2026-03-04T10:30:00Z');
    await walkIn(fourth, w1.clientId);
    clock.set('2026-03-11T11:00:00Z');
    await walkIn(eleventh, w2.clientId);
    clock.set('2026-04-01T09:00:00Z');
  });

  const evidence = (query: string, who = coordinator) =>
    api.call<EvidenceReport>(who, 'GET', `/inreach/reports/evidence?${query}`);

  afterEach(() => clock.set('2026-04-01T09:00:00Z'));

  it('counts each service’s sessions, seats, attendance, walk-ins and waits as worked out by hand', async () => {
    const answer = await evidence('from=2026-03-01&to=2026-03-31');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      generatedAt: '2026-04-01T09:00:00.000Z',
      services: [
        {
          serviceId: hepCId,
          serviceName: 'Hepatitis C treatment',
          serviceType: 'hepatitis_c',
          providerName: 'St Elsewhere Hepatology',
          siteId: clinic.siteId,
          siteName: expect.any(String),
          sessionsHeld: 2,
          sessionsCancelled: 1,
          bookableSeats: 32,
          bookedSeats: 6,
          utilisationPercent: 18.8,
          attended: 3,
          didNotAttend: 2,
          attendanceRatePercent: 60,
          dnaRatePercent: 40,
          walkIns: 2,
          seenWithKnownReferral: 3,
          medianDaysReferralToSeen: 12,
        },
        expect.objectContaining({
          serviceId: woundCareId,
          serviceName: 'Wound care',
          sessionsHeld: 1,
          sessionsCancelled: 0,
          bookableSeats: 9,
          bookedSeats: 0,
          utilisationPercent: 0,
          attendanceRatePercent: null,
          dnaRatePercent: null,
          walkIns: 0,
          seenWithKnownReferral: 0,
          medianDaysReferralToSeen: null,
        }),
      ],
    });
  });

  it('counts only the sessions on the dates asked for', async () => {
    const answer = await evidence('from=2026-03-11&to=2026-03-11');
    expect(answer.body.services).toEqual([
      expect.objectContaining({
        serviceId: hepCId,
        sessionsHeld: 1,
        bookableSeats: 16,
        bookedSeats: 2,
        attended: 1,
        didNotAttend: 1,
        walkIns: 1,
        seenWithKnownReferral: 0,
      }),
    ]);
  });

  it('exports CSV with counts of 1 to 4 people, and figures that would reveal them, suppressed', async () => {
    const csv = await api.text(
      coordinator,
      '/inreach/reports/evidence?from=2026-03-01&to=2026-03-31&format=csv',
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="inreach-evidence-2026-03-01-to-2026-03-31.csv"',
    );
    const [header, hepC, woundCare] = csv.text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header!.slice(4)).toEqual([
      'Sessions held',
      'Sessions cancelled',
      'Bookable seats',
      'Booked seats',
      'Utilisation %',
      'Attended',
      'Did not attend',
      'Attendance rate %',
      'DNA rate %',
      'Walk-ins',
      'Seen with known referral',
      'Median days referral to seen',
    ]);
    expect(hepC!.slice(1, 2)).toEqual(['Hepatitis C treatment']);
    // Booked seats (6) less attended and DNA shown would bound the unrecorded outcomes: suppressed too.
    expect(hepC!.slice(4)).toEqual([
      '2',
      '1',
      '32',
      'suppressed',
      'suppressed',
      '<5',
      '<5',
      'suppressed',
      'suppressed',
      '<5',
      '<5',
      'suppressed',
    ]);
    expect(woundCare!.slice(4)).toEqual(['1', '0', '9', '0', '0', '0', '0', '', '', '0', '0', '']);
  });

  it('shows another CDAS nothing, refuses a keyworker (403) and a period longer than 366 days or reversed (400)', async () => {
    expect((await evidence('from=2026-03-01&to=2026-03-31', aCoordinator(aCdasOrgId()))).body).toMatchObject({
      services: [],
    });
    expect((await evidence('from=2026-03-01&to=2026-03-31', aDrugWorker(riverside))).status).toBe(403);
    expect(await evidence('from=2025-02-28&to=2026-03-01')).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ path: 'to' })] },
    });
    expect((await evidence('from=2025-03-01&to=2026-03-01')).status).toBe(200);
    expect((await evidence('from=2026-03-31&to=2026-03-01')).status).toBe(400);
    expect((await evidence('from=2026-03-01&to=2026-03-31&format=xlsx')).status).toBe(400);
  });

  it('counts a walk-in once its session is held, and a referral dated after the appointment as 0 days', async () => {
    const respiratory = await aClinicWithSessions(clinic, {
      name: 'Respiratory review',
      series: { rrule: 'FREQ=WEEKLY;BYDAY=FR', validFrom: '2026-04-01' },
    });
    const friday = (await published(clinic, respiratory.on('2026-04-03'))).id;
    const lateReferral = aReferralMadeEvent(riverside, randomUUID(), '2026-04-05T10:00:00Z');
    const booked = aBooking({
      orgId: riverside,
      clientId: lateReferral.data.clientId,
      referralId: lateReferral.data.referralId,
      sessionId: friday,
      startsAt: '2026-04-03T09:00:00Z',
      endsAt: '2026-04-03T09:20:00Z',
    });
    const walker = aClientSnapshot();
    await deliveredToInreach(api, aClientEvent(riverside, walker), anAppointmentBookedEvent(booked));
    clock.set('2026-04-03T10:30:00Z');
    const walkedIn = await api.call(coordinator, 'POST', `/inreach/sessions/${friday}/walk-ins`, {
      clientId: walker.clientId,
    });
    expect(walkedIn.status).toBe(201);

    const during = await evidence('from=2026-04-03&to=2026-04-03');
    expect(during.body.services).toEqual([
      expect.objectContaining({ serviceId: respiratory.serviceId, sessionsHeld: 0, walkIns: 0 }),
    ]);

    await deliveredToInreach(api, lateReferral, anAttendanceRecordedEvent(booked, 'attended'));
    clock.set('2026-04-06T09:00:00Z');
    const after = await evidence('from=2026-04-03&to=2026-04-03');
    expect(after.body.services).toEqual([
      expect.objectContaining({
        serviceId: respiratory.serviceId,
        sessionsHeld: 1,
        attended: 1,
        walkIns: 1,
        seenWithKnownReferral: 1,
        medianDaysReferralToSeen: 0,
      }),
    ]);
  });
});
