import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { InreachSessionMoves1764400002700 } from '../../src/migrations/1764400002700-inreach-session-moves';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aPrincipal, aSchedule, aSlotOn, RIVERSIDE_CDAS } from '../support/booking-fixtures';

/**
 * Migration 1764400002700: the cascade's work list holds one row per appointment and session, a
 * moved row names its slot and nothing else does, and `down` removes the table.
 */
describe('booking migration 1764400002700 (in-reach session moves)', () => {
  const db = useBookingDatabase('booking_migration_2700');
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const sessionId = randomUUID();
  let appointmentId: string;
  let slotId: string;

  beforeAll(async () => {
    const m = db.dataSource.manager;
    const slot = await aSlotOn(m, await aSchedule(m), { startsAt: '2026-12-10T09:00:00Z' });
    const client = await aBookingClient(m, { orgId: RIVERSIDE_CDAS });
    const { book } = appointmentsAt(db.dataSource, clock);
    const body = bookAppointmentBody.parse({ slotId: slot.id, clientId: client.clientId });
    appointmentId = (await book.execute(aPrincipal(), body, undefined)).result.id;
    slotId = slot.id;
  });

  const aMove = (status: string, newSlotId: string | null = null) =>
    db.dataSource.query(
      `INSERT INTO booking.session_move (id, appointment_id, session_id, status, new_slot_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, now(), now())`,
      [randomUUID(), appointmentId, sessionId, status, newSlotId],
    );

  it('keeps one row per appointment and session, and a slot on moved rows only', async () => {
    await expect(aMove('moved')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514', constraint: 'session_move_new_slot' }),
    });
    await expect(aMove('pending', slotId)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514', constraint: 'session_move_new_slot' }),
    });
    await expect(aMove('done')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514', constraint: 'session_move_status' }),
    });
    await aMove('pending');
    await expect(aMove('pending')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: 'session_move_once' }),
    });
    expect(
      await db.dataSource.query(
        `SELECT status, attempts FROM booking.session_move WHERE appointment_id = $1`,
        [appointmentId],
      ),
    ).toEqual([{ status: 'pending', attempts: 0 }]);
  });

  it('goes down by dropping the table, and up again', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new InreachSessionMoves1764400002700().down(runner);
      expect(await db.dataSource.query(`SELECT to_regclass('booking.session_move') AS t`)).toEqual([
        { t: null },
      ]);
      await new InreachSessionMoves1764400002700().up(runner);
    } finally {
      await runner.release();
    }
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM booking.session_move`)).toEqual([
      { n: 0 },
    ]);
  });
});
