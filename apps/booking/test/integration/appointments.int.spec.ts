import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { appointmentBookedV1, appointmentCancelledV1 } from '@careloop/contracts';
import { aReferralCreatedEvent } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody, type AppointmentView } from '../../src/appointment/appointment.dto';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { CancelAppointment } from '../../src/appointment/cancel-appointment';
import { GetAppointment } from '../../src/appointment/get-appointment';
import { ListClientAppointments } from '../../src/appointment/list-client-appointments';
import { RecordReferralAwaitingBooking } from '../../src/awaiting-booking/record-referral-awaiting-booking';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { ClinicAppointmentView } from '../../src/clinic/clinic-appointment.view';
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
} from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

/** Booking into slots on the real Postgres: the checks, the database refusing every double booking, cancelling. */
describe('booking appointments', () => {
  const db = useBookingDatabase('booking_appointments', { poolSize: 25 });
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const keyworker = aPrincipal();
  const clinicAdmin = aClinicAdmin();
  let schedule: Schedule;
  let book: BookAppointment;
  let cancel: CancelAppointment;
  let getOne: GetAppointment;
  let listForClient: ListClientAppointments;

  beforeAll(async () => {
    ({ book, cancel, get: getOne, listForClient } = appointmentsAt(db.dataSource, clock));
    schedule = await aSchedule(db.dataSource.manager);
  });

  const m = () => db.dataSource.manager;
  const aSlot = (startsAt: string, capacity = 1) => aSlotOn(m(), schedule, { startsAt, capacity });
  const aClient = async (orgId = RIVERSIDE_CDAS) => (await aBookingClient(m(), { orgId })).clientId;
  const bookBody = (input: Record<string, unknown>) => bookAppointmentBody.parse(input);

  const attempt = async (slotId: string) => {
    const clientId = await aClient();
    return book.execute(keyworker, bookBody({ slotId, clientId }), randomUUID()).then(
      (outcome) => ({ ok: true as const, id: outcome.result.id }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );
  };

  const seatsInDb = async (slotId: string) => {
    const rows: { taken: number; appointments: string }[] = await db.dataSource.query(
      `SELECT s.taken, (SELECT count(*) FROM booking.appointment a
                         WHERE a.slot_id = s.id AND a.status IN ('held', 'booked')) AS appointments
         FROM booking.slot s WHERE s.id = $1`,
      [slotId],
    );
    return { taken: rows[0]!.taken, appointments: Number(rows[0]!.appointments) };
  };

  const outboxEvents = (appointmentId: string) => eventsInOutbox(db.dataSource, { key: appointmentId });

  const appointmentsOfClient = async (clientId: string) =>
    Number(
      (
        await db.dataSource.query(`SELECT count(*) AS n FROM booking.appointment WHERE client_id = $1`, [
          clientId,
        ])
      )[0].n,
    );

  it('20 concurrent bookings of a capacity-1 slot: exactly one appointment, 19 SLOT_ALREADY_BOOKED', async () => {
    const slot = await aSlot('2026-12-03T09:00:00Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(slot.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(19).fill('SLOT_ALREADY_BOOKED'));
    expect(await seatsInDb(slot.id)).toEqual({ taken: 1, appointments: 1 });
  });

  it('10 concurrent bookings of a capacity-3 slot: exactly 3 appointments, on 3 different seats', async () => {
    const slot = await aSlot('2026-12-03T10:00:00Z', 3);
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(slot.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'SLOT_ALREADY_BOOKED')).toBe(true);
    expect(await seatsInDb(slot.id)).toEqual({ taken: 3, appointments: 3 });
    const seats: { seat: number }[] = await db.dataSource.query(
      `SELECT seat FROM booking.appointment WHERE slot_id = $1 ORDER BY seat`,
      [slot.id],
    );
    expect(seats.map((s) => s.seat)).toEqual([1, 2, 3]);
  });

  it('the database itself refuses more seats than capacity, and a second live appointment on a seat', async () => {
    const slot = await aSlot('2026-12-03T11:00:00Z');
    await expect(
      db.dataSource.query(`UPDATE booking.slot SET taken = 2 WHERE id = $1`, [slot.id]),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'slot_taken_within_capacity' }),
    });
    // Raw writes that bypass the seat count: the seat itself is checked against the slot's capacity.
    const insert = (
      seat: number,
      status: string,
      extra: { holdExpiresAt?: string; slotCapacity?: number } = {},
    ) =>
      db.dataSource.query(
        `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at,
           hold_expires_at, slot_capacity) VALUES ($1, $2, $3, $4, $5, $6, 'test', now(), $7, $8)`,
        [
          randomUUID(),
          RIVERSIDE_CDAS,
          slot.id,
          seat,
          randomUUID(),
          status,
          extra.holdExpiresAt ?? null,
          extra.slotCapacity ?? null,
        ],
      );
    await insert(1, 'held', { holdExpiresAt: '2026-12-01T00:00:00Z' });
    await expect(insert(1, 'booked')).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'appointment_one_per_seat' }),
    });
    await expect(insert(2, 'booked')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514', constraint: 'appointment_seat_within_capacity' }),
    });
    // Claiming a larger capacity than the slot has does not get a seat in either.
    await expect(insert(2, 'booked', { slotCapacity: 2 })).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23503', constraint: 'appointment_slot_capacity' }),
    });
    expect(await seatsInDb(slot.id)).toEqual({ taken: 0, appointments: 1 });
  });

  it('books for a referral: appointment.booked.v1 valid by its contract, do-not-discharge on, audited, replayable', async () => {
    const referral = aReferralCreatedEvent({ orgId: RIVERSIDE_CDAS, data: { status: 'sent' } });
    await db.transaction((tx) => new RecordReferralAwaitingBooking(clock).execute(tx, referral));
    await aBookingClient(m(), { clientId: referral.data.clientId });
    const slot = await aSlot('2026-12-04T09:00:00Z');
    const key = randomUUID();
    const body = bookBody({
      slotId: slot.id,
      clientId: referral.data.clientId,
      referralId: referral.data.referralId,
      notesForClinic: 'Prefers mornings',
      accompaniment: { needed: true, by: 'peer_supporter', transportArranged: false },
    });
    const first = await book.execute(keyworker, body, key);
    expect(first.replayed).toBe(false);
    expect(first.result).toMatchObject({
      status: 'booked',
      doNotDischarge: true,
      holdExpiresAt: null,
      rescheduledCount: 0,
      attendance: null,
      outcomeOverdue: false,
    });
    const again = await book.execute(keyworker, body, key);
    expect(again).toEqual({ replayed: true, result: first.result });

    const [booked, ...more] = await outboxEvents(first.result.id);
    expect(more).toEqual([]);
    expect(booked).toMatchObject({
      type: 'appointment.booked.v1',
      orgId: RIVERSIDE_CDAS,
      subjectId: first.result.id,
    });
    expect(appointmentBookedV1.data.parse(booked!.data)).toEqual({
      appointmentId: first.result.id,
      clientId: referral.data.clientId,
      referralId: referral.data.referralId,
      providerName: schedule.name,
      providerOrgId: schedule.orgId,
      serviceType: 'respiratory',
      location: slot.location,
      startsAt: '2026-12-04T09:00:00.000Z',
      endsAt: '2026-12-04T09:20:00.000Z',
      bookedBy: keyworker.userId,
      // An ordinary slot: no in-reach session, no clinic's reservation.
      inreachSessionId: null,
      underReservation: false,
    });

    const read = await getOne.execute(keyworker, first.result.id);
    expect(read).toMatchObject({
      status: 'booked',
      referralId: referral.data.referralId,
      doNotDischarge: true,
    });
    const audit = await new AuditTrail().forClient(m(), BOOKING_SCHEMA, referral.data.clientId);
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'read', 'read']);
  });

  it('keeps do-not-discharge off when the worker turns it off', async () => {
    const slot = await aSlot('2026-12-04T10:00:00Z');
    const { result } = await book.execute(
      keyworker,
      bookBody({ slotId: slot.id, clientId: await aClient(), doNotDischarge: false }),
      undefined,
    );
    expect(result.doNotDischarge).toBe(false);
    expect((await getOne.execute(keyworker, result.id)).doNotDischarge).toBe(false);
  });

  it('refuses a client booking does not know, naming where clients come from; nothing is booked', async () => {
    const slot = await aSlot('2026-12-05T09:00:00Z');
    const unknown = randomUUID();
    const otherOrgsClient = await aClient('org-other-cdas');
    for (const clientId of [unknown, otherOrgsClient]) {
      const refused = await book
        .execute(keyworker, bookBody({ slotId: slot.id, clientId }), undefined)
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'CLIENT_NOT_FOUND', status: 422 });
      expect((refused as { detail: string }).detail).toMatch(/referrals service.*try again shortly/);
      expect(await appointmentsOfClient(clientId)).toBe(0);
    }
    expect(await seatsInDb(slot.id)).toEqual({ taken: 0, appointments: 0 });
  });

  it('refuses a referral of another client, an unknown slot, a started slot and non-CDAS staff', async () => {
    const slot = await aSlot('2026-12-05T10:00:00Z');
    const clientId = await aClient();
    await expect(
      book.execute(keyworker, bookBody({ slotId: slot.id, clientId, referralId: randomUUID() }), undefined),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    await expect(
      book.execute(keyworker, bookBody({ slotId: randomUUID(), clientId }), undefined),
    ).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
    await expect(
      book.execute(
        aClinicAdmin({ roles: ['clinician'] }),
        bookBody({ slotId: slot.id, clientId }),
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'CDAS_STAFF_ONLY' });
    const lateBook = appointmentsAt(db.dataSource, '2026-12-05T10:00:00Z').book;
    await expect(
      lateBook.execute(keyworker, bookBody({ slotId: slot.id, clientId }), undefined),
    ).rejects.toMatchObject({ code: 'SLOT_ALREADY_STARTED' });
    expect(await seatsInDb(slot.id)).toEqual({ taken: 0, appointments: 0 });
    expect(await appointmentsOfClient(clientId)).toBe(0);
  });

  it('refuses a withdrawn slot (SLOT_WITHDRAWN) and a slot reserved for another organisation (SLOT_RESERVED)', async () => {
    const withdrawn = await aSlot('2026-12-05T11:00:00Z');
    await db.dataSource.query(
      `UPDATE booking.slot SET status = 'withdrawn', withdrawn_reason = 'Leave', withdrawn_at = now() WHERE id = $1`,
      [withdrawn.id],
    );
    const reservedForOthers = await aSlotOn(m(), schedule, {
      startsAt: '2026-12-05T11:20:00Z',
      reservedFor: { kind: 'organisation', orgId: 'org-other-cdas' },
    });
    const clientId = await aClient();
    await expect(
      book.execute(keyworker, bookBody({ slotId: withdrawn.id, clientId }), undefined),
    ).rejects.toMatchObject({ code: 'SLOT_WITHDRAWN', status: 409 });
    await expect(
      book.execute(keyworker, bookBody({ slotId: reservedForOthers.id, clientId }), undefined),
    ).rejects.toMatchObject({
      code: 'SLOT_RESERVED',
      status: 409,
      detail: expect.stringContaining('reserved for another organisation'),
    });
    expect(await seatsInDb(withdrawn.id)).toEqual({ taken: 0, appointments: 0 });
    expect(await seatsInDb(reservedForOthers.id)).toEqual({ taken: 0, appointments: 0 });
  });

  it('books a slot reserved for the caller or for all CDAS, recording (and telling) that the seat was reserved', async () => {
    const forUs = await aSlotOn(m(), schedule, {
      startsAt: '2026-12-06T09:00:00Z',
      reservedFor: { kind: 'organisation', orgId: RIVERSIDE_CDAS },
    });
    const forAll = await aSlotOn(m(), schedule, {
      startsAt: '2026-12-06T09:20:00Z',
      reservedFor: { kind: 'all_cdas' },
    });
    const released = await aSlotOn(m(), schedule, {
      startsAt: '2026-12-06T09:40:00Z',
      reservedFor: { kind: 'organisation', orgId: 'org-other-cdas' },
    });
    await db.dataSource.query(`UPDATE booking.slot SET released_at = now() WHERE id = $1`, [released.id]);
    const underReservation = async (slotId: string) => {
      const { result } = await book.execute(
        keyworker,
        bookBody({ slotId, clientId: await aClient() }),
        undefined,
      );
      const rows: { under_reservation: boolean }[] = await db.dataSource.query(
        `SELECT under_reservation FROM booking.appointment WHERE id = $1`,
        [result.id],
      );
      // The CDAS's reports count bookings into reserved slots from the event.
      const [booked] = await outboxEvents(result.id);
      expect(appointmentBookedV1.data.parse(booked!.data).underReservation).toBe(rows[0]!.under_reservation);
      return rows[0]!.under_reservation;
    };
    expect(await underReservation(forUs.id)).toBe(true);
    expect(await underReservation(forAll.id)).toBe(true);
    expect(await underReservation(released.id)).toBe(false);
  });

  it('cancelling frees the seat, emits appointment.cancelled.v1, and cannot happen twice', async () => {
    const slot = await aSlot('2026-12-07T09:00:00Z');
    const { result } = await book.execute(
      keyworker,
      bookBody({ slotId: slot.id, clientId: await aClient() }),
      undefined,
    );
    expect(await attempt(slot.id)).toEqual({ ok: false, code: 'SLOT_ALREADY_BOOKED' });

    const { result: cancelled } = await cancel.execute(
      keyworker,
      result.id,
      { cancelledBy: 'client', reason: 'Unwell' },
      undefined,
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: 'client', reason: 'Unwell' },
    });
    expect(await seatsInDb(slot.id)).toEqual({ taken: 0, appointments: 0 });
    const events = await outboxEvents(result.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked.v1', 'appointment.cancelled.v1']);
    expect(appointmentCancelledV1.data.parse(events[1]!.data)).toEqual({
      appointmentId: result.id,
      clientId: result.clientId,
      referralId: null,
      cancelledBy: 'client',
      reason: 'Unwell',
      startsAt: '2026-12-07T09:00:00.000Z',
    });
    await expect(
      cancel.execute(keyworker, result.id, { cancelledBy: 'cdas', reason: 'again' }, undefined),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_BOOKED' });
    expect((await attempt(slot.id)).ok).toBe(true);
  });

  it("the slot's clinic cancels as the provider, sees only its own view, and may not claim another canceller", async () => {
    const slot = await aSlot('2026-12-07T10:00:00Z');
    const { result } = await book.execute(
      keyworker,
      bookBody({ slotId: slot.id, clientId: await aClient(), notesForClinic: 'Uses a wheelchair' }),
      undefined,
    );
    await expect(
      cancel.execute(clinicAdmin, result.id, { cancelledBy: 'client', reason: 'Rang us' }, undefined),
    ).rejects.toMatchObject({ code: 'PROVIDER_CANCELS_AS_PROVIDER', status: 422 });
    expect((await getOne.execute(keyworker, result.id)).status).toBe('booked');

    const otherHospital = aClinicAdmin({ orgId: 'org-other-hospital' });
    await expect(
      cancel.execute(otherHospital, result.id, { cancelledBy: 'provider', reason: 'x' }, undefined),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });

    const { result: view } = await cancel.execute(
      clinicAdmin,
      result.id,
      { cancelledBy: 'provider', reason: 'Clinic closed: consultant off sick' },
      undefined,
    );
    const clinicView = view as ClinicAppointmentView;
    expect(clinicView).toMatchObject({
      id: result.id,
      status: 'cancelled',
      notesForClinic: 'Uses a wheelchair',
      client: { name: 'Sam Taylor', dateOfBirth: '1979-04-12', nhsNumber: '9434765919' },
      bookingOrganisation: { id: RIVERSIDE_CDAS, name: RIVERSIDE_CDAS },
    });
    expect(view).not.toHaveProperty('referralId');
    expect(view).not.toHaveProperty('clientId');
    const events = await outboxEvents(result.id);
    expect(events[1]).toMatchObject({
      type: 'appointment.cancelled.v1',
      orgId: RIVERSIDE_CDAS,
      actor: { kind: 'user', id: clinicAdmin.userId },
      data: { cancelledBy: 'provider' },
    });
    const read: AppointmentView = await getOne.execute(keyworker, result.id);
    expect(read.cancellation).toMatchObject({ cancelledBy: 'provider' });
    expect(await seatsInDb(slot.id)).toEqual({ taken: 0, appointments: 0 });
  });

  it('another organisation cannot read or cancel an appointment: 404 as if it did not exist', async () => {
    const slot = await aSlot('2026-12-07T11:00:00Z');
    const { result } = await book.execute(
      keyworker,
      bookBody({ slotId: slot.id, clientId: await aClient() }),
      undefined,
    );
    const stranger = aPrincipal({ orgId: 'org-other-cdas' });
    await expect(getOne.execute(stranger, result.id)).rejects.toMatchObject({
      code: 'APPOINTMENT_NOT_FOUND',
    });
    await expect(
      cancel.execute(stranger, result.id, { cancelledBy: 'cdas', reason: 'x' }, undefined),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });
    await expect(getOne.execute(stranger, randomUUID())).rejects.toMatchObject({
      code: 'APPOINTMENT_NOT_FOUND',
    });
    expect(await seatsInDb(slot.id)).toEqual({ taken: 1, appointments: 1 });
  });

  it("lists a client's appointments of the caller's organisation, latest first, each read audited", async () => {
    const clientId = await aClient();
    const early = await aSlot('2026-12-08T09:00:00Z');
    const late = await aSlot('2026-12-09T09:00:00Z');
    const first = await book.execute(keyworker, bookBody({ slotId: late.id, clientId }), undefined);
    const second = await book.execute(keyworker, bookBody({ slotId: early.id, clientId }), undefined);
    await cancel.execute(keyworker, second.result.id, { cancelledBy: 'client', reason: 'Moved' }, undefined);

    const listed = await listForClient.execute(keyworker, { clientId });
    expect(listed.map((a) => [a.id, a.status])).toEqual([
      [first.result.id, 'booked'],
      [second.result.id, 'cancelled'],
    ]);
    expect(await listForClient.execute(aPrincipal({ orgId: 'org-other-cdas' }), { clientId })).toEqual([]);

    const audit = await new AuditTrail().forClient(m(), BOOKING_SCHEMA, clientId);
    const reads = audit.filter((a) => a.action === 'read' && a.actorUserId === keyworker.userId);
    expect(reads.map((a) => a.subjectId).sort()).toEqual([first.result.id, second.result.id].sort());
    expect(audit.filter((a) => a.action === 'search')).toEqual([
      expect.objectContaining({ actorOrgId: 'org-other-cdas', subjectType: 'client', subjectId: clientId }),
    ]);
  });
});
