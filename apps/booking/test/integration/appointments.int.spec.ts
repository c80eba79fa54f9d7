import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentBookedV1, appointmentCancelledV1, type EventEnvelope } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { aReferralCreatedEvent, createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { CancelAppointment } from '../../src/appointment/cancel-appointment';
import { GetAppointment } from '../../src/appointment/get-appointment';
import { RecordReferralAwaitingBooking } from '../../src/awaiting-booking/record-referral-awaiting-booking';
import { bookingService } from '../../src/booking.service';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { PublishSlots } from '../../src/slot/publish-slots';
import { SearchFreeSlots } from '../../src/slot/search-free-slots';
import { publishSlotsBody } from '../../src/slot/slot.dto';

const CDAS = 'org-riverside-cdas';
const HOSPITAL = 'org-st-elsewhere';

const aPrincipal = (overrides: Partial<Principal> = {}): Principal => ({
  userId: `user-${randomUUID()}`,
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: CDAS,
  orgKind: 'cdas',
  siteIds: [],
  ...overrides,
});

/** Slots and appointments on the real Postgres: the database refuses every double booking. */
describe('booking appointments into published slots', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const clinicAdmin = aPrincipal({ roles: ['clinic_admin'], orgId: HOSPITAL, orgKind: 'hospital' });
  const keyworker = aPrincipal();
  let publish: PublishSlots;
  let search: SearchFreeSlots;
  let book: BookAppointment;
  let cancel: CancelAppointment;
  let getOne: GetAppointment;

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_appointments');
    db = await Database.open(
      { url: testDb.url, poolSize: 25, logger: { info: () => undefined, warn: () => undefined } },
      [bookingService.database],
    );
    const outbox = new Outbox(BOOKING_SCHEMA, clock);
    const audit = new AuditTrail();
    publish = new PublishSlots(db.dataSource, clock);
    search = new SearchFreeSlots(db.dataSource, clock);
    book = new BookAppointment(db.dataSource, outbox, audit, clock);
    cancel = new CancelAppointment(db.dataSource, outbox, audit, clock);
    getOne = new GetAppointment(db.dataSource, audit);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  async function aSlot(capacity = 1, startsAt = '2026-12-03T09:00:00Z', serviceType = 'respiratory') {
    const body = publishSlotsBody.parse({
      serviceType,
      providerName: 'St Elsewhere respiratory clinic',
      location: 'Outpatients B, St Elsewhere Hospital',
      slots: [{ startsAt, endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(), capacity }],
    });
    const { result } = await publish.execute(clinicAdmin, body, undefined);
    return result.slots[0]!;
  }

  const attempt = (slotId: string) =>
    book.execute(keyworker, { slotId, clientId: randomUUID() }, randomUUID()).then(
      (outcome) => ({ ok: true as const, id: outcome.result.id }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );

  const bookedInDb = async (slotId: string) => {
    const rows: { booked: number; appointments: string }[] = await db.dataSource.query(
      `SELECT s.booked, (SELECT count(*) FROM booking.appointment a WHERE a.slot_id = s.id AND a.status = 'booked')
         AS appointments FROM booking.slot s WHERE s.id = $1`,
      [slotId],
    );
    return { booked: rows[0]!.booked, appointments: Number(rows[0]!.appointments) };
  };

  const outboxEvents = async (appointmentId: string) => {
    const rows: { event_type: string; payload: EventEnvelope<unknown> }[] = await db.dataSource.query(
      `SELECT event_type, payload FROM booking.outbox WHERE message_key = $1 ORDER BY seq`,
      [appointmentId],
    );
    return rows.map(
      (r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as EventEnvelope<unknown>,
    );
  };

  it('20 concurrent bookings of a capacity-1 slot: exactly one appointment, 19 SLOT_ALREADY_BOOKED', async () => {
    const slot = await aSlot(1);
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(slot.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(19).fill('SLOT_ALREADY_BOOKED'));
    expect(await bookedInDb(slot.id)).toEqual({ booked: 1, appointments: 1 });
  });

  it('10 concurrent bookings of a capacity-3 slot: exactly 3 appointments, on 3 different seats', async () => {
    const slot = await aSlot(3, '2026-12-03T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(slot.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'SLOT_ALREADY_BOOKED')).toBe(true);
    expect(await bookedInDb(slot.id)).toEqual({ booked: 3, appointments: 3 });
    const seats: { seat: number }[] = await db.dataSource.query(
      `SELECT seat FROM booking.appointment WHERE slot_id = $1 ORDER BY seat`,
      [slot.id],
    );
    expect(seats.map((s) => s.seat)).toEqual([1, 2, 3]);
  });

  it('the database itself refuses more bookings than seats, whatever the code does', async () => {
    const slot = await aSlot(1, '2026-12-03T11:00:00Z');
    await expect(
      db.dataSource.query(`UPDATE booking.slot SET booked = 2 WHERE id = $1`, [slot.id]),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'slot_booked_within_capacity' }),
    });
    const insert = (seat: number) =>
      db.dataSource.query(
        `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at)
         VALUES ($1, $2, $3, $4, $5, 'booked', 'test', now())`,
        [randomUUID(), CDAS, slot.id, seat, randomUUID()],
      );
    await insert(1);
    await expect(insert(1)).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'appointment_one_per_seat' }),
    });
  });

  it('books for a referral: appointment.booked.v1 in the outbox, valid by its contract; audited', async () => {
    const referral = aReferralCreatedEvent({ orgId: CDAS, data: { status: 'sent' } });
    await db.transaction((m) => new RecordReferralAwaitingBooking(clock).execute(m, referral));
    const slot = await aSlot(1, '2026-12-04T09:00:00Z');
    const key = randomUUID();
    const body = {
      slotId: slot.id,
      clientId: referral.data.clientId,
      referralId: referral.data.referralId,
      notesForClinic: 'Prefers mornings',
      accompaniment: { needed: true, by: 'peer_supporter' as const, transportArranged: false },
    };
    const first = await book.execute(keyworker, body, key);
    expect(first.replayed).toBe(false);
    const again = await book.execute(keyworker, body, key);
    expect(again).toEqual({ replayed: true, result: first.result });

    const [booked, ...more] = await outboxEvents(first.result.id);
    expect(more).toEqual([]);
    expect(booked).toMatchObject({ type: 'appointment.booked.v1', orgId: CDAS, subjectId: first.result.id });
    expect(appointmentBookedV1.data.parse(booked!.data)).toEqual({
      appointmentId: first.result.id,
      clientId: referral.data.clientId,
      referralId: referral.data.referralId,
      providerName: 'St Elsewhere respiratory clinic',
      serviceType: 'respiratory',
      location: 'Outpatients B, St Elsewhere Hospital',
      startsAt: '2026-12-04T09:00:00.000Z',
      endsAt: '2026-12-04T09:20:00.000Z',
      bookedBy: keyworker.userId,
    });

    const read = await getOne.execute(keyworker, first.result.id);
    expect(read).toMatchObject({
      status: 'booked',
      referralId: referral.data.referralId,
      notesForClinic: 'Prefers mornings',
    });
    const audit = await new AuditTrail().forClient(
      db.dataSource.manager,
      BOOKING_SCHEMA,
      referral.data.clientId,
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });

  it('refuses a referral of another client or organisation, a slot that started, and non-CDAS staff', async () => {
    const slot = await aSlot(1, '2026-12-05T09:00:00Z');
    await expect(
      book.execute(
        keyworker,
        { slotId: slot.id, clientId: randomUUID(), referralId: randomUUID() },
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    await expect(
      book.execute(keyworker, { slotId: randomUUID(), clientId: randomUUID() }, undefined),
    ).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
    await expect(
      book.execute(
        aPrincipal({ orgId: HOSPITAL, orgKind: 'hospital', roles: ['clinician'] }),
        { slotId: slot.id, clientId: randomUUID() },
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'CDAS_STAFF_ONLY' });
    const later = new ManualClock('2026-12-05T09:00:00Z');
    const lateBook = new BookAppointment(
      db.dataSource,
      new Outbox(BOOKING_SCHEMA, later),
      new AuditTrail(),
      later,
    );
    await expect(
      lateBook.execute(keyworker, { slotId: slot.id, clientId: randomUUID() }, undefined),
    ).rejects.toMatchObject({
      code: 'SLOT_ALREADY_STARTED',
    });
    expect(await bookedInDb(slot.id)).toEqual({ booked: 0, appointments: 0 });
  });

  it('cancelling frees the seat, emits appointment.cancelled.v1, and cannot happen twice', async () => {
    const slot = await aSlot(1, '2026-12-06T09:00:00Z', 'hepatology');
    const { result } = await book.execute(keyworker, { slotId: slot.id, clientId: randomUUID() }, undefined);
    const free = async () =>
      (await search.execute({ serviceType: 'hepatology' })).find((s) => s.id === slot.id);
    expect(await free()).toBeUndefined();
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
    expect(await free()).toMatchObject({ free: 1, capacity: 1 });
    const events = await outboxEvents(result.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked.v1', 'appointment.cancelled.v1']);
    expect(appointmentCancelledV1.data.parse(events[1]!.data)).toEqual({
      appointmentId: result.id,
      clientId: result.clientId,
      referralId: null,
      cancelledBy: 'client',
      reason: 'Unwell',
      startsAt: '2026-12-06T09:00:00.000Z',
    });
    await expect(
      cancel.execute(keyworker, result.id, { cancelledBy: 'cdas', reason: 'again' }, undefined),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_BOOKED' });
    expect((await attempt(slot.id)).ok).toBe(true);
  });

  it('another organisation cannot read or cancel an appointment: 404 as if it did not exist', async () => {
    const slot = await aSlot(1, '2026-12-07T09:00:00Z');
    const { result } = await book.execute(keyworker, { slotId: slot.id, clientId: randomUUID() }, undefined);
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
  });

  it('publishes future slots only, and search lists free ones by service type and window', async () => {
    const body = publishSlotsBody.parse({
      serviceType: 'wound-care',
      providerName: 'Riverside in-house wound clinic',
      location: 'Riverside Hub, room 2',
      slots: [
        { startsAt: '2026-12-10T09:00:00Z', endsAt: '2026-12-10T09:30:00Z', capacity: 4 },
        { startsAt: '2026-11-30T08:00:00Z', endsAt: '2026-11-30T08:30:00Z' },
      ],
    });
    await expect(publish.execute(clinicAdmin, body, undefined)).rejects.toMatchObject({
      code: 'SLOT_IN_THE_PAST',
    });
    const key = randomUUID();
    const future = { ...body, slots: [body.slots[0]!] };
    const published = await publish.execute(clinicAdmin, future, key);
    expect(await publish.execute(clinicAdmin, future, key)).toEqual({
      replayed: true,
      result: published.result,
    });
    const found = await search.execute({
      serviceType: 'wound-care',
      from: '2026-12-10T00:00:00Z',
      to: '2026-12-11T00:00:00Z',
    });
    expect(found).toEqual([
      expect.objectContaining({ id: published.result.slots[0]!.id, capacity: 4, free: 4 }),
    ]);
    expect(await search.execute({ serviceType: 'wound-care', from: '2026-12-11T00:00:00Z' })).toEqual([]);
  });
});
