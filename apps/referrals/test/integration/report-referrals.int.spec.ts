import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { aPrincipal } from './referral-fixture';
import { aManager, anAppointmentOf, deliveryOf, useReportService } from './report-fixture';
import { arrangeOctober, octoberReport } from './report-october';
import { smsEventsFor } from './sms-events';

/**
 * The referrals report of a small synthetic service for October 2026, over HTTP on real Postgres, its
 * records made by the service's own use cases and booking's and reminders' events through its real
 * consumers: every figure, the filters, the period's London edges, another organisation kept out,
 * and the CSV export (suppressed and rounded, quoted, defused, audited).
 */
describe('the referrals report on real Postgres', () => {
  const NOW = '2026-11-05T09:00:00.000Z';
  const clock = new ManualClock(NOW);
  const service = useReportService('report_referrals', clock);
  const orgId = `org-${randomUUID()}`;
  const manager = aManager(orgId);
  const elsewhere = `org-${randomUUID()}`;

  beforeAll(async () => {
    await arrangeOctober(service, orgId);
    // Another organisation's October: a gp referral, an appointment attended after a delivered reminder.
    const theirs = await service.aReferral(aPrincipal({ orgId: elsewhere }), {
      createdAt: '2026-10-10T10:00:00Z',
      identifiedAt: '2026-10-09T10:00:00Z',
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
    });
    const appointment = anAppointmentOf(elsewhere, theirs.clientId, theirs.referralId, {
      serviceType: 'COPD review',
      underReservation: true,
      startsAt: '2026-10-15T10:00:00Z',
      bookedAt: '2026-10-11T10:00:00Z',
    });
    const reminder = smsEventsFor(elsewhere, theirs.clientId).sent('2026-10-14T18:00:00Z', {
      appointmentId: appointment.appointmentId,
    });
    await service.deliver(
      appointment.booked,
      reminder,
      deliveryOf(reminder, '2026-10-14T18:01:00Z'),
      appointment.attendance('attended', '2026-10-15T11:00:00Z'),
    );
    expect(service.deadLettered()).toBe(0);
    clock.set(NOW);
  }, 60_000);

  const report = async (query: string, who = manager) => {
    const answer = await service.get(who, `/reports/referrals${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const october = '?from=2026-10-01&to=2026-10-31';

  it("counts every figure of the organisation's October, and nothing of another organisation's", async () => {
    expect(await report(october)).toEqual(octoberReport(orgId, NOW));
  });

  it('is the previous calendar month when no period is given', async () => {
    expect(await report('')).toEqual(octoberReport(orgId, NOW));
  });

  it("shows another organisation's manager their own figures only", async () => {
    const theirs = await report(october, aManager(elsewhere));
    expect(theirs.referrals.created).toBe(1);
    expect(theirs.appointments).toMatchObject({ appointments: 1, attended: 1, attendanceRate: 1 });
    expect(theirs.reminders.delivered.appointments).toBe(1);
    expect(theirs.reservedSlots.reserved.appointments).toBe(1);
    expect(theirs.byServiceType).toEqual([{ serviceType: 'COPD review', appointments: theirs.appointments }]);
  });

  it('counts an appointment at 23:30 London on the last day, and one at 00:10 the next day in the next period', async () => {
    const lastDay = await report('?from=2026-10-31&to=2026-10-31');
    expect(lastDay.appointments).toMatchObject({ appointments: 1, awaitingOutcome: 1 });
    const firstOfNovember = await report('?from=2026-11-01&to=2026-11-01');
    expect(firstOfNovember.appointments).toMatchObject({ appointments: 1, attended: 1 });
    expect(firstOfNovember.byServiceType.map((s) => s.serviceType)).toEqual(['Dental check']);
    // 23:30 BST on 30 September is September's.
    const lastOfSeptember = await report('?from=2026-09-30&to=2026-09-30');
    expect(lastOfSeptember.referrals.created).toBe(1);
    expect(lastOfSeptember.byDestinationKind[0]).toMatchObject({
      destinationKind: 'gp',
      referralsCreated: 1,
    });
    expect(lastOfSeptember.appointments.appointments).toBe(0);
  });

  it('narrows everything to a destination kind, leaving out appointments for no referral', async () => {
    const gp = await report(`${october}&destinationKind=gp`);
    expect(gp.filters).toEqual({ destinationKind: 'gp', destination: null, serviceType: null });
    expect(gp.referrals.created).toBe(2);
    expect(gp.referrals.byStatus).toMatchObject({ completed: 1, booked: 1, draft: 0, attended: 0 });
    // A1, A5 and September's referral's A7; not the unreferred client's.
    expect(gp.appointments).toMatchObject({
      appointments: 3,
      attended: 1,
      outcomeUnknown: 1,
      awaitingOutcome: 1,
    });
    expect(gp.timings.needToReferral).toEqual({ count: 2, medianDays: 5, p90Days: 6.6 });
    expect(
      gp.byDestinationKind.map((d) => [d.destinationKind, d.referralsCreated, d.appointments.appointments]),
    ).toEqual([
      ['gp', 2, 3],
      ['outpatient', 0, 0],
      ['inreach', 0, 0],
      ['other', 0, 0],
    ]);
    expect(gp.byServiceType.map((s) => s.serviceType)).toEqual(['COPD review']);
  });

  it('narrows everything to a destination named in any case', async () => {
    const hillside = await report(`${october}&destination=${encodeURIComponent('  HILLSIDE surgery ')}`);
    expect(hillside.filters.destination).toBe('HILLSIDE surgery');
    expect(hillside.referrals.created).toBe(2);
    // A1 and A5: Northgate's A7 is a gp appointment, not Hillside's.
    expect(hillside.appointments).toMatchObject({ appointments: 2, attended: 1, awaitingOutcome: 1 });
    expect(hillside.reminders.delivered.appointments).toBe(2);
  });

  it('narrows the appointment measures to a service type, not the funnel or need to referral', async () => {
    const hepC = await report(`${october}&serviceType=hepatitis%20c%20CLINIC`);
    expect(hepC.referrals).toEqual(octoberReport(orgId, NOW).referrals);
    expect(hepC.appointments).toMatchObject({ appointments: 2, attended: 1, didNotAttend: 1, dnaRate: 0.5 });
    expect(hepC.timings).toEqual({
      needToReferral: { count: 5, medianDays: 3, p90Days: 5.8 },
      referralToBooking: { count: 1, medianDays: 1, p90Days: 1 },
      referralToAppointment: { count: 1, medianDays: 10, p90Days: 10 },
      referralToAttendance: { count: 1, medianDays: 24, p90Days: 24 },
    });
    expect([hepC.reminders.sentNotConfirmed.appointments, hepC.reminders.notSent.appointments]).toEqual([
      1, 1,
    ]);
    expect(hepC.reservedSlots.reserved.appointments).toBe(2);
    expect(hepC.byDestinationKind.map((d) => [d.referralsCreated, d.appointments.appointments])).toEqual([
      [2, 0],
      [2, 2],
      [1, 0],
      [1, 0],
    ]);
    expect(hepC.byServiceType.map((s) => s.serviceType)).toEqual(['Hepatitis C clinic']);
  });

  it("takes a service type's spellings as one, as its filter does", async () => {
    const copd = await report(`${october}&serviceType=cOPD%20REVIEW`);
    // A1, A5, A7 ("COPD review") and R7's Y ("Copd Review"): one row, named by the first spelling.
    expect(copd.appointments).toMatchObject({
      appointments: 4,
      attended: 2,
      outcomeUnknown: 1,
      awaitingOutcome: 1,
    });
    expect(copd.byServiceType).toEqual([{ serviceType: 'COPD review', appointments: copd.appointments }]);
    // R1 1.5, R4 2 and R7 1 day: R7's first booking is X, though Y (booked later) starts first.
    expect(copd.timings.referralToBooking).toEqual({ count: 3, medianDays: 1.5, p90Days: 1.9 });
    expect(copd.timings.referralToAttendance).toEqual({ count: 2, medianDays: 7, p90Days: 7 });
  });

  it('has no waits for a draft never sent, though it is one of the referrals created', async () => {
    const other = await report(`${october}&destinationKind=other`);
    expect(other.referrals).toMatchObject({ created: 1, byStatus: { draft: 1 }, reached: { sent: 0 } });
    expect(other.timings).toEqual({
      needToReferral: { count: 0, medianDays: null, p90Days: null },
      referralToBooking: { count: 0, medianDays: null, p90Days: null },
      referralToAppointment: { count: 0, medianDays: null, p90Days: null },
      referralToAttendance: { count: 0, medianDays: null, p90Days: null },
    });
  });

  it('has no first booking for a referral one of whose appointments was projected before booked_at was kept', async () => {
    const older = `org-${randomUUID()}`;
    const referral = await service.aReferral(aPrincipal({ orgId: older }), {
      createdAt: '2026-10-01T10:00:00Z',
      identifiedAt: '2026-09-30T10:00:00Z',
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
    });
    const [early, late] = [
      { startsAt: '2026-10-20T10:00:00Z', bookedAt: '2026-10-05T10:00:00Z' },
      { startsAt: '2026-10-10T10:00:00Z', bookedAt: '2026-10-08T10:00:00Z' },
    ].map((o) =>
      anAppointmentOf(older, referral.clientId, referral.referralId, { serviceType: 'COPD review', ...o }),
    );
    await service.deliver(early!.booked, late!.booked);
    // The first booking, as this service knew it before the release: when is not known.
    await service.db.dataSource.query(
      `UPDATE referrals.client_appointment SET booked_at = NULL WHERE appointment_id = $1`,
      [early!.appointmentId],
    );
    clock.set(NOW);
    const theirs = await report(october, aManager(older));
    expect(theirs.timings.referralToBooking).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(theirs.timings.referralToAppointment).toEqual({ count: 1, medianDays: 9, p90Days: 9 });
  });

  it('a filter matching nothing gives zeros and no figures worked out from nothing', async () => {
    const none = await report(`${october}&serviceType=Podiatry`);
    expect(none.appointments).toMatchObject({ appointments: 0, attendanceRate: null, dnaRate: null });
    expect(none.timings.referralToAttendance).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(none.byServiceType).toEqual([]);
  });

  describe('the CSV export', () => {
    const auditedExports = async () =>
      (await service.db.dataSource.query(
        `SELECT actor_user_id, actor_org_id, subject_type, subject_id, client_id, details FROM referrals.audit_log
          WHERE action = 'export' ORDER BY seq`,
      )) as Record<string, unknown>[];

    it('is a file named for its period, one figure a row, small counts suppressed, others rounded to 5', async () => {
      const file = await service.download(manager, `/reports/referrals/export${october}`);
      expect(file.status).toBe(200);
      expect(file.contentType).toBe('text/csv; charset=utf-8');
      expect(file.disposition).toBe('attachment; filename="careloop-referrals-2026-10-01-2026-10-31.csv"');
      expect(file.cacheControl).toBe('no-store');
      const lines = file.text.split('\r\n');
      expect(lines.slice(0, 9)).toEqual([
        'section,group,measure,value',
        `report,all,orgId,${orgId}`,
        'report,all,from,2026-10-01',
        'report,all,to,2026-10-31',
        `report,all,generatedAt,${NOW}`,
        'report,all,disclosureControl,"counts 1-4 as <5, others rounded to nearest 5; rates (2 decimals) worked from the rounded counts; waits in whole days; rates and waits of 1-4 suppressed"',
        'report,filters,destinationKind,',
        'report,filters,destination,',
        'report,filters,serviceType,',
      ]);
      expect(lines).toEqual(
        expect.arrayContaining([
          'referrals,all,created,5',
          'referrals,byStatus,draft,<5',
          'referrals,byStatus,sent,0',
          'referrals,reached,attended,<5',
          'appointments,all,appointments,10',
          'appointments,all,attended,<5',
          'appointments,all,leftBeforeSeen,<5',
          'appointments,all,attendanceRate,suppressed',
          'appointments,all,dnaRate,suppressed',
          'timings,needToReferral,count,5',
          'timings,needToReferral,medianDays,3',
          'timings,needToReferral,p90Days,6',
          'timings,referralToAttendance,count,<5',
          'timings,referralToAttendance,medianDays,suppressed',
          'timings,referralToAttendance,p90Days,suppressed',
          'reminders,delivered,appointments,<5',
          'reminders,delivered,dnaRate,suppressed',
          'reservedSlots,unknown,didNotAttend,0',
          'byDestinationKind,inreach,referralsCreated,<5',
          'byDestinationKind,other,appointments.appointments,0',
          'byDestinationKind,other,appointments.attendanceRate,',
          'byDestinationKind,other,referralToAttendance.medianDays,',
          `byServiceType,"'=Wound care, ""leg"" clinic",appointments.appointments,<5`,
          'byServiceType,Hepatitis C clinic,appointments.attendanceRate,suppressed',
        ]),
      );
      // Every other count in this small sample is 0 or under 5: only these are shown as numbers, the
      // 6 referrals as 5 and the 8 appointments as 10 (so a total less the parts shown no longer gives
      // the small ones away), and the waits in whole days, each rounded once from the exact days
      // (2.6 is 3; 10.9375 is 11).
      expect(lines.filter((l) => /,[1-9]\d*(\.\d+)?$/.test(l) && !l.startsWith('report,'))).toEqual([
        'referrals,all,created,5',
        'referrals,reached,sent,5',
        'referrals,reached,booked,5',
        'appointments,all,appointments,10',
        'timings,needToReferral,count,5',
        'timings,needToReferral,medianDays,3',
        'timings,needToReferral,p90Days,6',
        'timings,referralToBooking,count,5',
        'timings,referralToBooking,medianDays,2',
        'timings,referralToBooking,p90Days,3',
        'timings,referralToAppointment,count,5',
        'timings,referralToAppointment,medianDays,10',
        'timings,referralToAppointment,p90Days,11',
        'reservedSlots,general,appointments,5',
      ]);
    });

    it('defuses a filter a spreadsheet would run, and is audited with who, the period and the filters', async () => {
      const before = (await auditedExports()).length;
      const file = await service.download(
        manager,
        `/reports/referrals/export?from=2026-10-01&to=2026-10-07&destination=${encodeURIComponent('=SUM(A1)')}`,
      );
      expect(file.status).toBe(200);
      expect(file.disposition).toBe('attachment; filename="careloop-referrals-2026-10-01-2026-10-07.csv"');
      expect(file.text).toContain("\r\nreport,filters,destination,'=SUM(A1)\r\n");
      const audited = await auditedExports();
      expect(audited.slice(before)).toEqual([
        {
          actor_user_id: manager.userId,
          actor_org_id: orgId,
          subject_type: 'referrals_report',
          subject_id: '2026-10-01..2026-10-07',
          client_id: null,
          details: {
            format: 'csv',
            orgId,
            from: '2026-10-01',
            to: '2026-10-07',
            filters: { destinationKind: null, destination: '=SUM(A1)', serviceType: null },
          },
        },
      ]);
    });

    it('the JSON report is not audited: it names no client', async () => {
      const before = await service.db.dataSource.query(`SELECT count(*)::int AS n FROM referrals.audit_log`);
      await report(october);
      expect(await service.db.dataSource.query(`SELECT count(*)::int AS n FROM referrals.audit_log`)).toEqual(
        before,
      );
    });
  });
});
