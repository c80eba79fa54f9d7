import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { openBookingSchema, openBookingSchemaUpTo } from '../support/booking-database';
import { Appointment } from '../../src/appointment/appointment.entity';
import { SupplyReservationsHoldsAttendance1764400002300 } from '../../src/migrations/1764400002300-supply-reservations-holds-attendance';
import { SeatWithinSlotCapacity1764400002400 } from '../../src/migrations/1764400002400-seat-within-slot-capacity';
import { HoldEndedReason1764400002500 } from '../../src/migrations/1764400002500-hold-ended-reason';

/**
 * Appointments made before migrations 1764400002400 and 1764400002500 get their slot's capacity and,
 * for ended holds, the reason their audit entry gave; from then on the database checks every live
 * seat against the capacity, through capacity changes too.
 */
describe('booking migrations 1764400002400 and 1764400002500 on data in the 2300 shape', () => {
  let testDb: TestDatabase;
  let db: Database | undefined;
  const slotId = randomUUID();
  const seat1 = randomUUID();
  const cancelledSeat2 = randomUUID();
  const seat3 = randomUUID();
  const released = randomUUID();
  const expired = randomUUID();
  const endedUnaudited = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_migration_2400');
    const old = await openBookingSchemaUpTo(testDb.url, SupplyReservationsHoldsAttendance1764400002300);
    try {
      const q = (sql: string, params: unknown[] = []) => old.dataSource.query(sql, params);
      const siteId = randomUUID();
      const scheduleId = randomUUID();
      await q(`INSERT INTO booking.organisation (id, name, kind, updated_by, updated_at)
               VALUES ('org-st-elsewhere', 'St Elsewhere', 'hospital', 'jo.bennett', now())`);
      await q(
        `INSERT INTO booking.site (id, org_id, name, address, created_by, created_at)
         VALUES ($1, 'org-st-elsewhere', 'Outpatients B', 'Lower Road', 'jo.bennett', now())`,
        [siteId],
      );
      await q(
        `INSERT INTO booking.schedule (id, org_id, site_id, kind, name, service_type, created_by, created_at)
         VALUES ($1, 'org-st-elsewhere', $2, 'clinic', 'Chest clinic', 'respiratory', 'jo.bennett', now())`,
        [scheduleId, siteId],
      );
      await q(
        `INSERT INTO booking.slot (id, org_id, schedule_id, site_id, service_type, provider_name, location,
           starts_at, ends_at, capacity, taken, published_by, published_at)
         VALUES ($1, 'org-st-elsewhere', $2, $3, 'respiratory', 'Chest clinic', 'Lower Road',
           '2026-12-03T09:00:00Z', '2026-12-03T09:20:00Z', 3, 2, 'jo.bennett', now())`,
        [slotId, scheduleId, siteId],
      );
      const appointment = (id: string, seat: number, status: string) =>
        q(
          `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at,
             hold_expires_at)
           VALUES ($1, 'org-riverside-cdas', $2, $3, $4, $5, 'alex.morgan', now(), $6)`,
          [id, slotId, seat, randomUUID(), status, status === 'hold_ended' ? '2026-11-30T09:10:00Z' : null],
        );
      await appointment(seat1, 1, 'booked');
      await appointment(cancelledSeat2, 2, 'cancelled');
      await appointment(seat3, 3, 'booked');
      for (const hold of [released, expired, endedUnaudited]) await appointment(hold, 2, 'hold_ended');
      const holdEnded = (id: string, reason: string) =>
        q(
          `INSERT INTO booking.audit_log (actor_user_id, actor_org_id, action, subject_type, subject_id,
             correlation_id, details)
           VALUES ('alex.morgan', 'org-riverside-cdas', 'update', 'appointment', $1, $1, $2)`,
          [id, { status: 'hold_ended', reason }],
        );
      await holdEnded(released, 'released');
      await holdEnded(expired, 'expired');
    } finally {
      await old.close();
    }
    db = await openBookingSchema(testDb.url);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    db!.dataSource.query(sql, params) as Promise<T[]>;
  const constraintOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { driverError?: { constraint?: string } }) => e.driverError?.constraint,
    );
  const capacities = async () =>
    Object.fromEntries(
      (
        await q<{ id: string; slot_capacity: number }>(`SELECT id, slot_capacity FROM booking.appointment`)
      ).map((r) => [r.id, r.slot_capacity]),
    );

  it("gives every appointment its slot's capacity, and each ended hold the reason its audit entry gave", async () => {
    const appointments = await db!.dataSource.getRepository(Appointment).findBy({});
    expect(Object.fromEntries(appointments.map((a) => [a.id, [a.slotCapacity, a.holdEndedReason]]))).toEqual({
      [seat1]: [3, null],
      [cancelledSeat2]: [3, null],
      [seat3]: [3, null],
      [released]: [3, 'released'],
      [expired]: [3, 'expired'],
      [endedUnaudited]: [3, null],
    });
    const nullable = await q(
      `SELECT is_nullable FROM information_schema.columns
        WHERE table_schema = 'booking' AND table_name = 'appointment' AND column_name = 'slot_capacity'`,
    );
    expect(nullable).toEqual([{ is_nullable: 'NO' }]);
    expect(
      await constraintOf(
        q(`UPDATE booking.appointment SET hold_ended_reason = 'expired' WHERE id = $1`, [seat1]),
      ),
    ).toBe('appointment_hold_ended_reason');
  });

  it('follows capacity changes: a rise carries to every appointment, a cut below a live seat is refused', async () => {
    await q(`UPDATE booking.slot SET capacity = 4 WHERE id = $1`, [slotId]);
    expect(new Set(Object.values(await capacities()))).toEqual(new Set([4]));

    // Two seats taken would fit in two, but the booked appointment on seat 3 would not.
    expect(await constraintOf(q(`UPDATE booking.slot SET capacity = 2 WHERE id = $1`, [slotId]))).toBe(
      'appointment_seat_within_capacity',
    );
    expect(await q(`SELECT capacity FROM booking.slot WHERE id = $1`, [slotId])).toEqual([{ capacity: 4 }]);

    // Once seat 3 is cancelled the cut goes through: history's seat numbers never block it.
    await q(`UPDATE booking.appointment SET status = 'cancelled' WHERE id = $1`, [seat3]);
    await q(`UPDATE booking.slot SET capacity = 2, taken = 1 WHERE id = $1`, [slotId]);
    expect(new Set(Object.values(await capacities()))).toEqual(new Set([2]));
    expect(
      await constraintOf(q(`UPDATE booking.appointment SET status = 'booked' WHERE id = $1`, [seat3])),
    ).toBe('appointment_seat_within_capacity');
  });

  it('comes down and goes up again', async () => {
    const runner = db!.dataSource.createQueryRunner();
    try {
      await new HoldEndedReason1764400002500().down(runner);
      await new SeatWithinSlotCapacity1764400002400().down(runner);
      const columns = await q(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'booking' AND table_name = 'appointment'
            AND column_name IN ('slot_capacity', 'hold_ended_reason')`,
      );
      expect(columns).toEqual([]);
      await new SeatWithinSlotCapacity1764400002400().up(runner);
      await new HoldEndedReason1764400002500().up(runner);
    } finally {
      await runner.release();
    }
    expect(new Set(Object.values(await capacities()))).toEqual(new Set([2]));
    expect(await q(`SELECT hold_ended_reason FROM booking.appointment WHERE id = $1`, [released])).toEqual([
      { hold_ended_reason: 'released' },
    ]);
  });
});
