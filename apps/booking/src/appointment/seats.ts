import type { EntityManager } from 'typeorm';
import type { Slot } from '../slot/slot.entity';
import { AppointmentError } from './appointment.errors';

/**
 * Takes the lowest free seat of a slot the caller has locked and counts it in `taken`; SLOT_ALREADY_BOOKED
 * when none is left. The database's CHECK (taken <= capacity) and unique seat index back this up.
 */
export async function takeSeat(manager: EntityManager, slot: Slot): Promise<number> {
  const rows: { seat: number }[] = await manager.query(
    `SELECT s AS "seat" FROM generate_series(1, $2::int) AS s
      WHERE NOT EXISTS (SELECT 1 FROM "booking"."appointment" a
                         WHERE a."slot_id" = $1 AND a."seat" = s AND a."status" IN ('held', 'booked'))
      ORDER BY s LIMIT 1`,
    [slot.id, slot.capacity],
  );
  const seat = rows[0]?.seat ?? null;
  if (slot.taken >= slot.capacity || seat === null) {
    throw new AppointmentError('SLOT_ALREADY_BOOKED', {
      detail: `Slot ${slot.id} is fully booked`,
      extensions: { slotId: slot.id },
    });
  }
  await manager.query(`UPDATE "booking"."slot" SET "taken" = "taken" + 1 WHERE "id" = $1`, [slot.id]);
  slot.taken += 1;
  return seat;
}

/** Gives a seat of a locked slot back (cancellation, a move away, a hold released). */
export async function giveBackSeat(manager: EntityManager, slot: Slot): Promise<void> {
  await manager.query(`UPDATE "booking"."slot" SET "taken" = "taken" - 1 WHERE "id" = $1`, [slot.id]);
  slot.taken -= 1;
}
