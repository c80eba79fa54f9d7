import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { AddAvailabilityException } from '../../src/availability/add-availability-exception';
import { createExceptionBody } from '../../src/availability/availability.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { clinicAppointmentsQuery } from '../../src/clinic/clinic.dto';
import { ListClinicAppointments } from '../../src/clinic/list-clinic-appointments';
import type { Schedule } from '../../src/schedule/schedule.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
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
  const db = useBookingDatabase('booking_clinic_view');
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
    const m = db.dataSource.manager;
    list = new ListClinicAppointments(db.dataSource, new AuditTrail(), clock);
    const { book, hold, cancel } = appointmentsAt(db.dataSource, clock);

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
    await cancel.execute(
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
        'slotWithdrawn',
        'slotWithdrawnReason',
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
      slotWithdrawn: false,
      slotWithdrawnReason: null,
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
    const { record } = appointmentsAt(db.dataSource, '2026-12-03T10:30:00Z');
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

  it('shows the CDAS and the clinic that an exception withdrew the slot of a booked appointment', async () => {
    const m = db.dataSource.manager;
    const { book, get, listForClient } = appointmentsAt(db.dataSource, clock);
    const chest = await aSchedule(m, { name: 'Chest clinic' });
    const clientId = (await aBookingClient(m)).clientId;
    const bookAt = async (startsAt: string) =>
      (
        await book.execute(
          riversideWorker,
          bookAppointmentBody.parse({ slotId: (await aSlotOn(m, chest, { startsAt })).id, clientId }),
          undefined,
        )
      ).result.id;
    const closed = await bookAt('2026-12-10T09:00:00Z');
    const open = await bookAt('2026-12-10T14:00:00Z');

    const exceptions = new AddAvailabilityException(
      db.dataSource,
      new Outbox(BOOKING_SCHEMA, clock),
      new AuditTrail(),
      clock,
    );
    const { result } = await exceptions.execute(
      hospitalAdmin,
      chest.id,
      createExceptionBody.parse({
        startsAt: '2026-12-10T08:00:00Z',
        endsAt: '2026-12-10T12:00:00Z',
        reason: 'Consultant on leave',
      }),
      undefined,
    );
    expect(result.affectedAppointments.map((a) => a.appointmentId)).toEqual([closed]);

    const withdrawn = { slotWithdrawn: true, slotWithdrawnReason: 'Consultant on leave' };
    const notWithdrawn = { slotWithdrawn: false, slotWithdrawnReason: null };
    expect(await get.execute(riversideWorker, closed)).toMatchObject({ status: 'booked', ...withdrawn });
    expect(await get.execute(riversideWorker, open)).toMatchObject({ status: 'booked', ...notWithdrawn });
    const listed = await listForClient.execute(riversideWorker, { clientId });
    expect(listed.map((a) => [a.id, a.slotWithdrawn])).toEqual([
      [open, false],
      [closed, true],
    ]);

    const clinic = await list.execute(
      hospitalAdmin,
      query({ from: '2026-12-10T00:00:00Z', scheduleId: chest.id }),
    );
    expect(clinic.appointments).toEqual([
      expect.objectContaining({ id: closed, status: 'booked', ...withdrawn }),
      expect.objectContaining({ id: open, status: 'booked', ...notWithdrawn }),
    ]);
  });
});
