import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { CancelAppointment } from '../../src/appointment/cancel-appointment';
import { HoldAppointment } from '../../src/appointment/hold-appointment';
import { RecordAttendance } from '../../src/appointment/record-attendance';
import { DEFAULT_BOOKING_POLICY } from '../../src/booking-policy';
import { bookingService } from '../../src/booking.service';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { clinicAppointmentsQuery } from '../../src/clinic/clinic.dto';
import { ListClinicAppointments } from '../../src/clinic/list-clinic-appointments';
import type { Schedule } from '../../src/schedule/schedule.entity';
import {
  aBookingClient,
  aClinicAdmin,
  aPrincipal,
  aSchedule,
  aSlotOn,
  RIVERSIDE_CDAS,
  ST_ELSEWHERE,
} from '../support/booking-fixtures';

const HILLTOP_CDAS = 'org-hilltop-cdas';

/** What a clinic sees of its own slots' appointments: the minimum about each client, audited. */
describe("the clinic's view of its appointments", () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-12-03T08:00:00Z');
  const riversideWorker = aPrincipal();
  const hilltopWorker = aPrincipal({ orgId: HILLTOP_CDAS, name: 'Kim Doyle' });
  const hospitalAdmin = aClinicAdmin();
  const riversideClinicAdmin = aPrincipal({ roles: ['clinic_admin'], name: 'Pat Lee' });
  let list: ListClinicAppointments;
  let respiratory: Schedule;
  let hepatology: Schedule;
  let otherHospital: Schedule;
  let inHouse: Schedule;
  const ids: Record<string, string> = {};
  let sam: string;
  let robin: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_clinic_view');
    db = await Database.open({ url: testDb.url, logger: { info: () => undefined, warn: () => undefined } }, [
      bookingService.database,
    ]);
    const m = db.dataSource.manager;
    const outbox = new Outbox(BOOKING_SCHEMA, clock);
    const audit = new AuditTrail();
    list = new ListClinicAppointments(db.dataSource, audit, clock);
    const book = new BookAppointment(db.dataSource, outbox, audit, clock);
    const hold = new HoldAppointment(db.dataSource, outbox, audit, clock, DEFAULT_BOOKING_POLICY);

    respiratory = await aSchedule(m, { name: 'Respiratory clinic' });
    hepatology = await aSchedule(m, { name: 'Liver clinic', serviceType: 'hepatology' });
    otherHospital = await aSchedule(m, { orgId: 'org-other-hospital' });
    // Registers Riverside by name; Hilltop never registers, so it is shown by its id.
    inHouse = await aSchedule(m, { orgId: RIVERSIDE_CDAS, orgKind: 'cdas', name: 'Riverside wound clinic' });

    sam = (await aBookingClient(m)).clientId;
    await db.dataSource.query(`UPDATE booking.client SET preferred_name = 'Sammy' WHERE client_id = $1`, [
      sam,
    ]);
    robin = (await aBookingClient(m, { orgId: HILLTOP_CDAS })).clientId;
    await db.dataSource.query(
      `UPDATE booking.client SET given_name = 'Robin', family_name = 'Hale', nhs_number = NULL WHERE client_id = $1`,
      [robin],
    );

    const slot = (schedule: Schedule, startsAt: string) => aSlotOn(m, schedule, { startsAt });
    const bookFor = async (
      principal: typeof riversideWorker,
      slotId: string,
      clientId: string,
      extra: Record<string, unknown> = {},
    ) =>
      (await book.execute(principal, bookAppointmentBody.parse({ slotId, clientId, ...extra }), undefined))
        .result.id;

    ids['samRespiratory'] = await bookFor(
      riversideWorker,
      (await slot(respiratory, '2026-12-03T09:00:00Z')).id,
      sam,
      {
        notesForClinic: 'Anxious in waiting rooms; call him in by first name',
        accompaniment: { needed: true, by: 'peer_supporter', transportArranged: true },
      },
    );
    ids['samLiver'] = await bookFor(
      riversideWorker,
      (await slot(hepatology, '2026-12-03T10:00:00Z')).id,
      sam,
      {
        doNotDischarge: false,
      },
    );
    ids['robinCancelled'] = await bookFor(
      hilltopWorker,
      (await slot(respiratory, '2026-12-03T11:00:00Z')).id,
      robin,
    );
    await new CancelAppointment(db.dataSource, outbox, audit, clock).execute(
      hilltopWorker,
      ids['robinCancelled'],
      { cancelledBy: 'client', reason: 'In hospital after a fall' },
      undefined,
    );
    ids['samTomorrow'] = await bookFor(
      riversideWorker,
      (await slot(respiratory, '2026-12-04T09:00:00Z')).id,
      sam,
    );
    ids['robinHeld'] = (
      await hold.execute(
        hilltopWorker,
        bookAppointmentBody.parse({
          slotId: (await slot(respiratory, '2026-12-03T12:00:00Z')).id,
          clientId: robin,
        }),
        undefined,
      )
    ).result.id;
    ids['samOtherHospital'] = await bookFor(
      riversideWorker,
      (await slot(otherHospital, '2026-12-03T09:00:00Z')).id,
      sam,
    );
    ids['robinInHouse'] = await bookFor(
      hilltopWorker,
      (await slot(inHouse, '2026-12-03T09:00:00Z')).id,
      robin,
    );
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const query = (input: Record<string, unknown> = {}) => clinicAppointmentsQuery.parse(input);
  const clinicReads = async (clientId: string, actorUserId: string) =>
    (await new AuditTrail().forClient(db.dataSource.manager, BOOKING_SCHEMA, clientId)).filter(
      (a) => a.actorUserId === actorUserId && a.action === 'read',
    );

  it("shows today's appointments in the clinic's own slots, soonest first; not holds, nor other providers'", async () => {
    const view = await list.execute(hospitalAdmin, query());
    expect({ from: view.from, to: view.to }).toEqual({
      from: '2026-12-03T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(view.appointments.map((a) => [a.id, a.status])).toEqual([
      [ids['samRespiratory'], 'booked'],
      [ids['samLiver'], 'booked'],
      [ids['robinCancelled'], 'cancelled'],
    ]);
  });

  it('shows only the minimum about each client, and who booked, never the referral or the CDAS record', async () => {
    const [first, second, third] = (await list.execute(hospitalAdmin, query())).appointments;
    expect(Object.keys(first!).sort()).toEqual(
      [
        'accompaniment',
        'attendance',
        'bookingOrganisation',
        'client',
        'doNotDischarge',
        'endsAt',
        'id',
        'location',
        'notesForClinic',
        'outcomeOverdue',
        'providerName',
        'scheduleId',
        'serviceType',
        'slotId',
        'startsAt',
        'status',
      ].sort(),
    );
    expect(first).toMatchObject({
      providerName: 'Respiratory clinic',
      scheduleId: respiratory.id,
      startsAt: '2026-12-03T09:00:00.000Z',
      client: {
        name: 'Sam Taylor',
        preferredName: 'Sammy',
        dateOfBirth: '1979-04-12',
        nhsNumber: '9434765919',
      },
      notesForClinic: 'Anxious in waiting rooms; call him in by first name',
      accompaniment: { needed: true, by: 'peer_supporter', transportArranged: true },
      doNotDischarge: true,
      bookingOrganisation: { id: RIVERSIDE_CDAS, name: `Organisation ${RIVERSIDE_CDAS}` },
      attendance: null,
      outcomeOverdue: false,
    });
    expect(Object.keys(first!.client!).sort()).toEqual(['dateOfBirth', 'name', 'nhsNumber', 'preferredName']);
    expect(second).toMatchObject({ providerName: 'Liver clinic', doNotDischarge: false });
    expect(third!.bookingOrganisation).toEqual({ id: HILLTOP_CDAS, name: HILLTOP_CDAS });
    expect(JSON.stringify(third)).not.toContain('In hospital after a fall');
  });

  it('narrows to one schedule and to a window', async () => {
    const respiratoryOnly = await list.execute(hospitalAdmin, query({ scheduleId: respiratory.id }));
    expect(respiratoryOnly.appointments.map((a) => a.id)).toEqual([
      ids['samRespiratory'],
      ids['robinCancelled'],
    ]);
    const tomorrow = await list.execute(
      hospitalAdmin,
      query({ from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z' }),
    );
    expect(tomorrow.appointments.map((a) => a.id)).toEqual([ids['samTomorrow']]);
    const otherOrgsSchedule = await list.execute(hospitalAdmin, query({ scheduleId: otherHospital.id }));
    expect(otherOrgsSchedule.appointments).toEqual([]);
    expect(
      clinicAppointmentsQuery.safeParse({ from: '2026-12-04T00:00:00Z', to: '2026-12-03T00:00:00Z' }).success,
    ).toBe(false);
    expect(
      clinicAppointmentsQuery.safeParse({ from: '2026-12-01T00:00:00Z', to: '2027-02-01T00:00:00Z' }).success,
    ).toBe(false);
  });

  it('audits one read per client shown, naming the appointments it showed', async () => {
    const admin = aClinicAdmin({ name: 'Chris Ward' });
    await list.execute(admin, query());
    expect(await clinicReads(sam, admin.userId)).toEqual([
      expect.objectContaining({
        subjectType: 'client',
        subjectId: sam,
        actorOrgId: ST_ELSEWHERE,
        details: { view: 'clinic-appointments', appointmentIds: [ids['samRespiratory'], ids['samLiver']] },
      }),
    ]);
    expect(await clinicReads(robin, admin.userId)).toHaveLength(1);

    const nobodyShown = aClinicAdmin({ name: 'Lee Hart' });
    await list.execute(nobodyShown, query({ from: '2027-01-01T00:00:00Z' }));
    expect(await clinicReads(sam, nobodyShown.userId)).toEqual([]);
  });

  it("a CDAS sees its in-house clinic's appointments the same way, not the hospital slots it booked", async () => {
    const view = await list.execute(riversideClinicAdmin, query());
    expect(view.appointments.map((a) => a.id)).toEqual([ids['robinInHouse']]);
    expect(view.appointments[0]).toMatchObject({
      providerName: 'Riverside wound clinic',
      client: { name: 'Robin Hale', preferredName: null, dateOfBirth: '1979-04-12', nhsNumber: null },
      bookingOrganisation: { id: HILLTOP_CDAS, name: HILLTOP_CDAS },
    });
    expect(view.appointments.map((a) => a.id)).not.toContain(ids['samRespiratory']);
  });

  it('shows the attendance outcome, with the note only when the clinic wrote it', async () => {
    const later = new ManualClock('2026-12-03T10:30:00Z');
    const record = new RecordAttendance(
      db.dataSource,
      new Outbox(BOOKING_SCHEMA, later),
      new AuditTrail(),
      later,
    );
    await record.execute(riversideWorker, ids['samRespiratory']!, {
      outcome: 'did_not_attend',
      note: 'Relapsed at the weekend; keyworker visiting',
    });
    await record.execute(hospitalAdmin, ids['samLiver']!, { outcome: 'attended', note: 'Fibroscan done' });
    const [respiratoryVisit, liverVisit] = (await list.execute(hospitalAdmin, query())).appointments;
    expect(respiratoryVisit!.attendance).toEqual({
      outcome: 'did_not_attend',
      recordedAt: '2026-12-03T10:30:00.000Z',
      recordedByOrganisation: RIVERSIDE_CDAS,
      note: null,
    });
    expect(liverVisit!.attendance).toMatchObject({ outcome: 'attended', note: 'Fibroscan done' });
  });
});
