import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { openBookingSchema, openBookingSchemaUpTo } from '../support/booking-database';
import { Appointment } from '../../src/appointment/appointment.entity';
import { CreateSlotsAndAppointments1764400002200 } from '../../src/migrations/1764400002200-create-slots-and-appointments';
import { toSlotView } from '../../src/slot/slot.dto';
import { Slot } from '../../src/slot/slot.entity';

/**
 * Slots and appointments published before supply was modelled survive migration 1764400002300: each
 * slot gets an organisation, a site and a schedule made from its own text, and its `booked` count
 * becomes `taken`, with its appointments untouched.
 */
describe('booking migration 1764400002300 on data in the old shape', () => {
  let testDb: TestDatabase;
  let db: Database | undefined;
  const hospital = 'org-st-elsewhere';
  const gp = 'org-high-street-surgery';
  const chestA = randomUUID();
  const chestB = randomUUID();
  const gpSlot = randomUUID();
  const booked = randomUUID();
  const cancelled = randomUUID();
  const clientId = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_migration_2300');
    const old = await openBookingSchemaUpTo(testDb.url, CreateSlotsAndAppointments1764400002200);
    try {
      const slot = (
        id: string,
        orgId: string,
        provider: string,
        location: string,
        startsAt: string,
        booked: number,
      ) =>
        old.dataSource.query(
          `INSERT INTO booking.slot (id, org_id, service_type, provider_name, location, starts_at, ends_at, capacity,
             booked, published_by, published_at)
           VALUES ($1, $2, 'respiratory', $3, $4, $5, $5::timestamptz + interval '20 minutes', 1, $6, 'jo.bennett', now())`,
          [id, orgId, provider, location, startsAt, booked],
        );
      await slot(
        chestA,
        hospital,
        'Chest clinic',
        'Outpatients B, St Elsewhere Hospital',
        '2026-12-03T09:00:00Z',
        1,
      );
      await slot(
        chestB,
        hospital,
        'Chest clinic',
        'Outpatients B, St Elsewhere Hospital',
        '2026-12-03T09:20:00Z',
        0,
      );
      await slot(gpSlot, gp, 'Dr Sam Patel', 'High Street Surgery', '2026-12-04T10:00:00Z', 0);
      const appointment = (id: string, slotId: string, status: string) =>
        old.dataSource.query(
          `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, notes_for_clinic, booked_by,
             booked_at, cancelled_by, cancellation_reason, cancelled_at)
           VALUES ($1, 'org-riverside-cdas', $2, 1, $3, $4, 'Prefers mornings', 'alex.morgan', now(),
             $5, $6, $7)`,
          status === 'booked'
            ? [id, slotId, clientId, status, null, null, null]
            : [id, slotId, clientId, status, 'client', 'Unwell', new Date()],
        );
      await appointment(booked, chestA, 'booked');
      await appointment(cancelled, chestB, 'cancelled');
      const tables: { table_name: string }[] = await old.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'booking' AND table_name = 'organisation'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await old.close();
    }
    db = await openBookingSchema(testDb.url);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const supplyOf = (slotId: string) =>
    db!.dataSource.query(
      `SELECT s.org_id, o.kind AS org_kind, site.name AS site_name, site.address, site.org_id AS site_org,
              sch.name AS schedule_name, sch.service_type, sch.kind AS schedule_kind, sch.org_id AS schedule_org,
              sch.site_id = s.site_id AS same_site, s.schedule_id, s.status, s.taken
         FROM booking.slot s
         JOIN booking.schedule sch ON sch.id = s.schedule_id
         JOIN booking.site site ON site.id = s.site_id
         JOIN booking.organisation o ON o.id = s.org_id
        WHERE s.id = $1`,
      [slotId],
    ) as Promise<Record<string, unknown>[]>;

  it('gives every old slot an organisation, a site and a schedule made from its own text', async () => {
    const [a] = await supplyOf(chestA);
    expect(a).toEqual({
      org_id: hospital,
      org_kind: 'hospital',
      site_name: 'Outpatients B, St Elsewhere Hospital',
      address: 'Outpatients B, St Elsewhere Hospital',
      site_org: hospital,
      schedule_name: 'Chest clinic',
      service_type: 'respiratory',
      schedule_kind: 'clinic',
      schedule_org: hospital,
      same_site: true,
      schedule_id: expect.any(String),
      status: 'open',
      taken: 1,
    });
    const [b] = await supplyOf(chestB);
    expect(b!.schedule_id).toBe(a!.schedule_id);
    const [other] = await supplyOf(gpSlot);
    expect(other).toMatchObject({
      org_id: gp,
      site_name: 'High Street Surgery',
      schedule_name: 'Dr Sam Patel',
    });
    expect(other!.schedule_id).not.toBe(a!.schedule_id);
    expect(await db!.dataSource.query(`SELECT count(*)::int AS n FROM booking.schedule`)).toEqual([{ n: 2 }]);
  });

  it('turns the booked count into taken, keeps the appointments as they were, and still refuses overbooking', async () => {
    const slots = await db!.dataSource.getRepository(Slot).findBy({});
    expect(Object.fromEntries(slots.map((s) => [s.id, toSlotView(s).free]))).toEqual({
      [chestA]: 0,
      [chestB]: 1,
      [gpSlot]: 1,
    });
    const columns: { column_name: string }[] = await db!.dataSource.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'booking' AND table_name = 'slot' AND column_name IN ('booked', 'taken')`,
    );
    expect(columns).toEqual([{ column_name: 'taken' }]);

    const appointments = await db!.dataSource.getRepository(Appointment).find({ order: { status: 'ASC' } });
    expect(appointments.map((a) => [a.id, a.slotId, a.seat, a.clientId, a.status, a.notesForClinic])).toEqual(
      [
        [booked, chestA, 1, clientId, 'booked', 'Prefers mornings'],
        [cancelled, chestB, 1, clientId, 'cancelled', 'Prefers mornings'],
      ],
    );
    expect(appointments[0]).toMatchObject({
      doNotDischarge: true,
      underReservation: false,
      holdExpiresAt: null,
    });
    expect(appointments[1]).toMatchObject({ cancelledBy: 'client', cancellationReason: 'Unwell' });

    await expect(
      db!.dataSource.query(`UPDATE booking.slot SET taken = 2 WHERE id = $1`, [chestA]),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'slot_taken_within_capacity' }),
    });
  });
});
