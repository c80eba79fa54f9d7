import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { InreachOfferHolds1764400002800 } from '../../src/migrations/1764400002800-inreach-offer-holds';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aPrincipal, aSchedule, aSlotOn, RIVERSIDE_CDAS } from '../support/booking-fixtures';

/**
 * Migration 1764400002800: an offer holds at most one appointment, only an offer's hold ends
 * `declined`, and `down` turns declined holds into released ones before dropping the offer id.
 */
describe('booking migration 1764400002800 (in-reach offer holds)', () => {
  const db = useBookingDatabase('booking_migration_2800');
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const holds: string[] = [];

  beforeAll(async () => {
    const m = db.dataSource.manager;
    const slot = await aSlotOn(m, await aSchedule(m), { startsAt: '2026-12-10T09:00:00Z', capacity: 2 });
    const { hold } = appointmentsAt(db.dataSource, clock);
    for (let i = 0; i < 2; i += 1) {
      const client = await aBookingClient(m, { orgId: RIVERSIDE_CDAS });
      const body = bookAppointmentBody.parse({ slotId: slot.id, clientId: client.clientId });
      holds.push((await hold.execute(aPrincipal(), body, undefined)).result.id);
    }
  });

  const set = (id: string, columns: string) =>
    db.dataSource.query(`UPDATE booking.appointment SET ${columns} WHERE id = $1`, [id]);
  const declined = `status = 'hold_ended', hold_ended_reason = 'declined'`;

  it('keeps each offer to one appointment and `declined` to offers’ holds', async () => {
    const [first, second] = holds as [string, string];
    await expect(set(first, declined)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514', constraint: 'appointment_hold_ended_reason' }),
    });
    const offerId = randomUUID();
    await set(first, `offer_id = '${offerId}'`);
    await expect(set(second, `offer_id = '${offerId}'`)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: 'appointment_offer_once' }),
    });
    await set(first, declined);
    expect(
      await db.dataSource.query(`SELECT status, hold_ended_reason FROM booking.appointment WHERE id = $1`, [
        first,
      ]),
    ).toEqual([{ status: 'hold_ended', hold_ended_reason: 'declined' }]);
  });

  it('goes down with declined holds as released, and up again', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new InreachOfferHolds1764400002800().down(runner);
      expect(
        await db.dataSource.query(`SELECT hold_ended_reason FROM booking.appointment WHERE id = $1`, [
          holds[0],
        ]),
      ).toEqual([{ hold_ended_reason: 'released' }]);
      await expect(
        set(holds[1]!, `status = 'hold_ended', hold_ended_reason = 'declined'`),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '23514' }),
      });
      await new InreachOfferHolds1764400002800().up(runner);
    } finally {
      await runner.release();
    }
    expect(
      await db.dataSource.query(`SELECT count(*)::int AS n FROM booking.appointment WHERE offer_id IS NULL`),
    ).toEqual([{ n: 2 }]);
  });
});
